//! Records that cross the boundary, converted from the core's types.

/// A TRTC room named in a PrivateMapKey grant.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Room {
    /// A numeric room id.
    Numeric { id: i64 },
    /// A string room id.
    Named { name: String },
}

/// A PrivateMapKey's grant: who may do what in which room, until when.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Grant {
    /// The user id the grant is for.
    pub user_id: String,
    /// The application the grant is for.
    pub sdkappid: i64,
    /// The room the grant opens.
    pub room: Room,
    /// The privilege bits (1 create, 2 enter, 4 send audio, 8 receive audio, 16 send video,
    /// 32 receive video, 64 send sub-stream, 128 receive sub-stream).
    pub privileges: i64,
    /// The absolute Unix time after which the grant is void.
    pub expires_at: i64,
}

/// What a token says. Verified when a verifier returns it; unverified from `inspect`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Claims {
    /// `TLS.identifier`: the user id.
    pub user_id: String,
    /// `TLS.sdkappid`: the application.
    pub sdkappid: i64,
    /// `TLS.time`: when the token was issued, in Unix seconds.
    pub issued_at: i64,
    /// `TLS.expire`: validity after `issued_at`, in seconds.
    pub expire: i64,
    /// The last valid second: `issued_at + expire`.
    pub expires_at: i64,
    /// `TLS.userbuf`, decoded, when present.
    pub userbuf: Option<Vec<u8>>,
    /// The PrivateMapKey grant, when the userbuf is one.
    pub grant: Option<Grant>,
    /// `TLS.sig`, base64 as it stands in the token.
    pub signature: String,
}

impl From<usersig::Room> for Room {
    fn from(room: usersig::Room) -> Self {
        match room {
            usersig::Room::Numeric(id) => Room::Numeric { id: id.into() },
            usersig::Room::Named(name) => Room::Named { name },
        }
    }
}

impl From<usersig::Grant> for Grant {
    fn from(g: usersig::Grant) -> Self {
        Grant {
            user_id: g.user_id,
            sdkappid: g.sdkappid.into(),
            room: g.room.into(),
            privileges: g.privileges.bits().into(),
            expires_at: g.expires_at.into(),
        }
    }
}

impl From<usersig::Claims> for Claims {
    fn from(c: usersig::Claims) -> Self {
        Claims {
            user_id: c.user_id,
            sdkappid: c.sdkappid.into(),
            issued_at: c.issued_at,
            expire: c.expire,
            expires_at: c.expires_at,
            userbuf: c.userbuf,
            grant: c.grant.map(Grant::from),
            signature: c.signature,
        }
    }
}
