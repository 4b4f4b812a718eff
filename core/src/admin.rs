//! The app admin: authenticating calls to Tencent's REST API with a cached, renewed admin UserSig.
//!
//! Tencent's server-side API takes `POST https://{host}/v4/{service}/{command}?sdkappid=…&
//! identifier={admin}&usersig={UserSig}&random={u32}&contenttype=json`, where the UserSig is one
//! minted for an admin account of the application. [`AdminAuth`] builds those URLs: it keeps one
//! admin token, re-mints it shortly before it expires, and draws a fresh `random` from the
//! operating system for every request. It does no networking; send the URL with any HTTP client.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::{Mutex, PoisonError};

use crate::sign::check_user_id;
use crate::{unix_now, Error, Signer, MAX_EXPIRE};

/// The admin account Tencent's console creates for every application.
pub const DEFAULT_ADMIN: &str = "administrator";

/// How long an admin token is valid, in seconds: one hour, because these URLs land in proxy and
/// access logs (see [`AdminAuth`]).
pub const DEFAULT_ADMIN_VALIDITY: i64 = 3600;

/// How long before its expiry an admin token is re-minted, in seconds: ten minutes.
pub const DEFAULT_RENEW_MARGIN: i64 = 600;

/// A region of Tencent Cloud Chat, with the host of its REST API.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Chinese mainland: `console.tim.qq.com`.
    China,
    /// Singapore: `adminapisgp.im.qcloud.com`.
    Singapore,
    /// Seoul: `adminapikr.im.qcloud.com`.
    Seoul,
    /// Tokyo: `adminapijpn.im.qcloud.com`.
    Tokyo,
    /// Frankfurt: `adminapiger.im.qcloud.com`.
    Frankfurt,
    /// Mumbai: `adminapiind.im.qcloud.com`.
    Mumbai,
    /// Silicon Valley: `adminapiusa.im.qcloud.com`.
    SiliconValley,
    /// Jakarta: `adminapiidn.im.qcloud.com`.
    Jakarta,
}

impl Region {
    /// Every region, in declaration order.
    pub const ALL: &'static [Region] = &[
        Region::China,
        Region::Singapore,
        Region::Seoul,
        Region::Tokyo,
        Region::Frankfurt,
        Region::Mumbai,
        Region::SiliconValley,
        Region::Jakarta,
    ];

    /// The region's stable name: `"china"`, `"singapore"`, `"seoul"`, `"tokyo"`, `"frankfurt"`,
    /// `"mumbai"`, `"silicon-valley"` or `"jakarta"`.
    pub const fn name(self) -> &'static str {
        self.hosts().0
    }

    /// The region named `name` (as [`Region::name`] spells it, in any ASCII case).
    ///
    /// # Errors
    /// [`Error::UnknownRegion`] for any other name.
    ///
    /// # Example
    /// ```
    /// use usersig::Region;
    /// assert_eq!(Region::from_name("Silicon-Valley")?, Region::SiliconValley);
    /// assert!(Region::from_name("mars").is_err());
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Region, Error> {
        Region::ALL
            .iter()
            .copied()
            .find(|region| region.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| Error::UnknownRegion {
                name: name.to_owned(),
            })
    }

    /// The host of the region's REST API, as Tencent documents it.
    pub const fn host(self) -> &'static str {
        self.hosts().1
    }

    /// The region's backup host (`*.my-imcloud.com`), for when the main one is unreachable.
    pub const fn backup_host(self) -> &'static str {
        self.hosts().2
    }

    /// Name, host and backup host, from one table.
    const fn hosts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Region::China => ("china", "console.tim.qq.com", "adminapi.my-imcloud.com"),
            Region::Singapore => (
                "singapore",
                "adminapisgp.im.qcloud.com",
                "adminapisgp.my-imcloud.com",
            ),
            Region::Seoul => (
                "seoul",
                "adminapikr.im.qcloud.com",
                "adminapikr.my-imcloud.com",
            ),
            Region::Tokyo => (
                "tokyo",
                "adminapijpn.im.qcloud.com",
                "adminapijpn.my-imcloud.com",
            ),
            Region::Frankfurt => (
                "frankfurt",
                "adminapiger.im.qcloud.com",
                "adminapiger.my-imcloud.com",
            ),
            Region::Mumbai => (
                "mumbai",
                "adminapiind.im.qcloud.com",
                "adminapiind.my-imcloud.com",
            ),
            Region::SiliconValley => (
                "silicon-valley",
                "adminapiusa.im.qcloud.com",
                "adminapiusa.my-imcloud.com",
            ),
            Region::Jakarta => (
                "jakarta",
                "adminapiidn.im.qcloud.com",
                "adminapiidn.my-imcloud.com",
            ),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where REST requests go: a base URL, `https://host[:port]` (or `http://` to a loopback host,
/// for tests), checked once at construction.
///
/// # Example
/// ```
/// use usersig::{Endpoint, Region};
/// assert_eq!(Endpoint::region(Region::Singapore).as_str(), "https://adminapisgp.im.qcloud.com");
/// assert_eq!(Endpoint::host("im.example.com:8443")?.as_str(), "https://im.example.com:8443");
/// assert_eq!(Endpoint::url("http://127.0.0.1:8080/")?.as_str(), "http://127.0.0.1:8080");
/// assert!(Endpoint::url("http://im.example.com").is_err()); // plain HTTP leaves the machine
/// # Ok::<(), usersig::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    base: String,
}

