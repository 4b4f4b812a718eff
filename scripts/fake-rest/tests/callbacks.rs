//! The callback sender against a receiver built on the core's verifiers: every case gets the
//! answer it expects, and a receiver that checks nothing fails all but the first of each scheme.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::thread;

use usersig::{ChatCallbackVerifier, TrtcCallbackVerifier};

const SDKAPPID: u32 = 1400000000;
const TOKEN: &str = "chat callback token";
const KEY: &str = "trtc callback key";

/// How a receiver answers a request, given its target, headers and body: status and body.
type Check = fn(&str, &[(String, String)], &[u8]) -> (u16, String);

/// Serves on loopback, answering each request with `check`; returns the URL.
fn receiver(check: Check) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let target = line.split(' ').nth(1).unwrap().to_owned();
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let Some((name, value)) = line.trim_end().split_once(':') else {
                    break;
                };
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
            let length = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let (status, answer) = check(&target, &headers, &body);
            write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            )
            .unwrap();
        }
    });
    url
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or("", |(_, v)| v)
}

fn checked(target: &str, headers: &[(String, String)], body: &[u8]) -> (u16, String) {
    let outcome = match target.split_once('?') {
        Some(("/chat", query)) => ChatCallbackVerifier::new(TOKEN)
            .unwrap()
            .with_sdkappid(SDKAPPID)
            .verify_query(query)
            .map(|callback| format!("ok {}", callback.command)),
        _ => TrtcCallbackVerifier::new(KEY)
            .unwrap()
            .with_sdkappid(SDKAPPID)
            .with_window(60)
            .unwrap()
            .verify(header(headers, "Sign"), header(headers, "SdkAppId"), body)
            .map(|event| format!("ok {}", event.event_type.unwrap())),
    };
    match outcome {
        Ok(answer) => (200, answer),
        Err(e) => (403, e.kind().to_string()),
    }
}

fn send(url: &str) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_usersig-fake-rest"))
        .args([
            "callbacks",
            "--url",
            url,
            "--sdkappid",
            &SDKAPPID.to_string(),
        ])
        .args(["--chat-token", TOKEN, "--trtc-key", KEY])
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn a_checking_receiver_answers_every_case_as_expected() {
    let (passed, report) = send(&receiver(checked));
    assert!(passed, "{report}");
    assert!(
        report.contains("PASS chat-signed ok C2C.CallbackAfterSendMsg\n"),
        "{report}"
    );
    assert!(report.contains("PASS trtc-signed ok 103\n"), "{report}");
    assert!(
        report.contains("PASS chat-percent-encoded-sign callback_param_invalid\n"),
        "{report}"
    );
    assert!(
        report.ends_with("20 of 20 callbacks answered as expected\n"),
        "{report}"
    );
}

#[test]
fn a_receiver_that_checks_nothing_fails_all_but_the_signed_cases() {
    let (passed, report) = send(&receiver(|target, _, _| {
        (
            200,
            if target.starts_with("/chat") {
                "ok C2C.CallbackAfterSendMsg"
            } else {
                "ok 103"
            }
            .to_owned(),
        )
    }));
    assert!(!passed);
    assert_eq!(
        report.lines().filter(|l| l.starts_with("FAIL")).count(),
        18,
        "{report}"
    );
    assert!(
        report.ends_with("2 of 20 callbacks answered as expected\n"),
        "{report}"
    );
}
