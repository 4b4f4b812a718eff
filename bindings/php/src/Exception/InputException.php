<?php

declare(strict_types=1);

namespace Usersig\Exception;

/** A value passed to a constructor or a signing method that no valid token can carry. */
abstract class InputException extends UsersigException
{
}
