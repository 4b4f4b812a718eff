<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;

/** Every PHP example of the package's README and of the repository's README runs as it stands. */
final class ReadmeTest extends TestCase
{
    /** @return array<string, array{string}> each ```php block, by file and number */
    public static function blocks(): array
    {
        $blocks = [];
        foreach (['bindings/php/README.md', 'README.md'] as $readme) {
            $text = (string) file_get_contents(Support::repo() . "/$readme");
            preg_match_all('/^```php\n(.*?)^```$/ms', $text, $matches);
            foreach ($matches[1] as $i => $block) {
                $blocks["$readme #" . ($i + 1)] = [$block];
            }
        }
        return $blocks;
    }

    public function testThereAreExamples(): void
    {
        self::assertGreaterThanOrEqual(7, count(self::blocks()));
    }

    /** @dataProvider blocks */
    public function testTheExampleRunsWithAssertionsOn(string $block): void
    {
        // The server script of the callbacks' section, run here without a request, refuses it.
        [$status, $output] = Support::run($block, ['zend.assertions' => '1', 'assert.exception' => '1'],
            CallbackTest::SERVER_ENV);
        self::assertSame(0, $status, $output);
        self::assertStringNotContainsString('Warning', $output);
        self::assertStringNotContainsString('Deprecated', $output);
        self::assertNotSame('', trim($output), 'every example prints what it shows');
    }
}
