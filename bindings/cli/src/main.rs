//! `usersig`: mint, verify and inspect Tencent Cloud UserSigs, and check Tencent's callbacks,
//! from the shell.
//!
//! Exit status: 0 on success, 1 when a token or a callback is refused or an input is invalid (the error kind
//! and its Tencent code go to stderr), or when a REST call fails, 2 on a usage error.

mod callback;
mod keys;
mod render;
mod rest;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use usersig::{
    AdminAuth, Endpoint, Privileges, Region, Room, Signer, Verifier, DEFAULT_ADMIN,
    DEFAULT_ADMIN_VALIDITY, DEFAULT_EXPIRE,
};

use keys::Keys;
use rest::RestError;

/// Mint, verify and inspect Tencent Cloud UserSig v2 tokens and TRTC PrivateMapKeys.
///
/// The secret key comes from --key, --key-file or the environment variable USERSIG_KEY (prefer
/// the file or the variable: command-line arguments are visible to other users of the machine).
/// The key is never printed.
#[derive(Parser)]
#[command(name = "usersig", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Mint a UserSig and print it.
    Sign {
        #[command(flatten)]
        app: App,
        #[command(flatten)]
        validity: Validity,
        /// The application's own userbuf bytes, in hex.
        #[arg(long, value_name = "HEX", value_parser = parse_hex)]
        userbuf_hex: Option<Hex>,
    },
    /// Mint a PrivateMapKey (a UserSig granting privileges in one TRTC room) and print it.
    Pmk {
        #[command(flatten)]
        app: App,
        #[command(flatten)]
        validity: Validity,
        /// A numeric room id, 1..=4294967294.
        #[arg(
            long,
            value_name = "N",
            required_unless_present = "room_str",
            conflicts_with = "room_str"
        )]
        room_id: Option<i64>,
        /// A string room id, 1 to 64 bytes.
        #[arg(long, value_name = "S")]
        room_str: Option<String>,
        /// The privilege bits, 0..=255 (1 create, 2 enter, 4 send audio, 8 receive audio,
        /// 16 send video, 32 receive video, 64 send sub-stream, 128 receive sub-stream).
        #[arg(long, value_name = "MASK")]
        privilege: i64,
    },
    /// Verify a token; print its claims and exit 0 if valid, else exit 1.
    Verify {
        #[command(flatten)]
        app: App,
        /// Check at this Unix time instead of now.
        #[arg(long, value_name = "UNIX")]
        now: Option<i64>,
        /// Require the token to carry exactly this userbuf, in hex. Without it or
        /// --any-userbuf, a token that carries a userbuf (a PrivateMapKey) is refused.
        #[arg(long, value_name = "HEX", value_parser = parse_hex, conflicts_with = "any_userbuf")]
        userbuf_hex: Option<Hex>,
        /// Accept a token with any userbuf, or none, and print it (check a PrivateMapKey's
        /// grant yourself).
        #[arg(long)]
        any_userbuf: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// The token, or - to read it from standard input.
        token: String,
    },
    /// Decode a token without the key. Nothing is verified.
    Inspect {
        /// Print one JSON object, with the token's own fields under their TLS.* names.
        #[arg(long)]
        json: bool,
        /// The token, or - to read it from standard input.
        token: String,
    },
    /// Print the URL of one REST API call, authenticated as the app admin.
    ///
    /// The URL carries an admin UserSig: treat it as a secret, and keep --expire short.
    RestUrl {
        #[command(flatten)]
        admin: Admin,
        /// The region whose host to use (default china): china, singapore, seoul, tokyo,
        /// frankfurt, mumbai, silicon-valley, jakarta.
        #[arg(long, value_name = "R", value_parser = parse_region, conflicts_with = "host")]
        region: Option<Region>,
        /// An explicit host, with an optional :port, reached over HTTPS.
        #[arg(long, value_name = "H", value_parser = parse_host)]
        host: Option<Endpoint>,
        #[command(flatten)]
        validity: AdminValidity,
        #[command(flatten)]
        path: RestPath,
    },
    /// POST a JSON body to one REST API call as the app admin, and print the answer.
    ///
    /// Exits 0 when the answer's ActionStatus is OK and its ErrorCode 0; otherwise, and when
    /// the request fails, prints `ErrorCode: ErrorInfo` (or the failure) to stderr and exits 1.
    Rest {
        #[command(flatten)]
        admin: Admin,
        /// The region whose host to use (default china).
        #[arg(long, value_name = "R", value_parser = parse_region, conflicts_with = "endpoint")]
        region: Option<Region>,
        /// An explicit base URL: https://HOST or https://HOST:PORT, or http:// to a loopback
        /// host (for tests).
        #[arg(long, value_name = "URL", value_parser = parse_endpoint)]
        endpoint: Option<Endpoint>,
        #[command(flatten)]
        validity: AdminValidity,
        /// Give up after this many seconds, connecting included (1..=300).
        #[arg(long, value_name = "SECS", default_value_t = 30,
              value_parser = clap::value_parser!(u64).range(1..=300))]
        timeout: u64,
        #[command(flatten)]
        path: RestPath,
        /// The JSON body (at most 1 MiB), or - to read it from standard input.
        #[arg(default_value = "{}")]
        body: String,
    },
    /// Check a callback that Tencent's servers sent to the application's backend.
    #[command(subcommand)]
    Callback(callback::Scheme),
}

