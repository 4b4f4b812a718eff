//! Minting UserSigs and PrivateMapKeys.

use std::fmt;

use crate::codec::{
    encode_signature, encode_standard_base64, encode_tencent_base64, zlib_stored_begin,
    zlib_stored_end, MAX_STORED_BLOCK,
};
use crate::content::{Numbers, SignedFields};
use crate::key::SigningKey;
use crate::{
    unix_now, Error, Grant, Privileges, Room, MAX_EXPIRE, MAX_INFLATED_LEN, MAX_TOKEN_LEN,
    MAX_USERBUF_LEN, MAX_USER_ID_LEN,
};

/// The validity Tencent's libraries use when none is given: 180 days, in seconds.
pub const DEFAULT_EXPIRE: i64 = 180 * 24 * 60 * 60;

/// Mints tokens for one application.
///
/// A `Signer` is prepared once (the key's HMAC pads are hashed at construction) and is cheap to
/// share: it is `Send + Sync`, takes `&self` everywhere, and cloning it copies 64 bytes of key
/// state. The raw key is not kept; the prepared HMAC state, which can sign just as well, is kept
/// in memory for the object's life and wiped on drop (each clone wipes its own). Its `Debug`
/// output omits it.
///
/// # Example
/// ```
/// use usersig::{Privileges, Room, Signer, Verifier};
///
/// let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
/// let signer = Signer::new(1400000000, key)?;
/// let token = signer.user_sig("alice", usersig::DEFAULT_EXPIRE)?;
///
/// let claims = Verifier::new(1400000000, key)?.verify(&token, "alice")?;
/// assert_eq!(claims.user_id, "alice");
///
/// let room_key = signer.private_map_key(
///     "alice",
///     &Room::Numeric(10000),
///     Privileges::ENTER_ROOM | Privileges::RECV_AUDIO,
///     3600,
/// )?;
/// # Ok::<(), usersig::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    sdkappid: u32,
    key: SigningKey,
}

impl Signer {
    /// Prepares a signer for the application `sdkappid` with the console's secret `key`.
    ///
    /// # Errors
    /// [`Error::EmptyKey`] if `key` is empty.
    pub fn new(sdkappid: u32, key: &str) -> Result<Signer, Error> {
        Ok(Signer {
            sdkappid,
            key: SigningKey::new(key)?,
        })
    }

    /// The application this signer mints tokens for.
    pub fn sdkappid(&self) -> u32 {
        self.sdkappid
    }

    /// Mints a UserSig valid for `expire` seconds from now (the system clock, read once).
    ///
    /// # Errors
    /// An input error: see [`Signer::user_sig_at`].
    pub fn user_sig(&self, user_id: &str, expire: i64) -> Result<String, Error> {
        self.user_sig_at(user_id, expire, unix_now())
    }

    /// Mints a UserSig issued at `now` (Unix seconds) and valid for `expire` seconds.
    ///
    /// # Errors
    /// [`Error::EmptyUserId`], [`Error::UserIdTooLong`], [`Error::ExpireOutOfRange`],
    /// [`Error::TimeOutOfRange`] or [`Error::ExpiryOverflow`].
    ///
    /// # Example
    /// ```
    /// let signer = usersig::Signer::new(1400000000, "secret")?;
    /// let token = signer.user_sig_at("alice", 86400, 1700000000)?;
    /// let claims = usersig::inspect(&token)?;
    /// assert_eq!((claims.issued_at, claims.expires_at), (1700000000, 1700086400));
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn user_sig_at(&self, user_id: &str, expire: i64, now: i64) -> Result<String, Error> {
        check_user_id(user_id)?;
        self.mint(user_id, None, &self.stamp(expire, now)?)
    }

    /// Mints a UserSig carrying the application's own `userbuf` bytes, valid for `expire`
    /// seconds from now.
    ///
    /// # Errors
    /// An input error: see [`Signer::user_sig_with_userbuf_at`].
    pub fn user_sig_with_userbuf(
        &self,
        user_id: &str,
        userbuf: &[u8],
        expire: i64,
    ) -> Result<String, Error> {
        self.user_sig_with_userbuf_at(user_id, userbuf, expire, unix_now())
    }

    /// Mints a UserSig carrying `userbuf`, issued at `now` and valid for `expire` seconds.
    ///
    /// An empty `userbuf` is still carried (as an empty `TLS.userbuf`), as the official
    /// libraries do; it is not the same token as one without a userbuf.
    ///
    /// # Errors
    /// Those of [`Signer::user_sig_at`], and [`Error::UserbufTooLong`].
    pub fn user_sig_with_userbuf_at(
        &self,
        user_id: &str,
        userbuf: &[u8],
        expire: i64,
        now: i64,
    ) -> Result<String, Error> {
        check_user_id(user_id)?;
        self.mint(user_id, Some(userbuf), &self.stamp(expire, now)?)
    }

