//! `usersig rest-url` and `usersig rest`, against the fake REST endpoint on loopback.

use std::process::{Command, Output};

use usersig_fake_rest::{spawn, Config};

mod common;
use common::{run as usersig, KEY};

fn fake() -> String {
    spawn(Config {
        sdkappid: 1400000000,
        key: KEY.into(),
        admin: "administrator".into(),
    })
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// `usersig rest` to the fake, with the given extra arguments.
fn rest(endpoint: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["rest", "--sdkappid=1400000000", "--endpoint", endpoint];
    all.extend_from_slice(args);
    usersig(&all, stdin)
}

#[test]
fn rest_url_prints_an_authenticated_url() {
    let out = usersig(
        &[
            "rest-url",
            "--sdkappid=1400000000",
            "--admin=administrator",
            "--region=singapore",
            "--expire=300",
            "--time=1700000000",
            "im_open_login_svc",
            "account_import",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let url = text(&out.stdout);
    let prefix = "https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator&usersig=";
    assert!(url.starts_with(prefix), "{url}");
    assert!(url.ends_with("&contenttype=json\n"), "{url}");
    let token = url[prefix.len()..]
        .split('&')
        .next()
        .unwrap()
        .replace("%2A", "*");
    let claims = usersig::Verifier::new(1400000000, KEY)
        .unwrap()
        .verify_at(&token, "administrator", 1700000000)
        .unwrap();
    assert_eq!((claims.issued_at, claims.expire), (1700000000, 300));

    let out = usersig(
        &[
            "rest-url",
            "--sdkappid=1",
            "--host=im.example.com:8443",
            "a",
            "b",
        ],
        b"",
    );
    assert!(text(&out.stdout)
        .starts_with("https://im.example.com:8443/v4/a/b?sdkappid=1&identifier=administrator&"));
}

#[test]
fn rest_posts_the_body_and_prints_the_answer() {
    let base = fake();
    let out = rest(&base, &["svc", "cmd", r#"{"UserID":"alice"}"#], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["ActionStatus"], "OK");
    assert_eq!(answer["Body"]["UserID"], "alice");
    assert_eq!(
        (answer["Service"].as_str(), answer["Command"].as_str()),
        (Some("svc"), Some("cmd"))
    );

    let out = rest(
        &base,
        &["svc", "cmd", "-"],
        "{\"From\":\"stdin é\"}".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["Body"]["From"], "stdin é");

    // No body sends {}.
    let out = rest(&base, &["svc", "cmd"], b"");
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["Body"], serde_json::json!({}));
}

#[test]
fn an_expired_token_gets_70001() {
    let base = fake();
    let out = rest(
        &base,
        &["--time=1700000000", "--expire=60", "svc", "cmd"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("70001: "),
        "{}",
        text(&out.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["ActionStatus"], "FAIL");
}

#[test]
fn fail_answers_exit_1_with_code_and_info() {
    let base = fake();
    let out = rest(&base, &["fake", "fail"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "90001: the fake refuses this request, as asked\n"
    );
    // A wrong key is refused by the server with its code.
    let out = usersig(
        &[
            "rest",
            "--sdkappid=1400000000",
            "--endpoint",
            &base,
            "--key=other",
            "svc",
            "cmd",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("\n70009: "),
        "{}",
        text(&out.stderr)
    );
    // Another admin.
    let out = rest(&base, &["--admin=alice", "svc", "cmd"], b"");
    assert!(
        text(&out.stderr).starts_with("60010: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn plain_http_never_goes_through_a_proxy_from_the_environment() {
    use std::io::{Read, Write};
    // A "proxy" on loopback that records whatever reaches it and answers as Tencent would.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    proxy.set_nonblocking(true).unwrap();
    let seen = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            if let Ok((mut stream, _)) = proxy.accept() {
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(std::time::Duration::from_secs(1)))
                    .unwrap();
                let mut buf = [0; 4096];
                let n = stream.read(&mut buf).unwrap_or(0);
                seen.extend_from_slice(&buf[..n]);
                let body = r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"proxy"}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        seen
    });
    let base = fake();
    let mut command = Command::new(env!("CARGO_BIN_EXE_usersig"));
    command
        .args([
            "rest",
            "--sdkappid=1400000000",
            "--endpoint",
            &base,
            "fake",
            "echo",
        ])
        .env("USERSIG_KEY", KEY)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    for variable in ["ALL_PROXY", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY"] {
        command.env(variable, &proxy_url);
    }
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("proxy"),
        "{}",
        text(&out.stdout)
    );
    let seen = seen.join().unwrap();
    assert!(
        seen.is_empty(),
        "the proxy saw: {}",
        String::from_utf8_lossy(&seen)
    );
}

#[test]
fn a_non_json_answer_exits_1() {
    let base = fake();
    let out = rest(&base, &["fake", "not_json"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "usersig: the server's answer (HTTP 200) is not Tencent's JSON\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_hanging_endpoint_times_out() {
    let base = fake();
    let out = rest(&base, &["--timeout=1", "fake", "hang"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "usersig: the request timed out\n");
}

#[test]
fn an_endpoint_that_is_not_listening_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let out = rest(&base, &["--timeout=5", "svc", "cmd"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("usersig: "),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_bodies_are_refused_before_sending() {
    let base = fake();
    let huge = format!("[\"{}\"]", "a".repeat(1024 * 1024));
    let out = rest(&base, &["svc", "cmd", "-"], huge.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "usersig: the body is larger than 1048576 bytes\n"
    );
    // (An argument that large cannot even be passed: Linux caps one at 128 KiB.)
    let out = rest(&base, &["svc", "cmd", "{not json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "usersig: the body is not JSON\n");
}

#[test]
fn usage_errors_exit_2() {
    let base = fake();
    for args in [
        vec!["rest", "--sdkappid=1", "svc"],
        vec!["rest", "--sdkappid=1", "--region=mars", "svc", "cmd"],
        vec![
            "rest",
            "--sdkappid=1",
            "--region=china",
            "--endpoint",
            &base,
            "svc",
            "cmd",
        ],
        vec![
            "rest",
            "--sdkappid=1",
            "--endpoint=im.example.com",
            "svc",
            "cmd",
        ],
        vec![
            "rest",
            "--sdkappid=1",
            "--endpoint",
            &base,
            "--timeout=0",
            "svc",
            "cmd",
        ],
        vec![
            "rest",
            "--sdkappid=1",
            "--endpoint",
            &base,
            "--timeout=301",
            "svc",
            "cmd",
        ],
        vec![
            "rest-url",
            "--sdkappid=1",
            "--host=https://x.com",
            "svc",
            "cmd",
        ],
        vec![
            "rest-url",
            "--sdkappid=1",
            "--host=x.com",
            "--region=china",
            "svc",
            "cmd",
        ],
        vec!["rest-url", "--sdkappid=-1", "svc", "cmd"],
    ] {
        let out = usersig(&args, b"");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // No key at all.
    let out = Command::new(env!("CARGO_BIN_EXE_usersig"))
        .args(["rest-url", "--sdkappid=1", "svc", "cmd"])
        .env_remove("USERSIG_KEY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn plain_http_is_refused_except_to_loopback() {
    for endpoint in [
        "http://im.example.com",
        "http://10.0.0.1:80",
        "http://[2001:db8::1]",
    ] {
        let out = usersig(
            &["rest", "--sdkappid=1", "--endpoint", endpoint, "svc", "cmd"],
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("plain http is allowed only to a loopback host"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn invalid_inputs_exit_1_with_their_kind() {
    for args in [
        vec!["rest-url", "--sdkappid=1", "svc/x", "cmd"],
        vec!["rest-url", "--sdkappid=1", "svc", "c d"],
        vec!["rest-url", "--sdkappid=1", "--admin=", "svc", "cmd"],
        vec!["rest-url", "--sdkappid=1", "--expire=0", "svc", "cmd"],
    ] {
        let out = usersig(&args, b"");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
    let out = usersig(&["rest-url", "--sdkappid=1", "svc", "c?d"], b"");
    assert!(
        text(&out.stderr).contains("invalid_rest_path"),
        "{}",
        text(&out.stderr)
    );
}
