//! One exception family for every language: a variant per core error, with its data, a
//! human-readable `detail`, and for verification failures the Tencent error code.

/// Why a call failed. Input errors come from constructors and signing; the others say why a token
/// was refused and carry `tencent_code`, the code Tencent's servers use for the same fault.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum UserSigError {
    /// The secret key is empty, or a verifier was given no key.
    #[error("{detail}")]
    EmptyKey { detail: String },
    /// The sdkappid is outside 0..=4294967295.
    #[error("{detail}")]
    SdkAppIdOutOfRange { value: i64, detail: String },
    /// The user id is empty.
    #[error("{detail}")]
    EmptyUserId { detail: String },
    /// The user id is longer than `max` bytes of UTF-8.
    #[error("{detail}")]
    UserIdTooLong { len: u64, max: u64, detail: String },
    /// The user id has a control character at byte `position`.
    #[error("{detail}")]
    UserIdControlChar { position: u64, detail: String },
    /// The userbuf is longer than `max` bytes.
    #[error("{detail}")]
    UserbufTooLong { len: u64, max: u64, detail: String },
    /// The validity is not in 1..=`max` seconds (50 years).
    #[error("{detail}")]
    ExpireOutOfRange {
        expire: i64,
        max: i64,
        detail: String,
    },
    /// The issue time is outside 0..=4294967295.
    #[error("{detail}")]
    TimeOutOfRange { now: i64, detail: String },
    /// `now + expire` is past 4294967295.
    #[error("{detail}")]
    ExpiryOverflow {
        now: i64,
        expire: i64,
        detail: String,
    },
    /// A numeric room id is outside 1..=4294967294.
    #[error("{detail}")]
    RoomIdOutOfRange { room_id: i64, detail: String },
    /// A string room id is empty.
    #[error("{detail}")]
    EmptyRoomStr { detail: String },
    /// A string room id is longer than `max` bytes.
    #[error("{detail}")]
    RoomStrTooLong { len: u64, max: u64, detail: String },
    /// A privilege mask is outside 0..=255.
    #[error("{detail}")]
    PrivilegeOutOfRange { value: i64, detail: String },
    /// The token cannot be decoded (70003).
    #[error("{detail}")]
    Malformed {
        reason: Malformation,
        tencent_code: i32,
        detail: String,
    },
    /// The token has expired (70001).
    #[error("{detail}")]
    Expired {
        expired_at: i64,
        now: i64,
        tencent_code: i32,
        detail: String,
    },
    /// The signature does not match any key (70009).
    #[error("{detail}")]
    BadSignature { tencent_code: i32, detail: String },
    /// The token is for another user id (70013).
    #[error("{detail}")]
    UserIdMismatch {
        expected: String,
        found: String,
        tencent_code: i32,
        detail: String,
    },
    /// The token is for another sdkappid (70014).
    #[error("{detail}")]
    SdkAppIdMismatch {
        expected: i64,
        found: i64,
        tencent_code: i32,
        detail: String,
    },
    /// The token's userbuf differs from the one expected (-100006).
    #[error("{detail}")]
    UserbufMismatch { tencent_code: i32, detail: String },
    /// The token carries no userbuf, and one was expected (-100006).
    #[error("{detail}")]
    MissingUserbuf { tencent_code: i32, detail: String },
    /// The token carries a userbuf, and a plain UserSig was expected.
    #[error("{detail}")]
    UnexpectedUserbuf { detail: String },
    /// A region name is unknown.
    #[error("{detail}")]
    UnknownRegion { name: String, detail: String },
    /// A REST API host or base URL is not acceptable.
    #[error("{detail}")]
    InvalidEndpoint { reason: String, detail: String },
    /// A REST API service or command name (`part`) is empty or has a bad character.
    #[error("{detail}")]
    InvalidRestPath { part: String, detail: String },
    /// An admin token's renewal margin is negative or not shorter than its validity.
    #[error("{detail}")]
    RenewMarginOutOfRange {
        margin: i64,
        validity: i64,
        detail: String,
    },
    /// The operating system's random number generator failed.
    #[error("{detail}")]
    RandomUnavailable { detail: String },
    /// A callback lacks the parameter `name` (a query parameter, a header, or the body's
    /// `CallbackTs` when a window is set).
    #[error("{detail}")]
    CallbackParamMissing { name: String, detail: String },
    /// A callback's query has the checked parameter `name` more than once.
    #[error("{detail}")]
    CallbackParamRepeated { name: String, detail: String },
    /// A callback's parameter `name` (or `query`, or `body`) is not in the form Tencent sends.
    #[error("{detail}")]
    CallbackParamInvalid {
        name: String,
        reason: String,
        detail: String,
    },
    /// A callback's signature does not match: forged, altered, or signed with another secret.
    #[error("{detail}")]
    CallbackBadSignature { detail: String },
    /// A callback's `time` is more than `window` seconds from `now` (Unix seconds).
    #[error("{detail}")]
    CallbackOutOfWindow {
        time: i64,
        now: i64,
        window: i64,
        detail: String,
    },
    /// A callback is for the sdkappid `found`, not `expected`.
    #[error("{detail}")]
    CallbackSdkAppIdMismatch {
        expected: i64,
        found: i64,
        detail: String,
    },
    /// A callback's `part` (`query` or `body`) is longer than `max` bytes, and was not read.
    #[error("{detail}")]
    CallbackTooLarge {
        part: String,
        len: u64,
        max: u64,
        detail: String,
    },
    /// A callback window is not in 0..=`max` seconds.
    #[error("{detail}")]
    CallbackWindowOutOfRange {
        window: i64,
        max: i64,
        detail: String,
    },
    /// A kind of error newer than this layer: `kind` is its stable name (`ErrorKind::as_str`),
    /// `tencent_code` its Tencent code or 0.
    #[error("{detail}")]
    Other {
        kind: String,
        tencent_code: i32,
        detail: String,
    },
}

