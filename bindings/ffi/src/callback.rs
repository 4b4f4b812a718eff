//! The callback verifiers: Chat's signed query strings and TRTC's signed bodies.

use usersig::unix_now;
use zeroize::Zeroize;

use crate::error::{sdkappid, UserSigError};

/// The core's bounds for callback checks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CallbackLimits {
    /// A Chat verifier's window when none is given, in seconds either way.
    pub default_window: i64,
    /// The widest window a verifier accepts, in seconds.
    pub max_window: i64,
    /// The longest Chat query string read, in bytes.
    pub max_query_len: u64,
    /// The longest TRTC body read, in bytes.
    pub max_body_len: u64,
}

/// The core's bounds for [`ChatCallbackVerifier`] and [`TrtcCallbackVerifier`].
#[uniffi::export]
pub fn callback_limits() -> CallbackLimits {
    CallbackLimits {
        default_window: usersig::DEFAULT_CALLBACK_WINDOW,
        max_window: usersig::MAX_CALLBACK_WINDOW,
        max_query_len: usersig::MAX_CALLBACK_QUERY_LEN as u64,
        max_body_len: usersig::MAX_CALLBACK_BODY_LEN as u64,
    }
}

/// One query parameter, as a web framework parses it (percent-decoded).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QueryParam {
    /// The parameter's name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// A Chat callback whose signature, sdkappid and time passed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChatCallback {
    /// `CallbackCommand`, such as `Group.CallbackAfterNewMemberJoin`.
    pub command: String,
    /// `SdkAppid`.
    pub sdkappid: i64,
    /// `RequestTime`, in Unix seconds.
    pub request_time: i64,
    /// The other, unsigned parameters, in order, percent-decoded.
    pub params: Vec<QueryParam>,
}

/// A TRTC callback whose signature (and sdkappid and time, if checked) passed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrtcCallback {
    /// The `SdkAppId` header.
    pub sdkappid: i64,
    /// The body's `EventGroupId`, if present.
    pub event_group_id: Option<i64>,
    /// The body's `EventType`, if present.
    pub event_type: Option<i64>,
    /// The body's `CallbackTs`, in Unix milliseconds, if present.
    pub callback_ts: Option<i64>,
}

impl From<usersig::ChatCallback> for ChatCallback {
    fn from(c: usersig::ChatCallback) -> Self {
        ChatCallback {
            command: c.command,
            sdkappid: c.sdkappid.into(),
            request_time: c.request_time,
            params: c
                .params
                .into_iter()
                .map(|(name, value)| QueryParam { name, value })
                .collect(),
        }
    }
}

impl From<usersig::TrtcCallback> for TrtcCallback {
    fn from(c: usersig::TrtcCallback) -> Self {
        TrtcCallback {
            sdkappid: c.sdkappid.into(),
            event_group_id: c.event_group_id,
            event_type: c.event_type,
            callback_ts: c.callback_ts,
        }
    }
}

/// Checks Chat (IM) and TUILiveKit callbacks: `Sign` and `RequestTime` in the query string.
/// Thread-safe; never shows its token.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct ChatCallbackVerifier(usersig::ChatCallbackVerifier);

impl ChatCallbackVerifier {
    /// [`ChatCallbackVerifier::new`], wiping `token` whatever the outcome.
    fn with_token(
        token: &mut String,
        sdkappid: Option<i64>,
        window: i64,
    ) -> Result<Self, UserSigError> {
        let verifier = expected(sdkappid).and_then(|id| {
            let verifier = usersig::ChatCallbackVerifier::new(token)?.with_window(window)?;
            Ok(ChatCallbackVerifier(match id {
                Some(id) => verifier.with_sdkappid(id),
                None => verifier,
            }))
        });
        token.zeroize();
        verifier
    }
}

impl std::fmt::Debug for ChatCallbackVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl ChatCallbackVerifier {
    /// A verifier for the console's callback `token`, refusing other sdkappids than `sdkappid`
    /// (any if absent), with a window of `window` seconds either way.
    #[uniffi::constructor]
    pub fn new(
        mut token: String,
        sdkappid: Option<i64>,
        window: i64,
    ) -> Result<Self, UserSigError> {
        Self::with_token(&mut token, sdkappid, window)
    }

    /// The sdkappid it expects, if any.
    pub fn sdkappid(&self) -> Option<i64> {
        self.0.sdkappid().map(i64::from)
    }

    /// The window's width, in seconds either way.
    pub fn window(&self) -> i64 {
        self.0.window()
    }

    /// Checks a callback's raw query string now.
    pub fn verify_query(&self, query: String) -> Result<ChatCallback, UserSigError> {
        self.verify_query_at(query, unix_now())
    }

    /// Checks a callback's raw query string at `now` (Unix seconds).
    pub fn verify_query_at(&self, query: String, now: i64) -> Result<ChatCallback, UserSigError> {
        Ok(self.0.verify_query_at(&query, now)?.into())
    }

    /// Checks a callback's parsed query parameters now.
    pub fn verify_params(&self, params: Vec<QueryParam>) -> Result<ChatCallback, UserSigError> {
        self.verify_params_at(params, unix_now())
    }

    /// Checks a callback's parsed query parameters at `now` (Unix seconds).
    pub fn verify_params_at(
        &self,
        params: Vec<QueryParam>,
        now: i64,
    ) -> Result<ChatCallback, UserSigError> {
        let pairs = params.iter().map(|p| (&p.name, &p.value));
        Ok(self.0.verify_params_at(pairs, now)?.into())
    }

    /// The `Sign` Tencent sends with `request_time`.
    pub fn sign(&self, request_time: i64) -> String {
        self.0.sign(request_time)
    }
}

