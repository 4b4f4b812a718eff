// The callback verifiers: every line of core/tests/vectors/callbacks.jsonl (verify and sign), each
// refusal with its typed error, bad JavaScript types, secrets, and a real HTTP server checking
// what the fake sender (`usersig-fake-rest callbacks`) POSTs to it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { inspect as show } from 'node:util';
import * as usersig from 'usersig';
import { APP, T0, sendCallbacks } from './support.mjs';

const { ChatCallbackVerifier, TrtcCallbackVerifier, ChatCallback, TrtcCallback } = usersig;

const VECTORS = readFileSync(new URL('../../../core/tests/vectors/callbacks.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));

const TOKEN = 'xxxxyyyy';
const SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';
const TIME = 1669872112;
const chat = new ChatCallbackVerifier(TOKEN, { sdkappid: 888888 });

function chatQuery(v) {
  return `SdkAppid=${v.sdkappid}&CallbackCommand=${v.command}&contenttype=json&ClientIP=10.0.0.1`
    + `&OptPlatform=RESTAPI&RequestTime=${v.request_time}&Sign=${v.sign}`;
}

function queryWith(sign, time = String(TIME), extra = '') {
  return `SdkAppid=888888&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime=${time}&Sign=${sign}${extra}`;
}

/** Asserts that `fn` throws the error class `cls` with `fields`. */
function refuses(fn, cls, fields = {}, label = undefined) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof cls, `${e}`);
    for (const [name, value] of Object.entries(fields)) assert.equal(e[name], value, name);
    return true;
  }, label);
}

test('every Chat vector: sign, verifyQueryAt and verifyParamsAt', () => {
  const lines = VECTORS.filter((v) => v.scheme === 'chat');
  assert.ok(lines.length >= 4);
  assert.ok(lines.some((v) => v.id === 'chat-001-tencent-guide' && v.sign === SIGN));
  for (const v of lines) {
    const verifier = new ChatCallbackVerifier(v.token, { sdkappid: v.sdkappid });
    assert.equal(verifier.sign(v.request_time), v.sign, v.id);
    const callback = verifier.verifyQueryAt(chatQuery(v), v.request_time + 60);
    assert.ok(callback instanceof ChatCallback);
    assert.ok(Object.isFrozen(callback) && Object.isFrozen(callback.params) && Object.isFrozen(callback.params[0]));
    assert.deepEqual({ ...callback }, {
      command: v.command,
      sdkappid: v.sdkappid,
      requestTime: v.request_time,
      params: [['contenttype', 'json'], ['ClientIP', '10.0.0.1'], ['OptPlatform', 'RESTAPI']],
    }, v.id);
    assert.deepEqual(verifier.verifyQueryAt(`?${chatQuery(v)}`, v.request_time), callback);
    const parsed = new URLSearchParams(chatQuery(v));
    assert.deepEqual(verifier.verifyParamsAt(parsed, v.request_time - 60), callback);
    const pairs = [['CallbackCommand', v.command], ['SdkAppid', String(v.sdkappid)],
      ['RequestTime', String(v.request_time)], ['Sign', v.sign]];
    assert.deepEqual(verifier.verifyParamsAt(pairs, v.request_time).params, []);
    assert.deepEqual(verifier.verifyParamsAt(new Map(pairs), v.request_time).command, v.command);
  }
});

test('every TRTC vector: sign and verifyAt, on a Buffer and a Uint8Array', () => {
  const lines = VECTORS.filter((v) => v.scheme === 'trtc');
  assert.ok(lines.length >= 3);
  for (const v of lines) {
    const verifier = new TrtcCallbackVerifier(v.key, { sdkappid: v.sdkappid });
    const body = Buffer.from(v.body, 'utf8');
    assert.equal(verifier.sign(body), v.sign, v.id);
    const event = verifier.verifyAt(v.sign, String(v.sdkappid), new Uint8Array(body), 0);
    assert.ok(event instanceof TrtcCallback && Object.isFrozen(event));
    assert.deepEqual({ ...event }, {
      sdkappid: v.sdkappid,
      eventGroupId: v.event_group_id,
      eventType: v.event_type,
      callbackTs: v.callback_ts,
    }, v.id);
    assert.deepEqual(verifier.verify(v.sign, String(v.sdkappid), body), event);
  }
});