/// Why a token could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Malformation {
    /// Longer than `max` characters.
    TooLong { len: u64, max: u64 },
    /// Not base64, or padding missing.
    Base64,
    /// Not a complete zlib stream.
    Zlib,
    /// Decompresses to more than `max` bytes.
    TooLargeInflated { max: u64 },
    /// Not a JSON object.
    Json,
    /// A required field is missing.
    MissingField { field: String },
    /// A field has the wrong type or value.
    InvalidField { field: String },
    /// `TLS.ver` is not "2.0".
    UnsupportedVersion,
    /// A reason newer than this layer, described.
    Other { description: String },
}

impl From<usersig::Malformation> for Malformation {
    fn from(m: usersig::Malformation) -> Self {
        use usersig::Malformation as M;
        match m {
            M::TooLong { len, max } => Malformation::TooLong {
                len: len as u64,
                max: max as u64,
            },
            M::Base64 => Malformation::Base64,
            M::Zlib => Malformation::Zlib,
            M::TooLargeInflated { max } => Malformation::TooLargeInflated { max: max as u64 },
            M::Json => Malformation::Json,
            M::MissingField { field } => Malformation::MissingField {
                field: field.into(),
            },
            M::InvalidField { field } => Malformation::InvalidField {
                field: field.into(),
            },
            M::UnsupportedVersion => Malformation::UnsupportedVersion,
            other => Malformation::Other {
                description: other.to_string(),
            },
        }
    }
}

