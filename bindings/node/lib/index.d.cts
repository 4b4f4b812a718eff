// Types of the package `usersig` (CommonJS entry; index.d.mts re-exports them for ES modules).

/** The validity used when none is given: 180 days, in seconds (Tencent's default). */
export declare const DEFAULT_EXPIRE: number;
/** The longest validity the signer accepts: 50 years of 365 days, in seconds. */
export declare const MAX_EXPIRE: number;
/** The longest user id the signer accepts, in bytes of UTF-8. */
export declare const MAX_USER_ID_LEN: number;
/** The longest userbuf the signer accepts, in bytes. */
export declare const MAX_USERBUF_LEN: number;
/** The longest token the verifier reads, in characters. */
export declare const MAX_TOKEN_LEN: number;
/** The most bytes the verifier inflates a token to. */
export declare const MAX_INFLATED_LEN: number;
/** The largest numeric room id TRTC accepts. */
export declare const MAX_ROOM_ID: number;
/** The longest string room id TRTC accepts, in bytes of UTF-8. */
export declare const MAX_ROOM_STR_LEN: number;

/** What a PrivateMapKey lets a user do in a TRTC room: bits to combine with `|` (0..255). */
export declare const Privilege: {
  /** May create the room (1). */
  readonly CREATE_ROOM: number;
  /** May enter the room (2). */
  readonly ENTER_ROOM: number;
  /** May send audio (4). */
  readonly SEND_AUDIO: number;
  /** May receive audio (8). */
  readonly RECV_AUDIO: number;
  /** May send video (16). */
  readonly SEND_VIDEO: number;
  /** May receive video (32). */
  readonly RECV_VIDEO: number;
  /** May send the sub-stream, screen sharing (64). */
  readonly SEND_SUB_STREAM: number;
  /** May receive the sub-stream, screen sharing (128). */
  readonly RECV_SUB_STREAM: number;
  /** Every privilege (255). */
  readonly ALL: number;
  /** No privilege (0). */
  readonly NONE: number;
};

/** A TRTC room: a number for a numeric room id (1..4294967294), a string for a string room id. */
export type Room = number | string;

/** A PrivateMapKey's grant: who may do what in which TRTC room, until when. */
export declare class Grant {
  private constructor();
  /** The user id the grant is for. */
  readonly userId: string;
  /** The application the grant is for. */
  readonly sdkappid: number;
  /** The room: a number (numeric room id) or a string (string room id). */
  readonly room: Room;
  /** The Privilege bits. */
  readonly privileges: number;
  /** The absolute Unix time after which the grant is void. */
  readonly expiresAt: number;
}

/**
 * What a token says: verified when a Verifier returns it, unverified from inspect(). A token whose
 * times JavaScript cannot hold exactly (beyond ±2^53) is refused with a RangeError, not rounded.
 */
export declare class Claims {
  private constructor();
  /** `TLS.identifier`: the user id the token was issued to. */
  readonly userId: string;
  /** `TLS.sdkappid`: the application the token was issued for. */
  readonly sdkappid: number;
  /** `TLS.time`: when the token was issued, in Unix seconds. */
  readonly issuedAt: number;
  /** `TLS.expire`: how long the token is valid after issuedAt, in seconds. */
  readonly expire: number;
  /** The last second at which the token is valid: issuedAt + expire. */
  readonly expiresAt: number;
  /** `TLS.userbuf`, decoded, or null when the token carries none. */
  readonly userbuf: Uint8Array | null;
  /** The PrivateMapKey grant, when the userbuf is one. */
  readonly grant: Grant | null;
  /** `TLS.sig`: the signature, base64 as it stands in the token. */
  readonly signature: string;
  /** Seconds left at `now`: 0 in the last valid second, negative once expired. */
  secondsLeftAt(now: number): number;
  /** secondsLeftAt() on the system clock. */
  secondsLeft(): number;
  /** Whether fewer than `margin` seconds are left at `now`. */
  shouldRenewAt(now: number, margin: number): boolean;
  /** shouldRenewAt() on the system clock. */
  shouldRenew(margin: number): boolean;
}

/**
 * Mints UserSigs and PrivateMapKeys for one application. The key is held only inside the core,
 * as a prepared HMAC state; toString() and util.inspect() show the sdkappid only.
 * Every method has an `...At` twin taking the issue time `now` (Unix seconds).
 * @throws {TypeError} an argument is not of its type. @throws {EmptyKeyError} @throws {SdkAppIdOutOfRangeError}
 */
