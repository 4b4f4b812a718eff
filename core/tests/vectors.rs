//! The official Python library's outputs (`core/tests/vectors/official-python.jsonl`), judged by our
//! verifier, and reproduced by our signer for every input it accepts.

use std::path::PathBuf;

use serde_json::Value;
use usersig::{Error, Grant, Privileges, Room, Signer, Verifier, DEFAULT_EXPIRE};

struct Vector {
    id: String,
    kind: String,
    now: i64,
    inputs: Value,
    output: Option<String>,
    decoded: Option<Value>,
}

/// The vectors' folder: `USERSIG_VECTORS`, or `tests/vectors` in this crate.
fn vectors_dir() -> PathBuf {
    std::env::var_os("USERSIG_VECTORS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors"),
        PathBuf::from,
    )
}

fn vectors() -> Vec<Vector> {
    let text = std::fs::read_to_string(vectors_dir().join("official-python.jsonl"))
        .expect("the vectors in core/tests/vectors (or set USERSIG_VECTORS to their folder)");
    let vectors: Vec<Vector> = text
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            Vector {
                id: v["id"].as_str().unwrap().to_owned(),
                kind: v["kind"].as_str().unwrap().to_owned(),
                // The library truncates a fractional clock (vector 033) to whole seconds.
                now: v["time"].as_f64().unwrap().floor() as i64,
                inputs: v["inputs"].clone(),
                output: v["output"].as_str().map(str::to_owned),
                decoded: v.get("decoded").filter(|d| !d.is_null()).cloned(),
            }
        })
        .collect();
    assert_eq!(vectors.len(), 57);
    vectors
}

impl Vector {
    fn sdkappid(&self) -> u32 {
        u32::try_from(self.inputs["sdkappid"].as_u64().unwrap()).unwrap()
    }
    fn key(&self) -> &str {
        self.inputs["key"].as_str().unwrap()
    }
    fn user_id(&self) -> &str {
        self.inputs["userid"].as_str().unwrap()
    }
    fn expire(&self) -> i64 {
        self.inputs["expire"].as_i64().unwrap_or(DEFAULT_EXPIRE)
    }
    fn userbuf(&self) -> Vec<u8> {
        hex(self.inputs["userbuf_hex"].as_str().unwrap())
    }
    fn privileges(&self) -> Privileges {
        Privileges::try_from(self.inputs["privilege"].as_i64().unwrap()).unwrap()
    }
    fn room(&self) -> Room {
        match self.kind.as_str() {
            "pmk" => Room::Numeric(u32::try_from(self.inputs["roomid"].as_u64().unwrap()).unwrap()),
            _ => Room::Named(self.inputs["roomstr"].as_str().unwrap().to_owned()),
        }
    }

