//! The REST API admin's entry points: a handle owning a core [`AdminAuth`] (its key's prepared
//! state and its cached admin token), URLs and the token at an explicit `now`.

use std::ffi::c_char;

use usersig::{AdminAuth, Endpoint, Region};

use crate::abi::args::{object, sdkappid, text};
use crate::abi::call::{construct, release, respond, respond_token};
use crate::abi::encode::result;

/// What an admin handle points to: a box owning a core [`AdminAuth`], opaque to the caller.
pub struct AdminHandle(AdminAuth);

/// `endpoint_kind` of [`usersig_admin_new`]: the endpoint is a region's name.
pub const ENDPOINT_REGION: i64 = 0;
/// `endpoint_kind` of [`usersig_admin_new`]: the endpoint is a host (`https://` is implied).
pub const ENDPOINT_HOST: i64 = 1;
/// `endpoint_kind` of [`usersig_admin_new`]: the endpoint is a base URL.
pub const ENDPOINT_URL: i64 = 2;

/// The longest a retried [`usersig_admin_url_at`] result can grow: its random number is drawn
/// afresh, from 1 to 10 digits.
const RANDOM_SLACK: usize = 9;

/// Makes an admin for `sdkappid` with the key and the admin's user id, calling the REST API at
/// the endpoint given by `endpoint_kind` ([`ENDPOINT_REGION`], [`ENDPOINT_HOST`],
/// [`ENDPOINT_URL`]) and the text at `endpoint`, with admin tokens valid `validity` seconds and
/// renewed when fewer than `renew_margin` are left. Returns as `usersig_signer_new` does.
///
/// # Safety
/// Every pointer must point to its length in readable bytes (anything when the length is 0),
/// `handle_out` to a writable pointer, `out` to `out_cap` writable bytes (or be null if
/// `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_new(
    sdkappid: i64,
    key: *const c_char,
    key_len: usize,
    admin: *const c_char,
    admin_len: usize,
    endpoint_kind: i64,
    endpoint: *const c_char,
    endpoint_len: usize,
    validity: i64,
    renew_margin: i64,
    handle_out: *mut *mut AdminHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    construct(handle_out, out, out_cap, || {
        let key = text(key, key_len)?;
        let admin = text(admin, admin_len)?;
        let endpoint = text(endpoint, endpoint_len)?;
        Ok(self::sdkappid(sdkappid).and_then(|id| {
            let endpoint = match endpoint_kind {
                ENDPOINT_REGION => Endpoint::region(Region::from_name(endpoint)?),
                ENDPOINT_HOST => Endpoint::host(endpoint)?,
                _ => Endpoint::url(endpoint)?,
            };
            let auth = AdminAuth::from_key(id, key, admin)?
                .with_endpoint(endpoint)
                .with_validity(validity, renew_margin)?;
            Ok(AdminHandle(auth))
        }))
    })
}

/// Frees an admin, dropping the core object (its key's prepared state and its cached token);
/// null is ignored.
///
/// # Safety
/// `admin` must be null or a live handle from [`usersig_admin_new`] that no call is using and
/// that is never used again.
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_free(admin: *mut AdminHandle) {
    release(admin);
}

/// The admin's endpoint, its base URL as a token-like value (ASCII after the tag).
///
/// # Safety
/// `admin` must be null or a live handle; `out` must point to `out_cap` writable bytes (or be
/// null if `out_cap` is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_endpoint(
    admin: *const AdminHandle,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let admin = &object(admin)?.0;
        Ok(Ok(admin.endpoint().as_str().to_owned()))
    })
}

/// [`AdminAuth::url_at`]: the URL of `service`/`command`, with the admin token cached or minted
/// at `now` and a fresh random number. Unlike every other call, a retry gives another URL (the
/// random number is new each time), so when the buffer is too small the return is an upper
/// bound, 9 bytes more than this URL's length: a buffer of that size always holds the next one.
///
/// # Safety
/// As [`usersig_admin_endpoint`], and `service` and `command` must point to their lengths in
/// readable bytes (anything when the length is 0).
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_url_at(
    admin: *const AdminHandle,
    service: *const c_char,
    service_len: usize,
    command: *const c_char,
    command_len: usize,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond(out, out_cap, RANDOM_SLACK, |buf| {
        let admin = &object(admin)?.0;
        let service = text(service, service_len)?;
        let command = text(command, command_len)?;
        result(buf, admin.url_at(service, command, now));
        Ok(())
    })
}

/// [`AdminAuth::user_sig_at`]: the admin token, cached or minted at `now`.
///
/// # Safety
/// As [`usersig_admin_endpoint`].
#[no_mangle]
pub unsafe extern "C" fn usersig_admin_user_sig_at(
    admin: *const AdminHandle,
    now: i64,
    out: *mut c_char,
    out_cap: usize,
) -> i64 {
    respond_token(out, out_cap, || {
        let admin = &object(admin)?.0;
        Ok(admin.user_sig_at(now))
    })
}
