//! The input layout of the `abi` fuzz target, simple enough for the seed writer (`src/seeds.rs`)
//! to write real calls in it:
//!
//! - byte 0: the call, `Call::ALL[byte % Call::ALL.len()]`;
//! - a `u16` (little-endian, as every number here): the output buffer's capacity, `0xFFFF` for a
//!   null buffer of capacity 0;
//! - the call's arguments in order: a number is an `i64`; a byte range is a `u16` length and
//!   that many bytes, or `0xFFFF` and a `u8` length to pass with a null pointer; a list is a `u8`
//!   count of byte ranges, a list of pairs a `u8` count of two byte ranges each; a token is a form
//!   byte, then a byte range ([`Input::token`]).
//!
//! Input that ends early reads as zeros and empty ranges, so every input is some call.

use std::ffi::c_char;
use std::io::Write;
use std::ptr::null;

use base64::Engine;

/// The key of the target's shared handles, the one `core/tests/vectors` were made with.
pub const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
/// The shared verifier's second key.
pub const OLD_KEY: &str = "key one";
/// The sdkappid of the target's shared handles.
pub const APP: i64 = 1_400_000_000;
/// The admin id of the target's shared admin.
pub const ADMIN: &str = "administrator";
/// The base URL of the target's shared admin.
pub const ENDPOINT: &str = "http://127.0.0.1:8080";
/// The token of the target's shared Chat callback verifier (which expects [`APP`], within the
/// default window), the one of line `chat-002` in `core/tests/vectors/callbacks.jsonl`.
pub const CHAT_TOKEN: &str = "2d8f7c4e9a1b";
/// The key of the target's shared TRTC callback verifier (which expects [`APP`], within
/// [`TRTC_WINDOW`]), the one of line `trtc-001-enter-room` in `core/tests/vectors/callbacks.jsonl`.
pub const TRTC_KEY: &str = "callback-key-123";
/// The window of the target's shared TRTC callback verifier, in seconds.
pub const TRTC_WINDOW: i64 = 60;

/// The entry points the target calls, each with its arguments after the handle (the shared
/// signer, verifier, admin, or Chat or TRTC callback verifier).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// `usersig_signer_new(sdkappid, key)`, freed at once.
    SignerNew,
    /// `usersig_verifier_new(sdkappid, keys: list)`, freed at once.
    VerifierNew,
    /// `usersig_signer_user_sig_at(user_id, expire, now)`.
    UserSig,
    /// `usersig_signer_user_sig(user_id, expire)`.
    UserSigNow,
    /// `usersig_signer_user_sig_with_userbuf_at(user_id, userbuf, expire, now)`.
    UserSigWithUserbuf,
    /// `usersig_signer_private_map_key_at(user_id, room_id, privileges, expire, now)`.
    PrivateMapKey,
    /// `usersig_signer_private_map_key_with_room_str_at(user_id, room, privileges, expire, now)`.
    PrivateMapKeyWithRoomStr,
    /// `usersig_signer_user_sigs_at(user_ids: list, expire, now)`.
    UserSigs,
    /// `usersig_verifier_verify_at(token, user_id, now)`.
    Verify,
    /// `usersig_verifier_verify_with_userbuf_at(token, user_id, userbuf, now)`.
    VerifyWithUserbuf,
    /// `usersig_verifier_verify_any_userbuf_at(token, user_id, now)`.
    VerifyAnyUserbuf,
    /// `usersig_inspect(token)`.
    Inspect,
    /// `usersig_admin_new(sdkappid, key, admin, endpoint_kind, endpoint, validity,
    /// renew_margin)`, then its `endpoint`, `user_sig_at(now)` and `url_at(service, command,
    /// now)` with the arguments that follow, and `usersig_admin_free`.
    AdminNew,
    /// `usersig_admin_url_at(service, command, now)`.
    AdminUrl,
    /// `usersig_admin_user_sig_at(now)`.
    AdminUserSig,
    /// `usersig_admin_endpoint()`.
    AdminEndpoint,
    /// `usersig_chat_callback_new(token, has_sdkappid, sdkappid, window)`, then its
    /// `verify_query_at(query, now)` with the arguments that follow, and
    /// `usersig_chat_callback_free`.
    ChatCallbackNew,
    /// `usersig_chat_callback_verify_query_at(query, now)`.
    ChatCallbackVerifyQuery,
    /// `usersig_chat_callback_verify_params_at(params: list of pairs, now)`.
    ChatCallbackVerifyParams,
    /// `usersig_chat_callback_sign(request_time)`.
    ChatCallbackSign,
    /// `usersig_trtc_callback_new(key, has_sdkappid, sdkappid, has_window, window)`, then its
    /// `verify_at(sign, sdkappid, body, now)` with the arguments that follow, and
    /// `usersig_trtc_callback_free`.
    TrtcCallbackNew,
    /// `usersig_trtc_callback_verify_at(sign, sdkappid, body, now)`.
    TrtcCallbackVerify,
    /// `usersig_trtc_callback_sign(body)`, then the same body with the returned `Sign` through
    /// `usersig_trtc_callback_verify_at` at `now`, the argument that follows.
    TrtcCallbackSign,
    /// `usersig_error_kinds()`.
    ErrorKinds,
    /// `usersig_constants()`.
    Constants,
    /// `usersig_abi_version()`.
    AbiVersion,
}

