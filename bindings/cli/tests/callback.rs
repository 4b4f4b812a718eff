//! `usersig callback chat|trtc`: the vectors pass, refusals exit 1 with their kind, input comes
//! from the argument or standard input, and the callback secret is never shown.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `usersig ARGS` with the callback secret in `USERSIG_CALLBACK_KEY` and `stdin` as input,
/// and checks that the secret (if long enough to be told from other text) was shown nowhere.
fn callback(secret: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usersig"))
        .arg("callback")
        .args(args)
        .env("USERSIG_CALLBACK_KEY", secret)
        .env_remove("USERSIG_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    for stream in [&output.stdout, &output.stderr] {
        let shown = String::from_utf8_lossy(stream);
        assert!(
            secret.len() < 8 || !shown.contains(secret),
            "the secret was shown"
        );
    }
    output
}

fn vectors(scheme: &str) -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../core/tests/vectors/callbacks.jsonl"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|v| v["scheme"] == scheme)
        .collect()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn chat_vectors_pass_from_the_argument_and_standard_input() {
    for v in vectors("chat") {
        let query = format!(
            "SdkAppid={}&CallbackCommand={}&RequestTime={}&Sign={}",
            v["sdkappid"],
            v["command"].as_str().unwrap(),
            v["request_time"],
            v["sign"].as_str().unwrap()
        );
        let now = (v["request_time"].as_i64().unwrap() + 30).to_string();
        let sdkappid = v["sdkappid"].to_string();
        let token = v["token"].as_str().unwrap();
        let args = ["chat", "--json", "--now", &now, "--sdkappid", &sdkappid];
        let out = callback(token, &[&args[..], &[&query]].concat(), b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(json(&out)["command"], v["command"]);
        let url = format!("https://backend.example/callback?{query}\n");
        let out = callback(token, &[&args[..], &["-"]].concat(), url.as_bytes());
        assert_eq!(json(&out)["request_time"], v["request_time"]);
    }
}

#[test]
fn trtc_vectors_pass_with_the_exact_body() {
    for v in vectors("trtc") {
        let sdkappid = v["sdkappid"].to_string();
        let body = v["body"].as_str().unwrap();
        let args = [
            "trtc",
            "--json",
            "--sdkappid",
            &sdkappid,
            "--sdkappid-header",
            &sdkappid,
            "--sign",
            v["sign"].as_str().unwrap(),
        ];
        let key = v["key"].as_str().unwrap();
        let out = callback(key, &[&args[..], &[body]].concat(), b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(json(&out)["event_type"], v["event_type"]);
        assert_eq!(json(&out)["callback_ts"], v["callback_ts"]);
        let out = callback(key, &[&args[..], &["-"]].concat(), body.as_bytes());
        assert_eq!(out.status.code(), Some(0));
        // From standard input every byte counts: a trailing newline is another body.
        let out = callback(
            key,
            &[&args[..], &["-"]].concat(),
            format!("{body}\n").as_bytes(),
        );
        assert_eq!(
            (out.status.code(), json(&out)["error"].as_str()),
            (Some(1), Some("callback_bad_signature"))
        );
    }
}

#[test]
fn refusals_exit_1_with_their_kind() {
    let sign = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
    let query = format!("SdkAppid=888888&CallbackCommand=x&RequestTime=1669872112&Sign={sign}");
    let cases: [(&str, Vec<String>, &str); 5] = [
        (
            "xxxxyyyy",
            vec!["--now".into(), "1669872173".into(), query.clone()],
            "callback_out_of_window",
        ),
        (
            "xxxxyyyz",
            vec!["--now".into(), "1669872112".into(), query.clone()],
            "callback_bad_signature",
        ),
        (
            "xxxxyyyy",
            vec![
                "--now".into(),
                "1669872112".into(),
                "--sdkappid".into(),
                "1".into(),
                query.clone(),
            ],
            "callback_sdkappid_mismatch",
        ),
        (
            "xxxxyyyy",
            vec![format!("{query}&Sign={sign}")],
            "callback_param_repeated",
        ),
        (
            "xxxxyyyy",
            vec!["--window".into(), "86401".into(), query],
            "callback_window_out_of_range",
        ),
    ];
    for (token, args, kind) in cases {
        let args: Vec<&str> = ["chat", "--json"]
            .into_iter()
            .chain(args.iter().map(String::as_str))
            .collect();
        let out = callback(token, &args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(json(&out)["error"], kind, "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with(&format!("usersig: {kind}: ")));
    }
    let huge = vec![b'{'; 10 * 1024 * 1024];
    let out = callback(
        "k",
        &[
            "trtc",
            "--json",
            "--sign",
            "x",
            "--sdkappid-header",
            "1",
            "-",
        ],
        &huge,
    );
    assert_eq!(
        (out.status.code(), json(&out)["error"].as_str()),
        (Some(1), Some("callback_too_large"))
    );
}

#[test]
fn a_missing_secret_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_usersig"))
        .args(["callback", "chat", "SdkAppid=1"])
        .env_remove("USERSIG_CALLBACK_KEY")
        .env("USERSIG_KEY", "the signing key is not the callback token")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("USERSIG_CALLBACK_KEY"));
}
