<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\AdminAuth;
use Usersig\ChatCallbackVerifier;
use Usersig\Claims;
use Usersig\Exception\ExpiredException;
use Usersig\Exception\MissingUserbufException;
use Usersig\Exception\UnexpectedUserbufException;
use Usersig\Exception\UserbufMismatchException;
use Usersig\Grant;
use Usersig\Internal\Native;
use Usersig\Privilege;
use Usersig\Signer;
use Usersig\TrtcCallbackVerifier;
use Usersig\Verifier;

use function Usersig\inspect;

final class ApiTest extends TestCase
{
    public function testTheConstantsAreTheCores(): void
    {
        $core = Native::namedNumbers('usersig_constants', true);
        self::assertSame($core['DEFAULT_EXPIRE'], Signer::DEFAULT_EXPIRE);
        self::assertSame($core['MAX_EXPIRE'], Signer::MAX_EXPIRE);
        self::assertSame($core['DEFAULT_ADMIN_VALIDITY'], AdminAuth::DEFAULT_VALIDITY);
        self::assertSame($core['DEFAULT_RENEW_MARGIN'], AdminAuth::DEFAULT_RENEW_MARGIN);
        self::assertSame(180 * 86400, Signer::DEFAULT_EXPIRE);
        self::assertSame($core['DEFAULT_CALLBACK_WINDOW'], ChatCallbackVerifier::DEFAULT_WINDOW);
        self::assertSame($core['MAX_CALLBACK_WINDOW'], ChatCallbackVerifier::MAX_WINDOW);
        self::assertSame($core['MAX_CALLBACK_QUERY_LEN'], ChatCallbackVerifier::MAX_QUERY_LEN);
        self::assertSame($core['MAX_CALLBACK_BODY_LEN'], TrtcCallbackVerifier::MAX_BODY_LEN);
    }

    public function testAUserSigHasTheFieldsOfItsInputsAndVerifies(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $token = $signer->userSig('alice', 300, now: Support::NOW);
        self::assertSame([
            'TLS.ver' => '2.0',
            'TLS.identifier' => 'alice',
            'TLS.sdkappid' => Support::APP,
            'TLS.expire' => 300,
            'TLS.time' => Support::NOW,
            'TLS.sig' => base64_encode(hash_hmac('sha256', "TLS.identifier:alice\nTLS.sdkappid:"
                . Support::APP . "\nTLS.time:" . Support::NOW . "\nTLS.expire:300\n", Support::KEY,
                true)),
        ], Support::decode($token));
        $claims = (new Verifier(Support::APP, Support::KEY))->verify($token, 'alice', now: Support::NOW + 300);
        self::assertEquals(new Claims('alice', Support::APP, Support::NOW, 300, Support::NOW + 300,
            null, null, Support::decode($token)['TLS.sig']), $claims);
        self::assertEquals($claims, inspect($token));
        self::assertSame(0, $claims->secondsLeft(Support::NOW + 300));
        self::assertSame(-1, $claims->secondsLeft(Support::NOW + 301));
        self::assertFalse($claims->shouldRenew(60, Support::NOW + 240));
        self::assertTrue($claims->shouldRenew(60, Support::NOW + 241));
        self::assertSame($signer->sdkappid, Support::APP);
    }

    public function testTheSystemClockIsUsedWhenNoTimeIsGiven(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $before = time();
        $claims = inspect($signer->userSig('bob'));
        $after = time();
        self::assertGreaterThanOrEqual($before, $claims->issuedAt);
        self::assertLessThanOrEqual($after, $claims->issuedAt);
        self::assertSame(Signer::DEFAULT_EXPIRE, $claims->expire);
        $claims = inspect($signer->userSig('bob', 60, "\x01"));
        self::assertGreaterThanOrEqual($before, $claims->issuedAt);
        $verified = (new Verifier(Support::APP, Support::KEY))->verify($signer->userSig('bob', 60), 'bob');
        self::assertSame(60, $verified->expire);
        self::assertGreaterThan(0, $verified->secondsLeft());
        self::assertFalse($verified->shouldRenew(10));
    }

