// Against Tencent's npm tls-sig-api-v2 1.0.2 (a dev dependency): its tokens verify with ours; ours
// decode with a plain inflate and HMAC to the same fields and a correct signature; the drop-in
// Api mints what it mints, and throws where it signs a broken token.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as usersig from 'usersig';
import { APP, KEY, T0, atClock, decode, hmacOf } from './support.mjs';

const official = createRequire(import.meta.url)('tls-sig-api-v2');
const { Api, Signer, Verifier } = usersig;

const USERS = ['xiaojun', 'user_01-ABC', '-leading-dash', 'a'.repeat(64), '用户/<a>&"', '😀emoji', 'q"uo\\te'];
// The official library signs user ids with control characters; ours refuses them (one field a
// line in the signed text), and still verifies the official library's tokens for them.
const CONTROL = { 'tab\tnl\n': 3, '\u0000': 0, 'del\u007f': 3 };
const ASCII = USERS.filter((u) => /^[\x20-\x7e]*$/.test(u));

test("the official library's tokens verify with ours", () => {
  const theirs = new official.Api(APP, KEY);
  const verifier = new Verifier(APP, KEY);
  for (const user of USERS) {
    const plain = atClock(T0, () => theirs.genUserSig(user, 86400));
    assert.equal(verifier.verifyAt(plain, user, T0 + 86400).userId, user);
    assert.throws(() => verifier.verifyAt(plain, user, T0 + 86401), usersig.ExpiredError);
    const userbuf = Buffer.from([0, 1, 2, 250]);
    const withBuf = atClock(T0, () => theirs.genSig(user, 300, userbuf));
    assert.deepEqual(Buffer.from(verifier.verifyWithUserbufAt(withBuf, user, userbuf, T0).userbuf), userbuf);
  }
  for (const user of ASCII) {
    const pmk = atClock(T0, () => theirs.genPrivateMapKey(user, 300, 10000, 255));
    assert.throws(() => verifier.verifyAt(pmk, user, T0), usersig.UnexpectedUserbufError);
    const { grant } = verifier.verifyAnyUserbufAt(pmk, user, T0);
    assert.deepEqual({ ...grant }, { userId: user, sdkappid: APP, room: 10000, privileges: 255, expiresAt: T0 + 300 });
    const named = atClock(T0, () => theirs.genPrivateMapKeyWithStringRoomID(user, 300, 'room-A_b', 42));
    assert.equal(verifier.verifyAnyUserbufAt(named, user, T0).grant.room, 'room-A_b');
  }
  for (const [user, position] of Object.entries(CONTROL)) {
    const plain = atClock(T0, () => theirs.genUserSig(user, 86400));
    assert.equal(verifier.verifyAt(plain, user, T0).userId, user);
    assert.throws(() => new Api(APP, KEY).genUserSig(user, 86400),
      (e) => e instanceof usersig.UserIdControlCharError && e.position === position && e.tencentCode === null);
  }
});

test('ours decode with a plain inflate and HMAC to the same fields and a correct signature', () => {
  const signer = new Signer(APP, KEY);
  for (const user of USERS) {
    const doc = decode(signer.userSigAt(user, 86400, T0));
    assert.deepEqual(Object.keys(doc).sort(), ['TLS.expire', 'TLS.identifier', 'TLS.sdkappid', 'TLS.sig', 'TLS.time', 'TLS.ver']);
    assert.equal(doc['TLS.ver'], '2.0');
    assert.equal(doc['TLS.identifier'], user);
    assert.equal(doc['TLS.sdkappid'], APP);
    assert.equal(doc['TLS.time'], T0);
    assert.equal(doc['TLS.expire'], 86400);
    assert.equal(doc['TLS.sig'], hmacOf(KEY, doc));
    // The official library's own HMAC routine agrees.
    assert.equal(doc['TLS.sig'], new official.Api(APP, KEY)._hmacsha256(user, T0, 86400, null));
    const withBuf = decode(signer.userSigWithUserbufAt(user, Buffer.from('abc'), 300, T0));
    assert.equal(withBuf['TLS.userbuf'], Buffer.from('abc').toString('base64'));
    assert.equal(withBuf['TLS.sig'], hmacOf(KEY, withBuf));
  }
});

test('the drop-in Api mints the same signature and userbuf as the official one, for the same clock', () => {
  const theirs = new official.Api(APP, KEY);
  const ours = new Api(APP, KEY);
  const same = (call) => {
    const [a, b] = atClock(T0, () => [call(theirs), call(ours)]).map(decode);
    assert.equal(b['TLS.sig'], a['TLS.sig']);
    assert.equal(b['TLS.userbuf'], a['TLS.userbuf']);
    assert.equal(b['TLS.time'], a['TLS.time']);
  };
  for (const user of USERS) {
    same((api) => api.genUserSig(user, 86400));
    same((api) => api.genSig(user, 300, Buffer.from([9, 8, 7])));
    same((api) => api.genSig(user, 300, 'text userbuf'));
    same((api) => api.genSig(user, 300, null));
  }
  for (const user of ASCII) {
    same((api) => api.genPrivateMapKey(user, 300, 10000, 255));
    same((api) => api.genPrivateMapKey(user, 300, 4294967294, 42));
    same((api) => api.genPrivateMapKeyWithStringRoomID(user, 300, '1000000040', 255));
  }
  assert.equal(ours.sdkappid, theirs.sdkappid);
});

test("the drop-in throws where the official library signs a broken token", () => {
  const theirs = new official.Api(APP, KEY);
  const ours = new Api(APP, KEY);
  // Official: "TLS.identifier":"undefined", "TLS.expire" null/"undefined" signed, room 2^32 wrapped.
  assert.equal(decode(atClock(T0, () => theirs.genUserSig(undefined, 60)))['TLS.identifier'], 'undefined');
  assert.throws(() => ours.genUserSig(undefined, 60), TypeError);
  assert.throws(() => ours.genUserSig(null, 60), TypeError);
  assert.ok(atClock(T0, () => theirs.genUserSig('a')));
  assert.throws(() => ours.genUserSig('a'), TypeError);
  assert.ok(atClock(T0, () => theirs.genPrivateMapKey('a', 60, 2 ** 32 + 5, 255)));
  assert.throws(() => ours.genPrivateMapKey('a', 60, 2 ** 32 + 5, 255), usersig.RoomIdOutOfRangeError);
  // Non-ASCII PrivateMapKeys: the official keeps the low byte of each UTF-16 unit; ours is UTF-8.
  const bad = atClock(T0, () => theirs.genPrivateMapKeyWithStringRoomID('用户', 300, '房间', 255));
  const theirGrant = usersig.inspect(bad).grant; // null here: its room bytes are not UTF-8 at all
  assert.ok(theirGrant === null || theirGrant.userId !== '用户');
  const good = usersig.inspect(atClock(T0, () => ours.genPrivateMapKeyWithStringRoomID('用户', 300, '房间', 255))).grant;
  assert.deepEqual([good.userId, good.room], ['用户', '房间']);
  assert.throws(() => ours.genPrivateMapKeyWithStringRoomID('a', 60, 10000, 255), TypeError);
  assert.throws(() => ours.genPrivateMapKey('a', 60, '10000', 255), TypeError);
});
