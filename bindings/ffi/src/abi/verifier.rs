//! The verifier's entry points: a handle owning a core [`Verifier`], the three verifications, and
//! `inspect`.

use std::ffi::c_char;

use usersig::{Claims, Verifier};

use crate::abi::args::{bytes, object, sdkappid, text, texts};
use crate::abi::call::{construct, release, respond, Fault};
use crate::abi::encode::result;

/// What a verifier handle points to: a box owning a core [`Verifier`], opaque to the caller.
pub struct VerifierHandle(Verifier);

/// Makes a verifier for `sdkappid` accepting any of `count` keys, stored one after another at
/// `keys` with their lengths in bytes at `key_lens`. Returns 0 and stores the handle at
/// `handle_out`, or stores null there and returns the error's result.
///
/// # Safety
/// `key_lens` must point to `count` readable `size_t`s (anything if `count` is 0), `keys` to as
/// many bytes as they add up to, `handle_out` to a writable pointer, and `out` to `out_cap`
/// writable bytes (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_new(
    sdkappid: i64,
    keys: *const c_char,
    key_lens: *const usize,
    count: usize,
    handle_out: *mut *mut VerifierHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    construct(handle_out, out, out_cap, || {
        let keys = texts(keys, key_lens, count)?;
        Ok(self::sdkappid(sdkappid)
            .and_then(|id| Verifier::with_keys(id, keys))
            .map(VerifierHandle))
    })
}

/// Frees a verifier, dropping the core object (which wipes its prepared HMAC states); null is
/// ignored.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_verifier_new`] that no call is using
/// and that is never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_free(verifier: *mut VerifierHandle) {
    release(verifier);
}

/// [`Verifier::verify_at`]: the claims of the token in `token`, if it is a valid UserSig without
/// a userbuf for the user id in `user_id` at `now`, or why it is refused.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_verifier_new`], not freed during the
/// call; every other pointer must point to its length in readable bytes (anything when the
/// length is 0), `out` to `out_cap` writable ones (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_verify_at(
    verifier: *const VerifierHandle,
    token: *const c_char,
    token_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    verification(
        verifier,
        (token, token_len),
        (user_id, user_id_len),
        out,
        out_cap,
        |v, t, u| Ok(v.verify_at(t, u, now)),
    )
}

/// [`Verifier::verify_with_userbuf_at`]: as [`usersig_verifier_verify_at`], and the token must
/// carry exactly the `userbuf_len` bytes at `userbuf`.
///
/// # Safety
/// As [`usersig_verifier_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_verify_with_userbuf_at(
    verifier: *const VerifierHandle,
    token: *const c_char,
    token_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    userbuf: *const c_char,
    userbuf_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    verification(
        verifier,
        (token, token_len),
        (user_id, user_id_len),
        out,
        out_cap,
        |v, t, u| Ok(v.verify_with_userbuf_at(t, u, bytes(userbuf, userbuf_len)?, now)),
    )
}

/// [`Verifier::verify_any_userbuf_at`]: as [`usersig_verifier_verify_at`], but a token with any
/// userbuf, or none, is accepted and its userbuf returned in the claims.
///
/// # Safety
/// As [`usersig_verifier_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_verify_any_userbuf_at(
    verifier: *const VerifierHandle,
    token: *const c_char,
    token_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    verification(
        verifier,
        (token, token_len),
        (user_id, user_id_len),
        out,
        out_cap,
        |v, t, u| Ok(v.verify_any_userbuf_at(t, u, now)),
    )
}

/// Answers with the claims, or the error, that `check` finds for the token and the user id in
/// the byte ranges given.
///
/// # Safety
/// As [`usersig_verifier_verify_at`].
unsafe fn verification(
    verifier: *const VerifierHandle,
    (token, token_len): (*const c_char, usize),
    (user_id, user_id_len): (*const c_char, usize),
    out: *mut c_char,
    out_cap: usize,
    check: impl FnOnce(&Verifier, &str, &str) -> Result<Result<Claims, usersig::Error>, Fault>,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        let verifier = &object(verifier)?.0;
        let token = text(token, token_len)?;
        let user_id = text(user_id, user_id_len)?;
        result(buf, check(verifier, token, user_id)?);
        Ok(())
    })
}

/// [`usersig::inspect`]: the claims of the token in `token`, unverified, or why it cannot be
/// decoded.
///
/// # Safety
/// `token` must point to `token_len` readable bytes (anything if it is 0), `out` to `out_cap`
/// writable ones (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_inspect(
    token: *const c_char,
    token_len: usize,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        result(buf, usersig::inspect(text(token, token_len)?));
        Ok(())
    })
}
