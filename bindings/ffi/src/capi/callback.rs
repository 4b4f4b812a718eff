//! The callback verifiers: handles owning a core [`ChatCallbackVerifier`] or
//! [`TrtcCallbackVerifier`], their checks, the callbacks they return, and their signing twins.

use std::ffi::c_char;

use usersig::{ChatCallback, ChatCallbackVerifier, TrtcCallback, TrtcCallbackVerifier};

use crate::capi::{
    bytes, clear, nul_terminated, null, object, run, text, usersig_error, usersig_kind, write_text,
    Failure,
};

/// `sdkappid` of the callback verifiers' constructors: a callback for any application passes.
pub const USERSIG_CALLBACK_ANY_SDKAPPID: i64 = -1;

/// `window` of [`usersig_trtc_callback_verifier_create`]: the callback's time is not checked.
pub const USERSIG_CALLBACK_NO_WINDOW: i64 = -1;

/// A handle owning a core [`ChatCallbackVerifier`]: its token's prepared hash state.
#[allow(non_camel_case_types)]
pub struct usersig_chat_callback_verifier(ChatCallbackVerifier);

/// A handle owning a core [`TrtcCallbackVerifier`]: its key's prepared HMAC state.
#[allow(non_camel_case_types)]
pub struct usersig_trtc_callback_verifier(TrtcCallbackVerifier);

/// One of a Chat callback's other (unsigned) query parameters, percent-decoded.
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_callback_param {
    /// The name, NUL-terminated.
    pub name: *const c_char,
    /// Its length in bytes, the NUL not counted.
    pub name_len: usize,
    /// The value, NUL-terminated.
    pub value: *const c_char,
    /// Its length in bytes, the NUL not counted.
    pub value_len: usize,
}

/// A Chat callback that passed, owned by the library until [`usersig_chat_callback_info_free`].
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_chat_callback_info {
    /// Its `CallbackCommand` (`"C2C.CallbackAfterSendMsg"`), NUL-terminated.
    pub command: *const c_char,
    /// Its length in bytes, the NUL not counted.
    pub command_len: usize,
    /// Its `SdkAppid`.
    pub sdkappid: u32,
    /// Its `RequestTime`, in Unix seconds.
    pub request_time: i64,
    /// The other query parameters, in their order (null when there are none).
    pub params: *const usersig_callback_param,
    /// How many there are.
    pub param_count: usize,
}

/// A TRTC callback that passed: plain values, in the caller's storage.
#[allow(non_camel_case_types)]
#[repr(C)]
pub struct usersig_trtc_callback_info {
    /// Its `SdkAppId` header.
    pub sdkappid: u32,
    /// Whether the body has an `EventGroupId`.
    pub has_event_group_id: bool,
    /// The body's `EventGroupId` (0 when absent).
    pub event_group_id: i64,
    /// Whether the body has an `EventType`.
    pub has_event_type: bool,
    /// The body's `EventType` (0 when absent).
    pub event_type: i64,
    /// Whether the body has a `CallbackTs`.
    pub has_callback_ts: bool,
    /// The body's `CallbackTs`, in Unix milliseconds (0 when absent).
    pub callback_ts: i64,
}

/// What a failed TRTC check leaves at its `callback_out`.
pub(crate) const TRTC_NONE: usersig_trtc_callback_info = usersig_trtc_callback_info {
    sdkappid: 0,
    has_event_group_id: false,
    event_group_id: 0,
    has_event_type: false,
    event_type: 0,
    has_callback_ts: false,
    callback_ts: 0,
};

/// The allocation behind a `usersig_chat_callback_info *`: the struct, then what its pointers
/// point into.
#[repr(C)]
struct OwnedChatCallback {
    /// What the caller reads; first, so that a pointer to it is a pointer to the whole.
    public: usersig_chat_callback_info,
    /// The parameters' array.
    params: Vec<usersig_callback_param>,
    /// The command, then each parameter's name and value, each with its NUL appended.
    storage: Vec<Vec<u8>>,
}

