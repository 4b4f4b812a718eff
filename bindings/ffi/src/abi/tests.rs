//! Every entry point, with good and bad arguments: wrong lengths, invalid UTF-8, buffers too
//! small, null pointers. Small enough to run under Miri (`scripts/miri.sh`).

use std::ffi::c_char;
use std::ptr::{null, null_mut};

use usersig::{Claims, Error, ErrorKind, Malformation, Privileges, Room, Signer, Verifier};

use super::decode::{self, ClaimsView, Field, Refusal};

mod callbacks;
use super::*;

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const APP: i64 = 1400000000;
const NOW: i64 = 1700000000;

/// A pointer to `bytes` as the ABI takes it.
fn ptr(bytes: &[u8]) -> *const c_char {
    bytes.as_ptr().cast()
}

/// Runs `crossing` with an output buffer of `cap` bytes; its return and the bytes it wrote.
fn call(cap: usize, crossing: impl FnOnce(*mut c_char, usize) -> i64) -> (i64, Vec<u8>) {
    let mut out = vec![0xAAu8; cap];
    let n = crossing(out.as_mut_ptr().cast(), cap);
    (n, out)
}

/// The result of `crossing`, asked for with a buffer too small (checked to be left untouched)
/// and then with one of the length it returned.
fn answer(mut crossing: impl FnMut(*mut c_char, usize) -> i64) -> Vec<u8> {
    let need = crossing(null_mut(), 0);
    assert!(need > 0, "fault {need}");
    let (n, short) = call(need as usize - 1, &mut crossing);
    assert_eq!(n, need);
    assert!(
        short.iter().all(|&b| b == 0xAA),
        "a short buffer was written to"
    );
    let (n, mut out) = call(need as usize + 3, &mut crossing);
    assert_eq!(n, need);
    assert_eq!(&out[need as usize..], [0xAA; 3], "wrote past the result");
    out.truncate(n as usize);
    out
}

/// The error of a result, decoded strictly.
fn refusal(result: &[u8]) -> Refusal {
    decode::refusal(result).unwrap()
}

/// What the error should look like: the core's kind, code and message, and `fields`.
fn expected(error: Error, fields: &[(&str, Field)]) -> Refusal {
    Refusal::of(&error, fields)
}

fn token(result: &[u8]) -> String {
    decode::token(result)
        .unwrap()
        .unwrap_or_else(|refusal| panic!("not a value: {refusal:?}"))
}

/// Checks that `result` encodes exactly `claims`.
fn assert_claims(result: &[u8], claims: &Claims) {
    assert_eq!(
        decode::claims(result).unwrap(),
        Ok(ClaimsView::from(claims))
    );
}

/// A new signer's handle, or the constructor's result.
fn signer_new(sdkappid: i64, key: *const c_char, len: usize) -> Result<*mut SignerHandle, Vec<u8>> {
    let mut handle = null_mut();
    let n = unsafe { usersig_signer_new(sdkappid, key, len, &mut handle, null_mut(), 0) };
    if n == 0 {
        assert!(!handle.is_null());
        return Ok(handle);
    }
    assert!(handle.is_null());
    Err(answer(|out, cap| unsafe {
        usersig_signer_new(sdkappid, key, len, &mut handle, out, cap)
    }))
}

fn with_signer(test: impl FnOnce(*const SignerHandle)) {
    let signer = signer_new(APP, ptr(KEY.as_bytes()), KEY.len()).unwrap();
    test(signer);
    unsafe { usersig_signer_free(signer) };
}

fn core_signer() -> Signer {
    Signer::new(APP as u32, KEY).unwrap()
}

fn user_sig(signer: *const SignerHandle, user_id: &[u8], expire: i64) -> Vec<u8> {
    answer(|out, cap| unsafe {
        usersig_signer_user_sig_at(signer, ptr(user_id), user_id.len(), expire, NOW, out, cap)
    })
}

