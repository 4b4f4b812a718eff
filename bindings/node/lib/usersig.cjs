'use strict';
// The idiomatic API over the core (compiled to WebAssembly in ../wasm): Signer, Verifier,
// inspect, Claims, Privilege and the core's limits. Every public method is documented in
// index.d.cts, the declarations users see.

const wasm = require('../wasm/usersig_node.js');
const check = require('./check.cjs');
const errors = require('./errors.cjs');

const constants = JSON.parse(wasm.constants());

/** The system clock in Unix seconds, as the methods without an explicit `now` read it. */
function unixNow() {
  return Math.floor(Date.now() / 1000);
}

/** Calls into the core, turning a thrown Failure into this package's error class. */
function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw e instanceof wasm.Failure ? errors.fromFailure(e) : e;
  }
}

/** What a PrivateMapKey lets a user do in a TRTC room: bits to combine with `|`. */
const Privilege = Object.freeze({ ...constants.PRIVILEGES });

/** A PrivateMapKey's grant: who may do what in which TRTC room, until when. */
class Grant {
  constructor(userId, sdkappid, room, privileges, expiresAt) {
    this.userId = userId;
    this.sdkappid = sdkappid;
    this.room = room;
    this.privileges = privileges;
    this.expiresAt = expiresAt;
    Object.freeze(this);
  }
}

/** What a token says: verified when a Verifier returns it, unverified from inspect(). */
class Claims {
  constructor(native) {
    try {
      this.userId = native.userId;
      this.sdkappid = native.sdkappid;
      this.issuedAt = check.exact(native.issuedAt, "the token's TLS.time");
      this.expire = check.exact(native.expire, "the token's TLS.expire");
      this.expiresAt = check.exact(native.expiresAt, "the token's expiry");
      this.userbuf = native.userbuf ?? null;
      this.grant = native.hasGrant
        ? new Grant(native.grantUserId, native.grantSdkappid, native.grantRoomId ?? native.grantRoomStr,
          native.grantPrivileges, native.grantExpiresAt)
        : null;
      this.signature = native.signature;
    } finally {
      native.free();
    }
    Object.freeze(this);
  }

  /** Seconds until the token expires at `now`: 0 in its last valid second, negative after. */
  secondsLeftAt(now) {
    return this.expiresAt - check.integer(now, 'now');
  }

  /** secondsLeftAt() on the system clock. */
  secondsLeft() {
    return this.secondsLeftAt(unixNow());
  }

  /** Whether fewer than `margin` seconds are left at `now`. */
  shouldRenewAt(now, margin) {
    return this.secondsLeftAt(now) < check.integer(margin, 'margin');
  }

  /** shouldRenewAt() on the system clock. */
  shouldRenew(margin) {
    return this.shouldRenewAt(unixNow(), margin);
  }
}

// The native objects, reachable only from this module: the key never sits on a public field.
const natives = new WeakMap();

/** Mints UserSigs and PrivateMapKeys for one application; the key is held only inside the core. */
class Signer {
  constructor(sdkappid, key) {
    const id = check.integer(sdkappid, 'sdkappid');
    const native = call(() => new wasm.Signer(id, check.text(key, 'key')));
    natives.set(this, native);
    Object.defineProperty(this, 'sdkappid', { value: id, enumerable: true });
  }

  userSig(userId, expire) {
    return this.userSigAt(userId, check.optionalInteger(expire, 'expire', constants.DEFAULT_EXPIRE), unixNow());
  }

  userSigAt(userId, expire, now) {
    const native = natives.get(this);
    return call(() => native.userSigAt(check.text(userId, 'userId'), check.integer(expire, 'expire'), check.integer(now, 'now')));
  }

  userSigWithUserbuf(userId, userbuf, expire) {
    return this.userSigWithUserbufAt(userId, userbuf,
      check.optionalInteger(expire, 'expire', constants.DEFAULT_EXPIRE), unixNow());
  }

  userSigWithUserbufAt(userId, userbuf, expire, now) {
    const native = natives.get(this);
    return call(() => native.userSigWithUserbufAt(check.text(userId, 'userId'), check.bytes(userbuf, 'userbuf'),
      check.integer(expire, 'expire'), check.integer(now, 'now')));
  }

  privateMapKey(userId, room, privileges, expire) {
    return this.privateMapKeyAt(userId, room, privileges,
      check.optionalInteger(expire, 'expire', constants.DEFAULT_EXPIRE), unixNow());
  }

  privateMapKeyAt(userId, room, privileges, expire, now) {
    const native = natives.get(this);
    const id = check.text(userId, 'userId');
    const bits = check.integer(privileges, 'privileges');
    const secs = check.integer(expire, 'expire');
    const at = check.integer(now, 'now');
    if (typeof room === 'string') {
      return call(() => native.privateMapKeyWithRoomStrAt(id, check.text(room, 'room'), bits, secs, at));
    }
    if (typeof room !== 'number') {
      throw new TypeError(`room must be a number (numeric room id) or a string (string room id), not ${room === null ? 'null' : typeof room}`);
    }
    return call(() => native.privateMapKeyAt(id, check.integer(room, 'room'), bits, secs, at));
  }

  toString() {
    return `Signer(sdkappid=${this.sdkappid})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

/** Checks tokens for one application against one or more keys (current key first). */
class Verifier {
  constructor(sdkappid, ...keys) {
    const id = check.integer(sdkappid, 'sdkappid');
    keys.forEach((key, i) => check.text(key, `keys[${i}]`));
    natives.set(this, call(() => new wasm.Verifier(id, keys)));
    Object.defineProperty(this, 'sdkappid', { value: id, enumerable: true });
  }

  verify(token, userId) {
    return this.verifyAt(token, userId, unixNow());
  }

  verifyAt(token, userId, now) {
    const native = natives.get(this);
    return new Claims(call(() => native.verifyAt(check.text(token, 'token'), check.text(userId, 'userId'),
      check.integer(now, 'now'))));
  }

  verifyAnyUserbuf(token, userId) {
    return this.verifyAnyUserbufAt(token, userId, unixNow());
  }

  verifyAnyUserbufAt(token, userId, now) {
    const native = natives.get(this);
    return new Claims(call(() => native.verifyAnyUserbufAt(check.text(token, 'token'), check.text(userId, 'userId'),
      check.integer(now, 'now'))));
  }

  verifyWithUserbuf(token, userId, userbuf) {
    return this.verifyWithUserbufAt(token, userId, userbuf, unixNow());
  }

  verifyWithUserbufAt(token, userId, userbuf, now) {
    const native = natives.get(this);
    return new Claims(call(() => native.verifyWithUserbufAt(check.text(token, 'token'), check.text(userId, 'userId'),
      check.bytes(userbuf, 'userbuf'), check.integer(now, 'now'))));
  }

  toString() {
    return `Verifier(sdkappid=${this.sdkappid})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

/** Decodes a token WITHOUT checking its signature or expiry, for support. Never trust it. */
function inspect(token) {
  return new Claims(call(() => wasm.inspect(check.text(token, 'token'))));
}

module.exports = {
  Signer,
  Verifier,
  inspect,
  Claims,
  Grant,
  Privilege,
  unixNow,
  constants,
  call,
  wasm,
};
