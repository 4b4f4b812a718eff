<?php

/*
 * Interop adapter for usersig's PHP package, installed in a Composer project as a user's project
 * installs it (scripts/test-php.sh makes target/php-project). Speaks the protocol of
 * scripts/interop/driver.py: one JSON request on stdin (mint, check or bench), one JSON answer on
 * stdout.
 *
 *   php adapter.php PROJECT/vendor/autoload.php
 */

declare(strict_types=1);

require $argv[1];

use Usersig\Exception\UsersigException;
use Usersig\Signer;
use Usersig\Verifier;

/** The token for one case, at the case's time (usersig throws when it refuses the input). */
function sign(array $case): string
{
    $signer = new Signer($case['sdkappid'], $case['key']);
    return match ($case['kind']) {
        'usersig' => $signer->userSig($case['userid'], $case['expire'], now: $case['time']),
        'userbuf' => $signer->userSig($case['userid'], $case['expire'], hex2bin($case['userbuf_hex']), $case['time']),
        'pmk' => $signer->privateMapKey($case['userid'], $case['roomid'], $case['privilege'], $case['expire'], $case['time']),
        default => $signer->privateMapKey($case['userid'], $case['roomstr'], $case['privilege'], $case['expire'], $case['time']),
    };
}

/** [ok, detail] of usersig's verifier for one item. */
function check(array $item): array
{
    $userbuf = $item['userbuf_hex'] === null ? null : hex2bin($item['userbuf_hex']);
    try {
        (new Verifier($item['sdkappid'], $item['key']))->verify($item['token'], $item['userid'], $userbuf, $item['now']);
    } catch (UsersigException $e) {
        return [false, get_class($e) . ': ' . $e->getMessage()];
    }
    return [true, 'ok'];
}

/** Best-of-7 wall time of one call, in nanoseconds, and the batch size (as common.py times). */
function bench(array $case, float $seconds): array
{
    $signer = new Signer($case['sdkappid'], $case['key']);
    $userbuf = $case['kind'] === 'usersig' ? null : hex2bin($case['userbuf_hex']);
    $once = fn () => $signer->userSig($case['userid'], $case['expire'], $userbuf);
    for ($n = 1; ; $n *= 2) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $once();
        }
        if ((hrtime(true) - $start) / 1e9 > $seconds / 10) {
            break;
        }
    }
    $best = INF;
    for ($round = 0; $round < 7; $round++) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $once();
        }
        $best = min($best, (hrtime(true) - $start) / $n);
    }
    return ['ns_per_token' => $best, 'iterations' => $n];
}

$request = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$results = [];
if ($request['op'] === 'mint') {
    foreach ($request['cases'] as $case) {
        try {
            $results[] = ['id' => $case['id'], 'token' => sign($case)];
        } catch (Throwable $e) {
            $results[] = ['id' => $case['id'], 'error' => get_class($e) . ': ' . $e->getMessage()];
        }
    }
} elseif ($request['op'] === 'check') {
    foreach ($request['items'] as $item) {
        try {
            [$ok, $detail] = check($item);
        } catch (Throwable $e) {
            [$ok, $detail] = [false, 'rejected: ' . get_class($e) . ': ' . $e->getMessage()];
        }
        $results[] = ['id' => $item['id'], 'ok' => $ok, 'detail' => $detail];
    }
} else {
    foreach ($request['cases'] as $case) {
        $results[] = ['id' => $case['id']] + bench($case, (float) $request['seconds']);
    }
}
echo json_encode(['results' => $results], JSON_THROW_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE);
