/*
 * usersig.h: Tencent Cloud UserSig v2 tokens, PrivateMapKeys, admin REST URLs and the checks of
 * Tencent's signed callbacks, in C.
 *
 * One Rust implementation, shared by every backend language; this is its public C API
 * (find_package(usersig CONFIG) and usersig::usersig, or pkg-config usersig).
 *
 * Conventions, for every function below unless it says otherwise:
 *
 * - Return value: a usersig_kind. USERSIG_OK (0) is success; anything else is why the call
 *   failed. The C API never aborts, never prints and never exits the process.
 * - `usersig_error *error`: optional (null to ignore). When not null it is always written:
 *   on success kind USERSIG_OK, code 0 and an empty message; on failure the kind, the Tencent
 *   code (0 for input errors) and a NUL-terminated message that never contains a key.
 * - Strings in: NUL-terminated UTF-8. A null string is USERSIG_ERR_NULL_POINTER; a string
 *   that is not UTF-8 is USERSIG_ERR_INVALID_UTF8. Binary data (a userbuf) is a pointer and a
 *   length; with length 0 the pointer may be anything, null included.
 * - Strings out (`char *out, size_t out_cap, size_t *out_len`): the result and its NUL are
 *   written at `out` when `out_cap` holds them (at least the result's length + 1). `*out_len`
 *   (if `out_len` is not null) receives the result's length without the NUL, whether it fit
 *   or not. When it does not fit the call returns USERSIG_ERR_BUFFER_TOO_SMALL and writes
 *   only an empty string (if `out_cap > 0`); call again with `*out_len + 1` bytes. The calls
 *   are deterministic for given arguments, so one retry always suffices (the admin URL, whose
 *   random number changes, reports a length that covers any retry). `out` may be null only
 *   when `out_cap` is 0 (a size query). On any failure `out` holds an empty string (if
 *   `out_cap > 0`). USERSIG_TOKEN_BUF bytes hold a UserSig of a user id up to 588 bytes.
 * - Handles (usersig_signer, usersig_verifier, usersig_admin, usersig_chat_callback_verifier,
 *   usersig_trtc_callback_verifier) are made by *_create, which
 *   stores the handle at its `*_out` argument (null there on failure; a null `*_out` argument
 *   itself is USERSIG_ERR_NULL_POINTER), and freed by *_destroy, exactly once, when no call
 *   is using them; destroying null does nothing. A null handle is USERSIG_ERR_NULL_POINTER.
 *   A handle holds its key's prepared HMAC state, never the key; destroying it wipes that
 *   state. The key string is only read during the call: clearing it is the caller's business.
 * - Thread safety: handles are thread-safe: any number of threads may call with the same
 *   handle at once. Functions without a handle are thread-safe. Each thread passes its own
 *   `error`, `out`, `claims_out` and `callback_out`.
 * - Ownership: no function keeps a pointer it was given. The library allocates nothing the
 *   caller must free except handles, usersig_claims (usersig_claims_free) and
 *   usersig_chat_callback_info (usersig_chat_callback_info_free).
 * - Times are Unix seconds. Functions ending in _at take the time explicitly (`now`); their
 *   twins without _at read the system clock.
 * - Numbers are range-checked, never truncated: a negative or too large sdkappid is
 *   USERSIG_ERR_SDKAPPID_OUT_OF_RANGE, and so on.
 *
 * Versioning: usersig_c_api_version() returns USERSIG_C_API_VERSION of the library; compare it
 * with the header's. Additions (functions, kinds, constants) keep the version; a change to an
 * existing function's arguments, a struct's layout or a kind's value bumps it.
 */
#ifndef USERSIG_H
#define USERSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the C API this header declares. */
#define USERSIG_C_API_VERSION 1

/** The size of usersig_error.message, its NUL included. */
#define USERSIG_MESSAGE_SIZE 512

/** The longest token the library mints or accepts, in bytes (its NUL not counted). */
#define USERSIG_MAX_TOKEN_LEN 32768

/** A buffer size that holds a UserSig (no userbuf) of a user id up to 588 bytes, with its NUL. */
#define USERSIG_TOKEN_BUF 1024

/** The validity of a token when the caller has no preference: 180 days, in seconds. */
#define USERSIG_DEFAULT_EXPIRE 15552000

/** The longest validity accepted: 50 years, in seconds. */
#define USERSIG_MAX_EXPIRE 1576800000

/** The validity of the admin's tokens when the caller has no preference, in seconds. */
#define USERSIG_DEFAULT_ADMIN_VALIDITY 3600

/** How long before its expiry the admin's token is renewed, by default, in seconds. */
#define USERSIG_DEFAULT_RENEW_MARGIN 600

/** A Chat callback's window when the caller has no preference, in seconds either way. */
#define USERSIG_DEFAULT_CALLBACK_WINDOW 60