/// The application, the user, and the key(s).
#[derive(Args)]
struct App {
    /// The application's SDKAppID.
    #[arg(long, value_name = "N")]
    sdkappid: u32,
    /// The user id (UserID).
    #[arg(long, value_name = "ID")]
    user_id: String,
    #[command(flatten)]
    keys: Keys,
}

/// The application, its admin account, and the key.
#[derive(Args)]
struct Admin {
    /// The application's SDKAppID.
    #[arg(long, value_name = "N")]
    sdkappid: u32,
    /// The admin account (an app admin set in the console).
    #[arg(long, value_name = "ID", default_value = DEFAULT_ADMIN)]
    admin: String,
    #[command(flatten)]
    keys: Keys,
}

/// The admin token's validity and issue time.
#[derive(Args)]
struct AdminValidity {
    /// Validity of the admin UserSig in seconds (default one hour: the URL lands in logs).
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_ADMIN_VALIDITY)]
    expire: i64,
    /// Issue time in Unix seconds (default: now).
    #[arg(long, value_name = "UNIX")]
    time: Option<i64>,
}

/// The call: service and command names, such as `im_open_login_svc account_import`.
#[derive(Args)]
struct RestPath {
    /// The service name (letters, digits, _ . -).
    service: String,
    /// The command name (letters, digits, _ . -).
    command: String,
}

/// When the token is issued and for how long it is valid.
#[derive(Args)]
struct Validity {
    /// Validity in seconds (default 180 days).
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_EXPIRE)]
    expire: i64,
    /// Issue time in Unix seconds (default: now).
    #[arg(long, value_name = "UNIX")]
    time: Option<i64>,
}

impl Validity {
    fn now(&self) -> i64 {
        self.time.unwrap_or_else(usersig::unix_now)
    }
}

/// A failure, and the exit status it maps to.
enum Failure {
    /// The command line is wrong: exit 2.
    Usage(String),
    /// A token was refused or an input is invalid: exit 1.
    Refused { error: usersig::Error, json: bool },
    /// A REST call failed: exit 1.
    Rest(RestError),
}

impl From<usersig::Error> for Failure {
    fn from(error: usersig::Error) -> Self {
        Failure::Refused { error, json: false }
    }
}

