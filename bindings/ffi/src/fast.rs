//! A plain C ABI for the per-token calls, beside the UniFFI one, for the JVM.
//!
//! UniFFI's Kotlin bindings reach Rust through JNA with structures: every method clones the
//! object's handle, passes strings as `RustBuffer` structures, fills a call-status structure and
//! frees the returned buffer, about 60 µs per token on a JVM where the signing itself takes 2 µs.
//! These functions take only numbers and byte pointers and write their result into the caller's
//! buffer, so that JNA's direct mapping calls them with `byte[]` arguments in one crossing.
//!
//! They run the same methods as the UniFFI objects ([`Signer`], [`Verifier`], [`inspect`]) and
//! write the result in UniFFI's own serialization, after one tag byte: [`OK`] and the value (the
//! token as a `String`, or the `Claims`), or [`ERR`] and the `UserSigError`. The generated
//! Kotlin converters read it back, so values and errors arrive exactly as through UniFFI.
//!
//! Each call returns the result's length in bytes. The result is written at `out` only if it fits
//! in `out_cap` bytes; otherwise nothing is written and the caller calls again with a buffer of
//! that length (the calls are deterministic for a given `now`). A negative return means nothing
//! was written: [`NOT_UTF8`] if a string argument is not UTF-8, [`PANICKED`] if the core
//! panicked, which it must never do.
//!
//! Handles are boxes made and freed only here, distinct from UniFFI's: the caller must not free
//! one while a call is using it, nor use it after freeing it.

use std::panic::{catch_unwind, AssertUnwindSafe};

use uniffi::Lower;

use crate::{inspect, Signer, UniFfiTag, UserSigError, Verifier};

/// The tag byte of a result holding a value.
pub const OK: u8 = 0;
/// The tag byte of a result holding a `UserSigError`.
pub const ERR: u8 = 1;
/// Returned when a string argument is not UTF-8; nothing was written.
pub const NOT_UTF8: i32 = -1;
/// Returned if the call panicked; nothing was written.
pub const PANICKED: i32 = -2;

/// Makes a signer for `sdkappid` with the `key_len` bytes of UTF-8 at `key`, or returns null if
/// they are refused (UniFFI's constructor says why).
///
/// # Safety
/// `key` must point to `key_len` readable bytes (or be anything if `key_len` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_signer_new(
    sdkappid: i64,
    key: *const u8,
    key_len: u32,
) -> *mut Signer {
    boxed(|| Signer::new(sdkappid, text(key, key_len)?.to_owned()).ok())
}

/// Frees a signer made by [`usersig_ffi_fast_signer_new`]; null is ignored.
///
/// # Safety
/// `signer` must be null or a live handle from [`usersig_ffi_fast_signer_new`] that no call is
/// using and that is not used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_signer_free(signer: *mut Signer) {
    free(signer);
}

/// Makes a verifier for `sdkappid` accepting any of `count` keys, stored one after another at
/// `keys` with their lengths in bytes at `key_lens`; null if they are refused.
///
/// # Safety
/// `key_lens` must point to `count` readable `u32`s, and `keys` to as many bytes as they add up to.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_verifier_new(
    sdkappid: i64,
    keys: *const u8,
    key_lens: *const u32,
    count: u32,
) -> *mut Verifier {
    boxed(|| {
        let mut rest = keys;
        let mut owned = Vec::new();
        for &len in slice(key_lens, count) {
            owned.push(text(rest, len)?.to_owned());
            rest = rest.wrapping_add(len as usize);
        }
        Verifier::new(sdkappid, owned).ok()
    })
}

/// Frees a verifier made by [`usersig_ffi_fast_verifier_new`]; null is ignored.
///
/// # Safety
/// As [`usersig_ffi_fast_signer_free`].
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_verifier_free(verifier: *mut Verifier) {
    free(verifier);
}

