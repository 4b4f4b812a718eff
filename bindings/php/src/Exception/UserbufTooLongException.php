<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The userbuf is longer than `max` bytes. */
final class UserbufTooLongException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'userbuf_too_long';

    /** Its length in bytes. */
    public readonly int $length;

    /** The limit in bytes. */
    public readonly int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->length = $fields['length'];
        $this->max = $fields['max'];
    }
}