impl Endpoint {
    /// The main host of `region`, over HTTPS.
    pub fn region(region: Region) -> Endpoint {
        Endpoint {
            base: format!("https://{}", region.host()),
        }
    }

    /// `https://{host}`, where `host` is a DNS name, an IPv4 address or a bracketed IPv6
    /// address, with an optional `:port`.
    ///
    /// # Errors
    /// [`Error::InvalidEndpoint`] for anything else: a scheme, a path, a query, user info,
    /// spaces, an empty host, a port outside 1..=65535.
    pub fn host(host: &str) -> Result<Endpoint, Error> {
        parse_authority(host)?;
        Ok(Endpoint {
            base: format!("https://{host}"),
        })
    }

    /// A base URL: `https://host[:port]` for any valid host, or `http://host[:port]` only when
    /// the host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`), for tests against a local
    /// server. One trailing `/` is allowed; a path, a query or user info is not.
    ///
    /// # Errors
    /// [`Error::InvalidEndpoint`], saying what is wrong.
    pub fn url(url: &str) -> Result<Endpoint, Error> {
        let (scheme, rest) = url.split_once("://").ok_or(invalid("no scheme"))?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let host = parse_authority(authority)?;
        let scheme = if scheme.eq_ignore_ascii_case("https") {
            "https"
        } else if scheme.eq_ignore_ascii_case("http") {
            if !host.is_loopback() {
                return Err(invalid(
                    "plain http is allowed only to a loopback host; use https",
                ));
            }
            "http"
        } else {
            return Err(invalid("the scheme is neither https nor http"));
        };
        Ok(Endpoint {
            base: format!("{scheme}://{authority}"),
        })
    }

    /// The base URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

fn invalid(reason: &'static str) -> Error {
    Error::InvalidEndpoint { reason }
}

/// The host part of an authority, as far as loopback matters.
enum Host {
    Name { localhost: bool },
    V4(Ipv4Addr),
    V6(Ipv6Addr),
}

impl Host {
    fn is_loopback(&self) -> bool {
        match self {
            Host::Name { localhost } => *localhost,
            Host::V4(ip) => ip.is_loopback(),
            Host::V6(ip) => ip.is_loopback(),
        }
    }
}

/// Checks `host[:port]`: a DNS name, an IPv4 address or `[IPv6]`, and a port in 1..=65535.
fn parse_authority(authority: &str) -> Result<Host, Error> {
    if authority.is_empty() {
        return Err(invalid("the host is empty"));
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (ip, after) = rest
            .split_once(']')
            .ok_or(invalid("an IPv6 address lacks its closing ]"))?;
        let port = match after {
            "" => None,
            _ => Some(
                after
                    .strip_prefix(':')
                    .ok_or(invalid("only a :port may follow a bracketed IPv6 address"))?,
            ),
        };
        let ip: Ipv6Addr = ip
            .parse()
            .map_err(|_| invalid("not an IPv6 address inside [ ]"))?;
        (Host::V6(ip), port)
    } else {
        let (name, port) = match authority.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        };
        (parse_name(name)?, port)
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !valid {
            return Err(invalid("the port is not a number in 1..=65535"));
        }
    }
    Ok(host)
}

