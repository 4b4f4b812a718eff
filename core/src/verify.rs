//! Checking tokens, and reading them for support without a key.

use std::fmt;

use crate::claims::DecodedToken;
use crate::key::SigningKey;
use crate::{unix_now, Claims, Error};

/// Checks tokens for one application, against one or more keys.
///
/// It accepts every official producer's output (any JSON key order and spacing, escaped `/` and
/// `\uXXXX`, zlib levels 0 to 9, standard or Tencent base64) and is strict where Tencent is:
/// padding, a zlib stream, JSON integers, `TLS.ver` `"2.0"`.
///
/// The checks run in the order of Tencent's own verifiers, so the first failure is the one its
/// servers would report: form (70003), sdkappid (70014), user id (70013), expiry (70001), the
/// expected userbuf (-100006), then the signature (70009), compared in constant time.
///
/// Holding several keys lets a service rotate its key: tokens signed with any of them pass.
/// Like [`Signer`](crate::Signer), it is `Send + Sync` and never shows its keys: it keeps each
/// key's prepared HMAC state (not the raw key), which can sign just as well, in memory for its
/// life, and wipes it on drop.
///
/// # Example
/// ```
/// use usersig::{Error, Signer, Verifier};
///
/// let old = Signer::new(1400000000, "old key")?;
/// let new = Signer::new(1400000000, "new key")?;
/// let verifier = Verifier::with_keys(1400000000, ["new key", "old key"])?;
///
/// let token = old.user_sig_at("alice", 3600, 1700000000)?;
/// assert_eq!(verifier.verify_at(&token, "alice", 1700000000)?.user_id, "alice");
///
/// let err = verifier.verify_at(&token, "alice", 1700003601).unwrap_err();
/// assert!(matches!(err, Error::Expired { expired_at: 1700003600, now: 1700003601 }));
/// assert_eq!(err.tencent_code(), Some(70001));
/// # Ok::<(), usersig::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    sdkappid: u32,
    keys: Vec<SigningKey>,
}

impl Verifier {
    /// Prepares a verifier for `sdkappid` with one key.
    ///
    /// # Errors
    /// [`Error::EmptyKey`] if `key` is empty.
    pub fn new(sdkappid: u32, key: &str) -> Result<Verifier, Error> {
        Verifier::with_keys(sdkappid, [key])
    }

    /// Prepares a verifier for `sdkappid` that accepts tokens signed with any of `keys`.
    ///
    /// # Errors
    /// [`Error::EmptyKey`] if there is no key, or any key is empty.
    pub fn with_keys<I, K>(sdkappid: u32, keys: I) -> Result<Verifier, Error>
    where
        I: IntoIterator<Item = K>,
        K: AsRef<str>,
    {
        let keys = keys
            .into_iter()
            .map(|key| SigningKey::new(key.as_ref()))
            .collect::<Result<Vec<SigningKey>, Error>>()?;
        if keys.is_empty() {
            return Err(Error::EmptyKey);
        }
        Ok(Verifier { sdkappid, keys })
    }

    /// The application this verifier accepts tokens for.
    pub fn sdkappid(&self) -> u32 {
        self.sdkappid
    }

    /// Checks that `token` is a valid token for `user_id` now (the system clock).
    ///
    /// # Errors
    /// See [`Verifier::verify_at`].
    pub fn verify(&self, token: &str, user_id: &str) -> Result<Claims, Error> {
        self.verify_at(token, user_id, unix_now())
    }

    /// Checks that `token` is a valid UserSig for `user_id` at `now` (Unix seconds), and returns
    /// what it says. A token is valid up to and including its last second,
    /// `issued_at + expire`.
    ///
    /// A token that carries a userbuf (a PrivateMapKey, say) is refused: it was made for a
    /// narrower purpose and must not pass as a login token. Check such tokens with
    /// [`Verifier::verify_with_userbuf_at`] or [`Verifier::verify_any_userbuf_at`].
    ///
    /// # Errors
    /// [`Error::Malformed`], [`Error::SdkAppIdMismatch`], [`Error::UserIdMismatch`],
    /// [`Error::Expired`], [`Error::UnexpectedUserbuf`] or [`Error::BadSignature`].
    pub fn verify_at(&self, token: &str, user_id: &str, now: i64) -> Result<Claims, Error> {
        self.check(token, user_id, Userbuf::None, now)
    }

    /// Checks `token` as [`Verifier::verify`] does, except that it must carry exactly
    /// `userbuf` (for example the PrivateMapKey grant the caller expects).
    ///
    /// # Errors
    /// See [`Verifier::verify_with_userbuf_at`].
    pub fn verify_with_userbuf(
        &self,
        token: &str,
        user_id: &str,
        userbuf: &[u8],
    ) -> Result<Claims, Error> {
        self.verify_with_userbuf_at(token, user_id, userbuf, unix_now())
    }

