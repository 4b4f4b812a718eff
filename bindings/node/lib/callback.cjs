'use strict';
// The callback verifiers: Chat's callbacks signed in their query string, TRTC's signed in a header
// over the raw body. The checks are the core's; this file checks JavaScript types and shapes.

const check = require('./check.cjs');
const { call, constants, unixNow, wasm } = require('./usersig.cjs');

// The native verifiers, reachable only from this module: the secret never sits on a public field.
const natives = new WeakMap();

/** `options` as an object (undefined is none). */
function optionsOf(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  return options;
}

/** The expected sdkappid option: an integer, or undefined (or null, as the getter says) for any. */
function sdkappidOf(options) {
  return options.sdkappid === undefined || options.sdkappid === null ? undefined : check.integer(options.sdkappid, 'sdkappid');
}

/** A Chat callback whose signature, sdkappid and time passed. */
class ChatCallback {
  constructor(native) {
    try {
      this.command = native.command;
      this.sdkappid = native.sdkappid;
      this.requestTime = check.exact(native.requestTime, "the callback's RequestTime");
      this.params = Object.freeze(JSON.parse(native.params).map((pair) => Object.freeze(pair)));
    } finally {
      native.free();
    }
    Object.freeze(this);
  }
}

/** A TRTC callback whose signature (and sdkappid and time, if checked) passed. */
class TrtcCallback {
  constructor(native) {
    try {
      this.sdkappid = native.sdkappid;
      this.eventGroupId = check.optionalExact(native.eventGroupId, "the callback's EventGroupId");
      this.eventType = check.optionalExact(native.eventType, "the callback's EventType");
      this.callbackTs = check.optionalExact(native.callbackTs, "the callback's CallbackTs");
    } finally {
      native.free();
    }
    Object.freeze(this);
  }
}

/** `params` (a URLSearchParams, or any iterable of [name, value] pairs) as names and values. */
function pairsOf(params) {
  if (params === null || typeof params !== 'object' || typeof params[Symbol.iterator] !== 'function') {
    throw new TypeError('params must be a URLSearchParams or an iterable of [name, value] pairs');
  }
  const names = [];
  const values = [];
  for (const pair of params) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(`params[${names.length}] must be a [name, value] pair`);
    }
    names.push(check.text(pair[0], `params[${names.length}] name`));
    values.push(check.text(pair[1], `params[${values.length}] value`));
  }
  return [names, values];
}

/** Checks Chat (IM) and TUILiveKit callbacks: `Sign` and `RequestTime` in the query string. */
class ChatCallbackVerifier {
  constructor(token, options) {
    const opts = optionsOf(options);
    const sdkappid = sdkappidOf(opts);
    const window = check.optionalInteger(opts.window, 'window', constants.DEFAULT_CALLBACK_WINDOW);
    const native = call(() => new wasm.ChatCallbackVerifier(check.text(token, 'token'), sdkappid, window));
    natives.set(this, native);
    Object.defineProperties(this, {
      sdkappid: { value: native.sdkappid ?? null, enumerable: true },
      window: { value: native.window, enumerable: true },
    });
  }

  verifyQuery(query) {
    return this.verifyQueryAt(query, unixNow());
  }

  verifyQueryAt(query, now) {
    const native = natives.get(this);
    return new ChatCallback(call(() => native.verifyQueryAt(check.text(query, 'query'), check.integer(now, 'now'))));
  }

  verifyParams(params) {
    return this.verifyParamsAt(params, unixNow());
  }

  verifyParamsAt(params, now) {
    const native = natives.get(this);
    const [names, values] = pairsOf(params);
    return new ChatCallback(call(() => native.verifyParamsAt(names, values, check.integer(now, 'now'))));
  }

  sign(requestTime) {
    return natives.get(this).sign(check.integer(requestTime, 'requestTime'));
  }

  toString() {
    return `ChatCallbackVerifier(sdkappid=${this.sdkappid ?? 'any'}, window=${this.window})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

/** A header's value: undefined (absent) is the empty string the core reads as missing. */
function header(value, name) {
  return value === undefined ? '' : check.text(value, name);
}

/** A body as its raw bytes; a string is refused, since its bytes as sent are unknown. */
function body(value, name) {
  if (typeof value === 'string') {
    throw new TypeError(`${name} must be the raw bytes received (a Buffer or Uint8Array), not a string: `
      + 'the signature covers the bytes exactly as sent');
  }
  return check.bytes(value, name);
}

/** Checks TRTC event callbacks: the `Sign` header is an HMAC-SHA256 of the raw body. */
class TrtcCallbackVerifier {
  constructor(key, options) {
    const opts = optionsOf(options);
    const sdkappid = sdkappidOf(opts);
    const window = opts.window === undefined || opts.window === null ? undefined : check.integer(opts.window, 'window');
    const native = call(() => new wasm.TrtcCallbackVerifier(check.text(key, 'key'), sdkappid, window));
    natives.set(this, native);
    Object.defineProperties(this, {
      sdkappid: { value: native.sdkappid ?? null, enumerable: true },
      window: { value: native.window ?? null, enumerable: true },
    });
  }

  verify(sign, sdkappid, rawBody) {
    return this.verifyAt(sign, sdkappid, rawBody, unixNow());
  }

  verifyAt(sign, sdkappid, rawBody, now) {
    const native = natives.get(this);
    return new TrtcCallback(call(() => native.verifyAt(header(sign, 'sign'), header(sdkappid, 'sdkappid'),
      body(rawBody, 'body'), check.integer(now, 'now'))));
  }

  sign(rawBody) {
    return natives.get(this).sign(body(rawBody, 'body'));
  }

  toString() {
    return `TrtcCallbackVerifier(sdkappid=${this.sdkappid ?? 'any'}, window=${this.window ?? 'none'})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

module.exports = { ChatCallbackVerifier, ChatCallback, TrtcCallbackVerifier, TrtcCallback };