/** The widest callback window accepted: one day, in seconds either way. */
#define USERSIG_MAX_CALLBACK_WINDOW 86400

/** The longest Chat callback query read, in bytes. */
#define USERSIG_MAX_CALLBACK_QUERY_LEN 16384

/** The longest TRTC callback body read, in bytes. */
#define USERSIG_MAX_CALLBACK_BODY_LEN 1048576

/** The callback verifiers' sdkappid: a callback for any application passes. */
#define USERSIG_CALLBACK_ANY_SDKAPPID -1

/** usersig_trtc_callback_verifier_create's window: the callback's time is not checked. */
#define USERSIG_CALLBACK_NO_WINDOW -1

/** usersig_admin_create's endpoint_kind: `endpoint` is a region's name ("singapore"). */
#define USERSIG_ENDPOINT_REGION 0

/** usersig_admin_create's endpoint_kind: `endpoint` is a host (https:// implied). */
#define USERSIG_ENDPOINT_HOST 1

/** usersig_admin_create's endpoint_kind: `endpoint` is a base URL. */
#define USERSIG_ENDPOINT_URL 2

/**
 * What a call returns: USERSIG_OK, one of the core's error kinds (1 to 99, named as in every
 * other usersig binding), or one of the C API's own (100 and up). usersig_kind_name() gives
 * each one's name, usersig_kind_tencent_code() its Tencent code.
 */
typedef enum usersig_kind {
  /** Success. */
  USERSIG_OK = 0,
  /* Input errors (Tencent code 0). */
  /** empty_key: the key is empty, or a verifier was given no key. */
  USERSIG_ERR_EMPTY_KEY = 1,
  /** sdkappid_out_of_range: the sdkappid is outside 0..4294967295. */
  USERSIG_ERR_SDKAPPID_OUT_OF_RANGE = 2,
  /** empty_user_id: the user id (or admin id) is empty. */
  USERSIG_ERR_EMPTY_USER_ID = 3,
  /** user_id_too_long: the user id is over 1024 bytes. */
  USERSIG_ERR_USER_ID_TOO_LONG = 4,
  /** userbuf_too_long: the userbuf is over 4096 bytes. */
  USERSIG_ERR_USERBUF_TOO_LONG = 5,
  /** expire_out_of_range: the validity is outside 1..USERSIG_MAX_EXPIRE. */
  USERSIG_ERR_EXPIRE_OUT_OF_RANGE = 6,
  /** time_out_of_range: `now` is outside 0..4294967295. */
  USERSIG_ERR_TIME_OUT_OF_RANGE = 7,
  /** expiry_overflow: now + expire is past 4294967295. */
  USERSIG_ERR_EXPIRY_OVERFLOW = 8,
  /** room_id_out_of_range: a numeric room is outside 1..4294967294. */
  USERSIG_ERR_ROOM_ID_OUT_OF_RANGE = 9,
  /** empty_room_str: a named room is empty. */
  USERSIG_ERR_EMPTY_ROOM_STR = 10,
  /** room_str_too_long: a named room is over 64 bytes. */
  USERSIG_ERR_ROOM_STR_TOO_LONG = 11,
  /** privilege_out_of_range: the privileges are outside 0..255. */
  USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE = 12,
  /* Verification errors (their Tencent codes). */
  /** malformed (70003): the token cannot be decoded. */
  USERSIG_ERR_MALFORMED = 13,
  /** expired (70001). */
  USERSIG_ERR_EXPIRED = 14,
  /** bad_signature (70009): another key, or altered after signing. */
  USERSIG_ERR_BAD_SIGNATURE = 15,
  /** user_id_mismatch (70013): issued to another user id. */
  USERSIG_ERR_USER_ID_MISMATCH = 16,
  /** sdkappid_mismatch (70014): issued for another application. */
  USERSIG_ERR_SDKAPPID_MISMATCH = 17,
  /** userbuf_mismatch (-100006): the token carries another userbuf than the one expected. */
  USERSIG_ERR_USERBUF_MISMATCH = 18,
  /* Admin errors (Tencent code 0). */
  /** unknown_region: not one of the regions' names. */
  USERSIG_ERR_UNKNOWN_REGION = 19,
  /** invalid_endpoint: the host or base URL is not acceptable. */
  USERSIG_ERR_INVALID_ENDPOINT = 20,
  /** invalid_rest_path: a service or command is empty, "." or "..", or has a character
   *  outside A-Za-z0-9_.- */
  USERSIG_ERR_INVALID_REST_PATH = 21,
  /** renew_margin_out_of_range: the renewal margin is outside 0..validity-1. */
  USERSIG_ERR_RENEW_MARGIN_OUT_OF_RANGE = 22,
  /** random_unavailable: the operating system's random number generator failed. */
  USERSIG_ERR_RANDOM_UNAVAILABLE = 23,
  /** user_id_control_char: the user id (or admin id) holds U+0000-U+001F or U+007F. */
  USERSIG_ERR_USER_ID_CONTROL_CHAR = 24,
  /** missing_userbuf (-100006): a userbuf was expected and the token carries none. */
  USERSIG_ERR_MISSING_USERBUF = 25,
  /** unexpected_userbuf: the token carries a userbuf (a PrivateMapKey, say) and a plain
   *  UserSig was expected. */
  USERSIG_ERR_UNEXPECTED_USERBUF = 26,
  /* Callback errors (Tencent code 0). */
  /** callback_param_missing: a callback lacks a parameter (a Chat query parameter, an
   *  empty TRTC header, the body's CallbackTs when a window is set). */
  USERSIG_ERR_CALLBACK_PARAM_MISSING = 27,
  /** callback_param_repeated: a Chat callback's query has a checked parameter twice. */
  USERSIG_ERR_CALLBACK_PARAM_REPEATED = 28,
  /** callback_param_invalid: a callback parameter is not in the form Tencent sends (a Sign
   *  that is not 64 lowercase hex digits or the base64 of 32 bytes, a time or sdkappid that is
   *  not a decimal number in range, a percent-encoded checked parameter, a broken query, a TRTC
   *  body that is not a JSON object). */
  USERSIG_ERR_CALLBACK_PARAM_INVALID = 29,
  /** callback_bad_signature: forged, altered after signing, or signed with another token or
   *  key. */
  USERSIG_ERR_CALLBACK_BAD_SIGNATURE = 30,
  /** callback_out_of_window: the callback's time is outside the window (replayed, or the
   *  clocks disagree). */
  USERSIG_ERR_CALLBACK_OUT_OF_WINDOW = 31,
  /** callback_sdkappid_mismatch: the callback is for another application. */
  USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH = 32,
  /** callback_too_large: the query is over USERSIG_MAX_CALLBACK_QUERY_LEN bytes, or the body
   *  over USERSIG_MAX_CALLBACK_BODY_LEN; it was not read. */
  USERSIG_ERR_CALLBACK_TOO_LARGE = 33,
  /** callback_window_out_of_range: the window is outside 0..USERSIG_MAX_CALLBACK_WINDOW. */
  USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE = 34,
  /* The C API's own (Tencent code 0). */
  /** A required pointer is null. */
  USERSIG_ERR_NULL_POINTER = 100,
  /** A string argument is not UTF-8. */
  USERSIG_ERR_INVALID_UTF8 = 101,
  /** The output buffer is too small: retry with *out_len + 1 bytes. */
  USERSIG_ERR_BUFFER_TOO_SMALL = 102,
  /** The library panicked (a bug, please report it); no state was changed. */
  USERSIG_ERR_PANICKED = 103,
  /** A string holds a NUL byte. The C API cannot receive one (its strings end at the first
   *  NUL); the C++ wrapper reports a std::string_view holding one with this kind rather than
   *  cut it short. */
  USERSIG_ERR_INTERIOR_NUL = 104,
} usersig_kind;

