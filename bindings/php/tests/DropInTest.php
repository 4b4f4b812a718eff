<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\Exception as E;
use Usersig\Signer;
use Usersig\TLSSigAPIv2;

use function Usersig\inspect;

/** The drop-in for Tencent's Tencent\TLSSigAPIv2 class. */
final class DropInTest extends TestCase
{
    /**
     * Calls $mint, and the same token from a Signer at the second the drop-in used (the call is
     * repeated in the rare case the clock ticked during it).
     *
     * @param callable(): string $mint
     * @param callable(Signer, int): string $same
     * @return array{string, string}
     */
    private static function both(callable $mint, callable $same): array
    {
        $signer = new Signer(Support::APP, Support::KEY);
        do {
            $before = time();
            $token = $mint();
            $after = time();
        } while ($before !== $after);
        self::assertSame($before, inspect($token)->issuedAt);
        return [$token, $same($signer, $before)];
    }

    public function testGenUserSigIsTheSignersTokenNow(): void
    {
        $api = new TLSSigAPIv2(Support::APP, Support::KEY);
        [$ours, $expected] = self::both(fn () => $api->genUserSig('xiaojun'),
            fn (Signer $s, int $now) => $s->userSig('xiaojun', 86400 * 180, now: $now));
        self::assertSame(Support::decode($expected), Support::decode($ours));
        [$ours, $expected] = self::both(fn () => $api->genUserSig(27149, '3600'),
            fn (Signer $s, int $now) => $s->userSig('27149', 3600, now: $now));
        self::assertSame(Support::decode($expected), Support::decode($ours));
        $fromString = new TLSSigAPIv2((string) Support::APP, Support::KEY);
        self::assertSame(Support::APP, inspect($fromString->genUserSig('a', 60))->sdkappid);
    }

    public function testPrivateMapKeysAreTheSignersNow(): void
    {
        $api = new TLSSigAPIv2(Support::APP, Support::KEY);
        [$ours, $expected] = self::both(fn () => $api->genPrivateMapKey('xiaojun', 86400 * 180, 10000, 255),
            fn (Signer $s, int $now) => $s->privateMapKey('xiaojun', 10000, 255, 86400 * 180, $now));
        self::assertSame(Support::decode($expected), Support::decode($ours));
        [$ours, $expected] = self::both(fn () => $api->genPrivateMapKeyWithStringRoomID('xiaojun', 300, 'aaa', '42'),
            fn (Signer $s, int $now) => $s->privateMapKey('xiaojun', 'aaa', 42, 300, $now));
        self::assertSame(Support::decode($expected), Support::decode($ours));
    }

    public function testVerifySigSetsItsOutParametersAndAcceptsUserbufs(): void
    {
        $api = new TLSSigAPIv2(Support::APP, Support::KEY);
        $sig = $api->genUserSig('xiaojun', 600);
        $init_time = 0;
        $expire = 0;
        $err_msg = 'unset';
        self::assertTrue($api->verifySig($sig, 'xiaojun', $init_time, $expire, $err_msg));
        self::assertSame(inspect($sig)->issuedAt, $init_time);
        self::assertSame([600, ''], [$expire, $err_msg]);
        $userbuf = 'untouched';
        self::assertTrue($api->verifySigWithUserBuf($sig, 'xiaojun', $init_time, $expire, $userbuf, $err_msg));
        self::assertSame('untouched', $userbuf);

        $pmk = $api->genPrivateMapKeyWithStringRoomID('xiaojun', 86400, 'aaa', 255);
        self::assertTrue($api->verifySig($pmk, 'xiaojun', $init_time, $expire, $err_msg));
        self::assertSame(86400, $expire);
        self::assertTrue($api->verifySigWithUserBuf($pmk, 'xiaojun', $init_time, $expire, $userbuf, $err_msg));
        self::assertSame(inspect($pmk)->userbuf, $userbuf);
        self::assertStringEndsWith("\x00\x03aaa", $userbuf);
        $numeric = $api->genPrivateMapKey(27149, 60, 10000, 1);
        self::assertTrue($api->verifySig($numeric, 27149, $init_time, $expire, $err_msg));
    }

    public function testVerifySigReturnsFalseWithTheReason(): void
    {
        $api = new TLSSigAPIv2(Support::APP, Support::KEY);
        $sig = $api->genUserSig('xiaojun', 600);
        $init_time = 'kept';
        $expire = 'kept';
        $err_msg = '';
        $cases = [
            [$sig, 'bob', E\UserIdMismatchException::class],
            ['garbage', 'xiaojun', E\MalformedTokenException::class],
            [(new TLSSigAPIv2(Support::APP, 'other'))->genUserSig('xiaojun'), 'xiaojun', E\BadSignatureException::class],
            [(new TLSSigAPIv2(1, Support::KEY))->genUserSig('xiaojun'), 'xiaojun', E\SdkAppIdMismatchException::class],
            [(new Signer(Support::APP, Support::KEY))->userSig('xiaojun', 1, now: time() - 10), 'xiaojun', E\ExpiredException::class],
        ];
        foreach ($cases as [$token, $user, $class]) {
            self::assertFalse($api->verifySig($token, $user, $init_time, $expire, $err_msg));
            try {
                (new \Usersig\Verifier(Support::APP, Support::KEY))->verifyAnyUserbuf($token, $user);
                self::fail('accepted');
            } catch (E\UsersigException $e) {
                self::assertSame($class, $e::class);
                self::assertSame($e->getMessage(), $err_msg);
            }
            self::assertSame(['kept', 'kept'], [$init_time, $expire]);
        }
        $userbuf = null;
        self::assertFalse($api->verifySigWithUserBuf($sig, "\xff", $init_time, $expire, $userbuf, $err_msg));
        self::assertSame('userId is not valid UTF-8', $err_msg);
    }

    public function testInputsThatMakeADeadTokenAreRefused(): void
    {
        $api = new TLSSigAPIv2(Support::APP, Support::KEY);
        $refused = [
            E\EmptyUserIdException::class => fn () => $api->genUserSig(''),
            E\ExpireOutOfRangeException::class => fn () => $api->genUserSig('a', 0),
            E\UserIdControlCharException::class => fn () => $api->genUserSig("a\nb"),
            E\RoomIdOutOfRangeException::class => fn () => $api->genPrivateMapKey('a', 60, 0, 255),
            E\EmptyRoomStrException::class => fn () => $api->genPrivateMapKeyWithStringRoomID('a', 60, '', 255),
            E\PrivilegeOutOfRangeException::class => fn () => $api->genPrivateMapKey('a', 60, 1, 256),
            E\EmptyKeyException::class => fn () => new TLSSigAPIv2(1, ''),
        ];
        foreach ($refused as $class => $call) {
            try {
                $call();
                self::fail("no $class");
            } catch (\Exception $e) {
                // Code written for Tencent's class catches \Exception.
                self::assertSame($class, $e::class);
            }
        }
    }
}
