<?php

declare(strict_types=1);

namespace Usersig\Exception;

/**
 * A callback the verifier refused: not sent by Tencent, altered, for another application, out of
 * its window, or not as Tencent writes it. Answer it with a 4xx status and ignore it.
 */
abstract class CallbackException extends UsersigException
{
}
