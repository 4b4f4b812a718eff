<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The user id (or the admin id) holds a control character (U+0000 to U+001F, or U+007F). */
final class UserIdControlCharException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'user_id_control_char';

    /** The byte offset of the first one. */
    public readonly int $position;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->position = $fields['position'];
    }
}
