//! The secret key, held only as a keyed HMAC-SHA256 state, and the content it signs.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::Error;

type HmacSha256 = Hmac<Sha256>;

/// The fields a signature covers. `userbuf_b64` is the base64 text exactly as it stands in the
/// token's JSON, not a re-encoding of the decoded bytes.
pub(crate) struct SignedFields<'a> {
    pub user_id: &'a str,
    pub sdkappid: u32,
    pub time: i64,
    pub expire: i64,
    pub userbuf_b64: Option<&'a str>,
}

/// A secret key, prepared once: the HMAC's inner and outer pads are hashed at construction and
/// the state is cloned per token, so the raw key is never stored.
#[derive(Clone)]
pub(crate) struct Key(HmacSha256);

impl Key {
    /// Prepares a key. The key is the console's text, used as its UTF-8 bytes (not hex-decoded).
    pub(crate) fn new(key: &str) -> Result<Key, Error> {
        if key.is_empty() {
            return Err(Error::EmptyKey);
        }
        Ok(Key(
            HmacSha256::new_from_slice(key.as_bytes()).expect("HMAC takes any key length")
        ))
    }

    /// The HMAC-SHA256 of the signing content.
    pub(crate) fn sign(&self, fields: &SignedFields<'_>) -> [u8; 32] {
        self.mac_of(fields).finalize().into_bytes().into()
    }

    /// Whether `signature` is the HMAC of the signing content, compared in constant time.
    pub(crate) fn verify(&self, fields: &SignedFields<'_>, signature: &[u8]) -> bool {
        self.mac_of(fields).verify_slice(signature).is_ok()
    }

    /// Feeds the signing content (spec §1 step 2) to a fresh copy of the keyed state:
    /// `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.
    fn mac_of(&self, fields: &SignedFields<'_>) -> HmacSha256 {
        let mut mac = self.0.clone();
        let mut digits = Decimal::default();
        mac.update(b"TLS.identifier:");
        mac.update(fields.user_id.as_bytes());
        mac.update(b"\nTLS.sdkappid:");
        mac.update(digits.format(i64::from(fields.sdkappid)));
        mac.update(b"\nTLS.time:");
        mac.update(digits.format(fields.time));
        mac.update(b"\nTLS.expire:");
        mac.update(digits.format(fields.expire));
        mac.update(b"\n");
        if let Some(userbuf) = fields.userbuf_b64 {
            mac.update(b"TLS.userbuf:");
            mac.update(userbuf.as_bytes());
            mac.update(b"\n");
        }
        mac
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A stack buffer that formats an integer in plain decimal without allocating.
#[derive(Default)]
pub(crate) struct Decimal([u8; 20]);

impl Decimal {
    /// The decimal text of `n`, with a leading `-` when negative.
    pub(crate) fn format(&mut self, n: i64) -> &[u8] {
        let mut magnitude = n.unsigned_abs();
        let mut start = self.0.len();
        loop {
            start -= 1;
            self.0[start] = b'0' + (magnitude % 10) as u8;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        if n < 0 {
            start -= 1;
            self.0[start] = b'-';
        }
        &self.0[start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_matches_display() {
        let mut d = Decimal::default();
        for n in [
            0,
            1,
            -1,
            9,
            10,
            1_700_000_000,
            i64::MAX,
            i64::MIN,
            -15_552_000,
        ] {
            assert_eq!(d.format(n), n.to_string().as_bytes());
        }
    }

    #[test]
    fn empty_key_is_refused_and_debug_is_redacted() {
        assert_eq!(Key::new("").unwrap_err(), Error::EmptyKey);
        let key = Key::new("topsecret").unwrap();
        assert_eq!(format!("{key:?}"), "<redacted>");
    }
}
