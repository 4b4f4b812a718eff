<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A REST API host or base URL is not acceptable. */
final class InvalidEndpointException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'invalid_endpoint';

    /** What is wrong with it. */
    public readonly string $reason;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->reason = $fields['reason'];
    }
}
