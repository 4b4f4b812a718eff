//! The verifier: a handle owning a core [`Verifier`], the verifications, `inspect`, and the
//! claims they return.

use std::ffi::c_char;

use usersig::{Claims, Room, Verifier};

use crate::capi::{
    bytes, nul_terminated, null, object, run, text, usersig_error, usersig_kind, Failure,
};

/// A handle owning a core [`Verifier`]: its keys' prepared HMAC states.
#[allow(non_camel_case_types)]
pub struct usersig_verifier(Verifier);

/// A PrivateMapKey's grant, as [`usersig_claims::grant`] holds it.
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_grant {
    /// The user id the grant is for, NUL-terminated.
    pub user_id: *const c_char,
    /// Its length in bytes, the NUL not counted.
    pub user_id_len: usize,
    /// The application the grant is for.
    pub sdkappid: u32,
    /// The numeric room, or 0 when the room is named.
    pub room_id: u32,
    /// The named room, NUL-terminated, or null when the room is numeric.
    pub room_str: *const c_char,
    /// Its length in bytes (0 when the room is numeric).
    pub room_str_len: usize,
    /// The privilege bits (1 create, 2 enter, 4 send audio, 8 receive audio, 16 send video,
    /// 32 receive video, 64 send the sub-stream, 128 receive it).
    pub privileges: u8,
    /// The last second (Unix) the grant is valid.
    pub expires_at: u32,
}

/// What a token says, owned by the library until [`usersig_claims_free`].
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_claims {
    /// The user id the token was issued to, NUL-terminated.
    pub user_id: *const c_char,
    /// Its length in bytes, the NUL not counted.
    pub user_id_len: usize,
    /// The application the token was issued for.
    pub sdkappid: u32,
    /// When the token was issued, in Unix seconds.
    pub issued_at: i64,
    /// How long it is valid after `issued_at`, in seconds.
    pub expire: i64,
    /// The last second it is valid: `issued_at + expire`.
    pub expires_at: i64,
    /// Whether the token carries a userbuf.
    pub has_userbuf: bool,
    /// The userbuf's bytes (null when there is none or it is empty).
    pub userbuf: *const u8,
    /// Its length in bytes.
    pub userbuf_len: usize,
    /// Whether the userbuf is a PrivateMapKey's grant.
    pub has_grant: bool,
    /// The grant, when `has_grant`; zeroed otherwise.
    pub grant: usersig_grant,
    /// The signature, base64 as it stands in the token, NUL-terminated.
    pub signature: *const c_char,
}

/// The allocation behind a `usersig_claims *`: the struct, then the bytes its pointers point
/// into.
#[repr(C)]
struct OwnedClaims {
    /// What the caller reads; first, so that a pointer to it is a pointer to the whole.
    public: usersig_claims,
    /// Each string with its NUL appended, and the userbuf.
    storage: [Vec<u8>; 5],
}

/// Boxes `claims` as the C API hands them out.
fn owned(claims: Claims) -> *mut usersig_claims {
    let (room_id, room_str) = match claims.grant.as_ref().map(|g| &g.room) {
        Some(Room::Numeric(id)) => (*id, None),
        Some(Room::Named(name)) => (0, Some(name.as_str())),
        _ => (0, None),
    };
    let storage = [
        nul_terminated(&claims.user_id),
        nul_terminated(&claims.signature),
        claims.userbuf.clone().unwrap_or_default(),
        claims
            .grant
            .as_ref()
            .map_or_else(Vec::new, |g| nul_terminated(&g.user_id)),
        room_str.map_or_else(Vec::new, nul_terminated),
    ];
    let text_ptr = |bytes: &Vec<u8>| bytes.as_ptr().cast::<c_char>();
    let grant = match &claims.grant {
        Some(g) => usersig_grant {
            user_id: text_ptr(&storage[3]),
            user_id_len: g.user_id.len(),
            sdkappid: g.sdkappid,
            room_id,
            room_str: room_str.map_or(std::ptr::null(), |_| text_ptr(&storage[4])),
            room_str_len: room_str.map_or(0, str::len),
            privileges: g.privileges.bits(),
            expires_at: g.expires_at,
        },
        None => usersig_grant {
            user_id: std::ptr::null(),
            user_id_len: 0,
            sdkappid: 0,
            room_id: 0,
            room_str: std::ptr::null(),
            room_str_len: 0,
            privileges: 0,
            expires_at: 0,
        },
    };
    let public = usersig_claims {
        user_id: text_ptr(&storage[0]),
        user_id_len: claims.user_id.len(),
        sdkappid: claims.sdkappid,
        issued_at: claims.issued_at,
        expire: claims.expire,
        expires_at: claims.expires_at,
        has_userbuf: claims.userbuf.is_some(),
        userbuf: if storage[2].is_empty() {
            std::ptr::null()
        } else {
            storage[2].as_ptr()
        },
        userbuf_len: storage[2].len(),
        has_grant: claims.grant.is_some(),
        grant,
        signature: text_ptr(&storage[1]),
    };
    // Moving the vectors into the box keeps their heap buffers, so the pointers stay valid.
    Box::into_raw(Box::new(OwnedClaims { public, storage })).cast::<usersig_claims>()
}