impl From<usersig::Error> for UserSigError {
    fn from(e: usersig::Error) -> Self {
        use usersig::Error as E;
        let detail = e.to_string();
        let tencent_code = e.tencent_code().unwrap_or_default();
        match e {
            E::EmptyKey => UserSigError::EmptyKey { detail },
            E::SdkAppIdOutOfRange { value } => UserSigError::SdkAppIdOutOfRange { value, detail },
            E::EmptyUserId => UserSigError::EmptyUserId { detail },
            E::UserIdTooLong { len, max } => UserSigError::UserIdTooLong {
                len: len as u64,
                max: max as u64,
                detail,
            },
            E::UserIdControlChar { position } => UserSigError::UserIdControlChar {
                position: position as u64,
                detail,
            },
            E::UserbufTooLong { len, max } => UserSigError::UserbufTooLong {
                len: len as u64,
                max: max as u64,
                detail,
            },
            E::ExpireOutOfRange { expire, max } => UserSigError::ExpireOutOfRange {
                expire,
                max,
                detail,
            },
            E::TimeOutOfRange { now } => UserSigError::TimeOutOfRange { now, detail },
            E::ExpiryOverflow { now, expire } => UserSigError::ExpiryOverflow {
                now,
                expire,
                detail,
            },
            E::RoomIdOutOfRange { room_id } => UserSigError::RoomIdOutOfRange { room_id, detail },
            E::EmptyRoomStr => UserSigError::EmptyRoomStr { detail },
            E::RoomStrTooLong { len, max } => UserSigError::RoomStrTooLong {
                len: len as u64,
                max: max as u64,
                detail,
            },
            E::PrivilegeOutOfRange { value } => UserSigError::PrivilegeOutOfRange { value, detail },
            E::Malformed(reason) => UserSigError::Malformed {
                reason: reason.into(),
                tencent_code,
                detail,
            },
            E::Expired { expired_at, now } => UserSigError::Expired {
                expired_at,
                now,
                tencent_code,
                detail,
            },
            E::BadSignature => UserSigError::BadSignature {
                tencent_code,
                detail,
            },
            E::UserIdMismatch { expected, found } => UserSigError::UserIdMismatch {
                expected,
                found,
                tencent_code,
                detail,
            },
            E::SdkAppIdMismatch { expected, found } => UserSigError::SdkAppIdMismatch {
                expected: expected.into(),
                found: found.into(),
                tencent_code,
                detail,
            },
            E::UserbufMismatch => UserSigError::UserbufMismatch {
                tencent_code,
                detail,
            },
            E::MissingUserbuf => UserSigError::MissingUserbuf {
                tencent_code,
                detail,
            },
            E::UnexpectedUserbuf => UserSigError::UnexpectedUserbuf { detail },
            E::UnknownRegion { name } => UserSigError::UnknownRegion { name, detail },
            E::InvalidEndpoint { reason } => UserSigError::InvalidEndpoint {
                reason: reason.into(),
                detail,
            },
            E::InvalidRestPath { part } => UserSigError::InvalidRestPath {
                part: part.into(),
                detail,
            },
            E::RenewMarginOutOfRange { margin, validity } => UserSigError::RenewMarginOutOfRange {
                margin,
                validity,
                detail,
            },
            E::RandomUnavailable => UserSigError::RandomUnavailable { detail },
            E::CallbackParamMissing { name } => UserSigError::CallbackParamMissing {
                name: name.into(),
                detail,
            },
            E::CallbackParamRepeated { name } => UserSigError::CallbackParamRepeated {
                name: name.into(),
                detail,
            },
            E::CallbackParamInvalid { name, reason } => UserSigError::CallbackParamInvalid {
                name: name.into(),
                reason: reason.into(),
                detail,
            },
            E::CallbackBadSignature => UserSigError::CallbackBadSignature { detail },
            E::CallbackOutOfWindow { time, now, window } => UserSigError::CallbackOutOfWindow {
                time,
                now,
                window,
                detail,
            },
            E::CallbackSdkAppIdMismatch { expected, found } => {
                UserSigError::CallbackSdkAppIdMismatch {
                    expected: expected.into(),
                    found: found.into(),
                    detail,
                }
            }
            E::CallbackTooLarge { part, len, max } => UserSigError::CallbackTooLarge {
                part: part.into(),
                len: len as u64,
                max: max as u64,
                detail,
            },
            E::CallbackWindowOutOfRange { window, max } => UserSigError::CallbackWindowOutOfRange {
                window,
                max,
                detail,
            },
            other => UserSigError::Other {
                kind: other.kind().as_str().to_owned(),
                tencent_code,
                detail,
            },
        }
    }
}

