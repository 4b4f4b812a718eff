<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A callback verifier's window is negative or longer than a day. */
final class CallbackWindowOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_window_out_of_range';

    /** The window given, in seconds. */
    public readonly int $window;

    /** The widest window, in seconds. */
    public readonly int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->window = $fields['window'];
        $this->max = $fields['max'];
    }
}