impl Call {
    /// Every call, in the order of their selector byte.
    pub const ALL: [Call; 26] = [
        Call::SignerNew,
        Call::VerifierNew,
        Call::UserSig,
        Call::UserSigNow,
        Call::UserSigWithUserbuf,
        Call::PrivateMapKey,
        Call::PrivateMapKeyWithRoomStr,
        Call::UserSigs,
        Call::Verify,
        Call::VerifyWithUserbuf,
        Call::VerifyAnyUserbuf,
        Call::Inspect,
        Call::AdminNew,
        Call::AdminUrl,
        Call::AdminUserSig,
        Call::AdminEndpoint,
        Call::ChatCallbackNew,
        Call::ChatCallbackVerifyQuery,
        Call::ChatCallbackVerifyParams,
        Call::ChatCallbackSign,
        Call::TrtcCallbackNew,
        Call::TrtcCallbackVerify,
        Call::TrtcCallbackSign,
        Call::ErrorKinds,
        Call::Constants,
        Call::AbiVersion,
    ];

    /// The selector byte of this call.
    pub fn byte(self) -> u8 {
        Call::ALL.iter().position(|&c| c == self).expect("listed") as u8
    }
}

/// The capacity that marks a null output buffer.
const NULL_OUT: u16 = 0xFFFF;
/// The range length that marks a null pointer.
const NULL_RANGE: u16 = 0xFFFF;

/// A byte range argument: bytes, or a null pointer with a length (a fault unless 0).
#[derive(Clone, Debug)]
pub enum Range {
    /// Real bytes.
    Bytes(Vec<u8>),
    /// A null pointer with this length.
    Null(usize),
}

impl Range {
    /// The pointer to pass.
    pub fn ptr(&self) -> *const c_char {
        match self {
            Range::Bytes(bytes) => bytes.as_ptr().cast(),
            Range::Null(_) => null(),
        }
    }

    /// The length to pass.
    pub fn len(&self) -> usize {
        match self {
            Range::Bytes(bytes) => bytes.len(),
            Range::Null(len) => *len,
        }
    }

    /// Whether the length is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fault a call must return for this argument: -3 for a null pointer with a length,
    /// -1 for text (`utf8`) that is not UTF-8.
    pub fn fault(&self, utf8: bool) -> Option<i64> {
        match self {
            Range::Null(len) if *len > 0 => Some(-3),
            Range::Bytes(bytes) if utf8 && std::str::from_utf8(bytes).is_err() => Some(-1),
            _ => None,
        }
    }

    /// The text, once [`Range::fault`] found none.
    pub fn text(&self) -> &str {
        match self {
            Range::Bytes(bytes) => std::str::from_utf8(bytes).expect("checked UTF-8"),
            Range::Null(_) => "",
        }
    }

    /// The bytes (none behind a null pointer).
    pub fn bytes(&self) -> &[u8] {
        match self {
            Range::Bytes(bytes) => bytes,
            Range::Null(_) => &[],
        }
    }
}