/// Boxes `callback` as the C API hands it out.
fn owned(callback: ChatCallback) -> *mut usersig_chat_callback_info {
    let mut storage = vec![nul_terminated(&callback.command)];
    for (name, value) in &callback.params {
        storage.push(nul_terminated(name));
        storage.push(nul_terminated(value));
    }
    let text_ptr = |bytes: &Vec<u8>| bytes.as_ptr().cast::<c_char>();
    let params: Vec<usersig_callback_param> = callback
        .params
        .iter()
        .zip(storage[1..].chunks_exact(2))
        .map(|((name, value), pair)| usersig_callback_param {
            name: text_ptr(&pair[0]),
            name_len: name.len(),
            value: text_ptr(&pair[1]),
            value_len: value.len(),
        })
        .collect();
    let public = usersig_chat_callback_info {
        command: text_ptr(&storage[0]),
        command_len: callback.command.len(),
        sdkappid: callback.sdkappid,
        request_time: callback.request_time,
        params: if params.is_empty() {
            std::ptr::null()
        } else {
            params.as_ptr()
        },
        param_count: params.len(),
    };
    // Moving the vectors into the box keeps their heap buffers, so the pointers stay valid.
    Box::into_raw(Box::new(OwnedChatCallback {
        public,
        params,
        storage,
    }))
    .cast::<usersig_chat_callback_info>()
}

/// The sdkappid a verifier expects: [`USERSIG_CALLBACK_ANY_SDKAPPID`] for any.
fn expected_sdkappid(value: i64) -> Result<Option<u32>, usersig::Error> {
    if value == USERSIG_CALLBACK_ANY_SDKAPPID {
        Ok(None)
    } else {
        crate::capi::sdkappid(value).map(Some)
    }
}

/// Makes a Chat callback verifier for the NUL-terminated callback `token`, expecting
/// `sdkappid` ([`USERSIG_CALLBACK_ANY_SDKAPPID`]: any) within `window` seconds either way,
/// stored at `*verifier_out`.
///
/// # Safety
/// `token` null or NUL-terminated; `verifier_out` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_verifier_create(
    token: *const c_char,
    sdkappid: i64,
    window: i64,
    verifier_out: *mut *mut usersig_chat_callback_verifier,
    error: *mut usersig_error,
) -> usersig_kind {
    run(error, || {
        let verifier_out = verifier_out.as_mut().ok_or_else(|| null("verifier_out"))?;
        *verifier_out = std::ptr::null_mut();
        let token = text(token, "token")?;
        let expected = expected_sdkappid(sdkappid)?;
        let mut verifier = ChatCallbackVerifier::new(token)?.with_window(window)?;
        if let Some(id) = expected {
            verifier = verifier.with_sdkappid(id);
        }
        *verifier_out = Box::into_raw(Box::new(usersig_chat_callback_verifier(verifier)));
        Ok(())
    })
}

/// Frees a Chat callback verifier (which wipes its token state); null is ignored.
///
/// # Safety
/// `verifier` must be null or from [`usersig_chat_callback_verifier_create`], unused by any
/// running call, and never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_verifier_destroy(
    verifier: *mut usersig_chat_callback_verifier,
) {
    if !verifier.is_null() {
        drop(Box::from_raw(verifier));
    }
}

/// Runs a Chat check and stores its callback at `callback_out` (if not null).
///
/// # Safety
/// `callback_out` null or writable; `error` null or writable.
unsafe fn chat(
    callback_out: *mut *mut usersig_chat_callback_info,
    error: *mut usersig_error,
    check: impl FnOnce() -> Result<ChatCallback, Failure>,
) -> usersig_kind {
    if let Some(out) = callback_out.as_mut() {
        *out = std::ptr::null_mut();
    }
    run(error, || {
        let callback = check()?;
        if let Some(out) = callback_out.as_mut() {
            *out = owned(callback);
        }
        Ok(())
    })
}

