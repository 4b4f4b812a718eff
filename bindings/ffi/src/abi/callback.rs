//! The callback verifiers' entry points: a handle owning a core [`ChatCallbackVerifier`] or
//! [`TrtcCallbackVerifier`], their checks, and their signing twins.

use std::ffi::c_char;

use usersig::{ChatCallbackVerifier, TrtcCallbackVerifier};

use crate::abi::args::{bytes, object, sdkappid, text, texts};
use crate::abi::call::{construct, release, respond, respond_token};
use crate::abi::encode::result;

/// What a Chat callback verifier handle points to: a box owning a core
/// [`ChatCallbackVerifier`], opaque to the caller.
pub struct ChatCallbackHandle(ChatCallbackVerifier);

/// What a TRTC callback verifier handle points to: a box owning a core
/// [`TrtcCallbackVerifier`], opaque to the caller.
pub struct TrtcCallbackHandle(TrtcCallbackVerifier);

/// An optional argument, passed as a presence flag (0: absent) and a value.
fn optional(present: i64, value: i64) -> Option<i64> {
    (present != 0).then_some(value)
}

/// Makes a Chat callback verifier for the `token_len` bytes of UTF-8 at `token` (the callback
/// token of the Chat console), expecting `sdkappid` unless `has_sdkappid` is 0 (then any), within
/// `window` seconds either way. Returns 0 and stores the handle at `handle_out`, or stores null there and returns the
/// error's result (`docs/abi.md`, "Constructors").
///
/// # Safety
/// As [`usersig_signer_new`](crate::abi::usersig_signer_new).
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_new(
    token: *const c_char,
    token_len: usize,
    has_sdkappid: i64,
    sdkappid: i64,
    window: i64,
    handle_out: *mut *mut ChatCallbackHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    construct(handle_out, out, out_cap, || {
        let token = text(token, token_len)?;
        Ok((|| {
            let mut verifier = ChatCallbackVerifier::new(token)?.with_window(window)?;
            if let Some(id) = optional(has_sdkappid, sdkappid) {
                verifier = verifier.with_sdkappid(self::sdkappid(id)?);
            }
            Ok(ChatCallbackHandle(verifier))
        })())
    })
}

/// Frees a Chat callback verifier, dropping the core object (which wipes its token state); null
/// is ignored.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_chat_callback_new`] that no call is
/// using and that is never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_free(verifier: *mut ChatCallbackHandle) {
    release(verifier);
}

/// [`ChatCallbackVerifier::verify_query_at`]: the callback in the raw query string at `query`, if
/// it passes at `now`, or why it is refused.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_chat_callback_new`], not freed during
/// the call; `query` must point to `query_len` readable bytes (anything when it is 0), `out` to
/// `out_cap` writable ones (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_verify_query_at(
    verifier: *const ChatCallbackHandle,
    query: *const c_char,
    query_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        let verifier = &object(verifier)?.0;
        result(buf, verifier.verify_query_at(text(query, query_len)?, now));
        Ok(())
    })
}

/// [`ChatCallbackVerifier::verify_params_at`]: as [`usersig_chat_callback_verify_query_at`], for
/// `count` parameters already parsed and decoded: their names stored one after another at
/// `names` with their lengths at `name_lens`, their values likewise at `values` and
/// `value_lens`.
///
/// # Safety
/// `verifier` as for [`usersig_chat_callback_verify_query_at`]; `name_lens` and `value_lens`
/// must each point to `count` readable `size_t`s (anything if `count` is 0), `names` and
/// `values` to as many bytes as their lengths add up to, `out` to `out_cap` writable bytes (or be
/// null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_verify_params_at(
    verifier: *const ChatCallbackHandle,
    names: *const c_char,
    name_lens: *const usize,
    values: *const c_char,
    value_lens: *const usize,
    count: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        let verifier = &object(verifier)?.0;
        let names = texts(names, name_lens, count)?;
        let values = texts(values, value_lens, count)?;
        result(
            buf,
            verifier.verify_params_at(names.into_iter().zip(values), now),
        );
        Ok(())
    })
}

/// [`ChatCallbackVerifier::sign`]: the `Sign` Tencent sends with `request_time`, written as a
/// token is (the signing twin, for tests and local fakes).
///
/// # Safety
/// `verifier` as for [`usersig_chat_callback_verify_query_at`]; `out` must point to `out_cap`
/// writable bytes (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_sign(
    verifier: *const ChatCallbackHandle,
    request_time: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        Ok(Ok(object(verifier)?.0.sign(request_time)))
    })
}

/// Makes a TRTC callback verifier for the `key_len` bytes of UTF-8 at `key` (the callback key of
/// the TRTC console), expecting `sdkappid` unless `has_sdkappid` is 0 (then any), with a window of
/// `window` seconds either way on the body's `CallbackTs` unless `has_window` is 0 (then none).
/// Returns as [`usersig_chat_callback_new`] does.
///
/// # Safety
/// As [`usersig_signer_new`](crate::abi::usersig_signer_new).
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_new(
    key: *const c_char,
    key_len: usize,
    has_sdkappid: i64,
    sdkappid: i64,
    has_window: i64,
    window: i64,
    handle_out: *mut *mut TrtcCallbackHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    construct(handle_out, out, out_cap, || {
        let key = text(key, key_len)?;
        Ok((|| {
            let mut verifier = TrtcCallbackVerifier::new(key)?;
            if let Some(window) = optional(has_window, window) {
                verifier = verifier.with_window(window)?;
            }
            if let Some(id) = optional(has_sdkappid, sdkappid) {
                verifier = verifier.with_sdkappid(self::sdkappid(id)?);
            }
            Ok(TrtcCallbackHandle(verifier))
        })())
    })
}

/// Frees a TRTC callback verifier, dropping the core object (which wipes its prepared HMAC
/// state); null is ignored.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_trtc_callback_new`] that no call is
/// using and that is never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_free(verifier: *mut TrtcCallbackHandle) {
    release(verifier);
}

/// [`TrtcCallbackVerifier::verify_at`]: the callback whose `Sign` and `SdkAppId` headers are at
/// `sign` and `sdkappid` (UTF-8; empty for an absent header) and whose raw body is the
/// `body_len` bytes at `body`, if it passes at `now`, or why it is refused.
///
/// # Safety
/// `verifier` must be null or a live handle from [`usersig_trtc_callback_new`], not freed during
/// the call; every other pointer must point to its length in readable bytes (anything when the
/// length is 0), `out` to `out_cap` writable ones (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_verify_at(
    verifier: *const TrtcCallbackHandle,
    sign: *const c_char,
    sign_len: usize,
    sdkappid: *const c_char,
    sdkappid_len: usize,
    body: *const c_char,
    body_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        let verifier = &object(verifier)?.0;
        let sign = text(sign, sign_len)?;
        let sdkappid = text(sdkappid, sdkappid_len)?;
        result(
            buf,
            verifier.verify_at(sign, sdkappid, bytes(body, body_len)?, now),
        );
        Ok(())
    })
}

/// [`TrtcCallbackVerifier::sign`]: the `Sign` header Tencent sends with the `body_len` bytes at
/// `body`, written as a token is (the signing twin, for tests and local fakes).
///
/// # Safety
/// As [`usersig_trtc_callback_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_sign(
    verifier: *const TrtcCallbackHandle,
    body: *const c_char,
    body_len: usize,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let verifier = &object(verifier)?.0;
        Ok(Ok(verifier.sign(bytes(body, body_len)?)))
    })
}