/// Runs a verification and stores its claims at `claims_out` (if not null).
///
/// # Safety
/// `claims_out` null or writable; `error` null or writable.
unsafe fn claims(
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
    check: impl FnOnce() -> Result<Claims, Failure>,
) -> usersig_kind {
    if let Some(out) = claims_out.as_mut() {
        *out = std::ptr::null_mut();
    }
    run(error, || {
        let claims = check()?;
        if let Some(out) = claims_out.as_mut() {
            *out = owned(claims);
        }
        Ok(())
    })
}

/// Makes a verifier for `sdkappid` accepting tokens signed with any of the `key_count`
/// NUL-terminated keys at `keys` (current key first), stored at `*verifier_out`.
///
/// # Safety
/// `keys` null or `key_count` readable pointers, each null or NUL-terminated; `verifier_out`
/// and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_create(
    sdkappid: i64,
    keys: *const *const c_char,
    key_count: usize,
    verifier_out: *mut *mut usersig_verifier,
    error: *mut usersig_error,
) -> usersig_kind {
    run(error, || {
        let verifier_out = verifier_out.as_mut().ok_or_else(|| null("verifier_out"))?;
        *verifier_out = std::ptr::null_mut();
        let keys = if key_count == 0 {
            &[][..]
        } else if keys.is_null() {
            return Err(null("keys"));
        } else {
            std::slice::from_raw_parts(keys, key_count)
        };
        let keys = keys
            .iter()
            .map(|&key| text(key, "a key"))
            .collect::<Result<Vec<&str>, Failure>>()?;
        let verifier = Verifier::with_keys(crate::capi::sdkappid(sdkappid)?, keys)?;
        *verifier_out = Box::into_raw(Box::new(usersig_verifier(verifier)));
        Ok(())
    })
}

/// Frees a verifier (which wipes its key states); null is ignored.
///
/// # Safety
/// `verifier` must be null or from [`usersig_verifier_create`], unused by any running call,
/// and never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_verifier_destroy(verifier: *mut usersig_verifier) {
    if !verifier.is_null() {
        drop(Box::from_raw(verifier));
    }
}

/// Checks a token for `user_id` at `now`: the token must carry no userbuf.
///
/// # Safety
/// `verifier` null or live; `token` and `user_id` null or NUL-terminated; `claims_out` and
/// `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_at(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    now: i64,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    claims(claims_out, error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let token = text(token, "token")?;
        let user_id = text(user_id, "user_id")?;
        Ok(verifier.verify_at(token, user_id, now)?)
    })
}

/// [`usersig_verify_at`] now, by the system clock.
///
/// # Safety
/// As [`usersig_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    usersig_verify_at(
        verifier,
        token,
        user_id,
        usersig::unix_now(),
        claims_out,
        error,
    )
}

/// Checks a token as [`usersig_verify_at`] does, except that it must carry exactly the
/// `userbuf_len` bytes at `userbuf`.
///
/// # Safety
/// As [`usersig_verify_at`]; `userbuf` null or `userbuf_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_with_userbuf_at(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    userbuf: *const u8,
    userbuf_len: usize,
    now: i64,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    claims(claims_out, error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let token = text(token, "token")?;
        let user_id = text(user_id, "user_id")?;
        let userbuf = bytes(userbuf, userbuf_len, "userbuf")?;
        Ok(verifier.verify_with_userbuf_at(token, user_id, userbuf, now)?)
    })
}

/// [`usersig_verify_with_userbuf_at`] now.
///
/// # Safety
/// As [`usersig_verify_with_userbuf_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_with_userbuf(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    userbuf: *const u8,
    userbuf_len: usize,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_verify_with_userbuf_at(
        verifier,
        token,
        user_id,
        userbuf,
        userbuf_len,
        now,
        claims_out,
        error,
    )
}

/// Checks a token as [`usersig_verify_at`] does, with or without a userbuf, which the claims
/// then hold (a PrivateMapKey the caller checks by its grant).
///
/// # Safety
/// As [`usersig_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_any_userbuf_at(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    now: i64,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    claims(claims_out, error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let token = text(token, "token")?;
        let user_id = text(user_id, "user_id")?;
        Ok(verifier.verify_any_userbuf_at(token, user_id, now)?)
    })
}

/// [`usersig_verify_any_userbuf_at`] now.
///
/// # Safety
/// As [`usersig_verify_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_any_userbuf(
    verifier: *const usersig_verifier,
    token: *const c_char,
    user_id: *const c_char,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_verify_any_userbuf_at(verifier, token, user_id, now, claims_out, error)
}

/// The claims of a token, decoded but not verified.
///
/// # Safety
/// `token` null or NUL-terminated; `claims_out` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_inspect_token(
    token: *const c_char,
    claims_out: *mut *mut usersig_claims,
    error: *mut usersig_error,
) -> usersig_kind {
    if claims_out.is_null() {
        return run(error, || Err(null("claims_out")));
    }
    claims(claims_out, error, || {
        Ok(usersig::inspect(text(token, "token")?)?)
    })
}

/// Frees claims; null is ignored.
///
/// # Safety
/// `claims` must be null or from this library, and never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_claims_free(claims: *mut usersig_claims) {
    if !claims.is_null() {
        drop(Box::from_raw(claims.cast::<OwnedClaims>()));
    }
}
