<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token was issued for another application (Tencent's 70014). */
final class SdkAppIdMismatchException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'sdkappid_mismatch';

    /** The sdkappid of the verifier. */
    public readonly int $expected;

    /** The sdkappid in the token. */
    public readonly int $found;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->expected = $fields['expected'];
        $this->found = $fields['found'];
    }
}