/** Why a call failed. Pass the address of one to any call, and read it when it fails. */
typedef struct usersig_error {
  /** The same value the call returned. */
  usersig_kind kind;
  /** The code Tencent's servers use for the same fault; 0 for input errors and the C API's own. */
  int32_t tencent_code;
  /** The message, NUL-terminated, cut at a character boundary if longer. Never holds a key. */
  char message[USERSIG_MESSAGE_SIZE];
} usersig_error;

/** A signer: mints UserSigs and PrivateMapKeys for one application and key. */
typedef struct usersig_signer usersig_signer;

/** A verifier: checks tokens for one application against one or more keys. */
typedef struct usersig_verifier usersig_verifier;

/** A REST API admin: URLs for Tencent's server APIs, with a cached admin token. */
typedef struct usersig_admin usersig_admin;

/** Checks the callbacks Tencent's Chat (IM) servers send, signed with the console's callback token. */
typedef struct usersig_chat_callback_verifier usersig_chat_callback_verifier;

/** Checks the callbacks Tencent's TRTC servers send, signed with the console's callback key. */
typedef struct usersig_trtc_callback_verifier usersig_trtc_callback_verifier;

/** A PrivateMapKey's grant, as usersig_claims.grant holds it. */
typedef struct usersig_grant {
  /** The user id the grant is for, NUL-terminated. */
  const char *user_id;
  /** Its length in bytes, the NUL not counted. */
  size_t user_id_len;
  /** The application the grant is for. */
  uint32_t sdkappid;
  /** The numeric room, or 0 when the room is named. */
  uint32_t room_id;
  /** The named room, NUL-terminated, or NULL when the room is numeric. */
  const char *room_str;
  /** Its length in bytes (0 when the room is numeric). */
  size_t room_str_len;
  /** The privilege bits (1 create, 2 enter, 4 send audio, 8 receive audio, 16 send video,
   *  32 receive video, 64 send the sub-stream, 128 receive it). */
  uint8_t privileges;
  /** The last second (Unix) the grant is valid. */
  uint32_t expires_at;
} usersig_grant;

