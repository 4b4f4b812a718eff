//! Reading a token into its fields, without checking anything but its form.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::codec::{decode_standard_base64, decode_token};
use crate::content::{Numbers, SignedFields};
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
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct DecodedToken {
    pub claims: Claims,
    userbuf_b64: Option<String>,
    signature: Vec<u8>,
}

impl DecodedToken {
    /// Decodes a token: base64, zlib, then a JSON object with the v2 fields of the right types.
    pub(crate) fn parse(token: &str) -> Result<DecodedToken, Malformation> {
        DecodedToken::from_json(&decode_token(token)?)
    }

    /// Reads the token's JSON object. Fields are checked in a fixed order once the whole text has
    /// parsed, so the first problem reported does not depend on the order of the keys; a key
    /// given twice takes its last value; keys other than the v2 fields are ignored.
    fn from_json(json: &[u8]) -> Result<DecodedToken, Malformation> {
        let fields =
            serde_json::from_slice::<RawFields<'_>>(json).map_err(|_| Malformation::Json)?;
        match fields.ver {
            None => return Err(Malformation::MissingField { field: "TLS.ver" }),
            Some(Raw::Str(v)) if v == "2.0" => {}
            Some(Raw::Str(_)) => return Err(Malformation::UnsupportedVersion),
            Some(_) => return Err(Malformation::InvalidField { field: "TLS.ver" }),
        }
        let user_id = string(fields.identifier, "TLS.identifier")?;
        let sdkappid = match present(fields.sdkappid, "TLS.sdkappid")? {
            Raw::Unsigned(n) => u32::try_from(n).ok(),
            _ => None,
        }
        .ok_or(Malformation::InvalidField {
            field: "TLS.sdkappid",
        })?;
        let issued_at = signed(fields.time, "TLS.time")?;
        let expire = signed(fields.expire, "TLS.expire")?;
        let userbuf_b64 = match fields.userbuf {
            None => None,
            Some(Raw::Str(text)) => Some(text.into_owned()),
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
        let signature_b64 = string(fields.sig, "TLS.sig")?;
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

    /// The token's numbers, as the signing content writes them.
    pub(crate) fn numbers(&self) -> Numbers {
        let claims = &self.claims;
        Numbers::new(claims.sdkappid, claims.issued_at, claims.expire)
    }

    /// The fields the signature covers, as they stand in the token, with its `numbers`.
    pub(crate) fn signed_fields<'a>(&'a self, numbers: &'a Numbers) -> SignedFields<'a> {
        SignedFields {
            user_id: &self.claims.user_id,
            numbers,
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

fn present<'a>(raw: Option<Raw<'a>>, field: &'static str) -> Result<Raw<'a>, Malformation> {
    raw.ok_or(Malformation::MissingField { field })
}

fn string(raw: Option<Raw<'_>>, field: &'static str) -> Result<String, Malformation> {
    match present(raw, field)? {
        Raw::Str(s) => Ok(s.into_owned()),
        _ => Err(Malformation::InvalidField { field }),
    }
}

/// An integer field that must fit an `i64`: a JSON number written without fraction or exponent.
fn signed(raw: Option<Raw<'_>>, field: &'static str) -> Result<i64, Malformation> {
    match present(raw, field)? {
        Raw::Unsigned(n) => i64::try_from(n).ok(),
        Raw::Negative(n) => Some(n),
        _ => None,
    }
    .ok_or(Malformation::InvalidField { field })
}

/// The v2 fields of a token's JSON object, each as its last occurrence wrote it, types unchecked.
#[derive(Default)]
struct RawFields<'a> {
    ver: Option<Raw<'a>>,
    identifier: Option<Raw<'a>>,
    sdkappid: Option<Raw<'a>>,
    time: Option<Raw<'a>>,
    expire: Option<Raw<'a>>,
    userbuf: Option<Raw<'a>>,
    sig: Option<Raw<'a>>,
}

/// One field's JSON value, reduced to what the checks need. Integers are those serde_json reads
/// as integers (no fraction, no exponent, within 64 bits), exactly as `Value::as_u64`/`as_i64` see them.
enum Raw<'a> {
    /// A string, borrowed from the JSON text unless it had escapes.
    Str(Cow<'a, str>),
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Negative(i64),
    /// Anything else: a float, `true`/`false`, `null`, an array or an object.
    Other,
}

/// Which v2 field a key names, if any.
enum FieldName {
    Ver,
    Identifier,
    SdkAppId,
    Time,
    Expire,
    UserBuf,
    Sig,
    Unknown,
}

impl<'de: 'a, 'a> Deserialize<'de> for RawFields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawFieldsVisitor(PhantomData))
    }
}

struct RawFieldsVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for RawFieldsVisitor<'a> {
    type Value = RawFields<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFields<'a>, A::Error> {
        let mut fields = RawFields::default();
        while let Some(key) = map.next_key::<FieldName>()? {
            let slot = match key {
                FieldName::Ver => &mut fields.ver,
                FieldName::Identifier => &mut fields.identifier,
                FieldName::SdkAppId => &mut fields.sdkappid,
                FieldName::Time => &mut fields.time,
                FieldName::Expire => &mut fields.expire,
                FieldName::UserBuf => &mut fields.userbuf,
                FieldName::Sig => &mut fields.sig,
                FieldName::Unknown => {
                    // Parsed as a `Value`, not skipped, so that what makes a token's JSON invalid
                    // (a number out of range, a lone surrogate escape) stays the same everywhere.
                    map.next_value::<Value>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<Raw<'a>>()?);
        }
        Ok(fields)
    }
}

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FieldNameVisitor)
    }
}