    /// Mints a PrivateMapKey: a UserSig whose userbuf grants `privileges` in `room`, valid for
    /// `expire` seconds from now. The clock is read once, so the token and its grant agree.
    ///
    /// # Errors
    /// An input error: see [`Signer::private_map_key_at`].
    pub fn private_map_key(
        &self,
        user_id: &str,
        room: &Room,
        privileges: Privileges,
        expire: i64,
    ) -> Result<String, Error> {
        self.private_map_key_at(user_id, room, privileges, expire, unix_now())
    }

    /// Mints a PrivateMapKey issued at `now`. The grant's absolute expiry is `now + expire`.
    ///
    /// # Errors
    /// Those of [`Signer::user_sig_at`], and [`Error::RoomIdOutOfRange`],
    /// [`Error::EmptyRoomStr`] or [`Error::RoomStrTooLong`].
    ///
    /// # Example
    /// ```
    /// use usersig::{Privileges, Room, Signer};
    /// let signer = Signer::new(1400000000, "secret")?;
    /// let token = signer.private_map_key_at("bob", &Room::Named("lobby".into()), Privileges::ALL, 300, 1700000000)?;
    /// let grant = usersig::inspect(&token)?.grant.expect("a PrivateMapKey carries a grant");
    /// assert_eq!(grant.room, Room::Named("lobby".into()));
    /// assert_eq!(grant.expires_at, 1700000300);
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn private_map_key_at(
        &self,
        user_id: &str,
        room: &Room,
        privileges: Privileges,
        expire: i64,
        now: i64,
    ) -> Result<String, Error> {
        check_user_id(user_id)?;
        let stamp = self.stamp(expire, now)?;
        room.validate()?;
        let grant = Grant {
            user_id: user_id.to_owned(),
            sdkappid: self.sdkappid,
            room: room.clone(),
            privileges,
            expires_at: stamp.expires_at,
        };
        self.mint(user_id, Some(&grant.to_userbuf()), &stamp)
    }

    /// Mints one UserSig per user id, all issued at the same moment (the clock is read once).
    ///
    /// # Errors
    /// The first input error met; no token is returned then.
    pub fn user_sigs<S: AsRef<str>>(
        &self,
        user_ids: &[S],
        expire: i64,
    ) -> Result<Vec<String>, Error> {
        self.user_sigs_at(user_ids, expire, unix_now())
    }

    /// Mints one UserSig per user id, each issued at `now`.
    ///
    /// # Errors
    /// The first input error met; no token is returned then.
    pub fn user_sigs_at<S: AsRef<str>>(
        &self,
        user_ids: &[S],
        expire: i64,
        now: i64,
    ) -> Result<Vec<String>, Error> {
        let mut tokens = Vec::with_capacity(user_ids.len());
        self.for_each_user_sig_at(user_ids, expire, now, |token| tokens.push(token.to_owned()))?;
        Ok(tokens)
    }

    /// Mints one UserSig per user id, each issued at `now`, and lends each to `each` as soon as
    /// it is minted, in order: [`Signer::user_sigs_at`] without collecting the tokens. What the
    /// tokens share is checked and written once, and every token is written into the same
    /// buffer, so a batch allocates nothing per token.
    ///
    /// # Errors
    /// The first input error met, as [`Signer::user_sigs_at`]; `each` has then seen the tokens
    /// of the user ids before it.
    ///
    /// # Example
    /// ```
    /// let signer = usersig::Signer::new(1400000000, "secret")?;
    /// let mut lines = String::new();
    /// signer.for_each_user_sig_at(&["alice", "bob"], 86400, 1700000000, |token| {
    ///     lines.push_str(token);
    ///     lines.push('\n');
    /// })?;
    /// assert_eq!(lines.lines().count(), 2);
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn for_each_user_sig_at<S: AsRef<str>>(
        &self,
        user_ids: &[S],
        expire: i64,
        now: i64,
        mut each: impl FnMut(&str),
    ) -> Result<(), Error> {
        let Some(first) = user_ids.first() else {
            return Ok(());
        };
        // The first id is checked before the shared fields, as `user_sig_at` checks them.
        check_user_id(first.as_ref())?;
        let stamp = self.stamp(expire, now)?;
        let (mut zlib, mut token) = (Vec::new(), String::new());
        for user_id in user_ids {
            let user_id = user_id.as_ref();
            check_user_id(user_id)?;
            self.mint_into(user_id, None, &stamp, &mut zlib, &mut token)?;
            each(&token);
        }
        Ok(())
    }

