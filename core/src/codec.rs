//! The token's outer layers: a zlib stream, then base64 with Tencent's `*-_` substitution.
//!
//! Minting writes the zlib stream by hand as stored (uncompressed) blocks, as Tencent's own Go
//! library does since 2024: a general-purpose deflater spends 15 to 35 times the cost of the HMAC
//! resetting its tables for a 200-byte input, and the result is a valid zlib stream that every
//! verifier inflates. Reading accepts any zlib stream, bounded in size: stored-only streams (ours,
//! and Go's) are read directly, others through a general inflater kept per thread.

use base64::alphabet::Alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::Engine;
use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_COMPUTE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER,
    TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use std::cell::RefCell;

use crate::{Malformation, MAX_INFLATED_LEN, MAX_TOKEN_LEN};

/// Standard base64 with `+` and `/` replaced by `*` and `-`; the `=` padding becomes `_` after
/// encoding, since the base64 crate's padding byte is fixed.
const TENCENT: GeneralPurpose = GeneralPurpose::new(
    &match Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-") {
        Ok(alphabet) => alphabet,
        Err(_) => panic!("the Tencent alphabet is 64 distinct printable bytes"),
    },
    GeneralPurposeConfig::new().with_encode_padding(false),
);

/// The largest input one stored deflate block can hold.
pub(crate) const MAX_STORED_BLOCK: usize = 65_535;

/// Appends the Tencent-base64 text of `bytes` to `out`.
pub(crate) fn encode_tencent_base64(bytes: &[u8], out: &mut String) {
    TENCENT.encode_string(bytes, out);
    for _ in 0..(3 - bytes.len() % 3) % 3 {
        out.push('_');
    }
}

/// Wraps `data` in a zlib stream of one stored block. `data` must fit one block, which the
/// signer's input limits guarantee.
pub(crate) fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("token JSON fits one stored block");
    let mut out = Vec::with_capacity(data.len() + 11);
    // CMF 0x78 (deflate, 32 KiB window); FLG 0x01 (level "fastest", no dictionary, check bits).
    out.extend_from_slice(&[0x78, 0x01]);
    // One block: BFINAL = 1, BTYPE = 00 (stored), then LEN and its complement, little-endian.
    out.push(0x01);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The Adler-32 checksum (RFC 1950) that ends a zlib stream.
fn adler32(data: &[u8]) -> u32 {
    let mut sum = Adler32::default();
    sum.update(data);
    sum.value()
}

/// An Adler-32 checksum fed in pieces.
struct Adler32 {
    a: u32,
    b: u32,
}

impl Default for Adler32 {
    fn default() -> Adler32 {
        Adler32 { a: 1, b: 0 }
    }
}

impl Adler32 {
    fn update(&mut self, data: &[u8]) {
        const MOD: u32 = 65_521;
        // 5552 is the longest run whose sums cannot overflow 32 bits before the modulo.
        for chunk in data.chunks(5552) {
            for &byte in chunk {
                self.a += u32::from(byte);
                self.b += self.a;
            }
            self.a %= MOD;
            self.b %= MOD;
        }
    }

    fn value(&self) -> u32 {
        (self.b << 16) | self.a
    }
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
    let standard: Vec<u8> = token
        .bytes()
        .map(|b| match b {
            b'*' => b'+',
            b'-' => b'/',
            b'_' => b'=',
            other => other,
        })
        .collect();
    let zlib = STANDARD
        .decode(&standard)
        .map_err(|_| Malformation::Base64)?;
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
    let mut sum = Adler32::default();
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
        sum.update(block);
        rest = after;
        if kind == 1 {
            break;
        }
    }
    (rest == sum.value().to_be_bytes()).then_some(data)
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
    STANDARD.decode(text).ok()
}

/// Encodes standard base64, padded.
pub(crate) fn encode_standard_base64(bytes: &[u8], out: &mut String) {
    STANDARD.encode_string(bytes, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
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
    fn adler32_known_values() {
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let big = vec![0xffu8; 100_000];
        assert_eq!(adler32(&big), {
            let (mut a, mut b) = (1u64, 0u64);
            for &x in &big {
                a = (a + u64::from(x)) % 65_521;
                b = (b + a) % 65_521;
            }
            u32::try_from((b << 16) | a).unwrap()
        });
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
}
