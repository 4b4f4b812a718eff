<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The callback is for another application than the verifier expects. */
final class CallbackSdkAppIdMismatchException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_sdkappid_mismatch';

    /** The sdkappid the verifier expects. */
    public readonly int $expected;

    /** The callback's sdkappid. */
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