struct FieldNameVisitor;

impl Visitor<'_> for FieldNameVisitor {
    type Value = FieldName;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<FieldName, E> {
        Ok(match key {
            "TLS.ver" => FieldName::Ver,
            "TLS.identifier" => FieldName::Identifier,
            "TLS.sdkappid" => FieldName::SdkAppId,
            "TLS.time" => FieldName::Time,
            "TLS.expire" => FieldName::Expire,
            "TLS.userbuf" => FieldName::UserBuf,
            "TLS.sig" => FieldName::Sig,
            _ => FieldName::Unknown,
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Raw<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor(PhantomData))
    }
}

struct RawVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for RawVisitor<'a> {
    type Value = Raw<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Raw<'a>, E> {
        Ok(Raw::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw<'a>, E> {
        Ok(Raw::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw<'a>, E> {
        Ok(Raw::Str(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw<'a>, E> {
        Ok(Raw::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw<'a>, E> {
        Ok(match u64::try_from(v) {
            Ok(n) => Raw::Unsigned(n),
            Err(_) => Raw::Negative(v),
        })
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Raw<'a>, E> {
        Ok(Raw::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Raw<'a>, E> {
        Ok(Raw::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw<'a>, E> {
        Ok(Raw::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Raw<'a>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(Raw::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<'a>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Raw::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Map;

    /// The reader this module had before its visitor: the whole text as a `serde_json::Value`,
    /// then each field taken from its map. The visitor must agree with it on every input.
    fn reference(json: &[u8]) -> Result<DecodedToken, Malformation> {
        let Ok(Value::Object(mut fields)) = serde_json::from_slice::<Value>(json) else {
            return Err(Malformation::Json);
        };
        let take = |fields: &mut Map<String, Value>, field: &'static str| {
            fields
                .remove(field)
                .ok_or(Malformation::MissingField { field })
        };
        let take_string =
            |fields: &mut Map<String, Value>, field: &'static str| match take(fields, field)? {
                Value::String(s) => Ok(s),
                _ => Err(Malformation::InvalidField { field }),
            };
        let take_i64 = |fields: &mut Map<String, Value>, field: &'static str| {
            take(fields, field)?
                .as_i64()
                .ok_or(Malformation::InvalidField { field })
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

    const SIG: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    /// A valid object with `fields` (raw JSON members) in place of the default for each key named.
    fn object(fields: &[(&str, &str)]) -> String {
        let sig = format!("\"{SIG}\"");
        let mut members: Vec<(&str, &str)> = vec![
            ("TLS.ver", "\"2.0\""),
            ("TLS.identifier", "\"alice\""),
            ("TLS.sdkappid", "1400000000"),
            ("TLS.time", "1700000000"),
            ("TLS.expire", "86400"),
            ("TLS.sig", sig.as_str()),
        ];
        for (key, value) in fields {
            members.retain(|(k, _)| k != key);
            if !value.is_empty() {
                members.push((key, value));
            }
        }
        let body: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", body.join(","))
    }

    fn invalid(field: &'static str) -> Result<(), Malformation> {
        Err(Malformation::InvalidField { field })
    }

    fn check(json: &str, expected: Result<(), Malformation>) {
        let got = DecodedToken::from_json(json.as_bytes()).map(|_| ());
        assert_eq!(got, expected, "{json}");
        assert_eq!(
            DecodedToken::from_json(json.as_bytes()).ok(),
            reference(json.as_bytes()).ok(),
            "{json}"
        );
        assert_eq!(got, reference(json.as_bytes()).map(|_| ()), "{json}");
    }

    #[test]
    fn malformations_by_json_text() {
        let json = Err(Malformation::Json);
        let missing = |field| Err(Malformation::MissingField { field });
        check(&object(&[]), Ok(()));
        // Not a JSON object, or not JSON.
        for text in [
            "",
            " ",
            "null",
            "[]",
            "[1]",
            "\"x\"",
            "1",
            "true",
            "{",
            "{}x",
            "{\"a\":}",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":1,}",
            "\u{feff}{}",
            "{} {}",
        ] {
            check(text, json);
        }
        check("{}", missing("TLS.ver"));
        check(" \t\r\n{ } \n", missing("TLS.ver"));
        // Invalid anywhere, even in an unknown or overwritten member, is invalid JSON.
        check(&object(&[("x", "1e400")]), json);
        check(&object(&[("x", "\"\\ud800\"")]), json);
        check(&object(&[("x", "\"\\q\"")]), json);
        check(&object(&[("x", "[1,{\"a\":[}]")]), json);
        check(&object(&[("TLS.time", "1e400")]), json);
        check(&format!("{{\"TLS.time\":01,{}", &object(&[])[1..]), json);
        check(&object(&[("TLS.identifier", "\"a\u{1}b\"")]), json);
        check(&object(&[("TLS.ver", "")]), missing("TLS.ver"));
        check(&object(&[("TLS.sig", "")]), missing("TLS.sig"));
        check(&object(&[("TLS.ver", "2.0")]), invalid("TLS.ver"));
        check(
            &object(&[("TLS.ver", "\"2.1\"")]),
            Err(Malformation::UnsupportedVersion),
        );
        check(&object(&[("TLS.ver", "\"2\\u002e0\"")]), Ok(()));
        // Numbers: exact integers only.
        for number in [
            "1.0",
            "1e3",
            "1E3",
            "-1",
            "-0",
            "-0.0",
            "4294967296",
            "18446744073709551616",
            "\"1\"",
            "null",
            "true",
            "[]",
            "{}",
        ] {
            check(
                &object(&[("TLS.sdkappid", number)]),
                invalid("TLS.sdkappid"),
            );
        }
        for number in ["0", "4294967295"] {
            check(&object(&[("TLS.sdkappid", number)]), Ok(()));
        }
        for number in [
            "1.0",
            "1e3",
            "9223372036854775808",
            "-9223372036854775809",
            "1e400x",
            "\"1\"",
        ] {
            let expected = if number == "1e400x" {
                json
            } else {
                invalid("TLS.time")
            };
            check(&object(&[("TLS.time", number)]), expected);
        }
        for number in ["-1", "-9223372036854775808", "9223372036854775807", "0"] {
            check(&object(&[("TLS.time", number)]), Ok(()));
            check(&object(&[("TLS.expire", number)]), Ok(()));
        }
        check(&object(&[("TLS.expire", "1.5")]), invalid("TLS.expire"));
        // Fields are checked in a fixed order, whatever the order of the keys.
        check(
            &object(&[("TLS.sig", "1"), ("TLS.identifier", "2")]),
            invalid("TLS.identifier"),
        );
        check(&object(&[("TLS.userbuf", "1")]), invalid("TLS.userbuf"));
        check(
            &object(&[("TLS.userbuf", "\"!\""), ("TLS.sig", "")]),
            invalid("TLS.userbuf"),
        );
        check(&object(&[("TLS.sig", "\"AAAA\"")]), invalid("TLS.sig"));
    }

    #[test]
    fn strings_escapes_duplicates_and_unknown_members() {
        let read = |json: &str| DecodedToken::from_json(json.as_bytes()).unwrap().claims;
        let claims = read(&object(&[(
            "TLS.identifier",
            "\"a\\\"\\\\\\/\\n\\u00e9\\ud83d\\ude00\"",
        )]));
        assert_eq!(claims.user_id, "a\"\\/\n\u{e9}\u{1f600}");
        assert_eq!(
            read(&object(&[("TLS.identifier", "\"\u{4e2d}\"")])).user_id,
            "\u{4e2d}"
        );
        // A key given twice takes its last value, even if the first was of the wrong type.
        let twice = format!(
            "{{\"TLS.time\":\"x\",\"TLS.identifier\":[1],{}",
            &object(&[])[1..]
        );
        assert_eq!(read(&twice).issued_at, 1_700_000_000);
        let twice = format!("{},\"TLS.time\":5}}", &object(&[]).trim_end_matches('}'));
        assert_eq!(read(&twice).issued_at, 5);
        check(
            &format!("{},\"TLS.time\":5.0}}", &object(&[]).trim_end_matches('}')),
            invalid("TLS.time"),
        );
        // Escaped keys name the same field.
        let escaped = format!(
            "{},\"TLS.\\u0074ime\":6}}",
            &object(&[]).trim_end_matches('}')
        );
        assert_eq!(read(&escaped).issued_at, 6);
        // Unknown members of any shape are ignored.
        let unknown = object(&[
            ("x", "{\"a\":[1,2.5,{\"b\":null}],\"TLS.time\":\"no\"}"),
            ("TLS.Time", "\"no\""),
            ("", "[[[]]]"),
        ]);
        assert_eq!(read(&unknown).issued_at, 1_700_000_000);
        // Java 1.1 breaks the userbuf every 76 characters; the breaks are skipped for decoding
        // and kept for the signature.
        let claims =
            DecodedToken::from_json(object(&[("TLS.userbuf", "\"AAEC\\r\\nAw==\"")]).as_bytes())
                .unwrap();
        assert_eq!(claims.claims.userbuf.as_deref(), Some(&[0, 1, 2, 3][..]));
        assert_eq!(claims.userbuf_b64.as_deref(), Some("AAEC\r\nAw=="));
        check(&object(&[("TLS.userbuf", "\"AAEC\\r\\nAw==\"")]), Ok(()));
    }

    /// A JSON value for a v2 key: of the right type or not, escaped or not, sometimes invalid.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\"2.0\"".to_owned()),
            Just(format!("\"{SIG}\"")),
            Just("\"AAEC\\nAw==\"".to_owned()),
            "\\PC{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            "[a-z\\\\\"/]{0,6}".prop_map(|s| format!(
                "\"\\u00e9{}\"",
                s.replace('\\', "\\\\").replace('"', "\\\"")
            )),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            (0u32..5_000_000_000u64 as u32).prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:?}")),
            "-?[0-9]{1,25}(\\.[0-9]{0,3})?([eE][+-]?[0-9]{1,3})?",
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("[1,{\"a\":\"b\"}]".to_owned()),
            Just("{\"TLS.ver\":\"2.0\"}".to_owned()),
            "[\\[\\]{}\":,0-9a ]{0,6}",
        ]
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "TLS.ver",
                "TLS.identifier",
                "TLS.sdkappid",
                "TLS.time",
                "TLS.expire",
                "TLS.userbuf",
                "TLS.sig",
                "TLS.\\u0073ig",
                "x",
                "TLS.Ver"
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z.]{0,8}",
        ]
    }

    proptest! {
        #[test]
        fn agrees_with_the_value_reader(
            members in prop::collection::vec((key(), value()), 0..12),
            defaults: bool,
            space in "[ \\t\\r\\n]{0,2}",
        ) {
            let mut body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\"{space}:{space}{v}")).collect();
            if defaults {
                let base = object(&[]);
                body.insert(0, base[1..base.len() - 1].to_owned());
            }
            let json = format!("{space}{{{}}}{space}", body.join(","));
            prop_assert_eq!(DecodedToken::from_json(json.as_bytes()), reference(json.as_bytes()), "{}", json);
        }
    }
}
