<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\AdminAuth;
use Usersig\Verifier;

use function Usersig\inspect;

/** AdminAuth: its URLs, its token cache, and live calls to scripts/fake-rest with PHP's curl. */
final class AdminTest extends TestCase
{
    /** @var resource|null */
    private static $server = null;
    /** @var array<int, resource> */
    private static array $pipes = [];
    private static string $base = '';

    public function testTheDefaults(): void
    {
        $auth = new AdminAuth(Support::APP, Support::KEY);
        self::assertSame(['administrator', 3600, 600, 'https://console.tim.qq.com'],
            [$auth->admin, $auth->validity, $auth->renewMargin, $auth->endpoint]);
        self::assertSame(Support::APP, $auth->sdkappid);
        self::assertSame('https://adminapisgp.im.qcloud.com',
            (new AdminAuth(1, 'k', region: 'singapore'))->endpoint);
        self::assertSame('https://example.com:8443', (new AdminAuth(1, 'k', host: 'example.com:8443'))->endpoint);
        self::assertSame('http://127.0.0.1:9', (new AdminAuth(1, 'k', url: 'http://127.0.0.1:9/'))->endpoint);
        $this->expectException(\ValueError::class);
        new AdminAuth(1, 'k', region: 'china', host: 'example.com');
    }

    public function testAUrlCarriesTheCachedTokenUntilTheRenewalMargin(): void
    {
        $now = Support::NOW;
        $auth = new AdminAuth(Support::APP, Support::KEY, 'ops admin', clock: function () use (&$now): int {
            return $now;
        });
        $url = $auth->url('im_open_login_svc', 'account_import');
        $parts = parse_url($url);
        self::assertSame(['https', 'console.tim.qq.com', '/v4/im_open_login_svc/account_import'],
            [$parts['scheme'], $parts['host'], $parts['path']]);
        parse_str($parts['query'], $query);
        self::assertSame([(string) Support::APP, 'ops admin', 'json'],
            [$query['sdkappid'], $query['identifier'], $query['contenttype']]);
        self::assertMatchesRegularExpression('/^\d+$/', $query['random']);
        self::assertLessThan(2 ** 32, (int) $query['random']);
        $token = $query['usersig'];
        self::assertSame($token, $auth->userSig());
        $claims = (new Verifier(Support::APP, Support::KEY))->verify($token, 'ops admin', now: $now);
        self::assertSame([Support::NOW, 3600], [$claims->issuedAt, $claims->expire]);
        $now = Support::NOW + 3000;
        self::assertSame($token, $auth->userSig());
        $now = Support::NOW + 3001;
        $renewed = $auth->userSig();
        self::assertNotSame($token, $renewed);
        self::assertSame(Support::NOW + 3001, inspect($renewed)->issuedAt);
        self::assertNotSame($auth->url('a', 'b'), $auth->url('a', 'b'), 'the random number is fresh');
    }

    private static function fakeRest(): string
    {
        if (self::$server === null) {
            $binary = getenv('USERSIG_FAKE_REST');
            if (!$binary) {
                self::markTestSkipped('USERSIG_FAKE_REST is not set (scripts/test-php.sh sets it)');
            }
            self::$server = proc_open([$binary, '--sdkappid', (string) Support::APP, '--key', Support::KEY],
                [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], self::$pipes);
            self::$base = trim((string) fgets(self::$pipes[1]));
        }
        return self::$base;
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$server !== null) {
            fclose(self::$pipes[0]);
            fclose(self::$pipes[1]);
            proc_close(self::$server);
            self::$server = null;
        }
    }

    /**
     * POSTs $body as JSON to $url with curl.
     *
     * @param array<string, mixed> $body
     * @return array<string, mixed>
     */
    private static function post(string $url, array $body): array
    {
        $curl = curl_init($url);
        curl_setopt_array($curl, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
            CURLOPT_POSTFIELDS => json_encode((object) $body), CURLOPT_TIMEOUT => 10,
            CURLOPT_HTTPHEADER => ['Content-Type: application/json']]);
        $answer = curl_exec($curl);
        self::assertIsString($answer, curl_error($curl));
        curl_close($curl);
        return json_decode($answer, true, 512, JSON_THROW_ON_ERROR);
    }

    public function testTheFakeRestEndpointAcceptsOurUrlsAndRefusesAnExpiredToken(): void
    {
        $base = self::fakeRest();
        $auth = new AdminAuth(Support::APP, Support::KEY, url: $base);
        $answer = self::post($auth->url('im_open_login_svc', 'account_import'), ['UserID' => 'alice']);
        self::assertSame(['OK', 0, ['UserID' => 'alice']],
            [$answer['ActionStatus'], $answer['ErrorCode'], $answer['Body']]);
        $stale = new AdminAuth(Support::APP, Support::KEY, url: $base, clock: fn (): int => Support::NOW);
        $refused = self::post($stale->url('im_open_login_svc', 'account_import'), []);
        self::assertSame(['FAIL', 70001], [$refused['ActionStatus'], $refused['ErrorCode']]);
        self::assertSame(90001, self::post($auth->url('fake', 'fail'), [])['ErrorCode']);
        $other = new AdminAuth(Support::APP, 'another key', url: $base);
        self::assertSame(70009, self::post($other->url('a', 'b'), [])['ErrorCode']);
    }

    public function testTheReadmeRestFunctionWorksAgainstTheFakeEndpoint(): void
    {
        $base = self::fakeRest();
        $readme = (string) file_get_contents(dirname(__DIR__) . '/README.md');
        preg_match('/```php\n(<\?php\n(?:(?!```).)*function rest\((?:(?!```).)*)```/s', $readme, $block);
        self::assertNotEmpty($block, 'no README block defines rest()');
        [$status, $output] = Support::run($block[1] . '
            $auth = new Usersig\AdminAuth(' . Support::APP . ', "' . Support::KEY . '", url: "' . $base . '");
            echo json_encode(rest($auth, "im_open_login_svc", "account_import", ["UserID" => "alice"])), "\n";
            try { rest($auth, "fake", "fail", []); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }');
        self::assertSame(0, $status, $output);
        [$first, $second] = array_slice(explode("\n", trim($output)), -2);
        self::assertSame(['UserID' => 'alice'], json_decode($first, true)['Body']);
        self::assertStringContainsString('90001', $second);
    }
}
