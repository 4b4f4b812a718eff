<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A parameter or header the callback's check needs is absent (or an empty header). */
final class CallbackParamMissingException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_param_missing';

    /** The parameter or header, as Tencent spells it (such as "Sign" or "RequestTime"). */
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
