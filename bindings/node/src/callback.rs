//! The core's callback verifiers: Chat's signed query strings and TRTC's signed bodies.

use wasm_bindgen::prelude::*;

use crate::{int, sdkappid_of, wipe, Failure};

/// Checks Chat (IM) callbacks (the core's [`usersig::ChatCallbackVerifier`]).
#[wasm_bindgen]
pub struct ChatCallbackVerifier(usersig::ChatCallbackVerifier);

#[wasm_bindgen]
impl ChatCallbackVerifier {
    /// A verifier for the console's callback `token`, expecting `sdkappid` (any when absent),
    /// with a window of `window` seconds either way.
    #[wasm_bindgen(constructor)]
    pub fn new(
        mut token: String,
        sdkappid: Option<f64>,
        window: f64,
    ) -> Result<ChatCallbackVerifier, Failure> {
        let verifier = usersig::ChatCallbackVerifier::new(&token);
        wipe(&mut token);
        let mut verifier = verifier?.with_window(int(window))?;
        if let Some(id) = sdkappid {
            verifier = verifier.with_sdkappid(sdkappid_of(id)?);
        }
        Ok(ChatCallbackVerifier(verifier))
    }

    /// The sdkappid it expects, if any.
    #[wasm_bindgen(getter)]
    pub fn sdkappid(&self) -> Option<u32> {
        self.0.sdkappid()
    }

    /// The window's width, in seconds either way.
    #[wasm_bindgen(getter)]
    pub fn window(&self) -> f64 {
        self.0.window() as f64
    }

    /// The callback of the raw query string `query`, checked at `now`.
    #[wasm_bindgen(js_name = verifyQueryAt)]
    pub fn verify_query_at(&self, query: &str, now: f64) -> Result<ChatCallback, Failure> {
        Ok(ChatCallback(self.0.verify_query_at(query, int(now))?))
    }

    /// The callback of the parsed parameters `names[i]=values[i]`, in order, checked at `now`.
    #[wasm_bindgen(js_name = verifyParamsAt)]
    pub fn verify_params_at(
        &self,
        names: Vec<String>,
        values: Vec<String>,
        now: f64,
    ) -> Result<ChatCallback, Failure> {
        Ok(ChatCallback(
            self.0
                .verify_params_at(names.iter().zip(&values), int(now))?,
        ))
    }

    /// The `Sign` Tencent sends with `request_time`.
    pub fn sign(&self, request_time: f64) -> String {
        self.0.sign(int(request_time))
    }
}

/// A Chat callback that passed (the core's [`usersig::ChatCallback`]).
#[wasm_bindgen]
pub struct ChatCallback(usersig::ChatCallback);

#[wasm_bindgen]
impl ChatCallback {
    /// `CallbackCommand`.
    #[wasm_bindgen(getter)]
    pub fn command(&self) -> String {
        self.0.command.clone()
    }

    /// `SdkAppid`.
    #[wasm_bindgen(getter)]
    pub fn sdkappid(&self) -> u32 {
        self.0.sdkappid
    }

    /// `RequestTime`, in Unix seconds.
    #[wasm_bindgen(getter, js_name = requestTime)]
    pub fn request_time(&self) -> i64 {
        self.0.request_time
    }

    /// The other parameters, in order, as a JSON array of `[name, value]` pairs.
    #[wasm_bindgen(getter)]
    pub fn params(&self) -> String {
        serde_json::to_string(&self.0.params).expect("pairs of strings are JSON")
    }
}

/// Checks TRTC event callbacks (the core's [`usersig::TrtcCallbackVerifier`]).
#[wasm_bindgen]
pub struct TrtcCallbackVerifier(usersig::TrtcCallbackVerifier);

#[wasm_bindgen]
impl TrtcCallbackVerifier {
    /// A verifier for the console's callback `key`, expecting `sdkappid` (any when absent), with
    /// a window of `window` seconds either way on the body's `CallbackTs` (none when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(
        mut key: String,
        sdkappid: Option<f64>,
        window: Option<f64>,
    ) -> Result<TrtcCallbackVerifier, Failure> {
        let verifier = usersig::TrtcCallbackVerifier::new(&key);
        wipe(&mut key);
        let mut verifier = verifier?;
        if let Some(id) = sdkappid {
            verifier = verifier.with_sdkappid(sdkappid_of(id)?);
        }
        if let Some(seconds) = window {
            verifier = verifier.with_window(int(seconds))?;
        }
        Ok(TrtcCallbackVerifier(verifier))
    }

    /// The sdkappid it expects, if any.
    #[wasm_bindgen(getter)]
    pub fn sdkappid(&self) -> Option<u32> {
        self.0.sdkappid()
    }

    /// The window's width in seconds either way, if one is set.
    #[wasm_bindgen(getter)]
    pub fn window(&self) -> Option<f64> {
        self.0.window().map(|seconds| seconds as f64)
    }

    /// The callback of the headers `sign` and `sdkappid` (`""` when absent) and the raw `body`,
    /// checked at `now`.
    #[wasm_bindgen(js_name = verifyAt)]
    pub fn verify_at(
        &self,
        sign: &str,
        sdkappid: &str,
        body: &[u8],
        now: f64,
    ) -> Result<TrtcCallback, Failure> {
        Ok(TrtcCallback(self.0.verify_at(
            sign,
            sdkappid,
            body,
            int(now),
        )?))
    }

    /// The `Sign` header Tencent sends with `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        self.0.sign(body)
    }
}

/// A TRTC callback that passed (the core's [`usersig::TrtcCallback`]).
#[wasm_bindgen]
pub struct TrtcCallback(usersig::TrtcCallback);

#[wasm_bindgen]
impl TrtcCallback {
    /// The `SdkAppId` header.
    #[wasm_bindgen(getter)]
    pub fn sdkappid(&self) -> u32 {
        self.0.sdkappid
    }

    /// The body's `EventGroupId`, if present.
    #[wasm_bindgen(getter, js_name = eventGroupId)]
    pub fn event_group_id(&self) -> Option<i64> {
        self.0.event_group_id
    }

    /// The body's `EventType`, if present.
    #[wasm_bindgen(getter, js_name = eventType)]
    pub fn event_type(&self) -> Option<i64> {
        self.0.event_type
    }

    /// The body's `CallbackTs`, in Unix milliseconds, if present.
    #[wasm_bindgen(getter, js_name = callbackTs)]
    pub fn callback_ts(&self) -> Option<i64> {
        self.0.callback_ts
    }
}