/// A DNS name (labels of letters, digits and inner hyphens) or a dotted IPv4 address.
fn parse_name(name: &str) -> Result<Host, Error> {
    if name.is_empty() {
        return Err(invalid("the host is empty"));
    }
    if name.len() > 253 {
        return Err(invalid("the host name is longer than 253 characters"));
    }
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !name.split('.').all(label_ok) {
        return Err(invalid(
            "the host is not a DNS name, an IPv4 address or a bracketed IPv6 address \
             (no scheme, path, query, user info or spaces)",
        ));
    }
    let last = name.rsplit('.').next().unwrap_or(name);
    if last.bytes().all(|b| b.is_ascii_digit()) {
        // No top-level domain is numeric: this must be an IPv4 address.
        let ip: Ipv4Addr = name.parse().map_err(|_| invalid("not an IPv4 address"))?;
        return Ok(Host::V4(ip));
    }
    Ok(Host::Name {
        localhost: name.eq_ignore_ascii_case("localhost"),
    })
}

/// Builds authenticated REST API URLs for one application's admin account.
///
/// It holds a [`Signer`] and one admin UserSig, minted on first use and re-minted once less than
/// the renewal margin is left, so a long-running backend never sends an expired token and never
/// mints one per request. It is `Send + Sync`: share one (in an `Arc`, say) across threads;
/// however many threads ask at the moment of renewal, one token is minted. Its `Debug` output
/// shows neither the key nor the token.
///
/// # Defaults, and why
///
/// The admin token travels in the URL's query, so it ends up wherever URLs are logged: proxies,
/// load balancers, access logs, error trackers. Anyone who reads such a log can call the REST API
/// as the admin until the token expires. [`DEFAULT_ADMIN_VALIDITY`] is therefore one hour, not the
/// 180 days of [`DEFAULT_EXPIRE`](crate::DEFAULT_EXPIRE): a leaked URL is useless an hour later,
/// and minting a token once an hour costs nothing. [`DEFAULT_RENEW_MARGIN`] (10 minutes) re-mints
/// the token while it still has that long to live, so that a request that is slow to reach
/// Tencent, or a server clock a few minutes fast, never presents a token that has just expired.
///
/// # Example
/// ```
/// use usersig::{AdminAuth, Endpoint, Region};
///
/// let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
/// let auth = AdminAuth::from_key(1400000000, key, "administrator")?
///     .with_endpoint(Endpoint::region(Region::Singapore));
/// let url = auth.url("im_open_login_svc", "account_import")?;
/// assert!(url.starts_with(
///     "https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator&usersig="
/// ));
/// assert!(url.ends_with("&contenttype=json"));
/// # Ok::<(), usersig::Error>(())
/// ```
pub struct AdminAuth {
    signer: Signer,
    admin: String,
    endpoint: Endpoint,
    validity: i64,
    renew_margin: i64,
    cached: Mutex<Option<CachedToken>>,
}

/// The current admin token and the last second it is valid.
struct CachedToken {
    token: String,
    expires_at: i64,
}

