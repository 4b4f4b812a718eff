//! What the command's test files share: the key and running the command as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The key every test signs with, given to the command in `USERSIG_KEY`.
pub const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

/// Runs `usersig ARGS` with `stdin` as its input, and checks that it showed the key nowhere.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_usersig"))
        .args(args)
        .env("USERSIG_KEY", KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // The command may exit before reading all of a refused input.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    for stream in [&output.stdout, &output.stderr] {
        assert!(
            !String::from_utf8_lossy(stream).contains(KEY),
            "the key was shown"
        );
    }
    output
}