export declare class Signer {
  constructor(sdkappid: number, key: string);
  /** The application this signer mints tokens for. */
  readonly sdkappid: number;
  /** A UserSig valid for `expire` seconds (default DEFAULT_EXPIRE) from now. */
  userSig(userId: string, expire?: number): string;
  /** A UserSig issued at `now`, valid for `expire` seconds. */
  userSigAt(userId: string, expire: number, now: number): string;
  /** A UserSig carrying the application's own `userbuf` bytes. */
  userSigWithUserbuf(userId: string, userbuf: Uint8Array, expire?: number): string;
  /** A UserSig carrying `userbuf`, issued at `now`. */
  userSigWithUserbufAt(userId: string, userbuf: Uint8Array, expire: number, now: number): string;
  /** A PrivateMapKey: `userId` may do `privileges` (Privilege bits) in `room` until now + expire. */
  privateMapKey(userId: string, room: Room, privileges: number, expire?: number): string;
  /** A PrivateMapKey issued at `now`. */
  privateMapKeyAt(userId: string, room: Room, privileges: number, expire: number, now: number): string;
}

/**
 * Checks tokens for one application against one or more keys (current key first, older ones
 * after it while rotating). Accepts the tokens of every official Tencent library.
 * @throws {EmptyKeyError} no key, or an empty one.
 */
export declare class Verifier {
  constructor(sdkappid: number, ...keys: string[]);
  /** The application this verifier accepts tokens for. */
  readonly sdkappid: number;
  /**
   * The claims of `token` if it is a valid UserSig for `userId` now. A token that carries a
   * userbuf (a PrivateMapKey, say) is refused: check those with verifyAnyUserbuf() or
   * verifyWithUserbuf(). @throws {TokenError} {@link UnexpectedUserbufError} for a userbuf.
   */
  verify(token: string, userId: string): Claims;
  /** As verify(), at `now` (Unix seconds). */
  verifyAt(token: string, userId: string, now: number): Claims;
  /** As verify(), but the token must carry exactly `userbuf`. @throws {MissingUserbufError} {@link UserbufMismatchError} */
  verifyWithUserbuf(token: string, userId: string, userbuf: Uint8Array): Claims;
  /** As verifyWithUserbuf(), at `now` (Unix seconds). */
  verifyWithUserbufAt(token: string, userId: string, userbuf: Uint8Array, now: number): Claims;
  /**
   * As verify(), but the token may carry any userbuf, or none, which the claims return: for
   * PrivateMapKeys, whose `grant` the caller then checks. @throws {TokenError}
   */
  verifyAnyUserbuf(token: string, userId: string): Claims;
  /** As verifyAnyUserbuf(), at `now` (Unix seconds). */
  verifyAnyUserbufAt(token: string, userId: string, now: number): Claims;
}

/**
 * Decodes a token WITHOUT checking its signature or expiry, for support. Never trust it.
 * @throws {MalformedTokenError} it cannot be decoded.
 * @throws {RangeError} a time in it is beyond ±2^53 (JavaScript cannot hold it exactly).
 */
export declare function inspect(token: string): Claims;

/** The administrator id AdminAuth uses when none is given ("administrator"). */
export declare const DEFAULT_ADMIN: string;
/** How long each administrator UserSig is valid by default: 1 hour, in seconds. */
export declare const DEFAULT_ADMIN_VALIDITY: number;
/** How long before expiry AdminAuth renews its token by default: 10 minutes, in seconds. */
export declare const DEFAULT_RENEW_MARGIN: number;

/** The name of a Tencent REST API region. */
export type RegionName =
  | 'china' | 'singapore' | 'seoul' | 'tokyo' | 'frankfurt' | 'mumbai' | 'silicon-valley' | 'jakarta';

/** Tencent's REST API regions, from the core: name, main host and backup host. */
export declare const REGIONS: readonly { readonly name: RegionName; readonly host: string; readonly backupHost: string }[];

