//! The `usersig` command, run as a user would: outputs, exit codes, and the key never shown.

use std::process::Output;

mod common;
use common::run;

fn usersig(args: &[&str]) -> Output {
    run(args, b"")
}

fn usersig_with_stdin(args: &[&str], stdin: &str) -> Output {
    run(args, stdin.as_bytes())
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

fn sign_xiaojun() -> String {
    let out = usersig(&[
        "sign",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "--time=1700000000",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out).trim_end().to_owned()
}

#[test]
fn sign_then_inspect_shows_the_spec_signature() {
    let token = sign_xiaojun();
    let out = usersig(&["inspect", "--json", &token]);
    assert_eq!(out.status.code(), Some(0));
    let j = json(&out);
    assert_eq!(j["TLS.sig"], "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=");
    assert_eq!(j["TLS.ver"], "2.0");
    assert_eq!(j["TLS.identifier"], "xiaojun");
    assert_eq!(j["TLS.sdkappid"], 1400000000);
    assert_eq!(j["TLS.time"], 1700000000);
    assert_eq!(j["TLS.expire"], 15552000);
    assert_eq!(j["expires_at"], 1715552000);
    assert_eq!(j["verified"], false);
    let text = stdout(&usersig(&["inspect", &token]));
    assert!(text.starts_with("decoded, NOT verified\n"), "{text}");
    assert!(text.contains("1700000000 (2023-11-14T22:13:20Z)"), "{text}");
}

#[test]
fn verify_exit_codes() {
    let token = sign_xiaojun();
    let ok = usersig(&[
        "verify",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "--now=1715552000",
        &token,
    ]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(stdout(&ok).starts_with("valid\n"));

    let late = usersig(&[
        "verify",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "--now=1715552001",
        &token,
    ]);
    assert_eq!(late.status.code(), Some(1));
    assert!(
        stderr(&late).starts_with("usersig: expired: "),
        "{}",
        stderr(&late)
    );
    assert!(stderr(&late).contains("70001"));

    let other = usersig(&[
        "verify",
        "--sdkappid=1400000000",
        "--user-id=Xiaojun",
        "--now=1700000000",
        "--json",
        &token,
    ]);
    assert_eq!(other.status.code(), Some(1));
    let j = json(&other);
    assert_eq!(
        (
            j["valid"].as_bool(),
            j["error"].as_str(),
            j["tencent_code"].as_i64()
        ),
        (Some(false), Some("user_id_mismatch"), Some(70013))
    );

    let garbage = usersig(&[
        "verify",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "garbage!",
    ]);
    assert_eq!(garbage.status.code(), Some(1));
    assert!(stderr(&garbage).contains("malformed"));

    for usage in [
        &["verify", "--sdkappid=1400000000", "--user-id=x"][..],
        &["verify", "--sdkappid=-1", "--user-id=x", "t"],
        &[
            "verify",
            "--sdkappid=1",
            "--user-id=x",
            "--userbuf-hex=0g",
            "t",
        ],
        &["sign", "--sdkappid=1", "--user-id=x", "--userbuf-hex=+f"],
        &["pmk", "--sdkappid=1", "--user-id=x", "--privilege=1"],
        &[
            "pmk",
            "--sdkappid=1",
            "--user-id=x",
            "--room-id=1",
            "--room-str=r",
            "--privilege=1",
        ],
        &["frobnicate"],
    ] {
        assert_eq!(usersig(usage).status.code(), Some(2), "{usage:?}");
    }
}

#[test]
fn verify_json_and_userbuf() {
    let out = usersig(&[
        "sign",
        "--sdkappid=1",
        "--user-id=u",
        "--time=1700000000",
        "--expire=60",
        "--userbuf-hex=00ff",
    ]);
    let token = stdout(&out).trim_end().to_owned();
    let ok = usersig(&[
        "verify",
        "--sdkappid=1",
        "--user-id=u",
        "--now=1700000000",
        "--userbuf-hex=00FF",
        "--json",
        &token,
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let j = json(&ok);
    assert_eq!(j["verified"], true);
    assert_eq!(j["userbuf_hex"], "00ff");
    assert_eq!(j["expires_at"], 1700000060);
    let wrong = usersig(&[
        "verify",
        "--sdkappid=1",
        "--user-id=u",
        "--now=1700000000",
        "--userbuf-hex=00",
        &token,
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("userbuf_mismatch"));
    assert!(stderr(&wrong).contains("-100006"));
    // Without --userbuf-hex, a token with a userbuf is no plain UserSig; --any-userbuf takes it.
    let verify = |extra: &[&str]| {
        let mut args = vec!["verify", "--sdkappid=1", "--user-id=u", "--now=1700000000"];
        args.extend_from_slice(extra);
        args.push(&token);
        usersig(&args)
    };
    let plain = verify(&[]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        stderr(&plain).contains("unexpected_userbuf"),
        "{}",
        stderr(&plain)
    );
    let any = verify(&["--any-userbuf", "--json"]);
    assert_eq!(any.status.code(), Some(0), "{}", stderr(&any));
    assert_eq!(json(&any)["userbuf_hex"], "00ff");
    assert_eq!(
        verify(&["--any-userbuf", "--userbuf-hex=00ff"])
            .status
            .code(),
        Some(2)
    );
    let unsigned = stdout(&usersig(&[
        "sign",
        "--sdkappid=1",
        "--user-id=u",
        "--time=1700000000",
        "--expire=60",
    ]));
    let missing = usersig(&[
        "verify",
        "--sdkappid=1",
        "--user-id=u",
        "--now=1700000000",
        "--userbuf-hex=00",
        unsigned.trim_end(),
    ]);
    assert!(
        stderr(&missing).contains("missing_userbuf"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn private_map_keys() {
    let out = usersig(&[
        "pmk",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "--room-id=10000",
        "--privilege=255",
        "--time=1700000000",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j = json(&usersig(&["inspect", "--json", stdout(&out).trim_end()]));
    assert_eq!(j["TLS.userbuf"], "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA");
    assert_eq!(j["TLS.sig"], "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=");
    assert_eq!(j["grant"]["room_id"], 10000);
    assert_eq!(j["grant"]["privileges"], 255);

    let out = usersig(&[
        "pmk",
        "--sdkappid=1400000000",
        "--user-id=xiaojun",
        "--room-str=1000000040",
        "--privilege=255",
        "--time=1700000000",
    ]);
    let j = json(&usersig(&["inspect", "--json", stdout(&out).trim_end()]));
    assert_eq!(j["TLS.sig"], "uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM=");
    assert_eq!(j["grant"]["room_str"], "1000000040");

    let bad = usersig(&[
        "pmk",
        "--sdkappid=1",
        "--user-id=x",
        "--room-id=0",
        "--privilege=1",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("room_id_out_of_range"));
    let bad = usersig(&[
        "pmk",
        "--sdkappid=1",
        "--user-id=x",
        "--room-id=1",
        "--privilege=256",
    ]);
    assert!(stderr(&bad).contains("privilege_out_of_range"));
}

#[test]
fn keys_from_files_and_rotation_and_stdin() {
    let dir = std::env::temp_dir().join(format!("usersig-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old.key");
    std::fs::write(&old, "old key\n").unwrap();
    let out = usersig(&[
        "sign",
        "--sdkappid=7",
        "--user-id=u",
        &format!("--key-file={}", old.display()),
    ]);
    let token = stdout(&out).trim_end().to_owned();
    let rotated = usersig_with_stdin(
        &[
            "verify",
            "--sdkappid=7",
            "--user-id=u",
            "--key=new key",
            &format!("--key-file={}", old.display()),
            "-",
        ],
        &format!("{token}\n"),
    );
    assert_eq!(rotated.status.code(), Some(0), "{}", stderr(&rotated));
    let only_new = usersig(&[
        "verify",
        "--sdkappid=7",
        "--user-id=u",
        "--key=new key",
        &token,
    ]);
    assert!(stderr(&only_new).contains("bad_signature"));
    // The environment's key is used only when no key is given on the command line.
    let env_only = usersig(&["verify", "--sdkappid=7", "--user-id=u", &token]);
    assert!(stderr(&env_only).contains("bad_signature"));
    let two_for_signing = usersig(&["sign", "--sdkappid=7", "--user-id=u", "--key=a", "--key=b"]);
    assert_eq!(two_for_signing.status.code(), Some(2));
    let missing = usersig(&[
        "sign",
        "--sdkappid=7",
        "--user-id=u",
        "--key-file=/nonexistent/key",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let empty = usersig(&["sign", "--sdkappid=7", "--user-id=u", "--key="]);
    assert!(stderr(&empty).contains("empty_key"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn keys_that_others_may_see_are_warned_of() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("usersig-cli-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("app.key");
    std::fs::write(&file, "a key\n").unwrap();
    let sign = |key: &str| usersig(&["sign", "--sdkappid=7", "--user-id=u", key]);
    let key_file = format!("--key-file={}", file.display());

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let private = sign(&key_file);
    assert_eq!(private.status.code(), Some(0));
    assert_eq!(stderr(&private), "");
    for mode in [0o644, 0o640, 0o604, 0o620] {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let shared = sign(&key_file);
        assert_eq!(shared.status.code(), Some(0));
        assert_eq!(
            stderr(&shared),
            format!(
                "usersig: warning: key file {} is accessible to other users (mode {mode:03o}); \
                 chmod 600 it\n",
                file.display()
            )
        );
    }

    let on_command_line = sign("--key=a key");
    assert_eq!(on_command_line.status.code(), Some(0));
    assert!(stderr(&on_command_line).starts_with("usersig: warning: --key is visible"));
    assert_eq!(stdout(&on_command_line), stdout(&private));

    std::fs::write(&file, "k".repeat(4097)).unwrap();
    let huge = sign(&key_file);
    assert_eq!(huge.status.code(), Some(2));
    assert!(
        stderr(&huge).contains("is larger than 4096 bytes"),
        "{}",
        stderr(&huge)
    );
    std::fs::write(&file, "k".repeat(4096)).unwrap();
    assert_eq!(sign(&key_file).status.code(), Some(0));
    std::fs::remove_dir_all(dir).unwrap();
}
