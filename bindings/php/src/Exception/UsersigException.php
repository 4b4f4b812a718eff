<?php

declare(strict_types=1);

namespace Usersig\Exception;

/**
 * The base of every exception this package throws for a bad input or a refused token: one final
 * class per kind of the core's error (its KIND constant is the core's name), under
 * {@see InputException} (refused before any token exists) or {@see TokenException} (a token the
 * verifier refused).
 *
 * The message never contains the key. getCode() is the Tencent code, 0 when there is none.
 */
class UsersigException extends \Exception
{
    /** The kind of an error whose kind this package does not know (a newer library's). */
    public const KIND = 'unknown';

    private readonly string $kind;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(
        string $message,
        private readonly ?int $tencentCode = null,
        array $fields = [],
        ?string $kind = null,
    ) {
        parent::__construct($message, $tencentCode ?? 0);
        $this->kind = $kind ?? static::KIND;
    }

    /** The core's name of this kind of error, such as "expired". */
    public function getKind(): string
    {
        return $this->kind;
    }

    /**
     * The code Tencent's servers use for the same fault (70001 expired, 70003 malformed, 70009
     * bad signature, 70013 user id, 70014 sdkappid, -100006 userbuf), or null when there is none
     * (every input error).
     */
    public function getTencentCode(): ?int
    {
        return $this->tencentCode;
    }
}
