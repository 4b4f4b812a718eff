<?php

declare(strict_types=1);

namespace Usersig;

/**
 * What a PrivateMapKey lets a user do in a TRTC room: eight bits, combined with `|`, e.g.
 * `Privilege::ENTER_ROOM | Privilege::RECV_AUDIO | Privilege::RECV_VIDEO` (42).
 */
final class Privilege
{
    /** May create the room. */
    public const CREATE_ROOM = 1;
    /** May enter the room. */
    public const ENTER_ROOM = 2;
    /** May send audio. */
    public const SEND_AUDIO = 4;
    /** May receive audio. */
    public const RECV_AUDIO = 8;
    /** May send video. */
    public const SEND_VIDEO = 16;
    /** May receive video. */
    public const RECV_VIDEO = 32;
    /** May send the sub-stream (screen sharing). */
    public const SEND_SUB_STREAM = 64;
    /** May receive the sub-stream (screen sharing). */
    public const RECV_SUB_STREAM = 128;
    /** Every privilege. */
    public const ALL = 255;

    private function __construct()
    {
    }
}
