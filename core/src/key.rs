//! The secret key, held as its prepared HMAC-SHA256 state.
//!
//! HMAC-SHA256 (RFC 2104) hashes one block of `key ^ ipad` before the message and one block of
//! `key ^ opad` before the inner digest. Both depend only on the key, so the `hmac` crate hashes
//! them once, at construction, and each signature starts from a clone of that keyed state; the
//! raw key is not kept. Those states sign exactly as the key does, so they are secret too: they
//! live on the heap, behind one pointer, so that moving a `Signer` or a `Verifier` moves no copy
//! of them, and SHA-256's states are overwritten with zeros when dropped (`sha2`'s `zeroize`
//! feature), the keyed ones and each signature's clone alike. (Registers and stack slots the
//! compiler uses while hashing are outside the program's reach in safe Rust.)

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::content::SignedFields;
use crate::Error;

/// A secret key, prepared once as HMAC-SHA256's keyed state.
#[derive(Clone)]
pub(crate) struct SigningKey(Box<Hmac<Sha256>>);

impl SigningKey {
    /// Prepares a key. The key is the console's text, used as its UTF-8 bytes (not hex-decoded).
    pub(crate) fn new(key: &str) -> Result<SigningKey, Error> {
        if key.is_empty() {
            return Err(Error::EmptyKey);
        }
        let mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
        Ok(SigningKey(Box::new(mac)))
    }

    /// The HMAC-SHA256 of the signing content.
    pub(crate) fn sign(&self, fields: &SignedFields<'_>) -> [u8; 32] {
        self.keyed(|mac| fields.feed(|piece| mac.update(piece)))
            .finalize()
            .into_bytes()
            .into()
    }

    /// Whether `signature` is the HMAC of the signing content, compared in constant time.
    pub(crate) fn verify(&self, fields: &SignedFields<'_>, signature: &[u8]) -> bool {
        self.keyed(|mac| fields.feed(|piece| mac.update(piece)))
            .verify_slice(signature)
            .is_ok()
    }

    /// The HMAC-SHA256 of `message`.
    pub(crate) fn sign_bytes(&self, message: &[u8]) -> [u8; 32] {
        self.keyed(|mac| mac.update(message))
            .finalize()
            .into_bytes()
            .into()
    }

    /// Whether `signature` is the HMAC of `message`, compared in constant time.
    pub(crate) fn verify_bytes(&self, message: &[u8], signature: &[u8]) -> bool {
        self.keyed(|mac| mac.update(message))
            .verify_slice(signature)
            .is_ok()
    }

    /// A clone of the keyed state that has absorbed what `feed` gives it.
    fn keyed(&self, feed: impl FnOnce(&mut Hmac<Sha256>)) -> Hmac<Sha256> {
        let mut mac = (*self.0).clone();
        feed(&mut mac);
        mac
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Numbers;

    #[test]
    fn the_keyed_states_are_wiped_when_dropped() {
        // What `Hmac<Sha256>` keeps of the key is two SHA-256 cores; each must wipe itself.
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wiped_on_drop::<<Sha256 as hmac::EagerHash>::Core>();
    }

    /// RFC 4231's test cases 1 to 4, 6 and 7 (case 5 truncates the output), through the
    /// `hmac` crate as this module drives it: a keyed state, cloned, fed in pieces.
    #[test]
    fn hmac_rfc4231() {
        let cases: [(Vec<u8>, &[u8], &str); 6] = [
            (vec![0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (b"Jefe".to_vec(), b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (vec![0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ((1..=25).collect(), &[0xcd; 50], "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            (vec![0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            (vec![0xaa; 131], b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ];
        for (key, data, expected) in cases {
            let keyed = Hmac::<Sha256>::new_from_slice(&key).unwrap();
            let mut mac = keyed.clone();
            data.chunks(7).for_each(|piece| mac.update(piece));
            let hex: String = mac
                .finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(hex, expected);
        }
    }

    #[test]
    fn signatures_verify_in_full_only() {
        let key = SigningKey::new("topsecret").unwrap();
        let numbers = Numbers::new(1, 2, 3);
        let fields = SignedFields {
            user_id: "a",
            numbers: &numbers,
            userbuf_b64: None,
        };
        let signature = key.sign(&fields);
        assert!(key.verify(&fields, &signature));
        assert!(!key.verify(&fields, &signature[..31]));
        let mut flipped = signature;
        flipped[31] ^= 1;
        assert!(!key.verify(&fields, &flipped));
    }

    #[test]
    fn empty_key_is_refused_and_debug_is_redacted() {
        assert_eq!(SigningKey::new("").unwrap_err(), Error::EmptyKey);
        let key = SigningKey::new("topsecret").unwrap();
        assert_eq!(format!("{key:?}"), "<redacted>");
    }
}
