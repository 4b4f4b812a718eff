//! The core's [`usersig::AdminAuth`]: REST API URLs signed with a cached administrator UserSig.

use usersig::{Endpoint, Region};
use wasm_bindgen::prelude::*;

use crate::{int, sdkappid_of, wipe, Failure};

/// Where the REST API is, as the JavaScript names it.
fn endpoint(kind: &str, value: &str) -> Result<Endpoint, Failure> {
    Ok(match kind {
        "region" => Endpoint::region(Region::from_name(value)?),
        "host" => Endpoint::host(value)?,
        _ => Endpoint::url(value)?,
    })
}

/// Signs REST API URLs as the application's administrator; the token is cached and renewed
/// `renew_margin` seconds before it expires.
#[wasm_bindgen]
pub struct AdminAuth(usersig::AdminAuth);

#[wasm_bindgen]
impl AdminAuth {
    /// An AdminAuth for `sdkappid` with `key` as `admin`, at the endpoint `endpoint_kind`
    /// (`"region"`, `"host"` or `"url"`) `endpoint_value`, minting tokens valid `validity`
    /// seconds.
    #[wasm_bindgen(constructor)]
    pub fn new(
        sdkappid: f64,
        mut key: String,
        admin: &str,
        endpoint_kind: &str,
        endpoint_value: &str,
        validity: f64,
        renew_margin: f64,
    ) -> Result<AdminAuth, Failure> {
        let auth =
            sdkappid_of(sdkappid).and_then(|id| Ok(usersig::AdminAuth::from_key(id, &key, admin)?));
        wipe(&mut key);
        let auth = auth?
            .with_endpoint(endpoint(endpoint_kind, endpoint_value)?)
            .with_validity(int(validity), int(renew_margin))?;
        Ok(AdminAuth(auth))
    }

    /// The REST API URL of `service`/`command` at `now`.
    #[wasm_bindgen(js_name = urlAt)]
    pub fn url_at(&self, service: &str, command: &str, now: f64) -> Result<String, Failure> {
        Ok(self.0.url_at(service, command, int(now))?)
    }

    /// The cached administrator UserSig at `now` (renewed as `url_at` would).
    #[wasm_bindgen(js_name = userSigAt)]
    pub fn user_sig_at(&self, now: f64) -> Result<String, Failure> {
        Ok(self.0.user_sig_at(int(now))?)
    }

    /// The administrator's user id.
    #[wasm_bindgen(getter)]
    pub fn admin(&self) -> String {
        self.0.admin().to_owned()
    }

    /// The endpoint's base URL.
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.0.endpoint().as_str().to_owned()
    }

    /// How long each administrator UserSig is valid, in seconds.
    #[wasm_bindgen(getter)]
    pub fn validity(&self) -> f64 {
        self.0.validity() as f64
    }

    /// How long before expiry the token is renewed, in seconds.
    #[wasm_bindgen(getter, js_name = renewMargin)]
    pub fn renew_margin(&self) -> f64 {
        self.0.renew_margin() as f64
    }
}
