//! Chat's scheme: `Sign` is the SHA-256 of the callback token followed by `RequestTime`.

use std::borrow::Cow;
use std::fmt;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::query::{self, Param};
use super::{decimal, expect_sdkappid, window, within, DEFAULT_CALLBACK_WINDOW};
use crate::{unix_now, Error, MAX_CALLBACK_QUERY_LEN};

/// The parameters the verifier reads, by the names Chat gives them, in the order their faults
/// are reported.
const SDKAPPID: &str = "SdkAppid";
const COMMAND: &str = "CallbackCommand";
const REQUEST_TIME: &str = "RequestTime";
const SIGN: &str = "Sign";
const CHECKED: [&str; 4] = [SDKAPPID, COMMAND, REQUEST_TIME, SIGN];

/// Every spelling of a checked parameter, with its place in [`CHECKED`]: TUILiveKit's webhooks
/// name the first two `SdkAppId` and `WebhookCommand`.
const SPELLINGS: [(&str, usize); 6] = [
    (SDKAPPID, 0),
    ("SdkAppId", 0),
    (COMMAND, 1),
    ("WebhookCommand", 1),
    (REQUEST_TIME, 2),
    (SIGN, 3),
];

/// Checks Chat (IM) callbacks, and TUILiveKit's webhooks, which Tencent signs the same way.
///
/// Tencent adds `SdkAppid`, `CallbackCommand`, `RequestTime` and `Sign` (with `contenttype`,
/// `ClientIP` and `OptPlatform`) to the callback URL's query string; TUILiveKit names the first
/// two `SdkAppId` and `WebhookCommand`, and either spelling is read. `Sign` is the lowercase hex
/// SHA-256 of the console's callback token immediately followed by `RequestTime`'s digits. A
/// verifier checks, in this order:
///
/// 1. that each of those four parameters appears exactly once, as Tencent writes it: `Sign` as
///    64 lowercase hex digits, `RequestTime` and `SdkAppid` as decimal digits, none of the four
///    percent-encoded ([`Error::CallbackParamMissing`], [`Error::CallbackParamRepeated`],
///    [`Error::CallbackParamInvalid`]);
/// 2. the signature, in constant time ([`Error::CallbackBadSignature`]);
/// 3. the sdkappid, if one is expected ([`Error::CallbackSdkAppIdMismatch`]);
/// 4. that `RequestTime` is within the window of the clock, 60 s either way unless set
///    ([`Error::CallbackOutOfWindow`]).
///
/// The signature does not cover the body or the other parameters: within the window, whoever
/// captured one signed URL can send it with another body. The window bounds that; an application
/// that must also refuse an exact replay remembers the `Sign`s it accepted for the window's
/// width.
///
/// It keeps SHA-256's state after absorbing the token (which is as secret as the token), never
/// shows it, and wipes it when dropped.
///
/// # Example
/// ```
/// use usersig::{ChatCallbackVerifier, Error};
///
/// let verifier = ChatCallbackVerifier::new("xxxxyyyy")?.with_sdkappid(888888);
/// let query = "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin\
///     &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112\
///     &Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
///
/// let callback = verifier.verify_query_at(query, 1669872130)?;
/// assert_eq!(callback.command, "Group.CallbackAfterNewMemberJoin");
/// assert_eq!(callback.params[0], ("contenttype".to_owned(), "json".to_owned()));
///
/// let late = verifier.verify_query_at(query, 1669872112 + 61).unwrap_err();
/// assert!(matches!(late, Error::CallbackOutOfWindow { .. }));
/// # Ok::<(), usersig::Error>(())
/// ```
#[derive(Clone)]
pub struct ChatCallbackVerifier {
    keyed: Box<Sha256>,
    sdkappid: Option<u32>,
    window: i64,
}