/// The fuzzer's bytes, read as the layout says.
pub struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    /// The input `data`.
    pub fn new(data: &'a [u8]) -> Input<'a> {
        Input(data)
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, tail) = self.0.split_at(n.min(self.0.len()));
        self.0 = tail;
        head
    }

    fn u8(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    fn u16(&mut self) -> u16 {
        let bytes = self.take(2);
        let mut le = [0; 2];
        le[..bytes.len()].copy_from_slice(bytes);
        u16::from_le_bytes(le)
    }

    /// The call.
    pub fn call(&mut self) -> Call {
        Call::ALL[usize::from(self.u8()) % Call::ALL.len()]
    }

    /// The output buffer's capacity, `None` for a null buffer.
    pub fn capacity(&mut self) -> Option<u16> {
        Some(self.u16()).filter(|&cap| cap != NULL_OUT)
    }

    /// A number.
    pub fn int(&mut self) -> i64 {
        let bytes = self.take(8);
        let mut le = [0; 8];
        le[..bytes.len()].copy_from_slice(bytes);
        i64::from_le_bytes(le)
    }

    /// A byte range.
    pub fn range(&mut self) -> Range {
        match self.u16() {
            NULL_RANGE => Range::Null(usize::from(self.u8())),
            len => Range::Bytes(self.take(usize::from(len)).to_vec()),
        }
    }

    /// A list of strings (the null ranges among them read as empty).
    pub fn list(&mut self) -> Vec<Vec<u8>> {
        (0..self.u8())
            .map(|_| self.range().bytes().to_vec())
            .collect()
    }

    /// A list of pairs of strings (the null ranges among them read as empty).
    pub fn pairs(&mut self) -> Vec<(Vec<u8>, Vec<u8>)> {
        (0..self.u8())
            .map(|_| {
                let name = self.range().bytes().to_vec();
                (name, self.range().bytes().to_vec())
            })
            .collect()
    }

    /// A token: a form byte, then a byte range. Forms 1 to 20 make a token of the range, which
    /// is then its content (the JSON), so that mutations reach the JSON and signature checks:
    /// compressed by zlib at level `(form - 1) % 10`, in Tencent's base64 (`*-_`) for forms 1 to
    /// 10 or the standard one for 11 to 20, as other ports write it. Any other form passes the
    /// range as it is.
    pub fn token(&mut self) -> Range {
        let form = self.u8();
        match self.range() {
            Range::Bytes(content) if (1..=20).contains(&form) => {
                Range::Bytes(wrap(&content, form).into_bytes())
            }
            range => range,
        }
    }
}

/// The token of `content` in `form` ([`Input::token`]).
pub fn wrap(content: &[u8], form: u8) -> String {
    let level = u32::from((form - 1) % 10);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    z.write_all(content).expect("a Vec takes every write");
    let compressed = z.finish().expect("a Vec takes every write");
    let standard = base64::engine::general_purpose::STANDARD.encode(compressed);
    if form <= 10 {
        standard
            .replace('+', "*")
            .replace('/', "-")
            .replace('=', "_")
    } else {
        standard
    }
}

/// The content of a token (its JSON): base64 of either alphabet, then zlib. `None` if it is not
/// one.
pub fn unwrap(token: &str) -> Option<Vec<u8>> {
    let standard = token.replace('*', "+").replace('-', "/").replace('_', "=");
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(standard)
        .ok()?;
    let mut content = Vec::new();
    let mut z = flate2::write::ZlibDecoder::new(&mut content);
    z.write_all(&compressed).ok()?;
    z.finish().ok()?;
    Some(content)
}

/// An input being written, for the seed writer.
pub struct Seed(Vec<u8>);

impl Seed {
    /// An input for `call` with an output buffer of `capacity` bytes (`None`: null).
    pub fn new(call: Call, capacity: Option<u16>) -> Seed {
        let mut seed = Seed(vec![call.byte()]);
        seed.u16(capacity.unwrap_or(NULL_OUT));
        seed
    }

    fn u16(&mut self, n: u16) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    /// A number.
    pub fn int(mut self, n: i64) -> Seed {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    /// A byte range of `bytes` (at most 0xFFFE).
    pub fn bytes(mut self, bytes: &[u8]) -> Seed {
        let len = u16::try_from(bytes.len())
            .ok()
            .filter(|&len| len != NULL_RANGE)
            .expect("a seed's range is under 64 KiB");
        self.u16(len);
        self.0.extend_from_slice(bytes);
        self
    }

    /// A null pointer with `len`.
    pub fn null(mut self, len: u8) -> Seed {
        self.u16(NULL_RANGE);
        self.0.push(len);
        self
    }

    /// A list of strings.
    pub fn list(mut self, items: &[&[u8]]) -> Seed {
        self.0
            .push(u8::try_from(items.len()).expect("a seed's list has under 256 items"));
        items.iter().fold(self, |seed, item| seed.bytes(item))
    }

    /// A list of pairs of strings.
    pub fn pairs(mut self, pairs: &[(&str, &str)]) -> Seed {
        self.0
            .push(u8::try_from(pairs.len()).expect("a seed's list has under 256 items"));
        pairs.iter().fold(self, |seed, (name, value)| {
            seed.bytes(name.as_bytes()).bytes(value.as_bytes())
        })
    }

    /// A token as it is.
    pub fn token(mut self, token: &str) -> Seed {
        self.0.push(0);
        self.bytes(token.as_bytes())
    }

    /// A token made of `content` in `form` ([`Input::token`]).
    pub fn wrapped(mut self, form: u8, content: &[u8]) -> Seed {
        self.0.push(form);
        self.bytes(content)
    }

    /// The input's bytes.
    pub fn bytes_written(&self) -> &[u8] {
        &self.0
    }
}
