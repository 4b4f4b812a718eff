<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\AdminAuth;
use Usersig\ChatCallbackVerifier;
use Usersig\Exception as E;
use Usersig\Exception\CallbackException;
use Usersig\Exception\InputException;
use Usersig\Exception\TokenException;
use Usersig\Exception\UsersigException;
use Usersig\Internal\Errors;
use Usersig\Internal\Native;
use Usersig\Signer;
use Usersig\TrtcCallbackVerifier;
use Usersig\Verifier;

use function Usersig\inspect;

final class ErrorsTest extends TestCase
{
    /** The kinds that refuse a token rather than an input. */
    private const TOKEN_KINDS = ['malformed', 'expired', 'bad_signature', 'user_id_mismatch',
        'sdkappid_mismatch', 'userbuf_mismatch', 'missing_userbuf', 'unexpected_userbuf'];

    /** The kinds that refuse a callback. */
    private const CALLBACK_KINDS = ['callback_param_missing', 'callback_param_repeated',
        'callback_param_invalid', 'callback_bad_signature', 'callback_out_of_window',
        'callback_sdkappid_mismatch', 'callback_too_large'];

    public function testThereIsOneClassPerKindOfTheCore(): void
    {
        $core = Native::namedNumbers('usersig_error_kinds', false);
        self::assertSame(array_keys($core), array_keys(Errors::CLASSES));
        foreach (Errors::CLASSES as $kind => $class) {
            self::assertSame($kind, $class::KIND);
            self::assertTrue((new \ReflectionClass($class))->isFinal(), $class);
            $parent = match (true) {
                in_array($kind, self::TOKEN_KINDS, true) => TokenException::class,
                in_array($kind, self::CALLBACK_KINDS, true) => CallbackException::class,
                $kind === 'random_unavailable' => UsersigException::class,
                default => InputException::class,
            };
            self::assertSame($parent, get_parent_class($class), $kind);
            self::assertSame($core[$kind] === 0 && $kind !== 'unexpected_userbuf',
                is_subclass_of($class, InputException::class) || $kind === 'random_unavailable'
                || $parent === CallbackException::class, $kind);
        }
    }

