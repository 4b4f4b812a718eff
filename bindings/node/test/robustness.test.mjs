// Bad input: wrong types raise TypeError (or RangeError), huge strings and garbage tokens a typed
// error; never a token, a crash or a hang.
import test from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as usersig from 'usersig';
import { APP, KEY, T0 } from './support.mjs';

const { Signer, Verifier, Api, inspect } = usersig;
const require = createRequire(import.meta.url);
const signer = new Signer(APP, KEY);
const verifier = new Verifier(APP, KEY);
const api = new Api(APP, KEY);
const token = signer.userSigAt('alice', 100, T0);

const NOT_INTEGERS = [undefined, null, 1.5, NaN, Infinity, '86400', 10n, true, {}, []];
const NOT_STRINGS = [undefined, null, 42, 10n, true, {}, [], Buffer.from('alice'), Symbol('s')];
const NOT_BYTES = [undefined, null, 'abc', 42, [1, 2], new ArrayBuffer(2), new Uint16Array(2), {}];

function rejectsType(fn, label) {
  assert.throws(fn, (e) => e instanceof TypeError, label);
}

test('integers: a float, a string, null, undefined, a BigInt... is a TypeError', () => {
  for (const bad of NOT_INTEGERS) {
    const label = String(typeof bad === 'symbol' ? 'symbol' : bad);
    rejectsType(() => new Signer(bad, KEY), `sdkappid ${label}`);
    rejectsType(() => new Verifier(bad, KEY), `sdkappid ${label}`);
    rejectsType(() => new Api(bad, KEY), `Api sdkappid ${label}`);
    rejectsType(() => signer.userSigAt('a', bad, T0), `expire ${label}`);
    rejectsType(() => signer.userSigAt('a', 60, bad), `now ${label}`);
    rejectsType(() => signer.privateMapKeyAt('a', 1, bad, 60, T0), `privileges ${label}`);
    rejectsType(() => verifier.verifyAt(token, 'alice', bad), `now ${label}`);
    rejectsType(() => api.genUserSig('a', bad), `Api expire ${label}`);
    rejectsType(() => api.genPrivateMapKey('a', 60, bad, 255), `Api roomid ${label}`);
    rejectsType(() => api.genPrivateMapKey('a', 60, 1, bad), `Api privilegeMap ${label}`);
    if (bad !== undefined) {
      rejectsType(() => signer.userSig('a', bad), `optional expire ${label}`);
    }
  }
  rejectsType(() => signer.privateMapKeyAt('a', 1.5, 1, 60, T0), 'room 1.5');
  rejectsType(() => signer.privateMapKeyAt('a', null, 1, 60, T0), 'room null');
  rejectsType(() => signer.privateMapKeyAt('a', 10n, 1, 60, T0), 'room BigInt');
});

test('numbers out of range: RangeError (the core typed ones are RangeErrors too)', () => {
  const range = (fn, cls) => assert.throws(fn, (e) => e instanceof RangeError && (cls === undefined || e instanceof cls));
  range(() => new Signer(2 ** 32, KEY), usersig.SdkAppIdOutOfRangeError);
  range(() => new Signer(-1, KEY), usersig.SdkAppIdOutOfRangeError);
  range(() => new Signer(2 ** 53, KEY)); // beyond the safe integers: not exact
  range(() => signer.privateMapKeyAt('a', 2 ** 32, 1, 60, T0), usersig.RoomIdOutOfRangeError);
  range(() => signer.privateMapKeyAt('a', 2 ** 32 + 10000, 1, 60, T0), usersig.RoomIdOutOfRangeError);
  range(() => api.genPrivateMapKey('a', 60, 2 ** 32 + 10000, 255), usersig.RoomIdOutOfRangeError);
  range(() => signer.userSigAt('a', 2 ** 60, T0));
  range(() => signer.userSigAt('a', -5, T0), usersig.ExpireOutOfRangeError);
});

