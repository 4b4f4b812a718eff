//! Runs one operation of the core N times, for counting instructions per call under callgrind:
//! `instructions <operation> <n>`. `scripts/callgrind.sh` runs it twice per operation and
//! divides the difference, so setup and process start cancel out.

use std::hint::black_box;

use usersig::{ChatCallbackVerifier, Privileges, Room, Signer, TrtcCallbackVerifier, Verifier};

#[path = "../benches/support/mod.rs"]
mod support;
use support::recompressed;

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: u32 = 1_400_000_000;
const NOW: i64 = 1_700_000_000;
const EXPIRE: i64 = 15_552_000;
const USER: &str = "user_000042";

/// The operations, by the name the command line gives.
const OPERATIONS: &[&str] = &[
    "user_sig_at",
    "private_map_key_at",
    "verify_at",
    "verify_at_zlib6",
    "verify_at_zlib9",
    "inspect",
    "chat_callback",
    "trtc_callback",
];

/// Tencent's example of a Chat callback's query (token `xxxxyyyy`).
const CHAT_QUERY: &str = "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin\
    &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112\
    &Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

/// A TRTC "entered the room" event, 211 bytes.
const TRTC_BODY: &[u8] = br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"EventTs":1700000000,"EventMsTs":1700000000120,"UserId":"user_000042","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (operation, n) = match &args[..] {
        [_, operation, n] if OPERATIONS.contains(&operation.as_str()) => {
            (operation.as_str(), n.parse::<u64>().expect("n is a count"))
        }
        _ => {
            eprintln!("usage: instructions <{}> <n>", OPERATIONS.join("|"));
            std::process::exit(2);
        }
    };
    let signer = Signer::new(APP, KEY).unwrap();
    let verifier = Verifier::new(APP, KEY).unwrap();
    let ours = signer.user_sig_at(USER, EXPIRE, NOW).unwrap();
    let token = match operation {
        "verify_at_zlib6" => recompressed(&ours, 6),
        "verify_at_zlib9" => recompressed(&ours, 9),
        _ => ours,
    };
    let room = Room::Numeric(10000);
    let chat = ChatCallbackVerifier::new("xxxxyyyy")
        .unwrap()
        .with_sdkappid(888888);
    let trtc = TrtcCallbackVerifier::new("callback key")
        .unwrap()
        .with_sdkappid(APP);
    let trtc_sign = trtc.sign(TRTC_BODY);
    for _ in 0..n {
        match operation {
            "user_sig_at" => drop(black_box(signer.user_sig_at(black_box(USER), EXPIRE, NOW))),
            "private_map_key_at" => drop(black_box(signer.private_map_key_at(
                black_box(USER),
                &room,
                Privileges::ALL,
                EXPIRE,
                NOW,
            ))),
            "inspect" => drop(black_box(usersig::inspect(black_box(&token)))),
            "chat_callback" => drop(black_box(
                chat.verify_query_at(black_box(CHAT_QUERY), 1669872112)
                    .unwrap(),
            )),
            "trtc_callback" => drop(black_box(
                trtc.verify_at(
                    black_box(&trtc_sign),
                    "1400000000",
                    black_box(TRTC_BODY),
                    NOW,
                )
                .unwrap(),
            )),
            _ => drop(black_box(
                verifier.verify_at(black_box(&token), USER, NOW).unwrap(),
            )),
        }
    }
}
