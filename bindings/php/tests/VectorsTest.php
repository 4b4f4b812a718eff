<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\Exception as E;
use Usersig\Signer;
use Usersig\Verifier;

use function Usersig\inspect;

/** The official Python library's vectors (core/tests/vectors): what we make, refuse and accept. */
final class VectorsTest extends TestCase
{
    /** Inputs the signer refuses on purpose (the vectors' README), and the exception of each. */
    private const REFUSED = [
        '008' => E\EmptyUserIdException::class,
        '013' => E\UserIdControlCharException::class,
        '015' => E\UserIdControlCharException::class,
        '018' => E\EmptyKeyException::class,
        '022' => E\ExpireOutOfRangeException::class,
        '024' => E\ExpireOutOfRangeException::class,
        '025' => E\ExpireOutOfRangeException::class,
        '026' => E\ExpireOutOfRangeException::class,
        '027' => E\ExpireOutOfRangeException::class,
        '044' => E\RoomIdOutOfRangeException::class,
        '045' => E\RoomIdOutOfRangeException::class,
        '051' => E\ExpireOutOfRangeException::class,
        '056' => E\RoomStrTooLongException::class,
        '057' => E\EmptyRoomStrException::class,
    ];

    /** Where the official library is wrong and usersig writes UTF-8 (spec section 2). */
    private const UTF8_FIXES = ['048', '049', '050', '055'];

    /** @return array<string, array{array<string, mixed>}> */
    public static function vectors(): array
    {
        $cases = [];
        foreach (Support::vectors() as $vector) {
            $cases[$vector['id']] = [$vector];
        }
        return $cases;
    }

    public function testTheVectorsAreAllThere(): void
    {
        self::assertCount(57, Support::vectors());
    }

    /**
     * @dataProvider vectors
     * @param array<string, mixed> $vector
     */
    public function testTheSignerMakesTheSameTokenOrRefusesOnPurpose(array $vector): void
    {
        $number = substr($vector['id'], 0, 3);
        if (isset(self::REFUSED[$number])) {
            try {
                self::mint($vector);
                self::fail('signed');
            } catch (E\InputException $e) {
                self::assertSame(self::REFUSED[$number], $e::class);
                self::assertNull($e->getTencentCode());
            }
            return;
        }
        $ours = Support::decode(self::mint($vector));
        if (in_array($number, self::UTF8_FIXES, true)) {
            $grant = inspect(self::mint($vector))->grant;
            self::assertNotNull($grant);
            self::assertSame($vector['inputs']['userid'], $grant->userId);
            return;
        }
        self::assertSame($vector['decoded']['TLS.sig'], $ours['TLS.sig']);
        self::assertEquals($vector['decoded'], $ours);
    }

    /**
     * @dataProvider vectors
     * @param array<string, mixed> $vector
     */
    public function testEveryOfficialTokenIsJudgedCorrectly(array $vector): void
    {
        $token = $vector['output'];
        if ($token === null) {
            self::assertArrayHasKey('error', $vector);
            return;
        }
        $inputs = $vector['inputs'];
        $decoded = $vector['decoded'];
        $claims = inspect($token);
        self::assertSame($decoded['TLS.identifier'], $claims->userId);
        self::assertSame($decoded['TLS.sdkappid'], $claims->sdkappid);
        self::assertSame($decoded['TLS.time'], $claims->issuedAt);
        self::assertSame($decoded['TLS.expire'], $claims->expire);
        self::assertSame($decoded['TLS.sig'], $claims->signature);
        self::assertSame(isset($decoded['TLS.userbuf']) ? base64_decode($decoded['TLS.userbuf']) : null,
            $claims->userbuf);
        if ($inputs['key'] === '') {
            $this->expectException(E\EmptyKeyException::class);
            new Verifier($inputs['sdkappid'], '');
        }
        $verifier = new Verifier($inputs['sdkappid'], $inputs['key']);
        $now = (int) $vector['time'];
        if ($now > $decoded['TLS.time'] + $decoded['TLS.expire']) {
            try {
                $verifier->verifyAnyUserbuf($token, $inputs['userid'], $now);
                self::fail('an expired token was accepted');
            } catch (E\ExpiredException $e) {
                self::assertSame(70001, $e->getTencentCode());
            }
            return;
        }
        self::assertEquals($claims, $verifier->verifyAnyUserbuf($token, $inputs['userid'], $now));
        if ($claims->userbuf === null) {
            self::assertEquals($claims, $verifier->verify($token, $inputs['userid'], now: $now));
        } else {
            self::assertEquals($claims, $verifier->verify($token, $inputs['userid'], $claims->userbuf, $now));
        }
        try {
            (new Verifier($inputs['sdkappid'], $inputs['key'] . 'x'))->verifyAnyUserbuf($token, $inputs['userid'], $now);
            self::fail('accepted with another key');
        } catch (E\BadSignatureException $e) {
            self::assertSame(70009, $e->getTencentCode());
        }
        $parsed = $vector['userbuf_parsed'] ?? null;
        if ($parsed !== null && $claims->grant !== null) {
            self::assertSame($parsed['account_hex'], bin2hex($claims->grant->userId));
            self::assertSame($parsed['sdkappid'], $claims->grant->sdkappid);
            self::assertSame($parsed['expire_abs'], $claims->grant->expiresAt);
            self::assertSame($parsed['privilege'], $claims->grant->privileges);
            self::assertSame($parsed['ver'] === 0 ? $parsed['roomid'] : hex2bin($parsed['roomstr_hex']),
                $claims->grant->room);
        }
    }

    /** @param array<string, mixed> $vector */
    private static function mint(array $vector): string
    {
        $inputs = $vector['inputs'];
        $signer = new Signer($inputs['sdkappid'], $inputs['key']);
        $expire = $inputs['expire'] ?? Signer::DEFAULT_EXPIRE;
        $now = (int) $vector['time'];
        return match ($vector['kind']) {
            'usersig' => $signer->userSig($inputs['userid'], $expire, now: $now),
            'userbuf' => $signer->userSig($inputs['userid'], $expire, hex2bin($inputs['userbuf_hex']), $now),
            'pmk' => $signer->privateMapKey($inputs['userid'], $inputs['roomid'], $inputs['privilege'], $expire, $now),
            default => $signer->privateMapKey($inputs['userid'], $inputs['roomstr'], $inputs['privilege'], $expire, $now),
        };
    }
}
