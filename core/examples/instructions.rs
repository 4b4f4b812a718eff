//! Runs one operation of the core N times, for counting instructions per call under callgrind:
//! `instructions <operation> <n>`. `scripts/callgrind.sh` runs it twice per operation and
//! divides the difference, so setup and process start cancel out.

use std::hint::black_box;

use usersig::{Privileges, Room, Signer, Verifier};

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
];

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
            _ => drop(black_box(
                verifier.verify_at(black_box(&token), USER, NOW).unwrap(),
            )),
        }
    }
}
