//! Reading the caller's arguments: byte ranges, UTF-8 text, lists of strings, handles, numbers.

use std::ffi::c_char;

use crate::abi::call::Fault;

/// The `len` bytes at `ptr`; empty when `len` is 0, whatever `ptr` is (JNA and ctypes may pass
/// null for an empty array).
///
/// # Safety
/// If `len` is not 0, `ptr` must be null or point to `len` readable bytes that outlive the slice.
pub(crate) unsafe fn bytes<'a>(ptr: *const c_char, len: usize) -> Result<&'a [u8], Fault> {
    if len == 0 {
        Ok(&[])
    } else if len > isize::MAX as usize {
        Err(Fault::LengthOverflow)
    } else if ptr.is_null() {
        Err(Fault::NullPointer)
    } else {
        Ok(std::slice::from_raw_parts(ptr.cast::<u8>(), len))
    }
}

/// The `len` bytes at `ptr` as text.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, Fault> {
    std::str::from_utf8(bytes(ptr, len)?).map_err(|_| Fault::NotUtf8)
}

/// `count` strings stored one after another at `ptr`, their lengths in bytes at `lens`.
///
/// # Safety
/// `lens` must be null or point to `count` readable `usize`s (if `count` is not 0), and `ptr` to
/// as many readable bytes as they add up to (if that is not 0).
pub(crate) unsafe fn texts<'a>(
    ptr: *const c_char,
    lens: *const usize,
    count: usize,
) -> Result<Vec<&'a str>, Fault> {
    let lens: &[usize] = if count == 0 {
        &[]
    } else if count > isize::MAX as usize / std::mem::size_of::<usize>() {
        return Err(Fault::LengthOverflow);
    } else if lens.is_null() {
        return Err(Fault::NullPointer);
    } else {
        std::slice::from_raw_parts(lens, count)
    };
    let total = lens
        .iter()
        .try_fold(0usize, |sum, &len| sum.checked_add(len))
        .ok_or(Fault::LengthOverflow)?;
    let mut rest = bytes(ptr, total)?;
    let mut strings = Vec::with_capacity(lens.len());
    for &len in lens {
        let (first, tail) = rest.split_at(len);
        strings.push(std::str::from_utf8(first).map_err(|_| Fault::NotUtf8)?);
        rest = tail;
    }
    Ok(strings)
}

/// The object behind a handle.
///
/// # Safety
/// `handle` must be null or a live handle to a `T`, not freed while the reference is used.
pub(crate) unsafe fn object<'a, T>(handle: *const T) -> Result<&'a T, Fault> {
    handle.as_ref().ok_or(Fault::NullPointer)
}

/// The sdkappid as the core takes it: the bindings pass a signed 64-bit integer.
pub(crate) fn sdkappid(value: i64) -> Result<u32, usersig::Error> {
    u32::try_from(value).map_err(|_| usersig::Error::SdkAppIdOutOfRange { value })
}
