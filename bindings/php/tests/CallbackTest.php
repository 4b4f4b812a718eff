<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\ChatCallback;
use Usersig\ChatCallbackVerifier;
use Usersig\Exception as E;
use Usersig\Exception\CallbackException;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\TrtcCallback;
use Usersig\TrtcCallbackVerifier;

/** The callback verifiers: the shared vectors, every refusal, and a real server under php -S. */
final class CallbackTest extends TestCase
{
    /** Tencent's own example (the vector chat-001-tencent-guide). */
    private const CHAT_TOKEN = 'xxxxyyyy';
    private const CHAT_APP = 888888;
    private const CHAT_COMMAND = 'Group.CallbackAfterNewMemberJoin';
    private const CHAT_TIME = 1669872112;
    private const CHAT_SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';

    /** The vector trtc-001-enter-room. */
    private const TRTC_KEY = 'callback-key-123';
    private const TRTC_SIGN = 'Ed4sdOb7y91rN2mkywVJNdwYfMWayUXX1ZzB/rok8sc=';
    private const TRTC_BODY = '{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"EventTs":1700000000,"EventMsTs":1700000000120,"UserId":"alice","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}';

    /** The secrets and application of the README's callbacks.php, under the fake sender. */
    public const SERVER_ENV = ['SDKAPPID' => '1400000000', 'CHAT_CALLBACK_TOKEN' => 'chat-callback-token',
        'TRTC_CALLBACK_KEY' => 'trtc-callback-key'];

    private static function query(int $app, string $command, string $time, string $sign): string
    {
        return "SdkAppid=$app&CallbackCommand=$command&contenttype=json&ClientIP=127.0.0.1"
            . "&OptPlatform=RESTAPI&RequestTime=$time&Sign=$sign";
    }

