//! The spec's worked examples, the token forms every official port writes, and a negative test
//! for every error kind.

use std::io::Write;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use usersig::{
    inspect, Error, Malformation, Privileges, Room, Signer, Verifier, MAX_INFLATED_LEN,
    MAX_TOKEN_LEN,
};

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: u32 = 1_400_000_000;
const NOW: i64 = 1_700_000_000;

/// The HMAC of the signing content, written out by hand as the spec gives it.
fn hmac_b64(
    key: &str,
    id: &str,
    app: u32,
    time: i64,
    expire: i64,
    userbuf: Option<&str>,
) -> String {
    let mut content =
        format!("TLS.identifier:{id}\nTLS.sdkappid:{app}\nTLS.time:{time}\nTLS.expire:{expire}\n");
    if let Some(u) = userbuf {
        content += &format!("TLS.userbuf:{u}\n");
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(content.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// A token around any JSON text, at any zlib level, in Tencent's or the standard alphabet.
fn wrap(json: &str, level: u32, tencent: bool) -> String {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    z.write_all(json.as_bytes()).unwrap();
    let b64 = STANDARD.encode(z.finish().unwrap());
    if tencent {
        b64.replace('+', "*").replace('/', "-").replace('=', "_")
    } else {
        b64
    }
}

fn verifier() -> Verifier {
    Verifier::new(APP, KEY).unwrap()
}

fn signer() -> Signer {
    Signer::new(APP, KEY).unwrap()
}

#[test]
fn spec_worked_examples() {
    let claims = inspect(&signer().user_sig_at("xiaojun", 15_552_000, NOW).unwrap()).unwrap();
    assert_eq!(
        claims.signature,
        "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="
    );

    /// key, user id, sdkappid, time, expire, userbuf, TLS.sig
    type Row = (
        &'static str,
        &'static str,
        u32,
        i64,
        i64,
        Option<&'static [u8]>,
        &'static str,
    );
    let table: [Row; 5] = [
        (
            KEY,
            "0",
            APP,
            1_569_910_200,
            15_552_000,
            None,
            "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=",
        ),
        (
            KEY,
            "0",
            APP,
            1_569_910_200,
            15_552_000,
            Some(b"abc"),
            "bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8=",
        ),
        (
            KEY,
            "用户/<a>&\"",
            APP,
            NOW,
            15_552_000,
            None,
            "nHyMZGJei+b3JWPYI9FOHq0ziFcToWeyy38d4SjFQbw=",
        ),
        (
            "2",
            "3",
            1,
            NOW,
            4,
            None,
            "f5gSvBYdWRemW5KQRjxvTzWiOlJwFEuyR7UEE4EjP6o=",
        ),
        (
            "2",
            "3",
            1,
            NOW,
            4,
            Some(&[5]),
            "oPo+m5W+tRnZhvOZElDf11AiNuEFHozfLaQszngapso=",
        ),
    ];
    for (key, id, app, time, expire, userbuf, sig) in table {
        let signer = Signer::new(app, key).unwrap();
        let token = match userbuf {
            None => signer.user_sig_at(id, expire, time),
            Some(buf) => signer.user_sig_with_userbuf_at(id, buf, expire, time),
        }
        .unwrap();
        assert_eq!(inspect(&token).unwrap().signature, sig, "{id}");
        let verifier = Verifier::new(app, key).unwrap();
        let verified = match userbuf {
            None => verifier.verify_at(&token, id, time),
            Some(buf) => verifier.verify_with_userbuf_at(&token, id, buf, time),
        }
        .unwrap();
        assert_eq!(verified.userbuf.as_deref(), userbuf);
    }

    let numeric = signer()
        .private_map_key_at(
            "xiaojun",
            &Room::Numeric(10000),
            Privileges::ALL,
            15_552_000,
            NOW,
        )
        .unwrap();
    let claims = inspect(&numeric).unwrap();
    assert_eq!(
        STANDARD.encode(claims.userbuf.unwrap()),
        "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
    );
    assert_eq!(
        claims.signature,
        "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI="
    );

    let named = signer()
        .private_map_key_at(
            "xiaojun",
            &Room::Named("1000000040".into()),
            Privileges::ALL,
            15_552_000,
            NOW,
        )
        .unwrap();
    let claims = inspect(&named).unwrap();
    assert_eq!(
        STANDARD.encode(claims.userbuf.unwrap()),
        "AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw"
    );
    assert_eq!(
        claims.signature,
        "uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM="
    );
}

#[test]
fn our_tokens_are_compact_json_in_a_zlib_stream() {
    use std::io::Read;
    let token = signer().user_sig_at("a\"b", 86400, NOW).unwrap();
    assert!(token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"*-_".contains(&b)));
    let standard = token.replace('*', "+").replace('-', "/").replace('_', "=");
    let mut json = String::new();
    flate2::read::ZlibDecoder::new(&STANDARD.decode(standard).unwrap()[..])
        .read_to_string(&mut json)
        .unwrap();
    let sig = hmac_b64(KEY, "a\"b", APP, NOW, 86400, None);
    assert_eq!(
        json,
        format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"a\"b","TLS.sdkappid":{APP},"TLS.expire":86400,"TLS.time":{NOW},"TLS.sig":"{sig}"}}"#
        )
    );
}