#[test]
fn the_version_kinds_and_constants_are_the_cores() {
    assert_eq!(usersig_abi_version(), 3);
    let kinds = answer(|out, cap| unsafe { usersig_error_kinds(out, cap) });
    let listed = decode::kinds(&kinds).unwrap();
    let core: Vec<(String, i32)> = ErrorKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.tencent_code().unwrap_or(0)))
        .collect();
    assert_eq!(listed, core);
    assert!(listed.contains(&("bad_signature".into(), 70009)));

    let constants = answer(|out, cap| unsafe { usersig_constants(out, cap) });
    let listed = decode::constants(&constants).unwrap();
    assert!(listed.contains(&("DEFAULT_EXPIRE".into(), 15552000)));
    assert!(listed.contains(&("MAX_EXPIRE".into(), usersig::MAX_EXPIRE)));
    assert!(listed.contains(&("MAX_ROOM_ID".into(), 4294967294)));
    assert!(listed.contains(&("DEFAULT_ADMIN_VALIDITY".into(), 3600)));
    assert_eq!(listed.len(), CONSTANTS.len());
}

#[test]
fn a_user_sig_is_the_cores_token_whatever_the_buffer() {
    with_signer(|signer| {
        let minted = token(&user_sig(signer, "用户".as_bytes(), 15552000));
        assert_eq!(
            minted,
            core_signer().user_sig_at("用户", 15552000, NOW).unwrap()
        );
        let official = token(&user_sig(signer, b"xiaojun", 15552000));
        let claims = usersig::inspect(&official).unwrap();
        assert_eq!(
            claims.signature,
            "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="
        );
    });
}

#[test]
fn signing_refusals_are_the_cores_errors_with_their_fields() {
    with_signer(|signer| {
        assert_eq!(
            refusal(&user_sig(signer, b"", 60)),
            expected(Error::EmptyUserId, &[])
        );
        let max = usersig::MAX_EXPIRE;
        assert_eq!(
            refusal(&user_sig(signer, b"alice", 0)),
            expected(
                Error::ExpireOutOfRange { expire: 0, max },
                &[("expire", Field::Int(0)), ("max", Field::Int(max))]
            )
        );
        let long = vec![b'a'; usersig::MAX_USER_ID_LEN + 1];
        assert_eq!(
            refusal(&user_sig(signer, &long, 60)),
            expected(
                Error::UserIdTooLong {
                    len: long.len(),
                    max: usersig::MAX_USER_ID_LEN
                },
                &[("length", Field::Int(1025)), ("max", Field::Int(1024))]
            )
        );
        assert_eq!(
            refusal(&user_sig(signer, "al\u{1b}ce".as_bytes(), 60)),
            expected(
                Error::UserIdControlChar { position: 2 },
                &[("position", Field::Int(2))]
            )
        );
    });
}

#[test]
fn bad_arguments_are_faults_that_write_nothing() {
    with_signer(|signer| unsafe {
        let fault = |n: i64, fault: Fault| assert_eq!(n, fault.code());
        let (n, out) = call(64, |out, cap| {
            usersig_signer_user_sig_at(signer, ptr(b"\xff"), 1, 60, NOW, out, cap)
        });
        fault(n, Fault::NotUtf8);
        assert!(out.iter().all(|&b| b == 0xAA));
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sig_at(signer, null(), 5, 60, NOW, out, cap)
        });
        fault(n, Fault::NullPointer);
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sig_at(null(), ptr(b"a"), 1, 60, NOW, out, cap)
        });
        fault(n, Fault::NullPointer);
        let n = usersig_signer_user_sig_at(signer, ptr(b"a"), 1, 60, NOW, null_mut(), 8);
        fault(n, Fault::NullPointer);
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sig_at(signer, ptr(b"a"), usize::MAX, 60, NOW, out, cap)
        });
        fault(n, Fault::LengthOverflow);
        let mut one = [0u8; 1];
        let n = usersig_signer_user_sig_at(
            signer,
            ptr(b"a"),
            1,
            60,
            NOW,
            one.as_mut_ptr().cast(),
            usize::MAX,
        );
        fault(n, Fault::LengthOverflow);
        // An empty user id may come with any pointer, null included: it is the core's refusal.
        let refused =
            answer(|out, cap| usersig_signer_user_sig_at(signer, null(), 0, 60, NOW, out, cap));
        assert_eq!(refusal(&refused).kind, "empty_user_id");
    });
}