/// Prints what a server answered: as it is into a pipe or a file, with its control characters
/// escaped onto a terminal.
fn print_answer(answer: &str) {
    if std::io::stdout().is_terminal() {
        println!("{}", render::escape_controls(answer));
    } else {
        println!("{answer}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("usersig: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Refused { error, json }) => {
            if json {
                println!("{}", render::error_json(&error));
            }
            eprintln!("usersig: {}", render::error_line(&error));
            ExitCode::FAILURE
        }
        Err(Failure::Rest(error)) => {
            match error {
                RestError::Refused { answer, code, info } => {
                    print_answer(&answer);
                    eprintln!("{code}: {}", info.escape_debug());
                }
                RestError::Transport(message) => eprintln!("usersig: {message}"),
                RestError::NotTencentJson { status } => {
                    eprintln!("usersig: the server's answer (HTTP {status}) is not Tencent's JSON")
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs one command and returns what it prints on success.
fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Sign {
            app,
            validity,
            userbuf_hex,
        } => {
            let signer = Signer::new(app.sdkappid, &app.keys.single().map_err(Failure::Usage)?)?;
            let token = match userbuf_hex {
                None => signer.user_sig_at(&app.user_id, validity.expire, validity.now())?,
                Some(Hex(buf)) => signer.user_sig_with_userbuf_at(
                    &app.user_id,
                    &buf,
                    validity.expire,
                    validity.now(),
                )?,
            };
            Ok(format!("{token}\n"))
        }
        Command::Pmk {
            app,
            validity,
            room_id,
            room_str,
            privilege,
        } => {
            let signer = Signer::new(app.sdkappid, &app.keys.single().map_err(Failure::Usage)?)?;
            let room = match (room_id, room_str) {
                (Some(id), _) => Room::numeric(id)?,
                (None, Some(name)) => Room::named(&name)?,
                (None, None) => unreachable!("clap requires one of --room-id and --room-str"),
            };
            let privileges = Privileges::try_from(privilege)?;
            let token = signer.private_map_key_at(
                &app.user_id,
                &room,
                privileges,
                validity.expire,
                validity.now(),
            )?;
            Ok(format!("{token}\n"))
        }
        Command::Verify {
            app,
            now,
            userbuf_hex,
            any_userbuf,
            json,
            token,
        } => {
            let verifier = Verifier::with_keys(
                app.sdkappid,
                app.keys
                    .all()
                    .map_err(Failure::Usage)?
                    .iter()
                    .map(|k| k.as_str()),
            )?;
            let token = read_token(token)?;
            let now = now.unwrap_or_else(usersig::unix_now);
            let result = match userbuf_hex {
                Some(Hex(buf)) => verifier.verify_with_userbuf_at(&token, &app.user_id, &buf, now),
                None if any_userbuf => verifier.verify_any_userbuf_at(&token, &app.user_id, now),
                None => verifier.verify_at(&token, &app.user_id, now),
            };
            match result {
                Ok(claims) if json => Ok(format!("{}\n", render::claims_json(&claims, true))),
                Ok(claims) => Ok(render::claims_text(&claims, "valid")),
                Err(error) => Err(Failure::Refused { error, json }),
            }
        }
        Command::Callback(scheme) => callback::run(scheme),
        Command::Inspect { json, token } => {
            let token = read_token(token)?;
            match usersig::inspect(&token) {
                Ok(claims) if json => Ok(format!("{}\n", render::claims_json(&claims, false))),
                Ok(claims) => Ok(render::claims_text(&claims, "decoded, NOT verified")),
                Err(error) => Err(Failure::Refused { error, json }),
            }
        }
        Command::RestUrl {
            admin,
            region,
            host,
            validity,
            path,
        } => {
            let endpoint =
                host.unwrap_or_else(|| Endpoint::region(region.unwrap_or(Region::China)));
            let url = admin_url(&admin, endpoint, &validity, &path)?;
            Ok(format!("{url}\n"))
        }
        Command::Rest {
            admin,
            region,
            endpoint,
            validity,
            timeout,
            path,
            body,
        } => {
            let body = read_body(body)?;
            let endpoint =
                endpoint.unwrap_or_else(|| Endpoint::region(region.unwrap_or(Region::China)));
            let url = admin_url(&admin, endpoint, &validity, &path)?;
            let answer =
                rest::post(&url, &body, Duration::from_secs(timeout)).map_err(Failure::Rest)?;
            print_answer(&answer);
            Ok(String::new())
        }
    }
}

/// The URL of one REST call, with a token issued at `--time` (or now).
fn admin_url(
    admin: &Admin,
    endpoint: Endpoint,
    validity: &AdminValidity,
    path: &RestPath,
) -> Result<String, Failure> {
    let auth = AdminAuth::from_key(
        admin.sdkappid,
        &admin.keys.single().map_err(Failure::Usage)?,
        &admin.admin,
    )?
    .with_endpoint(endpoint)
    .with_validity(validity.expire, 0)?;
    let now = validity.time.unwrap_or_else(usersig::unix_now);
    Ok(auth.url_at(&path.service, &path.command, now)?)
}

/// The request body: the argument, or standard input for `-`; at most 1 MiB, and JSON.
fn read_body(body: String) -> Result<String, Failure> {
    let body = if body == "-" {
        let mut text = String::new();
        std::io::stdin()
            .take(rest::MAX_REQUEST_BODY as u64 + 1)
            .read_to_string(&mut text)
            .map_err(|e| {
                Failure::Usage(format!("cannot read the body from standard input: {e}"))
            })?;
        text
    } else {
        body
    };
    if body.len() > rest::MAX_REQUEST_BODY {
        return Err(Failure::Usage(format!(
            "the body is larger than {} bytes",
            rest::MAX_REQUEST_BODY
        )));
    }
    if serde_json::from_str::<serde_json::Value>(&body).is_err() {
        return Err(Failure::Usage("the body is not JSON".to_owned()));
    }
    Ok(body)
}

fn parse_region(name: &str) -> Result<Region, String> {
    Region::from_name(name).map_err(|e| e.to_string())
}

fn parse_host(host: &str) -> Result<Endpoint, String> {
    Endpoint::host(host).map_err(|e| e.to_string())
}

fn parse_endpoint(url: &str) -> Result<Endpoint, String> {
    Endpoint::url(url).map_err(|e| e.to_string())
}

/// The token argument, or standard input for `-`, without surrounding white space.
fn read_token(token: String) -> Result<String, Failure> {
    if token != "-" {
        return Ok(token);
    }
    let mut text = String::new();
    std::io::stdin()
        .take(2 * usersig::MAX_TOKEN_LEN as u64)
        .read_to_string(&mut text)
        .map_err(|e| Failure::Usage(format!("cannot read the token from standard input: {e}")))?;
    Ok(text.trim().to_owned())
}

/// Bytes given in hex on the command line.
#[derive(Clone)]
struct Hex(Vec<u8>);

fn parse_hex(text: &str) -> Result<Hex, String> {
    if !text.len().is_multiple_of(2) {
        return Err("hex needs an even number of digits".to_owned());
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .filter(|pair| pair.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| format!("not a hex digit pair at offset {i}"))
        })
        .collect::<Result<Vec<u8>, String>>()
        .map(Hex)
}
