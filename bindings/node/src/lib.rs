//! The WebAssembly layer of the npm package `usersig`: the core's signer, verifier, inspector and
//! callback verifiers, exported through wasm-bindgen with nothing but conversions.
//!
//! The package's JavaScript (`bindings/node/lib`) checks each argument's JavaScript type before it
//! calls in here, so every number arriving as `f64` is a safe integer; everything about its range
//! is decided by the core, whose errors come back as [`Failure`]. Only the `_at` forms are
//! exported: `wasm32-unknown-unknown` has no system clock, so the JavaScript reads `Date.now()`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod admin;
mod callback;
mod claims;
mod failure;

use usersig::{Privileges, Room};
use wasm_bindgen::prelude::*;

pub use admin::AdminAuth;
pub use callback::{ChatCallback, ChatCallbackVerifier, TrtcCallback, TrtcCallbackVerifier};
pub use claims::Claims;
pub use failure::{error_kinds, Failure};

/// A safe integer from JavaScript (checked there) as the core's `i64`.
pub(crate) fn int(value: f64) -> i64 {
    value as i64
}

/// Mints UserSigs and PrivateMapKeys for one application (the core's [`usersig::Signer`]).
#[wasm_bindgen]
pub struct Signer(usersig::Signer);

#[wasm_bindgen]
impl Signer {
    /// A signer for `sdkappid` with the console's secret `key`.
    #[wasm_bindgen(constructor)]
    pub fn new(sdkappid: f64, mut key: String) -> Result<Signer, Failure> {
        Self::with_key(sdkappid, &mut key)
    }

    /// A UserSig issued at `now`, valid for `expire` seconds.
    #[wasm_bindgen(js_name = userSigAt)]
    pub fn user_sig_at(&self, user_id: &str, expire: f64, now: f64) -> Result<String, Failure> {
        Ok(self.0.user_sig_at(user_id, int(expire), int(now))?)
    }

    /// A UserSig carrying `userbuf`, issued at `now`, valid for `expire` seconds.
    #[wasm_bindgen(js_name = userSigWithUserbufAt)]
    pub fn user_sig_with_userbuf_at(
        &self,
        user_id: &str,
        userbuf: &[u8],
        expire: f64,
        now: f64,
    ) -> Result<String, Failure> {
        Ok(self
            .0
            .user_sig_with_userbuf_at(user_id, userbuf, int(expire), int(now))?)
    }

    /// A PrivateMapKey for the numeric room `room_id`, issued at `now`.
    #[wasm_bindgen(js_name = privateMapKeyAt)]
    pub fn private_map_key_at(
        &self,
        user_id: &str,
        room_id: f64,
        privileges: f64,
        expire: f64,
        now: f64,
    ) -> Result<String, Failure> {
        let room = Room::numeric(int(room_id))?;
        self.grant(user_id, &room, privileges, expire, now)
    }

    /// A PrivateMapKey for the string room `room_str`, issued at `now`.
    #[wasm_bindgen(js_name = privateMapKeyWithRoomStrAt)]
    pub fn private_map_key_with_room_str_at(
        &self,
        user_id: &str,
        room_str: &str,
        privileges: f64,
        expire: f64,
        now: f64,
    ) -> Result<String, Failure> {
        self.grant(
            user_id,
            &Room::Named(room_str.to_owned()),
            privileges,
            expire,
            now,
        )
    }

    fn grant(
        &self,
        user_id: &str,
        room: &Room,
        privileges: f64,
        expire: f64,
        now: f64,
    ) -> Result<String, Failure> {
        let privileges = Privileges::try_from(int(privileges))?;
        Ok(self
            .0
            .private_map_key_at(user_id, room, privileges, int(expire), int(now))?)
    }
}

impl Signer {
    /// [`Signer::new`], wiping `key` whatever the outcome.
    fn with_key(sdkappid: f64, key: &mut String) -> Result<Signer, Failure> {
        let signer = sdkappid_of(sdkappid).and_then(|id| Ok(usersig::Signer::new(id, key)?));
        wipe(key);
        Ok(Signer(signer?))
    }
}

/// Checks tokens for one application against one or more keys (the core's
/// [`usersig::Verifier`]).
#[wasm_bindgen]
pub struct Verifier(usersig::Verifier);

#[wasm_bindgen]
impl Verifier {
    /// A verifier for `sdkappid` accepting tokens signed with any of `keys`.
    #[wasm_bindgen(constructor)]
    pub fn new(sdkappid: f64, mut keys: Vec<String>) -> Result<Verifier, Failure> {
        let verifier =
            sdkappid_of(sdkappid).and_then(|id| Ok(usersig::Verifier::with_keys(id, &keys)?));
        keys.iter_mut().for_each(wipe);
        Ok(Verifier(verifier?))
    }

    /// The claims of `token` if it is valid for `user_id` at `now` and carries no userbuf.
    #[wasm_bindgen(js_name = verifyAt)]
    pub fn verify_at(&self, token: &str, user_id: &str, now: f64) -> Result<Claims, Failure> {
        Ok(self.0.verify_at(token, user_id, int(now))?.into())
    }