/// Every form an official port writes: key orders, spacing, escapes, trailing newline, levels.
#[test]
fn accepts_every_official_producers_form() {
    let id = "用户/<a>&";
    let userbuf = "AP8/"; // contains a `/` that PHP escapes
    let sig = hmac_b64(KEY, id, APP, NOW, 300, Some(userbuf));
    let forms = [
        // Python: spaces after `,` and `:`.
        format!(r#"{{"TLS.ver": "2.0", "TLS.identifier": "{id}", "TLS.sdkappid": {APP}, "TLS.expire": 300, "TLS.time": {NOW}, "TLS.userbuf": "{userbuf}", "TLS.sig": "{sig}"}}"#),
        // Old Go: alphabetical order.
        format!(r#"{{"TLS.expire":300,"TLS.identifier":"{id}","TLS.sdkappid":{APP},"TLS.sig":"{sig}","TLS.time":{NOW},"TLS.userbuf":"{userbuf}","TLS.ver":"2.0"}}"#),
        // C++: sdkappid first.
        format!(r#"{{"TLS.sdkappid":{APP},"TLS.ver":"2.0","TLS.identifier":"{id}","TLS.expire":300,"TLS.time":{NOW},"TLS.userbuf":"{userbuf}","TLS.sig":"{sig}"}}"#),
        // PHP: `\/` and `\uXXXX` escapes everywhere.
        format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"\u7528\u6237\/<a>&","TLS.sdkappid":{APP},"TLS.expire":300,"TLS.time":{NOW},"TLS.userbuf":"AP8\/","TLS.sig":"{}"}}"#,
            sig.replace('/', "\\/")
        ),
        // Current Go: `<>&` escaped, trailing newline.
        format!(
            "{{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"用户/\\u003ca\\u003e\\u0026\",\"TLS.sdkappid\":{APP},\"TLS.expire\":300,\"TLS.time\":{NOW},\"TLS.userbuf\":\"{userbuf}\",\"TLS.sig\":\"{sig}\"}}\n"
        ),
    ];
    for json in &forms {
        for level in 0..=9 {
            for tencent in [true, false] {
                let token = wrap(json, level, tencent);
                let claims = verifier()
                    .verify_with_userbuf_at(&token, id, &[0x00, 0xff, 0x3f], NOW)
                    .unwrap_or_else(|e| panic!("{json} level {level}: {e}"));
                assert_eq!(claims.user_id, id);
                assert_eq!(claims.expires_at, NOW + 300);
            }
        }
    }
}

/// The official Java library (1.1) breaks `TLS.userbuf` into 76-character lines and signs it so.
#[test]
fn accepts_the_java_librarys_line_broken_userbuf() {
    let userbuf: Vec<u8> = (0..57).collect();
    let mime = STANDARD.encode(&userbuf);
    let (head, tail) = mime.split_at(76);
    for broken in [format!("{head}\n{tail}"), format!("{head}\r\n{tail}")] {
        let sig = hmac_b64(KEY, "xiaojun", APP, NOW, 300, Some(&broken));
        let escaped = broken.replace('\r', "\\r").replace('\n', "\\n");
        let json = format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":{APP},"TLS.expire":300,"TLS.time":{NOW},"TLS.userbuf":"{escaped}","TLS.sig":"{sig}"}}"#
        );
        let claims = verifier()
            .verify_with_userbuf_at(&wrap(&json, 6, true), "xiaojun", &userbuf, NOW)
            .unwrap();
        assert_eq!(claims.userbuf.as_deref(), Some(&userbuf[..]));
        // The signature covers the text with its line break: removing it breaks the signature.
        let joined = json.replace(&escaped, &mime);
        assert_eq!(
            verifier()
                .verify_with_userbuf_at(&wrap(&joined, 6, true), "xiaojun", &userbuf, NOW)
                .unwrap_err(),
            Error::BadSignature
        );
    }
    // Only line breaks are skipped: other white space is still malformed.
    let spaced = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"x","TLS.sdkappid":{APP},"TLS.expire":300,"TLS.time":{NOW},"TLS.userbuf":"AP8 /","TLS.sig":"{}"}}"#,
        hmac_b64(KEY, "x", APP, NOW, 300, Some("AP8 /"))
    );
    assert_eq!(
        malformed(&wrap(&spaced, 6, true)),
        Malformation::InvalidField {
            field: "TLS.userbuf"
        }
    );
}

