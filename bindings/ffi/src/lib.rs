//! The UniFFI surface of `usersig`: type conversion only, every behaviour lives in the core crate.
//!
//! Numbers cross as `i64` because the JVM has no unsigned types; each is range-checked by the core
//! into a typed error. Methods without an explicit clock have a twin ending in `_at` instead of an
//! optional argument, since an `Option` costs the foreign side an extra buffer per call.
//!
//! Beside UniFFI, which Swift uses, [`abi`] is the project's own C ABI, which the JVM and Python
//! use (`docs/abi.md`); [`capi`] is the public C API of `bindings/c` (`usersig.h`).

pub mod abi;
mod admin;
mod callback;
pub mod capi;
mod error;
mod signer;
mod types;
mod verifier;

pub use admin::{
    admin_defaults, host_endpoint, region_backup_host, region_endpoint, region_host, region_names,
    url_endpoint, AdminAuth, AdminDefaults,
};
pub use callback::{
    callback_limits, CallbackLimits, ChatCallback, ChatCallbackVerifier, QueryParam, TrtcCallback,
    TrtcCallbackVerifier,
};
pub use error::{Malformation, UserSigError};
pub use signer::{default_expire, Signer};
pub use types::{Claims, Grant, Room};
pub use verifier::{inspect, Verifier};

uniffi::setup_scaffolding!("usersig_ffi");