/// A Chat callback (or TUILiveKit webhook) whose signature, sdkappid and time passed.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatCallback {
    /// `CallbackCommand` (TUILiveKit's `WebhookCommand`), such as
    /// `Group.CallbackAfterNewMemberJoin`: which event this is.
    pub command: String,
    /// `SdkAppid` (TUILiveKit's `SdkAppId`).
    pub sdkappid: u32,
    /// `RequestTime`, in Unix seconds.
    pub request_time: i64,
    /// Every other parameter (`contenttype`, `ClientIP`, `OptPlatform`, and the URL's own), in
    /// order, percent-decoded. These are not signed.
    pub params: Vec<(String, String)>,
}

impl ChatCallbackVerifier {
    /// Prepares a verifier for the callback token set in the Chat console, accepting any
    /// sdkappid and a window of [`DEFAULT_CALLBACK_WINDOW`] seconds.
    ///
    /// # Errors
    /// [`Error::EmptyKey`] if `token` is empty.
    pub fn new(token: &str) -> Result<ChatCallbackVerifier, Error> {
        if token.is_empty() {
            return Err(Error::EmptyKey);
        }
        let mut keyed = Box::new(Sha256::new());
        keyed.update(token.as_bytes());
        Ok(ChatCallbackVerifier {
            keyed,
            sdkappid: None,
            window: DEFAULT_CALLBACK_WINDOW,
        })
    }

    /// Refuses callbacks for any other sdkappid than `sdkappid`.
    pub fn with_sdkappid(self, sdkappid: u32) -> ChatCallbackVerifier {
        ChatCallbackVerifier {
            sdkappid: Some(sdkappid),
            ..self
        }
    }

    /// Sets the window: a callback's `RequestTime` may be at most `seconds` before or after the
    /// check's clock.
    ///
    /// # Errors
    /// [`Error::CallbackWindowOutOfRange`] unless `seconds` is in
    /// 0..=[`MAX_CALLBACK_WINDOW`](crate::MAX_CALLBACK_WINDOW).
    pub fn with_window(self, seconds: i64) -> Result<ChatCallbackVerifier, Error> {
        Ok(ChatCallbackVerifier {
            window: window(seconds)?,
            ..self
        })
    }

    /// The sdkappid it expects, if any.
    pub fn sdkappid(&self) -> Option<u32> {
        self.sdkappid
    }

    /// The window's width, in seconds either way.
    pub fn window(&self) -> i64 {
        self.window
    }

    /// Checks a callback's raw query string (what follows `?` in the request's URL; a leading `?`
    /// is skipped) against the system clock.
    ///
    /// # Errors
    /// See [`verify_query_at`](Self::verify_query_at).
    pub fn verify_query(&self, query: &str) -> Result<ChatCallback, Error> {
        self.verify_query_at(query, unix_now())
    }

    /// Checks a callback's raw query string at `now` (Unix seconds).
    ///
    /// # Errors
    /// [`Error::CallbackTooLarge`] for a query longer than [`MAX_CALLBACK_QUERY_LEN`] bytes,
    /// [`Error::CallbackParamInvalid`] (name `query`) for a broken percent escape, and the
    /// errors of the checks listed on [`ChatCallbackVerifier`].
    pub fn verify_query_at(&self, query: &str, now: i64) -> Result<ChatCallback, Error> {
        too_large(query.len())?;
        self.check(query::parse(query)?, now)
    }

