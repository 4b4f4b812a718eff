//! Writes the `abi` target's seed corpus: every call with good arguments, and every verifying
//! call with real tokens of every kind (UserSig, with a userbuf, PrivateMapKeys of both room
//! kinds, non-ASCII and long user ids, Tencent's own tokens from `core/tests/vectors`), as they
//! are and in other ports' form (zlib level 9, standard base64), and every callback call with
//! callbacks signed by the core's signing twins for the shared verifiers, accepted and refused
//! each way Tencent's could be, and Tencent's own from `core/tests/vectors/callbacks.jsonl`.
//!   seeds CORPUS_DIR VECTORS_JSONL CALLBACK_VECTORS_JSONL

use std::path::Path;

use serde_json::Value;
use usersig::{
    ChatCallbackVerifier, Privileges, Room, Signer, TrtcCallbackVerifier, DEFAULT_CALLBACK_WINDOW,
    MAX_CALLBACK_WINDOW,
};
use usersig_ffi_fuzz::{
    unwrap, wrap, Call, Seed, ADMIN, APP, CHAT_TOKEN, ENDPOINT, KEY, OLD_KEY, TRTC_KEY, TRTC_WINDOW,
};

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
    let [_, dir, vectors, callbacks] = args.as_slice() else {
        panic!("usage: seeds CORPUS_DIR VECTORS_JSONL CALLBACK_VECTORS_JSONL")
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

    seeds.extend(chat_seeds());
    seeds.extend(trtc_seeds());
    let callbacks = std::fs::read_to_string(callbacks).expect("the callback vectors file");
    for line in callbacks.lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        let text = |name: &str| v[name].as_str().expect("a string field");
        let app = v["sdkappid"].as_i64().expect("an sdkappid");
        if v["scheme"] == "chat" {
            let time = v["request_time"].as_i64().expect("a request time");
            let query = chat_query(
                "SdkAppid",
                &app.to_string(),
                &time.to_string(),
                text("sign"),
            );
            for has_sdkappid in [1, 0] {
                seeds.push(
                    Seed::new(Call::ChatCallbackNew, ROOMY)
                        .bytes(text("token").as_bytes())
                        .int(has_sdkappid)
                        .int(app)
                        .int(DEFAULT_CALLBACK_WINDOW)
                        .bytes(query.as_bytes())
                        .int(time),
                );
            }
        } else {
            let ts = v["callback_ts"].as_i64();
            for has_window in [1, 0] {
                seeds.push(
                    Seed::new(Call::TrtcCallbackNew, ROOMY)
                        .bytes(text("key").as_bytes())
                        .int(1)
                        .int(app)
                        .int(has_window)
                        .int(TRTC_WINDOW)
                        .bytes(text("sign").as_bytes())
                        .bytes(app.to_string().as_bytes())
                        .bytes(text("body").as_bytes())
                        .int(ts.map_or(NOW, |ts| ts.div_euclid(1000))),
                );
            }
        }
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

/// A Chat callback's query string, as Tencent sends it, with the sdkappid under `app_name`.
fn chat_query(app_name: &str, app: &str, time: &str, sign: &str) -> String {
    format!(
        "{app_name}={app}&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json\
         &ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime={time}&Sign={sign}"
    )
}

/// Chat callbacks for the shared verifier: signed with its token, and each way to refuse one.
fn chat_seeds() -> Vec<Seed> {
    let chat = ChatCallbackVerifier::new(CHAT_TOKEN).unwrap();
    let (app, time) = (APP.to_string(), NOW.to_string());
    let sign = chat.sign(NOW);
    let percent = format!("%{:02X}{}", sign.as_bytes()[0], &sign[1..]);
    let forged = chat.sign(NOW + 1);
    let signed = chat_query("SdkAppid", &app, &time, &sign);
    let queries = [
        (signed.clone(), NOW),
        (format!("?{signed}"), NOW),
        (format!("{signed}&"), NOW),
        (
            format!("SdkAppId={app}&WebhookCommand=Live.CallbackAfterCreateRoom&RequestTime={time}&Sign={sign}"),
            NOW,
        ),
        (signed.clone(), NOW + DEFAULT_CALLBACK_WINDOW),
        (signed.clone(), NOW + DEFAULT_CALLBACK_WINDOW + 1),
        (signed.clone(), NOW - DEFAULT_CALLBACK_WINDOW - 1),
        (chat_query("SdkAppid", &app, &time, &forged), NOW),
        (chat_query("SdkAppid", "1400000001", &time, &sign), NOW),
        (chat_query("SdkAppid", &app, &time, &sign.to_uppercase()), NOW),
        (chat_query("SdkAppid", &app, &time, &sign[..63]), NOW),
        (chat_query("SdkAppid", &app, &time, &percent), NOW),
        (format!("{signed}&Sign={sign}"), NOW),
        (format!("{signed}&RequestTime={time}"), NOW),
        (format!("SdkAppid={app}&CallbackCommand=State.StateChange&Sign={sign}"), NOW),
        (chat_query("SdkAppid", &app, "17e8", &sign), NOW),
        (chat_query("SdkAppid", &app, "99999999999999999999", &sign), NOW),
        (chat_query("SdkAppid", "-1", &time, &sign), NOW),
        (format!("{signed}&note=a%20b+c%E4%BD%A0"), NOW),
        (format!("{signed}&note=%E4%BD"), NOW),
        (format!("{signed}&note=%zz"), NOW),
    ];
    let mut seeds = vec![];
    for (query, now) in &queries {
        seeds.push(
            Seed::new(Call::ChatCallbackVerifyQuery, ROOMY)
                .bytes(query.as_bytes())
                .int(*now),
        );
    }
    let params = |app_name, command_name, time: &str, sign: &str| {
        Seed::new(Call::ChatCallbackVerifyParams, ROOMY).pairs(&[
            (app_name, app.as_str()),
            (command_name, "C2C.CallbackAfterSendMsg"),
            ("contenttype", "json"),
            ("RequestTime", time),
            ("Sign", sign),
        ])
    };
    seeds.extend([
        params("SdkAppid", "CallbackCommand", &time, &sign).int(NOW),
        params("SdkAppId", "WebhookCommand", &time, &sign).int(NOW),
        params("SdkAppid", "CallbackCommand", &time, &sign).int(NOW + 3600),
        params("SdkAppid", "CallbackCommand", &time, &forged).int(NOW),
        params("SdkAppid", "SdkAppId", &time, &sign).int(NOW),
        params("SdkAppid", "CallbackCommand", "", &sign).int(NOW),
        Seed::new(Call::ChatCallbackVerifyParams, Some(8))
            .pairs(&[("Sign", &sign), ("Sign", &sign)])
            .int(NOW),
    ]);
    for request_time in [NOW, 0, -1, i64::MAX, i64::MIN] {
        seeds.push(Seed::new(Call::ChatCallbackSign, ROOMY).int(request_time));
    }
    let query = signed.as_bytes();
    for (token, has_sdkappid, window) in [
        (CHAT_TOKEN, 1, DEFAULT_CALLBACK_WINDOW),
        (CHAT_TOKEN, 0, 0),
        (CHAT_TOKEN, 1, MAX_CALLBACK_WINDOW),
        (CHAT_TOKEN, 1, MAX_CALLBACK_WINDOW + 1),
        (CHAT_TOKEN, 1, -1),
        ("", 1, DEFAULT_CALLBACK_WINDOW),
    ] {
        seeds.push(
            Seed::new(Call::ChatCallbackNew, ROOMY)
                .bytes(token.as_bytes())
                .int(has_sdkappid)
                .int(APP)
                .int(window)
                .bytes(query)
                .int(NOW + 30),
        );
    }
    seeds.extend([
        Seed::new(Call::ChatCallbackNew, ROOMY)
            .bytes(CHAT_TOKEN.as_bytes())
            .int(1)
            .int(-1)
            .int(DEFAULT_CALLBACK_WINDOW),
        Seed::new(Call::ChatCallbackNew, ROOMY).null(4),
    ]);
    seeds
}

/// TRTC callbacks for the shared verifier: bodies signed with its key, and each way to refuse
/// one.
fn trtc_seeds() -> Vec<Seed> {
    let trtc = TrtcCallbackVerifier::new(TRTC_KEY).unwrap();
    let body = |ts: &str| {
        format!(
            "{{\"EventGroupId\":1,\"EventType\":103,\"CallbackTs\":{ts},\"EventInfo\":\
             {{\"RoomId\":12345,\"EventTs\":{NOW},\"UserId\":\"alice\",\"Role\":20}}}}"
        )
    };
    let good = body(&format!("{NOW}123"));
    let sign = trtc.sign(good.as_bytes());
    let reencoded = good.replace(':', ": ").replace(',', ", ");
    let tampered = good.replace("103", "104");
    let app = APP.to_string();
    let signed = |body: &str| {
        (
            trtc.sign(body.as_bytes()),
            app.clone(),
            body.to_owned(),
            NOW,
        )
    };
    let cases = [
        (sign.clone(), app.clone(), good.clone(), NOW),
        (sign.clone(), app.clone(), good.clone(), NOW + TRTC_WINDOW),
        (
            sign.clone(),
            app.clone(),
            good.clone(),
            NOW + TRTC_WINDOW + 1,
        ),
        (
            sign.clone(),
            app.clone(),
            good.clone(),
            NOW - TRTC_WINDOW - 1,
        ),
        (sign.clone(), app.clone(), tampered, NOW),
        (sign.clone(), app.clone(), reencoded, NOW),
        (sign.clone(), "1400000001".into(), good.clone(), NOW),
        (sign.clone(), "".into(), good.clone(), NOW),
        (sign.clone(), "-1".into(), good.clone(), NOW),
        (
            sign.trim_end_matches('=').into(),
            app.clone(),
            good.clone(),
            NOW,
        ),
        (
            sign.replace('+', "-").replace('/', "_"),
            app.clone(),
            good.clone(),
            NOW,
        ),
        ("".into(), app.clone(), good.clone(), NOW),
        signed(&body("-1")),
        signed(&body("1.5e12")),
        signed(&body("\"1700000000123\"")),
        signed("{\"EventGroupId\":1,\"EventType\":103}"),
        signed("[1,2,3]"),
        signed("{\"EventType\":99999999999999999999}"),
        signed(""),
    ];
    let mut seeds = vec![];
    for (sign, app, body, now) in &cases {
        seeds.push(
            Seed::new(Call::TrtcCallbackVerify, ROOMY)
                .bytes(sign.as_bytes())
                .bytes(app.as_bytes())
                .bytes(body.as_bytes())
                .int(*now),
        );
    }
    seeds.push(
        Seed::new(Call::TrtcCallbackVerify, ROOMY)
            .bytes(sign.as_bytes())
            .bytes(app.as_bytes())
            .null(9),
    );
    for body in [good.as_bytes(), b"", b"{}", b"\xff"] {
        seeds.push(
            Seed::new(Call::TrtcCallbackSign, ROOMY)
                .bytes(body)
                .int(NOW),
        );
    }
    for (key, has_sdkappid, has_window, window) in [
        (TRTC_KEY, 1, 1, TRTC_WINDOW),
        (TRTC_KEY, 0, 0, 0),
        (TRTC_KEY, 1, 1, MAX_CALLBACK_WINDOW + 1),
        (TRTC_KEY, 1, 0, -1),
        ("", 1, 1, TRTC_WINDOW),
    ] {
        seeds.push(
            Seed::new(Call::TrtcCallbackNew, ROOMY)
                .bytes(key.as_bytes())
                .int(has_sdkappid)
                .int(APP)
                .int(has_window)
                .int(window)
                .bytes(sign.as_bytes())
                .bytes(app.as_bytes())
                .bytes(good.as_bytes())
                .int(NOW + 3600),
        );
    }
    seeds
}
