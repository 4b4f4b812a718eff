//! `usersig callback chat|trtc`: check a callback that Tencent's servers sent, as an
//! application's backend receives it.

use std::io::Read;

use clap::{Args, Subcommand};
use serde_json::Value;
use usersig::{
    ChatCallbackVerifier, TrtcCallbackVerifier, DEFAULT_CALLBACK_WINDOW, MAX_CALLBACK_BODY_LEN,
    MAX_CALLBACK_QUERY_LEN,
};

use crate::keys::Keys;
use crate::{render, Failure};

/// Which scheme's callback to check.
#[derive(Subcommand)]
pub enum Scheme {
    /// A Chat (IM) or TUILiveKit callback: its query string carries Sign and RequestTime.
    ///
    /// The secret (--key, --key-file or USERSIG_CALLBACK_KEY) is the callback token of the Chat
    /// console. Prints the callback's command and parameters and exits 0 if it passes, else
    /// prints why and exits 1.
    Chat {
        #[command(flatten)]
        check: Check,
        /// The window in seconds either way of now that RequestTime must fall in.
        #[arg(long, value_name = "SECS", default_value_t = DEFAULT_CALLBACK_WINDOW)]
        window: i64,
        /// The callback's query string, or its whole URL (what follows the first ? is read),
        /// or - to read it from standard input.
        query: String,
    },
    /// A TRTC event callback: its Sign header is the HMAC of the raw body.
    ///
    /// The secret (--key, --key-file or USERSIG_CALLBACK_KEY) is the callback key of the TRTC
    /// console. Prints the event and exits 0 if it passes, else prints why and exits 1.
    Trtc {
        #[command(flatten)]
        check: Check,
        /// Also require the body's CallbackTs within this many seconds either way of now.
        #[arg(long, value_name = "SECS")]
        window: Option<i64>,
        /// The Sign header's value.
        #[arg(long, value_name = "BASE64")]
        sign: String,
        /// The SdkAppId header's value.
        #[arg(long, value_name = "N")]
        sdkappid_header: String,
        /// The raw body exactly as received, or - to read its bytes from standard input (a
        /// trailing newline is part of the body there).
        body: String,
    },
}

/// What both checks share: the secret, the expected application, the clock, the output.
#[derive(Args)]
pub struct Check {
    #[command(flatten)]
    keys: Keys,
    /// Refuse callbacks for any other SDKAppID.
    #[arg(long, value_name = "N")]
    sdkappid: Option<u32>,
    /// Check at this Unix time instead of now.
    #[arg(long, value_name = "UNIX")]
    now: Option<i64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Checks one callback and returns what to print.
pub fn run(scheme: Scheme) -> Result<String, Failure> {
    match scheme {
        Scheme::Chat {
            check,
            window,
            query,
        } => {
            let token = check.keys.callback_secret().map_err(Failure::Usage)?;
            let query = String::from_utf8(read_input(query, MAX_CALLBACK_QUERY_LEN)?)
                .map_err(|_| Failure::Usage("the query string is not UTF-8".to_owned()))?;
            let query = query.trim();
            let query = query.split_once('?').map_or(query, |(_, query)| query);
            check.answer(|sdkappid, now| {
                let mut verifier = ChatCallbackVerifier::new(&token)?.with_window(window)?;
                if let Some(id) = sdkappid {
                    verifier = verifier.with_sdkappid(id);
                }
                let callback = verifier.verify_query_at(query, now)?;
                Ok((
                    render::chat_callback_json(&callback),
                    render::chat_callback_text(&callback),
                ))
            })
        }
        Scheme::Trtc {
            check,
            window,
            sign,
            sdkappid_header,
            body,
        } => {
            let key = check.keys.callback_secret().map_err(Failure::Usage)?;
            let body = read_input(body, MAX_CALLBACK_BODY_LEN)?;
            check.answer(|sdkappid, now| {
                let mut verifier = TrtcCallbackVerifier::new(&key)?;
                if let Some(window) = window {
                    verifier = verifier.with_window(window)?;
                }
                if let Some(id) = sdkappid {
                    verifier = verifier.with_sdkappid(id);
                }
                let event = verifier.verify_at(&sign, &sdkappid_header, &body, now)?;
                Ok((
                    render::trtc_callback_json(&event),
                    render::trtc_callback_text(&event),
                ))
            })
        }
    }
}

impl Check {
    /// Runs `verify` with the expected sdkappid and the clock, and renders what it returns (as
    /// JSON and as text) or its error as `--json` asks.
    fn answer(
        &self,
        verify: impl FnOnce(Option<u32>, i64) -> Result<(Value, String), usersig::Error>,
    ) -> Result<String, Failure> {
        match verify(self.sdkappid, self.now.unwrap_or_else(usersig::unix_now)) {
            Ok((json, _)) if self.json => Ok(format!("{json}\n")),
            Ok((_, text)) => Ok(text),
            Err(error) => Err(Failure::Refused {
                error,
                json: self.json,
            }),
        }
    }
}

/// The argument's bytes, or standard input's for `-`, read up to one byte past `max` so that the
/// core refuses what is too long with its own error.
fn read_input(argument: String, max: usize) -> Result<Vec<u8>, Failure> {
    if argument != "-" {
        return Ok(argument.into_bytes());
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}