/** Where AdminAuth's REST API is, and how it mints its administrator token. */
export interface AdminAuthOptions {
  /** The administrator's user id (default DEFAULT_ADMIN). */
  admin?: string;
  /** A region's main host (default: china). At most one of region, host and url. */
  region?: RegionName;
  /** `https://{host}`: a DNS name, IPv4 or [IPv6] address, optional `:port`. */
  host?: string;
  /** A base URL: `https://host[:port]`, or `http://` to a loopback host only (for tests). */
  url?: string;
  /** Validity of each administrator UserSig, in seconds (default DEFAULT_ADMIN_VALIDITY). */
  validity?: number;
  /** Renew the token when fewer seconds than this are left (default DEFAULT_RENEW_MARGIN). */
  renewMargin?: number;
  /** The clock url() and userSig() read, in Unix seconds (default: Date.now()). */
  clock?: () => number;
}

/**
 * Signs REST API URLs as the application's administrator. The administrator UserSig is cached
 * and re-minted once fewer than renewMargin seconds are left; each URL gets a fresh random u32.
 * @throws {EmptyKeyError} @throws {EmptyUserIdError} @throws {UnknownRegionError}
 * @throws {InvalidEndpointError} @throws {ExpireOutOfRangeError} @throws {RenewMarginOutOfRangeError}
 */
export declare class AdminAuth {
  constructor(sdkappid: number, key: string, options?: AdminAuthOptions);
  readonly sdkappid: number;
  readonly admin: string;
  /** The endpoint's base URL, e.g. `https://console.tim.qq.com`. */
  readonly endpoint: string;
  readonly validity: number;
  readonly renewMargin: number;
  /** `{endpoint}/v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`. */
  url(service: string, command: string): string;
  /** url() at `now` (Unix seconds). @throws {InvalidRestPathError} */
  urlAt(service: string, command: string, now: number): string;
  /** The cached administrator UserSig on the clock. */
  userSig(): string;
  /** The cached administrator UserSig at `now`, renewed as urlAt() would. */
  userSigAt(now: number): string;
}

/** The window a ChatCallbackVerifier uses when none is given: 60 seconds either way. */
export declare const DEFAULT_CALLBACK_WINDOW: number;
/** The widest window a callback verifier accepts: one day, in seconds. */
export declare const MAX_CALLBACK_WINDOW: number;
/** The longest Chat callback query a verifier reads, in bytes (for parsed params, names' and values' total). */
export declare const MAX_CALLBACK_QUERY_LEN: number;
/** The longest TRTC callback body a verifier reads, in bytes. */
export declare const MAX_CALLBACK_BODY_LEN: number;

/** How a ChatCallbackVerifier checks. */
export interface ChatCallbackOptions {
  /** Refuse callbacks for any other application (default, or null: any). */
  sdkappid?: number | null;
  /** How far `RequestTime` may be from the clock, in seconds either way (default DEFAULT_CALLBACK_WINDOW). */
  window?: number;
}

/** A Chat callback whose signature, sdkappid and time passed. */
export declare class ChatCallback {
  private constructor();
  /** `CallbackCommand` (TUILiveKit's `WebhookCommand`), such as `Group.CallbackAfterNewMemberJoin`: which event this is. */
  readonly command: string;
  /** `SdkAppid` (TUILiveKit's `SdkAppId`). */
  readonly sdkappid: number;
  /** `RequestTime`, in Unix seconds. */
  readonly requestTime: number;
  /** Every other query parameter (`contenttype`, `ClientIP`, `OptPlatform`, …), in order, decoded. Not signed. */
  readonly params: readonly (readonly [name: string, value: string])[];
}

/**
 * Checks Chat (IM) and TUILiveKit callbacks. Tencent puts `SdkAppid`, `CallbackCommand`,
 * `RequestTime` and `Sign` in the callback URL's query (TUILiveKit: `SdkAppId`, `WebhookCommand`); `Sign` is the SHA-256 of the console's
 * callback token followed by `RequestTime`. It does not cover the body: the window bounds how long
 * a captured URL can be replayed with another body. The token is held only inside the core;
 * toString() and util.inspect() show the sdkappid and window only.
 * @throws {TypeError} an argument is not of its type. @throws {EmptyKeyError} @throws {CallbackWindowOutOfRangeError}
 */
