<?php

declare(strict_types=1);

namespace Usersig\Tests;

/** What the tests share: the key and clock of the examples, a plain token decoder, the vectors. */
final class Support
{
    public const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
    public const APP = 1400000000;
    public const NOW = 1700000000;

    /** The repository's root. */
    public static function repo(): string
    {
        return dirname(__DIR__, 3);
    }

    /**
     * A token's JSON, decoded the plain way: Tencent's base64 variant, zlib, JSON.
     *
     * @return array<string, mixed>
     */
    public static function decode(string $token): array
    {
        $raw = base64_decode(strtr($token, '*-_', '+/='), true);
        \assert(is_string($raw));
        $json = gzuncompress($raw);
        \assert(is_string($json));
        return json_decode($json, true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * The official vectors: $USERSIG_VECTORS (the file or its folder), or else
     * core/tests/vectors/official-python.jsonl.
     *
     * @return list<array<string, mixed>>
     */
    public static function vectors(): array
    {
        $path = getenv('USERSIG_VECTORS') ?: self::repo() . '/core/tests/vectors';
        if (is_dir($path)) {
            $path .= '/official-python.jsonl';
        }
        $vectors = [];
        foreach (file($path, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [] as $line) {
            $vectors[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        }
        return $vectors;
    }

    /**
     * Runs PHP code in a fresh process with the package's autoloader.
     *
     * @param array<string, string> $ini
     * @param array<string, string> $env
     * @return array{int, string} its exit code and output (stdout and stderr)
     */
    public static function php(string $code, array $ini = [], array $env = []): array
    {
        return self::run("<?php\ndeclare(strict_types=1);\nrequire "
            . var_export(dirname(__DIR__) . '/vendor/autoload.php', true) . ";\n" . $code, $ini, $env);
    }

    /**
     * Runs a PHP script as it stands in a fresh process, in $directory (by default the package's,
     * where `require 'vendor/autoload.php';` finds its autoloader), with the given ini settings
     * and environment.
     *
     * @param array<int|string, string> $ini settings by name, and flags (such as -n) by number
     * @param array<string, string> $env
     * @return array{int, string} its exit code and output (stdout and stderr)
     */
    public static function run(string $script, array $ini = [], array $env = [], ?string $directory = null): array
    {
        $file = tempnam(sys_get_temp_dir(), 'usersig-test');
        file_put_contents($file, $script);
        $command = [PHP_BINARY];
        foreach ($ini as $name => $value) {
            array_push($command, ...(is_int($name) ? [$value] : ['-d', "$name=$value"]));
        }
        $command[] = $file;
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes,
            $directory ?? dirname(__DIR__), $env + getenv());
        \assert(is_resource($process));
        $output = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        $status = proc_close($process);
        unlink($file);
        return [$status, (string) $output];
    }
}
