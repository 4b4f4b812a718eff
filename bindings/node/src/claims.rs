//! A token's claims, read by the JavaScript through getters.

use usersig::Room;
use wasm_bindgen::prelude::*;

/// What a token says (the core's [`usersig::Claims`]). Times are `i64` (BigInt in JavaScript):
/// a forged token may hold values past 2^53, which the JavaScript refuses to round.
#[wasm_bindgen]
pub struct Claims(usersig::Claims);

impl From<usersig::Claims> for Claims {
    fn from(claims: usersig::Claims) -> Claims {
        Claims(claims)
    }
}

#[wasm_bindgen]
impl Claims {
    /// `TLS.identifier`.
    #[wasm_bindgen(getter, js_name = userId)]
    pub fn user_id(&self) -> String {
        self.0.user_id.clone()
    }

    /// `TLS.sdkappid`.
    #[wasm_bindgen(getter)]
    pub fn sdkappid(&self) -> u32 {
        self.0.sdkappid
    }

    /// `TLS.time`.
    #[wasm_bindgen(getter, js_name = issuedAt)]
    pub fn issued_at(&self) -> i64 {
        self.0.issued_at
    }

    /// `TLS.expire`.
    #[wasm_bindgen(getter)]
    pub fn expire(&self) -> i64 {
        self.0.expire
    }

    /// `issued_at + expire` (saturating).
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> i64 {
        self.0.expires_at
    }

    /// `TLS.userbuf`, decoded, if any.
    #[wasm_bindgen(getter)]
    pub fn userbuf(&self) -> Option<Vec<u8>> {
        self.0.userbuf.clone()
    }

    /// `TLS.sig`, as it stands in the token.
    #[wasm_bindgen(getter)]
    pub fn signature(&self) -> String {
        self.0.signature.clone()
    }

    /// Whether the userbuf is a PrivateMapKey grant.
    #[wasm_bindgen(getter, js_name = hasGrant)]
    pub fn has_grant(&self) -> bool {
        self.0.grant.is_some()
    }

    /// The grant's user id (empty without a grant).
    #[wasm_bindgen(getter, js_name = grantUserId)]
    pub fn grant_user_id(&self) -> String {
        self.0
            .grant
            .as_ref()
            .map_or_else(String::new, |g| g.user_id.clone())
    }

    /// The grant's sdkappid (0 without a grant).
    #[wasm_bindgen(getter, js_name = grantSdkappid)]
    pub fn grant_sdkappid(&self) -> u32 {
        self.0.grant.as_ref().map_or(0, |g| g.sdkappid)
    }

    /// The grant's numeric room id, if its room is numeric.
    #[wasm_bindgen(getter, js_name = grantRoomId)]
    pub fn grant_room_id(&self) -> Option<u32> {
        match self.0.grant.as_ref().map(|g| &g.room) {
            Some(Room::Numeric(id)) => Some(*id),
            _ => None,
        }
    }

    /// The grant's string room id, if its room is named.
    #[wasm_bindgen(getter, js_name = grantRoomStr)]
    pub fn grant_room_str(&self) -> Option<String> {
        match self.0.grant.as_ref().map(|g| &g.room) {
            Some(Room::Named(name)) => Some(name.clone()),
            _ => None,
        }
    }

    /// The grant's privilege bits (0 without a grant).
    #[wasm_bindgen(getter, js_name = grantPrivileges)]
    pub fn grant_privileges(&self) -> u8 {
        self.0.grant.as_ref().map_or(0, |g| g.privileges.bits())
    }

    /// The grant's absolute expiry (0 without a grant).
    #[wasm_bindgen(getter, js_name = grantExpiresAt)]
    pub fn grant_expires_at(&self) -> u32 {
        self.0.grant.as_ref().map_or(0, |g| g.expires_at)
    }
}
