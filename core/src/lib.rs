//! Mint and verify Tencent Cloud **UserSig v2** tokens and TRTC **PrivateMapKeys**.
//!
//! Every backend of Tencent Cloud Chat, TRTC or Live mints a UserSig for each user: an
//! HMAC-SHA256 signature over the user id, the application id (sdkappid) and a validity window,
//! packed as JSON inside zlib inside a base64 variant. A PrivateMapKey is the same token carrying
//! a binary grant for one TRTC room.
//!
//! This crate is the single implementation behind the `usersig` Python, Kotlin/Java and Swift
//! packages and the `usersig` command:
//!
//! - [`Signer`] mints tokens. It produces the same signature as every official Tencent library
//!   for the same inputs, encodes user ids and room names as UTF-8 where several official ports
//!   get non-ASCII wrong, and refuses inputs that would make a broken token.
//! - [`Verifier`] checks tokens from any official producer, with one error per failure, each
//!   carrying the code Tencent's servers use for it ([`Error::tencent_code`]).
//! - [`inspect`] decodes a token without the key, for support.
//! - [`AdminAuth`] builds authenticated URLs for Tencent's REST API with a cached admin token
//!   that it renews before it expires; [`Claims::seconds_left_at`] and
//!   [`Claims::should_renew_at`] tell any token's remaining lifetime.
//! - [`ChatCallbackVerifier`] and [`TrtcCallbackVerifier`] check the callbacks Tencent's servers
//!   send back to the backend: Chat's signed query string and TRTC's signed body.
//!
//! ```
//! use usersig::{Signer, Verifier, DEFAULT_EXPIRE};
//!
//! let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
//! let token = Signer::new(1400000000, key)?.user_sig("alice", DEFAULT_EXPIRE)?;
//! let claims = Verifier::new(1400000000, key)?.verify(&token, "alice")?;
//! assert_eq!(claims.expire, 180 * 86400);
//! # Ok::<(), usersig::Error>(())
//! ```
//!
//! # Limits
//!
//! Tencent documents user ids of at most 32 bytes, which no official library enforces. This
//! crate allows up to [`MAX_USER_ID_LEN`] bytes and [`MAX_USERBUF_LEN`] bytes of userbuf, so that
//! existing applications keep working while every token it mints stays within the bounds its
//! verifier puts on untrusted input ([`MAX_TOKEN_LEN`], [`MAX_INFLATED_LEN`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod admin;
mod callback;
mod claims;
mod codec;
mod content;
mod error;
mod grant;
mod key;
mod sign;
mod verify;

pub use admin::{
    AdminAuth, Endpoint, Region, DEFAULT_ADMIN, DEFAULT_ADMIN_VALIDITY, DEFAULT_RENEW_MARGIN,
};
pub use callback::{
    ChatCallback, ChatCallbackVerifier, TrtcCallback, TrtcCallbackVerifier,
    DEFAULT_CALLBACK_WINDOW, MAX_CALLBACK_BODY_LEN, MAX_CALLBACK_QUERY_LEN, MAX_CALLBACK_WINDOW,
};
pub use claims::Claims;
pub use error::{Error, ErrorKind, Malformation};
pub use grant::{Grant, Privileges, Room, MAX_ROOM_ID, MAX_ROOM_STR_LEN};
pub use sign::{Signer, DEFAULT_EXPIRE};
pub use verify::{inspect, Verifier};

/// The longest validity the signer accepts: 50 years (of 365 days), Tencent's documented maximum.
pub const MAX_EXPIRE: i64 = 50 * 365 * 24 * 60 * 60;

/// The longest user id the signer accepts, in bytes of UTF-8.
pub const MAX_USER_ID_LEN: usize = 1024;

/// The longest userbuf the signer accepts, in bytes.
pub const MAX_USERBUF_LEN: usize = 4096;

/// The longest token the verifier reads, in characters; longer input is refused unread.
pub const MAX_TOKEN_LEN: usize = 32 * 1024;

/// The most bytes the verifier inflates a token to; a zlib bomb stops there.
pub const MAX_INFLATED_LEN: usize = 32 * 1024;

/// The system clock in Unix seconds, as the methods without an explicit `now` read it; negative
/// before 1970, which the signer then refuses.
pub fn unix_now() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