/**
 * What a token says. Made by the library (verification, inspection), owned by the caller until
 * usersig_claims_free(); every pointer in it points into the same allocation. Read-only.
 * Strings are NUL-terminated and also given with their length (a token from elsewhere may hold
 * a NUL in its user id).
 */
typedef struct usersig_claims {
  /** The user id the token was issued to, NUL-terminated. */
  const char *user_id;
  /** Its length in bytes, the NUL not counted. */
  size_t user_id_len;
  /** The application the token was issued for. */
  uint32_t sdkappid;
  /** When the token was issued. */
  int64_t issued_at;
  /** How long it is valid after issued_at, in seconds. */
  int64_t expire;
  /** The last second it is valid: issued_at + expire. */
  int64_t expires_at;
  /** Whether the token carries a userbuf. */
  bool has_userbuf;
  /** The userbuf's bytes (NULL when there is none, or it is empty). */
  const uint8_t *userbuf;
  /** Its length in bytes. */
  size_t userbuf_len;
  /** Whether the userbuf is a PrivateMapKey's grant. */
  bool has_grant;
  /** The grant, when has_grant; zeroed otherwise. */
  usersig_grant grant;
  /** The signature, base64 as it stands in the token, NUL-terminated. */
  const char *signature;
} usersig_claims;

/** One of a Chat callback's other (unsigned) query parameters, percent-decoded. */
typedef struct usersig_callback_param {
  /** The name, NUL-terminated. */
  const char *name;
  /** Its length in bytes, the NUL not counted. */
  size_t name_len;
  /** The value, NUL-terminated. */
  const char *value;
  /** Its length in bytes, the NUL not counted (a decoded value may hold a NUL). */
  size_t value_len;
} usersig_callback_param;

/**
 * A Chat callback that passed. Made by the library, owned by the caller until
 * usersig_chat_callback_info_free(); every pointer in it points into the same allocation.
 * Read-only.
 */
typedef struct usersig_chat_callback_info {
  /** Its CallbackCommand ("C2C.CallbackAfterSendMsg"), NUL-terminated. */
  const char *command;
  /** Its length in bytes, the NUL not counted. */
  size_t command_len;
  /** Its SdkAppid. */
  uint32_t sdkappid;
  /** Its RequestTime, in Unix seconds. */
  int64_t request_time;
  /** The other query parameters (ClientIP, OptPlatform, ...), in their order; NULL when none. */
  const usersig_callback_param *params;
  /** How many there are. */
  size_t param_count;
} usersig_chat_callback_info;

/** A TRTC callback that passed: plain values, written into the caller's struct. */
typedef struct usersig_trtc_callback_info {
  /** Its SdkAppId header. */
  uint32_t sdkappid;
  /** Whether the body has an EventGroupId. */
  bool has_event_group_id;
  /** The body's EventGroupId (0 when absent). */
  int64_t event_group_id;
  /** Whether the body has an EventType. */
  bool has_event_type;
  /** The body's EventType (0 when absent). */
  int64_t event_type;
  /** Whether the body has a CallbackTs. */
  bool has_callback_ts;
  /** The body's CallbackTs, in Unix milliseconds (0 when absent). */
  int64_t callback_ts;
} usersig_trtc_callback_info;

/* ---- Version and kinds ------------------------------------------------------------------ */

/** USERSIG_C_API_VERSION of the library. Thread-safe; cannot fail. */
uint32_t usersig_c_api_version(void);

/**
 * The name of `kind` ("expired", "bad_signature", "null_pointer", "ok"): a static string the
 * caller must not free; "unknown" for a value that is no kind. Thread-safe; cannot fail.
 */
const char *usersig_kind_name(int kind);

/**
 * The Tencent code of `kind` (70001 for USERSIG_ERR_EXPIRED, ...); 0 for input errors, the C
 * API's own kinds and values that are no kind. Thread-safe; cannot fail.
 */
int32_t usersig_kind_tencent_code(int kind);

/* ---- Signer ----------------------------------------------------------------------------- */

/**
 * Makes a signer for `sdkappid` (0..4294967295) with the secret `key` from the console, and
 * stores it at `*signer_out`. Errors: empty_key, sdkappid_out_of_range; null_pointer (key,
 * signer_out), invalid_utf8 (key).
 */
