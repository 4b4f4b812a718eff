//! The fake against real AdminAuth URLs and against broken requests: it answers each with the
//! right Tencent code or HTTP status, and never leaves a connection hanging but on purpose.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;
use usersig::{AdminAuth, Endpoint};
use usersig_fake_rest::{spawn, Config, MAX_BODY, MAX_HEAD};

const SDKAPPID: u32 = 1400000000;
const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

fn server() -> String {
    spawn(Config {
        sdkappid: SDKAPPID,
        key: KEY.into(),
        admin: "administrator".into(),
    })
    .unwrap()
}

fn auth(base: &str, key: &str, admin: &str) -> AdminAuth {
    AdminAuth::from_key(SDKAPPID, key, admin)
        .unwrap()
        .with_endpoint(Endpoint::url(base).unwrap())
}

/// Sends raw bytes and returns the status line and the body; the read is bounded, so a fake
/// that fails to answer fails the test instead of hanging it.
fn exchange(base: &str, request: &[u8]) -> (String, String) {
    let mut stream = TcpStream::connect(base.strip_prefix("http://").unwrap()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The fake may answer (and close) before it has read all of a refused request.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("an answer");
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("a head");
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

fn post(base: &str, url: &str, body: &str) -> (String, Value) {
    let target = &url[base.len()..];
    let request = format!(
        "POST {target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (status, body) = exchange(base, request.as_bytes());
    (status, serde_json::from_str(&body).expect("a JSON answer"))
}

fn code(answer: &Value) -> (String, i64) {
    (
        answer["ActionStatus"].as_str().unwrap().to_owned(),
        answer["ErrorCode"].as_i64().unwrap(),
    )
}

#[test]
fn a_valid_request_is_echoed() {
    let base = server();
    let url = auth(&base, KEY, "administrator")
        .url("im_open_login_svc", "account_import")
        .unwrap();
    let (status, answer) = post(&base, &url, r#"{"UserID":"alice"}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(code(&answer), ("OK".into(), 0));
    assert_eq!(answer["ErrorInfo"], "");
    assert_eq!(answer["Service"], "im_open_login_svc");
    assert_eq!(answer["Command"], "account_import");
    assert_eq!(answer["Body"]["UserID"], "alice");
}

#[test]
fn a_unicode_admin_is_decoded_and_verified() {
    let base = spawn(Config {
        sdkappid: SDKAPPID,
        key: KEY.into(),
        admin: "管理员 +&=".into(),
    })
    .unwrap();
    let url = auth(&base, KEY, "管理员 +&=").url("svc", "cmd").unwrap();
    assert_eq!(code(&post(&base, &url, "{}").1), ("OK".into(), 0));
}

#[test]
fn token_faults_get_tencents_codes() {
    let base = server();
    let expired = auth(&base, KEY, "administrator")
        .url_at("svc", "cmd", 1_700_000_000)
        .unwrap();
    assert_eq!(code(&post(&base, &expired, "{}").1), ("FAIL".into(), 70001));
    let forged = auth(&base, "another key", "administrator")
        .url("svc", "cmd")
        .unwrap();
    assert_eq!(code(&post(&base, &forged, "{}").1), ("FAIL".into(), 70009));
    let not_admin = auth(&base, KEY, "alice").url("svc", "cmd").unwrap();
    assert_eq!(
        code(&post(&base, &not_admin, "{}").1),
        ("FAIL".into(), 60010)
    );
    let good = auth(&base, KEY, "administrator").url("svc", "cmd").unwrap();
    let other_app = good.replace("sdkappid=1400000000", "sdkappid=1400000001");
    assert_eq!(
        code(&post(&base, &other_app, "{}").1),
        ("FAIL".into(), 70014)
    );
    let garbled = good.replace("usersig=", "usersig=x");
    assert_eq!(code(&post(&base, &garbled, "{}").1), ("FAIL".into(), 70003));
    // A token for another user id, in the admin's URL.
    let alice = usersig::Signer::new(SDKAPPID, KEY)
        .unwrap()
        .user_sig("alice", 60)
        .unwrap();
    let swapped = format!(
        "{base}/v4/svc/cmd?sdkappid={SDKAPPID}&identifier=administrator&usersig={}&random=1&contenttype=json",
        alice.replace('*', "%2A")
    );
    assert_eq!(code(&post(&base, &swapped, "{}").1), ("FAIL".into(), 70013));
}

#[test]
fn bad_queries_and_bodies_get_60000_codes() {
    let base = server();
    let good = auth(&base, KEY, "administrator").url("svc", "cmd").unwrap();
    let random = good
        .split("&random=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    for (url, expected) in [
        (
            good.replace(&format!("random={random}"), "random=4294967296"),
            60002,
        ),
        (
            good.replace(&format!("random={random}"), "random=-1"),
            60002,
        ),
        (good.replace(&format!("&random={random}"), ""), 60002),
        (good.replace("contenttype=json", "contenttype=xml"), 60002),
        (good.replace("sdkappid=1400000000&", ""), 60012),
        (format!("{good}&identifier=administrator"), 60002),
        (good.replace("usersig=", "usersig=%G0"), 60002),
        (good.replace("/v4/svc/cmd", "/v3/svc/cmd"), 60009),
        (good.replace("/v4/svc/cmd", "/v4/svc/cmd/more"), 60009),
    ] {
        assert_eq!(
            code(&post(&base, &url, "{}").1),
            ("FAIL".into(), expected),
            "{url}"
        );
    }
    assert_eq!(
        code(&post(&base, &good, "not json").1),
        ("FAIL".into(), 60003)
    );
    assert_eq!(code(&post(&base, &good, "").1), ("FAIL".into(), 60003));
}

#[test]
fn scenario_paths_fail_answer_garbage_or_hang() {
    let base = server();
    let auth = auth(&base, KEY, "administrator");
    let fail = auth.url("fake", "fail").unwrap();
    let (_, answer) = post(&base, &fail, "{}");
    assert_eq!(code(&answer), ("FAIL".into(), 90001));

    let not_json = auth.url("fake", "not_json").unwrap();
    let target = &not_json[base.len()..];
    let (status, body) = exchange(
        &base,
        format!("POST {target} HTTP/1.1\r\nContent-Length: 2\r\n\r\n{{}}").as_bytes(),
    );
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");

    let hang = auth.url("fake", "hang").unwrap();
    let target = &hang[base.len()..];
    let mut stream = TcpStream::connect(base.strip_prefix("http://").unwrap()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    write!(
        stream,
        "POST {target} HTTP/1.1\r\nContent-Length: 2\r\n\r\n{{}}"
    )
    .unwrap();
    let error = stream.read(&mut [0; 16]).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        "{error:?}"
    );
}

#[test]
fn broken_requests_are_answered_not_hung() {
    let base = server();
    let big_head = format!(
        "POST /v4/a/b HTTP/1.1\r\nX: {}\r\n\r\n",
        "a".repeat(MAX_HEAD)
    );
    let too_big = format!(
        "POST /v4/a/b HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        MAX_BODY + 1
    );
    for (request, status) in [
        ("garbage\r\n\r\n".to_owned(), "HTTP/1.1 400 Bad Request"),
        (
            "GET / HTTP/1.1 extra\r\n\r\n".to_owned(),
            "HTTP/1.1 400 Bad Request",
        ),
        (
            "POST /v4/a/b SPDY/3\r\n\r\n".to_owned(),
            "HTTP/1.1 400 Bad Request",
        ),
        (
            "POST /v4/a/b HTTP/1.1\r\nno colon\r\n\r\n".to_owned(),
            "HTTP/1.1 400 Bad Request",
        ),
        (
            "POST /v4/a/b HTTP/1.1\r\nContent-Length: x\r\n\r\n".to_owned(),
            "HTTP/1.1 400 Bad Request",
        ),
        (
            "POST /v4/a/b HTTP/1.1\r\n\r\n".to_owned(),
            "HTTP/1.1 411 Length Required",
        ),
        (
            "POST /v4/a/b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_owned(),
            "HTTP/1.1 411 Length Required",
        ),
        (too_big, "HTTP/1.1 413 Content Too Large"),
        (big_head, "HTTP/1.1 431 Request Header Fields Too Large"),
        ("GET\r\n\r\n".to_owned(), "HTTP/1.1 400 Bad Request"),
    ] {
        assert_eq!(
            exchange(&base, request.as_bytes()).0,
            status,
            "{request:.60}"
        );
    }
    assert_eq!(
        exchange(&base, b"\xff\xfe / HTTP/1.1\r\n\r\n").0,
        "HTTP/1.1 400 Bad Request"
    );
    // A request cut short: the client closes its side and gets an answer.
    let mut stream = TcpStream::connect(base.strip_prefix("http://").unwrap()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .write_all(b"POST /v4/a/b HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}")
        .unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 400 Bad Request"),
        "{response}"
    );
    // A GET reaches the handler and is refused as Tencent would.
    let (_, body) = exchange(&base, b"GET /v4/a/b HTTP/1.1\r\n\r\n");
    assert_eq!(
        code(&serde_json::from_str(&body).unwrap()),
        ("FAIL".into(), 60002)
    );
}
