//! Property tests: sign-then-verify round trips over arbitrary inputs, agreement with a naive
//! reference of the signing content, and no panic on arbitrary tokens.

use std::io::Write;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use sha2::Sha256;
use usersig::{inspect, Error, Grant, Privileges, Room, Signer, Verifier, MAX_EXPIRE};

const APP: u32 = 1_400_000_000;

/// The spec's signing content and HMAC, written the obvious way.
fn reference_sig(
    key: &str,
    id: &str,
    app: u32,
    now: i64,
    expire: i64,
    userbuf: Option<&[u8]>,
) -> String {
    let mut content =
        format!("TLS.identifier:{id}\nTLS.sdkappid:{app}\nTLS.time:{now}\nTLS.expire:{expire}\n");
    if let Some(buf) = userbuf {
        content += &format!("TLS.userbuf:{}\n", STANDARD.encode(buf));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(content.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// A validity and an issue time whose sum fits in 32 bits, as the signer requires.
fn expire_and_now() -> impl Strategy<Value = (i64, i64)> {
    (1..=MAX_EXPIRE).prop_flat_map(|expire| (Just(expire), 0..=i64::from(u32::MAX) - expire))
}

/// Room names of 1 to 64 bytes of UTF-8.
fn room_name() -> impl Strategy<Value = String> {
    "\\PC{1,64}".prop_filter("at most 64 bytes", |s| s.len() <= 64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn user_sigs_round_trip(
        key in "\\PC{1,80}",
        app: u32,
        id in "\\PC{1,40}",
        userbuf in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
        (expire, now) in expire_and_now(),
    ) {
        let signer = Signer::new(app, &key).unwrap();
        let token = match &userbuf {
            None => signer.user_sig_at(&id, expire, now),
            Some(buf) => signer.user_sig_with_userbuf_at(&id, buf, expire, now),
        }.unwrap();
        let verifier = Verifier::new(app, &key).unwrap();
        let claims = verifier.verify_any_userbuf_at(&token, &id, now + expire).unwrap();
        match &userbuf {
            None => {
                prop_assert_eq!(verifier.verify_at(&token, &id, now).unwrap(), claims.clone());
                prop_assert_eq!(verifier.verify_with_userbuf_at(&token, &id, b"", now).unwrap_err(), Error::MissingUserbuf);
            }
            Some(buf) => {
                prop_assert_eq!(verifier.verify_at(&token, &id, now).unwrap_err(), Error::UnexpectedUserbuf);
                prop_assert_eq!(verifier.verify_with_userbuf_at(&token, &id, buf, now).unwrap(), claims.clone());
                let other = [buf.as_slice(), b"x"].concat();
                prop_assert_eq!(verifier.verify_with_userbuf_at(&token, &id, &other, now).unwrap_err(), Error::UserbufMismatch);
            }
        }
        prop_assert_eq!(&claims.user_id, &id);
        prop_assert_eq!(claims.sdkappid, app);
        prop_assert_eq!((claims.issued_at, claims.expire, claims.expires_at), (now, expire, now + expire));
        prop_assert_eq!(&claims.userbuf, &userbuf);
        prop_assert_eq!(claims.signature, reference_sig(&key, &id, app, now, expire, userbuf.as_deref()));
        let late = verifier.verify_any_userbuf_at(&token, &id, now + expire + 1);
        prop_assert_eq!(late.unwrap_err(), Error::Expired { expired_at: now + expire, now: now + expire + 1 });
    }

    #[test]
    fn private_map_keys_round_trip(
        id in "\\PC{1,40}",
        room in prop_oneof![(1..=usersig::MAX_ROOM_ID).prop_map(Room::Numeric), room_name().prop_map(Room::Named)],
        bits: u8,
        (expire, now) in expire_and_now(),
    ) {
        let signer = Signer::new(APP, "key").unwrap();
        let token = signer.private_map_key_at(&id, &room, Privileges::from_bits(bits), expire, now).unwrap();
        let verifier = Verifier::new(APP, "key").unwrap();
        prop_assert_eq!(verifier.verify_at(&token, &id, now).unwrap_err(), Error::UnexpectedUserbuf);
        let claims = verifier.verify_any_userbuf_at(&token, &id, now).unwrap();
        let grant = claims.grant.clone().unwrap();
        prop_assert_eq!(&grant.user_id, &id);
        prop_assert_eq!(grant.sdkappid, APP);
        prop_assert_eq!(&grant.room, &room);
        prop_assert_eq!(grant.privileges, Privileges::from_bits(bits));
        prop_assert_eq!(i64::from(grant.expires_at), now + expire);
        let userbuf = claims.userbuf.unwrap();
        prop_assert_eq!(Grant::from_userbuf(&userbuf), Some(grant));
        prop_assert!(verifier.verify_with_userbuf_at(&token, &id, &userbuf, now).is_ok());
    }

    #[test]
    fn batches_match_single_calls(ids in proptest::collection::vec("\\PC{1,20}", 0..20), (expire, now) in expire_and_now()) {
        let signer = Signer::new(APP, "key").unwrap();
        let batch = signer.user_sigs_at(&ids, expire, now).unwrap();
        let single: Vec<String> = ids.iter().map(|id| signer.user_sig_at(id, expire, now).unwrap()).collect();
        let mut lent = Vec::new();
        signer.for_each_user_sig_at(&ids, expire, now, |token| lent.push(token.to_owned())).unwrap();
        prop_assert_eq!(&batch, &single);
        prop_assert_eq!(lent, single);
    }

    #[test]
    fn arbitrary_text_never_panics(token in "\\PC{0,300}", id in "\\PC{0,10}", now: i64) {
        let verifier = Verifier::new(APP, "key").unwrap();
        prop_assert!(verifier.verify_at(&token, &id, now).is_err());
        let _ = inspect(&token);
    }

    #[test]
    fn arbitrary_zlib_content_never_panics(content in proptest::collection::vec(any::<u8>(), 0..400), level in 0u32..=9) {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
        z.write_all(&content).unwrap();
        let token = STANDARD.encode(z.finish().unwrap());
        prop_assert!(Verifier::new(APP, "key").unwrap().verify_at(&token, "a", 0).is_err());
        prop_assert!(matches!(inspect(&token), Err(Error::Malformed(_))));
    }
}
