// Interop adapter for usersig's npm package (`require('usersig')`, installed from the tarball
// scripts/test-node.sh packed). Speaks the JSON protocol of scripts/interop/driver.py: one request
// on stdin (mint, check or bench), one answer on stdout.
'use strict';
const { Signer, Verifier, UserSigError } = require('usersig');

function sign(c) {
  const signer = new Signer(c.sdkappid, c.key);
  switch (c.kind) {
    case 'usersig': return signer.userSigAt(c.userid, c.expire, c.time);
    case 'userbuf': return signer.userSigWithUserbufAt(c.userid, Buffer.from(c.userbuf_hex, 'hex'), c.expire, c.time);
    case 'pmk': return signer.privateMapKeyAt(c.userid, c.roomid, c.privilege, c.expire, c.time);
    case 'pmk_str': return signer.privateMapKeyAt(c.userid, c.roomstr, c.privilege, c.expire, c.time);
  }
  throw new Error(`unknown kind ${c.kind}`);
}

function check(item) {
  try {
    const verifier = new Verifier(item.sdkappid, item.key);
    if (item.userbuf_hex === null) verifier.verifyAt(item.token, item.userid, item.now);
    else verifier.verifyWithUserbufAt(item.token, item.userid, Buffer.from(item.userbuf_hex, 'hex'), item.now);
  } catch (e) {
    if (e instanceof UserSigError) return [false, `${e.name}: ${e.message}`];
    return [false, `rejected: ${e}`];
  }
  return [true, 'ok'];
}

// Best-of-7 wall time per token, signer reused, batches of about seconds / 10 (as
// adapters/common.py).
function bench(c, seconds) {
  const signer = new Signer(c.sdkappid, c.key);
  const userbuf = c.kind === 'userbuf' ? Buffer.from(c.userbuf_hex, 'hex') : null;
  const once = userbuf ? () => signer.userSigWithUserbuf(c.userid, userbuf, c.expire) : () => signer.userSig(c.userid, c.expire);
  const run = (n) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) once();
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  let n = 1;
  while (run(n) <= seconds / 10) n *= 2;
  let best = Infinity;
  for (let r = 0; r < 7; r += 1) best = Math.min(best, run(n) / n);
  return { ns_per_token: best * 1e9, iterations: n };
}

function main() {
  const req = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  let results;
  if (req.op === 'mint') {
    results = req.cases.map((c) => {
      try {
        return { id: c.id, token: sign(c) };
      } catch (e) {
        return { id: c.id, error: `${e.name}: ${e.message}` };
      }
    });
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
