//! The public C API: what `bindings/c/include/usersig.h` declares, for C and C++ programs.
//!
//! Unlike [`crate::abi`] (the private protocol of the Python and JVM bindings), every result here
//! is plain C: tokens are NUL-terminated strings written into the caller's buffer, errors are a
//! [`usersig_kind`] with the Tencent code and a message in a [`usersig_error`], claims are a
//! [`usersig_claims`] struct. The header documents each function; a test (`tests.rs`) checks the
//! header's declarations against this module, so the two cannot drift.
//!
//! Each entry point checks its pointers, reads its strings as NUL-terminated UTF-8, calls the
//! core, and runs under `catch_unwind`: no panic crosses into C.

mod admin;
mod callback;
mod signer;
mod verifier;

#[cfg(test)]
mod tests;

pub use admin::*;
pub use callback::*;
pub use signer::*;
pub use verifier::*;

use std::ffi::{c_char, c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use usersig::{Error, ErrorKind};

/// The version of the C API. Additions (functions, kinds, constants) keep it; a change to an
/// existing function's arguments, a struct's layout or a kind's value bumps it.
pub const USERSIG_C_API_VERSION: u32 = 1;

/// The size of [`usersig_error::message`], its NUL included.
pub const USERSIG_MESSAGE_SIZE: usize = 512;

// The core's constants, as literals so that the header can state them; the assertions below
// keep them equal.

/// The longest token the library mints or accepts, in bytes (its NUL not counted).
pub const USERSIG_MAX_TOKEN_LEN: usize = 32768;

/// A buffer size that holds a UserSig (no userbuf) of a user id up to 588 bytes, with its NUL.
pub const USERSIG_TOKEN_BUF: usize = 1024;

/// The validity of a token when the caller has no preference: 180 days, in seconds.
pub const USERSIG_DEFAULT_EXPIRE: i64 = 15_552_000;

/// The longest validity accepted: 50 years, in seconds.
pub const USERSIG_MAX_EXPIRE: i64 = 1_576_800_000;

/// The validity of the admin's tokens when the caller has no preference, in seconds.
pub const USERSIG_DEFAULT_ADMIN_VALIDITY: i64 = 3600;

/// How long before its expiry the admin's token is renewed, by default, in seconds.
pub const USERSIG_DEFAULT_RENEW_MARGIN: i64 = 600;

/// A Chat callback's window when the caller has no preference, in seconds either way.
pub const USERSIG_DEFAULT_CALLBACK_WINDOW: i64 = 60;

/// The widest callback window accepted: one day, in seconds either way.
pub const USERSIG_MAX_CALLBACK_WINDOW: i64 = 86_400;

/// The longest Chat callback query read, in bytes.
pub const USERSIG_MAX_CALLBACK_QUERY_LEN: usize = 16_384;

/// The longest TRTC callback body read, in bytes.
pub const USERSIG_MAX_CALLBACK_BODY_LEN: usize = 1_048_576;

const _: () = assert!(USERSIG_MAX_TOKEN_LEN == usersig::MAX_TOKEN_LEN);
const _: () = assert!(USERSIG_DEFAULT_EXPIRE == usersig::DEFAULT_EXPIRE);
const _: () = assert!(USERSIG_MAX_EXPIRE == usersig::MAX_EXPIRE);
const _: () = assert!(USERSIG_DEFAULT_ADMIN_VALIDITY == usersig::DEFAULT_ADMIN_VALIDITY);
const _: () = assert!(USERSIG_DEFAULT_RENEW_MARGIN == usersig::DEFAULT_RENEW_MARGIN);
const _: () = assert!(USERSIG_DEFAULT_CALLBACK_WINDOW == usersig::DEFAULT_CALLBACK_WINDOW);
const _: () = assert!(USERSIG_MAX_CALLBACK_WINDOW == usersig::MAX_CALLBACK_WINDOW);
const _: () = assert!(USERSIG_MAX_CALLBACK_QUERY_LEN == usersig::MAX_CALLBACK_QUERY_LEN);
const _: () = assert!(USERSIG_MAX_CALLBACK_BODY_LEN == usersig::MAX_CALLBACK_BODY_LEN);

/// What a call returns: [`usersig_kind::USERSIG_OK`], one of the core's error kinds, or one of
/// the C API's own (null pointer, invalid UTF-8, short buffer, panic).
#[allow(non_camel_case_types, clippy::enum_variant_names)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum usersig_kind {
    /// Success.
    USERSIG_OK = 0,
    /// `empty_key`.
    USERSIG_ERR_EMPTY_KEY = 1,
    /// `sdkappid_out_of_range`.
    USERSIG_ERR_SDKAPPID_OUT_OF_RANGE = 2,
    /// `empty_user_id`.
    USERSIG_ERR_EMPTY_USER_ID = 3,
    /// `user_id_too_long`.
    USERSIG_ERR_USER_ID_TOO_LONG = 4,
    /// `userbuf_too_long`.
    USERSIG_ERR_USERBUF_TOO_LONG = 5,
    /// `expire_out_of_range`.
    USERSIG_ERR_EXPIRE_OUT_OF_RANGE = 6,
    /// `time_out_of_range`.
    USERSIG_ERR_TIME_OUT_OF_RANGE = 7,
    /// `expiry_overflow`.
    USERSIG_ERR_EXPIRY_OVERFLOW = 8,
    /// `room_id_out_of_range`.
    USERSIG_ERR_ROOM_ID_OUT_OF_RANGE = 9,
    /// `empty_room_str`.
    USERSIG_ERR_EMPTY_ROOM_STR = 10,
    /// `room_str_too_long`.
    USERSIG_ERR_ROOM_STR_TOO_LONG = 11,
    /// `privilege_out_of_range`.
    USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE = 12,
    /// `malformed`.
    USERSIG_ERR_MALFORMED = 13,
    /// `expired`.
    USERSIG_ERR_EXPIRED = 14,
    /// `bad_signature`.
    USERSIG_ERR_BAD_SIGNATURE = 15,
    /// `user_id_mismatch`.
    USERSIG_ERR_USER_ID_MISMATCH = 16,
    /// `sdkappid_mismatch`.
    USERSIG_ERR_SDKAPPID_MISMATCH = 17,
    /// `userbuf_mismatch`.
    USERSIG_ERR_USERBUF_MISMATCH = 18,
    /// `unknown_region`.
    USERSIG_ERR_UNKNOWN_REGION = 19,
    /// `invalid_endpoint`.
    USERSIG_ERR_INVALID_ENDPOINT = 20,
    /// `invalid_rest_path`.
    USERSIG_ERR_INVALID_REST_PATH = 21,
    /// `renew_margin_out_of_range`.
    USERSIG_ERR_RENEW_MARGIN_OUT_OF_RANGE = 22,
    /// `random_unavailable`.
    USERSIG_ERR_RANDOM_UNAVAILABLE = 23,
    /// `user_id_control_char`.
    USERSIG_ERR_USER_ID_CONTROL_CHAR = 24,
    /// `missing_userbuf`.
    USERSIG_ERR_MISSING_USERBUF = 25,
    /// `unexpected_userbuf`.
    USERSIG_ERR_UNEXPECTED_USERBUF = 26,
    /// `callback_param_missing`.
    USERSIG_ERR_CALLBACK_PARAM_MISSING = 27,
    /// `callback_param_repeated`.
    USERSIG_ERR_CALLBACK_PARAM_REPEATED = 28,
    /// `callback_param_invalid`.
    USERSIG_ERR_CALLBACK_PARAM_INVALID = 29,
    /// `callback_bad_signature`.
    USERSIG_ERR_CALLBACK_BAD_SIGNATURE = 30,
    /// `callback_out_of_window`.
    USERSIG_ERR_CALLBACK_OUT_OF_WINDOW = 31,
    /// `callback_sdkappid_mismatch`.
    USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH = 32,
    /// `callback_too_large`.
    USERSIG_ERR_CALLBACK_TOO_LARGE = 33,
    /// `callback_window_out_of_range`.
    USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE = 34,
    /// A required pointer is null.
    USERSIG_ERR_NULL_POINTER = 100,
    /// A string argument is not UTF-8.
    USERSIG_ERR_INVALID_UTF8 = 101,
    /// The output buffer is too small; nothing was written but an empty string.
    USERSIG_ERR_BUFFER_TOO_SMALL = 102,
    /// The library panicked (a bug); no state was changed.
    USERSIG_ERR_PANICKED = 103,
    /// A string holds a NUL byte. The C API cannot receive one (its strings end at the first
    /// NUL); the C++ wrapper reports a `std::string_view` holding one with this kind rather
    /// than cut it short.
    USERSIG_ERR_INTERIOR_NUL = 104,
}

