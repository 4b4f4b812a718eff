<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** The token cannot be decoded: not a UserSig, or damaged or truncated (Tencent's 70003). */
final class MalformedTokenException extends TokenException
{
    /** The core's name of this kind of error. */
    public const KIND = 'malformed';

    /**
     * What is wrong with it: too_long, base64, zlib, too_large_inflated, json, missing_field,
     * invalid_field, unsupported_version (or other, from a newer library).
     */
    public readonly string $reason;

    /** The JSON field at fault, for missing_field and invalid_field. */
    public readonly ?string $field;

    /** The token's length in characters, for too_long. */
    public readonly ?int $length;

    /** The limit, for too_long (characters) and too_large_inflated (bytes). */
    public readonly ?int $max;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->reason = $fields['reason'];
        $this->field = $fields['field'] ?? null;
        $this->length = $fields['length'] ?? null;
        $this->max = $fields['max'] ?? null;
    }
}