usersig_kind usersig_signer_create(int64_t sdkappid,
                                   const char *key,
                                   usersig_signer **signer_out,
                                   usersig_error *error);

/** Frees a signer and wipes its key state. Null does nothing. Not while another call uses it. */
void usersig_signer_destroy(usersig_signer *signer);

/**
 * A UserSig for `user_id`, valid `expire` seconds from `now`, written at `out`.
 * Errors: empty_user_id, user_id_too_long, user_id_control_char, expire_out_of_range, time_out_of_range,
 * expiry_overflow; null_pointer (signer, user_id, out with out_cap > 0), invalid_utf8,
 * buffer_too_small.
 */
usersig_kind usersig_user_sig_at(const usersig_signer *signer,
                                 const char *user_id,
                                 int64_t expire,
                                 int64_t now,
                                 char *out,
                                 size_t out_cap,
                                 size_t *out_len,
                                 usersig_error *error);

/** usersig_user_sig_at() issued now, by the system clock. */
usersig_kind usersig_user_sig(const usersig_signer *signer,
                              const char *user_id,
                              int64_t expire,
                              char *out,
                              size_t out_cap,
                              size_t *out_len,
                              usersig_error *error);

/**
 * A UserSig carrying the `userbuf_len` bytes at `userbuf` (any bytes; `userbuf` may be null
 * when `userbuf_len` is 0). Errors: those of usersig_user_sig_at(), userbuf_too_long, and
 * null_pointer for a null `userbuf` with a length.
 */
usersig_kind usersig_user_sig_with_userbuf_at(const usersig_signer *signer,
                                              const char *user_id,
                                              const uint8_t *userbuf,
                                              size_t userbuf_len,
                                              int64_t expire,
                                              int64_t now,
                                              char *out,
                                              size_t out_cap,
                                              size_t *out_len,
                                              usersig_error *error);

/** usersig_user_sig_with_userbuf_at() issued now. */
usersig_kind usersig_user_sig_with_userbuf(const usersig_signer *signer,
                                           const char *user_id,
                                           const uint8_t *userbuf,
                                           size_t userbuf_len,
                                           int64_t expire,
                                           char *out,
                                           size_t out_cap,
                                           size_t *out_len,
                                           usersig_error *error);

/**
 * A PrivateMapKey granting `user_id` the `privileges` bits (0..255) in the numeric room
 * `room_id` (1..4294967294). Errors: those of usersig_user_sig_at(), room_id_out_of_range,
 * privilege_out_of_range.
 */
usersig_kind usersig_private_map_key_at(const usersig_signer *signer,
                                        const char *user_id,
                                        int64_t room_id,
                                        int64_t privileges,
                                        int64_t expire,
                                        int64_t now,
                                        char *out,
                                        size_t out_cap,
                                        size_t *out_len,
                                        usersig_error *error);

/** usersig_private_map_key_at() issued now. */
usersig_kind usersig_private_map_key(const usersig_signer *signer,
                                     const char *user_id,
                                     int64_t room_id,
                                     int64_t privileges,
                                     int64_t expire,
                                     char *out,
                                     size_t out_cap,
                                     size_t *out_len,
                                     usersig_error *error);

/**
 * A PrivateMapKey for the room named `room` (1 to 64 bytes). Errors: those of
 * usersig_user_sig_at(), empty_room_str, room_str_too_long, privilege_out_of_range,
 * null_pointer and invalid_utf8 for `room`.
 */
usersig_kind usersig_private_map_key_named_at(const usersig_signer *signer,
                                              const char *user_id,
                                              const char *room,
                                              int64_t privileges,
                                              int64_t expire,
                                              int64_t now,
                                              char *out,
                                              size_t out_cap,
                                              size_t *out_len,
                                              usersig_error *error);

/** usersig_private_map_key_named_at() issued now. */
usersig_kind usersig_private_map_key_named(const usersig_signer *signer,
                                           const char *user_id,
                                           const char *room,
                                           int64_t privileges,
                                           int64_t expire,
                                           char *out,
                                           size_t out_cap,
                                           size_t *out_len,
                                           usersig_error *error);

/* ---- Verifier --------------------------------------------------------------------------- */

/**
 * Makes a verifier for `sdkappid` accepting tokens signed with any of the `key_count` keys at
 * `keys` (the current key first, then older ones during a rotation), stored at
 * `*verifier_out`. `keys` may be null when `key_count` is 0 (which is empty_key). Errors:
 * empty_key, sdkappid_out_of_range; null_pointer (keys, a key, verifier_out), invalid_utf8.
 */
usersig_kind usersig_verifier_create(int64_t sdkappid,
                                     const char *const *keys,
                                     size_t key_count,
                                     usersig_verifier **verifier_out,
                                     usersig_error *error);

