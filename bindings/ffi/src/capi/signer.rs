//! The signer: a handle owning a core [`Signer`], and every way to mint a token.

use std::ffi::c_char;

use usersig::{Privileges, Room, Signer};

use crate::capi::{bytes, clear, null, object, run, text, usersig_error, usersig_kind, write_text};

/// A handle owning a core [`Signer`]: the key's prepared HMAC state, never the key itself.
#[allow(non_camel_case_types)]
pub struct usersig_signer(Signer);

/// Makes a signer for `sdkappid` with the NUL-terminated `key`, stored at `*signer_out`.
///
/// # Safety
/// As the header says: `key` a NUL-terminated string or null, `signer_out` writable or null,
/// `error` writable or null.
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_create(
    sdkappid: i64,
    key: *const c_char,
    signer_out: *mut *mut usersig_signer,
    error: *mut usersig_error,
) -> usersig_kind {
    run(error, || {
        let signer_out = signer_out.as_mut().ok_or_else(|| null("signer_out"))?;
        *signer_out = std::ptr::null_mut();
        let key = text(key, "key")?;
        let sdkappid = crate::capi::sdkappid(sdkappid)?;
        *signer_out = Box::into_raw(Box::new(usersig_signer(Signer::new(sdkappid, key)?)));
        Ok(())
    })
}

/// Frees a signer (which wipes its key state); null is ignored.
///
/// # Safety
/// `signer` must be null or from [`usersig_signer_create`], unused by any running call, and
/// never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_signer_destroy(signer: *mut usersig_signer) {
    if !signer.is_null() {
        drop(Box::from_raw(signer));
    }
}

/// Mints with `mint` and writes the token as [`write_text`] does.
///
/// # Safety
/// As the token functions below.
unsafe fn token(
    signer: *const usersig_signer,
    user_id: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
    mint: impl FnOnce(&Signer, &str) -> Result<String, usersig::Error>,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let signer = &object(signer, "signer")?.0;
        let user_id = text(user_id, "user_id")?;
        let token = mint(signer, user_id)?;
        write_text(&token, 0, out, out_cap, out_len)
    })
}

/// A UserSig for `user_id`, valid `expire` seconds from `now` (Unix seconds).
///
/// # Safety
/// `signer` null or live; `user_id` null or NUL-terminated; `out` null or `out_cap` writable
/// bytes; `out_len` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_user_sig_at(
    signer: *const usersig_signer,
    user_id: *const c_char,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    token(signer, user_id, out, out_cap, out_len, error, |s, id| {
        s.user_sig_at(id, expire, now)
    })
}

/// [`usersig_user_sig_at`] issued now, by the system clock.
///
/// # Safety
/// As [`usersig_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_user_sig(
    signer: *const usersig_signer,
    user_id: *const c_char,
    expire: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    token(signer, user_id, out, out_cap, out_len, error, |s, id| {
        s.user_sig(id, expire)
    })
}

/// A UserSig carrying the `userbuf_len` bytes at `userbuf`.
///
/// # Safety
/// As [`usersig_user_sig_at`]; `userbuf` null or `userbuf_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn usersig_user_sig_with_userbuf_at(
    signer: *const usersig_signer,
    user_id: *const c_char,
    userbuf: *const u8,
    userbuf_len: usize,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    let userbuf = match bytes(userbuf, userbuf_len, "userbuf") {
        Ok(userbuf) => userbuf,
        Err(failure) => return run(error, || Err(failure)),
    };
    token(signer, user_id, out, out_cap, out_len, error, |s, id| {
        s.user_sig_with_userbuf_at(id, userbuf, expire, now)
    })
}

/// [`usersig_user_sig_with_userbuf_at`] issued now.
///
/// # Safety
/// As [`usersig_user_sig_with_userbuf_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_user_sig_with_userbuf(
    signer: *const usersig_signer,
    user_id: *const c_char,
    userbuf: *const u8,
    userbuf_len: usize,
    expire: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    usersig_user_sig_with_userbuf_at(
        signer,
        user_id,
        userbuf,
        userbuf_len,
        expire,
        usersig::unix_now(),
        out,
        out_cap,
        out_len,
        error,
    )
}

/// A PrivateMapKey for the numeric room `room_id` with the `privileges` bits.
///
/// # Safety
/// As [`usersig_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_private_map_key_at(
    signer: *const usersig_signer,
    user_id: *const c_char,
    room_id: i64,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    token(signer, user_id, out, out_cap, out_len, error, |s, id| {
        let room = Room::numeric(room_id)?;
        s.private_map_key_at(id, &room, Privileges::try_from(privileges)?, expire, now)
    })
}

/// [`usersig_private_map_key_at`] issued now.
///
/// # Safety
/// As [`usersig_user_sig_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_private_map_key(
    signer: *const usersig_signer,
    user_id: *const c_char,
    room_id: i64,
    privileges: i64,
    expire: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_private_map_key_at(
        signer, user_id, room_id, privileges, expire, now, out, out_cap, out_len, error,
    )
}

/// A PrivateMapKey for the room named by the NUL-terminated `room`.
///
/// # Safety
/// As [`usersig_user_sig_at`]; `room` null or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn usersig_private_map_key_named_at(
    signer: *const usersig_signer,
    user_id: *const c_char,
    room: *const c_char,
    privileges: i64,
    expire: i64,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    let room = match text(room, "room") {
        Ok(room) => room,
        Err(failure) => return run(error, || Err(failure)),
    };
    token(signer, user_id, out, out_cap, out_len, error, |s, id| {
        let room = Room::named(room)?;
        s.private_map_key_at(id, &room, Privileges::try_from(privileges)?, expire, now)
    })
}

/// [`usersig_private_map_key_named_at`] issued now.
///
/// # Safety
/// As [`usersig_private_map_key_named_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_private_map_key_named(
    signer: *const usersig_signer,
    user_id: *const c_char,
    room: *const c_char,
    privileges: i64,
    expire: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_private_map_key_named_at(
        signer, user_id, room, privileges, expire, now, out, out_cap, out_len, error,
    )
}
