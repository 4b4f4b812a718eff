// The public types: test/typed.ts (CommonJS) and test/typed.mts (ES module) pass
// `tsc --noEmit --strict`, their @ts-expect-error lines included.
import test from 'node:test';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

test('tsc --noEmit --strict accepts the typed usage and refuses the misuse', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const files = ['typed.ts', 'typed.mts'].map((f) => fileURLToPath(new URL(f, import.meta.url)));
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', ...files], { stdio: 'pipe', cwd: fileURLToPath(new URL('..', import.meta.url)) });
});
