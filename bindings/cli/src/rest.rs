//! `usersig rest`: one authenticated POST to Tencent's REST API, and its verdict.

use std::time::Duration;

use serde_json::Value;

/// The largest request body sent, in bytes.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// The largest answer read, in bytes.
pub const MAX_RESPONSE_BODY: u64 = 16 * 1024 * 1024;

/// How a call went wrong, for the exit status: every one of these exits 1.
pub enum RestError {
    /// Tencent (or the server) answered FAIL, or a non-zero ErrorCode; the JSON answer is kept.
    Refused {
        answer: String,
        code: i64,
        info: String,
    },
    /// The request did not complete: no connection, a timeout, TLS, an answer too large.
    Transport(String),
    /// The server answered something other than Tencent's JSON.
    NotTencentJson { status: u16 },
}

/// POSTs `body` to `url` with bounded connect and total times, and reads the answer.
///
/// Redirects are not followed: the URL carries the admin token, which must go to no other host.
/// For the same reason plain HTTP (which the caller allows only to a loopback host) never goes
/// through a proxy from the environment, where the token would travel in cleartext; HTTPS does,
/// as the user configured it, since the proxy then sees only the host.
pub fn post(url: &str, body: &str, timeout: Duration) -> Result<String, RestError> {
    let proxy = if url.starts_with("https://") {
        ureq::Proxy::try_from_env()
    } else {
        None
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .proxy(proxy)
        .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("usersig-cli/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .post(url)
        .content_type("application/json")
        .send(body)
        .map_err(transport)?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_RESPONSE_BODY)
        .read_to_string()
        .map_err(transport)?;
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&text) else {
        return Err(RestError::NotTencentJson { status });
    };
    let action = fields.get("ActionStatus").and_then(Value::as_str);
    let code = fields.get("ErrorCode").and_then(Value::as_i64);
    match (action, code) {
        (Some("OK"), Some(0)) => Ok(text),
        (None, None) => Err(RestError::NotTencentJson { status }),
        _ => Err(RestError::Refused {
            code: code.unwrap_or(-1),
            info: fields
                .get("ErrorInfo")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            answer: text,
        }),
    }
}

/// A transport failure in words; ureq's messages never include the URL's query.
fn transport(error: ureq::Error) -> RestError {
    RestError::Transport(match error {
        ureq::Error::Timeout(_) => "the request timed out".to_owned(),
        ureq::Error::BodyExceedsLimit(limit) => {
            format!("the answer is larger than {limit} bytes")
        }
        other => other.to_string(),
    })
}
