//! Writes the `abi` target's seed corpus: every call with good arguments, and every verifying
//! call with real tokens of every kind (UserSig, with a userbuf, PrivateMapKeys of both room
//! kinds, non-ASCII and long user ids, Tencent's own tokens from `core/tests/vectors`), as they
//! are and in other ports' form (zlib level 9, standard base64).
//!   seeds CORPUS_DIR VECTORS_JSONL

use std::path::Path;

use usersig::{Privileges, Room, Signer};
use usersig_ffi_fuzz::{unwrap, wrap, Call, Seed, ADMIN, APP, ENDPOINT, KEY, OLD_KEY};

const NOW: i64 = 1_700_000_000;
const EXPIRE: i64 = 86_400;
/// A buffer large enough for every seed's result.
const ROOMY: Option<u16> = Some(4096);
/// Token forms ([`usersig_ffi_fuzz::Input::token`]): zlib level 9 in Tencent's base64, and in
/// the standard one.
const LEVEL_9_TENCENT: u8 = 10;
const LEVEL_9_STANDARD: u8 = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, vectors] = args.as_slice() else {
        panic!("usage: seeds CORPUS_DIR VECTORS_JSONL")
    };
    let signer = Signer::new(APP as u32, KEY).unwrap();
    let long_id = "x".repeat(usersig::MAX_USER_ID_LEN);
    let ids = ["alice", "用户", "a\"b\\c", "é", long_id.as_str()];
    let mut seeds = vec![];

    for id in ids {
        seeds.push(
            Seed::new(Call::UserSig, ROOMY)
                .bytes(id.as_bytes())
                .int(EXPIRE)
                .int(NOW),
        );
    }
    seeds.extend([
        Seed::new(Call::SignerNew, None)
            .int(APP)
            .bytes(KEY.as_bytes()),
        Seed::new(Call::SignerNew, ROOMY).int(APP).null(3),
        Seed::new(Call::VerifierNew, None)
            .int(APP)
            .list(&[KEY.as_bytes(), OLD_KEY.as_bytes()]),
        Seed::new(Call::UserSig, Some(16))
            .bytes(b"\xff")
            .int(EXPIRE)
            .int(NOW),
        Seed::new(Call::UserSigNow, ROOMY)
            .bytes(b"alice")
            .int(EXPIRE),
        Seed::new(Call::UserSigWithUserbuf, ROOMY)
            .bytes(b"bob")
            .bytes(b"\0\x01\xffbuf")
            .int(EXPIRE)
            .int(NOW),
        Seed::new(Call::PrivateMapKey, ROOMY)
            .bytes(b"bob")
            .int(1234)
            .int(255)
            .int(EXPIRE)
            .int(NOW),
        Seed::new(Call::PrivateMapKeyWithRoomStr, ROOMY)
            .bytes(b"bob")
            .bytes("房间".as_bytes())
            .int(42)
            .int(EXPIRE)
            .int(NOW),
        Seed::new(Call::UserSigs, ROOMY)
            .list(&ids[..4].iter().map(|id| id.as_bytes()).collect::<Vec<_>>())
            .int(EXPIRE)
            .int(NOW),
        Seed::new(Call::AdminUrl, ROOMY)
            .bytes(b"im_open_login_svc")
            .bytes(b"account_import")
            .int(NOW),
        Seed::new(Call::AdminUserSig, ROOMY).int(NOW),
        Seed::new(Call::AdminEndpoint, ROOMY),
        Seed::new(Call::ErrorKinds, ROOMY),
        Seed::new(Call::Constants, Some(8)),
        Seed::new(Call::AbiVersion, None),
    ]);
    for (kind, endpoint) in [
        (usersig_ffi::abi::ENDPOINT_REGION, "singapore"),
        (usersig_ffi::abi::ENDPOINT_HOST, "example.com:8443"),
        (usersig_ffi::abi::ENDPOINT_URL, ENDPOINT),
    ] {
        seeds.push(
            Seed::new(Call::AdminNew, ROOMY)
                .int(APP)
                .bytes(KEY.as_bytes())
                .bytes(ADMIN.as_bytes())
                .int(kind)
                .bytes(endpoint.as_bytes())
                .int(usersig::DEFAULT_ADMIN_VALIDITY)
                .int(usersig::DEFAULT_RENEW_MARGIN)
                .bytes(b"im_open_login_svc")
                .bytes(b"account_import")
                .int(NOW),
        );
    }

    let mut tokens: Vec<String> = ids
        .iter()
        .map(|id| signer.user_sig_at(id, EXPIRE, NOW).unwrap())
        .collect();
    for userbuf in [&b"\0\x01\xffbuf"[..], b""] {
        tokens.push(
            signer
                .user_sig_with_userbuf_at("bob", userbuf, EXPIRE, NOW)
                .unwrap(),
        );
    }
    for room in [
        Room::Numeric(1234),
        Room::Named("房间".into()),
        Room::Named("lobby".into()),
    ] {
        let token = signer.private_map_key_at("用户", &room, Privileges::ALL, EXPIRE, NOW);
        tokens.push(token.unwrap());
    }
    // Tencent's own tokens: zlib at its default level, and other sdkappids, keys and expiries.
    let vectors = std::fs::read_to_string(vectors).expect("the vectors file");
    tokens.extend(vectors.lines().filter_map(|line| {
        let (_, rest) = line.split_once("\"output\": \"")?;
        Some(rest.split('"').next()?.to_owned())
    }));
    for token in &tokens {
        let Ok(claims) = usersig::inspect(token) else {
            panic!("{token} does not inspect")
        };
        let (id, now) = (claims.user_id.as_bytes(), claims.issued_at);
        let content = unwrap(token).expect("a real token unwraps");
        let userbuf = claims.userbuf.unwrap_or_else(|| b"x".to_vec());
        for call in [
            Call::Verify,
            Call::VerifyAnyUserbuf,
            Call::VerifyWithUserbuf,
        ] {
            let forms = [
                Seed::new(call, ROOMY).token(token),
                Seed::new(call, ROOMY).token(&wrap(&content, LEVEL_9_STANDARD)),
                Seed::new(call, ROOMY).wrapped(LEVEL_9_TENCENT, &content),
                Seed::new(call, ROOMY).wrapped(LEVEL_9_STANDARD, &content),
            ];
            for seed in forms {
                let seed = seed.bytes(id);
                let seed = if call == Call::VerifyWithUserbuf {
                    seed.bytes(&userbuf)
                } else {
                    seed
                };
                seeds.push(seed.int(now));
            }
        }
        seeds.push(Seed::new(Call::Inspect, ROOMY).token(token));
        seeds.push(Seed::new(Call::Inspect, ROOMY).wrapped(LEVEL_9_STANDARD, &content));
    }

    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (i, seed) in seeds.iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:03}")), seed.bytes_written()).unwrap();
    }
    println!(
        "{} seeds, {} tokens, in {}",
        seeds.len(),
        tokens.len(),
        dir.display()
    );
}
