//! Errors as data: one variant per way a call can fail.
//!
//! Input errors (the first group) come from the signer and the constructors when a caller passes a
//! value Tencent would reject or that would make a broken token. Verification errors (the second
//! group) say why a token was refused, and each maps onto the error code Tencent's servers return
//! for the same fault, so an application can tell its users what went wrong.

use std::fmt;

/// Everything that can go wrong when minting, verifying or inspecting a token.
///
/// No variant ever carries the secret key. Values taken from an untrusted token (such as
/// [`Error::UserIdMismatch::found`]) are shown escaped by [`fmt::Display`], so printing an error
/// cannot inject control characters into a log.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The secret key is empty, or a verifier was given no key at all. The console's key is a
    /// non-empty string.
    #[error("the secret key is empty (or no key was given)")]
    EmptyKey,

    /// The sdkappid does not fit in 32 bits (it is negative or larger than 4294967295).
    #[error("sdkappid {value} is outside 0..=4294967295")]
    SdkAppIdOutOfRange {
        /// The value that was given.
        value: i64,
    },

    /// The user id is empty.
    #[error("the user id is empty")]
    EmptyUserId,

    /// The user id is longer than [`MAX_USER_ID_LEN`](crate::MAX_USER_ID_LEN) bytes of UTF-8.
    #[error("the user id is {len} bytes long; at most {max} are allowed")]
    UserIdTooLong {
        /// Its length in bytes of UTF-8.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// The userbuf is longer than [`MAX_USERBUF_LEN`](crate::MAX_USERBUF_LEN) bytes.
    #[error("the userbuf is {len} bytes long; at most {max} are allowed")]
    UserbufTooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// The validity is not positive or exceeds [`MAX_EXPIRE`](crate::MAX_EXPIRE) (50 years).
    #[error("expire {expire} s is outside 1..={max} s (at most 50 years)")]
    ExpireOutOfRange {
        /// The validity that was given, in seconds.
        expire: i64,
        /// The limit, in seconds.
        max: i64,
    },

    /// The issue time is before 1970 or past 2106 (it must fit in 32 unsigned bits).
    #[error("time {now} is outside 0..=4294967295 (Unix seconds)")]
    TimeOutOfRange {
        /// The time that was given, in Unix seconds.
        now: i64,
    },

    /// `now + expire` is past 2^32 - 1, the last second a PrivateMapKey (and Tencent's 32-bit
    /// verifiers) can represent.
    #[error("time {now} plus expire {expire} is past 4294967295 (the year 2106)")]
    ExpiryOverflow {
        /// The issue time, in Unix seconds.
        now: i64,
        /// The validity, in seconds.
        expire: i64,
    },

    /// A numeric room id is outside 1..=4294967294, the range TRTC accepts.
    #[error("room id {room_id} is outside 1..=4294967294")]
    RoomIdOutOfRange {
        /// The room id that was given.
        room_id: i64,
    },

    /// A string room id is empty. Use a numeric room instead, or give the room a name.
    #[error("the string room id is empty")]
    EmptyRoomStr,

    /// A string room id is longer than [`MAX_ROOM_STR_LEN`](crate::MAX_ROOM_STR_LEN) bytes.
    #[error("the string room id is {len} bytes long; at most {max} are allowed")]
    RoomStrTooLong {
        /// Its length in bytes of UTF-8.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// A privilege mask has bits outside the eight that TRTC defines.
    #[error("privilege mask {value} is outside 0..=255")]
    PrivilegeOutOfRange {
        /// The mask that was given.
        value: i64,
    },

    /// The token cannot be decoded: it is not a UserSig at all, or is damaged or truncated.
    #[error("the token is malformed: {0} (Tencent code 70003)")]
    Malformed(Malformation),

    /// The token has expired.
    #[error(
        "the token expired at {expired_at} (Unix seconds); it is now {now}, {} s later \
         (Tencent code 70001)",
        now.saturating_sub(*expired_at)
    )]
    Expired {
        /// The last second at which the token was valid.
        expired_at: i64,
        /// The time of the check.
        now: i64,
    },

    /// The signature does not match: the token was signed with another key (or another app's
    /// key), or a field was changed after signing.
    #[error(
        "the signature does not match: signed with another key, or altered after signing \
         (Tencent code 70009)"
    )]
    BadSignature,

    /// The token was issued to another user id.
    #[error(
        "the token is for user id {found:?}, not {expected:?} (user ids are compared exactly, \
         case-sensitively; Tencent code 70013)"
    )]
    UserIdMismatch {
        /// The user id the caller expected.
        expected: String,
        /// The user id in the token.
        found: String,
    },

    /// The token was issued for another application.
    #[error("the token is for sdkappid {found}, not {expected} (Tencent code 70014)")]
    SdkAppIdMismatch {
        /// The sdkappid the verifier was made for.
        expected: u32,
        /// The sdkappid in the token.
        found: u32,
    },

    /// The caller expected a userbuf (a PrivateMapKey's room grant, say) and the token carries
    /// none, or a different one.
    #[error("the token's userbuf is missing or differs from the one expected (TRTC code -100006)")]
    UserbufMismatch,
}

