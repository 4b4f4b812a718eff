// Worker threads signing and verifying at once: each thread loads its own module instance; every
// token any thread made verifies in every other.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { Verifier } from 'usersig';
import { APP, KEY, T0 } from './support.mjs';

const PACKAGE = createRequire(import.meta.url).resolve('usersig');
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { Signer, Verifier } = require(${JSON.stringify(PACKAGE)});
  const signer = new Signer(${APP}, ${JSON.stringify(KEY)});
  const verifier = new Verifier(${APP}, ${JSON.stringify(KEY)});
  const tokens = [];
  for (let i = 0; i < workerData.count; i += 1) {
    const user = 'w' + workerData.id + '-' + i;
    const token = i % 2 ? signer.userSigAt(user, 3600, ${T0} + i) : signer.privateMapKeyAt(user, i + 1, 255, 3600, ${T0});
    if (verifier.verifyAnyUserbufAt(token, user, ${T0}).userId !== user) throw new Error('mismatch');
    tokens.push([user, token]);
  }
  parentPort.postMessage(tokens);
`;

test('8 worker threads sign and verify at once', async () => {
  const count = 300;
  const results = await Promise.all(Array.from({ length: 8 }, (_, id) => new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { id, count } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  const verifier = new Verifier(APP, KEY);
  const seen = new Set();
  for (const tokens of results) {
    assert.equal(tokens.length, count);
    for (const [user, token] of tokens) {
      assert.equal(verifier.verifyAnyUserbufAt(token, user, T0).userId, user);
      seen.add(token);
    }
  }
  assert.equal(seen.size, 8 * count);
});
