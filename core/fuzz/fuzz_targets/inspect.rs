//! `inspect` on arbitrary text: an error or claims, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &str| {
    let _ = usersig::inspect(token);
});
