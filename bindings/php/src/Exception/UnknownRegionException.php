<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A region name is not one of the REST API's regions. */
final class UnknownRegionException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'unknown_region';

    /** The name that was given. */
    public readonly string $name;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->name = $fields['name'];
    }
}