/// [`Signer::user_sig_at`] for the `user_id_len` bytes of UTF-8 at `user_id`, its result written
/// at `out` as the module documentation says.
///
/// # Safety
/// `signer` must be a live handle from [`usersig_ffi_fast_signer_new`], not freed during the call;
/// every pointer must point to its length in bytes, readable, or writable for `out`.
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
    respond(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?.to_owned();
        Some((*signer).user_sig_at(user_id, expire, now))
    })
}

/// [`Signer::user_sig_with_userbuf_at`], as [`usersig_ffi_fast_user_sig_at`].
///
/// # Safety
/// As [`usersig_ffi_fast_user_sig_at`].
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
    respond(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?.to_owned();
        let userbuf = slice(userbuf, userbuf_len).to_vec();
        Some((*signer).user_sig_with_userbuf_at(user_id, userbuf, expire, now))
    })
}

/// [`Signer::private_map_key_at`], as [`usersig_ffi_fast_user_sig_at`].
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
    respond(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?.to_owned();
        Some((*signer).private_map_key_at(user_id, room_id, privileges, expire, now))
    })
}

/// [`Signer::private_map_key_with_room_str_at`], as [`usersig_ffi_fast_user_sig_at`].
///
/// # Safety
/// As [`usersig_ffi_fast_user_sig_at`].
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
    respond(out, out_cap, || {
        let user_id = text(user_id, user_id_len)?.to_owned();
        let room = text(room, room_len)?.to_owned();
        Some((*signer).private_map_key_with_room_str_at(user_id, room, privileges, expire, now))
    })
}

/// [`Verifier::verify_at`] for the token and user id given as UTF-8 bytes, its result (the
/// `Claims`, or why the token is rejected) written at `out` as the module documentation says.
///
/// # Safety
/// `verifier` must be a live handle from [`usersig_ffi_fast_verifier_new`], not freed during the
/// call; every pointer must point to its length in bytes, readable, or writable for `out`.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_verify_at(
    verifier: *const Verifier,
    token: *const u8,
    token_len: u32,
    user_id: *const u8,
    user_id_len: u32,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    respond(out, out_cap, || {
        let token = text(token, token_len)?.to_owned();
        let user_id = text(user_id, user_id_len)?.to_owned();
        Some((*verifier).verify_at(token, user_id, now))
    })
}

/// [`Verifier::verify_with_userbuf_at`], as [`usersig_ffi_fast_verify_at`].
///
/// # Safety
/// As [`usersig_ffi_fast_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_verify_with_userbuf_at(
    verifier: *const Verifier,
    token: *const u8,
    token_len: u32,
    user_id: *const u8,
    user_id_len: u32,
    userbuf: *const u8,
    userbuf_len: u32,
    now: i64,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    respond(out, out_cap, || {
        let token = text(token, token_len)?.to_owned();
        let user_id = text(user_id, user_id_len)?.to_owned();
        let userbuf = slice(userbuf, userbuf_len).to_vec();
        Some((*verifier).verify_with_userbuf_at(token, user_id, userbuf, now))
    })
}

/// [`inspect`] for the token given as UTF-8 bytes, as [`usersig_ffi_fast_verify_at`].
///
/// # Safety
/// `token` must point to `token_len` readable bytes and `out` to `out_cap` writable ones.
#[no_mangle]
pub unsafe extern "C" fn usersig_ffi_fast_inspect(
    token: *const u8,
    token_len: u32,
    out: *mut u8,
    out_cap: u32,
) -> i32 {
    respond(out, out_cap, || {
        Some(inspect(text(token, token_len)?.to_owned()))
    })
}

/// The object `make` returns, boxed for the caller, or null if it returns `None` or panics.
fn boxed<T>(make: impl FnOnce() -> Option<T> + std::panic::UnwindSafe) -> *mut T {
    match catch_unwind(make) {
        Ok(Some(object)) => Box::into_raw(Box::new(object)),
        _ => std::ptr::null_mut(),
    }
}