    /// Checks what the tokens issued at `now` for `expire` seconds share, and writes their
    /// numbers.
    fn stamp(&self, expire: i64, now: i64) -> Result<Stamp, Error> {
        Ok(Stamp {
            expires_at: check_validity(expire, now)?,
            numbers: Numbers::new(self.sdkappid, now, expire),
        })
    }

    /// A token, minted as [`Signer::mint_into`] does.
    fn mint(&self, user_id: &str, userbuf: Option<&[u8]>, stamp: &Stamp) -> Result<String, Error> {
        let mut token = String::new();
        self.mint_into(user_id, userbuf, stamp, &mut Vec::new(), &mut token)?;
        Ok(token)
    }

    /// Checks the userbuf, signs, and writes the token into `token` (`zlib` is scratch space);
    /// the caller has checked the user id and made the stamp.
    fn mint_into(
        &self,
        user_id: &str,
        userbuf: Option<&[u8]>,
        stamp: &Stamp,
        zlib: &mut Vec<u8>,
        token: &mut String,
    ) -> Result<(), Error> {
        let userbuf_b64 = match userbuf {
            Some(bytes) if bytes.len() > MAX_USERBUF_LEN => {
                return Err(Error::UserbufTooLong {
                    len: bytes.len(),
                    max: MAX_USERBUF_LEN,
                })
            }
            Some(bytes) => {
                let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
                encode_standard_base64(bytes, &mut text);
                Some(text)
            }
            None => None,
        };
        let fields = SignedFields {
            user_id,
            numbers: &stamp.numbers,
            userbuf_b64: userbuf_b64.as_deref(),
        };
        zlib_stored_begin(zlib, json_capacity(&fields));
        token_json(&fields, &self.key.sign(&fields), zlib);
        zlib_stored_end(zlib);
        token.clear();
        encode_tencent_base64(zlib, token);
        Ok(())
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("sdkappid", &self.sdkappid)
            .field("key", &self.key)
            .finish()
    }
}

/// What the tokens minted at one moment with one validity share: checked, and their numbers
/// written, once.
struct Stamp {
    numbers: Numbers,
    /// The absolute expiry, `now + expire`.
    expires_at: u32,
}

/// Checks that a user id (or an admin id) can be carried by a token.
pub(crate) fn check_user_id(user_id: &str) -> Result<(), Error> {
    if user_id.is_empty() {
        return Err(Error::EmptyUserId);
    }
    if user_id.len() > MAX_USER_ID_LEN {
        return Err(Error::UserIdTooLong {
            len: user_id.len(),
            max: MAX_USER_ID_LEN,
        });
    }
    if let Some(position) = user_id.bytes().position(|b| b < 0x20 || b == 0x7f) {
        return Err(Error::UserIdControlChar { position });
    }
    Ok(())
}

/// Checks a validity and an issue time, and returns the absolute expiry `now + expire`.
fn check_validity(expire: i64, now: i64) -> Result<u32, Error> {
    if !(1..=MAX_EXPIRE).contains(&expire) {
        return Err(Error::ExpireOutOfRange {
            expire,
            max: MAX_EXPIRE,
        });
    }
    if u32::try_from(now).is_err() {
        return Err(Error::TimeOutOfRange { now });
    }
    // Both terms are below 2^32, so the sum cannot overflow an i64.
    u32::try_from(now + expire).map_err(|_| Error::ExpiryOverflow { now, expire })
}

