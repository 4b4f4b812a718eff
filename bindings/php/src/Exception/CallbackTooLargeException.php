<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The query string or the body is longer than the verifier reads. */
final class CallbackTooLargeException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_too_large';

    /** "query" or "body". */
    public readonly string $part;

    /** Its length, in bytes. */
    public readonly int $length;

    /** The limit, in bytes. */
    public readonly int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->part = $fields['part'];
        $this->length = $fields['length'];
        $this->max = $fields['max'];
    }
}
