// What the tests share: the official vectors, a plain decoder, the HMAC of the spec, the fake REST
// endpoint and the fake callback sender.
import { after } from 'node:test';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const APP = 1400000000;
export const T0 = 1700000000;

/** The official Python library's outputs, core/tests/vectors/official-python.jsonl. */
export function vectors() {
  const text = readFileSync(new URL('../../../core/tests/vectors/official-python.jsonl', import.meta.url), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

/** A token's JSON object by a plain decode: Tencent base64 (`*-_`), zlib inflate, JSON. */
export function decode(token) {
  const b64 = token.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
}

/** TLS.sig for the fields of `doc` under `key`: HMAC-SHA256 over the content of spec section 1. */
export function hmacOf(key, doc) {
  let content = `TLS.identifier:${doc['TLS.identifier']}\nTLS.sdkappid:${doc['TLS.sdkappid']}\n`
    + `TLS.time:${doc['TLS.time']}\nTLS.expire:${doc['TLS.expire']}\n`;
  if (doc['TLS.userbuf'] !== undefined) content += `TLS.userbuf:${doc['TLS.userbuf']}\n`;
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(content, 'utf8').digest('base64');
}

/** Runs `fn` with Date.now fixed at `seconds` (all the official library reads). */
export function atClock(seconds, fn) {
  const realNow = Date.now;
  Date.now = () => seconds * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

const FAKE_REST = process.env.USERSIG_FAKE_REST
  ?? fileURLToPath(new URL('../../../target/release/usersig-fake-rest', import.meta.url));

/**
 * Starts the fake REST endpoint (scripts/fake-rest, built by scripts/test-node.sh; its path is
 * USERSIG_FAKE_REST or target/release/usersig-fake-rest) for APP and KEY; resolves to its base URL.
 * It stops when its stdin closes, after the calling test file.
 */
export async function fakeRest(...args) {
  const child = spawn(FAKE_REST, ['--sdkappid', String(APP), '--key', KEY, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  after(() => child.stdin.end());
  const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]);
  return line.trim();
}

/**
 * Runs the fake sender (`usersig-fake-rest callbacks`) against the receiver at `url`, signing with
 * `chatToken` and `trtcKey` for APP; resolves to its exit code and the lines it printed.
 */
export function sendCallbacks(url, chatToken, trtcKey) {
  const args = ['callbacks', '--url', url, '--sdkappid', String(APP), '--chat-token', chatToken, '--trtc-key', trtcKey];
  return new Promise((resolve, reject) => {
    execFile(FAKE_REST, args, (error, stdout) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? error.code : 0, lines: stdout.trim().split('\n') });
    });
  });
}
