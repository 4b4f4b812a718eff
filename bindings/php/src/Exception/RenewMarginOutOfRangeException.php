<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** An admin token's renewal margin is negative or not shorter than its validity. */
final class RenewMarginOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'renew_margin_out_of_range';

    /** The margin that was given, in seconds. */
    public readonly int $margin;

    /** The validity it must be shorter than, in seconds. */
    public readonly int $validity;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->margin = $fields['margin'];
        $this->validity = $fields['validity'];
    }
}