/// Checks the Chat callback in the raw query string `query` at `now`.
///
/// # Safety
/// `verifier` null or live; `query` null or NUL-terminated; `callback_out` and `error` null or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_chat_callback_query_at(
    verifier: *const usersig_chat_callback_verifier,
    query: *const c_char,
    now: i64,
    callback_out: *mut *mut usersig_chat_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    chat(callback_out, error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let query = text(query, "query")?;
        Ok(verifier.verify_query_at(query, now)?)
    })
}

/// [`usersig_verify_chat_callback_query_at`] now, by the system clock.
///
/// # Safety
/// As [`usersig_verify_chat_callback_query_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_chat_callback_query(
    verifier: *const usersig_chat_callback_verifier,
    query: *const c_char,
    callback_out: *mut *mut usersig_chat_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_verify_chat_callback_query_at(verifier, query, now, callback_out, error)
}

/// The `count` NUL-terminated strings at `array`, each named `what` in errors.
///
/// # Safety
/// `array` null or `count` readable pointers, each null or NUL-terminated.
unsafe fn texts<'a>(
    array: *const *const c_char,
    count: usize,
    what: &str,
) -> Result<Vec<&'a str>, Failure> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if array.is_null() {
        return Err(null(what));
    }
    std::slice::from_raw_parts(array, count)
        .iter()
        .map(|&item| text(item, what))
        .collect()
}

/// Checks the Chat callback in the `count` parsed (percent-decoded) query parameters
/// `names[i]`=`values[i]` at `now`.
///
/// # Safety
/// `verifier` null or live; `names` and `values` null or `count` readable pointers, each null
/// or NUL-terminated; `callback_out` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_chat_callback_params_at(
    verifier: *const usersig_chat_callback_verifier,
    names: *const *const c_char,
    values: *const *const c_char,
    count: usize,
    now: i64,
    callback_out: *mut *mut usersig_chat_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    chat(callback_out, error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let names = texts(names, count, "names")?;
        let values = texts(values, count, "values")?;
        Ok(verifier.verify_params_at(names.into_iter().zip(values), now)?)
    })
}

/// [`usersig_verify_chat_callback_params_at`] now, by the system clock.
///
/// # Safety
/// As [`usersig_verify_chat_callback_params_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_chat_callback_params(
    verifier: *const usersig_chat_callback_verifier,
    names: *const *const c_char,
    values: *const *const c_char,
    count: usize,
    callback_out: *mut *mut usersig_chat_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_verify_chat_callback_params_at(verifier, names, values, count, now, callback_out, error)
}

/// Frees a Chat callback; null is ignored.
///
/// # Safety
/// `callback` must be null or from this library, and never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_chat_callback_info_free(
    callback: *mut usersig_chat_callback_info,
) {
    if !callback.is_null() {
        drop(Box::from_raw(callback.cast::<OwnedChatCallback>()));
    }
}

/// The `Sign` of a Chat callback sent at `request_time`: lowercase hex SHA-256 of the token
/// and the time's decimal digits.
///
/// # Safety
/// `verifier` null or live; `out` null or `out_cap` writable bytes; `out_len` and `error` null
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_sign_chat_callback(
    verifier: *const usersig_chat_callback_verifier,
    request_time: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let sign = object(verifier, "verifier")?.0.sign(request_time);
        write_text(&sign, 0, out, out_cap, out_len)
    })
}

/// Makes a TRTC callback verifier for the NUL-terminated callback `key`, expecting `sdkappid`
/// ([`USERSIG_CALLBACK_ANY_SDKAPPID`]: any) within `window` seconds either way
/// ([`USERSIG_CALLBACK_NO_WINDOW`]: no check), stored at `*verifier_out`.
///
/// # Safety
/// `key` null or NUL-terminated; `verifier_out` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_verifier_create(
    key: *const c_char,
    sdkappid: i64,
    window: i64,
    verifier_out: *mut *mut usersig_trtc_callback_verifier,
    error: *mut usersig_error,
) -> usersig_kind {
    run(error, || {
        let verifier_out = verifier_out.as_mut().ok_or_else(|| null("verifier_out"))?;
        *verifier_out = std::ptr::null_mut();
        let key = text(key, "key")?;
        let expected = expected_sdkappid(sdkappid)?;
        let mut verifier = TrtcCallbackVerifier::new(key)?;
        if window != USERSIG_CALLBACK_NO_WINDOW {
            verifier = verifier.with_window(window)?;
        }
        if let Some(id) = expected {
            verifier = verifier.with_sdkappid(id);
        }
        *verifier_out = Box::into_raw(Box::new(usersig_trtc_callback_verifier(verifier)));
        Ok(())
    })
}