fn json_with(fields: &str) -> String {
    format!("{{{fields}}}")
}

fn malformed(token: &str) -> Malformation {
    match verifier().verify_at(token, "alice", NOW) {
        Err(Error::Malformed(m)) => {
            assert_eq!(inspect(token).unwrap_err(), Error::Malformed(m));
            m
        }
        other => panic!("expected a malformed token, got {other:?}"),
    }
}

#[test]
fn every_malformation() {
    let sig = hmac_b64(KEY, "alice", APP, NOW, 300, None);
    let good = |ver: &str, app: &str, time: &str, extra: &str| {
        json_with(&format!(
            r#""TLS.ver":{ver},"TLS.identifier":"alice","TLS.sdkappid":{app},"TLS.expire":300,"TLS.time":{time},"TLS.sig":"{sig}"{extra}"#
        ))
    };
    assert!(verifier()
        .verify_at(
            &wrap(&good("\"2.0\"", "1400000000", "1700000000", ""), 6, true),
            "alice",
            NOW
        )
        .is_ok());

    let too_long = "A".repeat(MAX_TOKEN_LEN + 4);
    assert_eq!(
        malformed(&too_long),
        Malformation::TooLong {
            len: MAX_TOKEN_LEN + 4,
            max: MAX_TOKEN_LEN
        }
    );
    assert_eq!(malformed("not a token!"), Malformation::Base64);
    assert_eq!(
        malformed(&wrap("{}", 6, true).replace('_', "")),
        Malformation::Base64
    );
    assert_eq!(malformed("AAAA"), Malformation::Zlib);
    assert_eq!(
        malformed(&wrap(&" ".repeat(MAX_INFLATED_LEN + 1), 9, true)),
        Malformation::TooLargeInflated {
            max: MAX_INFLATED_LEN
        }
    );
    assert_eq!(malformed(&wrap("[1,2]", 6, true)), Malformation::Json);
    assert_eq!(
        malformed(&wrap("{\"TLS.ver\":", 6, true)),
        Malformation::Json
    );
    assert_eq!(malformed(&wrap("\u{feff}{}", 6, true)), Malformation::Json);
    assert_eq!(
        malformed(&wrap("{}", 6, true)),
        Malformation::MissingField { field: "TLS.ver" }
    );
    assert_eq!(
        malformed(&wrap(
            &good("\"2.0\"", "1400000000", "1700000000", "")
                .replace(r#""TLS.identifier":"alice","#, ""),
            6,
            true
        )),
        Malformation::MissingField {
            field: "TLS.identifier"
        }
    );
    assert_eq!(
        malformed(&wrap(
            &good("\"2.0\"", "1400000000", "1700000000", "")
                .replace(&format!(r#","TLS.sig":"{sig}""#), ""),
            6,
            true
        )),
        Malformation::MissingField { field: "TLS.sig" }
    );
    assert_eq!(
        malformed(&wrap(
            &good("\"1.0\"", "1400000000", "1700000000", ""),
            6,
            true
        )),
        Malformation::UnsupportedVersion
    );
    assert_eq!(
        malformed(&wrap(&good("2.0", "1400000000", "1700000000", ""), 6, true)),
        Malformation::InvalidField { field: "TLS.ver" }
    );
    for app in [
        "\"1400000000\"",
        "1400000000.0",
        "1.4e9",
        "-1",
        "4294967296",
        "null",
    ] {
        assert_eq!(
            malformed(&wrap(&good("\"2.0\"", app, "1700000000", ""), 6, true)),
            Malformation::InvalidField {
                field: "TLS.sdkappid"
            },
            "{app}"
        );
    }
    for time in [
        "\"1700000000\"",
        "1700000000.5",
        "9223372036854775808",
        "true",
    ] {
        assert_eq!(
            malformed(&wrap(&good("\"2.0\"", "1400000000", time, ""), 6, true)),
            Malformation::InvalidField { field: "TLS.time" },
            "{time}"
        );
    }
    for userbuf in ["1", "\"AP8\"", "\"A P8=\"", "null"] {
        let extra = format!(r#","TLS.userbuf":{userbuf}"#);
        assert_eq!(
            malformed(&wrap(
                &good("\"2.0\"", "1400000000", "1700000000", &extra),
                6,
                true
            )),
            Malformation::InvalidField {
                field: "TLS.userbuf"
            },
            "{userbuf}"
        );
    }
    let short_sig = good("\"2.0\"", "1400000000", "1700000000", "").replace(&sig, "AAAA");
    assert_eq!(
        malformed(&wrap(&short_sig, 6, true)),
        Malformation::InvalidField { field: "TLS.sig" }
    );
}

#[test]
fn every_rejection_with_its_tencent_code() {
    let token = signer().user_sig_at("alice", 300, NOW).unwrap();
    let v = verifier();

    let err = Verifier::new(APP + 1, KEY)
        .unwrap()
        .verify_at(&token, "alice", NOW)
        .unwrap_err();
    assert_eq!(
        err,
        Error::SdkAppIdMismatch {
            expected: APP + 1,
            found: APP
        }
    );
    assert_eq!(err.tencent_code(), Some(70014));

    let err = v.verify_at(&token, "Alice", NOW).unwrap_err();
    assert_eq!(
        err,
        Error::UserIdMismatch {
            expected: "Alice".into(),
            found: "alice".into()
        }
    );
    assert_eq!(err.tencent_code(), Some(70013));

    assert!(
        v.verify_at(&token, "alice", NOW + 300).is_ok(),
        "the last second is valid"
    );
    let err = v.verify_at(&token, "alice", NOW + 301).unwrap_err();
    assert_eq!(
        err,
        Error::Expired {
            expired_at: NOW + 300,
            now: NOW + 301
        }
    );
    assert_eq!(err.tencent_code(), Some(70001));
    assert_eq!(
        err.to_string(),
        "the token expired at 1700000300 (Unix seconds); it is now 1700000301, 1 s later (Tencent code 70001)"
    );

    let err = v
        .verify_with_userbuf_at(&token, "alice", b"", NOW)
        .unwrap_err();
    assert_eq!(err, Error::MissingUserbuf);
    assert_eq!(err.tencent_code(), Some(-100006));
    let with_buf = signer()
        .user_sig_with_userbuf_at("alice", b"room 1", 300, NOW)
        .unwrap();
    let err = v.verify_at(&with_buf, "alice", NOW).unwrap_err();
    assert_eq!(err, Error::UnexpectedUserbuf);
    assert_eq!(err.tencent_code(), None);
    assert_eq!(
        v.verify_with_userbuf_at(&with_buf, "alice", b"room 2", NOW)
            .unwrap_err(),
        Error::UserbufMismatch
    );

    let err = Verifier::new(APP, "another key")
        .unwrap()
        .verify_at(&token, "alice", NOW)
        .unwrap_err();
    assert_eq!(err, Error::BadSignature);
    assert_eq!(err.tencent_code(), Some(70009));

    // A field changed after signing, with everything else intact.
    let sig = inspect(&token).unwrap().signature;
    let tampered = wrap(
        &format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":{APP},"TLS.expire":3000000,"TLS.time":{NOW},"TLS.sig":"{sig}"}}"#
        ),
        6,
        true,
    );
    assert_eq!(
        v.verify_at(&tampered, "alice", NOW).unwrap_err(),
        Error::BadSignature
    );
    // A userbuf added to a token signed without one.
    let added = wrap(
        &format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":{APP},"TLS.expire":300,"TLS.time":{NOW},"TLS.userbuf":"","TLS.sig":"{sig}"}}"#
        ),
        6,
        true,
    );
    assert_eq!(
        v.verify_any_userbuf_at(&added, "alice", NOW).unwrap_err(),
        Error::BadSignature
    );
    assert_eq!(
        v.verify_at(&added, "alice", NOW).unwrap_err(),
        Error::UnexpectedUserbuf
    );
}

#[test]
fn a_hostile_expiry_cannot_overflow() {
    let sig = hmac_b64(KEY, "alice", APP, i64::MAX, i64::MAX, None);
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":{APP},"TLS.expire":{max},"TLS.time":{max},"TLS.sig":"{sig}"}}"#,
        max = i64::MAX
    );
    let claims = verifier()
        .verify_at(&wrap(&json, 6, true), "alice", i64::MAX)
        .unwrap();
    assert_eq!(claims.expires_at, i64::MAX);
    let sig = hmac_b64(KEY, "alice", APP, i64::MIN, i64::MIN, None);
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":{APP},"TLS.expire":{min},"TLS.time":{min},"TLS.sig":"{sig}"}}"#,
        min = i64::MIN
    );
    assert!(matches!(
        verifier().verify_at(&wrap(&json, 6, true), "alice", i64::MIN),
        Err(Error::Expired {
            expired_at: i64::MIN,
            now: i64::MIN
        })
    ));
}