test('options, defaults and the clock-reading forms', () => {
  assert.deepEqual([chat.sdkappid, chat.window], [888888, usersig.DEFAULT_CALLBACK_WINDOW]);
  const any = new ChatCallbackVerifier(TOKEN);
  assert.deepEqual([any.sdkappid, any.window], [null, 60]);
  assert.equal(new ChatCallbackVerifier(TOKEN, { sdkappid: null, window: 0 }).window, 0);
  const trtc = new TrtcCallbackVerifier('k');
  assert.deepEqual([trtc.sdkappid, trtc.window], [null, null]);
  assert.deepEqual({ ...new TrtcCallbackVerifier('k', { sdkappid: APP, window: 60 }) }, { sdkappid: APP, window: 60 });
  assert.equal(new TrtcCallbackVerifier('k', { window: usersig.MAX_CALLBACK_WINDOW }).window, 86400);

  const now = Math.floor(Date.now() / 1000);
  const fresh = queryWith(chat.sign(now), String(now));
  assert.equal(chat.verifyQuery(fresh).requestTime, now);
  assert.equal(chat.verifyParams(new URLSearchParams(fresh)).command, 'C2C.CallbackAfterSendMsg');
  refuses(() => chat.verifyQuery(queryWith(SIGN)), usersig.CallbackOutOfWindowError, { time: TIME, window: 60 });
  const windowed = new TrtcCallbackVerifier('k', { window: 60 });
  const body = Buffer.from(JSON.stringify({ EventType: 1, CallbackTs: Date.now() }));
  assert.equal(windowed.verify(windowed.sign(body), '1', body).eventType, 1);
});

test("TUILiveKit's webhooks: SdkAppId and WebhookCommand, signed as Chat's", () => {
  const live = `SdkAppId=888888&WebhookCommand=Live.CallbackAfterCreateRoom&RequestTime=${TIME}&Sign=${SIGN}`;
  assert.deepEqual({ ...chat.verifyQueryAt(live, TIME) },
    { command: 'Live.CallbackAfterCreateRoom', sdkappid: 888888, requestTime: TIME, params: [] });
  refuses(() => chat.verifyQueryAt(`${live}&SdkAppid=888888`, TIME), usersig.CallbackParamRepeatedError);
});

test('Chat refusals, each with its typed error and fields', () => {
  const time = String(TIME);
  const cases = [
    [queryWith(SIGN.toUpperCase()), usersig.CallbackParamInvalidError, { param: 'Sign', reason: 'not 64 lowercase hex digits' }],
    [queryWith(SIGN.slice(0, 62)), usersig.CallbackParamInvalidError, { param: 'Sign' }],
    [queryWith(SIGN, time, `&Sign=${SIGN}`), usersig.CallbackParamRepeatedError, { param: 'Sign' }],
    [queryWith(SIGN, time, `&RequestTime=${time}`), usersig.CallbackParamRepeatedError, { param: 'RequestTime' }],
    [queryWith(SIGN.replace(/7/g, '%37')), usersig.CallbackParamInvalidError, { param: 'Sign', reason: 'percent-encoded' }],
    [`SdkAppid=888888&CallbackCommand=x&RequestTime=${time}&%53ign=${SIGN}`, usersig.CallbackParamInvalidError, { param: 'Sign' }],
    [`SdkAppid=888888&CallbackCommand=x&Sign=${SIGN}`, usersig.CallbackParamMissingError, { param: 'RequestTime' }],
    [`SdkAppid=888888&RequestTime=${time}&Sign=${SIGN}`, usersig.CallbackParamMissingError, { param: 'CallbackCommand' }],
    [queryWith(SIGN, 'soon'), usersig.CallbackParamInvalidError, { param: 'RequestTime', reason: 'not a decimal number' }],
    [queryWith(SIGN, '-1'), usersig.CallbackParamInvalidError, { param: 'RequestTime' }],
    [queryWith(SIGN, '99999999999999999999'), usersig.CallbackParamInvalidError, { param: 'RequestTime', reason: 'a number out of range' }],
    [queryWith(new ChatCallbackVerifier('other').sign(TIME)), usersig.CallbackBadSignatureError, {}],
    [queryWith(SIGN, String(TIME + 1)), usersig.CallbackBadSignatureError, {}],
    [queryWith(SIGN, time, '&a=%zz'), usersig.CallbackParamInvalidError, { param: 'query', reason: 'a broken percent escape' }],
    [queryWith(SIGN, time, `&pad=${'x'.repeat(usersig.MAX_CALLBACK_QUERY_LEN)}`), usersig.CallbackTooLargeError, { part: 'query', max: 16384 }],
  ];
  for (const [query, cls, fields] of cases) {
    refuses(() => chat.verifyQueryAt(query, TIME), cls, fields, query);
    assert.throws(() => chat.verifyQueryAt(query, TIME), (e) => e instanceof usersig.CallbackError
      && e instanceof usersig.UserSigError && e.tencentCode === null && !(e instanceof RangeError));
  }
  refuses(() => chat.verifyQueryAt(queryWith(SIGN), TIME + 61), usersig.CallbackOutOfWindowError,
    { time: TIME, now: TIME + 61, window: 60 });
  refuses(() => chat.verifyQueryAt(queryWith(SIGN), TIME - 61), usersig.CallbackOutOfWindowError, { now: TIME - 61 });
  refuses(() => new ChatCallbackVerifier(TOKEN, { sdkappid: 1 }).verifyQueryAt(queryWith(SIGN), TIME),
    usersig.CallbackSdkAppIdMismatchError, { expected: 1, found: 888888 });
  refuses(() => chat.verifyParamsAt([['Sign', SIGN], ['Sign', SIGN]], TIME), usersig.CallbackParamRepeatedError, { param: 'Sign' });
  refuses(() => chat.verifyParamsAt([['x', 'y'.repeat(usersig.MAX_CALLBACK_QUERY_LEN)]], TIME), usersig.CallbackTooLargeError,
    { part: 'query', len: 16385 });
  // Parsed parameters are already decoded: only verifyQuery sees that Sign was percent-encoded.
  assert.equal(chat.verifyParamsAt(new URLSearchParams(queryWith(SIGN.replace(/7/g, '%37'))), TIME).requestTime, TIME);
  const undecoded = new URLSearchParams(queryWith(SIGN));
  undecoded.set('Sign', SIGN.replace(/7/g, '%37'));
  refuses(() => chat.verifyParamsAt(undecoded, TIME), usersig.CallbackParamInvalidError, { param: 'Sign' });
});