    /// What our signer makes of the vector's inputs, with the vector's clock.
    fn sign(&self) -> Result<String, Error> {
        let signer = Signer::new(self.sdkappid(), self.key())?;
        let (id, expire, now) = (self.user_id(), self.expire(), self.now);
        match self.kind.as_str() {
            "usersig" => signer.user_sig_at(id, expire, now),
            "userbuf" => signer.user_sig_with_userbuf_at(id, &self.userbuf(), expire, now),
            "pmk" | "pmk_str" => {
                signer.private_map_key_at(id, &self.room(), self.privileges(), expire, now)
            }
            other => panic!("unknown kind {other}"),
        }
    }
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The inputs our signer refuses on purpose (vectors README and spec §4), with the exact error.
fn expected_refusal(v: &Vector) -> Option<Error> {
    Some(match v.id.as_str() {
        "008-usersig" | "045-pmk" => Error::EmptyUserId,
        "018-usersig" => Error::EmptyKey,
        "022-usersig" | "024-usersig" | "025-usersig" | "026-usersig" | "027-usersig"
        | "051-pmk" => Error::ExpireOutOfRange {
            expire: v.expire(),
            max: usersig::MAX_EXPIRE,
        },
        "044-pmk" => Error::RoomIdOutOfRange {
            room_id: 4_294_967_295,
        },
        "056-pmk_str" => Error::RoomStrTooLong { len: 300, max: 64 },
        "057-pmk_str" => Error::EmptyRoomStr,
        // A line break (or any control character) in a user id could re-split the signed text.
        "013-usersig" => Error::UserIdControlChar { position: 1 },
        "015-usersig" => Error::UserIdControlChar { position: 0 },
        _ => return None,
    })
}

#[test]
fn every_official_token_is_judged_by_the_rules() {
    for v in vectors() {
        let Some(token) = &v.output else { continue };
        if v.key().is_empty() {
            // 018: a real console key is never empty, so no verifier can be made for it.
            assert_eq!(
                Verifier::new(v.sdkappid(), v.key()).unwrap_err(),
                Error::EmptyKey
            );
            continue;
        }
        let verifier = Verifier::new(v.sdkappid(), v.key()).unwrap();
        let result = verifier.verify_any_userbuf_at(token, v.user_id(), v.now);
        if v.expire() < 0 {
            // 027 (expire -1) is already expired at its own issue time.
            assert_eq!(
                result.unwrap_err(),
                Error::Expired {
                    expired_at: v.now - 1,
                    now: v.now
                },
                "{}",
                v.id
            );
            continue;
        }
        let claims = result.unwrap_or_else(|e| panic!("{}: {e}", v.id));
        let decoded = v.decoded.as_ref().unwrap();
        assert_eq!(claims.user_id, v.user_id(), "{}", v.id);
        assert_eq!(claims.issued_at, v.now, "{}", v.id);
        assert_eq!(claims.expire, v.expire(), "{}", v.id);
        assert_eq!(claims.signature, decoded["TLS.sig"], "{}", v.id);
        assert_eq!(
            claims.userbuf.as_deref().map(b64),
            decoded
                .get("TLS.userbuf")
                .map(|u| u.as_str().unwrap().to_owned()),
            "{}",
            v.id
        );
        // The last valid second passes, the next fails.
        let last = v.now + v.expire();
        assert!(verifier
            .verify_any_userbuf_at(token, v.user_id(), last)
            .is_ok());
        assert!(matches!(
            verifier.verify_any_userbuf_at(token, v.user_id(), last + 1),
            Err(Error::Expired { .. })
        ));
        // A plain verify takes only a token without a userbuf; one with a userbuf passes when
        // the caller expects exactly that userbuf.
        let plain = verifier.verify_at(token, v.user_id(), v.now);
        match &claims.userbuf {
            None => assert_eq!(plain.as_ref(), Ok(&claims), "{}", v.id),
            Some(userbuf) => {
                assert_eq!(plain, Err(Error::UnexpectedUserbuf), "{}", v.id);
                assert!(verifier
                    .verify_with_userbuf_at(token, v.user_id(), userbuf, v.now)
                    .is_ok());
            }
        }
    }
}

#[test]
fn our_signer_reproduces_every_input_it_accepts() {
    let mut reproduced = 0;
    for v in vectors() {
        let ours = v.sign();
        if let Some(refusal) = expected_refusal(&v) {
            assert_eq!(ours.unwrap_err(), refusal, "{}", v.id);
            continue;
        }
        let ours = ours.unwrap_or_else(|e| panic!("{}: {e}", v.id));
        let claims = usersig::inspect(&ours).unwrap();
        match (&v.output, v.id.as_str()) {
            // 050: the official library writes `é` as Latin-1; ours is UTF-8 by design.
            (_, "050-pmk") => {
                let official = v.decoded.as_ref().unwrap()["TLS.userbuf"].as_str().unwrap();
                assert_ne!(b64(claims.userbuf.as_deref().unwrap()), official);
                assert_eq!(claims.grant.unwrap().user_id, "é");
            }
            (Some(_), _) => {
                let decoded = v.decoded.as_ref().unwrap();
                assert_eq!(claims.signature, decoded["TLS.sig"], "{}", v.id);
                assert_eq!(
                    claims.userbuf.as_deref().map(b64).as_deref(),
                    decoded.get("TLS.userbuf").and_then(Value::as_str),
                    "{}",
                    v.id
                );
                reproduced += 1;
            }
            // 048, 049, 055: the library raised on non-Latin-1 text; ours encodes UTF-8.
            (None, _) => {
                let grant = claims.grant.expect("a PrivateMapKey carries its grant");
                assert_eq!(
                    fields(&grant),
                    (
                        v.user_id().to_owned(),
                        v.sdkappid(),
                        v.room(),
                        v.privileges(),
                        u32::try_from(v.now + v.expire()).unwrap(),
                    )
                );
            }
        }
        let verifier = Verifier::new(v.sdkappid(), v.key()).unwrap();
        assert_eq!(
            verifier
                .verify_any_userbuf_at(&ours, v.user_id(), v.now)
                .unwrap(),
            usersig::inspect(&ours).unwrap()
        );
    }
    assert_eq!(reproduced, 39);
}

#[test]
fn decoded_grants_match_the_official_field_by_field_parse() {
    let text = std::fs::read_to_string(vectors_dir().join("official-python.jsonl")).unwrap();
    let mut checked = 0;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let (Some(token), Some(parsed)) = (v["output"].as_str(), v.get("userbuf_parsed")) else {
            continue;
        };
        let grant = usersig::inspect(token).unwrap().grant;
        if !v["kind"].as_str().unwrap().starts_with("pmk") || parsed["account_hex"] == "e9" {
            // Application userbufs, and 050's Latin-1 account, are not grants.
            assert_eq!(grant, None, "{}", v["id"]);
            continue;
        }
        let grant = grant.unwrap();
        let room = match parsed["ver"].as_u64().unwrap() {
            0 => Room::Numeric(u32::try_from(parsed["roomid"].as_u64().unwrap()).unwrap()),
            _ => Room::Named(
                String::from_utf8(hex(parsed["roomstr_hex"].as_str().unwrap())).unwrap(),
            ),
        };
        assert_eq!(
            fields(&grant),
            (
                String::from_utf8(hex(parsed["account_hex"].as_str().unwrap())).unwrap(),
                u32::try_from(parsed["sdkappid"].as_u64().unwrap()).unwrap(),
                room,
                Privileges::try_from(parsed["privilege"].as_i64().unwrap()).unwrap(),
                u32::try_from(parsed["expire_abs"].as_u64().unwrap()).unwrap(),
            ),
            "{}",
            v["id"]
        );
        checked += 1;
    }
    assert_eq!(checked, 13);
}

/// A grant's fields as a tuple (`Grant` is non-exhaustive, so tests cannot build one).
fn fields(grant: &Grant) -> (String, u32, Room, Privileges, u32) {
    (
        grant.user_id.clone(),
        grant.sdkappid,
        grant.room.clone(),
        grant.privileges,
        grant.expires_at,
    )
}