#[test]
fn signers_and_verifiers_are_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Signer>();
    send_sync::<Verifier>();
    let (signer, verifier) = (signer(), verifier());
    std::thread::scope(|scope| {
        for t in 0..4 {
            let (signer, verifier) = (&signer, &verifier);
            scope.spawn(move || {
                for i in 0..200 {
                    let id = format!("user-{t}-{i}");
                    let token = signer.user_sig_at(&id, 60, NOW).unwrap();
                    assert_eq!(verifier.verify_at(&token, &id, NOW).unwrap().user_id, id);
                }
            });
        }
    });
}

#[test]
fn key_rotation() {
    let old = Signer::new(APP, "old")
        .unwrap()
        .user_sig_at("u", 60, NOW)
        .unwrap();
    let new = Signer::new(APP, "new")
        .unwrap()
        .user_sig_at("u", 60, NOW)
        .unwrap();
    let both = Verifier::with_keys(APP, ["new", "old"]).unwrap();
    assert!(both.verify_at(&old, "u", NOW).is_ok());
    assert!(both.verify_at(&new, "u", NOW).is_ok());
    let only_new = Verifier::with_keys(APP, vec!["new".to_string()]).unwrap();
    assert_eq!(
        only_new.verify_at(&old, "u", NOW).unwrap_err(),
        Error::BadSignature
    );
    assert_eq!(
        Verifier::with_keys(APP, Vec::<String>::new()).unwrap_err(),
        Error::EmptyKey
    );
    assert_eq!(
        Verifier::with_keys(APP, ["new", ""]).unwrap_err(),
        Error::EmptyKey
    );
}

