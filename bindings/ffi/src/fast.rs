//! A plain C ABI for minting one token per call, beside the UniFFI one, for the JVM.
//!
//! UniFFI's Kotlin bindings reach Rust through JNA's generic calls: every method clones the
//! object's handle, passes strings as `RustBuffer` structures, fills a call-status structure and
//! frees the returned buffer, about 60 µs per token on a JVM where the signing itself takes 2 µs.
//! These functions take only numbers and byte pointers and write the token into the caller's
//! buffer, so that JNA's direct mapping calls them with `byte[]` arguments in one crossing.
//!
//! They report only success and the token's length: on a refusal the caller repeats the same call
//! through UniFFI, which raises the typed error. Inputs are checked once more on that path, which
//! costs nothing on the success path and keeps one description of every error.
//!
//! The handle is a `Box<usersig::Signer>` of its own, made and freed only here; the caller must not
//! free it while a call is using it, nor use it after freeing it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::slice;

use usersig::{Privileges, Room, Signer};

/// Returned when the core refuses the inputs (or a string is not UTF-8): ask UniFFI why.
pub const REFUSED: i32 = -1;
/// Returned if the core panicked, which it must never do; nothing was written.
pub const PANICKED: i32 = -2;

/// Makes a signer for `sdkappid` with the `key_len` bytes of UTF-8 at `key`, or returns null if
/// the core refuses them.
///
/// # Safety
/// `key` must point to `key_len` readable bytes (or be anything, including null, if `key_len` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_signer_new(
    sdkappid: i64,
    key: *const u8,
    key_len: u32,
) -> *mut Signer {
    let made = catch_unwind(|| {
        let key = std::str::from_utf8(bytes(key, key_len)).ok()?;
        let sdkappid = u32::try_from(sdkappid).ok()?;
        Signer::new(sdkappid, key).ok()
    });
    match made {
        Ok(Some(signer)) => Box::into_raw(Box::new(signer)),
        _ => std::ptr::null_mut(),
    }
}

/// Frees a signer made by [`usersig_ffi_fast_signer_new`]; null is ignored.
///
/// # Safety
/// `signer` must be null or a live handle from [`usersig_ffi_fast_signer_new`], which no other
/// call is using and which is not used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_signer_free(signer: *mut Signer) {
    if !signer.is_null() {
        drop(Box::from_raw(signer));
    }
}

/// Mints a UserSig for the `user_id_len` bytes of UTF-8 at `user_id`, issued at `now`, valid for
/// `expire` seconds, into `out`.
///
/// Returns the token's length if it fits in `out_cap` bytes (written at `out`, no terminator),
/// its length with nothing written if it does not (call again with a larger buffer), or
/// [`REFUSED`] or [`PANICKED`].
///
/// # Safety
/// `signer` must be a live handle from [`usersig_ffi_fast_signer_new`], not freed during the call;
/// each pointer must point to its length in bytes, readable (`user_id`) or writable (`out`).
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_user_sig_at(
    signer: *const Signer,
    user_id: *const u8,
    user_id_len: u32,
    expire: i64,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    mint_into(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?;
        (*signer).user_sig_at(user_id, expire, now).ok()
    })
}

/// As [`usersig_ffi_fast_user_sig_at`], with the `userbuf_len` bytes at `userbuf` in the token.
///
/// # Safety
/// As [`usersig_ffi_fast_user_sig_at`]; `userbuf` must point to `userbuf_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_user_sig_with_userbuf_at(
    signer: *const Signer,
    user_id: *const u8,
    user_id_len: u32,
    userbuf: *const u8,
    userbuf_len: u32,
    expire: i64,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    mint_into(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?;
        let userbuf = bytes(userbuf, userbuf_len);
        (*signer)
            .user_sig_with_userbuf_at(user_id, userbuf, expire, now)
            .ok()
    })
}

/// As [`usersig_ffi_fast_user_sig_at`], for a PrivateMapKey granting the `privileges` bits in the
/// numeric room `room_id`.
///
/// # Safety
/// As [`usersig_ffi_fast_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_private_map_key_at(
    signer: *const Signer,
    user_id: *const u8,
    user_id_len: u32,
    room_id: i64,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    mint_into(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?;
        let room = Room::numeric(room_id).ok()?;
        private_map_key(&*signer, user_id, &room, privileges, expire, now)
    })
}

