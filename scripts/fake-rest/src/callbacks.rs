//! The other direction: callbacks as Tencent's servers send them to an application, signed,
//! forged, stale and replayed, POSTed to a receiver under test.
//!
//! The receiver checks Chat callbacks (`POST {url}/chat?{query}`) with the Chat callback token
//! and the sdkappid, in the default window, reading the raw query string; and TRTC callbacks
//! (`POST {url}/trtc`, headers `Sign` and `SdkAppId`) with the TRTC callback key, the sdkappid and
//! a 60-second window, reading the raw body. It answers `200` with `ok {CallbackCommand}` or
//! `ok {EventType}` for an accepted callback, and `403` with the error kind's name (such as
//! `callback_bad_signature`) for a refused one. [`cases`] lists what is sent and the answer each
//! must get.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use usersig::{ChatCallbackVerifier, TrtcCallbackVerifier};

/// Whom the callbacks go to, and the secrets they are signed with.
pub struct Target {
    /// The receiver's base URL, `http://127.0.0.1:PORT` (a path may follow).
    pub url: String,
    /// The application's sdkappid, which the receiver expects.
    pub sdkappid: u32,
    /// The Chat console's callback token.
    pub chat_token: String,
    /// The TRTC console's callback key.
    pub trtc_key: String,
}

/// One callback to send, and the answer it must get.
pub struct Case {
    /// The case's name, such as `chat-forged`.
    pub name: &'static str,
    /// The path and query after the base URL.
    pub path: String,
    /// Extra request headers.
    pub headers: Vec<(&'static str, String)>,
    /// The request body.
    pub body: Vec<u8>,
    /// The expected answer: `ok …` for an accepted callback, or the kind of its refusal.
    pub expected: String,
}

/// What a receiver answered.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status code.
    pub status: u16,
    /// The body, trimmed.
    pub body: String,
}

impl Case {
    /// Whether `answer` is the expected one: 200 with `ok …`, or 403 with the refusal's kind.
    pub fn accepts(&self, answer: &Answer) -> bool {
        let status = if self.expected.starts_with("ok") {
            200
        } else {
            403
        };
        answer.status == status && answer.body == self.expected
    }
}

const COMMAND: &str = "C2C.CallbackAfterSendMsg";
const OTHER_COMMAND: &str = "Group.CallbackAfterNewMemberJoin";
const CHAT_BODY: &str = r#"{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"alice","To_Account":"bob","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;