impl Error {
    /// A stable snake_case name for the kind of error, for logs, metrics and machine-readable
    /// output (`"expired"`, `"bad_signature"`, …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(usersig::Error::BadSignature.kind(), "bad_signature");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::EmptyKey => "empty_key",
            Error::SdkAppIdOutOfRange { .. } => "sdkappid_out_of_range",
            Error::EmptyUserId => "empty_user_id",
            Error::UserIdTooLong { .. } => "user_id_too_long",
            Error::UserbufTooLong { .. } => "userbuf_too_long",
            Error::ExpireOutOfRange { .. } => "expire_out_of_range",
            Error::TimeOutOfRange { .. } => "time_out_of_range",
            Error::ExpiryOverflow { .. } => "expiry_overflow",
            Error::RoomIdOutOfRange { .. } => "room_id_out_of_range",
            Error::EmptyRoomStr => "empty_room_str",
            Error::RoomStrTooLong { .. } => "room_str_too_long",
            Error::PrivilegeOutOfRange { .. } => "privilege_out_of_range",
            Error::Malformed(_) => "malformed",
            Error::Expired { .. } => "expired",
            Error::BadSignature => "bad_signature",
            Error::UserIdMismatch { .. } => "user_id_mismatch",
            Error::SdkAppIdMismatch { .. } => "sdkappid_mismatch",
            Error::UserbufMismatch => "userbuf_mismatch",
        }
    }

    /// The error code Tencent's servers return for the same fault, for verification errors.
    ///
    /// Input errors (raised before any token exists) have no Tencent counterpart and return
    /// `None`.
    ///
    /// # Example
    /// ```
    /// use usersig::Error;
    /// assert_eq!(Error::BadSignature.tencent_code(), Some(70009));
    /// assert_eq!(Error::EmptyUserId.tencent_code(), None);
    /// ```
    pub fn tencent_code(&self) -> Option<i32> {
        match self {
            Error::Malformed(_) => Some(70003),
            Error::Expired { .. } => Some(70001),
            Error::BadSignature => Some(70009),
            Error::UserIdMismatch { .. } => Some(70013),
            Error::SdkAppIdMismatch { .. } => Some(70014),
            Error::UserbufMismatch => Some(-100006),
            Error::EmptyKey
            | Error::SdkAppIdOutOfRange { .. }
            | Error::EmptyUserId
            | Error::UserIdTooLong { .. }
            | Error::UserbufTooLong { .. }
            | Error::ExpireOutOfRange { .. }
            | Error::TimeOutOfRange { .. }
            | Error::ExpiryOverflow { .. }
            | Error::RoomIdOutOfRange { .. }
            | Error::EmptyRoomStr
            | Error::RoomStrTooLong { .. }
            | Error::PrivilegeOutOfRange { .. } => None,
        }
    }
}

/// Why a token could not be decoded. Never echoes the token's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformation {
    /// The token is longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN) characters.
    TooLong {
        /// The token's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Not base64 (standard or Tencent's `*-_` variant), or padding is missing.
    Base64,
    /// Not a complete zlib stream (raw deflate, truncated, bad checksum, or trailing bytes).
    Zlib,
    /// The decompressed JSON would be larger than
    /// [`MAX_INFLATED_LEN`](crate::MAX_INFLATED_LEN) bytes.
    TooLargeInflated {
        /// The limit.
        max: usize,
    },
    /// The decompressed bytes are not a JSON object.
    Json,
    /// A required field is missing.
    MissingField {
        /// The field's name, such as `TLS.sig`.
        field: &'static str,
    },
    /// A field has the wrong JSON type or is out of range (numbers must be JSON integers).
    InvalidField {
        /// The field's name, such as `TLS.time`.
        field: &'static str,
    },
    /// `TLS.ver` is not `"2.0"`.
    UnsupportedVersion,
}

impl fmt::Display for Malformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformation::TooLong { len, max } => {
                write!(f, "it is {len} characters long; at most {max} are accepted")
            }
            Malformation::Base64 => f.write_str("not valid base64 (or the padding is missing)"),
            Malformation::Zlib => f.write_str("not a complete zlib stream"),
            Malformation::TooLargeInflated { max } => {
                write!(f, "it decompresses to more than {max} bytes")
            }
            Malformation::Json => f.write_str("the decompressed content is not a JSON object"),
            Malformation::MissingField { field } => write!(f, "field {field} is missing"),
            Malformation::InvalidField { field } => {
                write!(f, "field {field} has the wrong type or value")
            }
            Malformation::UnsupportedVersion => f.write_str("TLS.ver is not \"2.0\""),
        }
    }
}

impl From<Malformation> for Error {
    fn from(m: Malformation) -> Self {
        Error::Malformed(m)
    }
}
