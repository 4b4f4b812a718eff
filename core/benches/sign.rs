//! Signing, PrivateMapKeys, verification (of our tokens, and of tokens compressed as Tencent's
//! Python, Node and Java libraries write them) and inspection, against the floor: the HMAC-SHA256 of
//! the signing content alone, with the keyed state prepared once and cloned per token. Then the
//! two callback checks, each against the one hash it must compute.
//!
//! Run with `cargo bench -p usersig`; results and method are in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use usersig::{ChatCallbackVerifier, Privileges, Room, Signer, TrtcCallbackVerifier, Verifier};

mod support;

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: u32 = 1_400_000_000;
const NOW: i64 = 1_700_000_000;
const EXPIRE: i64 = 15_552_000;

fn benches(c: &mut Criterion) {
    let content = format!(
        "TLS.identifier:user_000042\nTLS.sdkappid:{APP}\nTLS.time:{NOW}\nTLS.expire:{EXPIRE}\n"
    );
    let keyed = Hmac::<Sha256>::new_from_slice(KEY.as_bytes()).unwrap();
    c.bench_function("floor: HMAC-SHA256 of the content", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(content.as_bytes()));
            mac.finalize().into_bytes()
        })
    });

    let signer = Signer::new(APP, KEY).unwrap();
    c.bench_function("user_sig_at", |b| {
        b.iter(|| {
            signer
                .user_sig_at(black_box("user_000042"), EXPIRE, NOW)
                .unwrap()
        })
    });
    c.bench_function("user_sig (system clock)", |b| {
        b.iter(|| signer.user_sig(black_box("user_000042"), EXPIRE).unwrap())
    });
    let room = Room::Numeric(10000);
    c.bench_function("private_map_key_at", |b| {
        b.iter(|| {
            signer
                .private_map_key_at(
                    black_box("user_000042"),
                    &room,
                    Privileges::ALL,
                    EXPIRE,
                    NOW,
                )
                .unwrap()
        })
    });
    let ids: Vec<String> = (0..1000).map(|i| format!("user_{i:06}")).collect();
    c.bench_function("user_sigs_at, 1000 ids", |b| {
        b.iter(|| signer.user_sigs_at(black_box(&ids), EXPIRE, NOW).unwrap())
    });

    let verifier = Verifier::new(APP, KEY).unwrap();
    let token = signer.user_sig_at("user_000042", EXPIRE, NOW).unwrap();
    c.bench_function("verify_at", |b| {
        b.iter(|| {
            verifier
                .verify_at(black_box(&token), "user_000042", NOW)
                .unwrap()
        })
    });
    for level in [6, 9] {
        let compressed = support::recompressed(&token, level);
        c.bench_function(&format!("verify_at, zlib level {level}"), |b| {
            b.iter(|| {
                verifier
                    .verify_at(black_box(&compressed), "user_000042", NOW)
                    .unwrap()
            })
        });
    }
    c.bench_function("inspect", |b| {
        b.iter(|| usersig::inspect(black_box(&token)).unwrap())
    });
    callbacks(c);
}

/// The two callback checks, each against its floor: the one hash it cannot avoid.
fn callbacks(c: &mut Criterion) {
    let chat = ChatCallbackVerifier::new("xxxxyyyy")
        .unwrap()
        .with_sdkappid(888888);
    let query = "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json\
                 &ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112\
                 &Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
    c.bench_function("floor: SHA-256 of the token and RequestTime", |b| {
        b.iter(|| Sha256::digest(black_box(b"xxxxyyyy1669872112")))
    });
    c.bench_function("chat callback verify_query_at", |b| {
        b.iter(|| chat.verify_query_at(black_box(query), 1669872112).unwrap())
    });

    let trtc = TrtcCallbackVerifier::new("callback key")
        .unwrap()
        .with_sdkappid(APP)
        .with_window(60)
        .unwrap();
    let body = br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"EventTs":1700000000,"EventMsTs":1700000000120,"UserId":"user_000042","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}"#;
    let sign = trtc.sign(body);
    let keyed = Hmac::<Sha256>::new_from_slice(b"callback key").unwrap();
    c.bench_function("floor: HMAC-SHA256 of a 211-byte body", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(body));
            mac.finalize().into_bytes()
        })
    });
    c.bench_function("trtc callback verify_at, 211-byte body", |b| {
        b.iter(|| {
            trtc.verify_at(black_box(&sign), "1400000000", black_box(body), NOW)
                .unwrap()
        })
    });
}

criterion_group!(all, benches);
criterion_main!(all);
