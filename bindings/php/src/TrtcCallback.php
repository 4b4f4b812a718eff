<?php

declare(strict_types=1);

namespace Usersig;

/**
 * A TRTC callback whose signature (and sdkappid and time, if checked) passed
 * ({@see TrtcCallbackVerifier}), with the body's fields that say what happened; the rest of the
 * body is the caller's to decode. A field absent from the body is null.
 */
final class TrtcCallback
{
    /** @internal */
    public function __construct(
        /** The SdkAppId header: the application. */
        public readonly int $sdkappid,
        /** The body's EventGroupId (1 room events, 2 media events...). */
        public readonly ?int $eventGroupId,
        /** The body's EventType (103: a user entered the room...). */
        public readonly ?int $eventType,
        /** The body's CallbackTs, in Unix milliseconds. */
        public readonly ?int $callbackTs,
    ) {
    }
}
