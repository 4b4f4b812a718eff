// Interop adapter for Tencent's official Node library (npm tls-sig-api-v2 1.0.2).
//
// Reads one JSON request on stdin, writes one JSON answer on stdout; the request shapes are
// described in scripts/interop/driver.py. The clock is fixed by patching Date.now, which is
// all the library reads. The library has no verifier and exports no decoder, so tokens are
// decoded here (Tencent base64, zlib) and signed again with the library's own HMAC routine
// (Api.prototype._hmacsha256); the checks mirror the official Go VerifyUserSig.
'use strict';
const zlib = require('zlib');
const { Api } = require('tls-sig-api-v2');

function withClock(seconds, fn) {
  const realNow = Date.now;
  Date.now = () => seconds * 1000;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

function generate(api, c) {
  switch (c.kind) {
    case 'usersig': return api.genUserSig(c.userid, c.expire);
    case 'userbuf': return api.genSig(c.userid, c.expire, Buffer.from(c.userbuf_hex, 'hex'));
    case 'pmk': return api.genPrivateMapKey(c.userid, c.expire, c.roomid, c.privilege);
    case 'pmk_str': return api.genPrivateMapKeyWithStringRoomID(c.userid, c.expire, c.roomstr, c.privilege);
  }
  throw new Error(`unknown kind ${c.kind}`);
}

function mint(c) {
  try {
    return { token: withClock(c.time, () => generate(new Api(c.sdkappid, c.key), c)) };
  } catch (e) {
    return { error: String(e) };
  }
}

function check(item) {
  let doc;
  try {
    const b64 = item.token.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    doc = JSON.parse(zlib.inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
  } catch (e) {
    return [false, `decode failed: ${e}`];
  }
  if (doc['TLS.sdkappid'] !== item.sdkappid) return [false, 'sdkappid mismatch'];
  if (doc['TLS.identifier'] !== item.userid) return [false, 'identifier mismatch'];
  if (item.now > doc['TLS.time'] + doc['TLS.expire']) return [false, 'expired'];
  const have = doc['TLS.userbuf'];
  const want = item.userbuf_hex;
  if ((want === null) !== (have === undefined)) return [false, 'userbuf presence mismatch'];
  if (want !== null && Buffer.from(have, 'base64').toString('hex') !== want) return [false, 'userbuf mismatch'];
  const api = new Api(item.sdkappid, item.key);
  const sig = api._hmacsha256(doc['TLS.identifier'], doc['TLS.time'], doc['TLS.expire'],
    have === undefined ? null : have);
  if (sig !== doc['TLS.sig']) return [false, 'signature mismatch'];
  return [true, 'ok'];
}

// Best-of-7 wall time per token of the official generator, in nanoseconds (batches of about
// seconds / 10, as in adapters/common.py).
function bench(c, seconds) {
  const api = new Api(c.sdkappid, c.key);
  const once = () => generate(api, c);
  const run = (n) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) once();
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  let n = 1;
  while (run(n) <= seconds / 10) n *= 2;
  let best = Infinity;
  for (let r = 0; r < 7; r++) best = Math.min(best, run(n) / n);
  return { ns_per_token: best * 1e9, iterations: n };
}

function main() {
  const req = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  let results;
  if (req.op === 'mint') {
    results = req.cases.map((c) => ({ id: c.id, ...mint(c) }));
  } else if (req.op === 'check') {
    results = req.items.map((it) => {
      const [ok, detail] = check(it);
      return { id: it.id, ok, detail };
    });
  } else {
    results = req.cases.map((c) => ({ id: c.id, ...bench(c, req.seconds) }));
  }
  process.stdout.write(JSON.stringify({ results }));
}

main();
