//! The signer object.

use usersig::{unix_now, Privileges, Room};
use zeroize::Zeroize;

use crate::error::{sdkappid, UserSigError};

/// The validity a token gets when the caller gives none: 180 days, in seconds (the core's
/// `DEFAULT_EXPIRE`, Tencent's default).
#[uniffi::export]
pub fn default_expire() -> i64 {
    usersig::DEFAULT_EXPIRE
}

/// Mints UserSigs and PrivateMapKeys for one application. Thread-safe; never shows its key.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Signer(usersig::Signer);

impl Signer {
    /// The core signer, for objects built on it.
    pub(crate) fn core(&self) -> &usersig::Signer {
        &self.0
    }

    /// [`Signer::new`], wiping `key` whatever the outcome.
    pub(crate) fn with_key(sdkappid: i64, key: &mut String) -> Result<Self, UserSigError> {
        let signer = self::sdkappid(sdkappid)
            .and_then(|id| Ok(usersig::Signer::new(id, key)?))
            .map(Signer);
        key.zeroize();
        signer
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl Signer {
    /// A signer for `sdkappid` with the console's secret `key`.
    #[uniffi::constructor]
    pub fn new(sdkappid: i64, mut key: String) -> Result<Self, UserSigError> {
        Self::with_key(sdkappid, &mut key)
    }

    /// The application this signer mints tokens for.
    pub fn sdkappid(&self) -> i64 {
        self.0.sdkappid().into()
    }

    /// A UserSig valid for `expire` seconds from now.
    pub fn user_sig(&self, user_id: String, expire: i64) -> Result<String, UserSigError> {
        self.user_sig_at(user_id, expire, unix_now())
    }

    /// A UserSig issued at `now` (Unix seconds), valid for `expire` seconds.
    pub fn user_sig_at(
        &self,
        user_id: String,
        expire: i64,
        now: i64,
    ) -> Result<String, UserSigError> {
        Ok(self.0.user_sig_at(&user_id, expire, now)?)
    }

    /// A UserSig carrying the application's `userbuf`, valid for `expire` seconds from now.
    pub fn user_sig_with_userbuf(
        &self,
        user_id: String,
        userbuf: Vec<u8>,
        expire: i64,
    ) -> Result<String, UserSigError> {
        self.user_sig_with_userbuf_at(user_id, userbuf, expire, unix_now())
    }

    /// A UserSig carrying `userbuf`, issued at `now`.
    pub fn user_sig_with_userbuf_at(
        &self,
        user_id: String,
        userbuf: Vec<u8>,
        expire: i64,
        now: i64,
    ) -> Result<String, UserSigError> {
        Ok(self
            .0
            .user_sig_with_userbuf_at(&user_id, &userbuf, expire, now)?)
    }

    /// A PrivateMapKey for the numeric room `room_id` with the `privileges` bits.
    pub fn private_map_key(
        &self,
        user_id: String,
        room_id: i64,
        privileges: i64,
        expire: i64,
    ) -> Result<String, UserSigError> {
        self.private_map_key_at(user_id, room_id, privileges, expire, unix_now())
    }

    /// A PrivateMapKey for a numeric room, issued at `now`.
    pub fn private_map_key_at(
        &self,
        user_id: String,
        room_id: i64,
        privileges: i64,
        expire: i64,
        now: i64,
    ) -> Result<String, UserSigError> {
        let room = Room::numeric(room_id)?;
        let privileges = Privileges::try_from(privileges)?;
        Ok(self
            .0
            .private_map_key_at(&user_id, &room, privileges, expire, now)?)
    }

    /// A PrivateMapKey for the string room `room_str` with the `privileges` bits.
    pub fn private_map_key_with_room_str(
        &self,
        user_id: String,
        room_str: String,
        privileges: i64,
        expire: i64,
    ) -> Result<String, UserSigError> {
        self.private_map_key_with_room_str_at(user_id, room_str, privileges, expire, unix_now())
    }

    /// A PrivateMapKey for a string room, issued at `now`.
    pub fn private_map_key_with_room_str_at(
        &self,
        user_id: String,
        room_str: String,
        privileges: i64,
        expire: i64,
        now: i64,
    ) -> Result<String, UserSigError> {
        let room = Room::named(&room_str)?;
        let privileges = Privileges::try_from(privileges)?;
        Ok(self
            .0
            .private_map_key_at(&user_id, &room, privileges, expire, now)?)
    }

    /// One UserSig per user id, all issued now, in a single crossing.
    pub fn user_sigs(
        &self,
        user_ids: Vec<String>,
        expire: i64,
    ) -> Result<Vec<String>, UserSigError> {
        self.user_sigs_at(user_ids, expire, unix_now())
    }

    /// One UserSig per user id, all issued at `now`, in a single crossing.
    pub fn user_sigs_at(
        &self,
        user_ids: Vec<String>,
        expire: i64,
        now: i64,
    ) -> Result<Vec<String>, UserSigError> {
        Ok(self.0.user_sigs_at(&user_ids, expire, now)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signer_wipes_its_key_whatever_the_outcome() {
        for (sdkappid, made) in [(1400000000, true), (-1, false), (1 << 32, false)] {
            let mut key = "secret".to_owned();
            assert_eq!(Signer::with_key(sdkappid, &mut key).is_ok(), made);
            assert_eq!(key, "", "sdkappid {sdkappid}");
        }
    }

    #[test]
    fn the_default_validity_is_the_cores() {
        assert_eq!(default_expire(), 180 * 86400);
    }
}
