//! Every entry point of the C ABI with arbitrary arguments: numbers, bytes that may not be
//! UTF-8, null pointers, short buffers. Each call must return a fault code or a result that
//! decodes, write nothing when the buffer is too small, and never panic or touch memory outside
//! its arguments (the sanitizer checks that).
#![no_main]

use std::ffi::c_char;
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use usersig_ffi::abi::{self, SignerHandle, VerifierHandle, ERR, OK};

/// A byte range argument: real bytes, or a null pointer with a length (a fault unless 0).
#[derive(Arbitrary, Debug)]
enum Range {
    Bytes(Vec<u8>),
    Null(u8),
}

impl Range {
    fn ptr(&self) -> *const c_char {
        match self {
            Range::Bytes(bytes) => bytes.as_ptr().cast(),
            Range::Null(_) => null(),
        }
    }
    fn len(&self) -> usize {
        match self {
            Range::Bytes(bytes) => bytes.len(),
            Range::Null(len) => usize::from(*len),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Call {
    SignerNew(i64, Range),
    VerifierNew(i64, Vec<Vec<u8>>),
    UserSig(Range, i64, i64),
    UserSigNow(Range, i64),
    UserSigWithUserbuf(Range, Range, i64, i64),
    PrivateMapKey(Range, i64, i64, i64, i64),
    PrivateMapKeyWithRoomStr(Range, Range, i64, i64, i64),
    UserSigs(Vec<Vec<u8>>, i64, i64),
    Verify(Range, Range, i64),
    VerifyWithUserbuf(Range, Range, Range, i64),
    Inspect(Range),
    ErrorKinds,
    Constants,
}

#[derive(Arbitrary, Debug)]
struct Input {
    call: Call,
    /// The output buffer's capacity; `None` passes a null buffer of capacity 0.
    cap: Option<u16>,
}

const KEY: &str = "key one";

struct Shared(*mut SignerHandle, *mut VerifierHandle);
// SAFETY: the handles are thread-safe core objects, never freed.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

fn handles() -> &'static Shared {
    static HANDLES: OnceLock<Shared> = OnceLock::new();
    HANDLES.get_or_init(|| unsafe {
        let mut signer = null_mut();
        let mut verifier = null_mut();
        let lens = [KEY.len()];
        assert_eq!(
            abi::usersig_signer_new(
                1_400_000_000,
                KEY.as_ptr().cast(),
                KEY.len(),
                &mut signer,
                null_mut(),
                0
            ),
            0
        );
        assert_eq!(
            abi::usersig_verifier_new(
                1_400_000_000,
                KEY.as_ptr().cast(),
                lens.as_ptr(),
                1,
                &mut verifier,
                null_mut(),
                0
            ),
            0
        );
        Shared(signer, verifier)
    })
}

/// Strings stored one after another, and their lengths.
fn joined(items: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
    (items.concat(), items.iter().map(Vec::len).collect())
}

unsafe fn run(call: &Call, out: *mut c_char, cap: usize) -> i64 {
    let Shared(signer, verifier) = *handles();
    match call {
        Call::SignerNew(app, key) => {
            let mut handle = null_mut();
            let n = abi::usersig_signer_new(*app, key.ptr(), key.len(), &mut handle, out, cap);
            assert_eq!(n == 0, !handle.is_null());
            abi::usersig_signer_free(handle);
            n
        }
        Call::VerifierNew(app, keys) => {
            let (keys, lens) = joined(keys);
            let mut handle = null_mut();
            let n = abi::usersig_verifier_new(
                *app,
                keys.as_ptr().cast(),
                lens.as_ptr(),
                lens.len(),
                &mut handle,
                out,
                cap,
            );
            assert_eq!(n == 0, !handle.is_null());
            abi::usersig_verifier_free(handle);
            n
        }
        Call::UserSig(id, expire, now) => {
            abi::usersig_signer_user_sig_at(signer, id.ptr(), id.len(), *expire, *now, out, cap)
        }
        Call::UserSigNow(id, expire) => {
            abi::usersig_signer_user_sig(signer, id.ptr(), id.len(), *expire, out, cap)
        }
        Call::UserSigWithUserbuf(id, buf, expire, now) => {
            abi::usersig_signer_user_sig_with_userbuf_at(
                signer,
                id.ptr(),
                id.len(),
                buf.ptr(),
                buf.len(),
                *expire,
                *now,
                out,
                cap,
            )
        }
        Call::PrivateMapKey(id, room, privileges, expire, now) => {
            abi::usersig_signer_private_map_key_at(
                signer,
                id.ptr(),
                id.len(),
                *room,
                *privileges,
                *expire,
                *now,
                out,
                cap,
            )
        }
        Call::PrivateMapKeyWithRoomStr(id, room, privileges, expire, now) => {
            abi::usersig_signer_private_map_key_with_room_str_at(
                signer,
                id.ptr(),
                id.len(),
                room.ptr(),
                room.len(),
                *privileges,
                *expire,
                *now,
                out,
                cap,
            )
        }
        Call::UserSigs(ids, expire, now) => {
            let (ids, lens) = joined(ids);
            abi::usersig_signer_user_sigs_at(
                signer,
                ids.as_ptr().cast(),
                lens.as_ptr(),
                lens.len(),
                *expire,
                *now,
                out,
                cap,
            )
        }
        Call::Verify(token, id, now) => abi::usersig_verifier_verify_at(
            verifier,
            token.ptr(),
            token.len(),
            id.ptr(),
            id.len(),
            *now,
            out,
            cap,
        ),
        Call::VerifyWithUserbuf(token, id, buf, now) => {
            abi::usersig_verifier_verify_with_userbuf_at(
                verifier,
                token.ptr(),
                token.len(),
                id.ptr(),
                id.len(),
                buf.ptr(),
                buf.len(),
                *now,
                out,
                cap,
            )
        }
        Call::Inspect(token) => abi::usersig_inspect(token.ptr(), token.len(), out, cap),
        Call::ErrorKinds => abi::usersig_error_kinds(out, cap),
        Call::Constants => abi::usersig_constants(out, cap),
    }
}

fuzz_target!(|input: Input| {
    const SENTINEL: u8 = 0xA5;
    let cap = input.cap.map_or(0, usize::from);
    let mut buf = vec![SENTINEL; cap];
    let out = if input.cap.is_some() {
        buf.as_mut_ptr().cast()
    } else {
        null_mut()
    };
    let n = unsafe { run(&input.call, out, cap) };
    assert!(n >= -4, "unknown fault {n}");
    assert_ne!(
        n,
        abi::Fault::Panicked.code(),
        "the library panicked on {input:?}"
    );
    if n > 0 && n as usize <= cap {
        assert!(buf[0] == OK || buf[0] == ERR, "bad tag");
    } else {
        assert!(
            buf.iter().all(|&b| b == SENTINEL),
            "wrote without room or on a fault"
        );
    }
});