test('TRTC refusals, each with its typed error and fields', () => {
  const v = VECTORS.find((line) => line.id === 'trtc-002-spaced-utf8');
  const trtc = new TrtcCallbackVerifier(v.key, { sdkappid: v.sdkappid });
  const body = Buffer.from(v.body, 'utf8');
  const app = String(v.sdkappid);
  const tampered = Buffer.from(body);
  tampered[tampered.length - 3] ^= 1;
  const reencoded = Buffer.from(JSON.stringify(JSON.parse(v.body)));
  assert.notDeepEqual(reencoded, body);
  refuses(() => trtc.verifyAt(v.sign, app, tampered, 0), usersig.CallbackBadSignatureError);
  refuses(() => trtc.verifyAt(v.sign, app, reencoded, 0), usersig.CallbackBadSignatureError);
  refuses(() => trtc.verifyAt(new TrtcCallbackVerifier('other').sign(body), app, body, 0), usersig.CallbackBadSignatureError);
  for (const bad of [v.sign.replace(/=$/, ''), `${v.sign}=`, v.sign.replace('=', '.'), v.sign.slice(4), 'x']) {
    refuses(() => trtc.verifyAt(bad, app, body, 0), usersig.CallbackParamInvalidError,
      { param: 'Sign', reason: 'not the base64 of 32 bytes' });
  }
  refuses(() => trtc.verifyAt(undefined, app, body, 0), usersig.CallbackParamMissingError, { param: 'Sign' });
  refuses(() => trtc.verifyAt('', app, body, 0), usersig.CallbackParamMissingError, { param: 'Sign' });
  refuses(() => trtc.verifyAt(v.sign, undefined, body, 0), usersig.CallbackParamMissingError, { param: 'SdkAppId' });
  refuses(() => trtc.verifyAt(v.sign, ' 1', body, 0), usersig.CallbackParamInvalidError, { param: 'SdkAppId' });
  refuses(() => trtc.verifyAt(v.sign, '7', body, 0), usersig.CallbackSdkAppIdMismatchError,
    { expected: v.sdkappid, found: 7 });
  const notJson = Buffer.from('[1, 2]');
  refuses(() => trtc.verifyAt(trtc.sign(notJson), app, notJson, 0), usersig.CallbackParamInvalidError,
    { param: 'body', reason: 'not a JSON object' });
  const floatType = Buffer.from('{"EventType":1.5}');
  refuses(() => trtc.verifyAt(trtc.sign(floatType), app, floatType, 0), usersig.CallbackParamInvalidError,
    { param: 'EventType', reason: 'not an integer' });
  const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
  refuses(() => trtc.verifyAt(v.sign, app, huge, 0), usersig.CallbackTooLargeError,
    { part: 'body', len: huge.length, max: usersig.MAX_CALLBACK_BODY_LEN });

  const windowed = new TrtcCallbackVerifier(v.key, { sdkappid: v.sdkappid, window: 60 });
  const ts = Math.floor(v.callback_ts / 1000);
  assert.equal(windowed.verifyAt(v.sign, app, body, ts + 60).callbackTs, v.callback_ts);
  refuses(() => windowed.verifyAt(v.sign, app, body, ts + 61), usersig.CallbackOutOfWindowError,
    { time: ts, now: ts + 61, window: 60 });
  const untimed = VECTORS.find((line) => line.id === 'trtc-003-no-ts');
  refuses(() => new TrtcCallbackVerifier(untimed.key, { window: 60 }).verifyAt(untimed.sign, '1', Buffer.from(untimed.body), 0),
    usersig.CallbackParamMissingError, { param: 'CallbackTs' });
});

