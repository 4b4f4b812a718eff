//! The secret key, held as its prepared HMAC-SHA256 state, and the content it signs.
//!
//! HMAC-SHA256 (RFC 2104) hashes one block of `key ^ ipad` before the message and one block of
//! `key ^ opad` before the inner digest. Both blocks depend only on the key, so they are hashed
//! once, at construction, and only SHA-256's two resulting states (its "midstates") are kept: the
//! raw key is not. Those two states sign exactly as the key does, so they are secret too: they
//! live on the heap, behind one pointer, so that moving a `Signer` or a `Verifier` moves no copy
//! of them, and they are overwritten with zeros when their owner is dropped. (Registers and
//! stack slots the compiler uses while hashing are outside the program's reach in safe Rust.)

use std::fmt;

use sha2::digest::generic_array::GenericArray;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::Error;

/// SHA-256's block size in bytes, which is also HMAC-SHA256's key block size.
const BLOCK_LEN: usize = 64;

/// SHA-256's initial state (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// The fields a signature covers. `userbuf_b64` is the base64 text exactly as it stands in the
/// token's JSON, not a re-encoding of the decoded bytes.
pub(crate) struct SignedFields<'a> {
    pub user_id: &'a str,
    pub numbers: &'a Numbers,
    pub userbuf_b64: Option<&'a str>,
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

/// A secret key, prepared once: SHA-256's states after the HMAC's inner and outer pad blocks.
/// The raw key is not kept; these states sign just as well, and are wiped on drop.
pub(crate) struct Key(Box<PadStates>);

/// SHA-256's state after the block `key ^ ipad` (`inner`) and after `key ^ opad` (`outer`).
struct PadStates {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for PadStates {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
        #[cfg(test)]
        tests::record_wiped(self);
    }
}

impl Clone for Key {
    fn clone(&self) -> Key {
        Key(Box::new(PadStates {
            inner: self.0.inner,
            outer: self.0.outer,
        }))
    }
}

impl Key {
    /// Prepares a key. The key is the console's text, used as its UTF-8 bytes (not hex-decoded).
    pub(crate) fn new(key: &str) -> Result<Key, Error> {
        if key.is_empty() {
            return Err(Error::EmptyKey);
        }
        Ok(Key::from_bytes(key.as_bytes()))
    }

