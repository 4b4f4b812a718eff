<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The sdkappid is outside 0..4294967295. */
final class SdkAppIdOutOfRangeException extends InputException
{
    /** The core's name of this kind of error. */
    public const KIND = 'sdkappid_out_of_range';

    /** The sdkappid that was given. */
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