export declare class ChatCallbackVerifier {
  constructor(token: string, options?: ChatCallbackOptions);
  /** The application it expects, or null for any. */
  readonly sdkappid: number | null;
  /** The window, in seconds either way. */
  readonly window: number;
  /**
   * The callback of the raw query string (what follows `?` in the request's URL; a leading `?` is
   * skipped), checked against the system clock. Pass it as received: a re-encoded `Sign` is refused.
   * @throws {CallbackError} {@link CallbackBadSignatureError}, {@link CallbackOutOfWindowError}, …
   */
  verifyQuery(query: string): ChatCallback;
  /** As verifyQuery(), at `now` (Unix seconds). */
  verifyQueryAt(query: string, now: number): ChatCallback;
  /** As verifyQuery(), for parameters a framework has parsed (decoded, in order, repeats kept). */
  verifyParams(params: URLSearchParams | Iterable<readonly [string, string]>): ChatCallback;
  /** As verifyParams(), at `now` (Unix seconds). */
  verifyParamsAt(params: URLSearchParams | Iterable<readonly [string, string]>, now: number): ChatCallback;
  /** The `Sign` Tencent sends with `requestTime`: for tests and local fakes of Tencent's servers. */
  sign(requestTime: number): string;
}

/** How a TrtcCallbackVerifier checks. */
export interface TrtcCallbackOptions {
  /** Refuse callbacks for any other application (default, or null: any). */
  sdkappid?: number | null;
  /** Require the body's `CallbackTs` within this many seconds either way of the clock (default, or null: no window). */
  window?: number | null;
}

/** A TRTC callback whose signature (and sdkappid and time, if checked) passed. */
export declare class TrtcCallback {
  private constructor();
  /** The `SdkAppId` header. */
  readonly sdkappid: number;
  /** The body's `EventGroupId` (1 room events, 2 media events, …), or null. */
  readonly eventGroupId: number | null;
  /** The body's `EventType` (103: a user entered the room, …), or null. */
  readonly eventType: number | null;
  /** The body's `CallbackTs`, in Unix milliseconds, or null. */
  readonly callbackTs: number | null;
}

/**
 * Checks TRTC's room and media event callbacks: the `Sign` header is the base64 HMAC-SHA256 of
 * the raw body under the console's callback key. Give it the body's bytes exactly as received,
 * before any JSON parsing. The key is held only inside the core, as a prepared HMAC state;
 * toString() and util.inspect() show the sdkappid and window only.
 * @throws {TypeError} an argument is not of its type. @throws {EmptyKeyError} @throws {CallbackWindowOutOfRangeError}
 */
export declare class TrtcCallbackVerifier {
  constructor(key: string, options?: TrtcCallbackOptions);
  /** The application it expects, or null for any. */
  readonly sdkappid: number | null;
  /** The window on `CallbackTs`, in seconds either way, or null for none. */
  readonly window: number | null;
  /**
   * The callback of the `Sign` and `SdkAppId` headers (undefined when absent, as
   * `req.headers.sign` is) and the raw body, checked against the system clock.
   * @throws {TypeError} the body is a string: the signature covers the bytes as sent.
   * @throws {CallbackError} {@link CallbackBadSignatureError}, {@link CallbackTooLargeError}, …
   */
  verify(sign: string | undefined, sdkappid: string | undefined, body: Uint8Array): TrtcCallback;
  /** As verify(), at `now` (Unix seconds). */
  verifyAt(sign: string | undefined, sdkappid: string | undefined, body: Uint8Array, now: number): TrtcCallback;
  /** The `Sign` header Tencent sends with `body`: for tests and local fakes of Tencent's servers. */
  sign(body: Uint8Array): string;
}

/** The core's stable name of each kind of error. */
export type ErrorKind =
  | 'empty_key' | 'sdkappid_out_of_range' | 'empty_user_id' | 'user_id_too_long'
  | 'userbuf_too_long' | 'expire_out_of_range' | 'time_out_of_range' | 'expiry_overflow'
  | 'room_id_out_of_range' | 'empty_room_str' | 'room_str_too_long' | 'privilege_out_of_range'
  | 'user_id_control_char' | 'malformed' | 'expired' | 'bad_signature' | 'user_id_mismatch'
  | 'sdkappid_mismatch' | 'userbuf_mismatch' | 'missing_userbuf' | 'unexpected_userbuf' | 'unknown_region' | 'invalid_endpoint' | 'invalid_rest_path'
  | 'renew_margin_out_of_range' | 'random_unavailable'
  | 'callback_param_missing' | 'callback_param_repeated' | 'callback_param_invalid' | 'callback_bad_signature'
  | 'callback_out_of_window' | 'callback_sdkappid_mismatch' | 'callback_too_large' | 'callback_window_out_of_range';

