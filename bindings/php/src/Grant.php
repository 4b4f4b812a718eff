<?php

declare(strict_types=1);

namespace Usersig;

/** A PrivateMapKey's grant: who may do what in which TRTC room, until when. */
final class Grant
{
    /** @internal */
    public function __construct(
        /** The user id the grant is for. */
        public readonly string $userId,
        /** The application the grant is for. */
        public readonly int $sdkappid,
        /** The room: an int for a numeric room id, a string for a string room id. */
        public readonly int|string $room,
        /** What the user may do there: {@see Privilege} bits. */
        public readonly int $privileges,
        /** The absolute Unix time after which the grant is void. */
        public readonly int $expiresAt,
    ) {
    }
}