#[test]
fn every_input_error() {
    let s = signer();
    assert_eq!(Signer::new(APP, "").unwrap_err(), Error::EmptyKey);
    assert_eq!(s.user_sig_at("", 60, NOW).unwrap_err(), Error::EmptyUserId);
    let long = "界".repeat(342);
    assert_eq!(
        s.user_sig_at(&long, 60, NOW).unwrap_err(),
        Error::UserIdTooLong {
            len: 1026,
            max: 1024
        }
    );
    assert!(s.user_sig_at(&"界".repeat(341), 60, NOW).is_ok());
    assert_eq!(
        s.user_sig_with_userbuf_at("a", &[0; 4097], 60, NOW)
            .unwrap_err(),
        Error::UserbufTooLong {
            len: 4097,
            max: 4096
        }
    );
    assert_eq!(
        s.user_sig_at("a", 0, NOW).unwrap_err(),
        Error::ExpireOutOfRange {
            expire: 0,
            max: usersig::MAX_EXPIRE
        }
    );
    assert_eq!(
        s.user_sig_at("a", 60, -1).unwrap_err(),
        Error::TimeOutOfRange { now: -1 }
    );
    assert_eq!(
        s.user_sig_at("a", 60, 4_294_967_290).unwrap_err(),
        Error::ExpiryOverflow {
            now: 4_294_967_290,
            expire: 60
        }
    );
    let pmk = |room: Room| s.private_map_key_at("a", &room, Privileges::ALL, 60, NOW);
    assert_eq!(
        pmk(Room::Numeric(0)).unwrap_err(),
        Error::RoomIdOutOfRange { room_id: 0 }
    );
    assert_eq!(
        pmk(Room::Numeric(u32::MAX)).unwrap_err(),
        Error::RoomIdOutOfRange {
            room_id: 4_294_967_295
        }
    );
    assert_eq!(
        pmk(Room::Named(String::new())).unwrap_err(),
        Error::EmptyRoomStr
    );
    assert_eq!(
        pmk(Room::Named("r".repeat(65))).unwrap_err(),
        Error::RoomStrTooLong { len: 65, max: 64 }
    );
    assert_eq!(
        Privileges::try_from(300).unwrap_err(),
        Error::PrivilegeOutOfRange { value: 300 }
    );
    for e in [
        Error::EmptyKey,
        Error::EmptyUserId,
        Error::EmptyRoomStr,
        Error::PrivilegeOutOfRange { value: 300 },
    ] {
        assert_eq!(e.tencent_code(), None);
    }
}

