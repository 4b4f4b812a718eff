//! `usersig-fake-rest --sdkappid N --key K [--admin ID]`: serves the fake REST endpoint on
//! `127.0.0.1:0`, prints `http://127.0.0.1:PORT` as its first line of output, and serves until
//! it is killed or its standard input closes (so a test that dies takes the server with it).
//!
//! `usersig-fake-rest callbacks --url URL --sdkappid N --chat-token T --trtc-key K`: POSTs every
//! case of [`usersig_fake_rest::callbacks::cases`] to the receiver at `URL`, prints `PASS name
//! answer` or `FAIL name expected … got …` for each, and exits 0 if all passed, 1 if not.

use std::io::{Read, Write};
use std::process::ExitCode;

use usersig_fake_rest::callbacks::{self, Target};
use usersig_fake_rest::{spawn, Config};

const USAGE: &str = "usage: usersig-fake-rest --sdkappid N --key KEY [--admin ID]\n       \
    usersig-fake-rest callbacks --url URL --sdkappid N --chat-token TOKEN --trtc-key KEY";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("callbacks") {
        args.next();
        return match parse_target(args) {
            Ok(target) => send_callbacks(&target),
            Err(message) => {
                eprintln!("usersig-fake-rest: {message}\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let config = match parse_args(args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("usersig-fake-rest: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let url = match spawn(config) {
        Ok(url) => url,
        Err(e) => {
            eprintln!("usersig-fake-rest: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "{url}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    let _ = std::io::stdin().lock().read_to_end(&mut Vec::new());
    ExitCode::SUCCESS
}

fn send_callbacks(target: &Target) -> ExitCode {
    let cases = match callbacks::cases(target, usersig::unix_now()) {
        Ok(cases) => cases,
        Err(e) => {
            eprintln!("usersig-fake-rest: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    for case in &cases {
        match callbacks::send(&target.url, case) {
            Ok(answer) if case.accepts(&answer) => println!("PASS {} {}", case.name, answer.body),
            Ok(answer) => {
                failed += 1;
                println!(
                    "FAIL {} expected {:?} got {} {:?}",
                    case.name, case.expected, answer.status, answer.body
                );
            }
            Err(e) => {
                failed += 1;
                println!(
                    "FAIL {} expected {:?} got no answer: {e}",
                    case.name, case.expected
                );
            }
        }
    }
    println!(
        "{} of {} callbacks answered as expected",
        cases.len() - failed,
        cases.len()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn parse_target(mut args: impl Iterator<Item = String>) -> Result<Target, String> {
    let (mut url, mut sdkappid, mut chat_token, mut trtc_key) = (None, None, None, None);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => url = Some(value),
            "--sdkappid" => {
                sdkappid = Some(
                    value
                        .parse::<u32>()
                        .map_err(|_| format!("--sdkappid {value:?} is not a u32"))?,
                );
            }
            "--chat-token" => chat_token = Some(value),
            "--trtc-key" => trtc_key = Some(value),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Target {
        url: url.ok_or("--url is required")?,
        sdkappid: sdkappid.ok_or("--sdkappid is required")?,
        chat_token: chat_token.ok_or("--chat-token is required")?,
        trtc_key: trtc_key.ok_or("--trtc-key is required")?,
    })
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
    let (mut sdkappid, mut key, mut admin) = (None, None, usersig::DEFAULT_ADMIN.to_owned());
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--sdkappid" => {
                let text = value()?;
                sdkappid = Some(
                    text.parse::<u32>()
                        .map_err(|_| format!("--sdkappid {text:?} is not a u32"))?,
                );
            }
            "--key" => key = Some(value()?),
            "--admin" => admin = value()?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Config {
        sdkappid: sdkappid.ok_or("--sdkappid is required")?,
        key: key.ok_or("--key is required")?,
        admin,
    })
}
