<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token has expired (Tencent's 70001). */
final class ExpiredException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'expired';

    /** The last second at which the token was valid, in Unix seconds. */
    public readonly int $expiredAt;

    /** The time of the check, in Unix seconds. */
    public readonly int $now;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->expiredAt = $fields['expired_at'];
        $this->now = $fields['now'];
    }
}
