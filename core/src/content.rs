//! What a signature covers (spec §1 step 2): the user id, the three numbers and the userbuf, one
//! `TLS.name:value` line each.

/// The fields a signature covers. `userbuf_b64` is the base64 text exactly as it stands in the
/// token's JSON, not a re-encoding of the decoded bytes.
pub(crate) struct SignedFields<'a> {
    pub user_id: &'a str,
    pub numbers: &'a Numbers,
    pub userbuf_b64: Option<&'a str>,
}

impl SignedFields<'_> {
    /// Feeds the signing content to `sink`, piece by piece:
    /// `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.
    pub(crate) fn feed(&self, mut sink: impl FnMut(&[u8])) {
        let numbers = self.numbers;
        sink(b"TLS.identifier:");
        sink(self.user_id.as_bytes());
        sink(b"\nTLS.sdkappid:");
        sink(numbers.sdkappid.as_bytes());
        sink(b"\nTLS.time:");
        sink(numbers.time.as_bytes());
        sink(b"\nTLS.expire:");
        sink(numbers.expire.as_bytes());
        sink(b"\n");
        if let Some(userbuf) = self.userbuf_b64 {
            sink(b"TLS.userbuf:");
            sink(userbuf.as_bytes());
            sink(b"\n");
        }
    }
}

/// The decimal text of a token's three numbers, written once and used by both the signing
/// content and the JSON (and, in a batch, by every token).
pub(crate) struct Numbers {
    pub sdkappid: Decimal,
    pub time: Decimal,
    pub expire: Decimal,
}

impl Numbers {
    pub(crate) fn new(sdkappid: u32, time: i64, expire: i64) -> Numbers {
        Numbers {
            sdkappid: Decimal::new(i64::from(sdkappid)),
            time: Decimal::new(time),
            expire: Decimal::new(expire),
        }
    }
}

/// An integer's decimal text (by `itoa`), kept on the stack: `digits[..len]`.
pub(crate) struct Decimal {
    digits: [u8; 20],
    len: u8,
}

impl Decimal {
    /// The decimal text of `n`, with a leading `-` when negative (20 bytes hold `i64::MIN`).
    pub(crate) fn new(n: i64) -> Decimal {
        let mut buffer = itoa::Buffer::new();
        let text = buffer.format(n).as_bytes();
        let mut digits = [0u8; 20];
        digits[..text.len()].copy_from_slice(text);
        Decimal {
            digits,
            len: text.len() as u8,
        }
    }

    /// The text.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.digits[..usize::from(self.len)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_matches_display() {
        let powers = (0..19).map(|e| 10i64.pow(e));
        let edges = powers.flat_map(|p| [p - 1, p, p + 1, -p, 1 - p]);
        for n in (-1000..=1000)
            .chain(edges)
            .chain([1_700_000_000, i64::MAX, i64::MIN])
        {
            assert_eq!(Decimal::new(n).as_bytes(), n.to_string().as_bytes());
        }
    }

    #[test]
    fn the_content_is_one_line_per_field() {
        let numbers = Numbers::new(1400000000, 1700000000, 86400);
        let mut content = Vec::new();
        let fields = |userbuf_b64| SignedFields {
            user_id: "alice",
            numbers: &numbers,
            userbuf_b64,
        };
        fields(None).feed(|piece| content.extend_from_slice(piece));
        assert_eq!(
            content,
            b"TLS.identifier:alice\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n"
        );
        content.clear();
        fields(Some("AAE=")).feed(|piece| content.extend_from_slice(piece));
        assert!(content.ends_with(b"TLS.expire:86400\nTLS.userbuf:AAE=\n"));
    }
}
