//! Reading a query string: `name=value` pairs joined by `&`, percent-encoded as HTML forms are.

use std::borrow::Cow;

use crate::Error;

/// One query parameter, decoded.
pub(super) struct Param<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) value: Cow<'a, str>,
    /// Whether the name or the value was written with a percent escape or a `+`.
    pub(super) encoded: bool,
}

/// Splits and decodes a query string. A leading `?` is skipped, and so are empty pieces (`a&&b`);
/// a piece without `=` is a name with an empty value.
///
/// # Errors
/// [`Error::CallbackParamInvalid`] (name `query`) for a broken percent escape, or bytes that are
/// not UTF-8 once decoded.
pub(super) fn parse(query: &str) -> Result<Vec<Param<'_>>, Error> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            Ok(Param {
                encoded: is_encoded(name) || is_encoded(value),
                name: decode(name)?,
                value: decode(value)?,
            })
        })
        .collect()
}

fn is_encoded(text: &str) -> bool {
    text.bytes().any(|b| b == b'%' || b == b'+')
}

fn decode(text: &str) -> Result<Cow<'_, str>, Error> {
    if !is_encoded(text) {
        return Ok(Cow::Borrowed(text));
    }
    let invalid = |reason| Error::CallbackParamInvalid {
        name: "query",
        reason,
    };
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = rest
                    .get(..2)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .ok_or_else(|| invalid("a broken percent escape"))?;
                bytes.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
                rest = &rest[2..];
            }
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| invalid("not UTF-8 once percent-decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Result<Vec<(String, String, bool)>, Error> {
        Ok(parse(query)?
            .into_iter()
            .map(|p| (p.name.into_owned(), p.value.into_owned(), p.encoded))
            .collect())
    }

    #[test]
    fn pieces_split_and_decode() {
        assert_eq!(
            pairs("?a=1&&b&c=x%2By+z&%53ign=%e4%BD%A0").unwrap(),
            [
                ("a".into(), "1".into(), false),
                ("b".into(), "".into(), false),
                ("c".into(), "x+y z".into(), true),
                ("Sign".into(), "你".into(), true),
            ]
        );
        assert_eq!(pairs("").unwrap(), []);
        assert_eq!(pairs("a=b=c").unwrap(), [("a".into(), "b=c".into(), false)]);
    }

    #[test]
    fn broken_escapes_and_bad_utf8_are_refused() {
        for (query, reason) in [
            ("a=%", "a broken percent escape"),
            ("a=%4", "a broken percent escape"),
            ("a=%zz", "a broken percent escape"),
            ("a=%+1", "a broken percent escape"),
            ("%ff=1", "not UTF-8 once percent-decoded"),
        ] {
            assert!(
                matches!(pairs(query), Err(Error::CallbackParamInvalid { name: "query", reason: r }) if r == reason),
                "{query}"
            );
        }
    }
}