    /// Checks a callback's query parameters as a web framework parsed them (names and values
    /// percent-decoded, in order, repeats kept), against the system clock.
    ///
    /// # Errors
    /// See [`verify_params_at`](Self::verify_params_at).
    pub fn verify_params<I, K, V>(&self, params: I) -> Result<ChatCallback, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.verify_params_at(params, unix_now())
    }

    /// Checks a callback's parsed query parameters at `now` (Unix seconds).
    ///
    /// # Errors
    /// [`Error::CallbackTooLarge`] when the names and values add up to more than
    /// [`MAX_CALLBACK_QUERY_LEN`] bytes, and the errors of the checks listed on
    /// [`ChatCallbackVerifier`].
    pub fn verify_params_at<I, K, V>(&self, params: I, now: i64) -> Result<ChatCallback, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let params: Vec<(K, V)> = params.into_iter().collect();
        too_large(params.iter().fold(0usize, |sum, (k, v)| {
            sum.saturating_add(k.as_ref().len())
                .saturating_add(v.as_ref().len())
        }))?;
        let params = params
            .iter()
            .map(|(name, value)| Param {
                name: Cow::Borrowed(name.as_ref()),
                value: Cow::Borrowed(value.as_ref()),
                encoded: false,
            })
            .collect();
        self.check(params, now)
    }

    /// The `Sign` Tencent sends with `request_time`: the signing twin of the checks, for tests
    /// and local fakes of Tencent's servers.
    pub fn sign(&self, request_time: i64) -> String {
        hex(&self.digest(itoa::Buffer::new().format(request_time)))
    }

    fn digest(&self, request_time: &str) -> [u8; 32] {
        let mut hash = (*self.keyed).clone();
        hash.update(request_time.as_bytes());
        hash.finalize().into()
    }

    fn check(&self, params: Vec<Param<'_>>, now: i64) -> Result<ChatCallback, Error> {
        let mut checked: [Option<Cow<'_, str>>; 4] = Default::default();
        let mut others = Vec::new();
        for param in params {
            let Some(&(name, i)) = SPELLINGS.iter().find(|(name, _)| *name == param.name) else {
                others.push((param.name.into_owned(), param.value.into_owned()));
                continue;
            };
            if param.encoded {
                return Err(Error::CallbackParamInvalid {
                    name,
                    reason: "percent-encoded",
                });
            }
            if checked[i].replace(param.value).is_some() {
                return Err(Error::CallbackParamRepeated { name });
            }
        }
        let [sdkappid, command, request_time, sign] = checked;
        let (sdkappid, command, request_time_text, sign) = (
            present(sdkappid, SDKAPPID)?,
            present(command, COMMAND)?,
            present(request_time, REQUEST_TIME)?,
            present(sign, SIGN)?,
        );
        let sdkappid: u32 = decimal(&sdkappid, SDKAPPID)?;
        let request_time: i64 = decimal(&request_time_text, REQUEST_TIME)?;
        let sign = unhex(&sign).ok_or(Error::CallbackParamInvalid {
            name: SIGN,
            reason: "not 64 lowercase hex digits",
        })?;
        if !bool::from(self.digest(&request_time_text).ct_eq(&sign)) {
            return Err(Error::CallbackBadSignature);
        }
        expect_sdkappid(self.sdkappid, sdkappid)?;
        within(request_time, now, self.window)?;
        Ok(ChatCallback {
            command: command.into_owned(),
            sdkappid,
            request_time,
            params: others,
        })
    }
}

fn present<'a>(value: Option<Cow<'a, str>>, name: &'static str) -> Result<Cow<'a, str>, Error> {
    value.ok_or(Error::CallbackParamMissing { name })
}

fn too_large(len: usize) -> Result<(), Error> {
    if len > MAX_CALLBACK_QUERY_LEN {
        return Err(Error::CallbackTooLarge {
            part: "query",
            len,
            max: MAX_CALLBACK_QUERY_LEN,
        });
    }
    Ok(())
}

fn hex(bytes: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// Reads exactly 64 lowercase hex digits, as Tencent writes `Sign`.
fn unhex(text: &str) -> Option<[u8; 32]> {
    fn nibble(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        }
    }
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0; 32];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

impl fmt::Debug for ChatCallbackVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChatCallbackVerifier")
            .field("token", &format_args!("<redacted>"))
            .field("sdkappid", &self.sdkappid)
            .field("window", &self.window)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_state_is_wiped_when_dropped() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wiped_on_drop::<Sha256>();
    }

    #[test]
    fn hex_round_trips_and_is_strict() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37) as u8);
        assert_eq!(unhex(&hex(&bytes)), Some(bytes));
        let upper = hex(&bytes).to_uppercase();
        assert_eq!(unhex(&upper), None);
        assert_eq!(unhex(&hex(&bytes)[..62]), None);
        assert_eq!(unhex(&format!("{}00", hex(&bytes))), None);
        assert_eq!(unhex(&"g".repeat(64)), None);
    }
}
