<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A token the verifier refused; getTencentCode() says how Tencent's servers report it. */
abstract class TokenException extends UsersigException
{
}