#[test]
fn user_sig_without_a_time_is_issued_by_the_system_clock() {
    let unix_now = || {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since.unwrap().as_secs() as i64
    };
    with_signer(|signer| unsafe {
        let before = unix_now();
        let result =
            answer(|out, cap| usersig_signer_user_sig(signer, ptr(b"alice"), 5, 600, out, cap));
        let after = unix_now();
        let claims = Verifier::new(APP as u32, KEY)
            .unwrap()
            .verify_at(&token(&result), "alice", after)
            .unwrap();
        assert!((before..=after).contains(&claims.issued_at));
        assert_eq!(claims.expire, 600);
        let refused =
            answer(|out, cap| usersig_signer_user_sig(signer, ptr(b"alice"), 5, 0, out, cap));
        assert_eq!(refusal(&refused).kind, "expire_out_of_range");
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sig(signer, ptr(b"\xff"), 1, 60, out, cap)
        });
        assert_eq!(n, Fault::NotUtf8.code());
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sig(null(), ptr(b"a"), 1, 60, out, cap)
        });
        assert_eq!(n, Fault::NullPointer.code());
    });
}

#[test]
fn constructors_report_their_typed_error_and_make_no_handle() {
    let refused = signer_new(APP, null(), 0).unwrap_err();
    assert_eq!(refusal(&refused), expected(Error::EmptyKey, &[]));
    let refused = signer_new(-1, ptr(KEY.as_bytes()), KEY.len()).unwrap_err();
    assert_eq!(
        refusal(&refused),
        expected(
            Error::SdkAppIdOutOfRange { value: -1 },
            &[("value", Field::Int(-1))]
        )
    );
    unsafe {
        let mut handle = null_mut();
        let n = usersig_signer_new(APP, ptr(b"\xfe"), 1, &mut handle, null_mut(), 0);
        assert_eq!(n, Fault::NotUtf8.code());
        assert!(handle.is_null());
        let n = usersig_signer_new(APP, null(), 3, &mut handle, null_mut(), 0);
        assert_eq!(n, Fault::NullPointer.code());
        let n = usersig_signer_new(APP, ptr(b"k"), 1, null_mut(), null_mut(), 0);
        assert_eq!(n, Fault::NullPointer.code());
        usersig_signer_free(null_mut());
        usersig_verifier_free(null_mut());
    }
}

#[test]
fn userbufs_and_private_map_keys_are_the_cores_tokens() {
    with_signer(|signer| unsafe {
        let core = core_signer();
        let userbuf = b"\0\x01\xffbuf";
        let minted = token(&answer(|out, cap| {
            usersig_signer_user_sig_with_userbuf_at(
                signer,
                ptr(b"bob"),
                3,
                ptr(userbuf),
                userbuf.len(),
                600,
                NOW,
                out,
                cap,
            )
        }));
        assert_eq!(
            minted,
            core.user_sig_with_userbuf_at("bob", userbuf, 600, NOW)
                .unwrap()
        );

        let pmk = |room_id: i64, privileges: i64| {
            answer(|out, cap| {
                usersig_signer_private_map_key_at(
                    signer,
                    ptr(b"bob"),
                    3,
                    room_id,
                    privileges,
                    600,
                    NOW,
                    out,
                    cap,
                )
            })
        };
        assert_eq!(
            token(&pmk(10000, 255)),
            core.private_map_key_at("bob", &Room::Numeric(10000), Privileges::ALL, 600, NOW)
                .unwrap()
        );
        assert_eq!(
            refusal(&pmk(0, 255)),
            expected(
                Error::RoomIdOutOfRange { room_id: 0 },
                &[("room_id", Field::Int(0))]
            )
        );
        assert_eq!(
            refusal(&pmk(7, 256)),
            expected(
                Error::PrivilegeOutOfRange { value: 256 },
                &[("value", Field::Int(256))]
            )
        );

        let named = |room: &[u8]| {
            answer(|out, cap| {
                usersig_signer_private_map_key_with_room_str_at(
                    signer,
                    ptr(b"bob"),
                    3,
                    ptr(room),
                    room.len(),
                    42,
                    600,
                    NOW,
                    out,
                    cap,
                )
            })
        };
        let room = Room::Named("房间".into());
        assert_eq!(
            token(&named("房间".as_bytes())),
            core.private_map_key_at("bob", &room, Privileges::from_bits(42), 600, NOW)
                .unwrap()
        );
        assert_eq!(refusal(&named(b"")), expected(Error::EmptyRoomStr, &[]));
        let (n, _) = call(512, |out, cap| {
            usersig_signer_private_map_key_with_room_str_at(
                signer,
                ptr(b"bob"),
                3,
                ptr(b"\xc3"),
                1,
                42,
                600,
                NOW,
                out,
                cap,
            )
        });
        assert_eq!(n, Fault::NotUtf8.code());
    });
}

