// The README examples run: every ```js block as a CommonJS file and every ```mjs block as an ES
// module, in a fresh folder where `usersig` resolves to this package (or, with
// USERSIG_PACKAGE_DIR, to the installed tarball scripts/test-node.sh made).
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP, KEY, fakeRest, sendCallbacks } from './support.mjs';

const packageDir = process.env.USERSIG_PACKAGE_DIR ?? fileURLToPath(new URL('..', import.meta.url));
const READMES = ['../README.md', '../../../README.md'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

function blocks(file) {
  const found = [];
  const fence = /^```(js|mjs)\n([\s\S]*?)^```$/gm;
  for (const [, lang, code] of readFileSync(file, 'utf8').matchAll(fence)) found.push({ lang, code });
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'usersig-readme-'));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(packageDir, join(dir, 'node_modules', 'usersig'), 'dir');
after(() => rmSync(dir, { recursive: true, force: true }));

for (const readme of READMES) {
  const found = blocks(readme);
  test(`${readme.includes('bindings') ? 'bindings/node/README.md' : 'README.md'} has CommonJS and ES module examples`, () => {
    assert.ok(found.some((b) => b.lang === 'js'));
    assert.ok(found.some((b) => b.lang === 'mjs'));
  });
  found.forEach(({ lang, code }, i) => {
    test(`${readme.includes('bindings') ? 'bindings/node/' : ''}README.md example ${i + 1} (${lang === 'js' ? 'CommonJS' : 'ES module'})`, () => {
      const file = join(dir, `example-${readme.length}-${i}.${lang === 'js' ? 'cjs' : 'mjs'}`);
      writeFileSync(file, code);
      execFileSync(process.execPath, [file], { cwd: dir, stdio: 'pipe' });
    });
    if (code.includes('export function callbackServer(')) {
      test(`${readme.includes('bindings') ? 'bindings/node/' : ''}README.md example ${i + 1}: callbackServer() against the fake callback sender`, async () => {
        const file = join(dir, `example-${readme.length}-${i}.mjs`);
        const { callbackServer } = await import(pathToFileURL(file).href);
        const { ChatCallbackVerifier, TrtcCallbackVerifier } = await import(pathToFileURL(join(dir, 'node_modules', 'usersig', 'lib', 'index.mjs')).href);
        const server = callbackServer(new ChatCallbackVerifier('chat token', { sdkappid: APP }),
          new TrtcCallbackVerifier('trtc key', { sdkappid: APP, window: 60 })).listen(0, '127.0.0.1');
        await once(server, 'listening');
        try {
          const { code: exit, lines } = await sendCallbacks(`http://127.0.0.1:${server.address().port}`, 'chat token', 'trtc key');
          assert.equal(exit, 0, lines.join('\n'));
        } finally {
          server.close();
        }
      });
    }
    if (code.includes('export async function rest(')) {
      test(`${readme.includes('bindings') ? 'bindings/node/' : ''}README.md example ${i + 1}: rest() against the fake REST endpoint`, async () => {
        const file = join(dir, `example-${readme.length}-${i}.mjs`);
        const { rest } = await import(pathToFileURL(file).href);
        const { AdminAuth } = await import(pathToFileURL(join(dir, 'node_modules', 'usersig', 'lib', 'index.mjs')).href);
        const auth = new AdminAuth(APP, KEY, { url: await fakeRest() });
        const answer = await rest(auth, 'im_open_login_svc', 'account_import', { UserID: 'alice' });
        assert.deepEqual([answer.ActionStatus, answer.ErrorCode, answer.Body], ['OK', 0, { UserID: 'alice' }]);
        await assert.rejects(rest(auth, 'fake', 'fail', {}), /^Error: 90001: /);
      });
    }
  });
}
