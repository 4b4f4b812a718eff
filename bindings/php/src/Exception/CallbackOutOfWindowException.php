<?php

declare(strict_types=1);

namespace Usersig\Exception;

/**
 * The callback's time is further from the clock than the verifier's window: stale, replayed, or
 * from the future.
 */
final class CallbackOutOfWindowException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_out_of_window';

    /** The callback's time (RequestTime, or CallbackTs in seconds), in Unix seconds. */
    public readonly int $time;

    /** The time of the check, in Unix seconds. */
    public readonly int $now;

    /** The verifier's window, in seconds either way. */
    public readonly int $window;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->time = $fields['time'];
        $this->now = $fields['now'];
        $this->window = $fields['window'];
    }
}