#[test]
fn a_batch_is_the_cores_tokens_or_its_first_error() {
    with_signer(|signer| unsafe {
        let batch = |ids: &[&str]| {
            let joined = ids.concat();
            let lens: Vec<usize> = ids.iter().map(|id| id.len()).collect();
            answer(|out, cap| {
                usersig_signer_user_sigs_at(
                    signer,
                    ptr(joined.as_bytes()),
                    lens.as_ptr(),
                    lens.len(),
                    60,
                    NOW,
                    out,
                    cap,
                )
            })
        };
        let ids = ["alice", "用户", "a"];
        let tokens = decode::token_list(&batch(&ids)).unwrap().unwrap();
        assert_eq!(tokens, core_signer().user_sigs_at(&ids, 60, NOW).unwrap());
        assert_eq!(batch(&[]), [OK, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(refusal(&batch(&["x", ""])).kind, "empty_user_id");

        let lens = [1usize, usize::MAX];
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sigs_at(signer, ptr(b"ab"), lens.as_ptr(), 2, 60, NOW, out, cap)
        });
        assert_eq!(n, Fault::LengthOverflow.code());
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sigs_at(signer, ptr(b"ab"), null(), 2, 60, NOW, out, cap)
        });
        assert_eq!(n, Fault::NullPointer.code());
        let lens = [1usize, 1];
        let (n, _) = call(64, |out, cap| {
            usersig_signer_user_sigs_at(signer, ptr(b"a\xff"), lens.as_ptr(), 2, 60, NOW, out, cap)
        });
        assert_eq!(n, Fault::NotUtf8.code());
    });
}

/// A new verifier for `keys`, or the constructor's result.
fn verifier_new(sdkappid: i64, keys: &[&[u8]]) -> Result<*mut VerifierHandle, Vec<u8>> {
    let joined = keys.concat();
    let lens: Vec<usize> = keys.iter().map(|k| k.len()).collect();
    let mut handle = null_mut();
    let n = unsafe {
        usersig_verifier_new(
            sdkappid,
            ptr(&joined),
            lens.as_ptr(),
            lens.len(),
            &mut handle,
            null_mut(),
            0,
        )
    };
    if n == 0 {
        assert!(!handle.is_null());
        return Ok(handle);
    }
    assert!(handle.is_null());
    Err(answer(|out, cap| unsafe {
        usersig_verifier_new(
            sdkappid,
            ptr(&joined),
            lens.as_ptr(),
            lens.len(),
            &mut handle,
            out,
            cap,
        )
    }))
}

fn verify(verifier: *const VerifierHandle, token: &str, user_id: &str, now: i64) -> Vec<u8> {
    answer(|out, cap| unsafe {
        usersig_verifier_verify_at(
            verifier,
            ptr(token.as_bytes()),
            token.len(),
            ptr(user_id.as_bytes()),
            user_id.len(),
            now,
            out,
            cap,
        )
    })
}

#[test]
fn a_verifier_with_two_keys_returns_the_cores_claims_and_errors() {
    let other = "another key";
    let verifier = verifier_new(APP, &[KEY.as_bytes(), other.as_bytes()]).unwrap();
    let core = Verifier::with_keys(APP as u32, [KEY, other]).unwrap();
    for key in [KEY, other] {
        let minted = Signer::new(APP as u32, key)
            .unwrap()
            .user_sig_at("amy", 60, NOW)
            .unwrap();
        assert_claims(
            &verify(verifier, &minted, "amy", NOW),
            &core.verify_at(&minted, "amy", NOW).unwrap(),
        );
        assert_eq!(
            refusal(&verify(verifier, &minted, "amy", NOW + 61)),
            expected(
                core.verify_at(&minted, "amy", NOW + 61).unwrap_err(),
                &[
                    ("expired_at", Field::Int(NOW + 60)),
                    ("now", Field::Int(NOW + 61))
                ]
            )
        );
        assert_eq!(
            refusal(&verify(verifier, &minted, "bob", NOW)),
            expected(
                core.verify_at(&minted, "bob", NOW).unwrap_err(),
                &[
                    ("expected", Field::Text("bob".into())),
                    ("found", Field::Text("amy".into()))
                ]
            )
        );
    }
    let foreign = Signer::new(7, KEY)
        .unwrap()
        .user_sig_at("amy", 60, NOW)
        .unwrap();
    assert_eq!(
        refusal(&verify(verifier, &foreign, "amy", NOW)),
        expected(
            Error::SdkAppIdMismatch {
                expected: APP as u32,
                found: 7
            },
            &[("expected", Field::Int(APP)), ("found", Field::Int(7))]
        )
    );
    let forged = Signer::new(APP as u32, "wrong")
        .unwrap()
        .user_sig_at("amy", 60, NOW)
        .unwrap();
    assert_eq!(
        refusal(&verify(verifier, &forged, "amy", NOW)),
        expected(Error::BadSignature, &[])
    );
    unsafe { usersig_verifier_free(verifier) };
}

