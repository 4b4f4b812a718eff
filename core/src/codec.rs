//! The token's outer layers: a zlib stream, then base64 with Tencent's `*-_` substitution.
//!
//! Minting writes the zlib stream by hand as stored (uncompressed) blocks, as Tencent's own Go
//! library does since 2024: a general-purpose deflater spends 15 to 35 times the cost of the HMAC
//! resetting its tables for a 200-byte input, and the result is a valid zlib stream that every
//! verifier inflates. Reading accepts any zlib stream, bounded in size: stored-only streams (ours,
//! and Go's) are read directly, others through a general inflater kept per thread.

use adler2::Adler32;
use base64::alphabet::Alphabet;
use base64::engine::general_purpose::{GeneralPurpose, PAD, STANDARD};
use base64::Engine;
use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_COMPUTE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER,
    TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use std::cell::RefCell;

use crate::{Malformation, MAX_INFLATED_LEN, MAX_TOKEN_LEN};

/// The largest input one stored deflate block can hold.
pub(crate) const MAX_STORED_BLOCK: usize = 65_535;

/// Standard base64's alphabet (RFC 4648 §4), padded with `=`.
const STANDARD_CHARACTERS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Tencent's alphabet: `+` and `/` replaced by `*` and `-`, padded with `_`.
const TENCENT_CHARACTERS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-";

/// The base64 crate's encoder for Tencent's alphabet. Its padding is always `=`, which
/// [`encode_tencent_base64`] then turns into Tencent's `_`.
const TENCENT_ENGINE: GeneralPurpose = {
    let Ok(alphabet) = Alphabet::new(match std::str::from_utf8(TENCENT_CHARACTERS) {
        Ok(text) => text,
        Err(_) => panic!("the alphabet is ASCII"),
    }) else {
        panic!("Tencent's alphabet is 64 distinct characters");
    };
    GeneralPurpose::new(&alphabet, PAD)
};

/// Appends the Tencent-base64 text of `bytes` to `out`.
pub(crate) fn encode_tencent_base64(bytes: &[u8], out: &mut String) {
    TENCENT_ENGINE.encode_string(bytes, out);
    let pads = out.bytes().rev().take(2).take_while(|&c| c == b'=').count();
    out.truncate(out.len() - pads);
    out.extend(std::iter::repeat_n('_', pads));
}

/// Wraps `data` in a zlib stream of one stored block. `data` must fit one block.
#[cfg(test)]
pub(crate) fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zlib_stored_begin(&mut out, data.len());
    out.extend_from_slice(data);
    zlib_stored_end(&mut out);
    out
}

/// The bytes before a stored block's payload: the zlib header and the block header.
const STORED_HEADER_LEN: usize = 7;

/// Begins a zlib stream of one stored block in `stream`, replacing what it held: its headers,
/// with room for `capacity` bytes of payload. The caller appends the payload and then calls
/// [`zlib_stored_end`], so the payload is written once, in place.
pub(crate) fn zlib_stored_begin(stream: &mut Vec<u8>, capacity: usize) {
    stream.clear();
    stream.reserve(STORED_HEADER_LEN + capacity + 4);
    // CMF 0x78 (deflate, 32 KiB window); FLG 0x01 (level "fastest", no dictionary, check bits).
    // Then one block: BFINAL = 1, BTYPE = 00 (stored), and LEN and its complement, set at the end.
    stream.extend_from_slice(&[0x78, 0x01, 0x01, 0, 0, 0, 0]);
}

/// Ends a stream from [`zlib_stored_begin`]: sets the block's length (little-endian, then its
/// complement) and appends the payload's Adler-32. The payload must fit one block, which the
/// signer's input limits guarantee.
pub(crate) fn zlib_stored_end(stream: &mut Vec<u8>) {
    let payload = &stream[STORED_HEADER_LEN..];
    let len = u16::try_from(payload.len()).expect("token JSON fits one stored block");
    let check = adler2::adler32_slice(payload);
    stream[3..5].copy_from_slice(&len.to_le_bytes());
    stream[5..7].copy_from_slice(&(!len).to_le_bytes());
    stream.extend_from_slice(&check.to_be_bytes());
}

