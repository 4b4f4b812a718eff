// The idiomatic API: round trips, claims and grants, every error kind with its data and Tencent
// code, the constants from the core, the lifetime helpers, and that nothing shows the key.
import test from 'node:test';
import assert from 'node:assert/strict';
import { inspect as show } from 'node:util';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import * as usersig from 'usersig';
import { APP, KEY, T0, decode, hmacOf } from './support.mjs';

const { Signer, Verifier, Privilege, inspect } = usersig;
const wasm = createRequire(import.meta.url)('../wasm/usersig_node.js');

const signer = new Signer(APP, KEY);
const verifier = new Verifier(APP, KEY);

test('a UserSig round trip, with the claims it carries', () => {
  const token = signer.userSigAt('alice', 86400, T0);
  const claims = verifier.verifyAt(token, 'alice', T0 + 10);
  assert.ok(claims instanceof usersig.Claims);
  assert.equal(claims.userId, 'alice');
  assert.equal(claims.sdkappid, APP);
  assert.equal(claims.issuedAt, T0);
  assert.equal(claims.expire, 86400);
  assert.equal(claims.expiresAt, T0 + 86400);
  assert.equal(claims.userbuf, null);
  assert.equal(claims.grant, null);
  assert.equal(claims.signature, hmacOf(KEY, decode(token)));
  assert.ok(Object.isFrozen(claims));
  assert.deepEqual(inspect(token), claims);
});

test('the clock-reading forms use Date.now and the default validity', () => {
  const before = Math.floor(Date.now() / 1000);
  const claims = verifier.verify(signer.userSig('bob'), 'bob');
  assert.equal(claims.expire, usersig.DEFAULT_EXPIRE);
  assert.equal(usersig.DEFAULT_EXPIRE, 180 * 86400);
  assert.ok(claims.issuedAt >= before && claims.issuedAt <= Math.floor(Date.now() / 1000));
  assert.equal(verifier.verify(signer.userSig('bob', 60), 'bob').expire, 60);
});

test('userbufs: carried exactly, checked when expected', () => {
  const userbuf = Uint8Array.from([0, 1, 2, 255]);
  const token = signer.userSigWithUserbufAt('carol', userbuf, 300, T0);
  assert.deepEqual(verifier.verifyWithUserbufAt(token, 'carol', userbuf, T0).userbuf, userbuf);
  assert.throws(() => verifier.verifyWithUserbufAt(token, 'carol', Uint8Array.from([0, 1, 2]), T0),
    (e) => e instanceof usersig.UserbufMismatchError && e.tencentCode === -100006);
  // An empty userbuf is still carried (as the official libraries do).
  const empty = signer.userSigWithUserbufAt('carol', new Uint8Array(0), 300, T0);
  assert.deepEqual(decode(empty)['TLS.userbuf'], '');
  assert.deepEqual(inspect(empty).userbuf, new Uint8Array(0));
  // A Buffer is a Uint8Array; now-reading forms too.
  const claims = verifier.verifyWithUserbuf(signer.userSigWithUserbuf('carol', Buffer.from('hi')), 'carol', Buffer.from('hi'));
  assert.equal(Buffer.from(claims.userbuf).toString(), 'hi');
});

test('PrivateMapKeys: numeric and string rooms, privileges as bits', () => {
  const viewer = Privilege.ENTER_ROOM | Privilege.RECV_AUDIO | Privilege.RECV_VIDEO;
  assert.equal(viewer, 42);
  const numeric = inspect(signer.privateMapKeyAt('dave', 10000, viewer, 3600, T0)).grant;
  assert.ok(numeric instanceof usersig.Grant);
  assert.deepEqual({ ...numeric }, { userId: 'dave', sdkappid: APP, room: 10000, privileges: 42, expiresAt: T0 + 3600 });
  const named = inspect(signer.privateMapKeyAt('用户', '房间', Privilege.ALL, 300, T0)).grant;
  assert.deepEqual({ ...named }, { userId: '用户', sdkappid: APP, room: '房间', privileges: 255, expiresAt: T0 + 300 });
  const fresh = verifier.verifyAnyUserbuf(signer.privateMapKey('dave', 'lobby', Privilege.NONE), 'dave');
  assert.equal(fresh.grant.room, 'lobby');
  assert.equal(fresh.grant.expiresAt, fresh.expiresAt);
});

