//! What the bindings read once to pin their copies: the ABI's version, the core's error kinds
//! with their Tencent codes, and its constants.

use std::ffi::c_char;

use usersig::ErrorKind;

use crate::abi::call::respond;
use crate::abi::encode::{count, int, text, OK};

/// The version of this ABI's contract (`docs/abi.md`); a binding refuses a library whose version
/// is not the one it was written for.
pub const ABI_VERSION: u32 = 3;

/// The core's constants, by their Rust names, as [`usersig_constants`] lists them.
pub const CONSTANTS: &[(&str, i64)] = &[
    ("DEFAULT_EXPIRE", usersig::DEFAULT_EXPIRE),
    ("MAX_EXPIRE", usersig::MAX_EXPIRE),
    ("MAX_USER_ID_LEN", usersig::MAX_USER_ID_LEN as i64),
    ("MAX_USERBUF_LEN", usersig::MAX_USERBUF_LEN as i64),
    ("MAX_TOKEN_LEN", usersig::MAX_TOKEN_LEN as i64),
    ("MAX_INFLATED_LEN", usersig::MAX_INFLATED_LEN as i64),
    ("MAX_ROOM_ID", usersig::MAX_ROOM_ID as i64),
    ("MAX_ROOM_STR_LEN", usersig::MAX_ROOM_STR_LEN as i64),
    ("DEFAULT_ADMIN_VALIDITY", usersig::DEFAULT_ADMIN_VALIDITY),
    ("DEFAULT_RENEW_MARGIN", usersig::DEFAULT_RENEW_MARGIN),
    ("DEFAULT_CALLBACK_WINDOW", usersig::DEFAULT_CALLBACK_WINDOW),
    ("MAX_CALLBACK_WINDOW", usersig::MAX_CALLBACK_WINDOW),
    (
        "MAX_CALLBACK_QUERY_LEN",
        usersig::MAX_CALLBACK_QUERY_LEN as i64,
    ),
    (
        "MAX_CALLBACK_BODY_LEN",
        usersig::MAX_CALLBACK_BODY_LEN as i64,
    ),
];

/// [`ABI_VERSION`].
#[no_mangle]
pub extern "C" fn usersig_abi_version() -> u32 {
    ABI_VERSION
}

/// Every error kind of the core ([`ErrorKind::ALL`], in order): [`OK`], a `u32` count, then
/// each kind's name and its Tencent code as an `i32` (0 for none).
///
/// # Safety
/// `out` must point to `out_cap` writable bytes (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_error_kinds(out: *mut c_char, out_cap: usize) -> i64 {
    respond(out, out_cap, 0, |buf| {
        buf.push(OK);
        count(buf, ErrorKind::ALL.len());
        for kind in ErrorKind::ALL {
            text(buf, kind.as_str());
            buf.extend_from_slice(&kind.tencent_code().unwrap_or(0).to_le_bytes());
        }
        Ok(())
    })
}

/// The core's constants ([`CONSTANTS`]): [`OK`], a `u32` count, then each name and its value as
/// an `i64`.
///
/// # Safety
/// As [`usersig_error_kinds`].
#[no_mangle]
pub unsafe extern "C" fn usersig_constants(out: *mut c_char, out_cap: usize) -> i64 {
    respond(out, out_cap, 0, |buf| {
        buf.push(OK);
        count(buf, CONSTANTS.len());
        for &(name, value) in CONSTANTS {
            text(buf, name);
            int(buf, value);
        }
        Ok(())
    })
}