    public function testAUserbufIsCarriedAndMustBeExpectedExactly(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $verifier = new Verifier(Support::APP, Support::KEY);
        $bytes = "\x00\xff binary \x80";
        $token = $signer->userSig('用户-1', 300, $bytes, Support::NOW);
        self::assertSame(base64_encode($bytes), Support::decode($token)['TLS.userbuf']);
        $claims = $verifier->verify($token, '用户-1', $bytes, Support::NOW);
        self::assertSame($bytes, $claims->userbuf);
        self::assertNull($claims->grant);
        self::assertEquals($claims, $verifier->verifyAnyUserbuf($token, '用户-1', Support::NOW));
        $this->assertThrowsKind(UnexpectedUserbufException::class, null,
            fn () => $verifier->verify($token, '用户-1', now: Support::NOW));
        $this->assertThrowsKind(UserbufMismatchException::class, -100006,
            fn () => $verifier->verify($token, '用户-1', 'other', Support::NOW));
        $plain = $signer->userSig('用户-1', 300, now: Support::NOW);
        $this->assertThrowsKind(MissingUserbufException::class, -100006,
            fn () => $verifier->verify($plain, '用户-1', $bytes, Support::NOW));
        self::assertNull($verifier->verifyAnyUserbuf($plain, '用户-1', Support::NOW)->userbuf);
        $empty = $signer->userSig('u', 300, '', Support::NOW);
        self::assertSame('', $verifier->verify($empty, 'u', '', Support::NOW)->userbuf);
    }

    public function testPrivateMapKeysCarryTheirGrant(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $verifier = new Verifier(Support::APP, Support::KEY);
        $mask = Privilege::ENTER_ROOM | Privilege::RECV_AUDIO | Privilege::RECV_VIDEO;
        self::assertSame(42, $mask);
        $numeric = $signer->privateMapKey('alice', 10000, $mask, 3600, Support::NOW);
        $claims = $verifier->verifyAnyUserbuf($numeric, 'alice', Support::NOW);
        self::assertEquals(new Grant('alice', Support::APP, 10000, 42, Support::NOW + 3600), $claims->grant);
        $userbuf = $claims->userbuf;
        self::assertNotNull($userbuf);
        // Spec section 2: version 0, the account, sdkappid, room, expiry, privileges, account type.
        self::assertSame("\x00\x00\x05alice" . pack('NNNNN', Support::APP, 10000, Support::NOW + 3600, 42, 0), $userbuf);
        self::assertEquals($claims, $verifier->verify($numeric, 'alice', $userbuf, Support::NOW));
        $this->assertThrowsKind(UnexpectedUserbufException::class, null,
            fn () => $verifier->verify($numeric, 'alice', now: Support::NOW));
        $named = $signer->privateMapKey('alice', '房间-A', Privilege::ALL, now: Support::NOW);
        $grant = inspect($named)->grant;
        self::assertEquals(new Grant('alice', Support::APP, '房间-A', 255,
            Support::NOW + Signer::DEFAULT_EXPIRE), $grant);
        $before = time();
        self::assertGreaterThanOrEqual($before + 60, inspect($signer->privateMapKey('a', 1, 1, 60))->grant?->expiresAt);
        $values = (new \ReflectionClass(Privilege::class))->getConstants();
        self::assertSame([1, 2, 4, 8, 16, 32, 64, 128, 255], array_values($values));
    }

    public function testABatchMatchesOneTokenAtATime(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $ids = array_map(static fn (int $i): string => "user$i-é", range(0, 599));
        $tokens = $signer->userSigs($ids, 86400, Support::NOW);
        self::assertCount(600, $tokens);
        foreach ([0, 1, 299, 599] as $i) {
            self::assertSame($signer->userSig($ids[$i], 86400, now: Support::NOW), $tokens[$i]);
        }
        self::assertSame([], $signer->userSigs([]));
        $keyed = $signer->userSigs(['x' => 'a', 'y' => 'b'], 60, Support::NOW);
        self::assertSame([$signer->userSig('a', 60, now: Support::NOW), $signer->userSig('b', 60, now: Support::NOW)], $keyed);
        $before = time();
        $issued = inspect($signer->userSigs(['a'], 60)[0])->issuedAt;
        self::assertTrue($before <= $issued && $issued <= time());
    }

    public function testOlderKeysAreAcceptedAfterARotation(): void
    {
        $old = (new Signer(Support::APP, 'old key'))->userSig('alice', 300, now: Support::NOW);
        $new = (new Signer(Support::APP, 'new key'))->userSig('alice', 300, now: Support::NOW);
        $verifier = new Verifier(Support::APP, 'new key', 'old key');
        self::assertSame('alice', $verifier->verify($old, 'alice', now: Support::NOW)->userId);
        self::assertSame('alice', $verifier->verify($new, 'alice', now: Support::NOW)->userId);
        $this->assertThrowsKind(ExpiredException::class, 70001,
            fn () => $verifier->verify($new, 'alice', now: Support::NOW + 301));
    }

    /**
     * @param class-string<\Throwable> $class
     * @param callable(): mixed $call
     */
    private function assertThrowsKind(string $class, ?int $code, callable $call): void
    {
        try {
            $call();
        } catch (\Usersig\Exception\UsersigException $e) {
            self::assertInstanceOf($class, $e);
            self::assertSame($code, $e->getTencentCode());
            return;
        }
        self::fail("no $class");
    }
}
