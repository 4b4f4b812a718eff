'use strict';
// The drop-in for Tencent's npm `tls-sig-api-v2` (1.0.2): its class, method names and argument
// order, minting through the core. Where the official library signs a broken token (an undefined
// user id or expire, a room id past 2^32, non-ASCII text cut to bytes) this one throws.

const check = require('./check.cjs');
const { Signer } = require('./usersig.cjs');

const signers = new WeakMap();

/** `new Api(sdkappid, key)`, as `require('tls-sig-api-v2').Api`. */
class Api {
  constructor(sdkappid, key) {
    signers.set(this, new Signer(sdkappid, key));
    Object.defineProperty(this, 'sdkappid', { value: sdkappid, enumerable: true });
  }

  /** A UserSig for `userid`, valid for `expire` seconds (required, as in the official API). */
  genUserSig(userid, expire) {
    return signers.get(this).userSig(userid, required(expire));
  }

  /**
   * A UserSig carrying `userBuf` (a Uint8Array, or a string taken as its UTF-8 bytes, as the
   * official library does); null or undefined mints a plain UserSig.
   */
  genSig(userid, expire, userBuf) {
    const signer = signers.get(this);
    if (userBuf === null || userBuf === undefined) return signer.userSig(userid, required(expire));
    const bytes = typeof userBuf === 'string' ? Buffer.from(check.text(userBuf, 'userBuf'), 'utf8') : userBuf;
    return signer.userSigWithUserbuf(userid, bytes, required(expire));
  }

  /** A PrivateMapKey for the numeric room `roomid` with the `privilegeMap` bits. */
  genPrivateMapKey(userid, expire, roomid, privilegeMap) {
    return signers.get(this).privateMapKey(userid, check.integer(roomid, 'roomid'), privilegeMap, required(expire));
  }

  /** A PrivateMapKey for the string room `roomstr` with the `privilegeMap` bits. */
  genPrivateMapKeyWithStringRoomID(userid, expire, roomstr, privilegeMap) {
    return signers.get(this).privateMapKey(userid, check.text(roomstr, 'roomstr'), privilegeMap, required(expire));
  }

  toString() {
    return `Api(sdkappid=${this.sdkappid})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

/** The official API has no default validity: an omitted expire is a TypeError, not "undefined". */
function required(expire) {
  return check.integer(expire, 'expire');
}

module.exports = { Api };
