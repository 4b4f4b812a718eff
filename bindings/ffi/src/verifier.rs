//! The verifier object and `inspect`.

use usersig::unix_now;

use crate::error::{sdkappid, UserSigError};
use crate::types::Claims;

/// Checks tokens for one application against one or more keys. Thread-safe; never shows its keys.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Verifier(usersig::Verifier);

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl Verifier {
    /// A verifier for `sdkappid` accepting tokens signed with any of `keys`.
    #[uniffi::constructor]
    pub fn new(sdkappid: i64, keys: Vec<String>) -> Result<Self, UserSigError> {
        Ok(Verifier(usersig::Verifier::with_keys(
            self::sdkappid(sdkappid)?,
            keys,
        )?))
    }

    /// The claims of `token` if it is a valid UserSig without a userbuf for `user_id` now.
    pub fn verify(&self, token: String, user_id: String) -> Result<Claims, UserSigError> {
        self.verify_at(token, user_id, unix_now())
    }

    /// The claims of `token` if it is a valid UserSig without a userbuf for `user_id` at `now`
    /// (Unix seconds).
    pub fn verify_at(
        &self,
        token: String,
        user_id: String,
        now: i64,
    ) -> Result<Claims, UserSigError> {
        Ok(self.0.verify_at(&token, &user_id, now)?.into())
    }

    /// As `verify`, and the token must carry exactly `userbuf`.
    pub fn verify_with_userbuf(
        &self,
        token: String,
        user_id: String,
        userbuf: Vec<u8>,
    ) -> Result<Claims, UserSigError> {
        self.verify_with_userbuf_at(token, user_id, userbuf, unix_now())
    }

    /// As `verify_at`, and the token must carry exactly `userbuf`.
    pub fn verify_with_userbuf_at(
        &self,
        token: String,
        user_id: String,
        userbuf: Vec<u8>,
        now: i64,
    ) -> Result<Claims, UserSigError> {
        Ok(self
            .0
            .verify_with_userbuf_at(&token, &user_id, &userbuf, now)?
            .into())
    }

    /// As `verify`, but the token may carry any userbuf, which the claims return.
    pub fn verify_any_userbuf(
        &self,
        token: String,
        user_id: String,
    ) -> Result<Claims, UserSigError> {
        self.verify_any_userbuf_at(token, user_id, unix_now())
    }

    /// As `verify_at`, but the token may carry any userbuf, which the claims return.
    pub fn verify_any_userbuf_at(
        &self,
        token: String,
        user_id: String,
        now: i64,
    ) -> Result<Claims, UserSigError> {
        Ok(self.0.verify_any_userbuf_at(&token, &user_id, now)?.into())
    }
}

/// Decodes a token without checking its signature or expiry, for debugging and support.
#[uniffi::export]
pub fn inspect(token: String) -> Result<Claims, UserSigError> {
    Ok(usersig::inspect(&token)?.into())
}
