//! The app admin's REST API authentication, and the region table, for the foreign layers.
//!
//! Endpoints cross as base URL strings (checked by the core on the way in), regions by their
//! stable names, so that every language's region type is pinned to [`region_names`].

use std::sync::Arc;

use usersig::{Endpoint, Region};

use crate::error::UserSigError;
use crate::Signer;

/// Builds authenticated REST API URLs with a cached admin UserSig, renewed before it expires.
/// Thread-safe; never shows its key or its token.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct AdminAuth(usersig::AdminAuth);

impl std::fmt::Debug for AdminAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The core's defaults for an admin token.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AdminDefaults {
    /// The admin account the console creates: `administrator`.
    pub admin: String,
    /// Validity of an admin token, in seconds.
    pub validity: i64,
    /// Renewal margin, in seconds.
    pub renew_margin: i64,
    /// The default endpoint's base URL (the China region).
    pub endpoint: String,
}

/// The core's defaults for [`AdminAuth`].
#[uniffi::export]
pub fn admin_defaults() -> AdminDefaults {
    AdminDefaults {
        admin: usersig::DEFAULT_ADMIN.to_owned(),
        validity: usersig::DEFAULT_ADMIN_VALIDITY,
        renew_margin: usersig::DEFAULT_RENEW_MARGIN,
        endpoint: Endpoint::region(Region::China).to_string(),
    }
}

/// Every region's stable name, in the core's order.
#[uniffi::export]
pub fn region_names() -> Vec<String> {
    Region::ALL.iter().map(|r| r.name().to_owned()).collect()
}

/// The REST API host of the region `name`.
#[uniffi::export]
pub fn region_host(name: String) -> Result<String, UserSigError> {
    Ok(Region::from_name(&name)?.host().to_owned())
}

/// The backup REST API host of the region `name`.
#[uniffi::export]
pub fn region_backup_host(name: String) -> Result<String, UserSigError> {
    Ok(Region::from_name(&name)?.backup_host().to_owned())
}

/// The base URL of the region `name`: `https://{host}`.
#[uniffi::export]
pub fn region_endpoint(name: String) -> Result<String, UserSigError> {
    Ok(Endpoint::region(Region::from_name(&name)?).to_string())
}

/// The base URL `https://{host}` for a `host[:port]`, checked.
#[uniffi::export]
pub fn host_endpoint(host: String) -> Result<String, UserSigError> {
    Ok(Endpoint::host(&host)?.to_string())
}

/// A base URL, checked and normalised: `https://host[:port]`, or `http://` to loopback only.
#[uniffi::export]
pub fn url_endpoint(url: String) -> Result<String, UserSigError> {
    Ok(Endpoint::url(&url)?.to_string())
}

#[uniffi::export]
impl AdminAuth {
    /// URLs for the admin account `admin` of `sdkappid`, sent to the base URL `endpoint`
    /// (see [`url_endpoint`]), with tokens valid `validity` seconds and renewed
    /// `renew_margin` seconds before they expire.
    #[uniffi::constructor]
    pub fn new(
        sdkappid: i64,
        mut key: String,
        admin: String,
        endpoint: String,
        validity: i64,
        renew_margin: i64,
    ) -> Result<Self, UserSigError> {
        let signer = Signer::with_key(sdkappid, &mut key)?;
        Self::build(
            signer.core().clone(),
            &admin,
            &endpoint,
            validity,
            renew_margin,
        )
    }

    /// The same, from an existing signer.
    #[uniffi::constructor]
    pub fn from_signer(
        signer: Arc<Signer>,
        admin: String,
        endpoint: String,
        validity: i64,
        renew_margin: i64,
    ) -> Result<Self, UserSigError> {
        Self::build(
            signer.core().clone(),
            &admin,
            &endpoint,
            validity,
            renew_margin,
        )
    }

    /// The application.
    pub fn sdkappid(&self) -> i64 {
        self.0.sdkappid().into()
    }

    /// The admin account.
    pub fn admin(&self) -> String {
        self.0.admin().to_owned()
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> String {
        self.0.endpoint().to_string()
    }

    /// Validity of each admin token, in seconds.
    pub fn validity(&self) -> i64 {
        self.0.validity()
    }

    /// Renewal margin, in seconds.
    pub fn renew_margin(&self) -> i64 {
        self.0.renew_margin()
    }

    /// The URL to POST to for `service`/`command` now.
    pub fn url(&self, service: String, command: String) -> Result<String, UserSigError> {
        Ok(self.0.url(&service, &command)?)
    }

    /// The URL for `service`/`command` at `now` (Unix seconds): the injected clock.
    pub fn url_at(
        &self,
        service: String,
        command: String,
        now: i64,
    ) -> Result<String, UserSigError> {
        Ok(self.0.url_at(&service, &command, now)?)
    }

    /// The cached admin UserSig at `now`, renewed as `url_at` renews it.
    pub fn user_sig_at(&self, now: i64) -> Result<String, UserSigError> {
        Ok(self.0.user_sig_at(now)?)
    }
}

impl AdminAuth {
    fn build(
        signer: usersig::Signer,
        admin: &str,
        endpoint: &str,
        validity: i64,
        renew_margin: i64,
    ) -> Result<Self, UserSigError> {
        let auth = usersig::AdminAuth::new(signer, admin)?
            .with_endpoint(Endpoint::url(endpoint)?)
            .with_validity(validity, renew_margin)?;
        Ok(AdminAuth(auth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_defaults_come_from_the_core() {
        assert_eq!(region_names().len(), Region::ALL.len());
        assert_eq!(region_names()[6], "silicon-valley");
        assert_eq!(
            region_endpoint("Tokyo".into()).unwrap(),
            "https://adminapijpn.im.qcloud.com"
        );
        assert_eq!(
            region_backup_host("china".into()).unwrap(),
            "adminapi.my-imcloud.com"
        );
        assert!(matches!(
            region_host("mars".into()),
            Err(UserSigError::UnknownRegion { ref name, .. }) if name == "mars"
        ));
        let d = admin_defaults();
        assert_eq!((d.validity, d.renew_margin), (3600, 600));
        assert_eq!(d.endpoint, "https://console.tim.qq.com");
    }

    #[test]
    fn admin_auth_checks_its_inputs_and_mints_once() {
        let make = |admin: &str, endpoint: &str, validity, margin| {
            AdminAuth::new(
                1400000000,
                "key".into(),
                admin.into(),
                endpoint.into(),
                validity,
                margin,
            )
        };
        assert!(matches!(
            make("", "https://a.b", 60, 0),
            Err(UserSigError::EmptyUserId { .. })
        ));
        assert!(matches!(
            make("admin", "http://a.b", 60, 0),
            Err(UserSigError::InvalidEndpoint { .. })
        ));
        assert!(matches!(
            make("admin", "https://a.b", 60, 60),
            Err(UserSigError::RenewMarginOutOfRange {
                margin: 60,
                validity: 60,
                ..
            })
        ));
        let auth = make("admin", "http://127.0.0.1:1", 60, 10).unwrap();
        assert!(matches!(
            auth.url_at("a/b".into(), "c".into(), 1700000000),
            Err(UserSigError::InvalidRestPath { ref part, .. }) if part == "service"
        ));
        let first = auth.user_sig_at(1700000000).unwrap();
        assert_eq!(auth.user_sig_at(1700000050).unwrap(), first);
        assert_ne!(auth.user_sig_at(1700000051).unwrap(), first);
        assert!(!format!("{auth:?}").contains(&first));
    }
}
