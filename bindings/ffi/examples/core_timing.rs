//! The core's own time for the calls `bindings/python/bench.py` times, on the same inputs, so
//! that the Python figures can be quoted against the core in the same run.
//!
//! `core_timing TOKENS` signs TOKENS user ids (`user00000`...) with expire 86400 once per call
//! and once as a batch, and verifies each token, then prints one JSON object: microseconds per
//! token for `user_sig_at`, `user_sigs_at` and `verify_at`. bench.py runs it between its own
//! passes and keeps the fastest figure of each. `core_timing TOKENS CALL` runs only the named
//! call (for instruction counts under callgrind).

use std::hint::black_box;
use std::time::Instant;

use usersig::{Signer, Verifier};

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: u32 = 1_400_000_000;
const EXPIRE: i64 = 86_400;
const NOW: i64 = 1_700_000_000;

/// Microseconds per token of one pass of `run` over `count` tokens, or 0 if `only` names
/// another call than `name`.
fn per_token(count: usize, only: Option<&str>, name: &str, run: impl FnOnce()) -> f64 {
    if only.is_some_and(|only| only != name) {
        return 0.0;
    }
    let start = Instant::now();
    run();
    start.elapsed().as_secs_f64() * 1e6 / count as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(2000);
    let only = args.get(2).map(String::as_str);
    let ids: Vec<String> = (0..count).map(|i| format!("user{i:05}")).collect();
    let signer = Signer::new(APP, KEY).expect("a valid key");
    let verifier = Verifier::new(APP, KEY).expect("a valid key");
    let tokens = signer.user_sigs_at(&ids, EXPIRE, NOW).expect("valid ids");
    let sign = per_token(count, only, "user_sig_at", || {
        for id in &ids {
            black_box(signer.user_sig_at(black_box(id), EXPIRE, NOW).unwrap());
        }
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
        r#"{{"user_sig_at": {sign:.4}, "user_sigs_at": {batch:.4}, "verify_at": {verify:.4}}}"#
    );
}