    /// Hashes the two pad blocks of an HMAC-SHA256 key of any bytes.
    fn from_bytes(key: &[u8]) -> Key {
        // RFC 2104: a key longer than a block is replaced by its hash, then zero-padded.
        let mut block = [0u8; BLOCK_LEN];
        if key.len() > BLOCK_LEN {
            block[..32].copy_from_slice(&Sha256Stream::new().chain(key).finish());
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut states = Box::new(PadStates {
            inner: SHA256_IV,
            outer: SHA256_IV,
        });
        for (state, pad) in [(&mut states.inner, 0x36), (&mut states.outer, 0x5c)] {
            block.iter_mut().for_each(|byte| *byte ^= pad);
            compress(state, &block);
            block.iter_mut().for_each(|byte| *byte ^= pad);
        }
        block.zeroize();
        Key(states)
    }

    /// The HMAC-SHA256 of the signing content.
    pub(crate) fn sign(&self, fields: &SignedFields<'_>) -> [u8; 32] {
        self.mac(|inner| feed_content(inner, fields))
    }

    /// Whether `signature` is the HMAC of the signing content, compared in constant time.
    pub(crate) fn verify(&self, fields: &SignedFields<'_>, signature: &[u8]) -> bool {
        self.sign(fields)[..].ct_eq(signature).into()
    }

    /// The HMAC of the message that `feed` writes into the inner hash.
    fn mac(&self, feed: impl FnOnce(&mut Sha256Stream)) -> [u8; 32] {
        let mut inner = Sha256Stream::after_pad(self.0.inner);
        feed(&mut inner);
        Sha256Stream::after_pad(self.0.outer)
            .chain(&inner.finish())
            .finish()
    }
}

/// Feeds the signing content (spec §1 step 2):
/// `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.
fn feed_content(hash: &mut Sha256Stream, fields: &SignedFields<'_>) {
    let numbers = fields.numbers;
    hash.update(b"TLS.identifier:");
    hash.update(fields.user_id.as_bytes());
    hash.update(b"\nTLS.sdkappid:");
    hash.update(numbers.sdkappid.as_bytes());
    hash.update(b"\nTLS.time:");
    hash.update(numbers.time.as_bytes());
    hash.update(b"\nTLS.expire:");
    hash.update(numbers.expire.as_bytes());
    hash.update(b"\n");
    if let Some(userbuf) = fields.userbuf_b64 {
        hash.update(b"TLS.userbuf:");
        hash.update(userbuf.as_bytes());
        hash.update(b"\n");
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// SHA-256 of a message fed in pieces, from any state reached after whole blocks. It is wiped
/// on drop, since midway through an HMAC it holds state derived from the key.
struct Sha256Stream {
    state: [u32; 8],
    /// The message bytes not yet hashed: `block[..filled]`.
    block: [u8; BLOCK_LEN],
    filled: usize,
    /// The message's length so far in bytes, counting the blocks hashed before the stream.
    len: u64,
}

impl Sha256Stream {
    /// SHA-256 from its initial state.
    fn new() -> Sha256Stream {
        Sha256Stream {
            state: SHA256_IV,
            block: [0; BLOCK_LEN],
            filled: 0,
            len: 0,
        }
    }

    /// SHA-256 continued from `state`, the state after one block (an HMAC pad).
    fn after_pad(state: [u32; 8]) -> Sha256Stream {
        Sha256Stream {
            state,
            len: BLOCK_LEN as u64,
            ..Sha256Stream::new()
        }
    }

    fn chain(mut self, data: &[u8]) -> Sha256Stream {
        self.update(data);
        self
    }

    fn update(&mut self, mut data: &[u8]) {
        self.len += data.len() as u64;
        if self.filled > 0 {
            let take = data.len().min(BLOCK_LEN - self.filled);
            self.block[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled < BLOCK_LEN {
                return;
            }
            compress(&mut self.state, &self.block);
            self.filled = 0;
        }
        let whole = data.len() - data.len() % BLOCK_LEN;
        for block in data[..whole].chunks_exact(BLOCK_LEN) {
            compress(&mut self.state, block);
        }
        let rest = &data[whole..];
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The digest: the message is padded with `0x80`, zeros and its length in bits.
    fn finish(mut self) -> [u8; 32] {
        let bits = self.len.wrapping_mul(8);
        self.block[self.filled] = 0x80;
        self.block[self.filled + 1..].fill(0);
        if self.filled + 1 > BLOCK_LEN - 8 {
            compress(&mut self.state, &self.block);
            self.block.fill(0);
        }
        self.block[BLOCK_LEN - 8..].copy_from_slice(&bits.to_be_bytes());
        compress(&mut self.state, &self.block);
        let mut digest = [0u8; 32];
        for (out, word) in digest.chunks_exact_mut(4).zip(self.state) {
            out.copy_from_slice(&word.to_be_bytes());
        }
        digest
    }
}

impl Drop for Sha256Stream {
    fn drop(&mut self) {
        self.state.zeroize();
        self.block.zeroize();
    }
}

/// SHA-256's compression of one 64-byte block into `state`, without copying the block.
fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(state, std::slice::from_ref(GenericArray::from_slice(block)));
}

/// An integer in plain decimal, on the stack: its text is `digits[start..]`.
pub(crate) struct Decimal {
    digits: [u8; 20],
    start: usize,
}

/// The two-digit texts of 0 to 99, one after another: `00`, `01`, …, `99`.
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        pairs[2 * i] = b'0' + (i / 10) as u8;
        pairs[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    pairs
};

impl Decimal {
    /// The decimal text of `n`, with a leading `-` when negative (20 bytes hold `i64::MIN`).
    /// Written two digits at a time, half the divisions of one at a time.
    pub(crate) fn new(n: i64) -> Decimal {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut magnitude = n.unsigned_abs();
        let mut put_pair = |start: &mut usize, pair: u64| {
            let at = 2 * pair as usize;
            *start -= 2;
            digits[*start..*start + 2].copy_from_slice(&DIGIT_PAIRS[at..at + 2]);
        };
        while magnitude >= 100 {
            put_pair(&mut start, magnitude % 100);
            magnitude /= 100;
        }
        if magnitude >= 10 {
            put_pair(&mut start, magnitude);
        } else {
            start -= 1;
            digits[start] = b'0' + magnitude as u8;
        }
        if n < 0 {
            start -= 1;
            digits[start] = b'-';
        }
        Decimal { digits, start }
    }

    /// The text.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.digits[self.start..]
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use hmac::{Hmac, Mac};
    use proptest::prelude::*;
    use sha2::Sha256;

    use super::*;
    use crate::{Signer, Verifier};

    thread_local! {
        /// Every `PadStates` dropped on this thread, as its drop left it.
        static WIPED: RefCell<Vec<[u32; 16]>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn record_wiped(states: &PadStates) {
        let mut both = [0u32; 16];
        both[..8].copy_from_slice(&states.inner);
        both[8..].copy_from_slice(&states.outer);
        WIPED.with(|wiped| wiped.borrow_mut().push(both));
    }

    /// What was dropped on this thread since the last call.
    fn take_wiped() -> Vec<[u32; 16]> {
        WIPED.with(|wiped| std::mem::take(&mut *wiped.borrow_mut()))
    }

    #[test]
    fn pad_states_are_wiped_when_their_owner_and_its_clones_drop() {
        take_wiped();
        let signer = Signer::new(1, "topsecret").unwrap();
        let copy = signer.clone();
        assert_eq!(copy.user_sig_at("a", 60, 0), signer.user_sig_at("a", 60, 0));
        drop(signer);
        assert_eq!(take_wiped(), [[0; 16]], "the signer's states, zeroed");
        drop(copy);
        assert_eq!(take_wiped(), [[0; 16]], "the clone's own states, zeroed");

        let verifier = Verifier::with_keys(1, ["new", "old"]).unwrap();
        let copy = verifier.clone();
        drop(verifier);
        assert_eq!(take_wiped(), [[0; 16]; 2]);
        drop(copy);
        assert_eq!(take_wiped(), [[0; 16]; 2]);
    }

    #[test]
    fn pad_states_are_the_hmac_itself() {
        // Signing with the states alone, as anyone who read them could, gives the key's HMAC.
        let key = Key::new("topsecret").unwrap();
        let mut inner = Sha256Stream::after_pad(key.0.inner);
        inner.update(b"message");
        let forged = Sha256Stream::after_pad(key.0.outer)
            .chain(&inner.finish())
            .finish();
        let mut mac = Hmac::<Sha256>::new_from_slice(b"topsecret").unwrap();
        mac.update(b"message");
        assert_eq!(forged, mac.finalize().into_bytes()[..]);
    }

    #[test]
    fn sha256_known_answers() {
        let hex = |digest: [u8; 32]| {
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let sha = |data: &[u8]| hex(Sha256Stream::new().chain(data).finish());
        assert_eq!(
            sha(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            sha(&[b'a'; 1_000_000]),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    /// RFC 4231's test cases 1 to 4, 6 and 7 (case 5 truncates the output).
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
            let key = Key::from_bytes(&key);
            let mac = key.mac(|inner| inner.update(data));
            let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, expected);
        }
    }

    proptest! {
        #[test]
        fn hmac_matches_the_hmac_crate(
            key in proptest::collection::vec(any::<u8>(), 1..200),
            pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..150), 0..6),
        ) {
            let mut reference = Hmac::<Sha256>::new_from_slice(&key).unwrap();
            pieces.iter().for_each(|piece| reference.update(piece));
            let ours = Key::from_bytes(&key).mac(|inner| pieces.iter().for_each(|piece| inner.update(piece)));
            prop_assert_eq!(&ours[..], &reference.finalize().into_bytes()[..]);
        }
    }

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
    fn empty_key_is_refused_and_debug_is_redacted() {
        assert_eq!(Key::new("").unwrap_err(), Error::EmptyKey);
        let key = Key::new("topsecret").unwrap();
        assert_eq!(format!("{key:?}"), "<redacted>");
    }
}