    /** @return iterable<string, array{string, ?int, callable(): mixed, array<string, mixed>}> */
    public static function everyKind(): iterable
    {
        $signer = static fn (): Signer => new Signer(Support::APP, Support::KEY);
        $verifier = static fn (): Verifier => new Verifier(Support::APP, Support::KEY);
        $token = static fn (): string => $signer()->userSig('alice', 300, now: Support::NOW);
        yield 'empty_key' => [E\EmptyKeyException::class, null, fn () => new Signer(1, ''), []];
        yield 'sdkappid_out_of_range' => [E\SdkAppIdOutOfRangeException::class, null,
            fn () => new Verifier(-1, 'k'), ['value' => -1]];
        yield 'empty_user_id' => [E\EmptyUserIdException::class, null, fn () => $signer()->userSig(''), []];
        yield 'user_id_too_long' => [E\UserIdTooLongException::class, null,
            fn () => $signer()->userSig(str_repeat('é', 513)), ['length' => 1026, 'max' => 1024]];
        yield 'user_id_control_char' => [E\UserIdControlCharException::class, null,
            fn () => $signer()->userSig("ab\x7f"), ['position' => 2]];
        yield 'userbuf_too_long' => [E\UserbufTooLongException::class, null,
            fn () => $signer()->userSig('a', 60, str_repeat('x', 100000)), ['length' => 100000]];
        yield 'expire_out_of_range' => [E\ExpireOutOfRangeException::class, null,
            fn () => $signer()->userSig('a', 0), ['expire' => 0, 'max' => Signer::MAX_EXPIRE]];
        yield 'time_out_of_range' => [E\TimeOutOfRangeException::class, null,
            fn () => $signer()->userSig('a', 60, now: -5), ['now' => -5]];
        yield 'expiry_overflow' => [E\ExpiryOverflowException::class, null,
            fn () => $signer()->userSig('a', 60, now: 4294967290), ['now' => 4294967290, 'expire' => 60]];
        yield 'room_id_out_of_range' => [E\RoomIdOutOfRangeException::class, null,
            fn () => $signer()->privateMapKey('a', 0, 1), ['roomId' => 0]];
        yield 'empty_room_str' => [E\EmptyRoomStrException::class, null,
            fn () => $signer()->privateMapKey('a', '', 1), []];
        yield 'room_str_too_long' => [E\RoomStrTooLongException::class, null,
            fn () => $signer()->privateMapKey('a', str_repeat('r', 65), 1), ['length' => 65, 'max' => 64]];
        yield 'privilege_out_of_range' => [E\PrivilegeOutOfRangeException::class, null,
            fn () => $signer()->privateMapKey('a', 1, 256), ['value' => 256]];
        yield 'malformed' => [E\MalformedTokenException::class, 70003,
            fn () => $verifier()->verify('not a token!', 'a'), ['reason' => 'base64', 'field' => null]];
        yield 'expired' => [E\ExpiredException::class, 70001,
            fn () => $verifier()->verify($token(), 'alice', now: Support::NOW + 301),
            ['expiredAt' => Support::NOW + 300, 'now' => Support::NOW + 301]];
        yield 'bad_signature' => [E\BadSignatureException::class, 70009,
            fn () => (new Verifier(Support::APP, 'another key'))->verify($token(), 'alice', now: Support::NOW), []];
        yield 'user_id_mismatch' => [E\UserIdMismatchException::class, 70013,
            fn () => $verifier()->verify($token(), 'bob', now: Support::NOW), ['expected' => 'bob', 'found' => 'alice']];
        yield 'sdkappid_mismatch' => [E\SdkAppIdMismatchException::class, 70014,
            fn () => (new Verifier(7, Support::KEY))->verify($token(), 'alice', now: Support::NOW),
            ['expected' => 7, 'found' => Support::APP]];
        yield 'userbuf_mismatch' => [E\UserbufMismatchException::class, -100006,
            fn () => $verifier()->verify($signer()->userSig('a', 60, 'x', Support::NOW), 'a', 'y', Support::NOW), []];
        yield 'missing_userbuf' => [E\MissingUserbufException::class, -100006,
            fn () => $verifier()->verify($token(), 'alice', 'x', Support::NOW), []];
        yield 'unexpected_userbuf' => [E\UnexpectedUserbufException::class, null,
            fn () => $verifier()->verify($signer()->privateMapKey('a', 1, 1, 60, Support::NOW), 'a', now: Support::NOW), []];
        yield 'unknown_region' => [E\UnknownRegionException::class, null,
            fn () => new AdminAuth(1, 'k', region: 'atlantis'), ['name' => 'atlantis']];
        yield 'invalid_endpoint' => [E\InvalidEndpointException::class, null,
            fn () => new AdminAuth(1, 'k', url: 'http://example.com'), []];
        yield 'invalid_rest_path' => [E\InvalidRestPathException::class, null,
            fn () => (new AdminAuth(1, 'k'))->url('svc', 'a/b'), ['part' => 'command']];
        yield 'renew_margin_out_of_range' => [E\RenewMarginOutOfRangeException::class, null,
            fn () => new AdminAuth(1, 'k', validity: 60, renewMargin: 60), ['margin' => 60, 'validity' => 60]];
        $chat = static fn (): ChatCallbackVerifier => new ChatCallbackVerifier(Support::KEY, sdkappid: Support::APP);
        $query = static fn (string $sign, string $more = '', int $app = Support::APP): string =>
            "SdkAppid=$app&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime=" . Support::NOW . "&Sign=$sign$more";
        $signed = static fn (): string => $chat()->sign(Support::NOW);
        $trtc = static fn (): TrtcCallbackVerifier => new TrtcCallbackVerifier(Support::KEY, sdkappid: Support::APP);
        yield 'callback_param_missing' => [E\CallbackParamMissingException::class, null,
            fn () => $chat()->verifyQuery('Sign=' . $signed(), Support::NOW), ['name' => 'SdkAppid']];
        yield 'callback_param_repeated' => [E\CallbackParamRepeatedException::class, null,
            fn () => $chat()->verifyQuery($query($signed(), '&Sign=' . $signed()), Support::NOW), ['name' => 'Sign']];
        yield 'callback_param_invalid' => [E\CallbackParamInvalidException::class, null,
            fn () => $chat()->verifyQuery($query('%31' . substr($signed(), 1)), Support::NOW),
            ['name' => 'Sign', 'reason' => 'percent-encoded']];
        yield 'callback_bad_signature' => [E\CallbackBadSignatureException::class, null,
            fn () => $trtc()->verify($trtc()->sign('{}'), (string) Support::APP, '{} ', Support::NOW), []];
        yield 'callback_out_of_window' => [E\CallbackOutOfWindowException::class, null,
            fn () => $chat()->verifyQuery($query($signed()), Support::NOW + 61),
            ['time' => Support::NOW, 'now' => Support::NOW + 61, 'window' => 60]];
        yield 'callback_sdkappid_mismatch' => [E\CallbackSdkAppIdMismatchException::class, null,
            fn () => $chat()->verifyQuery($query($signed(), '', 7), Support::NOW),
            ['expected' => Support::APP, 'found' => 7]];
        yield 'callback_too_large' => [E\CallbackTooLargeException::class, null,
            fn () => $chat()->verifyQuery(str_repeat('x', 16385), Support::NOW),
            ['part' => 'query', 'length' => 16385, 'max' => 16384]];
        yield 'callback_window_out_of_range' => [E\CallbackWindowOutOfRangeException::class, null,
            fn () => new TrtcCallbackVerifier('k', window: 86401), ['window' => 86401, 'max' => 86400]];
    }