/// The length of the token's JSON for `fields`, exact unless the user id needs escapes: the
/// fixed text (136 bytes, with the user id's quotes and the signature's 44 characters), the
/// user id, the numbers, and the userbuf with its key.
fn json_capacity(fields: &SignedFields<'_>) -> usize {
    let numbers = fields.numbers;
    let digits = [&numbers.sdkappid, &numbers.time, &numbers.expire].map(|n| n.as_bytes().len());
    136 + fields.user_id.len()
        + digits.iter().sum::<usize>()
        + fields
            .userbuf_b64
            .map_or(0, |text| r#","TLS.userbuf":"""#.len() + text.len())
}

/// Appends the token's JSON to `json`: compact, in the key order the spec recommends.
fn token_json(fields: &SignedFields<'_>, signature: &[u8; 32], json: &mut Vec<u8>) {
    let numbers = fields.numbers;
    json.extend_from_slice(br#"{"TLS.ver":"2.0","TLS.identifier":"#);
    serde_json::to_writer(&mut *json, fields.user_id).expect("writing to a Vec cannot fail");
    json.extend_from_slice(br#","TLS.sdkappid":"#);
    json.extend_from_slice(numbers.sdkappid.as_bytes());
    json.extend_from_slice(br#","TLS.expire":"#);
    json.extend_from_slice(numbers.expire.as_bytes());
    json.extend_from_slice(br#","TLS.time":"#);
    json.extend_from_slice(numbers.time.as_bytes());
    if let Some(userbuf) = fields.userbuf_b64 {
        json.extend_from_slice(br#","TLS.userbuf":""#);
        json.extend_from_slice(userbuf.as_bytes());
        json.push(b'"');
    }
    json.extend_from_slice(br#","TLS.sig":""#);
    encode_signature(signature, json);
    json.extend_from_slice(br#""}"#);
}

/// The longest JSON the signer can write: the fixed text with 10-digit numbers (under 200
/// bytes), a user id of control characters (each escaped as six bytes), and the longest
/// userbuf with its key.
const WORST_CASE_JSON_LEN: usize =
    200 + 6 * MAX_USER_ID_LEN + r#","TLS.userbuf":"""#.len() + 4 * MAX_USERBUF_LEN.div_ceil(3);

// Every token the signer accepts to make fits one stored block and the verifier's limits.
const _: () = assert!(WORST_CASE_JSON_LEN <= MAX_STORED_BLOCK);
const _: () = assert!(WORST_CASE_JSON_LEN <= MAX_INFLATED_LEN);
const _: () = assert!((WORST_CASE_JSON_LEN + 11).div_ceil(3) * 4 <= MAX_TOKEN_LEN);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_case_json_is_within_the_bound() {
        let user_id = "\u{1}".repeat(MAX_USER_ID_LEN);
        let userbuf = "A".repeat(4 * MAX_USERBUF_LEN.div_ceil(3));
        let fields = SignedFields {
            user_id: &user_id,
            numbers: &Numbers::new(u32::MAX, i64::from(u32::MAX), MAX_EXPIRE),
            userbuf_b64: Some(&userbuf),
        };
        let mut json = Vec::new();
        token_json(&fields, &[0xff; 32], &mut json);
        assert!(json.len() > 6 * MAX_USER_ID_LEN + userbuf.len());
        assert!(json.len() <= WORST_CASE_JSON_LEN, "{} bytes", json.len());
    }

    #[test]
    fn json_capacity_is_exact_without_escapes() {
        for (user_id, userbuf) in [("a", None), ("user00000", Some("")), ("界", Some("AAAA"))] {
            for (sdkappid, time, expire) in [(0, 0, 1), (1_400_000_000, 1_700_000_000, 86_400)] {
                let fields = SignedFields {
                    user_id,
                    numbers: &Numbers::new(sdkappid, time, expire),
                    userbuf_b64: userbuf,
                };
                let mut json = Vec::new();
                token_json(&fields, &[0; 32], &mut json);
                assert_eq!(json_capacity(&fields), json.len(), "{user_id} {userbuf:?}");
            }
        }
    }

    #[test]
    fn input_checks() {
        let ok = |id, expire, now| check_user_id(id).and_then(|()| check_validity(expire, now));
        assert_eq!(ok("a", 1, 0), Ok(1));
        assert_eq!(ok("", 1, 0), Err(Error::EmptyUserId));
        let long = "x".repeat(MAX_USER_ID_LEN + 1);
        assert_eq!(
            ok(&long, 1, 0),
            Err(Error::UserIdTooLong {
                len: MAX_USER_ID_LEN + 1,
                max: MAX_USER_ID_LEN
            })
        );
        for (id, position) in [("a\nb", 1), ("\u{0}", 0), ("ab\u{1f}", 2), ("é\u{7f}", 2)] {
            assert_eq!(ok(id, 1, 0), Err(Error::UserIdControlChar { position }));
        }
        // Only C0 controls and DEL: other characters, C1 controls included, are the app's.
        assert_eq!(ok(" ~\u{80}\u{9f}\u{2028}é", 1, 0), Ok(1));
        for expire in [0, -1, MAX_EXPIRE + 1, i64::MIN, i64::MAX] {
            assert_eq!(
                ok("a", expire, 0),
                Err(Error::ExpireOutOfRange {
                    expire,
                    max: MAX_EXPIRE
                })
            );
        }
        assert_eq!(ok("a", MAX_EXPIRE, 0), Ok(MAX_EXPIRE as u32));
        for now in [-1, 1 << 32, i64::MIN, i64::MAX] {
            assert_eq!(ok("a", 1, now), Err(Error::TimeOutOfRange { now }));
        }
        let last = i64::from(u32::MAX);
        assert_eq!(ok("a", 1, last - 1), Ok(u32::MAX));
        assert_eq!(
            ok("a", 2, last - 1),
            Err(Error::ExpiryOverflow {
                now: last - 1,
                expire: 2
            })
        );
    }
}
