//! The calling convention: results into the caller's buffer, faults as negative returns, no
//! panic across the boundary, handles made and dropped here.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use usersig::Error;

use crate::abi::encode::{self, OK};

/// Why a call wrote nothing: a misuse of the ABI by the binding, or a bug in the library.
/// Each is returned as its negative code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// A string argument is not UTF-8 (-1).
    NotUtf8,
    /// The library panicked, which it must never do (-2).
    Panicked,
    /// A handle, a data pointer with a non-zero length, the handle's out-pointer, or the
    /// output buffer with a non-zero capacity is null (-3).
    NullPointer,
    /// A length or capacity is larger than `isize::MAX` bytes, or lengths add up past it (-4).
    LengthOverflow,
}

impl Fault {
    /// The negative value the entry points return for this fault.
    pub const fn code(self) -> i64 {
        match self {
            Fault::NotUtf8 => -1,
            Fault::Panicked => -2,
            Fault::NullPointer => -3,
            Fault::LengthOverflow => -4,
        }
    }
}

/// Runs `call`, which writes a tagged result into the buffer it is given, and copies that result
/// to `out` if it fits in `cap` bytes. Returns the result's length either way (when it does not
/// fit, nothing is written and the length plus `slack` is returned, enough for a retry), or a
/// fault's code.
///
/// # Safety
/// `out` must be null or point to `cap` writable bytes.
pub(crate) unsafe fn respond(
    out: *mut c_char,
    cap: usize,
    slack: usize,
    call: impl FnOnce(&mut Vec<u8>) -> Result<(), Fault>,
) -> i64 {
    if let Err(fault) = check_out(out, cap) {
        return fault.code();
    }
    // The calls only read shared state, so a panic leaves nothing half-changed behind.
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut buf = Vec::with_capacity(256);
        call(&mut buf).map(|()| buf)
    }));
    match result {
        Ok(Ok(result)) => {
            if result.len() <= cap {
                // An empty result (a constructor's success) may have a null `out` to go to,
                // which `copy_nonoverlapping` must not be given even for zero bytes before
                // Rust 1.84.
                if !result.is_empty() {
                    std::ptr::copy_nonoverlapping(result.as_ptr(), out.cast::<u8>(), result.len());
                }
                length(result.len())
            } else {
                length(result.len().saturating_add(slack))
            }
        }
        Ok(Err(fault)) => fault.code(),
        Err(_) => Fault::Panicked.code(),
    }
}

/// As [`respond`] for a call whose value is one token: the token is written straight into
/// `out` after the [`OK`] tag, without passing through a buffer of its own (the hot path of a
/// binding's per-call signing). An error is written as [`respond`] writes it.
///
/// # Safety
/// As [`respond`].
pub(crate) unsafe fn respond_token(
    out: *mut c_char,
    cap: usize,
    call: impl FnOnce() -> Result<Result<String, Error>, Fault>,
) -> i64 {
    if let Err(fault) = check_out(out, cap) {
        return fault.code();
    }
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(Ok(token))) => {
            let len = 1 + token.len();
            if len <= cap {
                let out = out.cast::<u8>();
                out.write(OK);
                std::ptr::copy_nonoverlapping(token.as_ptr(), out.add(1), token.len());
            }
            length(len)
        }
        Ok(Ok(Err(error))) => respond(out, cap, 0, |buf| {
            encode::error(buf, &error);
            Ok(())
        }),
        Ok(Err(fault)) => fault.code(),
        Err(_) => Fault::Panicked.code(),
    }
}

/// Runs the constructor `make`: on success stores the boxed object at `handle_out` and returns
/// 0; on a refusal stores null there and answers with the error as [`respond`] does.
///
/// # Safety
/// `handle_out` must be null or point to a writable pointer; `out` as for [`respond`].
pub(crate) unsafe fn construct<T>(
    handle_out: *mut *mut T,
    out: *mut c_char,
    cap: usize,
    make: impl FnOnce() -> Result<Result<T, usersig::Error>, Fault>,
) -> i64 {
    if handle_out.is_null() {
        return Fault::NullPointer.code();
    }
    handle_out.write(std::ptr::null_mut());
    let mut made = None;
    let answer = respond(out, cap, 0, |buf| match make()? {
        Ok(object) => {
            made = Some(object);
            Ok(())
        }
        Err(error) => {
            encode::error(buf, &error);
            Ok(())
        }
    });
    match made {
        Some(object) => {
            handle_out.write(Box::into_raw(Box::new(object)));
            0
        }
        None => answer,
    }
}

/// Drops an object boxed by [`construct`]; null is ignored.
///
/// # Safety
/// `handle` must be null or from [`construct`] for the same `T`, used by no running call and
/// never used again.
pub(crate) unsafe fn release<T>(handle: *mut T) {
    if !handle.is_null() {
        // Dropping a core object wipes its key material and cannot panic; a panic would still
        // stop here rather than cross into the caller.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(handle))));
    }
}

/// The output buffer is usable: null only with capacity 0, and not beyond `isize::MAX`.
fn check_out(out: *mut c_char, cap: usize) -> Result<(), Fault> {
    if cap > isize::MAX as usize {
        Err(Fault::LengthOverflow)
    } else if out.is_null() && cap > 0 {
        Err(Fault::NullPointer)
    } else {
        Ok(())
    }
}

/// A result's length as returned; results are bounded far below `i64::MAX`.
fn length(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}