/// As [`usersig_ffi_fast_private_map_key_at`], for the room named by the `room_len` bytes of
/// UTF-8 at `room`.
///
/// # Safety
/// As [`usersig_ffi_fast_user_sig_at`]; `room` must point to `room_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_private_map_key_with_room_str_at(
    signer: *const Signer,
    user_id: *const u8,
    user_id_len: u32,
    room: *const u8,
    room_len: u32,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    mint_into(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?;
        let room = Room::named(text(room, room_len)?).ok()?;
        private_map_key(&*signer, user_id, &room, privileges, expire, now)
    })
}

fn private_map_key(
    signer: &Signer,
    user_id: &str,
    room: &Room,
    privileges: i64,
    expire: i64,
    now: i64,
) -> Option<String> {
    let privileges = Privileges::try_from(privileges).ok()?;
    signer
        .private_map_key_at(user_id, room, privileges, expire, now)
        .ok()
}

/// Runs `mint` and copies its token to `out` if it fits, under the return convention above.
///
/// # Safety
/// `out` must point to `out_cap` writable bytes.
unsafe fn mint_into(out: *mut u8, out_cap: u32, mint: impl FnOnce() -> Option<String>) -> i32 {
    // The closures only read their inputs, so a panic leaves nothing half-changed behind.
    match catch_unwind(AssertUnwindSafe(mint)) {
        Ok(Some(token)) => {
            // A token is at most MAX_TOKEN_LEN (32 KiB), so its length always fits.
            let len = token.len() as u32;
            if len <= out_cap {
                std::ptr::copy_nonoverlapping(token.as_ptr(), out, token.len());
            }
            len as i32
        }
        Ok(None) => REFUSED,
        Err(_) => PANICKED,
    }
}

/// The `len` bytes at `ptr`; an empty slice when `len` is 0, whatever `ptr` is (JNA may pass null
/// for an empty array).
///
/// # Safety
/// If `len` is not 0, `ptr` must point to `len` readable bytes that outlive the returned slice.
unsafe fn bytes<'a>(ptr: *const u8, len: u32) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        slice::from_raw_parts(ptr, len as usize)
    }
}