use usersig_kind::*;

/// Each core kind's C value and its name, NUL-terminated for [`usersig_kind_name`].
const CORE_KINDS: &[(ErrorKind, usersig_kind, &CStr)] = &[
    (ErrorKind::EmptyKey, USERSIG_ERR_EMPTY_KEY, c"empty_key"),
    (
        ErrorKind::SdkAppIdOutOfRange,
        USERSIG_ERR_SDKAPPID_OUT_OF_RANGE,
        c"sdkappid_out_of_range",
    ),
    (
        ErrorKind::EmptyUserId,
        USERSIG_ERR_EMPTY_USER_ID,
        c"empty_user_id",
    ),
    (
        ErrorKind::UserIdTooLong,
        USERSIG_ERR_USER_ID_TOO_LONG,
        c"user_id_too_long",
    ),
    (
        ErrorKind::UserbufTooLong,
        USERSIG_ERR_USERBUF_TOO_LONG,
        c"userbuf_too_long",
    ),
    (
        ErrorKind::ExpireOutOfRange,
        USERSIG_ERR_EXPIRE_OUT_OF_RANGE,
        c"expire_out_of_range",
    ),
    (
        ErrorKind::TimeOutOfRange,
        USERSIG_ERR_TIME_OUT_OF_RANGE,
        c"time_out_of_range",
    ),
    (
        ErrorKind::ExpiryOverflow,
        USERSIG_ERR_EXPIRY_OVERFLOW,
        c"expiry_overflow",
    ),
    (
        ErrorKind::RoomIdOutOfRange,
        USERSIG_ERR_ROOM_ID_OUT_OF_RANGE,
        c"room_id_out_of_range",
    ),
    (
        ErrorKind::EmptyRoomStr,
        USERSIG_ERR_EMPTY_ROOM_STR,
        c"empty_room_str",
    ),
    (
        ErrorKind::RoomStrTooLong,
        USERSIG_ERR_ROOM_STR_TOO_LONG,
        c"room_str_too_long",
    ),
    (
        ErrorKind::PrivilegeOutOfRange,
        USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE,
        c"privilege_out_of_range",
    ),
    (ErrorKind::Malformed, USERSIG_ERR_MALFORMED, c"malformed"),
    (ErrorKind::Expired, USERSIG_ERR_EXPIRED, c"expired"),
    (
        ErrorKind::BadSignature,
        USERSIG_ERR_BAD_SIGNATURE,
        c"bad_signature",
    ),
    (
        ErrorKind::UserIdMismatch,
        USERSIG_ERR_USER_ID_MISMATCH,
        c"user_id_mismatch",
    ),
    (
        ErrorKind::SdkAppIdMismatch,
        USERSIG_ERR_SDKAPPID_MISMATCH,
        c"sdkappid_mismatch",
    ),
    (
        ErrorKind::UserbufMismatch,
        USERSIG_ERR_USERBUF_MISMATCH,
        c"userbuf_mismatch",
    ),
    (
        ErrorKind::UnknownRegion,
        USERSIG_ERR_UNKNOWN_REGION,
        c"unknown_region",
    ),
    (
        ErrorKind::InvalidEndpoint,
        USERSIG_ERR_INVALID_ENDPOINT,
        c"invalid_endpoint",
    ),
    (
        ErrorKind::InvalidRestPath,
        USERSIG_ERR_INVALID_REST_PATH,
        c"invalid_rest_path",
    ),
    (
        ErrorKind::RenewMarginOutOfRange,
        USERSIG_ERR_RENEW_MARGIN_OUT_OF_RANGE,
        c"renew_margin_out_of_range",
    ),
    (
        ErrorKind::RandomUnavailable,
        USERSIG_ERR_RANDOM_UNAVAILABLE,
        c"random_unavailable",
    ),
    (
        ErrorKind::UserIdControlChar,
        USERSIG_ERR_USER_ID_CONTROL_CHAR,
        c"user_id_control_char",
    ),
    (
        ErrorKind::MissingUserbuf,
        USERSIG_ERR_MISSING_USERBUF,
        c"missing_userbuf",
    ),
    (
        ErrorKind::UnexpectedUserbuf,
        USERSIG_ERR_UNEXPECTED_USERBUF,
        c"unexpected_userbuf",
    ),
    (
        ErrorKind::CallbackParamMissing,
        USERSIG_ERR_CALLBACK_PARAM_MISSING,
        c"callback_param_missing",
    ),
    (
        ErrorKind::CallbackParamRepeated,
        USERSIG_ERR_CALLBACK_PARAM_REPEATED,
        c"callback_param_repeated",
    ),
    (
        ErrorKind::CallbackParamInvalid,
        USERSIG_ERR_CALLBACK_PARAM_INVALID,
        c"callback_param_invalid",
    ),
    (
        ErrorKind::CallbackBadSignature,
        USERSIG_ERR_CALLBACK_BAD_SIGNATURE,
        c"callback_bad_signature",
    ),
    (
        ErrorKind::CallbackOutOfWindow,
        USERSIG_ERR_CALLBACK_OUT_OF_WINDOW,
        c"callback_out_of_window",
    ),
    (
        ErrorKind::CallbackSdkAppIdMismatch,
        USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH,
        c"callback_sdkappid_mismatch",
    ),
    (
        ErrorKind::CallbackTooLarge,
        USERSIG_ERR_CALLBACK_TOO_LARGE,
        c"callback_too_large",
    ),
    (
        ErrorKind::CallbackWindowOutOfRange,
        USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE,
        c"callback_window_out_of_range",
    ),
];

