//! `usersig-fake-rest --sdkappid N --key K [--admin ID]`: serves the fake REST endpoint on
//! `127.0.0.1:0`, prints `http://127.0.0.1:PORT` as its first line of output, and serves until
//! it is killed or its standard input closes (so a test that dies takes the server with it).

use std::io::{Read, Write};
use std::process::ExitCode;

use usersig_fake_rest::{spawn, Config};

const USAGE: &str = "usage: usersig-fake-rest --sdkappid N --key KEY [--admin ID]";

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
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
