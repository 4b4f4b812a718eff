//! The core's errors as one exported class the JavaScript turns into its error hierarchy.

use usersig::{Error, ErrorKind, Malformation};
use wasm_bindgen::prelude::*;

/// A core error: its kind, message, Tencent code and data, as thrown to JavaScript.
#[wasm_bindgen]
pub struct Failure {
    kind: &'static str,
    message: String,
    tencent_code: Option<i32>,
    fields: String,
}

#[wasm_bindgen]
impl Failure {
    /// The core's stable name for the kind (`"expired"`, `"bad_signature"`, …).
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.kind.to_owned()
    }

    /// The core's human-readable explanation (never containing the key).
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }

    /// The code Tencent's servers use for the same fault, for verification errors.
    #[wasm_bindgen(getter, js_name = tencentCode)]
    pub fn tencent_code(&self) -> Option<i32> {
        self.tencent_code
    }

    /// The error's data as a JSON object with camelCase keys.
    #[wasm_bindgen(getter)]
    pub fn fields(&self) -> String {
        self.fields.clone()
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            kind: error.kind().as_str(),
            message: error.to_string(),
            tencent_code: error.tencent_code(),
            fields: fields(&error).to_string(),
        }
    }
}

/// Every kind of core error as `[name, Tencent code or null]`, for the test that pins the
/// package's error classes to the core's list.
#[wasm_bindgen(js_name = errorKinds)]
pub fn error_kinds() -> String {
    let kinds: Vec<(&str, Option<i32>)> = ErrorKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), kind.tencent_code()))
        .collect();
    serde_json::to_string(&kinds).expect("a list of names and numbers is JSON")
}

fn fields(error: &Error) -> serde_json::Value {
    use serde_json::json;
    match error {
        Error::SdkAppIdOutOfRange { value } | Error::PrivilegeOutOfRange { value } => {
            json!({ "value": value })
        }
        Error::UserIdTooLong { len, max }
        | Error::UserbufTooLong { len, max }
        | Error::RoomStrTooLong { len, max } => json!({ "len": len, "max": max }),
        Error::UserIdControlChar { position } => json!({ "position": position }),
        Error::ExpireOutOfRange { expire, max } => json!({ "expire": expire, "max": max }),
        Error::TimeOutOfRange { now } => json!({ "now": now }),
        Error::ExpiryOverflow { now, expire } => json!({ "now": now, "expire": expire }),
        Error::RoomIdOutOfRange { room_id } => json!({ "roomId": room_id }),
        Error::Malformed(reason) => malformation(reason),
        Error::Expired { expired_at, now } => json!({ "expiredAt": expired_at, "now": now }),
        Error::UserIdMismatch { expected, found } => {
            json!({ "expected": expected, "found": found })
        }
        Error::SdkAppIdMismatch { expected, found } => {
            json!({ "expected": expected, "found": found })
        }
        // `region`, since `name` is the JavaScript error's class name.
        Error::UnknownRegion { name } => json!({ "region": name }),
        Error::InvalidEndpoint { reason } => json!({ "reason": reason }),
        Error::InvalidRestPath { part } => json!({ "part": part }),
        Error::RenewMarginOutOfRange { margin, validity } => {
            json!({ "margin": margin, "validity": validity })
        }
        // `param`, since `name` is the JavaScript error's class name.
        Error::CallbackParamMissing { name } | Error::CallbackParamRepeated { name } => {
            json!({ "param": name })
        }
        Error::CallbackParamInvalid { name, reason } => json!({ "param": name, "reason": reason }),
        Error::CallbackOutOfWindow { time, now, window } => {
            json!({ "time": time, "now": now, "window": window })
        }
        Error::CallbackSdkAppIdMismatch { expected, found } => {
            json!({ "expected": expected, "found": found })
        }
        Error::CallbackTooLarge { part, len, max } => {
            json!({ "part": part, "len": len, "max": max })
        }
        Error::CallbackWindowOutOfRange { window, max } => json!({ "window": window, "max": max }),
        // RandomUnavailable, CallbackBadSignature, and kinds a newer core adds: the kind and message say it all.
        _ => json!({}),
    }
}

/// Why a token is malformed: `reason` (snake_case, as in every binding) and its data.
fn malformation(reason: &Malformation) -> serde_json::Value {
    use serde_json::json;
    match reason {
        Malformation::TooLong { len, max } => {
            json!({ "reason": "too_long", "len": len, "max": max })
        }
        Malformation::Base64 => json!({ "reason": "base64" }),
        Malformation::Zlib => json!({ "reason": "zlib" }),
        Malformation::TooLargeInflated { max } => {
            json!({ "reason": "too_large_inflated", "max": max })
        }
        Malformation::Json => json!({ "reason": "json" }),
        Malformation::MissingField { field } => {
            json!({ "reason": "missing_field", "field": field })
        }
        Malformation::InvalidField { field } => {
            json!({ "reason": "invalid_field", "field": field })
        }
        Malformation::UnsupportedVersion => json!({ "reason": "unsupported_version" }),
        _ => json!({ "reason": "other" }),
    }
}
