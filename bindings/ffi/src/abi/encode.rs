//! The result encoding (`docs/abi.md`, "Results"): a tag byte, then the value or the error, in
//! little-endian fixed-width integers and `u32`-length-prefixed byte strings.

use usersig::{ChatCallback, Claims, Error, Malformation, Room, TrtcCallback};

/// The tag byte of a result holding a value.
pub const OK: u8 = 0;
/// The tag byte of a result holding an error.
pub const ERR: u8 = 1;

/// A value a call can return, and how it is written after the [`OK`] tag.
pub(crate) trait Value {
    /// Appends the value's encoding.
    fn encode(&self, buf: &mut Vec<u8>);
}

/// A token: its ASCII bytes, unprefixed (the result's length says where it ends).
impl Value for String {
    fn encode(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self.as_bytes());
    }
}

/// A batch's result, each token appended as it is minted (none is kept): [`OK`], a `u32`
/// count, then one string of the tokens joined by `\n` (no token holds one), which a binding
/// splits in one call; or the first error, as [`result`] writes it. `mint` lends each token
/// to the function it is given.
pub(crate) fn token_list(
    buf: &mut Vec<u8>,
    user_ids: &[&str],
    mint: impl FnOnce(&mut dyn FnMut(&str)) -> Result<(), Error>,
) {
    let id_bytes: usize = user_ids.iter().map(|id| id.len()).sum();
    buf.reserve(9 + 256 * user_ids.len() + 2 * id_bytes);
    buf.push(OK);
    count(buf, user_ids.len());
    let length_at = buf.len();
    count(buf, 0);
    let first = buf.len();
    let minted = mint(&mut |token| {
        if buf.len() > first {
            buf.push(b'\n');
        }
        buf.extend_from_slice(token.as_bytes());
    });
    if let Err(e) = minted {
        buf.clear();
        error(buf, &e);
        return;
    }
    let joined = buf.len() - length_at - 4;
    let joined = u32::try_from(joined).expect("a batch of 4 GiB or more");
    buf[length_at..length_at + 4].copy_from_slice(&joined.to_le_bytes());
}

/// Claims: every field in declaration order (see `docs/abi.md`).
impl Value for Claims {
    fn encode(&self, buf: &mut Vec<u8>) {
        text(buf, &self.user_id);
        int(buf, self.sdkappid.into());
        int(buf, self.issued_at);
        int(buf, self.expire);
        int(buf, self.expires_at);
        match &self.userbuf {
            None => buf.push(0),
            Some(userbuf) => {
                buf.push(1);
                blob(buf, userbuf);
            }
        }
        match &self.grant {
            None => buf.push(0),
            Some(grant) => {
                match &grant.room {
                    Room::Numeric(_) => buf.push(1),
                    Room::Named(_) => buf.push(2),
                }
                text(buf, &grant.user_id);
                int(buf, grant.sdkappid.into());
                match &grant.room {
                    Room::Numeric(id) => int(buf, (*id).into()),
                    Room::Named(name) => text(buf, name),
                }
                int(buf, grant.privileges.bits().into());
                int(buf, grant.expires_at.into());
            }
        }
        text(buf, &self.signature);
    }
}

/// A Chat callback: the command, the sdkappid, the request time, then a `u32` count of the other
/// parameters, each a name and a value.
impl Value for ChatCallback {
    fn encode(&self, buf: &mut Vec<u8>) {
        text(buf, &self.command);
        int(buf, self.sdkappid.into());
        int(buf, self.request_time);
        count(buf, self.params.len());
        for (name, value) in &self.params {
            text(buf, name);
            text(buf, value);
        }
    }
}

/// A TRTC callback: the sdkappid, then the event group, the event type and the callback time,
/// each a `u8` presence (0 | 1) and, if present, an `i64`.
impl Value for TrtcCallback {
    fn encode(&self, buf: &mut Vec<u8>) {
        int(buf, self.sdkappid.into());
        for field in [self.event_group_id, self.event_type, self.callback_ts] {
            match field {
                None => buf.push(0),
                Some(value) => {
                    buf.push(1);
                    int(buf, value);
                }
            }
        }
    }
}

/// A call's outcome: [`OK`] and the value, or the error as [`error`] writes it.
pub(crate) fn result<T: Value>(buf: &mut Vec<u8>, outcome: Result<T, Error>) {
    match outcome {
        Ok(value) => {
            buf.push(OK);
            value.encode(buf);
        }
        Err(e) => error(buf, &e),
    }
}

/// [`ERR`], the kind's name, its Tencent code (0 for none), the message, and the error's fields
/// as a `u8` count of (name, typed value) pairs.
pub(crate) fn error(buf: &mut Vec<u8>, e: &Error) {
    buf.push(ERR);
    let kind = e.kind();
    text(buf, kind.as_str());
    buf.extend_from_slice(&kind.tencent_code().unwrap_or(0).to_le_bytes());
    text(buf, &e.to_string());
    let fields = fields(e);
    buf.push(fields.len() as u8);
    for (name, field) in fields {
        text(buf, name);
        match field {
            Field::Int(value) => {
                buf.push(b'i');
                int(buf, value);
            }
            Field::Text(value) => {
                buf.push(b's');
                text(buf, value);
            }
        }
    }
}

/// One field of an error, as the bindings' exceptions expose it.
enum Field<'a> {
    /// A number.
    Int(i64),
    /// A string.
    Text(&'a str),
}

