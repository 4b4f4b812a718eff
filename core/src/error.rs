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
#[non_exhaustive]
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

    /// The user id holds a control character (U+0000 to U+001F, or U+007F). The signed text is
    /// one field per line, so a user id with a line break could be read back as other fields.
    #[error("the user id has a control character at byte {position}")]
    UserIdControlChar {
        /// The byte offset of the first control character.
        position: usize,
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

    /// The token carries a userbuf other than the one the caller expected.
    #[error("the token's userbuf differs from the one expected (TRTC code -100006)")]
    UserbufMismatch,

    /// The caller expected a userbuf (a PrivateMapKey's room grant, say) and the token carries
    /// none.
    #[error("the token carries no userbuf, and one was expected (TRTC code -100006)")]
    MissingUserbuf,

    /// The token carries a userbuf (it is a PrivateMapKey, say) and the caller asked for a plain
    /// UserSig. A narrow token must not pass as a login token: use
    /// [`Verifier::verify_with_userbuf_at`](crate::Verifier::verify_with_userbuf_at) or
    /// [`Verifier::verify_any_userbuf_at`](crate::Verifier::verify_any_userbuf_at) for tokens
    /// that carry one.
    #[error("the token carries a userbuf, and a plain UserSig was expected")]
    UnexpectedUserbuf,

    /// A region name is none of [`Region::name`](crate::Region::name)'s.
    #[error(
        "unknown region {name:?}; expected one of china, singapore, seoul, tokyo, frankfurt, \
         mumbai, silicon-valley, jakarta"
    )]
    UnknownRegion {
        /// The name that was given.
        name: String,
    },

    /// A REST API host or base URL is not acceptable (see [`Endpoint`](crate::Endpoint)).
    #[error("invalid REST API endpoint: {reason}")]
    InvalidEndpoint {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A REST API service or command name is empty, `.` or `..`, or has a character outside
    /// `A-Z a-z 0-9 _ . -`.
    #[error(
        "the REST API {part} name is empty, . or .., or has a character outside A-Z a-z 0-9 _ . -"
    )]
    InvalidRestPath {
        /// `"service"` or `"command"`.
        part: &'static str,
    },

    /// An admin token's renewal margin is negative or not shorter than its validity.
    #[error("renewal margin {margin} s is outside 0..{validity} s (it must be shorter than the validity)")]
    RenewMarginOutOfRange {
        /// The margin that was given, in seconds.
        margin: i64,
        /// The validity it must be shorter than, in seconds.
        validity: i64,
    },

    /// The operating system's random number generator failed.
    #[error("the operating system's random number generator is unavailable")]
    RandomUnavailable,

    /// A callback lacks a parameter: one of Chat's query parameters, an empty or absent TRTC
    /// header, or the body's `CallbackTs` when a window is set.
    #[error("the callback has no {name} parameter")]
    CallbackParamMissing {
        /// The parameter's name, as Tencent spells it (`Sign`, `RequestTime`, `SdkAppId`, …).
        name: &'static str,
    },

    /// A Chat callback's query has a checked parameter more than once.
    #[error("the callback has the {name} parameter more than once")]
    CallbackParamRepeated {
        /// The parameter's name.
        name: &'static str,
    },

    /// A callback parameter is not in the form Tencent sends: a `Sign` that is not 64 lowercase
    /// hex digits (Chat) or the base64 of 32 bytes (TRTC), a time or sdkappid that is not a
    /// decimal number in range, a checked parameter percent-encoded, a query with a broken
    /// percent escape (name `query`), a TRTC body that is not a JSON object (name `body`).
    #[error("the callback's {name} is invalid: {reason}")]
    CallbackParamInvalid {
        /// The parameter's name, or `query` or `body`.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The callback's signature does not match: it was forged, altered after signing, or signed
    /// with another token or key.
    #[error(
        "the callback's signature does not match: forged, altered, or signed with another key"
    )]
    CallbackBadSignature,

    /// The callback's time (Chat's `RequestTime`, TRTC's `CallbackTs`) is outside the window:
    /// replayed, or the two clocks disagree.
    #[error(
        "the callback was signed at {time} (Unix seconds), more than {window} s from now ({now})"
    )]
    CallbackOutOfWindow {
        /// The callback's time, in Unix seconds.
        time: i64,
        /// The time of the check.
        now: i64,
        /// The window's width, in seconds either way.
        window: i64,
    },

    /// The callback is for another application.
    #[error("the callback is for sdkappid {found}, not {expected}")]
    CallbackSdkAppIdMismatch {
        /// The sdkappid the verifier expects.
        expected: u32,
        /// The callback's.
        found: u32,
    },

    /// A callback's query or body is longer than its bound
    /// ([`MAX_CALLBACK_QUERY_LEN`](crate::MAX_CALLBACK_QUERY_LEN),
    /// [`MAX_CALLBACK_BODY_LEN`](crate::MAX_CALLBACK_BODY_LEN)), and was not read.
    #[error("the callback's {part} is {len} bytes long; at most {max} are read")]
    CallbackTooLarge {
        /// `"query"` or `"body"`.
        part: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// A callback window is negative or wider than
    /// [`MAX_CALLBACK_WINDOW`](crate::MAX_CALLBACK_WINDOW).
    #[error("callback window {window} s is outside 0..={max} s")]
    CallbackWindowOutOfRange {
        /// The window that was given, in seconds.
        window: i64,
        /// The limit, in seconds.
        max: i64,
    },
}