test('a PrivateMapKey verifies through verifyAnyUserbuf and verifyWithUserbuf, not verify', () => {
  const key = signer.privateMapKeyAt('dave', 77, Privilege.ENTER_ROOM, 600, T0);
  const claims = verifier.verifyAnyUserbufAt(key, 'dave', T0);
  assert.deepEqual({ ...claims.grant }, { userId: 'dave', sdkappid: APP, room: 77, privileges: 2, expiresAt: T0 + 600 });
  assert.deepEqual(verifier.verifyWithUserbufAt(key, 'dave', claims.userbuf, T0), claims);
  assert.throws(() => verifier.verifyAt(key, 'dave', T0), (e) => e instanceof usersig.UnexpectedUserbufError
    && e instanceof usersig.TokenError && e.tencentCode === null && e.kind === 'unexpected_userbuf');
  assert.throws(() => verifier.verify(signer.privateMapKey('dave', 77, Privilege.ENTER_ROOM), 'dave'),
    usersig.UnexpectedUserbufError);
  const plain = signer.userSigAt('dave', 600, T0);
  assert.deepEqual(verifier.verifyAnyUserbufAt(plain, 'dave', T0), verifier.verifyAt(plain, 'dave', T0));
  assert.throws(() => verifier.verifyWithUserbufAt(plain, 'dave', claims.userbuf, T0),
    (e) => e instanceof usersig.MissingUserbufError && e.tencentCode === -100006);
  assert.throws(() => verifier.verifyAnyUserbufAt(key, 'dave', T0 + 601), usersig.ExpiredError);
  assert.throws(() => verifier.verifyAnyUserbufAt(key, 'eve', T0), usersig.UserIdMismatchError);
  assert.throws(() => verifier.verifyAnyUserbufAt(key, 'dave', 'now'), TypeError);
  assert.throws(() => verifier.verifyAnyUserbuf(42, 'dave'), TypeError);
  assert.throws(() => new usersig.AdminAuth(APP, KEY, { admin: 'ad\tmin' }),
    (e) => e instanceof usersig.UserIdControlCharError && e.position === 2);
});

test('Privilege and the limits come from the core', () => {
  const constants = JSON.parse(wasm.constants());
  assert.deepEqual({ ...Privilege }, constants.PRIVILEGES);
  assert.deepEqual(Privilege, {
    CREATE_ROOM: 1, ENTER_ROOM: 2, SEND_AUDIO: 4, RECV_AUDIO: 8, SEND_VIDEO: 16, RECV_VIDEO: 32,
    SEND_SUB_STREAM: 64, RECV_SUB_STREAM: 128, ALL: 255, NONE: 0,
  });
  assert.ok(Object.isFrozen(Privilege));
  for (const name of ['DEFAULT_EXPIRE', 'MAX_EXPIRE', 'MAX_USER_ID_LEN', 'MAX_USERBUF_LEN', 'MAX_TOKEN_LEN',
    'MAX_INFLATED_LEN', 'MAX_ROOM_ID', 'MAX_ROOM_STR_LEN', 'DEFAULT_CALLBACK_WINDOW', 'MAX_CALLBACK_WINDOW',
    'MAX_CALLBACK_QUERY_LEN', 'MAX_CALLBACK_BODY_LEN']) {
    assert.equal(usersig[name], constants[name], name);
  }
  assert.equal(usersig.MAX_EXPIRE, 50 * 365 * 86400);
  assert.equal(usersig.MAX_ROOM_ID, 4294967294);
  assert.deepEqual([usersig.DEFAULT_CALLBACK_WINDOW, usersig.MAX_CALLBACK_WINDOW, usersig.MAX_CALLBACK_QUERY_LEN,
    usersig.MAX_CALLBACK_BODY_LEN], [60, 86400, 16384, 1048576]);
});

