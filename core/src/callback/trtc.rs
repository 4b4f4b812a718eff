//! TRTC's scheme: the `Sign` header is the base64 of the HMAC-SHA256 of the raw body.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::{decimal, expect_sdkappid, window, within};
use crate::key::SigningKey;
use crate::{unix_now, Error, MAX_CALLBACK_BODY_LEN};

const SIGN: &str = "Sign";
const SDKAPPID: &str = "SdkAppId";
const CALLBACK_TS: &str = "CallbackTs";

/// Checks TRTC's event callbacks (room and media events).
///
/// Each POST carries the headers `Sign` and `SdkAppId`. `Sign` is the standard base64 (padded)
/// of the HMAC-SHA256 of the body, exactly as sent, under the callback key set in the TRTC
/// console; so the verifier is given the raw body, before any JSON parsing (a body parsed and
/// written again is another body). A verifier checks, in this order:
///
/// 1. the body's size ([`Error::CallbackTooLarge`] past [`MAX_CALLBACK_BODY_LEN`] bytes);
/// 2. both headers' form: `Sign` the base64 of 32 bytes, `SdkAppId` decimal digits
///    ([`Error::CallbackParamMissing`] for an empty header, [`Error::CallbackParamInvalid`]);
/// 3. the signature, in constant time ([`Error::CallbackBadSignature`]);
/// 4. the sdkappid, if one is expected ([`Error::CallbackSdkAppIdMismatch`]);
/// 5. that the body is a JSON object whose `EventGroupId`, `EventType` and `CallbackTs` are
///    integers when present ([`Error::CallbackParamInvalid`]);
/// 6. if a window is set, that `CallbackTs` (milliseconds) is present and within the window of
///    the clock ([`Error::CallbackParamMissing`], [`Error::CallbackOutOfWindow`]).
///
/// The window is off by default: Tencent documents none for these callbacks. The signature
/// covers `CallbackTs`, so with a window a captured callback replays only within it.
///
/// It keeps the key's prepared HMAC state (not the raw key), never shows it, and wipes it when
/// dropped.
///
/// # Example
/// ```
/// use usersig::{Error, TrtcCallbackVerifier};
///
/// let verifier = TrtcCallbackVerifier::new("callback key")?
///     .with_sdkappid(1400000000)
///     .with_window(60)?;
/// let body = br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{}}"#;
/// let sign = verifier.sign(body);
///
/// let event = verifier.verify_at(&sign, "1400000000", body, 1700000010)?;
/// assert_eq!((event.event_group_id, event.event_type), (Some(1), Some(103)));
///
/// let forged = verifier.verify_at(&sign, "1400000000", b"{}", 1700000010).unwrap_err();
/// assert_eq!(forged, Error::CallbackBadSignature);
/// # Ok::<(), usersig::Error>(())
/// ```
#[derive(Clone)]
pub struct TrtcCallbackVerifier {
    key: SigningKey,
    sdkappid: Option<u32>,
    window: Option<i64>,
}

/// A TRTC callback whose signature (and sdkappid and time, if checked) passed, with the body's
/// fields that say what happened. The rest of the body is the caller's to parse.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrtcCallback {
    /// The `SdkAppId` header.
    pub sdkappid: u32,
    /// The body's `EventGroupId` (1 room events, 2 media events, …), if present.
    pub event_group_id: Option<i64>,
    /// The body's `EventType` (103 a user entered the room, …), if present.
    pub event_type: Option<i64>,
    /// The body's `CallbackTs`, in Unix milliseconds, if present.
    pub callback_ts: Option<i64>,
}

impl TrtcCallbackVerifier {
    /// Prepares a verifier for the callback key set in the TRTC console, accepting any sdkappid,
    /// with no window.
    ///
    /// # Errors
    /// [`Error::EmptyKey`] if `key` is empty.
    pub fn new(key: &str) -> Result<TrtcCallbackVerifier, Error> {
        Ok(TrtcCallbackVerifier {
            key: SigningKey::new(key)?,
            sdkappid: None,
            window: None,
        })
    }

    /// Refuses callbacks for any other sdkappid than `sdkappid`.
    pub fn with_sdkappid(self, sdkappid: u32) -> TrtcCallbackVerifier {
        TrtcCallbackVerifier {
            sdkappid: Some(sdkappid),
            ..self
        }
    }