    /// The claims of `token` if it is valid for `user_id` at `now`, whatever userbuf it carries.
    #[wasm_bindgen(js_name = verifyAnyUserbufAt)]
    pub fn verify_any_userbuf_at(
        &self,
        token: &str,
        user_id: &str,
        now: f64,
    ) -> Result<Claims, Failure> {
        Ok(self
            .0
            .verify_any_userbuf_at(token, user_id, int(now))?
            .into())
    }

    /// The claims of `token` if it is valid for `user_id` at `now` and carries exactly `userbuf`.
    #[wasm_bindgen(js_name = verifyWithUserbufAt)]
    pub fn verify_with_userbuf_at(
        &self,
        token: &str,
        user_id: &str,
        userbuf: &[u8],
        now: f64,
    ) -> Result<Claims, Failure> {
        Ok(self
            .0
            .verify_with_userbuf_at(token, user_id, userbuf, int(now))?
            .into())
    }
}

/// Decodes `token` without checking its signature or expiry.
#[wasm_bindgen]
pub fn inspect(token: &str) -> Result<Claims, Failure> {
    Ok(usersig::inspect(token)?.into())
}

/// Overwrites, in place, the copy of a key that crossed into wasm memory, before it is freed.
pub(crate) fn wipe(key: &mut String) {
    let mut bytes = std::mem::take(key).into_bytes();
    bytes.fill(0);
    *key = String::from_utf8(std::hint::black_box(bytes)).expect("zero bytes are UTF-8");
}

/// The core's sdkappid for a JavaScript number, or the core's range error.
pub(crate) fn sdkappid_of(value: f64) -> Result<u32, Failure> {
    let value = int(value);
    u32::try_from(value).map_err(|_| usersig::Error::SdkAppIdOutOfRange { value }.into())
}

/// The core's constants, by name, for the package to export as they are.
#[wasm_bindgen]
pub fn constants() -> String {
    serde_json::json!({
        "DEFAULT_EXPIRE": usersig::DEFAULT_EXPIRE,
        "MAX_EXPIRE": usersig::MAX_EXPIRE,
        "MAX_USER_ID_LEN": usersig::MAX_USER_ID_LEN,
        "MAX_USERBUF_LEN": usersig::MAX_USERBUF_LEN,
        "MAX_TOKEN_LEN": usersig::MAX_TOKEN_LEN,
        "MAX_INFLATED_LEN": usersig::MAX_INFLATED_LEN,
        "MAX_ROOM_ID": usersig::MAX_ROOM_ID,
        "MAX_ROOM_STR_LEN": usersig::MAX_ROOM_STR_LEN,
        "DEFAULT_ADMIN": usersig::DEFAULT_ADMIN,
        "DEFAULT_ADMIN_VALIDITY": usersig::DEFAULT_ADMIN_VALIDITY,
        "DEFAULT_RENEW_MARGIN": usersig::DEFAULT_RENEW_MARGIN,
        "DEFAULT_CALLBACK_WINDOW": usersig::DEFAULT_CALLBACK_WINDOW,
        "MAX_CALLBACK_WINDOW": usersig::MAX_CALLBACK_WINDOW,
        "MAX_CALLBACK_QUERY_LEN": usersig::MAX_CALLBACK_QUERY_LEN,
        "MAX_CALLBACK_BODY_LEN": usersig::MAX_CALLBACK_BODY_LEN,
        "REGIONS": usersig::Region::ALL
            .iter()
            .map(|r| serde_json::json!({ "name": r.name(), "host": r.host(), "backupHost": r.backup_host() }))
            .collect::<Vec<_>>(),
        "PRIVILEGES": {
            "CREATE_ROOM": Privileges::CREATE_ROOM.bits(),
            "ENTER_ROOM": Privileges::ENTER_ROOM.bits(),
            "SEND_AUDIO": Privileges::SEND_AUDIO.bits(),
            "RECV_AUDIO": Privileges::RECV_AUDIO.bits(),
            "SEND_VIDEO": Privileges::SEND_VIDEO.bits(),
            "RECV_VIDEO": Privileges::RECV_VIDEO.bits(),
            "SEND_SUB_STREAM": Privileges::SEND_SUB_STREAM.bits(),
            "RECV_SUB_STREAM": Privileges::RECV_SUB_STREAM.bits(),
            "ALL": Privileges::ALL.bits(),
            "NONE": Privileges::NONE.bits(),
        },
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signer_wipes_its_key_whatever_the_outcome() {
        for (sdkappid, key, made) in [
            (1400000000.0, "secret", true),
            (-1.0, "secret", false),
            (4294967296.0, "secret", false),
        ] {
            let mut key = key.to_owned();
            assert_eq!(Signer::with_key(sdkappid, &mut key).is_ok(), made);
            assert_eq!(key, "\0".repeat(6), "sdkappid {sdkappid}");
        }
    }
}
