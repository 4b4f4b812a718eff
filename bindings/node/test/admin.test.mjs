// AdminAuth against the fake REST endpoint (scripts/fake-rest, built by scripts/test-node.sh; its
// path is USERSIG_FAKE_REST or target/release/usersig-fake-rest): URLs it accepts, failures it
// reports with Tencent's codes, the token cache and its renewal, and the URL's shape.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as usersig from 'usersig';
import { APP, KEY, T0, decode, fakeRest } from './support.mjs';

const { AdminAuth } = usersig;

async function post(url, body = {}) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return response.json();
}

test('the fake endpoint accepts our URLs and refuses a wrong key, sdkappid or admin with their codes', async () => {
  const base = await fakeRest();
  const auth = new AdminAuth(APP, KEY, { url: base });
  assert.equal(auth.endpoint, base);
  const ok = await post(auth.url('im_open_login_svc', 'account_import'), { UserID: 'alice' });
  assert.equal(ok.ActionStatus, 'OK', JSON.stringify(ok));
  assert.equal(ok.ErrorCode, 0);
  assert.deepEqual([ok.Service, ok.Command, ok.Body], ['im_open_login_svc', 'account_import', { UserID: 'alice' }]);
  const badKey = await post(new AdminAuth(APP, 'another key', { url: base }).url('a', 'b'));
  assert.deepEqual([badKey.ActionStatus, badKey.ErrorCode], ['FAIL', 70009]);
  const badApp = await post(new AdminAuth(APP + 1, KEY, { url: base }).url('a', 'b'));
  assert.deepEqual([badApp.ActionStatus, badApp.ErrorCode], ['FAIL', 70014]);
  // A fresh AdminAuth: `auth` would reuse its current token, which is valid at T0 too.
  const expired = await post(new AdminAuth(APP, KEY, { url: base }).urlAt('a', 'b', T0));
  assert.deepEqual([expired.ActionStatus, expired.ErrorCode], ['FAIL', 70001]);
  const failing = await post(auth.url('fake', 'fail'));
  assert.deepEqual([failing.ActionStatus, failing.ErrorCode], ['FAIL', 90001]);
});

test('the URL: endpoint, path, sdkappid, percent-encoded admin and token, a fresh random each time', () => {
  const auth = new AdminAuth(APP, KEY, { admin: 'ops/管理', region: 'singapore' });
  const url = new URL(auth.urlAt('group_open_http_svc', 'create_group', T0));
  assert.equal(url.origin, 'https://adminapisgp.im.qcloud.com');
  assert.equal(url.pathname, '/v4/group_open_http_svc/create_group');
  const q = url.searchParams;
  assert.deepEqual([q.get('sdkappid'), q.get('identifier'), q.get('contenttype')], [String(APP), 'ops/管理', 'json']);
  assert.ok(auth.urlAt('a', 'b', T0).includes('identifier=ops%2F%E7%AE%A1%E7%90%86&'));
  const doc = decode(q.get('usersig'));
  assert.deepEqual([doc['TLS.identifier'], doc['TLS.time'], doc['TLS.expire']], ['ops/管理', T0, usersig.DEFAULT_ADMIN_VALIDITY]);
  const randoms = new Set(Array.from({ length: 50 }, () => Number(new URL(auth.urlAt('a', 'b', T0)).searchParams.get('random'))));
  assert.ok(randoms.size > 45);
  for (const r of randoms) assert.ok(Number.isInteger(r) && r >= 0 && r < 2 ** 32);
  assert.equal(new AdminAuth(APP, KEY).endpoint, 'https://console.tim.qq.com');
  assert.equal(new AdminAuth(APP, KEY, { host: 'im.example.com:8443' }).endpoint, 'https://im.example.com:8443');
  assert.deepEqual(usersig.REGIONS.map((r) => r.name),
    ['china', 'singapore', 'seoul', 'tokyo', 'frankfurt', 'mumbai', 'silicon-valley', 'jakarta']);
  assert.equal(usersig.REGIONS[1].backupHost, 'adminapisgp.my-imcloud.com');
});

test('the token is cached and renewed once fewer than renewMargin seconds are left', () => {
  const auth = new AdminAuth(APP, KEY, { validity: 1000, renewMargin: 100 });
  assert.deepEqual([auth.validity, auth.renewMargin, auth.admin], [1000, 100, usersig.DEFAULT_ADMIN]);
  const first = auth.userSigAt(T0);
  assert.equal(auth.userSigAt(T0 + 900), first); // 100 left: not fewer than the margin
  const renewed = auth.userSigAt(T0 + 901); // 99 left
  assert.notEqual(renewed, first);
  assert.equal(decode(renewed)['TLS.time'], T0 + 901);
  let now = T0;
  const clocked = new AdminAuth(APP, KEY, { clock: () => now });
  const token = clocked.userSig();
  now += 3000;
  assert.equal(clocked.userSig(), token);
  assert.equal(new URL(clocked.url('a', 'b')).searchParams.get('usersig'), token);
  now += 1;
  assert.notEqual(clocked.userSig(), token);
});

test('AdminAuth refuses bad options: types, endpoints, margins', () => {
  assert.throws(() => new AdminAuth(APP, KEY, { region: 'china', url: 'https://a.example' }), TypeError);
  assert.throws(() => new AdminAuth(APP, KEY, null), TypeError);
  assert.throws(() => new AdminAuth(APP, KEY, { clock: 5 }), TypeError);
  assert.throws(() => new AdminAuth(APP, KEY, { clock: () => 1.5 }).url('a', 'b'), TypeError);
  assert.throws(() => new AdminAuth(APP, KEY, { validity: 1.5 }), TypeError);
  assert.throws(() => new AdminAuth('1400000000', KEY), TypeError);
  assert.throws(() => new AdminAuth(APP, KEY, { admin: '' }), usersig.EmptyUserIdError);
  assert.throws(() => new AdminAuth(APP, ''), usersig.EmptyKeyError);
  assert.throws(() => new AdminAuth(APP, KEY, { host: 'https://x.example' }), usersig.InvalidEndpointError);
  assert.throws(() => new AdminAuth(APP, KEY, { validity: 0 }), usersig.ExpireOutOfRangeError);
  assert.throws(() => new AdminAuth(APP, KEY, { renewMargin: -1 }), usersig.RenewMarginOutOfRangeError);
  assert.throws(() => new AdminAuth(APP, KEY).urlAt('', 'b', T0), (e) => e instanceof usersig.InvalidRestPathError && e.part === 'service');
  const text = String(new AdminAuth(APP, KEY));
  assert.ok(!text.includes(KEY) && text.includes('administrator'));
});
