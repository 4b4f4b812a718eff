//! Checking the callbacks (webhooks) that Tencent's servers POST to an application's backend.
//!
//! Tokens and REST calls go from the backend to Tencent; callbacks come back. Each product signs
//! them its own way, and an application that does not check the signature accepts forged events
//! from anyone who can reach its URL:
//!
//! - [`ChatCallbackVerifier`]: Chat (IM) and TUILiveKit callbacks carry `Sign` and `RequestTime`
//!   in the query string. `Sign` is the SHA-256 of the console's callback token followed by
//!   `RequestTime`, so it proves only that the sender knows the token *at that time*: it does not
//!   cover the body. The time window (60 s either way by default, as Tencent's guide says) bounds
//!   how long a captured `Sign` can be replayed with another body.
//! - [`TrtcCallbackVerifier`]: TRTC's room and media event callbacks carry a `Sign` header, the
//!   base64 of the HMAC-SHA256 of the raw body under the console's callback key. It covers the
//!   whole body, including its `CallbackTs`; checking that time against a window is optional.
//!
//! Both compare signatures in constant time, bound every input ([`MAX_CALLBACK_QUERY_LEN`],
//! [`MAX_CALLBACK_BODY_LEN`]), never show their secret, and wipe it when dropped. Each also
//! *signs* as Tencent does (`sign`), for tests and local fakes of Tencent's servers.
//!
//! `docs/callbacks.md` gives both schemes with their sources.

mod chat;
mod query;
mod trtc;

pub use chat::{ChatCallback, ChatCallbackVerifier};
pub use trtc::{TrtcCallback, TrtcCallbackVerifier};

use crate::Error;

/// The default window for a callback's time: 60 seconds either way of the check's clock, as
/// Tencent's Chat guide prescribes.
pub const DEFAULT_CALLBACK_WINDOW: i64 = 60;

/// The widest window a verifier accepts, in seconds: one day.
pub const MAX_CALLBACK_WINDOW: i64 = 86_400;

/// The longest Chat callback query string a verifier reads, in bytes (for parsed parameters, the
/// sum of their names' and values' lengths); longer input is refused unread.
pub const MAX_CALLBACK_QUERY_LEN: usize = 16 * 1024;

/// The longest TRTC callback body a verifier reads, in bytes; a longer body is refused unhashed.
pub const MAX_CALLBACK_BODY_LEN: usize = 1024 * 1024;

/// Checks a window's width.
fn window(seconds: i64) -> Result<i64, Error> {
    if (0..=MAX_CALLBACK_WINDOW).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(Error::CallbackWindowOutOfRange {
            window: seconds,
            max: MAX_CALLBACK_WINDOW,
        })
    }
}

/// Checks `time` against `now` within `window` seconds either way.
fn within(time: i64, now: i64, window: i64) -> Result<(), Error> {
    if (i128::from(time) - i128::from(now)).abs() <= i128::from(window) {
        Ok(())
    } else {
        Err(Error::CallbackOutOfWindow { time, now, window })
    }
}

/// Parses a decimal number of ASCII digits only (no sign, no space, no `+`), as Tencent sends
/// times and sdkappids.
fn decimal<T: std::str::FromStr>(text: &str, name: &'static str) -> Result<T, Error> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::CallbackParamInvalid {
            name,
            reason: "not a decimal number",
        });
    }
    text.parse().map_err(|_| Error::CallbackParamInvalid {
        name,
        reason: "a number out of range",
    })
}

/// Checks a callback's sdkappid against the expected one, if any.
fn expect_sdkappid(expected: Option<u32>, found: u32) -> Result<(), Error> {
    match expected {
        Some(expected) if expected != found => {
            Err(Error::CallbackSdkAppIdMismatch { expected, found })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_bounded() {
        assert_eq!(window(0), Ok(0));
        assert_eq!(window(MAX_CALLBACK_WINDOW), Ok(MAX_CALLBACK_WINDOW));
        assert!(matches!(
            window(-1),
            Err(Error::CallbackWindowOutOfRange { window: -1, .. })
        ));
        assert!(window(MAX_CALLBACK_WINDOW + 1).is_err());
    }

    #[test]
    fn times_are_compared_without_overflow() {
        assert!(within(100, 160, 60).is_ok());
        assert!(within(160, 100, 60).is_ok());
        assert!(within(99, 160, 60).is_err());
        assert!(within(i64::MAX, i64::MIN, MAX_CALLBACK_WINDOW).is_err());
    }

    #[test]
    fn decimals_are_digits_only() {
        assert_eq!(decimal::<i64>("1669872112", "RequestTime"), Ok(1669872112));
        for bad in ["", "-1", "+1", " 1", "1e3", "0x10", "１"] {
            assert_eq!(
                decimal::<i64>(bad, "RequestTime"),
                Err(Error::CallbackParamInvalid {
                    name: "RequestTime",
                    reason: "not a decimal number"
                }),
                "{bad:?}"
            );
        }
        assert_eq!(
            decimal::<u32>("4294967296", "SdkAppid"),
            Err(Error::CallbackParamInvalid {
                name: "SdkAppid",
                reason: "a number out of range"
            })
        );
    }
}