/// The C API's own kinds and their names.
const API_KINDS: &[(usersig_kind, &CStr)] = &[
    (USERSIG_OK, c"ok"),
    (USERSIG_ERR_NULL_POINTER, c"null_pointer"),
    (USERSIG_ERR_INVALID_UTF8, c"invalid_utf8"),
    (USERSIG_ERR_BUFFER_TOO_SMALL, c"buffer_too_small"),
    (USERSIG_ERR_PANICKED, c"panicked"),
    (USERSIG_ERR_INTERIOR_NUL, c"interior_nul"),
];

/// Why a call failed, as [`usersig_error`] reports it. Zero-initialise one, pass its address,
/// and read it when a call returns anything but `USERSIG_OK`.
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_error {
    /// The same value the call returned.
    pub kind: usersig_kind,
    /// The code Tencent's servers use for the same fault; 0 for input errors and the C API's own.
    pub tencent_code: i32,
    /// The message, NUL-terminated, cut at a character boundary if longer than the buffer.
    /// It never contains the key.
    pub message: [c_char; USERSIG_MESSAGE_SIZE],
}

/// A failed call: a core error, or a misuse of the C API with its message.
pub(crate) enum Failure {
    /// The core refused the call.
    Core(Error),
    /// The C API's own fault.
    Api(usersig_kind, String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

/// The C value of a core error kind. A kind without one would be a kind added to the core and
/// not to [`CORE_KINDS`], which the tests forbid; it would read as a panic.
fn kind_of(kind: ErrorKind) -> usersig_kind {
    CORE_KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(USERSIG_ERR_PANICKED, |&(_, c, _)| c)
}

/// Runs `call`, reports its failure at `error` (if not null) and returns its kind. On success
/// `error` is reset to `USERSIG_OK`, code 0 and an empty message.
///
/// # Safety
/// `error` must be null or point to a writable [`usersig_error`].
pub(crate) unsafe fn run(
    error: *mut usersig_error,
    call: impl FnOnce() -> Result<(), Failure>,
) -> usersig_kind {
    let outcome = catch_unwind(AssertUnwindSafe(call)).unwrap_or_else(|_| {
        Err(Failure::Api(
            USERSIG_ERR_PANICKED,
            "usersig panicked (a bug; please report it)".into(),
        ))
    });
    let (kind, code, message) = match outcome {
        Ok(()) => (USERSIG_OK, 0, String::new()),
        Err(Failure::Core(e)) => (
            kind_of(e.kind()),
            e.tencent_code().unwrap_or(0),
            e.to_string(),
        ),
        Err(Failure::Api(kind, message)) => (kind, 0, message),
    };
    if let Some(error) = error.as_mut() {
        error.kind = kind;
        error.tencent_code = code;
        let mut end = message.len().min(USERSIG_MESSAGE_SIZE - 1);
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        for (slot, &byte) in error.message.iter_mut().zip(&message.as_bytes()[..end]) {
            *slot = byte as c_char;
        }
        error.message[end] = 0;
    }
    kind
}

/// The NUL-terminated UTF-8 string at `ptr`, named `what` in errors.
///
/// # Safety
/// `ptr` must be null or point to a NUL-terminated string that outlives the result.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, what: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(null(what));
    }
    CStr::from_ptr(ptr).to_str().map_err(|e| {
        Failure::Api(
            USERSIG_ERR_INVALID_UTF8,
            format!(
                "{what} is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// The `len` bytes at `ptr` (anything, null included, when `len` is 0).
///
/// # Safety
/// If `len` is not 0, `ptr` must be null or point to `len` readable bytes outliving the result.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a [u8], Failure> {
    if len == 0 {
        Ok(&[])
    } else if ptr.is_null() {
        Err(null(what))
    } else {
        Ok(std::slice::from_raw_parts(ptr, len))
    }
}

/// `text` and its NUL, for a result's storage.
pub(crate) fn nul_terminated(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(0);
    bytes
}

/// The object behind a handle.
///
/// # Safety
/// `handle` must be null or a live handle.
pub(crate) unsafe fn object<'a, T>(handle: *const T, what: &str) -> Result<&'a T, Failure> {
    handle.as_ref().ok_or_else(|| null(what))
}

/// The null pointer fault for the argument `what`.
pub(crate) fn null(what: &str) -> Failure {
    Failure::Api(
        USERSIG_ERR_NULL_POINTER,
        format!("{what} is a null pointer"),
    )
}

/// Writes `value` and its NUL at `out` if `cap` bytes hold them, and its length (NUL not
/// counted) at `len_out` if not null, whether it fits or not. `slack` is added to the length
/// reported for a buffer too small (a retry's value may be that much longer).
///
/// # Safety
/// `out` must be null or point to `cap` writable bytes; `len_out` null or writable.
pub(crate) unsafe fn write_text(
    value: &str,
    slack: usize,
    out: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> Result<(), Failure> {
    if out.is_null() && cap > 0 {
        return Err(null("out"));
    }
    let fits = value.len() < cap;
    if let Some(len_out) = len_out.as_mut() {
        *len_out = if fits {
            value.len()
        } else {
            value.len() + slack
        };
    }
    if !fits {
        if cap > 0 {
            *out = 0;
        }
        return Err(Failure::Api(
            USERSIG_ERR_BUFFER_TOO_SMALL,
            format!(
                "the buffer holds {cap} bytes; the result needs {} with its NUL",
                value.len() + slack + 1
            ),
        ));
    }
    std::ptr::copy_nonoverlapping(value.as_ptr(), out.cast::<u8>(), value.len());
    *out.add(value.len()) = 0;
    Ok(())
}

/// Clears the output buffer before a call that may fail, so that it never holds a stale value.
///
/// # Safety
/// `out` must be null or point to `cap` writable bytes.
pub(crate) unsafe fn clear(out: *mut c_char, cap: usize) {
    if !out.is_null() && cap > 0 {
        *out = 0;
    }
}

/// [`USERSIG_C_API_VERSION`]: a program compares it with the header's to detect a library
/// older or newer than the header it was compiled with.
#[no_mangle]
pub extern "C" fn usersig_c_api_version() -> u32 {
    USERSIG_C_API_VERSION
}

/// The snake_case name of `kind` (`"expired"`, `"null_pointer"`, `"ok"`), a static string;
/// `"unknown"` for a value that is no kind.
#[no_mangle]
pub extern "C" fn usersig_kind_name(kind: c_int) -> *const c_char {
    CORE_KINDS
        .iter()
        .map(|&(_, c, name)| (c, name))
        .chain(API_KINDS.iter().copied())
        .find(|&(c, _)| c as c_int == kind)
        .map_or(c"unknown", |(_, name)| name)
        .as_ptr()
}

/// The Tencent code of `kind` (70001 for `USERSIG_ERR_EXPIRED`, …); 0 for input errors, the C
/// API's own kinds and values that are no kind.
#[no_mangle]
pub extern "C" fn usersig_kind_tencent_code(kind: c_int) -> i32 {
    CORE_KINDS
        .iter()
        .find(|&&(_, c, _)| c as c_int == kind)
        .and_then(|(k, _, _)| k.tencent_code())
        .unwrap_or(0)
}

/// The sdkappid as the core takes it: the C API passes a signed 64-bit integer, so that a
/// negative value is refused rather than wrapped.
pub(crate) fn sdkappid(value: i64) -> Result<u32, Error> {
    u32::try_from(value).map_err(|_| Error::SdkAppIdOutOfRange { value })
}