#[test]
fn verifying_with_a_userbuf_returns_the_grant_of_either_room_kind() {
    let verifier = verifier_new(APP, &[KEY.as_bytes()]).unwrap();
    let core = Verifier::new(APP as u32, KEY).unwrap();
    for room in [Room::Numeric(7), Room::Named("lobby".into())] {
        let pmk = core_signer()
            .private_map_key_at("amy", &room, Privileges::ENTER_ROOM, 60, NOW)
            .unwrap();
        let userbuf = usersig::inspect(&pmk).unwrap().userbuf.unwrap();
        let check = |userbuf: &[u8]| {
            answer(|out, cap| unsafe {
                usersig_verifier_verify_with_userbuf_at(
                    verifier,
                    ptr(pmk.as_bytes()),
                    pmk.len(),
                    ptr(b"amy"),
                    3,
                    ptr(userbuf),
                    userbuf.len(),
                    NOW,
                    out,
                    cap,
                )
            })
        };
        let claims = core
            .verify_with_userbuf_at(&pmk, "amy", &userbuf, NOW)
            .unwrap();
        assert_eq!(claims.grant.as_ref().unwrap().room, room);
        assert_claims(&check(&userbuf), &claims);
        assert_eq!(
            refusal(&check(b"other")),
            expected(Error::UserbufMismatch, &[])
        );
        let verify = |crossing: unsafe extern "C" fn(_, _, _, _, _, _, _, _) -> i64| {
            answer(|out, cap| unsafe {
                crossing(
                    verifier.cast_const(),
                    ptr(pmk.as_bytes()),
                    pmk.len(),
                    ptr(b"amy"),
                    3,
                    NOW,
                    out,
                    cap,
                )
            })
        };
        assert_eq!(
            refusal(&verify(usersig_verifier_verify_at)),
            expected(Error::UnexpectedUserbuf, &[])
        );
        assert_claims(&verify(usersig_verifier_verify_any_userbuf_at), &claims);
    }
    let plain = core_signer().user_sig_at("amy", 60, NOW).unwrap();
    let missing = answer(|out, cap| unsafe {
        usersig_verifier_verify_with_userbuf_at(
            verifier,
            ptr(plain.as_bytes()),
            plain.len(),
            ptr(b"amy"),
            3,
            ptr(b"x"),
            1,
            NOW,
            out,
            cap,
        )
    });
    assert_eq!(refusal(&missing), expected(Error::MissingUserbuf, &[]));
    let any = answer(|out, cap| unsafe {
        usersig_verifier_verify_any_userbuf_at(
            verifier,
            ptr(plain.as_bytes()),
            plain.len(),
            ptr(b"amy"),
            3,
            NOW,
            out,
            cap,
        )
    });
    assert_claims(&any, &core.verify_at(&plain, "amy", NOW).unwrap());
    unsafe { usersig_verifier_free(verifier) };
}