/** Why a token could not be decoded (MalformedTokenError.reason). */
export type Malformation =
  | 'too_long' | 'base64' | 'zlib' | 'too_large_inflated' | 'json' | 'missing_field'
  | 'invalid_field' | 'unsupported_version';

/**
 * Base of every error the core raises; `error instanceof UserSigError` is true for input errors
 * (which are RangeErrors) and token errors alike.
 */
export declare class UserSigError extends Error {
  /** Which failure this is. */
  readonly kind: ErrorKind;
  /** The code Tencent's servers use for the same fault, or null for input errors. */
  readonly tencentCode: number | null;
}

/** A value of the right type that no valid token can carry. */
export declare class InputError extends RangeError {
  readonly kind: ErrorKind;
  readonly tencentCode: null;
}

/** A token the verifier refused; `tencentCode` is null for UnexpectedUserbufError alone. */
export declare class TokenError extends UserSigError {
  readonly tencentCode: number | null;
}

/** The secret key is empty, or a verifier was given none. */
export declare class EmptyKeyError extends InputError { readonly kind: 'empty_key'; }
/** The sdkappid is outside 0..4294967295. */
export declare class SdkAppIdOutOfRangeError extends InputError { readonly kind: 'sdkappid_out_of_range'; readonly value: number; }
/** The user id is empty. */
export declare class EmptyUserIdError extends InputError { readonly kind: 'empty_user_id'; }
/** The user id is longer than MAX_USER_ID_LEN bytes of UTF-8. */
export declare class UserIdTooLongError extends InputError { readonly kind: 'user_id_too_long'; readonly len: number; readonly max: number; }
/** The user id (or admin id) holds a control character (U+0000 to U+001F, U+007F) at byte `position` of its UTF-8. */
export declare class UserIdControlCharError extends InputError { readonly kind: 'user_id_control_char'; readonly position: number; }
/** The userbuf is longer than MAX_USERBUF_LEN bytes. */
export declare class UserbufTooLongError extends InputError { readonly kind: 'userbuf_too_long'; readonly len: number; readonly max: number; }
/** The validity is outside 1..MAX_EXPIRE seconds. */
export declare class ExpireOutOfRangeError extends InputError { readonly kind: 'expire_out_of_range'; readonly expire: number; readonly max: number; }
/** The issue time is outside 0..4294967295. */
export declare class TimeOutOfRangeError extends InputError { readonly kind: 'time_out_of_range'; readonly now: number; }
/** now + expire is past 4294967295 (the year 2106). */
export declare class ExpiryOverflowError extends InputError { readonly kind: 'expiry_overflow'; readonly now: number; readonly expire: number; }
/** A numeric room id is outside 1..4294967294. */
export declare class RoomIdOutOfRangeError extends InputError { readonly kind: 'room_id_out_of_range'; readonly roomId: number; }
/** A string room id is empty. */
export declare class EmptyRoomStrError extends InputError { readonly kind: 'empty_room_str'; }
/** A string room id is longer than MAX_ROOM_STR_LEN bytes of UTF-8. */
export declare class RoomStrTooLongError extends InputError { readonly kind: 'room_str_too_long'; readonly len: number; readonly max: number; }
/** A privilege mask is outside 0..255. */
export declare class PrivilegeOutOfRangeError extends InputError { readonly kind: 'privilege_out_of_range'; readonly value: number; }
/** The token cannot be decoded (70003). */
export declare class MalformedTokenError extends TokenError {
  readonly kind: 'malformed';
  readonly tencentCode: number;
  /** Why. */
  readonly reason: Malformation;
  /** The field at fault, for missing_field and invalid_field. */
  readonly field?: string;
}
/** The token has expired (70001). */
export declare class ExpiredError extends TokenError { readonly kind: 'expired'; readonly tencentCode: number; readonly expiredAt: number; readonly now: number; }
/** The signature matches none of the keys (70009). */
export declare class BadSignatureError extends TokenError { readonly kind: 'bad_signature'; readonly tencentCode: number; }
/** The token is for another user id (70013). */
export declare class UserIdMismatchError extends TokenError { readonly kind: 'user_id_mismatch'; readonly tencentCode: number; readonly expected: string; readonly found: string; }
/** The token is for another sdkappid (70014). */
export declare class SdkAppIdMismatchError extends TokenError { readonly kind: 'sdkappid_mismatch'; readonly tencentCode: number; readonly expected: number; readonly found: number; }
/** The token's userbuf is missing or differs from the one expected (-100006). */
export declare class UserbufMismatchError extends TokenError { readonly kind: 'userbuf_mismatch'; readonly tencentCode: number; }
/** The token carries no userbuf, and one was expected (-100006). */
export declare class MissingUserbufError extends TokenError { readonly kind: 'missing_userbuf'; readonly tencentCode: number; }
/** The token carries a userbuf (a PrivateMapKey, say) and a plain UserSig was expected; Tencent has no code for it. */
export declare class UnexpectedUserbufError extends TokenError { readonly kind: 'unexpected_userbuf'; readonly tencentCode: null; }