/// The `len` bytes at `ptr` as text, or `None` if they are not UTF-8.
///
/// # Safety
/// As [`bytes`].
unsafe fn text<'a>(ptr: *const u8, len: u32) -> Option<&'a str> {
    std::str::from_utf8(bytes(ptr, len)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    fn with_signer(test: impl FnOnce(*const Signer)) {
        let signer =
            unsafe { usersig_ffi_fast_signer_new(1400000000, KEY.as_ptr(), KEY.len() as u32) };
        assert!(!signer.is_null());
        test(signer);
        unsafe { usersig_ffi_fast_signer_free(signer) };
    }

    fn core() -> Signer {
        Signer::new(1400000000, KEY).unwrap()
    }

    fn user_sig(signer: *const Signer, user_id: &[u8], expire: i64, cap: u32) -> (i32, Vec<u8>) {
        let mut out = vec![0u8; cap as usize];
        let n = unsafe {
            usersig_ffi_fast_user_sig_at(
                signer,
                user_id.as_ptr(),
                user_id.len() as u32,
                expire,
                1700000000,
                out.as_mut_ptr(),
                cap,
            )
        };
        (n, out)
    }

    #[test]
    fn mints_the_same_token_as_the_core() {
        with_signer(|signer| {
            let expected = core().user_sig_at("alice", 86400, 1700000000).unwrap();
            let (n, out) = user_sig(signer, b"alice", 86400, 1024);
            assert_eq!(n, expected.len() as i32);
            assert_eq!(&out[..expected.len()], expected.as_bytes());
            assert!(out[expected.len()..].iter().all(|&b| b == 0));
        });
    }

    #[test]
    fn a_short_buffer_gets_the_length_and_no_bytes() {
        with_signer(|signer| {
            let expected = core().user_sig_at("alice", 86400, 1700000000).unwrap();
            let (n, out) = user_sig(signer, b"alice", 86400, expected.len() as u32 - 1);
            assert_eq!(n, expected.len() as i32);
            assert!(out.iter().all(|&b| b == 0));
            let (n, out) = user_sig(signer, b"alice", 86400, expected.len() as u32);
            assert_eq!((n, out), (expected.len() as i32, expected.into_bytes()));
        });
    }

    #[test]
    fn refusals_write_nothing() {
        with_signer(|signer| {
            for (user_id, expire) in [
                (&b""[..], 86400),
                (b"alice", 0),
                (b"\xff", 86400),
                (&[b'a'; 1025][..], 86400),
            ] {
                let (n, out) = user_sig(signer, user_id, expire, 64);
                assert_eq!(n, REFUSED);
                assert!(out.iter().all(|&b| b == 0));
            }
        });
    }

    #[test]
    fn userbuf_and_private_map_keys_match_the_core() {
        with_signer(|signer| {
            let mut out = vec![0u8; 4096];
            let (cap, now) = (out.len() as u32, 1700000000);
            let expected = core()
                .user_sig_with_userbuf_at("bob", b"\0\x01buf", 600, now)
                .unwrap();
            let n = unsafe {
                usersig_ffi_fast_user_sig_with_userbuf_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    b"\0\x01buf".as_ptr(),
                    5,
                    600,
                    now,
                    out.as_mut_ptr(),
                    cap,
                )
            };
            assert_eq!(&out[..n as usize], expected.as_bytes());

            let privileges = Privileges::try_from(255).unwrap();
            let expected = core()
                .private_map_key_at("bob", &Room::Numeric(10000), privileges, 600, now)
                .unwrap();
            let n = unsafe {
                usersig_ffi_fast_private_map_key_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    10000,
                    255,
                    600,
                    now,
                    out.as_mut_ptr(),
                    cap,
                )
            };
            assert_eq!(&out[..n as usize], expected.as_bytes());

            let room = Room::named("房间").unwrap();
            let expected = core()
                .private_map_key_at("bob", &room, privileges, 600, now)
                .unwrap();
            let name = "房间".as_bytes();
            let n = unsafe {
                usersig_ffi_fast_private_map_key_with_room_str_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    name.as_ptr(),
                    name.len() as u32,
                    255,
                    600,
                    now,
                    out.as_mut_ptr(),
                    cap,
                )
            };
            assert_eq!(&out[..n as usize], expected.as_bytes());
        });
    }

    #[test]
    fn private_map_key_refusals() {
        with_signer(|signer| {
            let mut out = [0u8; 1024];
            for (room_id, privileges) in [(0, 255), (4294967295, 255), (10000, 256), (10000, -1)] {
                let n = unsafe {
                    usersig_ffi_fast_private_map_key_at(
                        signer,
                        b"bob".as_ptr(),
                        3,
                        room_id,
                        privileges,
                        600,
                        1700000000,
                        out.as_mut_ptr(),
                        out.len() as u32,
                    )
                };
                assert_eq!(n, REFUSED, "room {room_id}, privileges {privileges}");
            }
            let n = unsafe {
                usersig_ffi_fast_private_map_key_with_room_str_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    std::ptr::null(),
                    0,
                    255,
                    600,
                    1700000000,
                    out.as_mut_ptr(),
                    out.len() as u32,
                )
            };
            assert_eq!(n, REFUSED);
        });
    }

    #[test]
    fn a_signer_is_refused_for_an_empty_or_non_utf8_key_or_a_bad_sdkappid() {
        unsafe {
            assert!(usersig_ffi_fast_signer_new(1, std::ptr::null(), 0).is_null());
            assert!(usersig_ffi_fast_signer_new(1, b"\xff".as_ptr(), 1).is_null());
            assert!(usersig_ffi_fast_signer_new(-1, KEY.as_ptr(), KEY.len() as u32).is_null());
            assert!(usersig_ffi_fast_signer_new(1 << 32, KEY.as_ptr(), KEY.len() as u32).is_null());
            usersig_ffi_fast_signer_free(std::ptr::null_mut());
        }
    }
}
