<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A privilege mask is outside 0..255. */
final class PrivilegeOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'privilege_out_of_range';

    /** The mask that was given. */
    public readonly int $value;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->value = $fields['value'];
    }
}
