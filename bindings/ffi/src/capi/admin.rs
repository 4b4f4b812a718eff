//! The REST API admin: a handle owning a core [`AdminAuth`], its URLs and its token.

use std::ffi::{c_char, c_int};

use usersig::{AdminAuth, Endpoint, Region, DEFAULT_ADMIN};

use crate::capi::{clear, null, object, run, text, usersig_error, usersig_kind, write_text};

/// A handle owning a core [`AdminAuth`]: its key's prepared state and its cached token.
#[allow(non_camel_case_types)]
pub struct usersig_admin(AdminAuth);

/// `endpoint_kind` of [`usersig_admin_create`]: `endpoint` is a region's name (`"singapore"`).
pub const USERSIG_ENDPOINT_REGION: c_int = 0;
/// `endpoint_kind` of [`usersig_admin_create`]: `endpoint` is a host (`https://` implied).
pub const USERSIG_ENDPOINT_HOST: c_int = 1;
/// `endpoint_kind` of [`usersig_admin_create`]: `endpoint` is a base URL.
pub const USERSIG_ENDPOINT_URL: c_int = 2;

/// The most a retried URL can grow: its random number is drawn afresh, 1 to 10 digits.
const RANDOM_SLACK: usize = 9;

/// Makes an admin for `sdkappid`, its key and the admin's user id (null: `"administrator"`),
/// calling the endpoint given by `endpoint_kind` and `endpoint` (null: the region `"china"`),
/// with tokens valid `validity` seconds and renewed `renew_margin` seconds before they expire.
///
/// # Safety
/// `key`, `admin` and `endpoint` null or NUL-terminated; `admin_out` and `error` null or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_create(
    sdkappid: i64,
    key: *const c_char,
    admin: *const c_char,
    endpoint_kind: c_int,
    endpoint: *const c_char,
    validity: i64,
    renew_margin: i64,
    admin_out: *mut *mut usersig_admin,
    error: *mut usersig_error,
) -> usersig_kind {
    run(error, || {
        let admin_out = admin_out.as_mut().ok_or_else(|| null("admin_out"))?;
        *admin_out = std::ptr::null_mut();
        let key = text(key, "key")?;
        let admin = if admin.is_null() {
            DEFAULT_ADMIN
        } else {
            text(admin, "admin")?
        };
        let endpoint = if endpoint.is_null() {
            Endpoint::region(Region::China)
        } else {
            let endpoint = text(endpoint, "endpoint")?;
            match endpoint_kind {
                USERSIG_ENDPOINT_REGION => Endpoint::region(Region::from_name(endpoint)?),
                USERSIG_ENDPOINT_HOST => Endpoint::host(endpoint)?,
                _ => Endpoint::url(endpoint)?,
            }
        };
        let auth = AdminAuth::from_key(crate::capi::sdkappid(sdkappid)?, key, admin)?
            .with_endpoint(endpoint)
            .with_validity(validity, renew_margin)?;
        *admin_out = Box::into_raw(Box::new(usersig_admin(auth)));
        Ok(())
    })
}

/// Frees an admin (its key state and its cached token); null is ignored.
///
/// # Safety
/// `admin` must be null or from [`usersig_admin_create`], unused by any running call, and
/// never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_destroy(admin: *mut usersig_admin) {
    if !admin.is_null() {
        drop(Box::from_raw(admin));
    }
}

/// The URL to POST to for `service`/`command` at `now`, with the cached (or a fresh) admin
/// token and a new random number.
///
/// # Safety
/// `admin` null or live; `service` and `command` null or NUL-terminated; `out` null or
/// `out_cap` writable bytes; `out_len` and `error` null or writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_url_for_at(
    admin: *const usersig_admin,
    service: *const c_char,
    command: *const c_char,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let admin = &object(admin, "admin")?.0;
        let service = text(service, "service")?;
        let command = text(command, "command")?;
        let url = admin.url_at(service, command, now)?;
        write_text(&url, RANDOM_SLACK, out, out_cap, out_len)
    })
}

/// [`usersig_admin_url_for_at`] now, by the system clock.
///
/// # Safety
/// As [`usersig_admin_url_for_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_url_for(
    admin: *const usersig_admin,
    service: *const c_char,
    command: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    let now = usersig::unix_now();
    usersig_admin_url_for_at(admin, service, command, now, out, out_cap, out_len, error)
}

/// The admin's token at `now`: the cached one, or a fresh one when it is due for renewal.
///
/// # Safety
/// `admin` null or live; `out` null or `out_cap` writable bytes; `out_len` and `error` null or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_token_at(
    admin: *const usersig_admin,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let token = object(admin, "admin")?.0.user_sig_at(now)?;
        write_text(&token, 0, out, out_cap, out_len)
    })
}

/// The admin's base URL (`https://console.tim.qq.com` for `"china"`).
///
/// # Safety
/// As [`usersig_admin_token_at`].
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_base_url(
    admin: *const usersig_admin,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut usersig_error,
) -> usersig_kind {
    clear(out, out_cap);
    run(error, || {
        let admin = &object(admin, "admin")?.0;
        write_text(admin.endpoint().as_str(), 0, out, out_cap, out_len)
    })
}
