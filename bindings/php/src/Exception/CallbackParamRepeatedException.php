<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A parameter the check reads appears more than once in the query. */
final class CallbackParamRepeatedException extends CallbackException
{
    /** The core's name of this kind of error. */
    public const KIND = 'callback_param_repeated';

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