    /**
     * @dataProvider everyKind
     * @param class-string<UsersigException> $class
     * @param callable(): mixed $call
     * @param array<string, mixed> $fields
     */
    public function testEveryKindIsThrownWithItsCodeAndFields(string $class, ?int $code, callable $call, array $fields): void
    {
        try {
            $call();
        } catch (UsersigException $e) {
            self::assertSame($class, $e::class);
            self::assertSame($class::KIND, $e->getKind());
            self::assertSame($code, $e->getTencentCode());
            self::assertSame($code ?? 0, $e->getCode());
            self::assertNotSame('', $e->getMessage());
            self::assertStringNotContainsString(Support::KEY, $e->getMessage());
            foreach ($fields as $name => $value) {
                self::assertSame($value, $e->$name, $name);
            }
            return;
        }
        self::fail("no $class");
    }

    public function testEveryKindOfTheCoreIsCoveredAbove(): void
    {
        $covered = array_keys(iterator_to_array(self::everyKind()));
        // The one kind no input can cause: the OS's random number generator failing.
        self::assertSame(array_values(array_diff(array_keys(Errors::CLASSES), ['random_unavailable'])), $covered);
    }

    public function testAResultOfAKindNoInputCausesAndOfAnUnknownKindIsDecoded(): void
    {
        $error = Errors::fromResult(self::error('random_unavailable', 0, 'no randomness', []));
        self::assertInstanceOf(E\RandomUnavailableException::class, $error);
        self::assertNull($error->getTencentCode());
        self::assertSame('no randomness', $error->getMessage());
        $later = Errors::fromResult(self::error('a_later_kind', 12, 'from a newer core',
            ['answer' => ['i', 42], 'name' => ['s', 'x']]));
        self::assertSame(UsersigException::class, $later::class);
        self::assertSame('a_later_kind', $later->getKind());
        self::assertSame(12, $later->getTencentCode());
        $malformed = Errors::fromResult(self::error('malformed', 70003, 'm',
            ['reason' => ['s', 'too_long'], 'length' => ['i', 9], 'max' => ['i', 8], 'new' => ['i', -1]]));
        self::assertInstanceOf(E\MalformedTokenException::class, $malformed);
        self::assertSame(['too_long', null, 9, 8], [$malformed->reason, $malformed->field, $malformed->length, $malformed->max]);
    }

    public function testMalformationsNameTheirReasonAndField(): void
    {
        $too = $this->malformed(str_repeat('A', 100000));
        self::assertSame('too_long', $too->reason);
        self::assertSame(100000, $too->length);
        $zlib = $this->malformed(strtr(base64_encode('not zlib at all'), '+/=', '*-_'));
        self::assertSame('zlib', $zlib->reason);
        $missing = $this->malformed(strtr(base64_encode(gzcompress('{"TLS.ver":"2.0"}')), '+/=', '*-_'));
        self::assertSame('missing_field', $missing->reason);
        self::assertNotNull($missing->field);
        self::assertSame('json', $this->malformed(strtr(base64_encode(gzcompress('{')), '+/=', '*-_'))->reason);
    }

    private function malformed(string $token): E\MalformedTokenException
    {
        try {
            inspect($token);
        } catch (E\MalformedTokenException $e) {
            return $e;
        }
        self::fail('not refused: ' . $token);
    }

    /** @param array<string, array{string, int|string}> $fields */
    private static function error(string $kind, int $code, string $message, array $fields): string
    {
        $text = static fn (string $s): string => pack('V', strlen($s)) . $s;
        $result = "\x01" . $text($kind) . pack('V', $code & 0xffffffff) . $text($message) . chr(count($fields));
        foreach ($fields as $name => [$type, $value]) {
            $result .= $text($name) . $type . ($type === 'i' ? pack('P', $value) : $text($value));
        }
        return $result;
    }
}