#[test]
fn verifier_constructors_and_calls_refuse_bad_arguments() {
    let refused = verifier_new(APP, &[]).unwrap_err();
    assert_eq!(refusal(&refused), expected(Error::EmptyKey, &[]));
    let refused = verifier_new(APP, &[KEY.as_bytes(), b""]).unwrap_err();
    assert_eq!(refusal(&refused).kind, "empty_key");
    let refused = verifier_new(1 << 32, &[KEY.as_bytes()]).unwrap_err();
    assert_eq!(refusal(&refused).kind, "sdkappid_out_of_range");
    unsafe {
        let mut handle = null_mut();
        let lens = [1usize];
        let n = usersig_verifier_new(
            APP,
            ptr(b"\xff"),
            lens.as_ptr(),
            1,
            &mut handle,
            null_mut(),
            0,
        );
        assert_eq!(n, Fault::NotUtf8.code());
        let n = usersig_verifier_new(APP, null(), lens.as_ptr(), 1, &mut handle, null_mut(), 0);
        assert_eq!(n, Fault::NullPointer.code());
        let n = usersig_verifier_new(APP, ptr(b"k"), null(), 1, &mut handle, null_mut(), 0);
        assert_eq!(n, Fault::NullPointer.code());
        let n = usersig_verifier_new(
            APP,
            ptr(b"k"),
            lens.as_ptr(),
            usize::MAX,
            &mut handle,
            null_mut(),
            0,
        );
        assert_eq!(n, Fault::LengthOverflow.code());
        assert!(handle.is_null());
    }
    let verifier = verifier_new(APP, &[KEY.as_bytes()]).unwrap();
    unsafe {
        let (n, _) = call(64, |out, cap| {
            usersig_verifier_verify_at(verifier, ptr(b"\xff"), 1, ptr(b"a"), 1, NOW, out, cap)
        });
        assert_eq!(n, Fault::NotUtf8.code());
        let (n, _) = call(64, |out, cap| {
            usersig_verifier_verify_at(null(), ptr(b"t"), 1, ptr(b"a"), 1, NOW, out, cap)
        });
        assert_eq!(n, Fault::NullPointer.code());
        let (n, _) = call(64, |out, cap| {
            usersig_verifier_verify_any_userbuf_at(
                verifier,
                ptr(b"t"),
                1,
                ptr(b"\xff"),
                1,
                NOW,
                out,
                cap,
            )
        });
        assert_eq!(n, Fault::NotUtf8.code());
        let (n, _) = call(64, |out, cap| {
            usersig_verifier_verify_any_userbuf_at(
                null(),
                ptr(b"t"),
                1,
                ptr(b"a"),
                1,
                NOW,
                out,
                cap,
            )
        });
        assert_eq!(n, Fault::NullPointer.code());
        let (n, _) = call(64, |out, cap| {
            usersig_verifier_verify_with_userbuf_at(
                verifier,
                ptr(b"t"),
                1,
                ptr(b"a"),
                1,
                null(),
                4,
                NOW,
                out,
                cap,
            )
        });
        assert_eq!(n, Fault::NullPointer.code());
        usersig_verifier_free(verifier);
    }
}

#[test]
fn inspect_returns_claims_or_the_malformation() {
    let minted = core_signer()
        .private_map_key_at("zoe", &Room::Numeric(9), Privileges::ALL, 60, NOW)
        .unwrap();
    let inspect = |token: &[u8]| {
        answer(|out, cap| unsafe { usersig_inspect(ptr(token), token.len(), out, cap) })
    };
    assert_claims(
        &inspect(minted.as_bytes()),
        &usersig::inspect(&minted).unwrap(),
    );
    assert_eq!(
        refusal(&inspect(b"not a token")),
        expected(
            Error::Malformed(Malformation::Base64),
            &[("reason", Field::Text("base64".into()))]
        )
    );
    assert_eq!(refusal(&inspect(b"")).kind, "malformed");
    let long = vec![b'a'; usersig::MAX_TOKEN_LEN + 1];
    assert_eq!(
        refusal(&inspect(&long)).fields,
        [
            ("reason".to_string(), Field::Text("too_long".into())),
            ("length".to_string(), Field::Int(long.len() as i64)),
            ("max".to_string(), Field::Int(usersig::MAX_TOKEN_LEN as i64)),
        ]
    );
    // zlib and Tencent's base64 of `{}`, which lacks TLS.ver.
    let empty_object = b"eJyrrgUAAXUA*Q__";
    assert_eq!(
        refusal(&inspect(empty_object)),
        expected(
            Error::Malformed(Malformation::MissingField { field: "TLS.ver" }),
            &[
                ("reason", Field::Text("missing_field".into())),
                ("field", Field::Text("TLS.ver".into()))
            ]
        )
    );
    let (n, _) = call(64, |out, cap| unsafe {
        usersig_inspect(null(), 2, out, cap)
    });
    assert_eq!(n, Fault::NullPointer.code());
}

