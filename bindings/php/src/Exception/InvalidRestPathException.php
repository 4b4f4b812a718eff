<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A REST API service or command name is empty or has a character outside `A-Z a-z 0-9 _ . -`. */
final class InvalidRestPathException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'invalid_rest_path';

    /** `service` or `command`. */
    public readonly string $part;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->part = $fields['part'];
    }
}
