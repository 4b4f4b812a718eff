<?php

declare(strict_types=1);

namespace Usersig\Internal;

/**
 * What every object holding a native handle shares: the handle has exactly one owner, which
 * frees it (the library then wipes the key's prepared state), so the object cannot be cloned or
 * serialized, and debug output shows no native state.
 *
 * @internal
 */
trait OwnsHandle
{
    private function __clone()
    {
    }

    /** @return never */
    public function __serialize(): array
    {
        throw new \LogicException('a ' . self::class . ' cannot be serialized: it does not keep its key');
    }

    /** @param array<mixed> $data */
    public function __unserialize(array $data): void
    {
        throw new \LogicException('a ' . self::class . ' cannot be unserialized');
    }

    /** @return array<string, mixed> what var_dump() and print_r() show: never the key */
    public function __debugInfo(): array
    {
        return $this->shown();
    }
}
