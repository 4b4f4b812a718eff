//! The core's own time for the calls `bindings/python/bench.py` times, on the same inputs, so
//! that the Python figures can be quoted against the core in the same run.
//!
//! `core_timing TOKENS` signs TOKENS user ids (`user00000`...) with expire 86400 once per call
//! and once as a batch, each both issued now (the clock read in the call, as Python's
//! `Signer.user_sig` and `user_sigs` do) and at a given time, and verifies each token, then
//! prints one JSON object: microseconds per token for `user_sig`, `user_sig_at`, `user_sigs`,
//! `user_sigs_at` and `verify_at`, each the fastest of three passes. bench.py runs it between
//! its own passes and keeps the fastest figure of each. `core_timing TOKENS CALL` runs only the
//! named call (for instruction counts under callgrind: three passes of TOKENS calls).
//! `core_timing TOKENS --serve` prints the JSON object again for each line read from standard
//! input, until it ends: bench.py asks once per round without starting a process each time,
//! which slowed the Python passes after it by 10 – 30%.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use usersig::{Signer, Verifier};

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: u32 = 1_400_000_000;
const EXPIRE: i64 = 86_400;
const NOW: i64 = 1_700_000_000;
/// Passes of each call in one run.
const PASSES: usize = 3;

/// Microseconds per token of the fastest of [`PASSES`] passes of `run` over `count` tokens (the
/// first pass of a fresh process pays for its warm-up), or 0 if `only` names another call than
/// `name`.
fn per_token(count: usize, only: Option<&str>, name: &str, run: impl Fn()) -> f64 {
    if only.is_some_and(|only| only != name) {
        return 0.0;
    }
    let fastest = (0..PASSES)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .expect("at least one pass");
    fastest.as_secs_f64() * 1e6 / count as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(2000);
    let serve = args.get(2).is_some_and(|arg| arg == "--serve");
    let only = args.get(2).map(String::as_str).filter(|_| !serve);
    let ids: Vec<String> = (0..count).map(|i| format!("user{i:05}")).collect();
    let signer = Signer::new(APP, KEY).expect("a valid key");
    let verifier = Verifier::new(APP, KEY).expect("a valid key");
    let tokens = signer.user_sigs_at(&ids, EXPIRE, NOW).expect("valid ids");
    let measure = || {
        let sign_now = per_token(count, only, "user_sig", || {
            for id in &ids {
                black_box(signer.user_sig(black_box(id), EXPIRE).unwrap());
            }
        });
        let sign = per_token(count, only, "user_sig_at", || {
            for id in &ids {
                black_box(signer.user_sig_at(black_box(id), EXPIRE, NOW).unwrap());
            }
        });
        let batch_now = per_token(count, only, "user_sigs", || {
            black_box(signer.user_sigs(black_box(&ids), EXPIRE).unwrap());
        });
        let batch = per_token(count, only, "user_sigs_at", || {
            black_box(signer.user_sigs_at(black_box(&ids), EXPIRE, NOW).unwrap());
        });
        let verify = per_token(count, only, "verify_at", || {
            for (id, token) in ids.iter().zip(&tokens) {
                black_box(verifier.verify_at(black_box(token), id, NOW).unwrap());
            }
        });
        println!(
            r#"{{"user_sig": {sign_now:.4}, "user_sig_at": {sign:.4}, "user_sigs": {batch_now:.4}, "user_sigs_at": {batch:.4}, "verify_at": {verify:.4}}}"#
        );
    };
    if !serve {
        measure();
        return;
    }
    for line in std::io::stdin().lines() {
        line.expect("a request on standard input");
        measure();
        std::io::stdout().flush().expect("standard output");
    }
}