/** A region name is none of REGIONS'. */
export declare class UnknownRegionError extends InputError { readonly kind: 'unknown_region'; readonly region: string; }
/** A REST API host or base URL is not acceptable. */
export declare class InvalidEndpointError extends InputError { readonly kind: 'invalid_endpoint'; readonly reason: string; }
/** A REST API service or command is empty or has a character outside A-Z a-z 0-9 _ . - */
export declare class InvalidRestPathError extends InputError { readonly kind: 'invalid_rest_path'; readonly part: 'service' | 'command'; }
/** The renewal margin is negative or not shorter than the validity. */
export declare class RenewMarginOutOfRangeError extends InputError { readonly kind: 'renew_margin_out_of_range'; readonly margin: number; readonly validity: number; }
/** The operating system's random number generator failed. */
export declare class RandomUnavailableError extends UserSigError { readonly kind: 'random_unavailable'; readonly tencentCode: null; }

/** A callback a callback verifier refused; Tencent has no codes for these. */
export declare class CallbackError extends UserSigError { readonly tencentCode: null; }
/** A callback lacks a parameter: a Chat query parameter, an empty or absent TRTC header, or the body's `CallbackTs` when a window is set. */
export declare class CallbackParamMissingError extends CallbackError { readonly kind: 'callback_param_missing'; readonly param: string; }
/** A Chat callback's query has `SdkAppid`, `CallbackCommand`, `RequestTime` or `Sign` more than once. */
export declare class CallbackParamRepeatedError extends CallbackError { readonly kind: 'callback_param_repeated'; readonly param: string; }
/**
 * A callback parameter is not in the form Tencent sends (`param` is its name, or `query` for a
 * broken percent escape, `body` for a TRTC body that is not a JSON object); `reason` says how.
 */
export declare class CallbackParamInvalidError extends CallbackError { readonly kind: 'callback_param_invalid'; readonly param: string; readonly reason: string; }
/** The callback's signature does not match: forged, altered after signing, or signed with another token or key. */
export declare class CallbackBadSignatureError extends CallbackError { readonly kind: 'callback_bad_signature'; }
/** The callback's time (Unix seconds) is more than `window` seconds from `now`: replayed, or the clocks disagree. */
export declare class CallbackOutOfWindowError extends CallbackError { readonly kind: 'callback_out_of_window'; readonly time: number; readonly now: number; readonly window: number; }
/** The callback is for another application. */
export declare class CallbackSdkAppIdMismatchError extends CallbackError { readonly kind: 'callback_sdkappid_mismatch'; readonly expected: number; readonly found: number; }
/** The callback's query or body is longer than MAX_CALLBACK_QUERY_LEN or MAX_CALLBACK_BODY_LEN bytes; it was not read. */
export declare class CallbackTooLargeError extends CallbackError { readonly kind: 'callback_too_large'; readonly part: 'query' | 'body'; readonly len: number; readonly max: number; }
/** A callback verifier's window is negative or wider than MAX_CALLBACK_WINDOW. */
export declare class CallbackWindowOutOfRangeError extends InputError { readonly kind: 'callback_window_out_of_range'; readonly window: number; readonly max: number; }

/**
 * The drop-in for Tencent's npm `tls-sig-api-v2`: `require('usersig').Api` replaces
 * `require('tls-sig-api-v2').Api`. Same names and argument order; it throws where the official
 * library signs a broken token. `expire` is required, as in the official API.
 */
export declare class Api {
  constructor(sdkappid: number, key: string);
  readonly sdkappid: number;
  genUserSig(userid: string, expire: number): string;
  genSig(userid: string, expire: number, userBuf?: Uint8Array | string | null): string;
  genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
  genPrivateMapKeyWithStringRoomID(userid: string, expire: number, roomstr: string, privilegeMap: number): string;
}
