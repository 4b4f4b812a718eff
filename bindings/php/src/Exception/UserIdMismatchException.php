<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token was issued to another user id (Tencent's 70013). */
final class UserIdMismatchException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'user_id_mismatch';

    /** The user id the caller expected. */
    public readonly string $expected;

    /** The user id in the token. */
    public readonly string $found;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->expected = $fields['expected'];
        $this->found = $fields['found'];
    }
}