    /// Sets a window: the body's `CallbackTs` must then be present, and at most `seconds` before
    /// or after the check's clock.
    ///
    /// # Errors
    /// [`Error::CallbackWindowOutOfRange`] unless `seconds` is in
    /// 0..=[`MAX_CALLBACK_WINDOW`](crate::MAX_CALLBACK_WINDOW).
    pub fn with_window(self, seconds: i64) -> Result<TrtcCallbackVerifier, Error> {
        Ok(TrtcCallbackVerifier {
            window: Some(window(seconds)?),
            ..self
        })
    }

    /// The sdkappid it expects, if any.
    pub fn sdkappid(&self) -> Option<u32> {
        self.sdkappid
    }

    /// The window's width in seconds either way, if one is set.
    pub fn window(&self) -> Option<i64> {
        self.window
    }

    /// Checks a callback against the system clock: its `Sign` and `SdkAppId` headers (an absent
    /// header is passed as `""`) and its raw body.
    ///
    /// # Errors
    /// See [`TrtcCallbackVerifier`].
    pub fn verify(&self, sign: &str, sdkappid: &str, body: &[u8]) -> Result<TrtcCallback, Error> {
        self.verify_at(sign, sdkappid, body, unix_now())
    }

    /// Checks a callback at `now` (Unix seconds).
    ///
    /// # Errors
    /// See [`TrtcCallbackVerifier`].
    pub fn verify_at(
        &self,
        sign: &str,
        sdkappid: &str,
        body: &[u8],
        now: i64,
    ) -> Result<TrtcCallback, Error> {
        if body.len() > MAX_CALLBACK_BODY_LEN {
            return Err(Error::CallbackTooLarge {
                part: "body",
                len: body.len(),
                max: MAX_CALLBACK_BODY_LEN,
            });
        }
        let sign = header(sign, SIGN)?;
        let sdkappid: u32 = decimal(header(sdkappid, SDKAPPID)?, SDKAPPID)?;
        let signature = STANDARD
            .decode(sign)
            .ok()
            .filter(|bytes| bytes.len() == 32)
            .ok_or(Error::CallbackParamInvalid {
                name: SIGN,
                reason: "not the base64 of 32 bytes",
            })?;
        if !self.key.verify_bytes(body, &signature) {
            return Err(Error::CallbackBadSignature);
        }
        expect_sdkappid(self.sdkappid, sdkappid)?;
        let event = read_event(sdkappid, body)?;
        if let Some(window) = self.window {
            let ts = event
                .callback_ts
                .ok_or(Error::CallbackParamMissing { name: CALLBACK_TS })?;
            within(ts.div_euclid(1000), now, window)?;
        }
        Ok(event)
    }

    /// The `Sign` header Tencent sends with `body`: the signing twin of the checks, for tests
    /// and local fakes of Tencent's servers.
    pub fn sign(&self, body: &[u8]) -> String {
        STANDARD.encode(self.key.sign_bytes(body))
    }
}

fn header<'a>(value: &'a str, name: &'static str) -> Result<&'a str, Error> {
    if value.is_empty() {
        Err(Error::CallbackParamMissing { name })
    } else {
        Ok(value)
    }
}

/// Reads the body's event fields; the rest of the object is left to the caller.
fn read_event(sdkappid: u32, body: &[u8]) -> Result<TrtcCallback, Error> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(body).map_err(|_| Error::CallbackParamInvalid {
            name: "body",
            reason: "not a JSON object",
        })?;
    let integer = |name: &'static str| match object.get(name) {
        None => Ok(None),
        Some(value) => value.as_i64().map(Some).ok_or(Error::CallbackParamInvalid {
            name,
            reason: "not an integer",
        }),
    };
    Ok(TrtcCallback {
        sdkappid,
        event_group_id: integer("EventGroupId")?,
        event_type: integer("EventType")?,
        callback_ts: integer(CALLBACK_TS)?,
    })
}

impl fmt::Debug for TrtcCallbackVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrtcCallbackVerifier")
            .field("key", &self.key)
            .field("sdkappid", &self.sdkappid)
            .field("window", &self.window)
            .finish()
    }
}