test('an event number JavaScript cannot hold exactly is refused, not rounded', () => {
  const trtc = new TrtcCallbackVerifier('k');
  const body = Buffer.from('{"EventType":9007199254740993}');
  assert.throws(() => trtc.verifyAt(trtc.sign(body), '1', body, 0),
    (e) => e instanceof RangeError && /EventType 9007199254740993 is beyond/.test(e.message));
});

test('bad configuration: an empty secret, a window out of range', () => {
  refuses(() => new ChatCallbackVerifier(''), usersig.EmptyKeyError);
  refuses(() => new TrtcCallbackVerifier(''), usersig.EmptyKeyError);
  for (const window of [-1, usersig.MAX_CALLBACK_WINDOW + 1]) {
    refuses(() => new ChatCallbackVerifier(TOKEN, { window }), usersig.CallbackWindowOutOfRangeError, { window, max: 86400 });
    refuses(() => new TrtcCallbackVerifier(TOKEN, { window }), usersig.CallbackWindowOutOfRangeError, { window });
    assert.throws(() => new ChatCallbackVerifier(TOKEN, { window }), (e) => e instanceof usersig.InputError && e instanceof RangeError);
  }
  refuses(() => new ChatCallbackVerifier(TOKEN, { sdkappid: 2 ** 32 }), usersig.SdkAppIdOutOfRangeError);
  refuses(() => new TrtcCallbackVerifier(TOKEN, { sdkappid: -1 }), usersig.SdkAppIdOutOfRangeError);
});

test('wrong JavaScript types are TypeErrors, before the core sees them', () => {
  const trtc = new TrtcCallbackVerifier('k');
  const type = (fn, label) => assert.throws(fn, (e) => e instanceof TypeError && !(e instanceof usersig.UserSigError), label);
  for (const bad of [undefined, null, 42, Buffer.from('t'), {}]) {
    type(() => new ChatCallbackVerifier(bad), `token ${String(bad)}`);
    type(() => new TrtcCallbackVerifier(bad), `key ${String(bad)}`);
    type(() => chat.verifyQueryAt(bad, TIME), `query ${String(bad)}`);
  }
  for (const bad of [null, 5, 'options']) {
    type(() => new ChatCallbackVerifier(TOKEN, bad), `options ${bad}`);
    type(() => new TrtcCallbackVerifier(TOKEN, bad), `options ${bad}`);
  }
  for (const bad of ['1400000000', 1.5, 10n]) {
    type(() => new ChatCallbackVerifier(TOKEN, { sdkappid: bad }), `sdkappid ${bad}`);
    type(() => new TrtcCallbackVerifier(TOKEN, { window: bad }), `window ${bad}`);
    type(() => chat.verifyQueryAt(queryWith(SIGN), bad), `now ${bad}`);
    type(() => chat.sign(bad), `requestTime ${bad}`);
  }
  type(() => new ChatCallbackVerifier(TOKEN, { window: null }), 'a Chat window is always set');
  for (const bad of [queryWith(SIGN), { Sign: SIGN }, null, 42, [['Sign']], [['Sign', 1]], [[1, 'x']], ['ab']]) {
    type(() => chat.verifyParamsAt(bad, TIME), `params ${JSON.stringify(bad)}`);
  }
  for (const bad of [v => v, ['a', 'b'], 42, null]) {
    type(() => trtc.verifyAt(bad, '1', Buffer.from('{}'), 0), `sign ${String(bad)}`);
    type(() => trtc.verifyAt('x', bad, Buffer.from('{}'), 0), `sdkappid ${String(bad)}`);
  }
  for (const bad of [undefined, null, [123], new ArrayBuffer(2), new Uint16Array(2), {}]) {
    type(() => trtc.verifyAt('x', '1', bad, 0), `body ${String(bad)}`);
    type(() => trtc.sign(bad), `body ${String(bad)}`);
  }
  assert.throws(() => trtc.verifyAt('x', '1', '{"EventType":103}', 0), (e) => e instanceof TypeError && /raw bytes/.test(e.message));
  assert.throws(() => trtc.sign('{}'), (e) => e instanceof TypeError && /not a string/.test(e.message));
  type(() => chat.verifyQueryAt('\uD800', TIME), 'a lone surrogate');
});