/// A new admin's handle, or the constructor's result.
fn admin_new(
    kind: i64,
    endpoint: &str,
    validity: i64,
    margin: i64,
) -> Result<*mut AdminHandle, Vec<u8>> {
    let mut handle = null_mut();
    let mut make = |out: *mut c_char, cap: usize| unsafe {
        usersig_admin_new(
            APP,
            ptr(KEY.as_bytes()),
            KEY.len(),
            ptr(b"administrator"),
            13,
            kind,
            ptr(endpoint.as_bytes()),
            endpoint.len(),
            validity,
            margin,
            &mut handle,
            out,
            cap,
        )
    };
    if make(null_mut(), 0) == 0 {
        assert!(!handle.is_null());
        return Ok(handle);
    }
    Err(answer(make))
}

#[test]
fn an_admin_mints_urls_with_its_cached_token_and_refuses_bad_settings() {
    let admin = admin_new(ENDPOINT_URL, "http://127.0.0.1:8080", 3600, 600).unwrap();
    let first = token(&answer(|out, cap| unsafe {
        usersig_admin_user_sig_at(admin, NOW, out, cap)
    }));
    let claims = usersig::inspect(&first).unwrap();
    assert_eq!(
        (claims.user_id.as_str(), claims.issued_at, claims.expire),
        ("administrator", NOW, 3600)
    );
    // Still cached 3000 s later (600 s left is not under the margin); renewed a second after.
    let again = |now| {
        token(&answer(|out, cap| unsafe {
            usersig_admin_user_sig_at(admin, now, out, cap)
        }))
    };
    assert_eq!(again(NOW + 3000), first);
    assert_ne!(again(NOW + 3001), first);

    let url = |service: &[u8], command: &[u8]| {
        let (need, _) = call(0, |_, _| unsafe {
            usersig_admin_url_at(
                admin,
                ptr(service),
                service.len(),
                ptr(command),
                command.len(),
                NOW + 3001,
                null_mut(),
                0,
            )
        });
        // The returned need is an upper bound that holds any retry.
        let (n, out) = call(need as usize, |out, cap| unsafe {
            usersig_admin_url_at(
                admin,
                ptr(service),
                service.len(),
                ptr(command),
                command.len(),
                NOW + 3001,
                out,
                cap,
            )
        });
        assert!(n > 0 && n <= need, "{n} > {need}");
        out[..n as usize].to_vec()
    };
    let made = token(&url(b"im_open_login_svc", b"account_import"));
    assert!(made.starts_with("http://127.0.0.1:8080/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator&usersig="), "{made}");
    assert!(made.ends_with("&contenttype=json"));
    assert_eq!(
        refusal(&url(b"bad/path", b"x")),
        expected(
            Error::InvalidRestPath { part: "service" },
            &[("part", Field::Text("service".into()))]
        )
    );
    let endpoint = token(&answer(|out, cap| unsafe {
        usersig_admin_endpoint(admin, out, cap)
    }));
    assert_eq!(endpoint, "http://127.0.0.1:8080");
    unsafe { usersig_admin_free(admin) };

    let region = admin_new(ENDPOINT_REGION, "Singapore", 3600, 600).unwrap();
    let endpoint = token(&answer(|out, cap| unsafe {
        usersig_admin_endpoint(region, out, cap)
    }));
    assert_eq!(endpoint, "https://adminapisgp.im.qcloud.com");
    unsafe { usersig_admin_free(region) };
    let host = admin_new(ENDPOINT_HOST, "example.com:8443", 3600, 600).unwrap();
    unsafe { usersig_admin_free(host) };

    let refused = admin_new(ENDPOINT_REGION, "mars", 3600, 600).unwrap_err();
    assert_eq!(
        refusal(&refused),
        expected(
            Error::UnknownRegion {
                name: "mars".into()
            },
            &[("name", Field::Text("mars".into()))]
        )
    );
    assert_eq!(
        refusal(&admin_new(ENDPOINT_URL, "ftp://x", 3600, 600).unwrap_err()).kind,
        "invalid_endpoint"
    );
    assert_eq!(
        refusal(&admin_new(ENDPOINT_URL, "https://x", 60, 60).unwrap_err()),
        expected(
            Error::RenewMarginOutOfRange {
                margin: 60,
                validity: 60
            },
            &[("margin", Field::Int(60)), ("validity", Field::Int(60))]
        )
    );
    unsafe {
        let (n, _) = call(64, |out, cap| {
            usersig_admin_user_sig_at(null(), NOW, out, cap)
        });
        assert_eq!(n, Fault::NullPointer.code());
        usersig_admin_free(null_mut());
    }
}