/// Every case, signed at `now` (Unix seconds) with `target`'s secrets.
///
/// # Errors
/// An empty token or key.
pub fn cases(target: &Target, now: i64) -> Result<Vec<Case>, usersig::Error> {
    let chat = ChatCallbackVerifier::new(&target.chat_token)?;
    let forger = ChatCallbackVerifier::new("not the callback token")?;
    let app = target.sdkappid;
    let other_app = app.wrapping_add(1);
    let query = |sdkappid: u32, command: &str, time: &str, sign: &str| {
        format!(
            "/chat?SdkAppid={sdkappid}&CallbackCommand={command}&contenttype=json\
             &ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime={time}&Sign={sign}"
        )
    };
    let signed = |time: i64| (time.to_string(), chat.sign(time));
    let (t, s) = signed(now);
    let chat_case = |name, path, expected: &str| Case {
        name,
        path,
        headers: vec![],
        body: CHAT_BODY.as_bytes().to_vec(),
        expected: expected.to_owned(),
    };
    let percent_encoded: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
    let (stale_t, stale_s) = signed(now - 300);
    let (future_t, future_s) = signed(now + 300);
    let (old_t, old_s) = signed(now - 600);
    let mut all = vec![
        chat_case(
            "chat-signed",
            query(app, COMMAND, &t, &s),
            &format!("ok {COMMAND}"),
        ),
        chat_case(
            "chat-other-command-signed",
            query(app, OTHER_COMMAND, &t, &s),
            &format!("ok {OTHER_COMMAND}"),
        ),
        chat_case(
            "chat-forged",
            query(app, COMMAND, &t, &forger.sign(now)),
            "callback_bad_signature",
        ),
        chat_case(
            "chat-stale",
            query(app, COMMAND, &stale_t, &stale_s),
            "callback_out_of_window",
        ),
        chat_case(
            "chat-future",
            query(app, COMMAND, &future_t, &future_s),
            "callback_out_of_window",
        ),
        chat_case(
            "chat-replayed",
            query(app, OTHER_COMMAND, &old_t, &old_s),
            "callback_out_of_window",
        ),
        chat_case(
            "chat-other-app",
            query(other_app, COMMAND, &t, &s),
            "callback_sdkappid_mismatch",
        ),
        chat_case(
            "chat-uppercase-sign",
            query(app, COMMAND, &t, &s.to_uppercase()),
            "callback_param_invalid",
        ),
        chat_case(
            "chat-percent-encoded-sign",
            query(app, COMMAND, &t, &percent_encoded),
            "callback_param_invalid",
        ),
        chat_case(
            "chat-repeated-sign",
            format!("{}&Sign={s}", query(app, COMMAND, &t, &s)),
            "callback_param_repeated",
        ),
        chat_case(
            "chat-no-request-time",
            format!("/chat?SdkAppid={app}&CallbackCommand={COMMAND}&Sign={s}"),
            "callback_param_missing",
        ),
        chat_case(
            "chat-request-time-not-a-number",
            query(app, COMMAND, "soon", &s),
            "callback_param_invalid",
        ),
    ];

    let trtc = TrtcCallbackVerifier::new(&target.trtc_key)?;
    let trtc_forger = TrtcCallbackVerifier::new("not the callback key")?;
    let event = |ts: i64| {
        format!(
            r#"{{"EventGroupId":1,"EventType":103,"CallbackTs":{ts},"EventInfo":{{"RoomId":12345,"EventTs":{},"UserId":"alice","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}}}"#,
            ts / 1000
        )
    };
    let body = event(now * 1000 + 123);
    let sign = trtc.sign(body.as_bytes());
    let trtc_case = |name, sign: Option<&str>, sdkappid: u32, body: &str, expected: &str| Case {
        name,
        path: "/trtc".to_owned(),
        headers: sign
            .map(|sign| ("Sign", sign.to_owned()))
            .into_iter()
            .chain([("SdkAppId", sdkappid.to_string())])
            .collect(),
        body: body.as_bytes().to_vec(),
        expected: expected.to_owned(),
    };
    let tampered = body.replace("alice", "alicf");
    let reencoded = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&body).expect("the event is JSON"),
    )
    .expect("JSON writes");
    let stale = event((now - 600) * 1000);
    all.extend([
        trtc_case("trtc-signed", Some(&sign), app, &body, "ok 103"),
        trtc_case(
            "trtc-forged",
            Some(&trtc_forger.sign(body.as_bytes())),
            app,
            &body,
            "callback_bad_signature",
        ),
        trtc_case(
            "trtc-tampered",
            Some(&sign),
            app,
            &tampered,
            "callback_bad_signature",
        ),
        trtc_case(
            "trtc-reencoded",
            Some(&sign),
            app,
            &reencoded,
            "callback_bad_signature",
        ),
        trtc_case(
            "trtc-other-app",
            Some(&sign),
            other_app,
            &body,
            "callback_sdkappid_mismatch",
        ),
        trtc_case(
            "trtc-stale",
            Some(&trtc.sign(stale.as_bytes())),
            app,
            &stale,
            "callback_out_of_window",
        ),
        trtc_case(
            "trtc-bad-padding",
            Some(sign.trim_end_matches('=')),
            app,
            &body,
            "callback_param_invalid",
        ),
        trtc_case("trtc-no-sign", None, app, &body, "callback_param_missing"),
    ]);
    Ok(all)
}

/// POSTs `case` to the receiver at `url` and reads its answer (bounded: 10 s, 64 KiB).
///
/// # Errors
/// A URL that is not `http://host:port[/path]`, or a connection that fails.
pub fn send(url: &str, case: &Case) -> io::Result<Answer> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidInput, what.to_owned());
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| invalid("the URL must start with http://"))?;
    let (authority, base) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let base = base.trim_end_matches('/');
    let mut stream = TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut request = format!(
        "POST {base}{} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        case.path,
        case.body.len()
    );
    for (name, value) in &case.headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(&case.body)?;
    let mut response = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut response)?;
    parse_answer(&response).ok_or_else(|| invalid("the answer is not an HTTP response"))
}

/// Reads an HTTP/1.1 response: its status, and its body (`Content-Length`, chunked, or up to the
/// end).
fn parse_answer(response: &[u8]) -> Option<Answer> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&response[..split]).ok()?;
    let mut body = response[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let chunked = lines.any(|line| {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        name.eq_ignore_ascii_case("transfer-encoding")
            && value.trim().eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Answer {
        status,
        body: String::from_utf8_lossy(&body).trim().to_owned(),
    })
}

fn dechunk(mut chunked: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = chunked.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&chunked[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        chunked = &chunked[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(chunked.get(..size)?);
        chunked = chunked.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_with_either_framing() {
        let plain = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 22\r\n\r\ncallback_bad_signature";
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nok \r\n3\r\n103\r\n0\r\n\r\n";
        assert_eq!(
            parse_answer(plain),
            Some(Answer {
                status: 403,
                body: "callback_bad_signature".into()
            })
        );
        assert_eq!(
            parse_answer(chunked),
            Some(Answer {
                status: 200,
                body: "ok 103".into()
            })
        );
        assert_eq!(parse_answer(b"garbage"), None);
    }
}