impl AdminAuth {
    /// Prepares URLs for the admin account `admin` (usually [`DEFAULT_ADMIN`]) of `signer`'s
    /// application, sent to [`Region::China`], with tokens valid for
    /// [`DEFAULT_ADMIN_VALIDITY`] and renewed [`DEFAULT_RENEW_MARGIN`] before they expire.
    ///
    /// # Errors
    /// [`Error::EmptyUserId`], [`Error::UserIdTooLong`] or [`Error::UserIdControlChar`] for the
    /// admin id.
    pub fn new(signer: Signer, admin: &str) -> Result<AdminAuth, Error> {
        check_user_id(admin)?;
        Ok(AdminAuth {
            signer,
            admin: admin.to_owned(),
            endpoint: Endpoint::region(Region::China),
            validity: DEFAULT_ADMIN_VALIDITY,
            renew_margin: DEFAULT_RENEW_MARGIN,
            cached: Mutex::new(None),
        })
    }

    /// The same as [`AdminAuth::new`] with a signer made from `sdkappid` and `key`.
    ///
    /// # Errors
    /// [`Error::EmptyKey`], and those of [`AdminAuth::new`].
    pub fn from_key(sdkappid: u32, key: &str, admin: &str) -> Result<AdminAuth, Error> {
        AdminAuth::new(Signer::new(sdkappid, key)?, admin)
    }

    /// Sends requests to `endpoint` instead.
    pub fn with_endpoint(self, endpoint: Endpoint) -> AdminAuth {
        AdminAuth { endpoint, ..self }
    }

    /// Mints tokens valid for `validity` seconds, renewed once fewer than `renew_margin` seconds
    /// are left. Any token already cached is dropped.
    ///
    /// # Errors
    /// [`Error::ExpireOutOfRange`] unless `1 <= validity <= MAX_EXPIRE`;
    /// [`Error::RenewMarginOutOfRange`] unless `0 <= renew_margin < validity`.
    pub fn with_validity(self, validity: i64, renew_margin: i64) -> Result<AdminAuth, Error> {
        if !(1..=MAX_EXPIRE).contains(&validity) {
            return Err(Error::ExpireOutOfRange {
                expire: validity,
                max: MAX_EXPIRE,
            });
        }
        if !(0..validity).contains(&renew_margin) {
            return Err(Error::RenewMarginOutOfRange {
                margin: renew_margin,
                validity,
            });
        }
        Ok(AdminAuth {
            validity,
            renew_margin,
            cached: Mutex::new(None),
            ..self
        })
    }

    /// The application.
    pub fn sdkappid(&self) -> u32 {
        self.signer.sdkappid()
    }

    /// The admin account the tokens are minted for.
    pub fn admin(&self) -> &str {
        &self.admin
    }

    /// Where the URLs point.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// How long each admin token is valid, in seconds.
    pub fn validity(&self) -> i64 {
        self.validity
    }

    /// How long before its expiry a token is re-minted, in seconds.
    pub fn renew_margin(&self) -> i64 {
        self.renew_margin
    }

    /// The URL of `service`/`command` now (the system clock): see [`AdminAuth::url_at`].
    ///
    /// # Errors
    /// Those of [`AdminAuth::url_at`].
    pub fn url(&self, service: &str, command: &str) -> Result<String, Error> {
        self.url_at(service, command, unix_now())
    }