test('nothing shows the token or the key', () => {
  const token = 'chat-callback-token-1234567890';
  const key = 'trtc-callback-key-1234567890';
  const verifiers = [new ChatCallbackVerifier(token, { sdkappid: APP }), new TrtcCallbackVerifier(key, { window: 60 })];
  for (const object of verifiers) {
    for (const text of [String(object), show(object), JSON.stringify(object), show(object, { showHidden: true, depth: 9 })]) {
      assert.ok(!text.includes(token) && !text.includes(key), text);
    }
    assert.deepEqual(Object.keys(object), ['sdkappid', 'window']);
  }
  assert.equal(String(verifiers[0]), `ChatCallbackVerifier(sdkappid=${APP}, window=60)`);
  assert.equal(show(verifiers[1]), 'TrtcCallbackVerifier(sdkappid=any, window=60)');
  assert.throws(() => verifiers[0].verifyQueryAt('', T0), (e) => !show(e).includes(token));
});

/**
 * The receiver the fake sender expects: Chat callbacks at /chat checked on the raw query string,
 * TRTC ones at /trtc on the raw body; 200 `ok …` or 403 with the error's kind. `seen` records
 * each outcome.
 */
function receiver(chatVerifier, trtcVerifier, seen) {
  return createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const at = req.url.indexOf('?');
    const path = at < 0 ? req.url : req.url.slice(0, at);
    try {
      if (path === '/chat') {
        const callback = chatVerifier.verifyQuery(at < 0 ? '' : req.url.slice(at + 1));
        assert.equal(JSON.parse(body).CallbackCommand, 'C2C.CallbackAfterSendMsg');
        seen.push(['chat', callback.command]);
        res.end(`ok ${callback.command}`);
      } else {
        const event = trtcVerifier.verify(req.headers.sign, req.headers.sdkappid, body);
        seen.push(['trtc', event.eventType]);
        res.end(`ok ${event.eventType}`);
      }
    } catch (error) {
      seen.push([path.slice(1), error.kind]);
      res.writeHead(403).end(error.kind ?? String(error));
    }
  });
}

test('a real HTTP server checks what the fake sender POSTs: signed, forged, stale, replayed', async () => {
  const chatToken = 'the chat callback token';
  const trtcKey = 'the trtc callback key';
  const seen = [];
  const server = receiver(new ChatCallbackVerifier(chatToken, { sdkappid: APP }),
    new TrtcCallbackVerifier(trtcKey, { sdkappid: APP, window: 60 }), seen);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { code, lines } = await sendCallbacks(`http://127.0.0.1:${server.address().port}`, chatToken, trtcKey);
    assert.equal(code, 0, lines.join('\n'));
    assert.ok(lines.every((line) => !line.startsWith('FAIL')), lines.join('\n'));
  } finally {
    server.close();
  }
  const accepted = seen.filter(([, what]) => typeof what !== 'string' || !what.startsWith('callback_'));
  assert.deepEqual(accepted, [['chat', 'C2C.CallbackAfterSendMsg'], ['chat', 'Group.CallbackAfterNewMemberJoin'],
    ['chat', 'Live.CallbackAfterCreateRoom'], ['trtc', 103]]);
  const refused = (scheme) => new Set(seen.filter(([s, what]) => s === scheme && String(what).startsWith('callback_')).map(([, kind]) => kind));
  assert.deepEqual(refused('chat'), new Set(['callback_bad_signature', 'callback_out_of_window', 'callback_sdkappid_mismatch',
    'callback_param_invalid', 'callback_param_repeated', 'callback_param_missing']));
  assert.ok(refused('trtc').has('callback_bad_signature') && refused('trtc').has('callback_out_of_window'));
  assert.ok(seen.length >= 20);
});