/// The fields of `e`, named as `docs/abi.md` lists them.
fn fields(e: &Error) -> Vec<(&'static str, Field<'_>)> {
    use Field::{Int, Text};
    let size = |n: usize| Int(i64::try_from(n).unwrap_or(i64::MAX));
    match e {
        Error::EmptyKey
        | Error::EmptyUserId
        | Error::EmptyRoomStr
        | Error::BadSignature
        | Error::UserbufMismatch
        | Error::MissingUserbuf
        | Error::UnexpectedUserbuf => vec![],
        Error::SdkAppIdOutOfRange { value } | Error::PrivilegeOutOfRange { value } => {
            vec![("value", Int(*value))]
        }
        Error::UserIdTooLong { len, max }
        | Error::UserbufTooLong { len, max }
        | Error::RoomStrTooLong { len, max } => vec![("length", size(*len)), ("max", size(*max))],
        Error::UserIdControlChar { position } => vec![("position", size(*position))],
        Error::ExpireOutOfRange { expire, max } => {
            vec![("expire", Int(*expire)), ("max", Int(*max))]
        }
        Error::TimeOutOfRange { now } => vec![("now", Int(*now))],
        Error::ExpiryOverflow { now, expire } => {
            vec![("now", Int(*now)), ("expire", Int(*expire))]
        }
        Error::RoomIdOutOfRange { room_id } => vec![("room_id", Int(*room_id))],
        Error::Malformed(reason) => {
            let mut fields = vec![("reason", Text(malformation(reason)))];
            match reason {
                Malformation::TooLong { len, max } => {
                    fields.extend([("length", size(*len)), ("max", size(*max))]);
                }
                Malformation::TooLargeInflated { max } => fields.push(("max", size(*max))),
                Malformation::MissingField { field } | Malformation::InvalidField { field } => {
                    fields.push(("field", Text(field)));
                }
                _ => {}
            }
            fields
        }
        Error::Expired { expired_at, now } => {
            vec![("expired_at", Int(*expired_at)), ("now", Int(*now))]
        }
        Error::UserIdMismatch { expected, found } => {
            vec![("expected", Text(expected)), ("found", Text(found))]
        }
        Error::SdkAppIdMismatch { expected, found } => vec![
            ("expected", Int((*expected).into())),
            ("found", Int((*found).into())),
        ],
        Error::UnknownRegion { name } => vec![("name", Text(name))],
        Error::InvalidEndpoint { reason } => vec![("reason", Text(reason))],
        Error::InvalidRestPath { part } => vec![("part", Text(part))],
        Error::RenewMarginOutOfRange { margin, validity } => {
            vec![("margin", Int(*margin)), ("validity", Int(*validity))]
        }
        Error::CallbackParamMissing { name } | Error::CallbackParamRepeated { name } => {
            vec![("name", Text(name))]
        }
        Error::CallbackParamInvalid { name, reason } => {
            vec![("name", Text(name)), ("reason", Text(reason))]
        }
        Error::CallbackOutOfWindow { time, now, window } => vec![
            ("time", Int(*time)),
            ("now", Int(*now)),
            ("window", Int(*window)),
        ],
        Error::CallbackSdkAppIdMismatch { expected, found } => vec![
            ("expected", Int((*expected).into())),
            ("found", Int((*found).into())),
        ],
        Error::CallbackTooLarge { part, len, max } => vec![
            ("part", Text(part)),
            ("length", size(*len)),
            ("max", size(*max)),
        ],
        Error::CallbackWindowOutOfRange { window, max } => {
            vec![("window", Int(*window)), ("max", Int(*max))]
        }
        // Every other kind carries no field (a kind added to the core later shows up here with
        // its name, code and message, and gains its fields when this match learns of it).
        _ => vec![],
    }
}

/// The snake_case name of a malformation, as the `reason` field carries it.
pub(crate) fn malformation(reason: &Malformation) -> &'static str {
    match reason {
        Malformation::TooLong { .. } => "too_long",
        Malformation::Base64 => "base64",
        Malformation::Zlib => "zlib",
        Malformation::TooLargeInflated { .. } => "too_large_inflated",
        Malformation::Json => "json",
        Malformation::MissingField { .. } => "missing_field",
        Malformation::InvalidField { .. } => "invalid_field",
        Malformation::UnsupportedVersion => "unsupported_version",
        _ => "other",
    }
}

/// A little-endian `i64`.
pub(crate) fn int(buf: &mut Vec<u8>, value: i64) {
    buf.extend_from_slice(&value.to_le_bytes());
}

/// A little-endian `u32` count or length. The core bounds every string far below 4 GiB, and a
/// batch of 2^32 tokens cannot fit in memory; were one larger, the call would fail as a panic
/// rather than write a wrong length.
pub(crate) fn count(buf: &mut Vec<u8>, n: usize) {
    let n = u32::try_from(n).expect("a count or length of 4 GiB or more");
    buf.extend_from_slice(&n.to_le_bytes());
}

/// A string: its `u32` length in bytes, then its UTF-8.
pub(crate) fn text(buf: &mut Vec<u8>, value: &str) {
    blob(buf, value.as_bytes());
}

/// Bytes: their `u32` length, then themselves.
pub(crate) fn blob(buf: &mut Vec<u8>, value: &[u8]) {
    count(buf, value.len());
    buf.extend_from_slice(value);
}