/// Drops an object made by [`boxed`]; null is ignored.
///
/// # Safety
/// `object` must be null or from [`boxed`], unused by any call and never used again.
unsafe fn free<T>(object: *mut T) {
    if !object.is_null() {
        drop(Box::from_raw(object));
    }
}

/// Runs `call` (`None` if an argument is not UTF-8) and writes its tagged result at `out` if it
/// fits, under the return convention of the module documentation.
///
/// # Safety
/// `out` must point to `out_cap` writable bytes.
unsafe fn respond<T: Lower<UniFfiTag>>(
    out: *mut u8,
    out_cap: u32,
    call: impl FnOnce() -> Option<Result<T, UserSigError>>,
) -> i32 {
    // The calls only read shared state, so a panic leaves nothing half-changed behind.
    match catch_unwind(AssertUnwindSafe(|| call().map(serialize))) {
        Ok(Some(result)) => {
            // Every result is bounded by the core's limits (32 KiB tokens and claims).
            let len = result.len() as u32;
            if len <= out_cap {
                std::ptr::copy_nonoverlapping(result.as_ptr(), out, result.len());
            }
            len as i32
        }
        Ok(None) => NOT_UTF8,
        Err(_) => PANICKED,
    }
}

/// The tag byte and UniFFI's serialization of the value or the error.
fn serialize<T: Lower<UniFfiTag>>(result: Result<T, UserSigError>) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512);
    match result {
        Ok(value) => {
            buf.push(OK);
            T::write(value, &mut buf);
        }
        Err(error) => {
            buf.push(ERR);
            <UserSigError as Lower<UniFfiTag>>::write(error, &mut buf);
        }
    }
    buf
}

/// The `len` values at `ptr`; an empty slice when `len` is 0, whatever `ptr` is (JNA may pass
/// null for an empty array).
///
/// # Safety
/// If `len` is not 0, `ptr` must point to `len` readable values that outlive the returned slice.
unsafe fn slice<'a, T>(ptr: *const T, len: u32) -> &'a [T] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len as usize)
    }
}

/// The `len` bytes at `ptr` as text, or `None` if they are not UTF-8.
///
/// # Safety
/// As [`slice`].
unsafe fn text<'a>(ptr: *const u8, len: u32) -> Option<&'a str> {
    std::str::from_utf8(slice(ptr, len)).ok()
}

#[cfg(test)]
mod tests {
    use uniffi::Lift;

    use super::*;
    use crate::Claims;

    const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    const NOW: i64 = 1700000000;

    /// Runs `crossing` with an output buffer of `cap` bytes; its return value and the buffer.
    fn call(cap: usize, crossing: impl FnOnce(*mut u8, u32) -> i32) -> (i32, Vec<u8>) {
        let mut out = vec![0u8; cap];
        let n = crossing(out.as_mut_ptr(), cap as u32);
        (n, out)
    }

    /// The value of a complete result.
    fn value<T: Lift<UniFfiTag>>((n, out): (i32, Vec<u8>)) -> T {
        assert_eq!(out[0], OK, "not a value");
        let mut rest = &out[1..n as usize];
        let value = T::try_read(&mut rest).unwrap();
        assert!(rest.is_empty(), "trailing bytes");
        value
    }

    /// The serialized error of a complete result.
    fn error((n, out): (i32, Vec<u8>)) -> Vec<u8> {
        assert_eq!(out[0], ERR, "not an error");
        out[1..n as usize].to_vec()
    }

    fn serialized(error: impl Into<UserSigError>) -> Vec<u8> {
        serialize::<String>(Err(error.into()))[1..].to_vec()
    }

    fn with_signer(test: impl FnOnce(*const Signer)) {
        let signer = unsafe { usersig_ffi_fast_signer_new(1400000000, KEY.as_ptr(), 64) };
        assert!(!signer.is_null());
        test(signer);
        unsafe { usersig_ffi_fast_signer_free(signer) };
    }

