<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\AdminAuth;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Exception\MalformedTokenException;
use Usersig\Exception\TokenException;
use Usersig\Signer;
use Usersig\TLSSigAPIv2;
use Usersig\Verifier;

use function Usersig\inspect;

/** Bad input: wrong types, text that is not UTF-8, empty and huge strings, garbage tokens. */
final class RobustnessTest extends TestCase
{
    /** @return iterable<string, array{callable(): mixed}> */
    public static function wrongTypes(): iterable
    {
        $signer = static fn (): Signer => new Signer(Support::APP, Support::KEY);
        yield 'sdkappid as a string' => [fn () => new Signer('1400000000', Support::KEY)];
        yield 'key as an int' => [fn () => new Signer(1, 42)];
        yield 'user id as an int' => [fn () => $signer()->userSig(42)];
        yield 'user id as null' => [fn () => $signer()->userSig(null)];
        yield 'expire as a float' => [fn () => $signer()->userSig('a', 1.5)];
        yield 'expire as a string' => [fn () => $signer()->userSig('a', '60')];
        yield 'userbuf as an array' => [fn () => $signer()->userSig('a', 60, [])];
        yield 'room as a float' => [fn () => $signer()->privateMapKey('a', 1.0, 1)];
        yield 'privileges as a bool' => [fn () => $signer()->privateMapKey('a', 1, true)];
        yield 'a batch item that is not a string' => [fn () => $signer()->userSigs(['a', 7])];
        yield 'token as an int' => [fn () => (new Verifier(1, 'k'))->verify(5, 'a')];
        yield 'an older key as null' => [fn () => new Verifier(1, 'k', null)];
        yield 'inspect of null' => [fn () => inspect(null)];
        yield 'a clock returning a string' => [fn () => (new AdminAuth(1, 'k', clock: fn () => '1'))->url('a', 'b')];
        yield 'a drop-in user id as a float' => [fn () => (new TLSSigAPIv2(1, 'k'))->genUserSig(1.5)];
        yield 'a drop-in expire with a space' => [fn () => (new TLSSigAPIv2(1, 'k'))->genUserSig('a', ' 60')];
        yield 'a drop-in sdkappid with a leading zero' => [fn () => new TLSSigAPIv2('01', 'k')];
    }

    /**
     * @dataProvider wrongTypes
     * @param callable(): mixed $call
     */
    public function testAWrongTypeIsATypeError(callable $call): void
    {
        $this->expectException(\TypeError::class);
        $call();
    }

    /** @return iterable<string, array{string, callable(string): mixed}> */
    public static function texts(): iterable
    {
        $signer = static fn (): Signer => new Signer(Support::APP, Support::KEY);
        yield 'key' => ['key', fn (string $bad) => new Signer(1, $bad)];
        yield 'an older key' => ['olderKeys[1]', fn (string $bad) => new Verifier(1, 'k', 'old', $bad)];
        yield 'user id' => ['userId', fn (string $bad) => $signer()->userSig($bad)];
        yield 'user id, issued at a time' => ['userId', fn (string $bad) => $signer()->userSig($bad, 60, now: 1)];
        yield 'user id with a userbuf' => ['userId', fn (string $bad) => $signer()->userSig($bad, 60, 'x')];
        yield 'user id of a PrivateMapKey' => ['userId', fn (string $bad) => $signer()->privateMapKey($bad, 1, 1)];
        yield 'room' => ['room', fn (string $bad) => $signer()->privateMapKey('a', $bad, 1)];
        yield 'batch' => ['userIds[1]', fn (string $bad) => $signer()->userSigs(['a', $bad])];
        yield 'a batch split inside a character' => ['userIds[0]', fn (string $bad) => $signer()->userSigs(["\xc3", "\xa9"])];
        yield 'verified user id' => ['userId', fn (string $bad) => (new Verifier(1, 'k'))->verify('t', $bad)];
        yield 'admin' => ['admin', fn (string $bad) => new AdminAuth(1, 'k', $bad)];
        yield 'region' => ['endpoint', fn (string $bad) => new AdminAuth(1, 'k', region: $bad)];
        yield 'service' => ['service', fn (string $bad) => (new AdminAuth(1, 'k'))->url($bad, 'c')];
        yield 'drop-in user id' => ['userId', fn (string $bad) => (new TLSSigAPIv2(1, 'k'))->genUserSig($bad)];
    }

    /**
     * @dataProvider texts
     * @param callable(string): mixed $call
     */
    public function testTextThatIsNotUtf8IsRefusedByName(string $argument, callable $call): void
    {
        foreach (["\xff", "ok\xc3", "\xed\xa0\x80"] as $bad) {
            try {
                $call($bad);
                self::fail('accepted ' . bin2hex($bad));
            } catch (InvalidUtf8Exception $e) {
                self::assertSame($argument, $e->argument);
                self::assertNull($e->getTencentCode());
            }
        }
    }

    public function testATokenThatIsNotUtf8IsMalformed(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $token = $signer->userSig('a', 60, now: Support::NOW);
        $bad = substr($token, 0, 10) . "\xff" . substr($token, 11);
        $verifier = new Verifier(Support::APP, Support::KEY);
        foreach ([fn () => inspect($bad), fn () => $verifier->verify($bad, 'a'),
            fn () => $verifier->verify($bad, 'a', 'x'), fn () => $verifier->verifyAnyUserbuf($bad, 'a')] as $call) {
            try {
                $call();
                self::fail('accepted');
            } catch (MalformedTokenException $e) {
                self::assertSame('base64', $e->reason);
            }
        }
        $this->expectException(InvalidUtf8Exception::class);
        $verifier->verify($bad, "\xff");
    }