impl Error {
    /// The kind of error, without its data: a stable name for logs, metrics and machine-readable
    /// output, and the Tencent code.
    ///
    /// # Example
    /// ```
    /// use usersig::{Error, ErrorKind};
    /// assert_eq!(Error::BadSignature.kind(), ErrorKind::BadSignature);
    /// assert_eq!(Error::BadSignature.kind().as_str(), "bad_signature");
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::EmptyKey => ErrorKind::EmptyKey,
            Error::SdkAppIdOutOfRange { .. } => ErrorKind::SdkAppIdOutOfRange,
            Error::EmptyUserId => ErrorKind::EmptyUserId,
            Error::UserIdTooLong { .. } => ErrorKind::UserIdTooLong,
            Error::UserIdControlChar { .. } => ErrorKind::UserIdControlChar,
            Error::UserbufTooLong { .. } => ErrorKind::UserbufTooLong,
            Error::ExpireOutOfRange { .. } => ErrorKind::ExpireOutOfRange,
            Error::TimeOutOfRange { .. } => ErrorKind::TimeOutOfRange,
            Error::ExpiryOverflow { .. } => ErrorKind::ExpiryOverflow,
            Error::RoomIdOutOfRange { .. } => ErrorKind::RoomIdOutOfRange,
            Error::EmptyRoomStr => ErrorKind::EmptyRoomStr,
            Error::RoomStrTooLong { .. } => ErrorKind::RoomStrTooLong,
            Error::PrivilegeOutOfRange { .. } => ErrorKind::PrivilegeOutOfRange,
            Error::Malformed(_) => ErrorKind::Malformed,
            Error::Expired { .. } => ErrorKind::Expired,
            Error::BadSignature => ErrorKind::BadSignature,
            Error::UserIdMismatch { .. } => ErrorKind::UserIdMismatch,
            Error::SdkAppIdMismatch { .. } => ErrorKind::SdkAppIdMismatch,
            Error::UserbufMismatch => ErrorKind::UserbufMismatch,
            Error::MissingUserbuf => ErrorKind::MissingUserbuf,
            Error::UnexpectedUserbuf => ErrorKind::UnexpectedUserbuf,
            Error::UnknownRegion { .. } => ErrorKind::UnknownRegion,
            Error::InvalidEndpoint { .. } => ErrorKind::InvalidEndpoint,
            Error::InvalidRestPath { .. } => ErrorKind::InvalidRestPath,
            Error::RenewMarginOutOfRange { .. } => ErrorKind::RenewMarginOutOfRange,
            Error::RandomUnavailable => ErrorKind::RandomUnavailable,
            Error::CallbackParamMissing { .. } => ErrorKind::CallbackParamMissing,
            Error::CallbackParamRepeated { .. } => ErrorKind::CallbackParamRepeated,
            Error::CallbackParamInvalid { .. } => ErrorKind::CallbackParamInvalid,
            Error::CallbackBadSignature => ErrorKind::CallbackBadSignature,
            Error::CallbackOutOfWindow { .. } => ErrorKind::CallbackOutOfWindow,
            Error::CallbackSdkAppIdMismatch { .. } => ErrorKind::CallbackSdkAppIdMismatch,
            Error::CallbackTooLarge { .. } => ErrorKind::CallbackTooLarge,
            Error::CallbackWindowOutOfRange { .. } => ErrorKind::CallbackWindowOutOfRange,
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
        self.kind().tencent_code()
    }
}

/// Declares [`ErrorKind`] from one table, so that its list, names and codes cannot disagree.
macro_rules! error_kinds {
    ($($(#[$doc:meta])* $kind:ident = $name:literal, $code:expr;)*) => {
        /// The kind of an [`Error`], without its data: what every language's exception classes
        /// are made from.
        ///
        /// The bindings check their classes against [`ErrorKind::ALL`], so a new kind cannot be
        /// forgotten in one language.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $($(#[$doc])* $kind,)*
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind),*];

            /// The kind's stable snake_case name (`"expired"`, `"bad_signature"`, …).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorKind::$kind => $name,)*
                }
            }

            /// The code Tencent's servers return for the same fault; `None` for input errors.
            pub const fn tencent_code(self) -> Option<i32> {
                match self {
                    $(ErrorKind::$kind => $code,)*
                }
            }
        }
    };
}