    fn new_verifier(sdkappid: i64, keys: &[&str]) -> *mut Verifier {
        let joined = keys.concat();
        let lens: Vec<u32> = keys.iter().map(|k| k.len() as u32).collect();
        unsafe {
            usersig_ffi_fast_verifier_new(
                sdkappid,
                joined.as_ptr(),
                lens.as_ptr(),
                lens.len() as u32,
            )
        }
    }

    fn user_sig(signer: *const Signer, user_id: &[u8], expire: i64, cap: usize) -> (i32, Vec<u8>) {
        call(cap, |out, cap| unsafe {
            usersig_ffi_fast_user_sig_at(
                signer,
                user_id.as_ptr(),
                user_id.len() as u32,
                expire,
                NOW,
                out,
                cap,
            )
        })
    }

    fn reference() -> Signer {
        Signer::new(1400000000, KEY.into()).unwrap()
    }

    #[test]
    fn a_user_sig_is_the_uniffi_signers_token() {
        with_signer(|signer| {
            let token: String = value(user_sig(signer, b"xiaojun", 15552000, 1024));
            assert_eq!(
                token,
                reference()
                    .user_sig_at("xiaojun".into(), 15552000, NOW)
                    .unwrap()
            );
            let claims = inspect(token).unwrap();
            assert_eq!(
                claims.signature,
                "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="
            );
        });
    }

    #[test]
    fn a_short_buffer_gets_the_length_and_no_bytes() {
        with_signer(|signer| {
            let (len, _) = user_sig(signer, b"alice", 60, 1024);
            let (n, out) = user_sig(signer, b"alice", 60, len as usize - 1);
            assert_eq!(n, len);
            assert!(out.iter().all(|&b| b == 0));
            let token: String = value(user_sig(signer, b"alice", 60, len as usize));
            assert_eq!(
                token,
                reference().user_sig_at("alice".into(), 60, NOW).unwrap()
            );
        });
    }

    #[test]
    fn a_refusal_is_the_serialized_error_and_bad_utf8_writes_nothing() {
        with_signer(|signer| {
            let refused = error(user_sig(signer, b"", 60, 1024));
            assert_eq!(refused, serialized(usersig::Error::EmptyUserId));
            let refused = error(user_sig(signer, b"alice", 0, 1024));
            assert_eq!(
                refused,
                serialized(usersig::Error::ExpireOutOfRange {
                    expire: 0,
                    max: usersig::MAX_EXPIRE
                })
            );
            let (n, out) = user_sig(signer, b"\xff", 60, 1024);
            assert_eq!(n, NOT_UTF8);
            assert!(out.iter().all(|&b| b == 0));
        });
    }