test('strings: anything else, and lone surrogates, are TypeErrors', () => {
  for (const bad of NOT_STRINGS) {
    const label = typeof bad === 'symbol' ? 'symbol' : String(bad);
    rejectsType(() => new Signer(APP, bad), `key ${label}`);
    rejectsType(() => new Verifier(APP, KEY, bad), `older key ${label}`);
    rejectsType(() => signer.userSigAt(bad, 60, T0), `userId ${label}`);
    rejectsType(() => verifier.verifyAt(bad, 'alice', T0), `token ${label}`);
    rejectsType(() => verifier.verifyAt(token, bad, T0), `userId ${label}`);
    rejectsType(() => inspect(bad), `inspect ${label}`);
    rejectsType(() => api.genUserSig(bad, 60), `Api userid ${label}`);
    rejectsType(() => api.genPrivateMapKeyWithStringRoomID('a', 60, bad, 255), `Api roomstr ${label}`);
  }
  for (const lone of ['\uD800', 'a\uDC00b', 'x\uD83D']) {
    rejectsType(() => signer.userSigAt(lone, 60, T0), 'lone surrogate user id');
    rejectsType(() => signer.privateMapKeyAt('a', lone, 1, 60, T0), 'lone surrogate room');
    rejectsType(() => verifier.verifyAt(token, lone, T0), 'lone surrogate expected id');
    rejectsType(() => new Signer(APP, lone), 'lone surrogate key');
  }
  // A paired surrogate is fine.
  assert.equal(inspect(signer.userSigAt('😀', 60, T0)).userId, '😀');
});

test('bytes: only a Uint8Array', () => {
  for (const bad of NOT_BYTES) {
    rejectsType(() => signer.userSigWithUserbufAt('a', bad, 60, T0), `userbuf ${String(bad)}`);
    rejectsType(() => verifier.verifyWithUserbufAt(token, 'alice', bad, T0), `userbuf ${String(bad)}`);
  }
});

test('1 MB strings: a typed error, never a token', () => {
  const huge = 'x'.repeat(1 << 20);
  assert.throws(() => signer.userSigAt(huge, 60, T0), usersig.UserIdTooLongError);
  assert.throws(() => signer.privateMapKeyAt('a', huge, 1, 60, T0), usersig.RoomStrTooLongError);
  assert.throws(() => verifier.verifyAt(huge, 'alice', T0), (e) => e instanceof usersig.MalformedTokenError && e.reason === 'too_long');
  assert.throws(() => inspect(huge), usersig.MalformedTokenError);
  assert.throws(() => verifier.verifyAt(token, huge, T0), usersig.UserIdMismatchError);
  assert.throws(() => api.genUserSig(huge, 60), usersig.UserIdTooLongError);
  // A 1 MB key is a key like any other.
  const big = new Signer(APP, huge);
  assert.equal(new Verifier(APP, huge).verifyAt(big.userSigAt('a', 60, T0), 'a', T0).userId, 'a');
});

test('garbage and random-byte tokens: MalformedTokenError (or a refusal), never a crash', () => {
  const garbage = ['', ' ', '*', '-_-', 'eJw', 'eJyrVgrxCdY', '\u0000', 'é', token.slice(0, -4), token + 'x',
    token.replace(/.$/, 'A'), 'eJwDAAAAAAE_'];
  for (let i = 0; i < 2000; i += 1) {
    const raw = randomBytes(1 + (i % 300));
    garbage.push(i % 2 ? raw.toString('latin1') : raw.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_'));
  }
  for (const g of garbage) {
    assert.throws(() => verifier.verifyAt(g, 'alice', T0), (e) => e instanceof usersig.TokenError);
    assert.throws(() => inspect(g), (e) => e instanceof usersig.MalformedTokenError);
  }
  // Flipping characters of a real token: refused with a token error, or still valid when the
  // change only touches base64 padding bits (never anything else).
  for (let i = 0; i < token.length; i += 1) {
    const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    try {
      const claims = verifier.verifyAt(flipped, 'alice', T0);
      assert.deepEqual(claims, verifier.verifyAt(token, 'alice', T0));
    } catch (e) {
      assert.ok(e instanceof usersig.TokenError, String(e));
    }
  }
  // Still working afterwards.
  assert.equal(verifier.verifyAt(token, 'alice', T0).userId, 'alice');
});

test('a token whose numbers JavaScript cannot hold exactly is refused, not rounded', () => {
  const { deflateSync } = require('node:zlib');
  const doc = { 'TLS.ver': '2.0', 'TLS.identifier': 'a', 'TLS.sdkappid': APP, 'TLS.time': 2 ** 60, 'TLS.expire': 1, 'TLS.sig': 'A'.repeat(43) + '=' };
  const forged = deflateSync(Buffer.from(JSON.stringify(doc).replace(String(2 ** 60), '1152921504606846977')))
    .toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
  assert.throws(() => inspect(forged), (e) => e instanceof RangeError && /safe integers/.test(e.message));
});