error_kinds! {
    /// [`Error::EmptyKey`].
    EmptyKey = "empty_key", None;
    /// [`Error::SdkAppIdOutOfRange`].
    SdkAppIdOutOfRange = "sdkappid_out_of_range", None;
    /// [`Error::EmptyUserId`].
    EmptyUserId = "empty_user_id", None;
    /// [`Error::UserIdTooLong`].
    UserIdTooLong = "user_id_too_long", None;
    /// [`Error::UserIdControlChar`].
    UserIdControlChar = "user_id_control_char", None;
    /// [`Error::UserbufTooLong`].
    UserbufTooLong = "userbuf_too_long", None;
    /// [`Error::ExpireOutOfRange`].
    ExpireOutOfRange = "expire_out_of_range", None;
    /// [`Error::TimeOutOfRange`].
    TimeOutOfRange = "time_out_of_range", None;
    /// [`Error::ExpiryOverflow`].
    ExpiryOverflow = "expiry_overflow", None;
    /// [`Error::RoomIdOutOfRange`].
    RoomIdOutOfRange = "room_id_out_of_range", None;
    /// [`Error::EmptyRoomStr`].
    EmptyRoomStr = "empty_room_str", None;
    /// [`Error::RoomStrTooLong`].
    RoomStrTooLong = "room_str_too_long", None;
    /// [`Error::PrivilegeOutOfRange`].
    PrivilegeOutOfRange = "privilege_out_of_range", None;
    /// [`Error::Malformed`].
    Malformed = "malformed", Some(70003);
    /// [`Error::Expired`].
    Expired = "expired", Some(70001);
    /// [`Error::BadSignature`].
    BadSignature = "bad_signature", Some(70009);
    /// [`Error::UserIdMismatch`].
    UserIdMismatch = "user_id_mismatch", Some(70013);
    /// [`Error::SdkAppIdMismatch`].
    SdkAppIdMismatch = "sdkappid_mismatch", Some(70014);
    /// [`Error::UserbufMismatch`].
    UserbufMismatch = "userbuf_mismatch", Some(-100006);
    /// [`Error::MissingUserbuf`].
    MissingUserbuf = "missing_userbuf", Some(-100006);
    /// [`Error::UnexpectedUserbuf`].
    UnexpectedUserbuf = "unexpected_userbuf", None;
    /// [`Error::UnknownRegion`].
    UnknownRegion = "unknown_region", None;
    /// [`Error::InvalidEndpoint`].
    InvalidEndpoint = "invalid_endpoint", None;
    /// [`Error::InvalidRestPath`].
    InvalidRestPath = "invalid_rest_path", None;
    /// [`Error::RenewMarginOutOfRange`].
    RenewMarginOutOfRange = "renew_margin_out_of_range", None;
    /// [`Error::RandomUnavailable`].
    RandomUnavailable = "random_unavailable", None;
    /// [`Error::CallbackParamMissing`].
    CallbackParamMissing = "callback_param_missing", None;
    /// [`Error::CallbackParamRepeated`].
    CallbackParamRepeated = "callback_param_repeated", None;
    /// [`Error::CallbackParamInvalid`].
    CallbackParamInvalid = "callback_param_invalid", None;
    /// [`Error::CallbackBadSignature`].
    CallbackBadSignature = "callback_bad_signature", None;
    /// [`Error::CallbackOutOfWindow`].
    CallbackOutOfWindow = "callback_out_of_window", None;
    /// [`Error::CallbackSdkAppIdMismatch`].
    CallbackSdkAppIdMismatch = "callback_sdkappid_mismatch", None;
    /// [`Error::CallbackTooLarge`].
    CallbackTooLarge = "callback_too_large", None;
    /// [`Error::CallbackWindowOutOfRange`].
    CallbackWindowOutOfRange = "callback_window_out_of_range", None;
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a token could not be decoded. Never echoes the token's bytes.
#[non_exhaustive]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_snake_case_name() {
        let mut names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn the_kinds_tencent_reports_have_its_code() {
        let coded: Vec<(&str, i32)> = ErrorKind::ALL
            .iter()
            .filter_map(|k| Some((k.as_str(), k.tencent_code()?)))
            .collect();
        assert_eq!(
            coded,
            [
                ("malformed", 70003),
                ("expired", 70001),
                ("bad_signature", 70009),
                ("user_id_mismatch", 70013),
                ("sdkappid_mismatch", 70014),
                ("userbuf_mismatch", -100006),
                ("missing_userbuf", -100006),
            ]
        );
    }
}