/// Frees a TRTC callback verifier (which wipes its key state); null is ignored.
///
/// # Safety
/// `verifier` must be null or from [`usersig_trtc_callback_verifier_create`], unused by any
/// running call, and never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_trtc_callback_verifier_destroy(
    verifier: *mut usersig_trtc_callback_verifier,
) {
    if !verifier.is_null() {
        drop(Box::from_raw(verifier));
    }
}

/// A header's value: null is an absent header, as the empty string is.
///
/// # Safety
/// `value` null or NUL-terminated.
unsafe fn header<'a>(value: *const c_char, what: &str) -> Result<&'a str, Failure> {
    if value.is_null() {
        Ok("")
    } else {
        text(value, what)
    }
}

/// Checks the TRTC callback with the headers `sign` and `sdkappid` (null or empty when absent)
/// and the `body_len` raw bytes of its body at `body`, at `now`; stores it at `callback_out`.
///
/// # Safety
/// `verifier` null or live; `sign` and `sdkappid` null or NUL-terminated; `body` null or
/// `body_len` readable bytes; `callback_out` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_trtc_callback_at(
    verifier: *const usersig_trtc_callback_verifier,
    sign: *const c_char,
    sdkappid: *const c_char,
    body: *const u8,
    body_len: usize,
    now: i64,
    callback_out: *mut usersig_trtc_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    if let Some(out) = callback_out.as_mut() {
        *out = TRTC_NONE;
    }
    run(error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let sign = header(sign, "sign")?;
        let sdkappid = header(sdkappid, "sdkappid")?;
        let body = bytes(body, body_len, "body")?;
        let callback: TrtcCallback = verifier.verify_at(sign, sdkappid, body, now)?;
        if let Some(out) = callback_out.as_mut() {
            *out = usersig_trtc_callback_info {
                sdkappid: callback.sdkappid,
                has_event_group_id: callback.event_group_id.is_some(),
                event_group_id: callback.event_group_id.unwrap_or(0),
                has_event_type: callback.event_type.is_some(),
                event_type: callback.event_type.unwrap_or(0),
                has_callback_ts: callback.callback_ts.is_some(),
                callback_ts: callback.callback_ts.unwrap_or(0),
            };
        }
        Ok(())
    })
}

/// [`usersig_verify_trtc_callback_at`] now, by the system clock.
///
/// # Safety
/// As [`usersig_verify_trtc_callback_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_verify_trtc_callback(
    verifier: *const usersig_trtc_callback_verifier,
    sign: *const c_char,
    sdkappid: *const c_char,
    body: *const u8,
    body_len: usize,
    callback_out: *mut usersig_trtc_callback_info,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_verify_trtc_callback_at(
        verifier,
        sign,
        sdkappid,
        body,
        body_len,
        now,
        callback_out,
        error,
    )
}

/// The `Sign` header of a TRTC callback with the `body_len` bytes at `body`: base64
/// HMAC-SHA256 of the body with the key.
///
/// # Safety
/// `verifier` null or live; `body` null or `body_len` readable bytes; `out` null or `out_cap`
/// writable bytes; `out_len` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_sign_trtc_callback(
    verifier: *const usersig_trtc_callback_verifier,
    body: *const u8,
    body_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let verifier = &object(verifier, "verifier")?.0;
        let sign = verifier.sign(bytes(body, body_len, "body")?);
        write_text(&sign, 0, out, out_cap, out_len)
    })
}
