<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A parameter, header or body field is not written as Tencent writes it. */
final class CallbackParamInvalidException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_param_invalid';

    /** The parameter or header, as Tencent spells it (such as "Sign" or "RequestTime"). */
    public readonly string $name;

    /** What is wrong with it, in words. */
    public readonly string $reason;

    /**
     * @param array<string, int|string> $fields the library's fields, by its names
     * @internal
     */
    public function __construct(string $message, ?int $tencentCode, array $fields)
    {
        parent::__construct($message, $tencentCode);
        $this->name = $fields['name'];
        $this->reason = $fields['reason'];
    }
}