#[test]
fn a_batch_stops_at_its_first_input_error() {
    let s = signer();
    let expire_error = Error::ExpireOutOfRange {
        expire: 0,
        max: usersig::MAX_EXPIRE,
    };
    let seen = |ids: &[&str], expire| {
        let mut tokens = Vec::new();
        let result = s.for_each_user_sig_at(ids, expire, NOW, |t| tokens.push(t.to_owned()));
        (result, tokens)
    };
    // The tokens before the bad id were handed over; none after it.
    let (result, tokens) = seen(&["a", "b", "", "c"], 60);
    assert_eq!(result.unwrap_err(), Error::EmptyUserId);
    assert_eq!(tokens, s.user_sigs_at(&["a", "b"], 60, NOW).unwrap());
    assert_eq!(
        s.user_sigs_at(&["a", ""], 60, NOW).unwrap_err(),
        Error::EmptyUserId
    );
    // As for single calls, the first id is checked before the validity and the time.
    assert_eq!(seen(&["", "a"], 0).0.unwrap_err(), Error::EmptyUserId);
    let (result, tokens) = seen(&["a", ""], 0);
    assert_eq!(
        (result.unwrap_err(), tokens.len()),
        (expire_error.clone(), 0)
    );
    assert_eq!(s.user_sigs_at(&["a"], 0, NOW).unwrap_err(), expire_error);
    assert_eq!(
        s.user_sigs_at(&["a"], 60, -1).unwrap_err(),
        Error::TimeOutOfRange { now: -1 }
    );
    // No id, no error: there is no token whose fields could be wrong.
    assert_eq!(seen(&[], 0), (Ok(()), vec![]));
}

#[test]
fn secrets_never_show() {
    let key = "SUPER-SECRET-KEY-0123";
    let shown = format!(
        "{:?} {:?} {:?}",
        Signer::new(APP, key).unwrap(),
        Verifier::with_keys(APP, [key, key]).unwrap(),
        Verifier::new(APP, key)
            .unwrap()
            .verify_at("garbage", "a", NOW)
    );
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("<redacted>"));
}

#[test]
fn hostile_user_ids_are_shown_escaped() {
    let id = "evil\n\u{1b}[31mLOG";
    let sig = hmac_b64(KEY, id, APP, NOW, 60, None);
    let token = wrap(
        &format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"evil\n\u001b[31mLOG","TLS.sdkappid":{APP},"TLS.expire":60,"TLS.time":{NOW},"TLS.sig":"{sig}"}}"#
        ),
        6,
        true,
    );
    // Another port's token for such an id is still judged by the rules.
    assert_eq!(verifier().verify_at(&token, id, NOW).unwrap().user_id, id);
    let err = verifier().verify_at(&token, "alice", NOW).unwrap_err();
    let shown = err.to_string();
    assert!(
        !shown.contains('\n') && !shown.contains('\u{1b}'),
        "{shown}"
    );
}

#[test]
fn the_largest_signable_token_verifies() {
    // `"` is the character JSON escapes longest that a user id may hold.
    let id = "\"".repeat(usersig::MAX_USER_ID_LEN);
    let buf = vec![0xff; usersig::MAX_USERBUF_LEN];
    let token = signer()
        .user_sig_with_userbuf_at(&id, &buf, usersig::MAX_EXPIRE, 0)
        .unwrap();
    assert!(token.len() <= MAX_TOKEN_LEN);
    let claims = verifier()
        .verify_with_userbuf_at(&token, &id, &buf, 1)
        .unwrap();
    assert_eq!(claims.expires_at, usersig::MAX_EXPIRE);
}
