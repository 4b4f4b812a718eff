<?php

/*
 * Per-call time of usersig's Signer, Verifier and drop-in TLSSigAPIv2 against Tencent's own PHP
 * class in the same process, on the same inputs (BENCHMARKS.md, "PHP").
 *
 *   php bench.php [--tencent PATH/TLSSigAPIv2.php] [--seconds S]
 *
 * Tencent's class is on no registry this project reaches: give the path of a copy outside the
 * repository. Each contender's batch size doubles until a batch takes S / 10 seconds (1 s by
 * default), then the best of 7 batches counts; three rounds run the contenders in turn. Times are
 * the process's CPU time (getrusage), which the other work on a loaded machine moves less than
 * wall time.
 */

declare(strict_types=1);

require __DIR__ . '/vendor/autoload.php';

use Usersig\Signer;
use Usersig\TLSSigAPIv2;
use Usersig\Verifier;

$options = getopt('', ['tencent:', 'seconds:']);
$seconds = (float) ($options['seconds'] ?? 1);
$key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
$app = 1400000000;
$user = 'xiaojun';
$expire = 86400 * 180;

/** The process's CPU time in seconds. */
function cpu(): float
{
    $usage = getrusage();
    return $usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec']
        + ($usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec']) / 1e6;
}

/** Microseconds of CPU time per call of $once: the best of 7 batches. */
function time_per_call(callable $once, float $seconds): float
{
    for ($n = 1; ; $n *= 2) {
        $start = cpu();
        for ($i = 0; $i < $n; $i++) {
            $once();
        }
        if (cpu() - $start > $seconds / 10) {
            break;
        }
    }
    $best = INF;
    for ($round = 0; $round < 7; $round++) {
        $start = cpu();
        for ($i = 0; $i < $n; $i++) {
            $once();
        }
        $best = min($best, (cpu() - $start) / $n);
    }
    return $best * 1e6;
}

$signer = new Signer($app, $key);
$verifier = new Verifier($app, $key);
$api = new TLSSigAPIv2($app, $key);
$token = $signer->userSig($user, $expire);
$roomKey = $signer->privateMapKey($user, 10000, 255, $expire);
$init = $exp = $error = null;
$contenders = [
    'genUserSig' => [
        'usersig Signer::userSig' => fn () => $signer->userSig($user, $expire),
        'usersig TLSSigAPIv2' => fn () => $api->genUserSig($user, $expire),
    ],
    'genPrivateMapKey' => [
        'usersig Signer::privateMapKey' => fn () => $signer->privateMapKey($user, 10000, 255, $expire),
        'usersig TLSSigAPIv2' => fn () => $api->genPrivateMapKey($user, $expire, 10000, 255),
    ],
    'verifySig' => [
        'usersig Verifier::verify' => fn () => $verifier->verify($token, $user),
        'usersig TLSSigAPIv2' => fn () => $api->verifySig($token, $user, $init, $exp, $error),
    ],
    'verifySig of a PrivateMapKey' => [
        'usersig Verifier::verifyAnyUserbuf' => fn () => $verifier->verifyAnyUserbuf($roomKey, $user),
        'usersig TLSSigAPIv2' => fn () => $api->verifySig($roomKey, $user, $init, $exp, $error),
    ],
];
if (isset($options['tencent'])) {
    require $options['tencent'];
    $tencent = new Tencent\TLSSigAPIv2($app, $key);
    $official = 'Tencent\TLSSigAPIv2';
    if (!$tencent->verifySig($token, $user, $init, $exp, $error)) {
        fwrite(STDERR, "Tencent's class refuses usersig's token: $error\n");
        exit(1);
    }
    $contenders['genUserSig'][$official] = fn () => $tencent->genUserSig($user, $expire);
    $contenders['genPrivateMapKey'][$official] = fn () => $tencent->genPrivateMapKey($user, $expire, 10000, 255);
    $contenders['verifySig'][$official] = fn () => $tencent->verifySig($token, $user, $init, $exp, $error);
    $contenders['verifySig of a PrivateMapKey'][$official] =
        fn () => $tencent->verifySig($roomKey, $user, $init, $exp, $error);
}

echo 'PHP ', PHP_VERSION, ', ', php_uname('m'), ', load ', implode(' ', array_map(
    fn (float $l): string => sprintf('%.1f', $l), sys_getloadavg() ?: [])), "\n";
$best = [];
for ($round = 0; $round < 3; $round++) {
    foreach ($contenders as $operation => $each) {
        foreach ($each as $name => $once) {
            $figure = time_per_call($once, $seconds);
            $best[$operation][$name] = min($best[$operation][$name] ?? INF, $figure);
        }
    }
}
foreach ($best as $operation => $figures) {
    echo "$operation\n";
    $official = $figures['Tencent\TLSSigAPIv2'] ?? null;
    foreach ($figures as $name => $micros) {
        printf("  %-36s %7.2f us%s\n", $name, $micros,
            $official !== null && !str_starts_with($name, 'Tencent') ? sprintf('  %.1fx Tencent', $official / $micros) : '');
    }
}
