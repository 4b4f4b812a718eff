<?php

declare(strict_types=1);

namespace Usersig\Internal;

use Usersig\ChatCallback;
use Usersig\Claims;
use Usersig\Exception\LibraryException;
use Usersig\Grant;
use Usersig\TrtcCallback;

/**
 * A cursor over one result of the library (docs/abi.md, "Results"): a tag byte, then
 * little-endian fixed-width integers and strings prefixed by their u32 length in bytes.
 *
 * @internal
 */
final class Reader
{
    private int $offset = 1;

    /** A reader of $data, after its tag byte. */
    public function __construct(private readonly string $data)
    {
    }

    /** A u8. */
    public function u8(): int
    {
        $this->need(1);
        return ord($this->data[$this->offset++]);
    }

    /** A little-endian u32. */
    public function u32(): int
    {
        $this->need(4);
        $value = unpack('V', $this->data, $this->offset)[1];
        $this->offset += 4;
        return $value;
    }

    /** A little-endian i32. */
    public function i32(): int
    {
        $value = $this->u32();
        return $value >= 0x80000000 ? $value - 0x100000000 : $value;
    }

    /** A little-endian i64. */
    public function i64(): int
    {
        $this->need(8);
        // 'P' is an unsigned 64-bit little-endian number, which PHP's signed int wraps: an i64.
        $value = unpack('P', $this->data, $this->offset)[1];
        $this->offset += 8;
        return $value;
    }

    /** Bytes after their u32 length. */
    public function blob(): string
    {
        $length = $this->u32();
        $this->need($length);
        $value = substr($this->data, $this->offset, $length);
        $this->offset += $length;
        return $value;
    }

    /** A UTF-8 string after its u32 length (the library writes only UTF-8). */
    public function text(): string
    {
        return $this->blob();
    }

    /** Checks that the whole result was read. */
    public function end(): void
    {
        if ($this->offset !== strlen($this->data)) {
            throw new LibraryException('the usersig library\'s result has trailing bytes');
        }
    }

    /** The claims the result holds. */
    public function claims(): Claims
    {
        $userId = $this->text();
        $this->need(38);
        // The four numbers, the userbuf flag and, for a plain UserSig, the grant's kind and the
        // signature's length, in one call: the common claims are read without another.
        ['a' => $sdkappid, 'i' => $issuedAt, 'e' => $expire, 'x' => $expiresAt, 'u' => $hasUserbuf,
            'g' => $roomKind, 's' => $length] = unpack('Pa/Pi/Pe/Px/Cu/Cg/Vs', $this->data, $this->offset);
        if ($hasUserbuf === 0 && $roomKind === 0) {
            $this->offset += 38;
            $this->need($length);
            $signature = substr($this->data, $this->offset, $length);
            $this->offset += $length;
            $this->end();
            return new Claims($userId, $sdkappid, $issuedAt, $expire, $expiresAt, null, null, $signature);
        }
        $this->offset += 33;
        $userbuf = $hasUserbuf === 1 ? $this->blob() : null;
        $roomKind = $this->u8();
        $grant = null;
        if ($roomKind !== 0) {
            $grantUser = $this->text();
            $grantApp = $this->i64();
            $room = $roomKind === 1 ? $this->i64() : $this->text();
            $grant = new Grant($grantUser, $grantApp, $room, $this->i64(), $this->i64());
        }
        $signature = $this->text();
        $this->end();
        return new Claims($userId, $sdkappid, $issuedAt, $expire, $expiresAt, $userbuf, $grant,
            $signature);
    }

    /** The Chat callback the result holds. */
    public function chatCallback(): ChatCallback
    {
        $command = $this->text();
        $sdkappid = $this->i64();
        $requestTime = $this->i64();
        $params = [];
        for ($count = $this->u32(); $count > 0; $count--) {
            $params[] = [$this->text(), $this->text()];
        }
        $this->end();
        return new ChatCallback($command, $sdkappid, $requestTime, $params);
    }

    /** The TRTC callback the result holds. */
    public function trtcCallback(): TrtcCallback
    {
        $sdkappid = $this->i64();
        $fields = [];
        for ($i = 0; $i < 3; $i++) {
            $fields[] = $this->u8() === 1 ? $this->i64() : null;
        }
        $this->end();
        return new TrtcCallback($sdkappid, ...$fields);
    }

    private function need(int $bytes): void
    {
        if ($this->offset + $bytes > strlen($this->data)) {
            throw new LibraryException('the usersig library\'s result is truncated');
        }
    }
}