test('key rotation: any of the keys verifies, none is a BadSignatureError', () => {
  const old = new Signer(APP, 'old key').userSigAt('erin', 60, T0);
  assert.equal(new Verifier(APP, 'new key', 'old key').verifyAt(old, 'erin', T0).userId, 'erin');
  assert.throws(() => new Verifier(APP, 'new key').verifyAt(old, 'erin', T0),
    (e) => e instanceof usersig.BadSignatureError && e.tencentCode === 70009);
  assert.throws(() => new Verifier(APP), usersig.EmptyKeyError);
});

// One case per kind of core error: how to cause it, and the data it must carry.
const token = signer.userSigAt('alice', 100, T0);
const pmk = signer.privateMapKeyAt('alice', 1234, 255, 100, T0);
const chat = new usersig.ChatCallbackVerifier(KEY);
const chatQuery = `SdkAppid=${APP}&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime=${T0}&Sign=${chat.sign(T0)}`;
const trtc = new usersig.TrtcCallbackVerifier(KEY);
const CASES = {
  empty_key: [() => new Signer(APP, ''), {}],
  sdkappid_out_of_range: [() => new Signer(2 ** 32, KEY), { value: 2 ** 32 }],
  empty_user_id: [() => signer.userSigAt('', 1, T0), {}],
  user_id_too_long: [() => signer.userSigAt('x'.repeat(1025), 1, T0), { len: 1025, max: 1024 }],
  user_id_control_char: [() => signer.userSigAt('é\r\n', 1, T0), { position: 2 }],
  userbuf_too_long: [() => signer.userSigWithUserbufAt('a', new Uint8Array(4097), 1, T0), { len: 4097, max: 4096 }],
  expire_out_of_range: [() => signer.userSigAt('a', 0, T0), { expire: 0, max: 50 * 365 * 86400 }],
  time_out_of_range: [() => signer.userSigAt('a', 1, -1), { now: -1 }],
  expiry_overflow: [() => signer.userSigAt('a', 2, 2 ** 32 - 2), { now: 2 ** 32 - 2, expire: 2 }],
  room_id_out_of_range: [() => signer.privateMapKeyAt('a', 0, 1, 1, T0), { roomId: 0 }],
  empty_room_str: [() => signer.privateMapKeyAt('a', '', 1, 1, T0), {}],
  room_str_too_long: [() => signer.privateMapKeyAt('a', 'é'.repeat(33), 1, 1, T0), { len: 66, max: 64 }],
  privilege_out_of_range: [() => signer.privateMapKeyAt('a', 1, 256, 1, T0), { value: 256 }],
  malformed: [() => verifier.verifyAt('not a token', 'alice', T0), { reason: 'base64' }],
  expired: [() => verifier.verifyAt(token, 'alice', T0 + 101), { expiredAt: T0 + 100, now: T0 + 101 }],
  bad_signature: [() => new Verifier(APP, 'other').verifyAt(token, 'alice', T0), {}],
  user_id_mismatch: [() => verifier.verifyAt(token, 'bob', T0), { expected: 'bob', found: 'alice' }],
  sdkappid_mismatch: [() => new Verifier(7, KEY).verifyAt(token, 'alice', T0), { expected: 7, found: APP }],
  userbuf_mismatch: [() => verifier.verifyWithUserbufAt(pmk, 'alice', new Uint8Array(0), T0), {}],
  missing_userbuf: [() => verifier.verifyWithUserbufAt(token, 'alice', new Uint8Array(0), T0), {}],
  unexpected_userbuf: [() => verifier.verifyAt(pmk, 'alice', T0), {}],
  unknown_region: [() => new usersig.AdminAuth(APP, KEY, { region: 'mars' }), { region: 'mars' }],
  invalid_endpoint: [() => new usersig.AdminAuth(APP, KEY, { url: 'http://example.com' }), {}],
  invalid_rest_path: [() => new usersig.AdminAuth(APP, KEY).urlAt('group', 'get list', T0), { part: 'command' }],
  renew_margin_out_of_range: [() => new usersig.AdminAuth(APP, KEY, { validity: 600, renewMargin: 600 }), { margin: 600, validity: 600 }],
  random_unavailable: [withoutRandomness(() => new usersig.AdminAuth(APP, KEY).urlAt('a', 'b', T0)), {}],
  callback_param_missing: [() => chat.verifyQueryAt(`SdkAppid=${APP}&CallbackCommand=x&Sign=${chat.sign(T0)}`, T0),
    { param: 'RequestTime' }],
  callback_param_repeated: [() => chat.verifyQueryAt(`${chatQuery}&Sign=${chat.sign(T0)}`, T0), { param: 'Sign' }],
  callback_param_invalid: [() => chat.verifyQueryAt(chatQuery.replace(chat.sign(T0), chat.sign(T0).toUpperCase()), T0),
    { param: 'Sign', reason: 'not 64 lowercase hex digits' }],
  callback_bad_signature: [() => new usersig.ChatCallbackVerifier('other').verifyQueryAt(chatQuery, T0), {}],
  callback_out_of_window: [() => chat.verifyQueryAt(chatQuery, T0 + 61), { time: T0, now: T0 + 61, window: 60 }],
  callback_sdkappid_mismatch: [() => new usersig.ChatCallbackVerifier(KEY, { sdkappid: 7 }).verifyQueryAt(chatQuery, T0),
    { expected: 7, found: APP }],
  callback_too_large: [() => trtc.verifyAt('x', String(APP), new Uint8Array(usersig.MAX_CALLBACK_BODY_LEN + 1), T0),
    { part: 'body', len: usersig.MAX_CALLBACK_BODY_LEN + 1, max: usersig.MAX_CALLBACK_BODY_LEN }],
  callback_window_out_of_range: [() => new usersig.TrtcCallbackVerifier(KEY, { window: 86401 }), { window: 86401, max: 86400 }],
};