/** Frees a verifier and wipes its key states. Null does nothing. Not while a call uses it. */
void usersig_verifier_destroy(usersig_verifier *verifier);

/**
 * Checks that `token` is a valid UserSig for `user_id` at `now`: well-formed, signed with one
 * of the keys, for this sdkappid and user id, not expired, and carrying no userbuf (a
 * PrivateMapKey is refused here; see usersig_verify_any_userbuf_at()). On success, if
 * `claims_out` is not null, stores the token's claims there (free them with
 * usersig_claims_free()); on failure stores null there. Errors: malformed, bad_signature,
 * sdkappid_mismatch, user_id_mismatch, expired, unexpected_userbuf; null_pointer (verifier, token, user_id),
 * invalid_utf8.
 */
usersig_kind usersig_verify_at(const usersig_verifier *verifier,
                               const char *token,
                               const char *user_id,
                               int64_t now,
                               usersig_claims **claims_out,
                               usersig_error *error);

/** usersig_verify_at() now, by the system clock. */
usersig_kind usersig_verify(const usersig_verifier *verifier,
                            const char *token,
                            const char *user_id,
                            usersig_claims **claims_out,
                            usersig_error *error);

/**
 * Checks `token` as usersig_verify_at() does, except that it must carry exactly the
 * `userbuf_len` bytes at `userbuf`: another userbuf is userbuf_mismatch, none is
 * missing_userbuf.
 */
usersig_kind usersig_verify_with_userbuf_at(const usersig_verifier *verifier,
                                            const char *token,
                                            const char *user_id,
                                            const uint8_t *userbuf,
                                            size_t userbuf_len,
                                            int64_t now,
                                            usersig_claims **claims_out,
                                            usersig_error *error);

/** usersig_verify_with_userbuf_at() now. */
usersig_kind usersig_verify_with_userbuf(const usersig_verifier *verifier,
                                         const char *token,
                                         const char *user_id,
                                         const uint8_t *userbuf,
                                         size_t userbuf_len,
                                         usersig_claims **claims_out,
                                         usersig_error *error);

/**
 * Checks `token` as usersig_verify_at() does, with or without a userbuf, which the claims then
 * hold: for a PrivateMapKey that the caller checks by its grant (claims->has_grant).
 */
usersig_kind usersig_verify_any_userbuf_at(const usersig_verifier *verifier,
                                           const char *token,
                                           const char *user_id,
                                           int64_t now,
                                           usersig_claims **claims_out,
                                           usersig_error *error);

/** usersig_verify_any_userbuf_at() now. */
usersig_kind usersig_verify_any_userbuf(const usersig_verifier *verifier,
                                        const char *token,
                                        const char *user_id,
                                        usersig_claims **claims_out,
                                        usersig_error *error);

/**
 * The claims of `token`, decoded but NOT verified (for logs and debugging; never for access
 * decisions), stored at `*claims_out` (which must not be null). Errors: malformed;
 * null_pointer (token, claims_out), invalid_utf8.
 */
usersig_kind usersig_inspect_token(const char *token,
                                   usersig_claims **claims_out,
                                   usersig_error *error);

/** Frees claims. Null does nothing. */
void usersig_claims_free(usersig_claims *claims);

/* ---- REST API admin --------------------------------------------------------------------- */

/**
 * Makes an admin for `sdkappid` with its `key` and the admin's user id `admin` (null:
 * "administrator"), calling the endpoint given by `endpoint_kind` (USERSIG_ENDPOINT_REGION,
 * _HOST or _URL) and `endpoint` (null: the region "china", whatever `endpoint_kind`), with
 * admin tokens valid `validity` seconds (USERSIG_DEFAULT_ADMIN_VALIDITY) and renewed
 * `renew_margin` seconds (USERSIG_DEFAULT_RENEW_MARGIN) before they expire; stored at
 * `*admin_out`. Errors: empty_key, sdkappid_out_of_range, empty_user_id, user_id_too_long,
 * user_id_control_char,
 * unknown_region, invalid_endpoint, expire_out_of_range, renew_margin_out_of_range;
 * null_pointer (key, admin_out), invalid_utf8.
 */
usersig_kind usersig_admin_create(int64_t sdkappid,
                                  const char *key,
                                  const char *admin,
                                  int endpoint_kind,
                                  const char *endpoint,
                                  int64_t validity,
                                  int64_t renew_margin,
                                  usersig_admin **admin_out,
                                  usersig_error *error);

/** Frees an admin, its key state and its cached token. Null does nothing. */
void usersig_admin_destroy(usersig_admin *admin);