/// Checks TRTC's event callbacks: the `Sign` header over the raw body. Thread-safe; never shows
/// its key.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct TrtcCallbackVerifier(usersig::TrtcCallbackVerifier);

impl TrtcCallbackVerifier {
    /// [`TrtcCallbackVerifier::new`], wiping `key` whatever the outcome.
    fn with_key(
        key: &mut String,
        sdkappid: Option<i64>,
        window: Option<i64>,
    ) -> Result<Self, UserSigError> {
        let verifier = expected(sdkappid).and_then(|id| {
            let mut verifier = usersig::TrtcCallbackVerifier::new(key)?;
            if let Some(id) = id {
                verifier = verifier.with_sdkappid(id);
            }
            if let Some(window) = window {
                verifier = verifier.with_window(window)?;
            }
            Ok(TrtcCallbackVerifier(verifier))
        });
        key.zeroize();
        verifier
    }
}

impl std::fmt::Debug for TrtcCallbackVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl TrtcCallbackVerifier {
    /// A verifier for the console's callback `key`, refusing other sdkappids than `sdkappid`
    /// (any if absent), checking `CallbackTs` within `window` seconds either way if given.
    #[uniffi::constructor]
    pub fn new(
        mut key: String,
        sdkappid: Option<i64>,
        window: Option<i64>,
    ) -> Result<Self, UserSigError> {
        Self::with_key(&mut key, sdkappid, window)
    }

    /// The sdkappid it expects, if any.
    pub fn sdkappid(&self) -> Option<i64> {
        self.0.sdkappid().map(i64::from)
    }

    /// The window's width in seconds either way, if one is set.
    pub fn window(&self) -> Option<i64> {
        self.0.window()
    }

    /// Checks a callback now: its `Sign` and `SdkAppId` headers (absent ones as `None`) and its
    /// raw body.
    pub fn verify(
        &self,
        sign: Option<String>,
        sdkappid: Option<String>,
        body: Vec<u8>,
    ) -> Result<TrtcCallback, UserSigError> {
        self.verify_at(sign, sdkappid, body, unix_now())
    }

    /// Checks a callback at `now` (Unix seconds).
    pub fn verify_at(
        &self,
        sign: Option<String>,
        sdkappid: Option<String>,
        body: Vec<u8>,
        now: i64,
    ) -> Result<TrtcCallback, UserSigError> {
        let (sign, sdkappid) = (sign.unwrap_or_default(), sdkappid.unwrap_or_default());
        Ok(self.0.verify_at(&sign, &sdkappid, &body, now)?.into())
    }

    /// The `Sign` header Tencent sends with `body`.
    pub fn sign(&self, body: Vec<u8>) -> String {
        self.0.sign(&body)
    }
}

/// The expected sdkappid, if any, as the core takes it.
fn expected(value: Option<i64>) -> Result<Option<u32>, UserSigError> {
    value.map(sdkappid).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifiers_wipe_their_secret_whatever_the_outcome() {
        for (sdkappid, window, made) in [
            (Some(1400000000), 60, true),
            (None, 0, true),
            (Some(-1), 60, false),
            (None, -1, false),
        ] {
            let mut token = "secret".to_owned();
            let chat = ChatCallbackVerifier::with_token(&mut token, sdkappid, window);
            assert_eq!(chat.is_ok(), made);
            assert_eq!(token, "");
            let mut key = "secret".to_owned();
            let trtc = TrtcCallbackVerifier::with_key(&mut key, sdkappid, Some(window));
            assert_eq!(trtc.is_ok(), made);
            assert_eq!(key, "");
        }
        let mut empty = String::new();
        assert!(matches!(
            ChatCallbackVerifier::with_token(&mut empty, None, 60),
            Err(UserSigError::EmptyKey { .. })
        ));
    }

    #[test]
    fn the_verifiers_are_the_cores() {
        let chat = ChatCallbackVerifier::new("xxxxyyyy".into(), Some(888888), 60).unwrap();
        let sign = chat.sign(1669872112);
        let query = format!(
            "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json\
             &RequestTime=1669872112&Sign={sign}"
        );
        let callback = chat.verify_query_at(query, 1669872130).unwrap();
        assert_eq!(callback.sdkappid, 888888);
        assert_eq!(
            callback.params,
            [QueryParam {
                name: "contenttype".into(),
                value: "json".into()
            }]
        );
        let params = vec![
            QueryParam {
                name: "SdkAppid".into(),
                value: "888888".into(),
            },
            QueryParam {
                name: "CallbackCommand".into(),
                value: "C2C.CallbackAfterSendMsg".into(),
            },
            QueryParam {
                name: "RequestTime".into(),
                value: "1669872112".into(),
            },
            QueryParam {
                name: "Sign".into(),
                value: sign,
            },
        ];
        assert!(matches!(
            chat.verify_params_at(params, 1669872112 + 61),
            Err(UserSigError::CallbackOutOfWindow { window: 60, .. })
        ));
        assert!(!format!("{chat:?}").contains("xxxxyyyy"));

        let trtc =
            TrtcCallbackVerifier::new("callback key".into(), Some(1400000000), None).unwrap();
        let body = br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123}"#.to_vec();
        let sign = trtc.sign(body.clone());
        let event = trtc
            .verify_at(Some(sign), Some("1400000000".into()), body.clone(), 0)
            .unwrap();
        assert_eq!(event.event_type, Some(103));
        assert!(matches!(
            trtc.verify_at(None, Some("1400000000".into()), body, 0),
            Err(UserSigError::CallbackParamMissing { ref name, .. }) if name == "Sign"
        ));
        assert_eq!(trtc.window(), None);
        assert!(!format!("{trtc:?}").contains("callback key"));
    }
}