/// Decodes a token's text into its JSON bytes: base64 (either alphabet, padding required), then
/// a complete zlib stream inflated to at most [`MAX_INFLATED_LEN`] bytes.
pub(crate) fn decode_token(token: &str) -> Result<Vec<u8>, Malformation> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(Malformation::TooLong {
            len: token.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    let zlib = TOKEN_ALPHABETS
        .decode(token.as_bytes())
        .ok_or(Malformation::Base64)?;
    match stored_payload(&zlib) {
        Some(json) => Ok(json),
        None => inflate_bounded(&zlib),
    }
}

/// The data of a zlib stream made only of stored blocks, as the signer writes it, read without
/// an inflater. `None` for any other stream, compressed or malformed, which [`inflate_bounded`]
/// then judges: this path only accepts, so every refusal and its reason stay the inflater's.
///
/// It accepts exactly the streams the inflater accepts with the same output: a valid header
/// without a preset dictionary, stored blocks whose `NLEN` complements `LEN` (padding bits zero),
/// the last one marked final, a matching Adler-32, nothing after it, at most
/// [`MAX_INFLATED_LEN`] bytes of data.
fn stored_payload(zlib: &[u8]) -> Option<Vec<u8>> {
    let (&[cmf, flg], mut rest) = zlib.split_first_chunk::<2>()?;
    let header_ok = cmf & 0x0f == 8
        && cmf >> 4 <= 7
        && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0
        && flg & 0x20 == 0;
    if !header_ok {
        return None;
    }
    let mut data = Vec::with_capacity(rest.len().saturating_sub(9).min(MAX_INFLATED_LEN));
    let mut sum = Adler32::new();
    loop {
        // Block header: BFINAL, BTYPE 00 and five padding bits, then LEN and NLEN.
        let (&[kind, len0, len1, nlen0, nlen1], after) = rest.split_first_chunk::<5>()?;
        let len = u16::from_le_bytes([len0, len1]);
        if kind & !1 != 0 || u16::from_le_bytes([nlen0, nlen1]) != !len {
            return None;
        }
        let (block, after) = after.split_at_checked(usize::from(len))?;
        if data.len() + block.len() > MAX_INFLATED_LEN {
            return None;
        }
        data.extend_from_slice(block);
        sum.write_slice(block);
        rest = after;
        if kind == 1 {
            break;
        }
    }
    (rest == sum.checksum().to_be_bytes()).then_some(data)
}

thread_local! {
    /// This thread's inflater and output buffer, kept between tokens: building them costs far
    /// more than inflating a token.
    static INFLATER: RefCell<Inflater> = RefCell::new(Inflater::new());
}

/// A decompressor and room for [`MAX_INFLATED_LEN`] bytes plus one, to see a bomb go past it.
struct Inflater {
    decompressor: Box<DecompressorOxide>,
    out: Box<[u8]>,
}

impl Inflater {
    fn new() -> Inflater {
        Inflater {
            decompressor: Box::default(),
            out: vec![0; MAX_INFLATED_LEN + 1].into_boxed_slice(),
        }
    }

    /// Inflates one complete zlib stream, refusing one that is incomplete, has trailing bytes,
    /// or would exceed [`MAX_INFLATED_LEN`]; a zlib bomb stops after that many bytes plus one.
    fn inflate(&mut self, zlib: &[u8]) -> Result<Vec<u8>, Malformation> {
        self.decompressor.init();
        let (status, read, written) = decompress(
            &mut self.decompressor,
            zlib,
            &mut self.out,
            0,
            TINFL_FLAG_PARSE_ZLIB_HEADER
                | TINFL_FLAG_COMPUTE_ADLER32
                | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        match status {
            // Invalid data. (`FailedCannotMakeProgress` is input that ended too soon.)
            TINFLStatus::Failed | TINFLStatus::Adler32Mismatch | TINFLStatus::BadParam => {
                Err(Malformation::Zlib)
            }
            _ if written > MAX_INFLATED_LEN => Err(Malformation::TooLargeInflated {
                max: MAX_INFLATED_LEN,
            }),
            TINFLStatus::Done if read == zlib.len() => Ok(self.out[..written].to_vec()),
            _ => Err(Malformation::Zlib),
        }
    }
}

/// Inflates a zlib stream with this thread's [`Inflater`] (a fresh one if it is unavailable, as
/// while the thread exits).
fn inflate_bounded(zlib: &[u8]) -> Result<Vec<u8>, Malformation> {
    INFLATER
        .try_with(|inflater| match inflater.try_borrow_mut() {
            Ok(mut inflater) => inflater.inflate(zlib),
            Err(_) => Inflater::new().inflate(zlib),
        })
        .unwrap_or_else(|_| Inflater::new().inflate(zlib))
}

/// Decodes strict standard base64, as used inside the JSON for `TLS.sig` and `TLS.userbuf`.
pub(crate) fn decode_standard_base64(text: &str) -> Option<Vec<u8>> {
    STANDARD_ALPHABET.decode(text.as_bytes())
}

/// A strict base64 decoder: canonical padded text only (a multiple of four characters, at most
/// two padding characters at the end, zero bits after the last byte), in the alphabets its
/// table holds.
struct Base64Decoder {
    /// Each byte's 6-bit value, [`Base64Decoder::PAD`] for a padding character, or
    /// [`Base64Decoder::INVALID`].
    values: [u8; 256],
}

impl Base64Decoder {
    const PAD: u8 = 0x40;
    const INVALID: u8 = 0x80;

    /// A decoder of `alphabets` (each 64 characters) and the `pads`. Standard and Tencent's
    /// alphabets share their first 62 characters, so a table can hold both.
    const fn new(alphabets: &[&[u8; 64]], pads: &[u8]) -> Base64Decoder {
        let mut values = [Self::INVALID; 256];
        let mut a = 0;
        while a < alphabets.len() {
            let mut i = 0;
            while i < 64 {
                values[alphabets[a][i] as usize] = i as u8;
                i += 1;
            }
            a += 1;
        }
        let mut p = 0;
        while p < pads.len() {
            values[pads[p] as usize] = Self::PAD;
            p += 1;
        }
        Base64Decoder { values }
    }

    fn decode(&self, text: &[u8]) -> Option<Vec<u8>> {
        if !text.len().is_multiple_of(4) {
            return None;
        }
        let value = |c: &u8| u32::from(self.values[usize::from(*c)]);
        let pads = text
            .iter()
            .rev()
            .take(2)
            .take_while(|c| value(c) == u32::from(Self::PAD))
            .count();
        let quads = text[..text.len() - pads].chunks_exact(4);
        // The last group's two or three characters give one or two bytes.
        let tail = quads.remainder();
        let tail_len = tail.len().saturating_sub(1);
        let mut bytes = vec![0u8; quads.len() * 3 + tail_len];
        for (quad, three) in quads.zip(bytes.chunks_exact_mut(3)) {
            let [a, b, c, d] = [&quad[0], &quad[1], &quad[2], &quad[3]].map(value);
            // Both markers have a bit above the six of a value.
            if a | b | c | d >= u32::from(Self::PAD) {
                return None;
            }
            let bits = a << 18 | b << 12 | c << 6 | d;
            three.copy_from_slice(&bits.to_be_bytes()[1..]);
        }
        if !tail.is_empty() {
            let mut bits = 0u32;
            for c in tail {
                let v = value(c);
                if v >= u32::from(Self::PAD) {
                    return None;
                }
                bits = bits << 6 | v;
            }
            // The bits after the last byte must be zero: the text is canonical.
            let spare = 6 * tail.len() % 8;
            if bits & ((1 << spare) - 1) != 0 {
                return None;
            }
            let at = bytes.len() - tail_len;
            bytes[at..].copy_from_slice(&(bits >> spare).to_be_bytes()[4 - tail_len..]);
        }
        Some(bytes)
    }
}

/// Standard base64 only, as inside the token's JSON.
static STANDARD_ALPHABET: Base64Decoder = Base64Decoder::new(&[STANDARD_CHARACTERS], b"=");

/// The token's outer base64: Tencent's alphabet, or the standard one that some producers use
/// (characters of both may even be mixed, as every official library's decoder accepts by
/// translating Tencent's characters back first).
static TOKEN_ALPHABETS: Base64Decoder =
    Base64Decoder::new(&[STANDARD_CHARACTERS, TENCENT_CHARACTERS], b"=_");

/// Appends the standard base64 of `bytes`, padded, to `out`.
pub(crate) fn encode_standard_base64(bytes: &[u8], out: &mut String) {
    STANDARD.encode_string(bytes, out);
}

/// Appends the standard-base64 text of a 32-byte signature to `out`.
pub(crate) fn encode_signature(signature: &[u8; 32], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + 44, 0);
    STANDARD
        .encode_slice(signature, &mut out[start..])
        .expect("44 characters hold 32 bytes");
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use flate2::write::ZlibEncoder;
    use proptest::prelude::*;
    use std::io::Write;

    fn zlib(data: &[u8], level: u32) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn stored_stream_inflates_with_a_standard_decoder() {
        for data in [
            &b""[..],
            b"{}",
            &[0xffu8; 5000][..],
            &[7u8; MAX_STORED_BLOCK][..],
        ] {
            assert_eq!(inflate_any(&zlib_stored(data)), data);
        }
    }

    fn inflate_any(bytes: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn tencent_base64_padding_and_alphabet() {
        let mut s = String::new();
        encode_tencent_base64(&[0xfb, 0xff], &mut s);
        assert_eq!(s, "*-8_");
        s.clear();
        encode_tencent_base64(&[0xfb], &mut s);
        assert_eq!(s, "*w__");
        s.clear();
        encode_tencent_base64(b"abc", &mut s);
        assert_eq!(s, "YWJj");
    }

    /// The decoding this module did before its own decoder: Tencent's characters translated
    /// back, then the base64 crate's strict standard decoder.
    fn reference_token_base64(text: &[u8]) -> Option<Vec<u8>> {
        let standard: Vec<u8> = text
            .iter()
            .map(|&b| match b {
                b'*' => b'+',
                b'-' => b'/',
                b'_' => b'=',
                other => other,
            })
            .collect();
        STANDARD.decode(standard).ok()
    }

    /// Padded standard base64 in which each `+`, `/` and `=` may have become Tencent's `*`, `-`
    /// or `_`: either alphabet, or both mixed.
    fn mixed_base64() -> impl Strategy<Value = String> {
        (proptest::collection::vec(any::<u8>(), 0..40), any::<u64>()).prop_map(|(bytes, mix)| {
            STANDARD
                .encode(bytes)
                .chars()
                .enumerate()
                .map(|(i, c)| match (c, mix >> (i % 64) & 1) {
                    ('+', 1) => '*',
                    ('/', 1) => '-',
                    ('=', 1) => '_',
                    (other, _) => other,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_token_decoder_agrees_with_the_reference(text in prop_oneof![
            mixed_base64(),
            // Damaged: a character replaced by one of the alphabets, padding, or junk.
            (mixed_base64(), any::<prop::sample::Index>(), prop::sample::select(b"A/+*-_=\0 .\n\xff".to_vec()))
                .prop_map(|(text, at, c)| {
                    let mut bytes = text.into_bytes();
                    if !bytes.is_empty() {
                        let i = at.index(bytes.len());
                        bytes[i] = c;
                    }
                    String::from_utf8_lossy(&bytes).into_owned()
                }),
            "[A-Za-z0-9+/*=_-]{0,12}",
        ]) {
            prop_assert_eq!(TOKEN_ALPHABETS.decode(text.as_bytes()), reference_token_base64(text.as_bytes()));
            prop_assert_eq!(decode_standard_base64(&text), STANDARD.decode(&text).ok());
        }

        #[test]
        fn base64_agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..200), prefix in "[a-z]{0,3}") {
            let mut ours = prefix.clone();
            encode_standard_base64(&bytes, &mut ours);
            prop_assert_eq!(&ours, &(prefix.clone() + &STANDARD.encode(&bytes)));
            let mut tencent = prefix.clone();
            encode_tencent_base64(&bytes, &mut tencent);
            let expected: String = STANDARD.encode(&bytes).chars().map(|c| match c {
                '+' => '*',
                '/' => '-',
                '=' => '_',
                other => other,
            }).collect();
            prop_assert_eq!(tencent, prefix + &expected);
        }
    }

    fn token_of(bytes: &[u8]) -> String {
        let mut s = String::new();
        encode_tencent_base64(bytes, &mut s);
        s
    }

    #[test]
    fn decodes_every_level_and_both_alphabets() {
        let json = br#"{"TLS.ver":"2.0","x":"+/+/?>?>"}"#;
        for level in 0..=9 {
            let z = zlib(json, level);
            assert_eq!(decode_token(&token_of(&z)).unwrap(), json);
            assert_eq!(decode_token(&STANDARD.encode(&z)).unwrap(), json);
        }
    }

    #[test]
    fn rejects_bad_outer_layers() {
        let z = zlib(b"{}", 6);
        let good = token_of(&z);
        let unpadded = good.trim_end_matches('_');
        assert_ne!(unpadded, good, "this input needs padding");
        assert_eq!(decode_token(unpadded), Err(Malformation::Base64));
        assert_eq!(decode_token("a b"), Err(Malformation::Base64));
        assert_eq!(decode_token("é"), Err(Malformation::Base64));
        // Raw deflate, no zlib header.
        assert_eq!(decode_token(&token_of(&z[2..])), Err(Malformation::Zlib));
        // Truncated, or with a broken checksum, or with trailing bytes.
        assert_eq!(
            decode_token(&token_of(&z[..z.len() - 1])),
            Err(Malformation::Zlib)
        );
        let mut bad_sum = z.clone();
        *bad_sum.last_mut().unwrap() ^= 1;
        assert_eq!(decode_token(&token_of(&bad_sum)), Err(Malformation::Zlib));
        let mut trailing = z.clone();
        trailing.push(0);
        assert_eq!(decode_token(&token_of(&trailing)), Err(Malformation::Zlib));
        assert_eq!(decode_token(""), Err(Malformation::Zlib));
    }

    #[test]
    fn caps_token_length_and_inflated_size() {
        let long = "A".repeat(MAX_TOKEN_LEN + 1);
        assert_eq!(
            decode_token(&long),
            Err(Malformation::TooLong {
                len: MAX_TOKEN_LEN + 1,
                max: MAX_TOKEN_LEN
            })
        );
        // A bomb: 16 MiB of zeros compresses to a few KiB, inflation stops at the cap.
        let bomb = zlib(&vec![0u8; 16 << 20], 9);
        assert!(token_of(&bomb).len() <= MAX_TOKEN_LEN);
        assert_eq!(
            decode_token(&token_of(&bomb)),
            Err(Malformation::TooLargeInflated {
                max: MAX_INFLATED_LEN
            })
        );
        let exactly = zlib(&vec![b' '; MAX_INFLATED_LEN], 9);
        assert_eq!(
            decode_token(&token_of(&exactly)).unwrap().len(),
            MAX_INFLATED_LEN
        );
    }

    /// The inflation the verifier used before the stored-block path: flate2, one fresh
    /// inflater per token. The reference the new paths must agree with.
    fn flate2_inflate(zlib: &[u8]) -> Result<Vec<u8>, Malformation> {
        use flate2::{Decompress, FlushDecompress, Status};
        let mut inflater = Decompress::new(true);
        let mut out = Vec::with_capacity(MAX_INFLATED_LEN + 1);
        let status = inflater
            .decompress_vec(zlib, &mut out, FlushDecompress::Finish)
            .map_err(|_| Malformation::Zlib)?;
        if out.len() > MAX_INFLATED_LEN {
            return Err(Malformation::TooLargeInflated {
                max: MAX_INFLATED_LEN,
            });
        }
        let consumed_all = usize::try_from(inflater.total_in()).ok() == Some(zlib.len());
        if status != Status::StreamEnd || !consumed_all {
            return Err(Malformation::Zlib);
        }
        Ok(out)
    }

    /// A zlib stream of stored blocks holding `blocks`, the last one final.
    fn stored_blocks(blocks: &[&[u8]]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01];
        for (i, block) in blocks.iter().enumerate() {
            let len = u16::try_from(block.len()).unwrap();
            out.push(u8::from(i + 1 == blocks.len()));
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(block);
        }
        out.extend_from_slice(&adler2::adler32_slice(&blocks.concat()).to_be_bytes());
        out
    }

    #[test]
    fn the_stored_path_reads_single_and_multiple_blocks() {
        for data in [&b""[..], b"{}", &[0xffu8; 5000][..]] {
            assert_eq!(stored_payload(&zlib_stored(data)).as_deref(), Some(data));
        }
        let blocks: [&[u8]; 4] = [b"ab", b"", b"cde", &[9; 300]];
        let stream = stored_blocks(&blocks);
        assert_eq!(stored_payload(&stream), Some(blocks.concat()));
        assert_eq!(flate2_inflate(&stream), Ok(blocks.concat()));
        // zlib's own level 0 writes stored blocks too.
        let json = br#"{"TLS.ver":"2.0"}"#;
        assert_eq!(stored_payload(&zlib(json, 0)).as_deref(), Some(&json[..]));
        // A stream that reaches the cap exactly is read; one byte more is left to the inflater.
        let full = vec![b' '; MAX_INFLATED_LEN];
        assert_eq!(stored_payload(&zlib_stored(&full)), Some(full.clone()));
        let over = stored_blocks(&[&full, b" "]);
        assert_eq!(stored_payload(&over), None);
        assert_eq!(
            inflate_bounded(&over),
            Err(Malformation::TooLargeInflated {
                max: MAX_INFLATED_LEN
            })
        );
    }

    #[test]
    fn the_stored_path_leaves_every_malformed_stream_to_the_inflater() {
        let good = zlib_stored(b"{}");
        let edit = |at: usize, byte: u8| {
            let mut bad = good.clone();
            bad[at] = byte;
            bad
        };
        // A header whose check bits are right, so that only what the case names is wrong.
        let header = |cmf: u8, flg: u8| {
            assert_eq!((u16::from(cmf) << 8 | u16::from(flg)) % 31, 0);
            [&[cmf, flg][..], &good[2..]].concat()
        };
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("header only", good[..2].to_vec()),
            ("truncated", good[..good.len() - 1].to_vec()),
            ("truncated block", good[..6].to_vec()),
            ("trailing byte", [&good[..], &[0]].concat()),
            (
                "bad checksum",
                edit(good.len() - 1, good[good.len() - 1] ^ 1),
            ),
            ("bad NLEN", edit(5, good[5] ^ 1)),
            ("not final", edit(2, 0x00)),
            ("fixed Huffman", edit(2, 0x03)),
            ("padding bits", edit(2, 0x09)),
            ("not deflate", edit(0, 0x79)),
            ("bad header check", edit(1, 0x02)),
            ("preset dictionary", header(0x78, 0x20)),
            ("window too large", header(0x88, 0x1c)),
            ("raw deflate", good[2..].to_vec()),
        ];
        for (name, bad) in cases {
            assert_eq!(stored_payload(&bad), None, "{name}");
            let inflated = inflate_bounded(&bad);
            assert_eq!(inflated, flate2_inflate(&bad), "{name}");
            assert_eq!(decode_token(&token_of(&bad)), inflated, "{name}");
        }
    }

    /// A stored-block stream built from `blocks`, then damaged by each `(position, byte)` edit
    /// (positions wrap) and cut or extended to `len_change` bytes.
    fn stored_stream() -> impl Strategy<Value = (Vec<u8>, bool)> {
        (
            proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..200), 1..5),
            proptest::collection::vec((any::<usize>(), any::<u8>()), 0..3),
            -3i32..3,
        )
            .prop_map(|(blocks, edits, len_change)| {
                let refs: Vec<&[u8]> = blocks.iter().map(Vec::as_slice).collect();
                let mut zlib = stored_blocks(&refs);
                let intact = edits.is_empty() && len_change == 0;
                for (at, byte) in edits {
                    let at = at % zlib.len();
                    zlib[at] = byte;
                }
                let len = zlib.len() as i32 + len_change;
                zlib.resize(usize::try_from(len).unwrap(), 0x55);
                (zlib, intact)
            })
    }

    proptest! {
        #[test]
        fn the_stored_path_agrees_with_the_inflater((zlib, intact) in stored_stream()) {
            let general = flate2_inflate(&zlib);
            prop_assert_eq!(&inflate_bounded(&zlib), &general);
            match stored_payload(&zlib) {
                Some(data) => prop_assert_eq!(Ok(data), general),
                None => prop_assert!(!intact, "an intact stored stream must take the fast path"),
            }
        }

        #[test]
        fn the_kept_inflater_agrees_with_a_fresh_one(
            data in proptest::collection::vec(0u8..4, 0..3000),
            level in 0u32..=9,
            edit in proptest::option::of((any::<usize>(), any::<u8>())),
            cut in 0usize..3,
        ) {
            let mut stream = zlib(&data, level);
            if let Some((at, byte)) = edit {
                let at = at % stream.len();
                stream[at] = byte;
            }
            stream.truncate(stream.len() - cut);
            prop_assert_eq!(inflate_bounded(&stream), flate2_inflate(&stream));
        }

        #[test]
        fn arbitrary_bytes_are_judged_as_before(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut zlib = vec![0x78, 0x01];
            zlib.extend_from_slice(&bytes);
            prop_assert_eq!(inflate_bounded(&zlib), flate2_inflate(&zlib));
            prop_assert_eq!(inflate_bounded(&bytes), flate2_inflate(&bytes));
            if let Some(data) = stored_payload(&zlib) {
                prop_assert_eq!(Ok(data), flate2_inflate(&zlib));
            }
        }
    }

    #[test]
    fn bombs_stop_at_the_cap_on_both_paths() {
        let bomb = zlib(&vec![0u8; 16 << 20], 9);
        let capped = Err(Malformation::TooLargeInflated {
            max: MAX_INFLATED_LEN,
        });
        assert_eq!(inflate_bounded(&bomb), capped);
        assert_eq!(flate2_inflate(&bomb), capped);
        // The kept inflater is still good for the next token.
        assert_eq!(inflate_bounded(&zlib(b"{}", 6)), Ok(b"{}".to_vec()));
    }
}