/**
 * The URL to POST to for `service`/`command` ("im_open_login_svc", "account_import") at `now`,
 * with the admin token (cached, or minted when due for renewal; threads sharing the admin share
 * the cache) and a fresh random number. A retry after buffer_too_small gives another URL, no
 * longer than `*out_len`. Errors: invalid_rest_path, time_out_of_range, expiry_overflow,
 * random_unavailable; null_pointer, invalid_utf8, buffer_too_small.
 */
usersig_kind usersig_admin_url_for_at(const usersig_admin *admin,
                                      const char *service,
                                      const char *command,
                                      int64_t now,
                                      char *out,
                                      size_t out_cap,
                                      size_t *out_len,
                                      usersig_error *error);

/** usersig_admin_url_for_at() now, by the system clock. */
usersig_kind usersig_admin_url_for(const usersig_admin *admin,
                                   const char *service,
                                   const char *command,
                                   char *out,
                                   size_t out_cap,
                                   size_t *out_len,
                                   usersig_error *error);

/** The admin's token at `now`: the cached one, or a fresh one when it is due for renewal. */
usersig_kind usersig_admin_token_at(const usersig_admin *admin,
                                    int64_t now,
                                    char *out,
                                    size_t out_cap,
                                    size_t *out_len,
                                    usersig_error *error);

/** The admin's base URL ("https://console.tim.qq.com" for the region "china"). */
usersig_kind usersig_admin_base_url(const usersig_admin *admin,
                                    char *out,
                                    size_t out_cap,
                                    size_t *out_len,
                                    usersig_error *error);

/* ---- Callback verifiers ---------------------------------------------------------------- */

/**
 * Makes a Chat callback verifier with the callback `token` from the Chat console, accepting
 * callbacks for `sdkappid` (0..4294967295, or USERSIG_CALLBACK_ANY_SDKAPPID) whose RequestTime
 * is within `window` seconds (0..USERSIG_MAX_CALLBACK_WINDOW; USERSIG_DEFAULT_CALLBACK_WINDOW
 * when in doubt) of the check's time either way; stored at `*verifier_out`. The handle holds
 * the token's prepared hash state, never the token. Errors: empty_key, sdkappid_out_of_range,
 * callback_window_out_of_range; null_pointer (token, verifier_out), invalid_utf8.
 */
usersig_kind usersig_chat_callback_verifier_create(const char *token,
                                                   int64_t sdkappid,
                                                   int64_t window,
                                                   usersig_chat_callback_verifier **verifier_out,
                                                   usersig_error *error);

/** Frees a Chat callback verifier and wipes its token state. Null does nothing. Not while a call
 *  uses it. */
void usersig_chat_callback_verifier_destroy(usersig_chat_callback_verifier *verifier);

/**
 * Checks the Chat callback whose URL has the query string `query` (after the '?', exactly as
 * received: not decoded, not re-encoded) at `now`: its Sign matches SHA-256(token +
 * RequestTime), its SdkAppid is the expected one and its RequestTime within the window. On
 * success, if `callback_out` is not null, stores the callback there (free it with
 * usersig_chat_callback_info_free()); on failure stores null there. The query is only read
 * during the call. Errors: callback_too_large (over USERSIG_MAX_CALLBACK_QUERY_LEN bytes),
 * callback_param_missing, callback_param_repeated, callback_param_invalid (a Sign that is not
 * 64 lowercase hex digits, a percent-encoded Sign, a RequestTime that is not a number, ...),
 * callback_bad_signature, callback_sdkappid_mismatch, callback_out_of_window; null_pointer
 * (verifier, query), invalid_utf8.
 */
usersig_kind usersig_verify_chat_callback_query_at(const usersig_chat_callback_verifier *verifier,
                                                   const char *query,
                                                   int64_t now,
                                                   usersig_chat_callback_info **callback_out,
                                                   usersig_error *error);

/** usersig_verify_chat_callback_query_at() now, by the system clock. */
usersig_kind usersig_verify_chat_callback_query(const usersig_chat_callback_verifier *verifier,
                                                const char *query,
                                                usersig_chat_callback_info **callback_out,
                                                usersig_error *error);

/**
 * Checks a Chat callback as usersig_verify_chat_callback_query_at() does, from its query
 * parameters as a web framework parsed (percent-decoded) them: the `count` pairs
 * `names[i]`=`values[i]`, in their order, repeats included. `names` and `values` may be null
 * when `count` is 0. Prefer the raw query when the framework gives it: a decoded Sign cannot be
 * told from one the sender percent-encoded. Errors: as usersig_verify_chat_callback_query_at()
 * (callback_too_large when the names and values add up to over USERSIG_MAX_CALLBACK_QUERY_LEN
 * bytes); null_pointer (names, values, any of their strings), invalid_utf8.
 */
usersig_kind usersig_verify_chat_callback_params_at(const usersig_chat_callback_verifier *verifier,
                                                    const char *const *names,
                                                    const char *const *values,
                                                    size_t count,
                                                    int64_t now,
                                                    usersig_chat_callback_info **callback_out,
                                                    usersig_error *error);

