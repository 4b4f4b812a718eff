//! The callback checks: the vectors of `tests/vectors/callbacks.jsonl` (Tencent's example, and
//! callbacks signed by Python's hashlib and hmac), every refusal, and the signing twins.

use proptest::prelude::*;
use serde_json::Value;
use usersig::{
    ChatCallbackVerifier, Error, ErrorKind, TrtcCallbackVerifier, MAX_CALLBACK_BODY_LEN,
    MAX_CALLBACK_QUERY_LEN, MAX_CALLBACK_WINDOW,
};

fn vectors(scheme: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/callbacks.jsonl");
    let lines: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .filter(|v: &Value| v["scheme"] == scheme)
        .collect();
    assert!(lines.len() >= 4);
    lines
}

fn chat_query(v: &Value) -> String {
    format!(
        "SdkAppid={}&CallbackCommand={}&contenttype=json&ClientIP=10.0.0.1&OptPlatform=RESTAPI&RequestTime={}&Sign={}",
        v["sdkappid"], v["command"].as_str().unwrap(), v["request_time"], v["sign"].as_str().unwrap()
    )
}

#[test]
fn chat_vectors_verify_and_sign() {
    for v in vectors("chat") {
        let verifier = ChatCallbackVerifier::new(v["token"].as_str().unwrap())
            .unwrap()
            .with_sdkappid(v["sdkappid"].as_u64().unwrap() as u32);
        let time = v["request_time"].as_i64().unwrap();
        assert_eq!(
            verifier.sign(time),
            v["sign"].as_str().unwrap(),
            "{}",
            v["id"]
        );
        let callback = verifier
            .verify_query_at(&chat_query(&v), time + 60)
            .unwrap();
        assert_eq!(callback.command, v["command"].as_str().unwrap());
        assert_eq!(callback.request_time, time);
        assert_eq!(
            callback.params,
            [
                ("contenttype", "json"),
                ("ClientIP", "10.0.0.1"),
                ("OptPlatform", "RESTAPI")
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        let parsed = verifier
            .verify_params_at(
                [
                    ("CallbackCommand", v["command"].as_str().unwrap()),
                    ("SdkAppid", &v["sdkappid"].to_string()),
                    ("RequestTime", &time.to_string()),
                    ("Sign", v["sign"].as_str().unwrap()),
                ],
                time - 60,
            )
            .unwrap();
        assert_eq!((parsed.command, parsed.params), (callback.command, vec![]));
    }
}

#[test]
fn trtc_vectors_verify_and_sign() {
    for v in vectors("trtc") {
        let verifier = TrtcCallbackVerifier::new(v["key"].as_str().unwrap())
            .unwrap()
            .with_sdkappid(v["sdkappid"].as_u64().unwrap() as u32);
        let body = v["body"].as_str().unwrap().as_bytes();
        let sign = v["sign"].as_str().unwrap();
        assert_eq!(verifier.sign(body), sign, "{}", v["id"]);
        let event = verifier
            .verify_at(sign, &v["sdkappid"].to_string(), body, 0)
            .unwrap();
        assert_eq!(event.event_group_id, v["event_group_id"].as_i64());
        assert_eq!(event.event_type, v["event_type"].as_i64());
        assert_eq!(event.callback_ts, v["callback_ts"].as_i64());
    }
}

const TOKEN: &str = "xxxxyyyy";
const TIME: i64 = 1669872112;
const SIGN: &str = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

fn chat() -> ChatCallbackVerifier {
    ChatCallbackVerifier::new(TOKEN)
        .unwrap()
        .with_sdkappid(888888)
}

fn query_with(sign: &str, time: &str, extra: &str) -> String {
    format!("SdkAppid=888888&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime={time}&Sign={sign}{extra}")
}

#[test]
fn chat_refusals_are_typed() {
    let time = TIME.to_string();
    let cases: Vec<(String, Error)> = vec![
        (
            query_with(&SIGN.to_uppercase(), &time, ""),
            Error::CallbackParamInvalid {
                name: "Sign",
                reason: "not 64 lowercase hex digits",
            },
        ),
        (
            query_with(&SIGN[..62], &time, ""),
            Error::CallbackParamInvalid {
                name: "Sign",
                reason: "not 64 lowercase hex digits",
            },
        ),
        (
            query_with(SIGN, &time, &format!("&Sign={SIGN}")),
            Error::CallbackParamRepeated { name: "Sign" },
        ),
        (
            query_with(SIGN, &time, &format!("&RequestTime={time}")),
            Error::CallbackParamRepeated {
                name: "RequestTime",
            },
        ),
        (
            query_with(&SIGN.replace('7', "%37"), &time, ""),
            Error::CallbackParamInvalid {
                name: "Sign",
                reason: "percent-encoded",
            },
        ),
        (
            format!("SdkAppid=888888&CallbackCommand=x&RequestTime={time}&%53ign={SIGN}"),
            Error::CallbackParamInvalid {
                name: "Sign",
                reason: "percent-encoded",
            },
        ),
        (
            format!("SdkAppid=888888&CallbackCommand=x&Sign={SIGN}"),
            Error::CallbackParamMissing {
                name: "RequestTime",
            },
        ),
        (
            format!("SdkAppid=888888&CallbackCommand=x&RequestTime={time}"),
            Error::CallbackParamMissing { name: "Sign" },
        ),
        (
            format!("CallbackCommand=x&RequestTime={time}&Sign={SIGN}"),
            Error::CallbackParamMissing { name: "SdkAppid" },
        ),
        (
            format!("SdkAppid=888888&RequestTime={time}&Sign={SIGN}"),
            Error::CallbackParamMissing {
                name: "CallbackCommand",
            },
        ),
        (
            query_with(SIGN, "", ""),
            Error::CallbackParamInvalid {
                name: "RequestTime",
                reason: "not a decimal number",
            },
        ),
        (
            query_with(SIGN, "soon", ""),
            Error::CallbackParamInvalid {
                name: "RequestTime",
                reason: "not a decimal number",
            },
        ),
        (
            query_with(SIGN, "-1669872112", ""),
            Error::CallbackParamInvalid {
                name: "RequestTime",
                reason: "not a decimal number",
            },
        ),
        (
            query_with(SIGN, &"9".repeat(40), ""),
            Error::CallbackParamInvalid {
                name: "RequestTime",
                reason: "a number out of range",
            },
        ),
        (
            query_with(SIGN, &format!("0{time}"), ""),
            Error::CallbackBadSignature,
        ),
        (
            query_with(SIGN, &(TIME + 1).to_string(), ""),
            Error::CallbackBadSignature,
        ),
        (
            query_with(SIGN, &time, "&x=%zz"),
            Error::CallbackParamInvalid {
                name: "query",
                reason: "a broken percent escape",
            },
        ),
        (
            query_with(SIGN, &time, "&x=%ff"),
            Error::CallbackParamInvalid {
                name: "query",
                reason: "not UTF-8 once percent-decoded",
            },
        ),
    ];
    for (query, expected) in cases {
        assert_eq!(
            chat().verify_query_at(&query, TIME),
            Err(expected),
            "{query}"
        );
    }
    let long = query_with(
        SIGN,
        &time,
        &format!("&pad={}", "a".repeat(MAX_CALLBACK_QUERY_LEN)),
    );
    assert_eq!(
        chat().verify_query_at(&long, TIME),
        Err(Error::CallbackTooLarge {
            part: "query",
            len: long.len(),
            max: MAX_CALLBACK_QUERY_LEN
        })
    );
    let signed = query_with(SIGN, &time, "");
    assert_eq!(
        ChatCallbackVerifier::new("xxxxyyyz")
            .unwrap()
            .verify_query_at(&signed, TIME),
        Err(Error::CallbackBadSignature)
    );
    assert_eq!(
        ChatCallbackVerifier::new(TOKEN)
            .unwrap()
            .with_sdkappid(888889)
            .verify_query_at(&signed, TIME),
        Err(Error::CallbackSdkAppIdMismatch {
            expected: 888889,
            found: 888888
        })
    );
    assert_eq!(
        chat().verify_query_at(&signed, TIME + 61),
        Err(Error::CallbackOutOfWindow {
            time: TIME,
            now: TIME + 61,
            window: 60
        })
    );
    assert_eq!(
        chat().verify_query_at(&signed, TIME - 61),
        Err(Error::CallbackOutOfWindow {
            time: TIME,
            now: TIME - 61,
            window: 60
        })
    );
    let wide = chat().with_window(3600).unwrap();
    assert_eq!(
        wide.verify_query_at(&signed, TIME + 3600)
            .unwrap()
            .request_time,
        TIME
    );
    assert_eq!(
        chat().verify_params_at([("Sign", "a".repeat(MAX_CALLBACK_QUERY_LEN + 1))], TIME),
        Err(Error::CallbackTooLarge {
            part: "query",
            len: MAX_CALLBACK_QUERY_LEN + 5,
            max: MAX_CALLBACK_QUERY_LEN
        })
    );
}

#[test]
fn tuilivekit_spellings_are_read_and_count_as_the_same_parameter() {
    let live = format!("SdkAppId=888888&WebhookCommand=Live.CallbackAfterCreateRoom&RequestTime={TIME}&Sign={SIGN}");
    let callback = chat().verify_query_at(&live, TIME).unwrap();
    assert_eq!(
        (callback.command.as_str(), callback.sdkappid),
        ("Live.CallbackAfterCreateRoom", 888888)
    );
    assert_eq!(
        chat().verify_query_at(&format!("{live}&SdkAppid=888888"), TIME),
        Err(Error::CallbackParamRepeated { name: "SdkAppid" })
    );
    assert_eq!(
        chat().verify_query_at(&format!("{live}&CallbackCommand=x"), TIME),
        Err(Error::CallbackParamRepeated {
            name: "CallbackCommand"
        })
    );
}

#[test]
fn constructors_refuse_empty_secrets_and_wide_windows() {
    assert_eq!(ChatCallbackVerifier::new("").unwrap_err(), Error::EmptyKey);
    assert_eq!(TrtcCallbackVerifier::new("").unwrap_err(), Error::EmptyKey);
    for window in [-1, MAX_CALLBACK_WINDOW + 1, i64::MIN] {
        let expected = Error::CallbackWindowOutOfRange {
            window,
            max: MAX_CALLBACK_WINDOW,
        };
        assert_eq!(chat().with_window(window).unwrap_err(), expected);
        assert_eq!(trtc().with_window(window).unwrap_err(), expected);
    }
    assert_eq!(chat().window(), 60);
    assert_eq!(trtc().window(), None);
}

#[test]
fn secrets_are_never_shown() {
    let shown = format!(
        "{:?} {:?}",
        ChatCallbackVerifier::new("chat-secret").unwrap(),
        TrtcCallbackVerifier::new("trtc-secret").unwrap()
    );
    assert!(!shown.contains("secret"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
}

const BODY: &[u8] =
    br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":1}}"#;
const NOW: i64 = 1700000000;

fn trtc() -> TrtcCallbackVerifier {
    TrtcCallbackVerifier::new("callback key")
        .unwrap()
        .with_sdkappid(1400000000)
}

#[test]
fn trtc_refusals_are_typed() {
    let sign = trtc().sign(BODY);
    let mut tampered = BODY.to_vec();
    tampered[20] ^= 1;
    let reencoded =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(BODY).unwrap()).unwrap();
    let huge = vec![b' '; 10 * 1024 * 1024];
    let unpadded = sign.trim_end_matches('=');
    let short = &sign[..40];
    let bad = |name, reason| Error::CallbackParamInvalid { name, reason };
    let cases: Vec<(&str, &str, &[u8], Error)> = vec![
        (&sign, "1400000000", &tampered, Error::CallbackBadSignature),
        (&sign, "1400000000", &reencoded, Error::CallbackBadSignature),
        (
            &sign,
            "1400000000",
            &huge,
            Error::CallbackTooLarge {
                part: "body",
                len: huge.len(),
                max: MAX_CALLBACK_BODY_LEN,
            },
        ),
        (
            unpadded,
            "1400000000",
            BODY,
            bad("Sign", "not the base64 of 32 bytes"),
        ),
        (
            short,
            "1400000000",
            BODY,
            bad("Sign", "not the base64 of 32 bytes"),
        ),
        (
            "!!!!",
            "1400000000",
            BODY,
            bad("Sign", "not the base64 of 32 bytes"),
        ),
        (
            "",
            "1400000000",
            BODY,
            Error::CallbackParamMissing { name: "Sign" },
        ),
        (
            &sign,
            "",
            BODY,
            Error::CallbackParamMissing { name: "SdkAppId" },
        ),
        (&sign, "14e8", BODY, bad("SdkAppId", "not a decimal number")),
        (
            &sign,
            "1400000001",
            BODY,
            Error::CallbackSdkAppIdMismatch {
                expected: 1400000000,
                found: 1400000001,
            },
        ),
    ];
    for (sign, sdkappid, body, expected) in cases {
        assert_eq!(
            trtc().verify_at(sign, sdkappid, body, NOW),
            Err(expected),
            "{sign} {sdkappid}"
        );
    }
    let other = TrtcCallbackVerifier::new("other key").unwrap();
    assert_eq!(
        other.verify_at(&sign, "1400000000", BODY, NOW),
        Err(Error::CallbackBadSignature)
    );

    let windowed = trtc().with_window(60).unwrap();
    assert_eq!(
        windowed
            .verify_at(&sign, "1400000000", BODY, NOW + 60)
            .unwrap()
            .callback_ts,
        Some(1700000000123)
    );
    assert_eq!(
        windowed.verify_at(&sign, "1400000000", BODY, NOW + 61),
        Err(Error::CallbackOutOfWindow {
            time: NOW,
            now: NOW + 61,
            window: 60
        })
    );
    let no_ts = br#"{"EventGroupId":1}"#;
    assert_eq!(
        windowed.verify_at(&windowed.sign(no_ts), "1400000000", no_ts, NOW),
        Err(Error::CallbackParamMissing { name: "CallbackTs" })
    );
    for (body, name, reason) in [
        (&b"not json"[..], "body", "not a JSON object"),
        (b"[1]", "body", "not a JSON object"),
        (
            br#"{"CallbackTs":"1700000000123"}"#,
            "CallbackTs",
            "not an integer",
        ),
        (br#"{"EventType":1.5}"#, "EventType", "not an integer"),
    ] {
        assert_eq!(
            trtc().verify_at(&trtc().sign(body), "1400000000", body, NOW),
            Err(bad(name, reason))
        );
    }
}

#[test]
fn every_callback_kind_is_listed_without_a_tencent_code() {
    let names: Vec<&str> = ErrorKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|n| n.starts_with("callback_"))
        .collect();
    assert_eq!(
        names,
        [
            "callback_param_missing",
            "callback_param_repeated",
            "callback_param_invalid",
            "callback_bad_signature",
            "callback_out_of_window",
            "callback_sdkappid_mismatch",
            "callback_too_large",
            "callback_window_out_of_range",
        ]
    );
    assert!(ErrorKind::ALL
        .iter()
        .filter(|k| k.as_str().starts_with("callback_"))
        .all(|k| k.tencent_code().is_none()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the signing twin signs verifies, and flipping any one bit of the signed parts
    /// (the token's time or the body, or the `Sign` itself) is refused.
    #[test]
    fn chat_signatures_hold_and_break(token in "\\PC{1,80}", time in 0i64..=4_000_000_000, bit in 0usize..256) {
        let verifier = ChatCallbackVerifier::new(&token).unwrap();
        let sign = verifier.sign(time);
        let query = format!("SdkAppid=1&CallbackCommand=c&RequestTime={time}&Sign={sign}");
        prop_assert_eq!(verifier.verify_query_at(&query, time).unwrap().request_time, time);
        let mut digest: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&sign[2 * i..2 * i + 2], 16).unwrap()).collect();
        digest[bit / 8] ^= 1 << (bit % 8);
        let flipped: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let query = format!("SdkAppid=1&CallbackCommand=c&RequestTime={time}&Sign={flipped}");
        prop_assert_eq!(verifier.verify_query_at(&query, time), Err(Error::CallbackBadSignature));
        let query = format!("SdkAppid=1&CallbackCommand=c&RequestTime={}&Sign={sign}", time ^ 1);
        prop_assert_eq!(verifier.verify_query_at(&query, time), Err(Error::CallbackBadSignature));
    }

    #[test]
    fn trtc_signatures_hold_and_break(key in "\\PC{1,100}", body in proptest::collection::vec(any::<u8>(), 0..400), bit in any::<usize>()) {
        let verifier = TrtcCallbackVerifier::new(&key).unwrap();
        let sign = verifier.sign(&body);
        let result = verifier.verify_at(&sign, "7", &body, 0);
        prop_assert!(!matches!(result, Err(Error::CallbackBadSignature)));
        let mut signature = base64_decode(&sign);
        let total = (body.len() + 32) * 8;
        let at = bit % total;
        let mut tampered = body.clone();
        if at < body.len() * 8 { tampered[at / 8] ^= 1 << (at % 8) } else { let at = at - body.len() * 8; signature[at / 8] ^= 1 << (at % 8) }
        let resigned = base64_encode(&signature);
        prop_assert_eq!(verifier.verify_at(&resigned, "7", &tampered, 0), Err(Error::CallbackBadSignature));
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