    /// The URL to `POST` to for `service`/`command` (`"im_open_login_svc"`, `"account_import"`,
    /// say), at time `now` in Unix seconds:
    /// `{endpoint}/v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`.
    ///
    /// The admin id and the token are percent-encoded (every byte but `A-Z a-z 0-9 - . _ ~`),
    /// and `random` is a new 32-bit number from the operating system's CSPRNG.
    ///
    /// # Errors
    /// [`Error::InvalidRestPath`] unless `service` and `command` are made of
    /// `A-Z a-z 0-9 _ . -` and are neither empty, `.` nor `..`; [`Error::TimeOutOfRange`] or [`Error::ExpiryOverflow`] if `now` is
    /// out of the signer's range; [`Error::RandomUnavailable`] if the OS has no randomness.
    ///
    /// # Example
    /// ```
    /// use usersig::AdminAuth;
    /// let auth = AdminAuth::from_key(1400000000, "secret", "administrator")?;
    /// let first = auth.url_at("group_open_http_svc", "get_group_list", 1700000000)?;
    /// let later = auth.url_at("group_open_http_svc", "get_group_list", 1700000060)?;
    /// let token = |url: &str| url.split("usersig=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    /// assert_eq!(token(&first), token(&later)); // one token, reused within its validity
    /// # Ok::<(), usersig::Error>(())
    /// ```
    pub fn url_at(&self, service: &str, command: &str, now: i64) -> Result<String, Error> {
        check_rest_part(service, "service")?;
        check_rest_part(command, "command")?;
        let token = self.user_sig_at(now)?;
        let random = random_u32()?;
        let mut url = format!(
            "{}/v4/{service}/{command}?sdkappid={}&identifier=",
            self.endpoint,
            self.sdkappid()
        );
        percent_encode(&self.admin, &mut url);
        url.push_str("&usersig=");
        percent_encode(&token, &mut url);
        url.push_str("&random=");
        url.push_str(&random.to_string());
        url.push_str("&contenttype=json");
        Ok(url)
    }

    /// The admin UserSig for time `now`: the cached one while at least the renewal margin of it
    /// is left at `now`, else a new one issued at `now` (which replaces it).
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] or [`Error::ExpiryOverflow`] if a token must be minted and `now`
    /// is out of the signer's range. The cache is unchanged then.
    pub fn user_sig_at(&self, now: i64) -> Result<String, Error> {
        // A panic while the lock was held cannot leave the cache half-written: it holds either
        // the old token or a complete new one, so a poisoned lock is safe to use.
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = cached.as_ref() {
            if current.expires_at.saturating_sub(now) >= self.renew_margin {
                return Ok(current.token.clone());
            }
        }
        let token = self.signer.user_sig_at(&self.admin, self.validity, now)?;
        *cached = Some(CachedToken {
            token: token.clone(),
            expires_at: now + self.validity,
        });
        Ok(token)
    }
}

impl fmt::Debug for AdminAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached_until = self
            .cached
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|c| c.expires_at);
        f.debug_struct("AdminAuth")
            .field("sdkappid", &self.sdkappid())
            .field("admin", &self.admin)
            .field("endpoint", &self.endpoint.as_str())
            .field("validity", &self.validity)
            .field("renew_margin", &self.renew_margin)
            .field("token_valid_until", &cached_until)
            .finish()
    }
}

/// Checks one path segment of a REST URL: only `A-Z a-z 0-9 _ . -`, and neither empty, `.` nor
/// `..`, which a normalising proxy would resolve to another path.
fn check_rest_part(text: &str, part: &'static str) -> Result<(), Error> {
    let valid = !matches!(text, "" | "." | "..")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidRestPath { part })
    }
}

/// Appends `text` percent-encoded: every byte of its UTF-8 but the unreserved `A-Z a-z 0-9 - . _ ~`
/// becomes `%XX` (uppercase hex), so Tencent's base64 `*` and any Unicode admin id survive.
fn percent_encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// A fresh 32-bit number from the operating system's CSPRNG.
fn random_u32() -> Result<u32, Error> {
    let mut bytes = [0u8; 4];
    getrandom::getrandom(&mut bytes).map_err(|_| Error::RandomUnavailable)?;
    Ok(u32::from_ne_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_only_the_unreserved_bytes() {
        let mut out = String::new();
        percent_encode("aZ09-._~*/+= é", &mut out);
        assert_eq!(out, "aZ09-._~%2A%2F%2B%3D%20%C3%A9");
    }

    #[test]
    fn random_numbers_vary() {
        let draws: std::collections::HashSet<u32> =
            (0..64).map(|_| random_u32().unwrap()).collect();
        // 64 draws of 32 bits collide with probability below 1e-6.
        assert!(draws.len() >= 63, "{draws:?}");
    }
}
