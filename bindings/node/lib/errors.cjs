'use strict';
// The error hierarchy: one class per kind of core error.
//
// Every error has `kind` (the core's stable snake_case name) and `tencentCode` (the code Tencent's
// servers use for the same fault, or null for input errors). Input errors are RangeErrors: the
// value has the right type but no valid token can carry it. Refused tokens are TokenErrors, refused
// callbacks CallbackErrors. RandomUnavailableError (the OS random source failed) is none of these.
// All are `instanceof UserSigError`.

/** Base of every error the core raises. */
class UserSigError extends Error {
  // InputError must extend RangeError, and JavaScript has single inheritance: input errors
  // count as UserSigErrors through this check (subclasses keep the ordinary one).
  static [Symbol.hasInstance](value) {
    return Function.prototype[Symbol.hasInstance].call(this, value)
      || (this === UserSigError && value instanceof InputError);
  }
}

/** A value no valid token can carry (tencentCode is null). */
class InputError extends RangeError {}

/** A token the verifier refused; tencentCode says how Tencent would report it (null if it does not). */
class TokenError extends UserSigError {}

/** A callback the callback verifier refused (tencentCode is null: Tencent has no code for these). */
class CallbackError extends UserSigError {}

// kind -> [class name, base, Tencent code]. A test checks this list against the core's kinds and
// codes, so a kind the core adds cannot be forgotten here.
const KINDS = [
  ['empty_key', 'EmptyKeyError', InputError, null],
  ['sdkappid_out_of_range', 'SdkAppIdOutOfRangeError', InputError, null],
  ['empty_user_id', 'EmptyUserIdError', InputError, null],
  ['user_id_too_long', 'UserIdTooLongError', InputError, null],
  ['user_id_control_char', 'UserIdControlCharError', InputError, null],
  ['userbuf_too_long', 'UserbufTooLongError', InputError, null],
  ['expire_out_of_range', 'ExpireOutOfRangeError', InputError, null],
  ['time_out_of_range', 'TimeOutOfRangeError', InputError, null],
  ['expiry_overflow', 'ExpiryOverflowError', InputError, null],
  ['room_id_out_of_range', 'RoomIdOutOfRangeError', InputError, null],
  ['empty_room_str', 'EmptyRoomStrError', InputError, null],
  ['room_str_too_long', 'RoomStrTooLongError', InputError, null],
  ['privilege_out_of_range', 'PrivilegeOutOfRangeError', InputError, null],
  ['malformed', 'MalformedTokenError', TokenError, 70003],
  ['expired', 'ExpiredError', TokenError, 70001],
  ['bad_signature', 'BadSignatureError', TokenError, 70009],
  ['user_id_mismatch', 'UserIdMismatchError', TokenError, 70013],
  ['sdkappid_mismatch', 'SdkAppIdMismatchError', TokenError, 70014],
  ['userbuf_mismatch', 'UserbufMismatchError', TokenError, -100006],
  ['missing_userbuf', 'MissingUserbufError', TokenError, -100006],
  ['unexpected_userbuf', 'UnexpectedUserbufError', TokenError, null],
  ['unknown_region', 'UnknownRegionError', InputError, null],
  ['invalid_endpoint', 'InvalidEndpointError', InputError, null],
  ['invalid_rest_path', 'InvalidRestPathError', InputError, null],
  ['renew_margin_out_of_range', 'RenewMarginOutOfRangeError', InputError, null],
  ['random_unavailable', 'RandomUnavailableError', UserSigError, null],
  ['callback_param_missing', 'CallbackParamMissingError', CallbackError, null],
  ['callback_param_repeated', 'CallbackParamRepeatedError', CallbackError, null],
  ['callback_param_invalid', 'CallbackParamInvalidError', CallbackError, null],
  ['callback_bad_signature', 'CallbackBadSignatureError', CallbackError, null],
  ['callback_out_of_window', 'CallbackOutOfWindowError', CallbackError, null],
  ['callback_sdkappid_mismatch', 'CallbackSdkAppIdMismatchError', CallbackError, null],
  ['callback_too_large', 'CallbackTooLargeError', CallbackError, null],
  ['callback_window_out_of_range', 'CallbackWindowOutOfRangeError', InputError, null],
];

const classes = {};
const byKind = new Map();
for (const [kind, name, Base, tencentCode] of KINDS) {
  // A named class expression per kind, so stack traces and `error.name` say which one it is.
  const cls = {
    [name]: class extends Base {
      constructor(message, fields) {
        super(message);
        Object.defineProperty(this, 'name', { value: name, enumerable: false, configurable: true });
        Object.assign(this, fields);
        this.kind = kind;
        this.tencentCode = tencentCode;
      }
    },
  }[name];
  Object.defineProperties(cls, { kind: { value: kind }, tencentCode: { value: tencentCode } });
  classes[name] = cls;
  byKind.set(kind, cls);
}

/** The JavaScript error for a core Failure thrown by the wasm module (which it frees). */
function fromFailure(failure) {
  try {
    const cls = byKind.get(failure.kind);
    if (cls === undefined) {
      // Only a core newer than this file can get here; the kinds test prevents it.
      return new Error(`usersig: unknown error kind ${failure.kind}: ${failure.message}`);
    }
    const error = new cls(failure.message, JSON.parse(failure.fields));
    error.tencentCode = failure.tencentCode ?? null; // the core's, which the kinds test pins
    return error;
  } finally {
    failure.free();
  }
}

module.exports = { UserSigError, InputError, TokenError, CallbackError, ...classes, KINDS, fromFailure };
