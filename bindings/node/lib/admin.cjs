'use strict';
// AdminAuth: REST API URLs for Tencent's server API, signed with a cached administrator UserSig
// that the core renews before it expires.

const check = require('./check.cjs');
const { call, constants, unixNow, wasm } = require('./usersig.cjs');

const natives = new WeakMap();
const ENDPOINT_KINDS = ['region', 'host', 'url'];

/** The endpoint option given: [kind, value]; China's main host when none is. */
function endpointOf(options) {
  const given = ENDPOINT_KINDS.filter((kind) => options[kind] !== undefined);
  if (given.length > 1) throw new TypeError(`give at most one of region, host and url, not ${given.join(' and ')}`);
  if (given.length === 0) return ['region', constants.REGIONS[0].name];
  return [given[0], check.text(options[given[0]], given[0])];
}

/** Signs REST API URLs as the application's administrator. */
class AdminAuth {
  constructor(sdkappid, key, options = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const id = check.integer(sdkappid, 'sdkappid');
    const admin = options.admin === undefined ? constants.DEFAULT_ADMIN : check.text(options.admin, 'admin');
    const validity = check.optionalInteger(options.validity, 'validity', constants.DEFAULT_ADMIN_VALIDITY);
    const margin = check.optionalInteger(options.renewMargin, 'renewMargin', constants.DEFAULT_RENEW_MARGIN);
    const clock = options.clock ?? unixNow;
    if (typeof clock !== 'function') throw new TypeError('clock must be a function returning Unix seconds');
    const [kind, value] = endpointOf(options);
    const native = call(() => new wasm.AdminAuth(id, check.text(key, 'key'), admin, kind, value, validity, margin));
    natives.set(this, { native, clock });
    Object.defineProperties(this, {
      sdkappid: { value: id, enumerable: true },
      admin: { value: native.admin, enumerable: true },
      endpoint: { value: native.endpoint, enumerable: true },
      validity: { value: native.validity, enumerable: true },
      renewMargin: { value: native.renewMargin, enumerable: true },
    });
  }

  url(service, command) {
    const { clock } = natives.get(this);
    return this.urlAt(service, command, check.integer(clock(), 'clock()'));
  }

  urlAt(service, command, now) {
    const { native } = natives.get(this);
    return call(() => native.urlAt(check.text(service, 'service'), check.text(command, 'command'), check.integer(now, 'now')));
  }

  userSig() {
    const { clock } = natives.get(this);
    return this.userSigAt(check.integer(clock(), 'clock()'));
  }

  userSigAt(now) {
    const { native } = natives.get(this);
    return call(() => native.userSigAt(check.integer(now, 'now')));
  }

  toString() {
    return `AdminAuth(sdkappid=${this.sdkappid}, admin=${JSON.stringify(this.admin)}, endpoint=${this.endpoint})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }
}

/** Tencent's REST API regions: name, main host and backup host, from the core. */
const REGIONS = Object.freeze(constants.REGIONS.map((r) => Object.freeze({ ...r })));

module.exports = { AdminAuth, REGIONS };