    #[test]
    fn userbufs_and_private_map_keys_are_the_uniffi_signers_tokens() {
        with_signer(|signer| {
            let r = reference();
            let buf = b"\0\x01\xffbuf";
            let token: String = value(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_user_sig_with_userbuf_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    buf.as_ptr(),
                    buf.len() as u32,
                    600,
                    NOW,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                token,
                r.user_sig_with_userbuf_at("bob".into(), buf.to_vec(), 600, NOW)
                    .unwrap()
            );

            let token: String = value(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_private_map_key_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    10000,
                    255,
                    600,
                    NOW,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                token,
                r.private_map_key_at("bob".into(), 10000, 255, 600, NOW)
                    .unwrap()
            );

            let room = "房间".as_bytes();
            let token: String = value(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_private_map_key_with_room_str_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    room.as_ptr(),
                    room.len() as u32,
                    255,
                    600,
                    NOW,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                token,
                r.private_map_key_with_room_str_at("bob".into(), "房间".into(), 255, 600, NOW)
                    .unwrap()
            );

            let refused = error(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_private_map_key_at(
                    signer,
                    b"bob".as_ptr(),
                    3,
                    0,
                    255,
                    600,
                    NOW,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                refused,
                serialized(usersig::Error::RoomIdOutOfRange { room_id: 0 })
            );
        });
    }

    #[test]
    fn a_verifier_with_two_keys_returns_the_uniffi_verifiers_claims_and_errors() {
        let other = "another key";
        let verifier = new_verifier(1400000000, &[KEY, other]);
        assert!(!verifier.is_null());
        let expected = Verifier::new(1400000000, vec![KEY.into(), other.into()]).unwrap();
        for key in [KEY, other] {
            let token = Signer::new(1400000000, key.into())
                .unwrap()
                .user_sig_at("amy".into(), 60, NOW)
                .unwrap();
            let claims: Claims = value(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_verify_at(
                    verifier,
                    token.as_ptr(),
                    token.len() as u32,
                    b"amy".as_ptr(),
                    3,
                    NOW,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                claims,
                expected
                    .verify_at(token.clone(), "amy".into(), NOW)
                    .unwrap()
            );
            let rejected = error(call(1024, |out, cap| unsafe {
                usersig_ffi_fast_verify_at(
                    verifier,
                    token.as_ptr(),
                    token.len() as u32,
                    b"amy".as_ptr(),
                    3,
                    NOW + 61,
                    out,
                    cap,
                )
            }));
            assert_eq!(
                rejected,
                serialized(
                    expected
                        .verify_at(token, "amy".into(), NOW + 61)
                        .unwrap_err()
                )
            );
        }

        let pmk = reference()
            .private_map_key_at("amy".into(), 7, 255, 60, NOW)
            .unwrap();
        let userbuf = inspect(pmk.clone()).unwrap().userbuf.unwrap();
        let claims: Claims = value(call(1024, |out, cap| unsafe {
            usersig_ffi_fast_verify_with_userbuf_at(
                verifier,
                pmk.as_ptr(),
                pmk.len() as u32,
                b"amy".as_ptr(),
                3,
                userbuf.as_ptr(),
                userbuf.len() as u32,
                NOW,
                out,
                cap,
            )
        }));
        assert_eq!(claims.grant.unwrap().room, crate::Room::Numeric { id: 7 });
        unsafe { usersig_ffi_fast_verifier_free(verifier) };
    }

    #[test]
    fn inspect_returns_claims_or_the_malformation() {
        let token = reference().user_sig_at("zoe".into(), 60, NOW).unwrap();
        let claims: Claims = value(call(1024, |out, cap| unsafe {
            usersig_ffi_fast_inspect(token.as_ptr(), token.len() as u32, out, cap)
        }));
        assert_eq!(claims, inspect(token).unwrap());
        let garbage = "not a token";
        let rejected = error(call(1024, |out, cap| unsafe {
            usersig_ffi_fast_inspect(garbage.as_ptr(), garbage.len() as u32, out, cap)
        }));
        assert_eq!(rejected, serialized(inspect(garbage.into()).unwrap_err()));
    }

    #[test]
    fn refused_keys_and_sdkappids_make_no_handle() {
        unsafe {
            assert!(usersig_ffi_fast_signer_new(1, std::ptr::null(), 0).is_null());
            assert!(usersig_ffi_fast_signer_new(1, b"\xff".as_ptr(), 1).is_null());
            assert!(usersig_ffi_fast_signer_new(-1, KEY.as_ptr(), 64).is_null());
            assert!(usersig_ffi_fast_signer_new(1 << 32, KEY.as_ptr(), 64).is_null());
            usersig_ffi_fast_signer_free(std::ptr::null_mut());
            usersig_ffi_fast_verifier_free(std::ptr::null_mut());
        }
        assert!(new_verifier(1, &[]).is_null());
        assert!(new_verifier(1, &[KEY, ""]).is_null());
        assert!(new_verifier(1 << 32, &[KEY]).is_null());
        let lens = [1u32];
        let bad = unsafe { usersig_ffi_fast_verifier_new(1, b"\xff".as_ptr(), lens.as_ptr(), 1) };
        assert!(bad.is_null());
    }
}