/// The sdkappid as the core takes it: foreign callers pass a signed 64-bit integer.
pub(crate) fn sdkappid(value: i64) -> Result<u32, UserSigError> {
    u32::try_from(value).map_err(|_| usersig::Error::SdkAppIdOutOfRange { value }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_errors_carry_their_tencent_code_and_message() {
        let e = UserSigError::from(usersig::Error::Expired {
            expired_at: 10,
            now: 12,
        });
        match e {
            UserSigError::Expired {
                expired_at: 10,
                now: 12,
                tencent_code: 70001,
                detail,
            } => {
                assert_eq!(
                    detail,
                    "the token expired at 10 (Unix seconds); it is now 12, 2 s later (Tencent code 70001)"
                );
            }
            other => panic!("{other:?}"),
        }
        let e = UserSigError::from(usersig::Error::Malformed(
            usersig::Malformation::MissingField { field: "TLS.sig" },
        ));
        assert!(matches!(
            e,
            UserSigError::Malformed {
                reason: Malformation::MissingField { ref field },
                tencent_code: 70003,
                ..
            } if field == "TLS.sig"
        ));
        assert!(matches!(
            UserSigError::from(usersig::Error::UserbufMismatch),
            UserSigError::UserbufMismatch {
                tencent_code: -100006,
                ..
            }
        ));
    }

    /// One error of every kind the core has, in the order of `ErrorKind::ALL`.
    fn one_of_each_kind() -> Vec<usersig::Error> {
        use usersig::Error as E;
        vec![
            E::EmptyKey,
            E::SdkAppIdOutOfRange { value: -1 },
            E::EmptyUserId,
            E::UserIdTooLong { len: 2, max: 1 },
            E::UserIdControlChar { position: 0 },
            E::UserbufTooLong { len: 2, max: 1 },
            E::ExpireOutOfRange { expire: 0, max: 1 },
            E::TimeOutOfRange { now: -1 },
            E::ExpiryOverflow { now: 1, expire: 1 },
            E::RoomIdOutOfRange { room_id: 0 },
            E::EmptyRoomStr,
            E::RoomStrTooLong { len: 2, max: 1 },
            E::PrivilegeOutOfRange { value: 256 },
            E::Malformed(usersig::Malformation::Json),
            E::Expired {
                expired_at: 1,
                now: 2,
            },
            E::BadSignature,
            E::UserIdMismatch {
                expected: "a".into(),
                found: "b".into(),
            },
            E::SdkAppIdMismatch {
                expected: 1,
                found: 2,
            },
            E::UserbufMismatch,
            E::MissingUserbuf,
            E::UnexpectedUserbuf,
            E::UnknownRegion {
                name: "mars".into(),
            },
            E::InvalidEndpoint { reason: "r" },
            E::InvalidRestPath { part: "service" },
            E::RenewMarginOutOfRange {
                margin: 1,
                validity: 1,
            },
            E::RandomUnavailable,
            E::CallbackParamMissing { name: "Sign" },
            E::CallbackParamRepeated { name: "Sign" },
            E::CallbackParamInvalid {
                name: "Sign",
                reason: "r",
            },
            E::CallbackBadSignature,
            E::CallbackOutOfWindow {
                time: 1,
                now: 100,
                window: 60,
            },
            E::CallbackSdkAppIdMismatch {
                expected: 1,
                found: 2,
            },
            E::CallbackTooLarge {
                part: "body",
                len: 2,
                max: 1,
            },
            E::CallbackWindowOutOfRange { window: -1, max: 1 },
        ]
    }

    #[test]
    fn every_core_kind_has_its_own_variant() {
        let errors = one_of_each_kind();
        let kinds: Vec<_> = errors.iter().map(usersig::Error::kind).collect();
        assert_eq!(kinds, usersig::ErrorKind::ALL);
        for e in errors {
            let kind = e.kind();
            let mapped = UserSigError::from(e);
            assert!(
                !matches!(mapped, UserSigError::Other { .. }),
                "{kind} maps to Other"
            );
        }
    }

    #[test]
    fn callback_errors_carry_their_values() {
        assert!(matches!(
            UserSigError::from(usersig::Error::CallbackTooLarge { part: "body", len: 2, max: 1 }),
            UserSigError::CallbackTooLarge { ref part, len: 2, max: 1, .. } if part == "body"
        ));
        assert!(matches!(
            UserSigError::from(usersig::Error::CallbackSdkAppIdMismatch {
                expected: 1,
                found: u32::MAX
            }),
            UserSigError::CallbackSdkAppIdMismatch {
                expected: 1,
                found: 4_294_967_295,
                ..
            }
        ));
        assert!(matches!(
            UserSigError::from(usersig::Error::CallbackParamInvalid { name: "Sign", reason: "r" }),
            UserSigError::CallbackParamInvalid { ref name, ref reason, .. } if name == "Sign" && reason == "r"
        ));
    }

    #[test]
    fn sdkappids_outside_32_bits_are_refused() {
        assert_eq!(sdkappid(4_294_967_295).unwrap(), u32::MAX);
        for bad in [-1, 4_294_967_296, i64::MIN] {
            assert!(matches!(
                sdkappid(bad),
                Err(UserSigError::SdkAppIdOutOfRange { value, .. }) if value == bad
            ));
        }
    }
}