#[test]
fn the_decoder_refuses_what_the_contract_does_not_allow() {
    assert!(decode::token(&[2, b'a']).is_err(), "an unknown tag");
    assert!(decode::token(&[OK]).is_err(), "an empty token");
    assert!(
        decode::token(&[OK, 0xC3, 0xA9]).is_err(),
        "a token not ASCII"
    );
    let minted = core_signer().user_sig_at("amy", 60, NOW).unwrap();
    let mut claims = answer(|out, cap| unsafe {
        usersig_inspect(ptr(minted.as_bytes()), minted.len(), out, cap)
    });
    assert!(decode::claims(&claims).unwrap().is_ok());
    claims.push(0);
    assert!(decode::claims(&claims).is_err(), "a trailing byte");
    claims.truncate(claims.len() - 2);
    assert!(decode::claims(&claims).is_err(), "a truncated signature");
    let error = |kind: &str, code: i32, fields: &[u8]| {
        let mut result = vec![ERR];
        result.extend_from_slice(&(kind.len() as u32).to_le_bytes());
        result.extend_from_slice(kind.as_bytes());
        result.extend_from_slice(&code.to_le_bytes());
        result.extend_from_slice(&[0, 0, 0, 0]);
        result.extend_from_slice(fields);
        decode::refusal(&result)
    };
    assert!(error("bad_signature", 70009, &[0]).is_ok());
    assert!(
        error("no_such_kind", 0, &[0]).is_err(),
        "a kind not in the list"
    );
    assert!(error("bad_signature", 0, &[0]).is_err(), "the wrong code");
    assert!(error("expired", 70001, &[0]).is_err(), "fields missing");
    assert!(
        error("bad_signature", 70009, &[0, 0]).is_err(),
        "a trailing byte"
    );
}

/// Two threads sharing one handle of each kind: signing, verifying and minting URLs at once.
/// The admin's cache is behind a lock, so both URLs carry the one token minted first.
#[test]
fn two_threads_share_one_signer_verifier_and_admin() {
    struct Handles(*mut SignerHandle, *mut VerifierHandle, *mut AdminHandle);
    // SAFETY: the handles are thread-safe (docs/abi.md) and freed after both threads end.
    unsafe impl Sync for Handles {}
    let handles = Handles(
        signer_new(APP, ptr(KEY.as_bytes()), KEY.len()).unwrap(),
        verifier_new(APP, &[KEY.as_bytes()]).unwrap(),
        admin_new(ENDPOINT_URL, "http://127.0.0.1:8080", 3600, 600).unwrap(),
    );
    let core = Verifier::new(APP as u32, KEY).unwrap();
    let urls: Vec<String> = std::thread::scope(|scope| {
        let threads: Vec<_> = ["amy", "用户"]
            .into_iter()
            .map(|user| {
                let (handles, core) = (&handles, &core);
                scope.spawn(move || {
                    let minted = token(&user_sig(handles.0, user.as_bytes(), 60));
                    let claims = core.verify_at(&minted, user, NOW).unwrap();
                    assert_claims(&verify(handles.1, &minted, user, NOW), &claims);
                    let (n, out) = call(512, |out, cap| unsafe {
                        usersig_admin_url_at(
                            handles.2,
                            ptr(b"im_open_login_svc"),
                            17,
                            ptr(b"account_import"),
                            14,
                            NOW,
                            out,
                            cap,
                        )
                    });
                    token(&out[..n as usize])
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let admin_token = token(&answer(|out, cap| unsafe {
        usersig_admin_user_sig_at(handles.2, NOW, out, cap)
    }));
    let carried = |url: &str| {
        url.split("usersig=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_owned()
    };
    let encoded: String = admin_token
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    assert_eq!(
        [carried(&urls[0]), carried(&urls[1])],
        [encoded.clone(), encoded]
    );
    unsafe {
        usersig_signer_free(handles.0);
        usersig_verifier_free(handles.1);
        usersig_admin_free(handles.2);
    }
}