    public function testUserbufsAreBinary(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $all = implode('', array_map('chr', range(0, 255)));
        $claims = inspect($signer->userSig('a', 60, $all));
        self::assertSame($all, $claims->userbuf);
    }

    public function testEmptyAndHugeStrings(): void
    {
        $signer = new Signer(Support::APP, Support::KEY);
        $huge = str_repeat('a', 8 << 20);
        $this->assertRefused(fn () => $signer->userSig($huge), \Usersig\Exception\UserIdTooLongException::class);
        $this->assertRefused(fn () => $signer->userSig('a', 60, $huge), \Usersig\Exception\UserbufTooLongException::class);
        $this->assertRefused(fn () => inspect($huge), MalformedTokenException::class);
        $this->assertRefused(fn () => inspect(''), MalformedTokenException::class);
        $this->assertRefused(fn () => (new Verifier(1, 'k'))->verify('', ''), MalformedTokenException::class);
        $this->assertRefused(fn () => new Verifier(1, 'k', ''), \Usersig\Exception\EmptyKeyException::class);
        $longest = str_repeat('x', 1024);
        self::assertSame($longest, inspect($signer->userSig($longest))->userId);
        $this->assertRefused(fn () => new Signer(PHP_INT_MAX, 'k'), \Usersig\Exception\SdkAppIdOutOfRangeException::class);
        $this->assertRefused(fn () => $signer->userSig('a', PHP_INT_MIN), \Usersig\Exception\ExpireOutOfRangeException::class);
        $this->assertRefused(fn () => $signer->privateMapKey('a', PHP_INT_MAX, 1), \Usersig\Exception\RoomIdOutOfRangeException::class);
    }

    public function testGarbageTokensAreRefusedNeverCrash(): void
    {
        mt_srand(22);
        $verifier = new Verifier(Support::APP, Support::KEY);
        $token = (new Signer(Support::APP, Support::KEY))->userSig('a', 60, now: Support::NOW);
        $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_';
        for ($i = 0; $i < 300; $i++) {
            $length = mt_rand(0, 400);
            $random = '';
            for ($j = 0; $j < $length; $j++) {
                $random .= $i % 2 === 0 ? chr(mt_rand(0, 255)) : $alphabet[mt_rand(0, 64)];
            }
            $flipped = $token;
            $at = mt_rand(0, strlen($token) - 1);
            $flipped[$at] = $alphabet[(strpos($alphabet, $token[$at]) + 1) % 65];
            try {
                $verifier->verify($random, 'a', now: Support::NOW);
                self::fail('accepted ' . bin2hex($random));
            } catch (TokenException $e) {
                self::assertNotSame('', $e->getMessage());
            }
            // A changed character is refused, unless the compressed bytes still inflate to the
            // same signed content (deflate has many encodings of one text).
            try {
                self::assertEquals($verifier->verify($token, 'a', now: Support::NOW),
                    $verifier->verify($flipped, 'a', now: Support::NOW));
            } catch (TokenException $e) {
                self::assertNotSame('', $e->getMessage());
            }
        }
    }

    public function testKeysAreNeverShown(): void
    {
        $secret = 'do-not-show-' . bin2hex(random_bytes(8));
        $objects = [new Signer(1, $secret), new Verifier(1, $secret, $secret . 'old'),
            new AdminAuth(1, $secret), new TLSSigAPIv2(1, $secret)];
        foreach ($objects as $object) {
            ob_start();
            var_dump($object);
            $shown = ob_get_clean() . print_r($object, true) . var_export($object, true)
                . json_encode($object);
            self::assertStringNotContainsString($secret, $shown);
            self::assertStringNotContainsString('do-not-show', $shown);
        }
        [$status, $output] = Support::php('(new Usersig\Signer(1, "' . $secret . '"))->userSig("");');
        self::assertSame(255, $status);
        self::assertStringContainsString('EmptyUserIdException', $output);
        self::assertStringNotContainsString($secret, $output, 'a stack trace shows the key');
    }

    public function testTheCallersKeysAreLeftIntactWhenTheVerifiersCopyIsWiped(): void
    {
        $key = 'key-' . bin2hex(random_bytes(4));
        $old = 'old-' . bin2hex(random_bytes(4));
        $copy = $key;
        $keys = [$key, $old];
        foreach ([new Verifier(1, $key), new Verifier(1, ...$keys)] as $verifier) {
            self::assertSame('a', $verifier->verify((new Signer(1, $copy))->userSig('a', 60), 'a')->userId);
        }
        self::assertSame($copy, $key);
        self::assertSame([$copy, $old], $keys);
        self::assertSame(12, strlen($old));
    }

    public function testHandlesAreNeitherClonedNorSerialized(): void
    {
        foreach ([new Signer(1, 'k'), new Verifier(1, 'k'), new AdminAuth(1, 'k')] as $object) {
            try {
                serialize($object);
                self::fail('serialized');
            } catch (\LogicException $e) {
                self::assertStringContainsString('cannot be serialized', $e->getMessage());
            }
            try {
                $copy = clone $object;
                self::fail('cloned');
            } catch (\Error $e) {
                self::assertStringContainsString('__clone', $e->getMessage());
            }
        }
    }

    /**
     * @param callable(): mixed $call
     * @param class-string<\Throwable> $class
     */
    private function assertRefused(callable $call, string $class): void
    {
        try {
            $call();
        } catch (\Throwable $e) {
            self::assertInstanceOf($class, $e);
            return;
        }
        self::fail("no $class");
    }
}
