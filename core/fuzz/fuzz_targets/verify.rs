//! `verify` on arbitrary input, either as the token text itself or, to reach the JSON and
//! signature checks, as content wrapped in a valid zlib stream and base64. Never a panic.
#![no_main]

use std::io::Write;
use std::sync::OnceLock;

use base64::Engine;
use libfuzzer_sys::fuzz_target;
use usersig::Verifier;

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| Verifier::with_keys(1_400_000_000, ["key one", "key two"]).unwrap())
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else { return };
    let token = if mode % 2 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(u32::from(mode % 10)));
        z.write_all(rest).unwrap();
        base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap())
    };
    let now = i64::from(mode) * 100_000_000;
    let _ = verifier().verify_at(&token, "alice", now);
    let _ = verifier().verify_with_userbuf_at(&token, "alice", rest, now);
});