    /// Checks `token` as [`Verifier::verify_at`] does, except that it must carry exactly
    /// `userbuf`.
    ///
    /// # Errors
    /// Those of [`Verifier::verify_at`] but [`Error::UnexpectedUserbuf`], and
    /// [`Error::MissingUserbuf`] or [`Error::UserbufMismatch`].
    pub fn verify_with_userbuf_at(
        &self,
        token: &str,
        user_id: &str,
        userbuf: &[u8],
        now: i64,
    ) -> Result<Claims, Error> {
        self.check(token, user_id, Userbuf::Exactly(userbuf), now)
    }

    /// Checks `token` as [`Verifier::verify`] does, but accepts it with any userbuf or none.
    ///
    /// # Errors
    /// See [`Verifier::verify_any_userbuf_at`].
    pub fn verify_any_userbuf(&self, token: &str, user_id: &str) -> Result<Claims, Error> {
        self.verify_any_userbuf_at(token, user_id, unix_now())
    }

    /// Checks `token` as [`Verifier::verify_at`] does, but accepts it with any userbuf or none,
    /// and returns the userbuf in [`Claims::userbuf`] (and a PrivateMapKey's in
    /// [`Claims::grant`]) for the caller to judge.
    ///
    /// # Errors
    /// Those of [`Verifier::verify_at`] but [`Error::UnexpectedUserbuf`].
    ///
    /// # Example
    /// ```
    /// use usersig::{Error, Privileges, Room, Signer, Verifier};
    ///
    /// let signer = Signer::new(1400000000, "secret")?;
    /// let verifier = Verifier::new(1400000000, "secret")?;
    /// let key = signer.private_map_key_at("alice", &Room::Numeric(1234), Privileges::ALL, 600, 1700000000)?;
    ///
    /// assert_eq!(verifier.verify_at(&key, "alice", 1700000000), Err(Error::UnexpectedUserbuf));
    /// let claims = verifier.verify_any_userbuf_at(&key, "alice", 1700000000)?;
    /// assert_eq!(claims.grant.unwrap().room, Room::Numeric(1234));
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn verify_any_userbuf_at(
        &self,
        token: &str,
        user_id: &str,
        now: i64,
    ) -> Result<Claims, Error> {
        self.check(token, user_id, Userbuf::Any, now)
    }

    fn check(
        &self,
        token: &str,
        user_id: &str,
        userbuf: Userbuf<'_>,
        now: i64,
    ) -> Result<Claims, Error> {
        let decoded = DecodedToken::parse(token)?;
        let claims = &decoded.claims;
        if claims.sdkappid != self.sdkappid {
            return Err(Error::SdkAppIdMismatch {
                expected: self.sdkappid,
                found: claims.sdkappid,
            });
        }
        if claims.user_id != user_id {
            return Err(Error::UserIdMismatch {
                expected: user_id.to_owned(),
                found: claims.user_id.clone(),
            });
        }
        // Computed in i128: `issued_at + expire` may not fit an i64 in a hostile token.
        if i128::from(now) > i128::from(claims.issued_at) + i128::from(claims.expire) {
            return Err(Error::Expired {
                expired_at: claims.expires_at,
                now,
            });
        }
        match (userbuf, claims.userbuf.as_deref()) {
            (Userbuf::None, Some(_)) => return Err(Error::UnexpectedUserbuf),
            (Userbuf::Exactly(_), None) => return Err(Error::MissingUserbuf),
            (Userbuf::Exactly(expected), Some(found)) if expected != found => {
                return Err(Error::UserbufMismatch)
            }
            _ => {}
        }
        let numbers = decoded.numbers();
        let fields = decoded.signed_fields(&numbers);
        if !self
            .keys
            .iter()
            .any(|key| key.verify(&fields, decoded.signature()))
        {
            return Err(Error::BadSignature);
        }
        Ok(decoded.claims)
    }
}

/// Which userbuf a check accepts.
#[derive(Clone, Copy)]
enum Userbuf<'a> {
    /// None: a plain UserSig.
    None,
    /// Exactly these bytes.
    Exactly(&'a [u8]),
    /// Any, or none.
    Any,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("sdkappid", &self.sdkappid)
            .field("keys", &self.keys)
            .finish()
    }
}

/// Decodes any well-formed token into its fields **without checking its signature or expiry**,
/// for debugging and support. Never trust what it returns: use a [`Verifier`] for that.
///
/// # Errors
/// [`Error::Malformed`] if the token cannot be decoded.
///
/// # Example
/// ```
/// let token = usersig::Signer::new(1400000000, "secret")?.user_sig_at("alice", 60, 1700000000)?;
/// let claims = usersig::inspect(&token)?;
/// assert_eq!((claims.user_id.as_str(), claims.sdkappid), ("alice", 1400000000));
/// assert!(usersig::inspect("not a token").is_err());
/// # Ok::<(), usersig::Error>(())
/// ```
pub fn inspect(token: &str) -> Result<Claims, Error> {
    Ok(DecodedToken::parse(token)?.claims)
}