    /** @return array<string, array{array<string, mixed>}> */
    public static function vectors(): array
    {
        $vectors = [];
        $lines = file(Support::repo() . '/core/tests/vectors/callbacks.jsonl',
            FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
        foreach ($lines as $line) {
            $vector = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
            $vectors[$vector['id']] = [$vector];
        }
        return $vectors;
    }

    public function testEveryVectorIsRead(): void
    {
        $schemes = array_count_values(array_map(static fn (array $v): string => $v[0]['scheme'], self::vectors()));
        self::assertGreaterThanOrEqual(4, $schemes['chat']);
        self::assertGreaterThanOrEqual(4, $schemes['trtc']);
        self::assertSame(count(self::vectors()), array_sum($schemes));
    }

    /**
     * @dataProvider vectors
     * @param array<string, mixed> $v
     */
    public function testAVectorVerifiesAndSigns(array $v): void
    {
        if ($v['scheme'] === 'chat') {
            $chat = new ChatCallbackVerifier($v['token'], sdkappid: $v['sdkappid']);
            self::assertSame($v['sign'], $chat->sign($v['request_time']));
            $query = self::query($v['sdkappid'], $v['command'], (string) $v['request_time'], $v['sign']);
            self::assertEquals(new ChatCallback($v['command'], $v['sdkappid'], $v['request_time'],
                [['contenttype', 'json'], ['ClientIP', '127.0.0.1'], ['OptPlatform', 'RESTAPI']]),
                $chat->verifyQuery($query, now: $v['request_time'] + 5));
            $params = ['SdkAppid' => (string) $v['sdkappid'], 'CallbackCommand' => $v['command'],
                'RequestTime' => (string) $v['request_time'], 'Sign' => $v['sign']];
            self::assertEquals(new ChatCallback($v['command'], $v['sdkappid'], $v['request_time'], []),
                $chat->verifyParams($params, now: $v['request_time'] - 5));
            $pairs = array_map(null, array_keys($params), array_values($params));
            self::assertSame($v['command'], $chat->verifyParams($pairs, $v['request_time'])->command);
            return;
        }
        $trtc = new TrtcCallbackVerifier($v['key'], sdkappid: $v['sdkappid']);
        self::assertSame($v['sign'], $trtc->sign($v['body']));
        self::assertEquals(new TrtcCallback($v['sdkappid'], $v['event_group_id'], $v['event_type'],
            $v['callback_ts']), $trtc->verify($v['sign'], (string) $v['sdkappid'], $v['body'], 0));
    }

    /** @return iterable<string, array{string, int, class-string<CallbackException>, array<string, mixed>}> */
    public static function refusedChatQueries(): iterable
    {
        $at = self::CHAT_TIME;
        $q = static fn (string $sign, string $time = '1669872112', int $app = self::CHAT_APP): string =>
            self::query($app, self::CHAT_COMMAND, $time, $sign);
        $head = 'SdkAppid=888888&CallbackCommand=' . self::CHAT_COMMAND . '&';
        yield 'forged' => [$q(str_repeat('0', 64)), $at, E\CallbackBadSignatureException::class, []];
        yield 'uppercase sign' => [$q(strtoupper(self::CHAT_SIGN)), $at, E\CallbackParamInvalidException::class, ['name' => 'Sign']];
        yield 'short sign' => [$q(substr(self::CHAT_SIGN, 1)), $at, E\CallbackParamInvalidException::class, ['name' => 'Sign']];
        yield 'percent-encoded sign' => [$q('%31' . substr(self::CHAT_SIGN, 1)), $at,
            E\CallbackParamInvalidException::class, ['name' => 'Sign', 'reason' => 'percent-encoded']];
        yield 'sign twice' => [$q(self::CHAT_SIGN) . '&Sign=' . self::CHAT_SIGN, $at, E\CallbackParamRepeatedException::class, ['name' => 'Sign']];
        yield 'request time twice' => [$q(self::CHAT_SIGN) . '&RequestTime=1669872112', $at,
            E\CallbackParamRepeatedException::class, ['name' => 'RequestTime']];
        yield 'no request time' => [$head . 'Sign=' . self::CHAT_SIGN, $at, E\CallbackParamMissingException::class, ['name' => 'RequestTime']];
        yield 'request time not a number' => [$q(self::CHAT_SIGN, 'soon'), $at, E\CallbackParamInvalidException::class, ['name' => 'RequestTime']];
        yield 'huge request time' => [$q(self::CHAT_SIGN, str_repeat('9', 30)), $at, E\CallbackParamInvalidException::class, ['name' => 'RequestTime']];
        yield 'other app' => [$q(self::CHAT_SIGN, app: 1400000000), $at, E\CallbackSdkAppIdMismatchException::class,
            ['expected' => self::CHAT_APP, 'found' => 1400000000]];
        yield 'stale' => [$q(self::CHAT_SIGN), $at + 61, E\CallbackOutOfWindowException::class, ['time' => $at, 'now' => $at + 61, 'window' => 60]];
        yield 'future' => [$q(self::CHAT_SIGN), $at - 61, E\CallbackOutOfWindowException::class, ['time' => $at, 'now' => $at - 61, 'window' => 60]];
        yield 'too large' => [$q(self::CHAT_SIGN) . '&x=' . str_repeat('a', ChatCallbackVerifier::MAX_QUERY_LEN), $at,
            E\CallbackTooLargeException::class, ['part' => 'query', 'max' => ChatCallbackVerifier::MAX_QUERY_LEN]];
    }

    /**
     * @dataProvider refusedChatQueries
     * @param class-string<CallbackException> $class
     * @param array<string, mixed> $fields
     */
    public function testAChatCallbackIsRefusedWithItsKind(string $query, int $now, string $class, array $fields): void
    {
        $chat = new ChatCallbackVerifier(self::CHAT_TOKEN, sdkappid: self::CHAT_APP);
        $this->expectRefusal($class, $fields, fn () => $chat->verifyQuery($query, $now));
    }

    /** @return iterable<string, array{string, string, string, int, class-string<CallbackException>, array<string, mixed>}> */
    public static function refusedTrtcCallbacks(): iterable
    {
        $at = 1700000000;
        $body = self::TRTC_BODY;
        $reencoded = json_encode(json_decode($body, true), JSON_PRETTY_PRINT);
        yield 'tampered by one byte' => [self::TRTC_SIGN, '1400000000', str_replace('12345', '12346', $body), $at,
            E\CallbackBadSignatureException::class, []];
        yield 're-encoded by json_encode' => [self::TRTC_SIGN, '1400000000', $reencoded, $at, E\CallbackBadSignatureException::class, []];
        yield 'bad padding' => [rtrim(self::TRTC_SIGN, '='), '1400000000', $body, $at, E\CallbackParamInvalidException::class, ['name' => 'Sign']];
        yield 'hex sign' => [hash_hmac('sha256', $body, self::TRTC_KEY), '1400000000', $body, $at,
            E\CallbackParamInvalidException::class, ['name' => 'Sign']];
        yield 'no sign' => ['', '1400000000', $body, $at, E\CallbackParamMissingException::class, ['name' => 'Sign']];
        yield 'no sdkappid' => [self::TRTC_SIGN, '', $body, $at, E\CallbackParamMissingException::class, ['name' => 'SdkAppId']];
        yield 'sign not UTF-8' => ["\xff" . substr(self::TRTC_SIGN, 1), '1400000000', $body, $at,
            E\CallbackParamInvalidException::class, ['name' => 'Sign']];
        yield 'other app' => [self::TRTC_SIGN, '1400000001', $body, $at, E\CallbackSdkAppIdMismatchException::class,
            ['expected' => 1400000000, 'found' => 1400000001]];
        yield 'stale' => [self::TRTC_SIGN, '1400000000', $body, $at + 61, E\CallbackOutOfWindowException::class,
            ['time' => $at, 'now' => $at + 61, 'window' => 60]];
        yield '10 MB' => [self::TRTC_SIGN, '1400000000', str_repeat(' ', 10 << 20), $at, E\CallbackTooLargeException::class,
            ['part' => 'body', 'length' => 10 << 20, 'max' => TrtcCallbackVerifier::MAX_BODY_LEN]];
    }

    /**
     * @dataProvider refusedTrtcCallbacks
     * @param class-string<CallbackException> $class
     * @param array<string, mixed> $fields
     */
    public function testATrtcCallbackIsRefusedWithItsKind(string $sign, string $sdkappid, string $body, int $now,
        string $class, array $fields): void
    {
        $trtc = new TrtcCallbackVerifier(self::TRTC_KEY, sdkappid: 1400000000, window: 60);
        $this->expectRefusal($class, $fields, fn () => $trtc->verify($sign, $sdkappid, $body, $now));
    }

    public function testATrtcWindowNeedsCallbackTs(): void
    {
        $trtc = new TrtcCallbackVerifier('k', window: 60);
        $body = '{"EventGroupId":1,"EventType":101}';
        $this->expectRefusal(E\CallbackParamMissingException::class, ['name' => 'CallbackTs'],
            fn () => $trtc->verify($trtc->sign($body), '1', $body, 1700000000));
        $this->expectRefusal(E\CallbackParamInvalidException::class, ['name' => 'EventType'],
            fn () => $trtc->verify($trtc->sign('{"EventType":"103"}'), '1', '{"EventType":"103"}', 1700000000));
        $without = new TrtcCallbackVerifier('k');
        self::assertEquals(new TrtcCallback(1, 1, 101, null), $without->verify($without->sign($body), '1', $body));
    }

    public function testParametersThatAreNotStringsOrNotUtf8AreRefused(): void
    {
        $chat = new ChatCallbackVerifier(self::CHAT_TOKEN);
        $this->expectRefusal(E\CallbackParamRepeatedException::class, ['name' => 'Sign'], fn () => $chat->verifyParams(
            [['SdkAppid', '888888'], ['CallbackCommand', 'c'], ['RequestTime', '1'], ['Sign', 'a'], ['Sign', 'b']], 1));
        foreach ([['Sign' => ['a', 'b']], [['Sign']], [['Sign', 1]], ['RequestTime' => 1]] as $params) {
            try {
                $chat->verifyParams($params, 1);
                self::fail('accepted ' . json_encode($params));
            } catch (\TypeError) {
                self::addToAssertionCount(1);
            }
        }
        try {
            $chat->verifyParams([['Sign', "\xff"]], 1);
            self::fail('accepted bytes that are not UTF-8');
        } catch (InvalidUtf8Exception $e) {
            self::assertSame('params[0][1]', $e->argument);
        }
        $this->expectException(InvalidUtf8Exception::class);
        $chat->verifyQuery("Sign=\xff", 1);
    }

    public function testSettingsAreChecked(): void
    {
        $this->expectRefusal(E\EmptyKeyException::class, [], fn () => new ChatCallbackVerifier(''));
        $this->expectRefusal(E\EmptyKeyException::class, [], fn () => new TrtcCallbackVerifier(''));
        $this->expectRefusal(E\SdkAppIdOutOfRangeException::class, ['value' => 1 << 32],
            fn () => new ChatCallbackVerifier('t', sdkappid: 1 << 32));
        foreach ([-1, PHP_INT_MIN] as $sdkappid) {
            $this->expectRefusal(E\SdkAppIdOutOfRangeException::class, ['value' => $sdkappid],
                fn () => new ChatCallbackVerifier('t', sdkappid: $sdkappid));
            $this->expectRefusal(E\SdkAppIdOutOfRangeException::class, ['value' => $sdkappid],
                fn () => new TrtcCallbackVerifier('k', sdkappid: $sdkappid));
        }
        foreach ([-1, -2, ChatCallbackVerifier::MAX_WINDOW + 1] as $window) {
            $this->expectRefusal(E\CallbackWindowOutOfRangeException::class, ['window' => $window, 'max' => 86400],
                fn () => new ChatCallbackVerifier('t', window: $window));
            $this->expectRefusal(E\CallbackWindowOutOfRangeException::class, ['window' => $window, 'max' => 86400],
                fn () => new TrtcCallbackVerifier('k', window: $window));
        }
        $this->expectException(InvalidUtf8Exception::class);
        new TrtcCallbackVerifier("k\xff");
    }

    public function testTheVerifiersShowNoSecret(): void
    {
        $chat = new ChatCallbackVerifier(self::CHAT_TOKEN, sdkappid: self::CHAT_APP, window: 30);
        $trtc = new TrtcCallbackVerifier(self::TRTC_KEY);
        self::assertSame([self::CHAT_APP, 30, null, null], [$chat->sdkappid, $chat->window, $trtc->sdkappid, $trtc->window]);
        foreach ([$chat, $trtc] as $verifier) {
            $shown = print_r($verifier, true) . var_export($verifier, true);
            ob_start();
            var_dump($verifier);
            $shown .= ob_get_clean();
            self::assertStringNotContainsString(self::CHAT_TOKEN, $shown);
            self::assertStringNotContainsString(self::TRTC_KEY, $shown);
            try {
                serialize($verifier);
                self::fail('serialized');
            } catch (\LogicException) {
                self::addToAssertionCount(1);
            }
        }
        try {
            new TrtcCallbackVerifier(self::TRTC_KEY, window: -5);
        } catch (E\CallbackWindowOutOfRangeException $e) {
            self::assertStringNotContainsString(self::TRTC_KEY, $e->getTraceAsString());
        }
    }

    /**
     * The README's callbacks.php, run by `php -S` as the router of a real server, answers every
     * callback of the fake sender (scripts/fake-rest's `callbacks`) as the sender expects; a
     * wrapper logs what it answered.
     */
    public function testTheReadmeServerAnswersTheFakeSender(): void
    {
        $sender = getenv('USERSIG_FAKE_REST');
        if (!is_string($sender) || $sender === '') {
            self::markTestSkipped('USERSIG_FAKE_REST is not set (scripts/test-php.sh sets it)');
        }
        $readme = (string) file_get_contents(dirname(__DIR__) . '/README.md');
        self::assertSame(1, preg_match('/^```php\n(<\?php\n\/\/ callbacks\.php:.*?)^```$/ms', $readme, $m));
        $dir = sys_get_temp_dir() . '/usersig-callbacks-' . getmypid();
        @mkdir($dir);
        file_put_contents("$dir/callbacks.php", $m[1]);
        $log = "$dir/answers.jsonl";
        @unlink($log);
        file_put_contents("$dir/router.php", '<?php
            ob_start();
            try {
                require ' . var_export("$dir/callbacks.php", true) . ';
            } finally {
                $answer = ob_get_flush();
                file_put_contents(' . var_export($log, true) . ', json_encode([parse_url($_SERVER["REQUEST_URI"],
                    PHP_URL_PATH), http_response_code(), $answer]) . "\n", FILE_APPEND);
            }');
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        self::assertNotFalse($probe);
        $port = (int) substr((string) strrchr((string) stream_socket_get_name($probe, false), ':'), 1);
        fclose($probe);
        $server = proc_open([PHP_BINARY, '-d', 'ffi.enable=1', '-S', "127.0.0.1:$port", "$dir/router.php"],
            [0 => ['pipe', 'r'], 1 => ['file', "$dir/server.log", 'a'], 2 => ['file', "$dir/server.log", 'a']],
            $pipes, dirname(__DIR__), self::SERVER_ENV + getenv());
        self::assertIsResource($server);
        try {
            for ($tries = 0; ($socket = @fsockopen('127.0.0.1', $port)) === false && $tries < 200; $tries++) {
                usleep(50000);
            }
            self::assertNotFalse($socket, (string) @file_get_contents("$dir/server.log"));
            fclose($socket);
            $run = proc_open([$sender, 'callbacks', '--url', "http://127.0.0.1:$port",
                '--sdkappid', self::SERVER_ENV['SDKAPPID'], '--chat-token', self::SERVER_ENV['CHAT_CALLBACK_TOKEN'],
                '--trtc-key', self::SERVER_ENV['TRTC_CALLBACK_KEY']], [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $out);
            self::assertIsResource($run);
            $output = (string) stream_get_contents($out[1]);
            fclose($out[1]);
            self::assertSame(0, proc_close($run), $output . @file_get_contents("$dir/server.log"));
        } finally {
            proc_terminate($server);
            proc_close($server);
        }
        $accepted = $refused = [];
        foreach (file($log, FILE_IGNORE_NEW_LINES) ?: [] as $line) {
            [$path, $status, $answer] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
            if ($status === 200) {
                $accepted[] = "$path $answer";
            } else {
                self::assertSame(403, $status, $line);
                $refused[] = "$path $answer";
            }
        }
        sort($accepted);
        sort($refused);
        self::assertSame(['/chat ok C2C.CallbackAfterSendMsg', '/chat ok Group.CallbackAfterNewMemberJoin',
            '/chat ok Live.CallbackAfterCreateRoom', '/trtc ok 103'], $accepted);
        self::assertSame([
            '/chat callback_bad_signature', '/chat callback_out_of_window', '/chat callback_out_of_window',
            '/chat callback_out_of_window', '/chat callback_param_invalid', '/chat callback_param_invalid',
            '/chat callback_param_invalid', '/chat callback_param_missing', '/chat callback_param_repeated',
            '/chat callback_sdkappid_mismatch',
            '/trtc callback_bad_signature', '/trtc callback_bad_signature', '/trtc callback_bad_signature',
            '/trtc callback_out_of_window', '/trtc callback_param_invalid', '/trtc callback_param_missing',
            '/trtc callback_sdkappid_mismatch',
        ], $refused);
        array_map('unlink', glob("$dir/*") ?: []);
        rmdir($dir);
    }

    /**
     * @param class-string<\Throwable> $class
     * @param array<string, mixed> $fields
     * @param callable(): mixed $call
     */
    private function expectRefusal(string $class, array $fields, callable $call): void
    {
        try {
            $call();
        } catch (\Throwable $e) {
            self::assertSame($class, $e::class, $e->getMessage());
            foreach ($fields as $name => $value) {
                self::assertSame($value, $e->$name, $name);
            }
            return;
        }
        self::fail("no $class");
    }
}
