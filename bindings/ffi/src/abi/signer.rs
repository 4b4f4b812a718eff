//! The signer's entry points: a handle owning a core [`Signer`], and every signing call.

use std::ffi::c_char;

use usersig::{Privileges, Room, Signer};

use crate::abi::args::{bytes, object, sdkappid, text, texts};
use crate::abi::call::{construct, release, respond, respond_token};
use crate::abi::encode::token_list;

/// What a signer handle points to: a box owning a core [`Signer`], opaque to the caller.
pub struct SignerHandle(Signer);

/// Makes a signer for `sdkappid` with the `key_len` bytes of UTF-8 at `key`. Returns 0 and
/// stores the handle at `handle_out`, or stores null there and returns the error's result
/// (`docs/abi.md`, "Constructors").
///
/// # Safety
/// `key` must point to `key_len` readable bytes (or be anything if `key_len` is 0),
/// `handle_out` to a writable pointer, and `out` to `out_cap` writable bytes (or be null if
/// `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_new(
    sdkappid: i64,
    key: *const c_char,
    key_len: usize,
    handle_out: *mut *mut SignerHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    construct(handle_out, out, out_cap, || {
        let key = text(key, key_len)?;
        Ok(self::sdkappid(sdkappid)
            .and_then(|id| Signer::new(id, key))
            .map(SignerHandle))
    })
}

/// Frees a signer, dropping the core object (which wipes its prepared HMAC state); null is
/// ignored.
///
/// # Safety
/// `signer` must be null or a live handle from [`usersig_signer_new`] that no call is using and
/// that is never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_free(signer: *mut SignerHandle) {
    release(signer);
}

/// [`Signer::user_sig_at`] for the user id in the `user_id_len` bytes at `user_id`; the token
/// or the error is written at `out` as `docs/abi.md` says.
///
/// # Safety
/// `signer` must be null or a live handle from [`usersig_signer_new`], not freed during the
/// call; every other pointer must point to its length in readable bytes (anything when the
/// length is 0), `out` to `out_cap` writable ones (or be null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_user_sig_at(
    signer: *const SignerHandle,
    user_id: *const c_char,
    user_id_len: usize,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let signer = &object(signer)?.0;
        let user_id = text(user_id, user_id_len)?;
        Ok(signer.user_sig_at(user_id, expire, now))
    })
}

/// [`Signer::user_sig`]: as [`usersig_signer_user_sig_at`], issued now by the system clock.
///
/// The common call of a binding without an injected clock: reading the clock here saves it a
/// clock read and an argument per token.
///
/// # Safety
/// As [`usersig_signer_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_user_sig(
    signer: *const SignerHandle,
    user_id: *const c_char,
    user_id_len: usize,
    expire: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let signer = &object(signer)?.0;
        let user_id = text(user_id, user_id_len)?;
        Ok(signer.user_sig(user_id, expire))
    })
}

/// [`Signer::user_sig_with_userbuf_at`], with the `userbuf_len` bytes at `userbuf`.
///
/// # Safety
/// As [`usersig_signer_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_user_sig_with_userbuf_at(
    signer: *const SignerHandle,
    user_id: *const c_char,
    user_id_len: usize,
    userbuf: *const c_char,
    userbuf_len: usize,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let signer = &object(signer)?.0;
        let user_id = text(user_id, user_id_len)?;
        let userbuf = bytes(userbuf, userbuf_len)?;
        Ok(signer.user_sig_with_userbuf_at(user_id, userbuf, expire, now))
    })
}

/// [`Signer::private_map_key_at`] for the numeric room `room_id` and the `privileges` bits.
///
/// # Safety
/// As [`usersig_signer_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_private_map_key_at(
    signer: *const SignerHandle,
    user_id: *const c_char,
    user_id_len: usize,
    room_id: i64,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let signer = &object(signer)?.0;
        let user_id = text(user_id, user_id_len)?;
        Ok(Room::numeric(room_id).and_then(|room| {
            let privileges = Privileges::try_from(privileges)?;
            signer.private_map_key_at(user_id, &room, privileges, expire, now)
        }))
    })
}

/// [`Signer::private_map_key_at`] for the string room in the `room_len` bytes of UTF-8 at `room`.
///
/// # Safety
/// As [`usersig_signer_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_private_map_key_with_room_str_at(
    signer: *const SignerHandle,
    user_id: *const c_char,
    user_id_len: usize,
    room: *const c_char,
    room_len: usize,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let signer = &object(signer)?.0;
        let user_id = text(user_id, user_id_len)?;
        let room = text(room, room_len)?;
        Ok(Room::named(room).and_then(|room| {
            let privileges = Privileges::try_from(privileges)?;
            signer.private_map_key_at(user_id, &room, privileges, expire, now)
        }))
    })
}

/// [`Signer::user_sigs_at`] for `count` user ids stored one after another at `user_ids`, their
/// lengths in bytes at `user_id_lens`: every token, or the first error.
///
/// # Safety
/// As [`usersig_signer_user_sig_at`]; `user_id_lens` must point to `count` readable `size_t`s
/// (anything if `count` is 0) and `user_ids` to as many bytes as they add up to.
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_user_sigs_at(
    signer: *const SignerHandle,
    user_ids: *const c_char,
    user_id_lens: *const usize,
    count: usize,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, 0, |buf| {
        let signer = &object(signer)?.0;
        let user_ids = texts(user_ids, user_id_lens, count)?;
        token_list(buf, &user_ids, |each| {
            signer.for_each_user_sig_at(&user_ids, expire, now, each)
        });
        Ok(())
    })
}
