//! The project's own C ABI: every call of the core, for the JVM (JNA) and Python (cffi).
//!
//! `docs/abi.md` is its contract: the calling convention, the result encoding and the fault
//! codes. In short, every call takes numbers and `(pointer, length)` byte ranges, writes a tagged
//! result into the caller's buffer if it fits, and returns the result's length, or a negative
//! [`Fault`] code. Handles are boxes of core objects; freeing one drops the object,
//! which wipes its prepared HMAC state.
//!
//! This is the crate's only `unsafe` code. Each entry point checks its pointers for null, runs
//! under `catch_unwind`, and is exercised under Miri by this module's tests.

mod admin;
mod args;
mod call;
mod callback;
#[cfg(any(test, fuzzing))]
pub mod decode;
mod encode;
mod exports;
mod signer;
mod verifier;

#[cfg(test)]
mod tests;

pub use admin::*;
pub use call::Fault;
pub use callback::*;
pub use encode::{ERR, OK};
pub use exports::*;
pub use signer::*;
pub use verifier::*;