/** `fn` run while the host's random sources fail (the core draws each URL's random from one). */
function withoutRandomness(fn) {
  return () => {
    const fail = () => {
      throw new Error('no randomness');
    };
    const sources = [[createRequire(import.meta.url)('node:crypto'), 'randomFillSync'], [globalThis.crypto, 'getRandomValues']];
    const real = sources.map(([object, name]) => object[name]);
    sources.forEach(([object, name]) => Object.defineProperty(object, name, { value: fail, configurable: true, writable: true }));
    try {
      return fn();
    } finally {
      sources.forEach(([object, name], i) => Object.defineProperty(object, name, { value: real[i], configurable: true, writable: true }));
    }
  };
}

test("the error classes are exactly the core's kinds, with its Tencent codes", () => {
  const core = JSON.parse(wasm.errorKinds());
  const ours = Object.values(usersig).filter((v) => typeof v === 'function' && Object.hasOwn(v, 'kind'));
  const byKind = (a, b) => (a[0] < b[0] ? -1 : 1);
  assert.deepEqual(ours.map((cls) => [cls.kind, cls.tencentCode]).sort(byKind), [...core].sort(byKind));
  assert.deepEqual(Object.keys(CASES), core.map(([kind]) => kind));
});

for (const [kind, [cause, fields]] of Object.entries(CASES)) {
  test(`error kind ${kind}`, () => {
    let error;
    try {
      cause();
    } catch (e) {
      error = e;
    }
    assert.ok(error, 'it must throw');
    const cls = Object.values(usersig).find((v) => v?.kind === kind && typeof v === 'function');
    assert.ok(error instanceof cls, `${error}`);
    assert.ok(error instanceof usersig.UserSigError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, cls.name);
    assert.equal(error.kind, kind);
    assert.equal(error.tencentCode, cls.tencentCode);
    // A refused token without a Tencent code is still a refused token.
    const refused = cls.tencentCode !== null || kind === 'unexpected_userbuf';
    assert.equal(error instanceof usersig.TokenError, refused);
    const callback = kind.startsWith('callback_') && kind !== 'callback_window_out_of_range';
    assert.equal(error instanceof usersig.CallbackError, callback);
    const input = !refused && !callback && kind !== 'random_unavailable';
    assert.equal(error instanceof usersig.InputError, input);
    assert.equal(error instanceof RangeError, input);
    assert.ok(error.message.length > 10);
    for (const [name, value] of Object.entries(fields)) assert.equal(error[name], value, name);
    assert.ok(!error.message.includes(KEY) && !show(error).includes(KEY));
  });
}

