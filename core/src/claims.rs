//! Reading a token into its fields, without checking anything but its form.

use serde_json::{Map, Value};

use crate::codec::{decode_standard_base64, decode_token};
use crate::key::SignedFields;
use crate::{unix_now, Grant, Malformation};

/// What a token says: its fields, decoded.
///
/// [`Verifier`](crate::Verifier) returns these once every check has passed; [`inspect`](crate::inspect)
/// returns them for any well-formed token, signed or not, for debugging.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claims {
    /// `TLS.identifier`: the user id the token was issued to.
    pub user_id: String,
    /// `TLS.sdkappid`: the application the token was issued for.
    pub sdkappid: u32,
    /// `TLS.time`: when the token was issued, in Unix seconds.
    pub issued_at: i64,
    /// `TLS.expire`: how long the token is valid after `issued_at`, in seconds.
    pub expire: i64,
    /// The last second at which the token is valid: `issued_at + expire`.
    pub expires_at: i64,
    /// `TLS.userbuf`, decoded from base64, when the token carries one.
    pub userbuf: Option<Vec<u8>>,
    /// The PrivateMapKey grant, when the userbuf is one (see [`Grant::from_userbuf`]).
    pub grant: Option<Grant>,
    /// `TLS.sig`: the signature, base64 as it stands in the token.
    pub signature: String,
}

impl Claims {
    /// How many seconds the token has left at `now` (Unix seconds): `expires_at - now`.
    ///
    /// 0 means `now` is the last second the token is valid; a negative value means it expired
    /// that many seconds ago.
    ///
    /// # Example
    /// ```
    /// let signer = usersig::Signer::new(1400000000, "secret")?;
    /// let claims = usersig::inspect(&signer.user_sig_at("alice", 3600, 1700000000)?)?;
    /// assert_eq!(claims.seconds_left_at(1700000000), 3600);
    /// assert_eq!(claims.seconds_left_at(1700003600), 0); // the last valid second
    /// assert_eq!(claims.seconds_left_at(1700003601), -1);
    /// assert!(!claims.should_renew_at(1700003000, 600)); // exactly the margin left
    /// assert!(claims.should_renew_at(1700003001, 600));
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn seconds_left_at(&self, now: i64) -> i64 {
        self.expires_at.saturating_sub(now)
    }

    /// Whether the token should be replaced at `now`: fewer than `margin` seconds are left.
    pub fn should_renew_at(&self, now: i64, margin: i64) -> bool {
        self.seconds_left_at(now) < margin
    }

    /// [`Claims::seconds_left_at`] the system clock.
    pub fn seconds_left(&self) -> i64 {
        self.seconds_left_at(unix_now())
    }

    /// [`Claims::should_renew_at`] the system clock.
    pub fn should_renew(&self, margin: i64) -> bool {
        self.should_renew_at(unix_now(), margin)
    }
}

/// A decoded token: its claims, plus what is needed to check the signature.
pub(crate) struct DecodedToken {
    pub claims: Claims,
    userbuf_b64: Option<String>,
    signature: Vec<u8>,
}

impl DecodedToken {
    /// Decodes a token: base64, zlib, then a JSON object with the v2 fields of the right types.
    pub(crate) fn parse(token: &str) -> Result<DecodedToken, Malformation> {
        let json = decode_token(token)?;
        let Ok(Value::Object(mut fields)) = serde_json::from_slice::<Value>(&json) else {
            return Err(Malformation::Json);
        };
        match take(&mut fields, "TLS.ver")? {
            Value::String(v) if v == "2.0" => {}
            Value::String(_) => return Err(Malformation::UnsupportedVersion),
            _ => return Err(Malformation::InvalidField { field: "TLS.ver" }),
        }
        let user_id = take_string(&mut fields, "TLS.identifier")?;
        let sdkappid = take(&mut fields, "TLS.sdkappid")?
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or(Malformation::InvalidField {
                field: "TLS.sdkappid",
            })?;
        let issued_at = take_i64(&mut fields, "TLS.time")?;
        let expire = take_i64(&mut fields, "TLS.expire")?;
        let userbuf_b64 = match fields.remove("TLS.userbuf") {
            None => None,
            Some(Value::String(text)) => Some(text),
            Some(_) => {
                return Err(Malformation::InvalidField {
                    field: "TLS.userbuf",
                })
            }
        };
        let userbuf = match &userbuf_b64 {
            None => None,
            Some(text) => Some(decode_userbuf(text).ok_or(Malformation::InvalidField {
                field: "TLS.userbuf",
            })?),
        };
        let signature_b64 = take_string(&mut fields, "TLS.sig")?;
        let signature = decode_standard_base64(&signature_b64)
            .filter(|mac| mac.len() == 32)
            .ok_or(Malformation::InvalidField { field: "TLS.sig" })?;
        Ok(DecodedToken {
            claims: Claims {
                user_id,
                sdkappid,
                issued_at,
                expire,
                expires_at: issued_at.saturating_add(expire),
                grant: userbuf.as_deref().and_then(Grant::from_userbuf),
                userbuf,
                signature: signature_b64,
            },
            userbuf_b64,
            signature,
        })
    }

    /// The fields the signature covers, as they stand in the token.
    pub(crate) fn signed_fields(&self) -> SignedFields<'_> {
        SignedFields {
            user_id: &self.claims.user_id,
            sdkappid: self.claims.sdkappid,
            time: self.claims.issued_at,
            expire: self.claims.expire,
            userbuf_b64: self.userbuf_b64.as_deref(),
        }
    }

    /// The signature's 32 bytes.
    pub(crate) fn signature(&self) -> &[u8] {
        &self.signature
    }
}

/// Decodes `TLS.userbuf`. The official Java library (1.1) writes it with a MIME encoder that
/// breaks lines every 76 characters, and signs it so; like Go's decoder, which the official
/// verifier uses, line breaks are skipped. The signature still covers the text as it stands.
fn decode_userbuf(text: &str) -> Option<Vec<u8>> {
    if text.contains(['\r', '\n']) {
        decode_standard_base64(&text.replace(['\r', '\n'], ""))
    } else {
        decode_standard_base64(text)
    }
}

fn take(fields: &mut Map<String, Value>, field: &'static str) -> Result<Value, Malformation> {
    fields
        .remove(field)
        .ok_or(Malformation::MissingField { field })
}

fn take_string(
    fields: &mut Map<String, Value>,
    field: &'static str,
) -> Result<String, Malformation> {
    match take(fields, field)? {
        Value::String(s) => Ok(s),
        _ => Err(Malformation::InvalidField { field }),
    }
}

fn take_i64(fields: &mut Map<String, Value>, field: &'static str) -> Result<i64, Malformation> {
    take(fields, field)?
        .as_i64()
        .ok_or(Malformation::InvalidField { field })
}