/** usersig_verify_chat_callback_params_at() now, by the system clock. */
usersig_kind usersig_verify_chat_callback_params(const usersig_chat_callback_verifier *verifier,
                                                 const char *const *names,
                                                 const char *const *values,
                                                 size_t count,
                                                 usersig_chat_callback_info **callback_out,
                                                 usersig_error *error);

/** Frees a Chat callback. Null does nothing. */
void usersig_chat_callback_info_free(usersig_chat_callback_info *callback);

/**
 * The Sign of a Chat callback sent at `request_time`, as Tencent computes it: the lowercase hex
 * SHA-256 of the token and the time's decimal digits (64 characters; 65 bytes hold it with its
 * NUL), written at `out`. For tests and for a sender of one's own. Errors: null_pointer
 * (verifier, out with out_cap > 0), buffer_too_small.
 */
usersig_kind usersig_sign_chat_callback(const usersig_chat_callback_verifier *verifier,
                                        int64_t request_time,
                                        char *out,
                                        size_t out_cap,
                                        size_t *out_len,
                                        usersig_error *error);

/**
 * Makes a TRTC callback verifier with the callback `key` from the TRTC console, accepting
 * callbacks for `sdkappid` (0..4294967295, or USERSIG_CALLBACK_ANY_SDKAPPID) whose body's
 * CallbackTs is within `window` seconds (0..USERSIG_MAX_CALLBACK_WINDOW) of the check's time
 * either way, or at any time with USERSIG_CALLBACK_NO_WINDOW; stored at `*verifier_out`. The
 * handle holds the key's prepared HMAC state, never the key. Errors: empty_key,
 * sdkappid_out_of_range, callback_window_out_of_range; null_pointer (key, verifier_out),
 * invalid_utf8.
 */
usersig_kind usersig_trtc_callback_verifier_create(const char *key,
                                                   int64_t sdkappid,
                                                   int64_t window,
                                                   usersig_trtc_callback_verifier **verifier_out,
                                                   usersig_error *error);

/** Frees a TRTC callback verifier and wipes its key state. Null does nothing. Not while a call
 *  uses it. */
void usersig_trtc_callback_verifier_destroy(usersig_trtc_callback_verifier *verifier);

/**
 * Checks the TRTC callback with the headers `sign` (Sign) and `sdkappid` (SdkAppId), each null
 * or "" when absent, and the `body_len` bytes of its body at `body` (the raw bytes as received,
 * never a re-serialised JSON; `body` may be null when `body_len` is 0), at `now`: the Sign is
 * base64 HMAC-SHA256(key, body), the SdkAppId the expected one, the body a JSON object and,
 * with a window, its CallbackTs within it. On success, if `callback_out` is not null, writes
 * the callback there; on failure zeroes it. Nothing is kept. Errors: callback_too_large (over
 * USERSIG_MAX_CALLBACK_BODY_LEN bytes), callback_param_missing, callback_param_invalid (a Sign
 * that is not the base64 of 32 bytes, a body that is not a JSON object, ...),
 * callback_bad_signature, callback_sdkappid_mismatch, callback_out_of_window; null_pointer
 * (verifier, body with body_len > 0), invalid_utf8 (sign, sdkappid).
 */
usersig_kind usersig_verify_trtc_callback_at(const usersig_trtc_callback_verifier *verifier,
                                             const char *sign,
                                             const char *sdkappid,
                                             const uint8_t *body,
                                             size_t body_len,
                                             int64_t now,
                                             usersig_trtc_callback_info *callback_out,
                                             usersig_error *error);

/** usersig_verify_trtc_callback_at() now, by the system clock. */
usersig_kind usersig_verify_trtc_callback(const usersig_trtc_callback_verifier *verifier,
                                          const char *sign,
                                          const char *sdkappid,
                                          const uint8_t *body,
                                          size_t body_len,
                                          usersig_trtc_callback_info *callback_out,
                                          usersig_error *error);

/**
 * The Sign header of a TRTC callback with the `body_len` bytes at `body`, as Tencent computes
 * it: base64 HMAC-SHA256(key, body) (44 characters; 45 bytes hold it with its NUL), written at
 * `out`. For tests and for a sender of one's own. Errors: null_pointer (verifier, body with
 * body_len > 0, out with out_cap > 0), buffer_too_small.
 */
usersig_kind usersig_sign_trtc_callback(const usersig_trtc_callback_verifier *verifier,
                                        const uint8_t *body,
                                        size_t body_len,
                                        char *out,
                                        size_t out_cap,
                                        size_t *out_len,
                                        usersig_error *error);

#ifdef __cplusplus
}
#endif

#endif /* USERSIG_H */