test('malformed tokens say why', () => {
  const why = (t) => {
    try {
      inspect(t);
    } catch (e) {
      assert.ok(e instanceof usersig.MalformedTokenError);
      assert.equal(e.tencentCode, 70003);
      return [e.reason, e.field];
    }
    assert.fail('accepted');
  };
  assert.deepEqual(why('x'.repeat(usersig.MAX_TOKEN_LEN + 1)), ['too_long', undefined]);
  assert.deepEqual(why('eJw_'), ['zlib', undefined]);
  const doc = decode(token);
  delete doc['TLS.sig'];
  const reencoded = deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
  assert.deepEqual(why(reencoded), ['missing_field', 'TLS.sig']);
});

test('lifetime helpers: secondsLeft and shouldRenew on the boundaries', () => {
  const claims = inspect(signer.userSigAt('frank', 1000, T0));
  assert.equal(claims.secondsLeftAt(T0), 1000);
  assert.equal(claims.secondsLeftAt(T0 + 1000), 0);
  assert.equal(claims.secondsLeftAt(T0 + 1001), -1);
  // left == margin -> false; left == margin - 1 -> true
  assert.equal(claims.shouldRenewAt(T0 + 400, 600), false);
  assert.equal(claims.shouldRenewAt(T0 + 401, 600), true);
  const fresh = inspect(signer.userSig('frank', 1000));
  assert.ok(fresh.secondsLeft() <= 1000 && fresh.secondsLeft() >= 998);
  assert.equal(fresh.shouldRenew(600), false);
  assert.equal(fresh.shouldRenew(1001), true);
  assert.throws(() => claims.secondsLeftAt(1.5), TypeError);
});

test('the ES module exports exactly what the CommonJS entry does, as the same objects', () => {
  const cjs = createRequire(import.meta.url)('usersig');
  assert.deepEqual(Object.keys(usersig).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort());
  for (const [name, value] of Object.entries(cjs)) assert.equal(usersig[name], value, name);
  assert.equal(usersig.default, cjs);
});

test('nothing shows the key', () => {
  const api = new usersig.Api(APP, KEY);
  for (const object of [signer, verifier, api, chat, trtc]) {
    for (const text of [String(object), show(object), JSON.stringify(object), show(object, { showHidden: true, depth: 9 })]) {
      assert.ok(!text.includes(KEY), text);
      assert.ok(!text.includes('5bd2850f'), text);
    }
  }
  assert.equal(String(signer), `Signer(sdkappid=${APP})`);
  assert.equal(show(verifier), `Verifier(sdkappid=${APP})`);
  assert.deepEqual(Object.keys(signer), ['sdkappid']);
  assert.deepEqual(Object.keys(api), ['sdkappid']);
});
