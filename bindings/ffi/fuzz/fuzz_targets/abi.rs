//! Every entry point of the C ABI with arbitrary arguments (numbers, bytes that may not be
//! UTF-8, null pointers, short buffers), in the layout of `src/lib.rs`. Each call must return
//! the fault its arguments call for, or a result that decodes strictly (`abi::decode`) to what
//! the core answers for the same input; write nothing on a fault or when the buffer is too
//! small; and never panic or touch memory outside its arguments (the sanitizer checks that).
//! A token a signing call returns must verify through the ABI's verifier, and a callback
//! signature through the ABI's callback verifier.
#![no_main]

use std::ffi::c_char;
use std::ptr::null_mut;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use usersig::{
    AdminAuth, ChatCallbackVerifier, Endpoint, Error, ErrorKind, Privileges, Region, Room, Signer,
    TrtcCallbackVerifier, Verifier,
};
use usersig_ffi::abi::decode::{
    self, ChatCallbackView, ClaimsView, Decoded, Refusal, TrtcCallbackView,
};
use usersig_ffi::abi::{
    self, AdminHandle, ChatCallbackHandle, SignerHandle, TrtcCallbackHandle, VerifierHandle,
};
use usersig_ffi_fuzz::{
    Call, Input, Range, ADMIN, APP, CHAT_TOKEN, ENDPOINT, KEY, OLD_KEY, TRTC_KEY, TRTC_WINDOW,
};

/// The handles every input shares, and the core objects made with the same settings.
struct Shared {
    signer: *mut SignerHandle,
    verifier: *mut VerifierHandle,
    admin: *mut AdminHandle,
    chat: *mut ChatCallbackHandle,
    trtc: *mut TrtcCallbackHandle,
    core_signer: Signer,
    core_verifier: Verifier,
    /// Called as the shared admin is, in the same order, so its cache holds the same token.
    core_admin: AdminAuth,
    core_chat: ChatCallbackVerifier,
    core_trtc: TrtcCallbackVerifier,
}
// SAFETY: the handles are thread-safe core objects, never freed.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| unsafe {
        let (mut signer, mut verifier, mut admin) = (null_mut(), null_mut(), null_mut());
        let (mut chat, mut trtc) = (null_mut(), null_mut());
        let window = usersig::DEFAULT_CALLBACK_WINDOW;
        let keys = [KEY, OLD_KEY].concat();
        let lens = [KEY.len(), OLD_KEY.len()];
        let made = [
            abi::usersig_signer_new(APP, ptr(KEY), KEY.len(), &mut signer, null_mut(), 0),
            abi::usersig_verifier_new(
                APP,
                ptr(&keys),
                lens.as_ptr(),
                2,
                &mut verifier,
                null_mut(),
                0,
            ),
            abi::usersig_admin_new(
                APP,
                ptr(KEY),
                KEY.len(),
                ptr(ADMIN),
                ADMIN.len(),
                abi::ENDPOINT_URL,
                ptr(ENDPOINT),
                ENDPOINT.len(),
                usersig::DEFAULT_ADMIN_VALIDITY,
                usersig::DEFAULT_RENEW_MARGIN,
                &mut admin,
                null_mut(),
                0,
            ),
            abi::usersig_chat_callback_new(
                ptr(CHAT_TOKEN),
                CHAT_TOKEN.len(),
                1,
                APP,
                window,
                &mut chat,
                null_mut(),
                0,
            ),
            abi::usersig_trtc_callback_new(
                ptr(TRTC_KEY),
                TRTC_KEY.len(),
                1,
                APP,
                1,
                TRTC_WINDOW,
                &mut trtc,
                null_mut(),
                0,
            ),
        ];
        assert_eq!(made, [0; 5]);
        Shared {
            signer,
            verifier,
            admin,
            chat,
            trtc,
            core_signer: Signer::new(APP as u32, KEY).unwrap(),
            core_verifier: Verifier::with_keys(APP as u32, [KEY, OLD_KEY]).unwrap(),
            core_admin: AdminAuth::from_key(APP as u32, KEY, ADMIN)
                .unwrap()
                .with_endpoint(Endpoint::url(ENDPOINT).unwrap()),
            core_chat: core_chat(CHAT_TOKEN, 1, APP, window).unwrap(),
            core_trtc: core_trtc(TRTC_KEY, 1, APP, 1, TRTC_WINDOW).unwrap(),
        }
    })
}

fn ptr(text: &str) -> *const c_char {
    text.as_ptr().cast()
}

const SENTINEL: u8 = 0xA5;

/// Calls `crossing` with the fuzzed buffer (`cap`, `None` for null) and, when the result did not
/// fit, again with a buffer of the returned length; checks the calling convention on the way:
/// a fault is `expected_fault`, a fault or a result that does not fit writes nothing, a result
/// that fits writes nothing past it, and the retry fits (returning the same length, unless the
/// call is `exact == false`: a URL's random number or the system clock may change it).
/// Returns the result (empty for a constructor's success), or `None` after a fault.
fn answer(
    cap: Option<u16>,
    expected_fault: Option<i64>,
    exact: bool,
    mut crossing: impl FnMut(*mut c_char, usize) -> i64,
) -> Option<Vec<u8>> {
    let size = cap.map_or(0, usize::from);
    let mut buf = vec![SENTINEL; size];
    let out = if cap.is_some() {
        buf.as_mut_ptr().cast()
    } else {
        null_mut()
    };
    let n = crossing(out, size);
    assert_ne!(n, abi::Fault::Panicked.code(), "the library panicked");
    if let Some(fault) = expected_fault {
        assert_eq!(n, fault, "the wrong fault");
    }
    let untouched = |bytes: &[u8]| bytes.iter().all(|&b| b == SENTINEL);
    if n < 0 {
        assert!(expected_fault.is_some(), "unexpected fault {n}");
        assert!(untouched(&buf), "wrote on a fault");
        return None;
    }
    let n = n as usize;
    if n <= size {
        assert!(untouched(&buf[n..]), "wrote past the result");
        buf.truncate(n);
        return Some(buf);
    }
    assert!(untouched(&buf), "wrote without room");
    for _ in 0..3 {
        let mut full = vec![SENTINEL; n];
        let m = crossing(full.as_mut_ptr().cast(), n);
        assert!(m >= 0, "fault {m} on the retry");
        let m = m as usize;
        if exact {
            assert_eq!(m, n, "a retry returned another length");
        }
        if m <= n {
            full.truncate(m);
            return Some(full);
        }
    }
    panic!("three retries with the returned length did not fit");
}

/// The first fault among the arguments read in order: byte ranges, each `true` if it is text.
fn fault(args: &[(&Range, bool)]) -> Option<i64> {
    args.iter().find_map(|(range, utf8)| range.fault(*utf8))
}

/// The value of a decoded result, which must be well-formed.
fn decoded<T>(what: &str, result: Decoded<T>) -> Result<T, Refusal> {
    result.unwrap_or_else(|malformed| panic!("{what}: malformed result: {malformed}"))
}

/// The ABI's error is the core's: the same kind, code and message.
fn same_error(refusal: &Refusal, error: &Error) {
    assert_eq!(
        (
            refusal.kind.as_str(),
            refusal.code,
            refusal.message.as_str()
        ),
        (
            error.kind().as_str(),
            error.tencent_code().unwrap_or(0),
            error.to_string().as_str()
        )
    );
}

/// What a constructor answered: `made` if it wrote nothing (it made a handle), or the refusal it
/// wrote.
fn constructed<T>(result: &[u8], made: T) -> Result<T, Refusal> {
    if result.is_empty() {
        Ok(made)
    } else {
        Err(decode::refusal(result).unwrap())
    }
}

/// The ABI answered `result`, the core `core`: both the same value (as `same` compares them) or
/// the same error.
fn agree<A: std::fmt::Debug, C: std::fmt::Debug>(
    result: Result<A, Refusal>,
    core: Result<C, Error>,
    same: impl FnOnce(&A, &C),
) {
    match (&result, &core) {
        (Ok(ours), Ok(theirs)) => same(ours, theirs),
        (Err(refusal), Err(error)) => same_error(refusal, error),
        _ => panic!("the ABI answered {result:?}, the core {core:?}"),
    }
}

/// Verifies `token` through the shared verifier's ABI: with `verify_with_userbuf_at` if
/// `userbuf` is given, `verify_at` if `plain`, and always `verify_any_userbuf_at`. It must be
/// valid at `now`, with the claims of `usersig::inspect`.
fn round_trip(token: &str, user_id: &str, userbuf: Option<&[u8]>, plain: bool, now: i64) {
    let shared = shared();
    let expected = ClaimsView::from(&usersig::inspect(token).expect("a minted token inspects"));
    let check = |crossing: &mut dyn FnMut(*mut c_char, usize) -> i64| {
        let result = answer(Some(0), None, true, crossing).expect("no fault");
        let claims = decoded("round trip", decode::claims(&result));
        assert_eq!(claims.as_ref(), Ok(&expected), "{token} at {now}");
    };
    unsafe {
        if let Some(userbuf) = userbuf {
            check(&mut |out, cap| {
                abi::usersig_verifier_verify_with_userbuf_at(
                    shared.verifier,
                    ptr(token),
                    token.len(),
                    ptr(user_id),
                    user_id.len(),
                    userbuf.as_ptr().cast(),
                    userbuf.len(),
                    now,
                    out,
                    cap,
                )
            });
        }
        if plain {
            check(&mut |out, cap| {
                abi::usersig_verifier_verify_at(
                    shared.verifier,
                    ptr(token),
                    token.len(),
                    ptr(user_id),
                    user_id.len(),
                    now,
                    out,
                    cap,
                )
            });
        }
        check(&mut |out, cap| {
            abi::usersig_verifier_verify_any_userbuf_at(
                shared.verifier,
                ptr(token),
                token.len(),
                ptr(user_id),
                user_id.len(),
                now,
                out,
                cap,
            )
        });
    }
}

/// A URL with its random number taken out, to compare two URLs made alike.
fn without_random(url: &str) -> String {
    let (head, tail) = url
        .split_once("&random=")
        .expect("a URL has its random number");
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    assert!((1..=10).contains(&digits), "random number in {url}");
    format!("{head}&random={}", &tail[digits..])
}

/// A decoded token result, compared with the core's.
fn token_agrees(what: &str, result: &[u8], core: Result<String, Error>) -> Option<String> {
    let result = decoded(what, decode::token(result));
    let token = result.as_ref().ok().cloned();
    agree(result, core, |ours, theirs| {
        assert_eq!(ours, theirs, "{what}")
    });
    token
}

/// An admin's (the shared one or a new one) endpoint, compared with the core admin's made alike.
unsafe fn admin_endpoint(admin: *const AdminHandle, core: &AdminAuth, cap: Option<u16>) {
    let result = answer(cap, None, true, |out, cap| {
        abi::usersig_admin_endpoint(admin, out, cap)
    });
    let endpoint = core.endpoint().as_str().to_owned();
    token_agrees("endpoint", &result.unwrap(), Ok(endpoint));
}

/// An admin's `user_sig_at(now)`, compared with the core admin's made alike and called in the
/// same order (so its cache holds the same token); the token verifies with the admin's `key`.
unsafe fn admin_token(
    admin: *const AdminHandle,
    core: &AdminAuth,
    key: &str,
    cap: Option<u16>,
    now: i64,
) {
    let result = answer(cap, None, true, |out, cap| {
        abi::usersig_admin_user_sig_at(admin, now, out, cap)
    });
    if let Some(token) = token_agrees("admin token", &result.unwrap(), core.user_sig_at(now)) {
        let issued_at = usersig::inspect(&token).unwrap().issued_at;
        let verifier = Verifier::new(core.sdkappid(), key).unwrap();
        let claims = verifier.verify_at(&token, core.admin(), issued_at);
        assert_eq!(claims.map(|c| c.expire), Ok(core.validity()), "{token}");
    }
}

/// An admin's `url_at(service, command, now)`, compared (but for its random number) with the
/// core admin's made alike and called in the same order.
unsafe fn admin_url(
    admin: *const AdminHandle,
    core: &AdminAuth,
    cap: Option<u16>,
    service: &Range,
    command: &Range,
    now: i64,
) {
    let expected = fault(&[(service, true), (command, true)]);
    let result = answer(cap, expected, false, |out, cap| {
        abi::usersig_admin_url_at(
            admin,
            service.ptr(),
            service.len(),
            command.ptr(),
            command.len(),
            now,
            out,
            cap,
        )
    });
    if let Some(result) = result {
        let ours = decoded("url", decode::token(&result));
        let theirs = core.url_at(service.text(), command.text(), now);
        agree(ours, theirs, |ours, theirs| {
            assert_eq!(without_random(ours), without_random(theirs));
        });
    }
}

/// The core's Chat callback verifier made as `usersig_chat_callback_new` is with these arguments.
fn core_chat(
    token: &str,
    has_sdkappid: i64,
    app: i64,
    window: i64,
) -> Result<ChatCallbackVerifier, Error> {
    let verifier = ChatCallbackVerifier::new(token)?.with_window(window)?;
    if has_sdkappid == 0 {
        return Ok(verifier);
    }
    Ok(verifier.with_sdkappid(sdkappid(app)?))
}

/// The core's TRTC callback verifier made as `usersig_trtc_callback_new` is with these arguments.
fn core_trtc(
    key: &str,
    has_sdkappid: i64,
    app: i64,
    has_window: i64,
    window: i64,
) -> Result<TrtcCallbackVerifier, Error> {
    let mut verifier = TrtcCallbackVerifier::new(key)?;
    if has_window != 0 {
        verifier = verifier.with_window(window)?;
    }
    if has_sdkappid == 0 {
        return Ok(verifier);
    }
    Ok(verifier.with_sdkappid(sdkappid(app)?))
}

/// A Chat callback verifier's `verify_query_at(query, now)`, compared with the core verifier's
/// made alike. Returns the decoded answer, or `None` after a fault.
unsafe fn chat_query(
    chat: *const ChatCallbackHandle,
    core: &ChatCallbackVerifier,
    cap: Option<u16>,
    query: &Range,
    now: i64,
) -> Option<Result<ChatCallbackView, Refusal>> {
    let result = answer(cap, fault(&[(query, true)]), true, |out, cap| {
        abi::usersig_chat_callback_verify_query_at(chat, query.ptr(), query.len(), now, out, cap)
    })?;
    let ours = decoded("chat callback", decode::chat_callback(&result));
    agree(
        ours.clone(),
        core.verify_query_at(query.text(), now),
        |ours, theirs| assert_eq!(ours, &ChatCallbackView::from(theirs)),
    );
    Some(ours)
}

/// A TRTC callback verifier's `verify_at(sign, sdkappid, body, now)`, compared with the core
/// verifier's made alike. Returns the decoded answer, or `None` after a fault.
unsafe fn trtc_verify(
    trtc: *const TrtcCallbackHandle,
    core: &TrtcCallbackVerifier,
    cap: Option<u16>,
    [sign, app, body]: [&Range; 3],
    now: i64,
) -> Option<Result<TrtcCallbackView, Refusal>> {
    let expected = fault(&[(sign, true), (app, true), (body, false)]);
    let result = answer(cap, expected, true, |out, cap| {
        abi::usersig_trtc_callback_verify_at(
            trtc,
            sign.ptr(),
            sign.len(),
            app.ptr(),
            app.len(),
            body.ptr(),
            body.len(),
            now,
            out,
            cap,
        )
    })?;
    let ours = decoded("trtc callback", decode::trtc_callback(&result));
    agree(
        ours.clone(),
        core.verify_at(sign.text(), app.text(), body.bytes(), now),
        |ours, theirs| assert_eq!(ours, &TrtcCallbackView::from(theirs)),
    );
    Some(ours)
}

fuzz_target!(|data: &[u8]| {
    let shared = shared();
    let mut input = Input::new(data);
    let call = input.call();
    let cap = input.capacity();
    unsafe { run(shared, call, cap, &mut input) };
});

unsafe fn run(shared: &Shared, call: Call, cap: Option<u16>, input: &mut Input) {
    let (signer, verifier) = (shared.signer, shared.verifier);
    match call {
        Call::SignerNew => {
            let (app, key) = (input.int(), input.range());
            let result = answer(cap, fault(&[(&key, true)]), true, |out, cap| {
                let mut handle = null_mut();
                let n = abi::usersig_signer_new(app, key.ptr(), key.len(), &mut handle, out, cap);
                assert_eq!(n == 0, !handle.is_null());
                abi::usersig_signer_free(handle);
                n
            });
            if let Some(result) = result {
                let core = sdkappid(app).and_then(|app| Signer::new(app, key.text()));
                let ours = constructed(&result, ());
                agree(ours, core, |_, _| {});
            }
        }
        Call::VerifierNew => {
            let (app, keys) = (input.int(), input.list());
            let joined = keys.concat();
            let lens: Vec<usize> = keys.iter().map(Vec::len).collect();
            let utf8 = keys.iter().all(|k| std::str::from_utf8(k).is_ok());
            let result = answer(cap, (!utf8).then_some(-1), true, |out, cap| {
                let mut handle = null_mut();
                let n = abi::usersig_verifier_new(
                    app,
                    joined.as_ptr().cast(),
                    lens.as_ptr(),
                    lens.len(),
                    &mut handle,
                    out,
                    cap,
                );
                assert_eq!(n == 0, !handle.is_null());
                abi::usersig_verifier_free(handle);
                n
            });
            if let Some(result) = result {
                let keys: Vec<&str> = keys
                    .iter()
                    .map(|k| std::str::from_utf8(k).unwrap())
                    .collect();
                let core = sdkappid(app).and_then(|app| Verifier::with_keys(app, keys));
                let ours = constructed(&result, ());
                agree(ours, core, |_, _| {});
            }
        }
        Call::UserSig => {
            let (id, expire, now) = (input.range(), input.int(), input.int());
            let result = answer(cap, fault(&[(&id, true)]), true, |out, cap| {
                abi::usersig_signer_user_sig_at(signer, id.ptr(), id.len(), expire, now, out, cap)
            });
            if let Some(result) = result {
                let core = shared.core_signer.user_sig_at(id.text(), expire, now);
                if let Some(token) = token_agrees("user_sig_at", &result, core) {
                    round_trip(&token, id.text(), None, true, now);
                }
            }
        }
        Call::UserSigNow => {
            let (id, expire) = (input.range(), input.int());
            let result = answer(cap, fault(&[(&id, true)]), false, |out, cap| {
                abi::usersig_signer_user_sig(signer, id.ptr(), id.len(), expire, out, cap)
            });
            if let Some(result) = result {
                match decoded("user_sig", decode::token(&result)) {
                    Ok(token) => {
                        let claims = usersig::inspect(&token).unwrap();
                        assert_eq!(
                            (claims.user_id.as_str(), claims.expire),
                            (id.text(), expire)
                        );
                        round_trip(&token, id.text(), None, true, claims.issued_at);
                    }
                    Err(refusal) => {
                        let core = shared.core_signer.user_sig(id.text(), expire).unwrap_err();
                        assert_eq!(refusal.kind, core.kind().as_str());
                    }
                }
            }
        }
        Call::UserSigWithUserbuf => {
            let (id, buf) = (input.range(), input.range());
            let (expire, now) = (input.int(), input.int());
            let result = answer(
                cap,
                fault(&[(&id, true), (&buf, false)]),
                true,
                |out, cap| {
                    abi::usersig_signer_user_sig_with_userbuf_at(
                        signer,
                        id.ptr(),
                        id.len(),
                        buf.ptr(),
                        buf.len(),
                        expire,
                        now,
                        out,
                        cap,
                    )
                },
            );
            if let Some(result) = result {
                let core = shared.core_signer.user_sig_with_userbuf_at(
                    id.text(),
                    buf.bytes(),
                    expire,
                    now,
                );
                if let Some(token) = token_agrees("user_sig_with_userbuf_at", &result, core) {
                    round_trip(&token, id.text(), Some(buf.bytes()), false, now);
                }
            }
        }
        Call::PrivateMapKey | Call::PrivateMapKeyWithRoomStr => {
            let id = input.range();
            let (room_id, room_str) = if call == Call::PrivateMapKey {
                (input.int(), Range::Null(0))
            } else {
                (0, input.range())
            };
            let (privileges, expire, now) = (input.int(), input.int(), input.int());
            let expected = fault(&[(&id, true), (&room_str, true)]);
            let result = answer(cap, expected, true, |out, cap| {
                if call == Call::PrivateMapKey {
                    abi::usersig_signer_private_map_key_at(
                        signer,
                        id.ptr(),
                        id.len(),
                        room_id,
                        privileges,
                        expire,
                        now,
                        out,
                        cap,
                    )
                } else {
                    abi::usersig_signer_private_map_key_with_room_str_at(
                        signer,
                        id.ptr(),
                        id.len(),
                        room_str.ptr(),
                        room_str.len(),
                        privileges,
                        expire,
                        now,
                        out,
                        cap,
                    )
                }
            });
            if let Some(result) = result {
                let room = if call == Call::PrivateMapKey {
                    Room::numeric(room_id)
                } else {
                    Room::named(room_str.text())
                };
                let core = room.and_then(|room| {
                    let privileges = Privileges::try_from(privileges)?;
                    shared
                        .core_signer
                        .private_map_key_at(id.text(), &room, privileges, expire, now)
                });
                if let Some(token) = token_agrees("private_map_key", &result, core) {
                    let userbuf = usersig::inspect(&token).unwrap().userbuf.unwrap();
                    round_trip(&token, id.text(), Some(&userbuf), false, now);
                }
            }
        }
        Call::UserSigs => {
            let (ids, expire, now) = (input.list(), input.int(), input.int());
            let joined = ids.concat();
            let lens: Vec<usize> = ids.iter().map(Vec::len).collect();
            let utf8 = ids.iter().all(|id| std::str::from_utf8(id).is_ok());
            let result = answer(cap, (!utf8).then_some(-1), true, |out, cap| {
                abi::usersig_signer_user_sigs_at(
                    signer,
                    joined.as_ptr().cast(),
                    lens.as_ptr(),
                    lens.len(),
                    expire,
                    now,
                    out,
                    cap,
                )
            });
            if let Some(result) = result {
                let ids: Vec<&str> = ids
                    .iter()
                    .map(|id| std::str::from_utf8(id).unwrap())
                    .collect();
                let ours = decoded("user_sigs_at", decode::token_list(&result));
                let core = shared.core_signer.user_sigs_at(&ids, expire, now);
                if let (Ok(tokens), Some(id)) = (&ours, ids.first()) {
                    round_trip(&tokens[0], id, None, true, now);
                }
                agree(ours, core, |ours, theirs| assert_eq!(ours, theirs));
            }
        }
        Call::Verify | Call::VerifyAnyUserbuf | Call::VerifyWithUserbuf => {
            let (token, id) = (input.token(), input.range());
            let buf = if call == Call::VerifyWithUserbuf {
                input.range()
            } else {
                Range::Null(0)
            };
            let now = input.int();
            let expected = fault(&[(&token, true), (&id, true), (&buf, false)]);
            let result = answer(cap, expected, true, |out, cap| match call {
                Call::Verify => abi::usersig_verifier_verify_at(
                    verifier,
                    token.ptr(),
                    token.len(),
                    id.ptr(),
                    id.len(),
                    now,
                    out,
                    cap,
                ),
                Call::VerifyAnyUserbuf => abi::usersig_verifier_verify_any_userbuf_at(
                    verifier,
                    token.ptr(),
                    token.len(),
                    id.ptr(),
                    id.len(),
                    now,
                    out,
                    cap,
                ),
                _ => abi::usersig_verifier_verify_with_userbuf_at(
                    verifier,
                    token.ptr(),
                    token.len(),
                    id.ptr(),
                    id.len(),
                    buf.ptr(),
                    buf.len(),
                    now,
                    out,
                    cap,
                ),
            });
            if let Some(result) = result {
                let core = &shared.core_verifier;
                let (token, id) = (token.text(), id.text());
                let theirs = match call {
                    Call::Verify => core.verify_at(token, id, now),
                    Call::VerifyAnyUserbuf => core.verify_any_userbuf_at(token, id, now),
                    _ => core.verify_with_userbuf_at(token, id, buf.bytes(), now),
                };
                let ours = decoded("verify", decode::claims(&result));
                agree(ours, theirs, |ours, theirs| {
                    assert_eq!(ours, &ClaimsView::from(theirs))
                });
            }
        }
        Call::Inspect => {
            let token = input.token();
            let result = answer(cap, fault(&[(&token, true)]), true, |out, cap| {
                abi::usersig_inspect(token.ptr(), token.len(), out, cap)
            });
            if let Some(result) = result {
                let ours = decoded("inspect", decode::claims(&result));
                let theirs = usersig::inspect(token.text());
                agree(ours, theirs, |ours, theirs| {
                    assert_eq!(ours, &ClaimsView::from(theirs))
                });
            }
        }
        Call::AdminNew => {
            let (app, key, admin) = (input.int(), input.range(), input.range());
            let (kind, endpoint) = (input.int(), input.range());
            let (validity, margin) = (input.int(), input.int());
            let (service, command, now) = (input.range(), input.range(), input.int());
            let expected = fault(&[(&key, true), (&admin, true), (&endpoint, true)]);
            let mut made = null_mut();
            let result = answer(cap, expected, true, |out, cap| {
                abi::usersig_admin_free(made);
                let n = abi::usersig_admin_new(
                    app,
                    key.ptr(),
                    key.len(),
                    admin.ptr(),
                    admin.len(),
                    kind,
                    endpoint.ptr(),
                    endpoint.len(),
                    validity,
                    margin,
                    &mut made,
                    out,
                    cap,
                );
                assert_eq!(n == 0, !made.is_null());
                n
            });
            let Some(result) = result else { return };
            let core = sdkappid(app).and_then(|app| {
                let endpoint = match kind {
                    abi::ENDPOINT_REGION => Endpoint::region(Region::from_name(endpoint.text())?),
                    abi::ENDPOINT_HOST => Endpoint::host(endpoint.text())?,
                    _ => Endpoint::url(endpoint.text())?,
                };
                AdminAuth::from_key(app, key.text(), admin.text())?
                    .with_endpoint(endpoint)
                    .with_validity(validity, margin)
            });
            let ours = constructed(&result, made);
            agree(ours, core.as_ref().map_err(Clone::clone), |_, _| {});
            if let Ok(core) = &core {
                admin_endpoint(made, core, cap);
                admin_token(made, core, key.text(), cap, now);
                admin_url(made, core, cap, &service, &command, now);
            }
            abi::usersig_admin_free(made);
        }
        Call::AdminUrl => {
            let (service, command, now) = (input.range(), input.range(), input.int());
            admin_url(
                shared.admin,
                &shared.core_admin,
                cap,
                &service,
                &command,
                now,
            );
        }
        Call::AdminUserSig => {
            let now = input.int();
            admin_token(shared.admin, &shared.core_admin, KEY, cap, now);
        }
        Call::AdminEndpoint => admin_endpoint(shared.admin, &shared.core_admin, cap),
        Call::ChatCallbackNew => {
            let (token, has_sdkappid, app, window) =
                (input.range(), input.int(), input.int(), input.int());
            let (query, now) = (input.range(), input.int());
            let mut made = null_mut();
            let result = answer(cap, fault(&[(&token, true)]), true, |out, cap| {
                abi::usersig_chat_callback_free(made);
                let n = abi::usersig_chat_callback_new(
                    token.ptr(),
                    token.len(),
                    has_sdkappid,
                    app,
                    window,
                    &mut made,
                    out,
                    cap,
                );
                assert_eq!(n == 0, !made.is_null());
                n
            });
            let Some(result) = result else { return };
            let core = core_chat(token.text(), has_sdkappid, app, window);
            let ours = constructed(&result, made);
            agree(ours, core.as_ref().map_err(Clone::clone), |_, _| {});
            if let Ok(core) = &core {
                chat_query(made, core, cap, &query, now);
            }
            abi::usersig_chat_callback_free(made);
        }
        Call::ChatCallbackVerifyQuery => {
            let (query, now) = (input.range(), input.int());
            chat_query(shared.chat, &shared.core_chat, cap, &query, now);
        }
        Call::ChatCallbackVerifyParams => {
            let (params, now) = (input.pairs(), input.int());
            let (names, values): (Vec<Vec<u8>>, Vec<Vec<u8>>) = params.into_iter().unzip();
            let (joined_names, joined_values) = (names.concat(), values.concat());
            let name_lens: Vec<usize> = names.iter().map(Vec::len).collect();
            let value_lens: Vec<usize> = values.iter().map(Vec::len).collect();
            let utf8 = names
                .iter()
                .chain(&values)
                .all(|text| std::str::from_utf8(text).is_ok());
            let result = answer(cap, (!utf8).then_some(-1), true, |out, cap| {
                abi::usersig_chat_callback_verify_params_at(
                    shared.chat,
                    joined_names.as_ptr().cast(),
                    name_lens.as_ptr(),
                    joined_values.as_ptr().cast(),
                    value_lens.as_ptr(),
                    names.len(),
                    now,
                    out,
                    cap,
                )
            });
            if let Some(result) = result {
                let text = |text: &Vec<u8>| std::str::from_utf8(text).unwrap().to_owned();
                let params: Vec<(String, String)> = names
                    .iter()
                    .map(text)
                    .zip(values.iter().map(text))
                    .collect();
                let ours = decoded("chat callback", decode::chat_callback(&result));
                let theirs = shared.core_chat.verify_params_at(params, now);
                agree(ours, theirs, |ours, theirs| {
                    assert_eq!(ours, &ChatCallbackView::from(theirs))
                });
            }
        }
        Call::ChatCallbackSign => {
            let request_time = input.int();
            let result = answer(cap, None, true, |out, cap| {
                abi::usersig_chat_callback_sign(shared.chat, request_time, out, cap)
            });
            let core = Ok(shared.core_chat.sign(request_time));
            if let Some(sign) = token_agrees("chat callback sign", &result.unwrap(), core) {
                let query = format!(
                    "SdkAppid={APP}&CallbackCommand=State.StateChange&RequestTime={request_time}&Sign={sign}"
                );
                let query = Range::Bytes(query.into_bytes());
                let checked = chat_query(
                    shared.chat,
                    &shared.core_chat,
                    Some(0),
                    &query,
                    request_time,
                );
                if request_time >= 0 {
                    let checked = checked.expect("no fault").map(|c| c.request_time);
                    assert_eq!(checked, Ok(request_time), "{sign} for {request_time}");
                }
            }
        }
        Call::TrtcCallbackNew => {
            let key = input.range();
            let (has_sdkappid, app) = (input.int(), input.int());
            let (has_window, window) = (input.int(), input.int());
            let (sign, header, body, now) =
                (input.range(), input.range(), input.range(), input.int());
            let mut made = null_mut();
            let result = answer(cap, fault(&[(&key, true)]), true, |out, cap| {
                abi::usersig_trtc_callback_free(made);
                let n = abi::usersig_trtc_callback_new(
                    key.ptr(),
                    key.len(),
                    has_sdkappid,
                    app,
                    has_window,
                    window,
                    &mut made,
                    out,
                    cap,
                );
                assert_eq!(n == 0, !made.is_null());
                n
            });
            let Some(result) = result else { return };
            let core = core_trtc(key.text(), has_sdkappid, app, has_window, window);
            let ours = constructed(&result, made);
            agree(ours, core.as_ref().map_err(Clone::clone), |_, _| {});
            if let Ok(core) = &core {
                trtc_verify(made, core, cap, [&sign, &header, &body], now);
            }
            abi::usersig_trtc_callback_free(made);
        }
        Call::TrtcCallbackVerify => {
            let (sign, header, body, now) =
                (input.range(), input.range(), input.range(), input.int());
            trtc_verify(
                shared.trtc,
                &shared.core_trtc,
                cap,
                [&sign, &header, &body],
                now,
            );
        }
        Call::TrtcCallbackSign => {
            let (body, now) = (input.range(), input.int());
            let result = answer(cap, fault(&[(&body, false)]), true, |out, cap| {
                abi::usersig_trtc_callback_sign(shared.trtc, body.ptr(), body.len(), out, cap)
            });
            let Some(result) = result else { return };
            let core = Ok(shared.core_trtc.sign(body.bytes()));
            if let Some(sign) = token_agrees("trtc callback sign", &result, core) {
                let sign = Range::Bytes(sign.into_bytes());
                let header = Range::Bytes(APP.to_string().into_bytes());
                let checked = trtc_verify(
                    shared.trtc,
                    &shared.core_trtc,
                    Some(0),
                    [&sign, &header, &body],
                    now,
                );
                if let Err(refusal) = checked.expect("no fault") {
                    let headers = matches!(refusal.text("name"), Some("Sign" | "SdkAppId"));
                    let refused = refusal.kind == "callback_bad_signature" || headers;
                    assert!(!refused, "its own Sign refused: {refusal:?}");
                }
            }
        }
        Call::ErrorKinds => {
            let result = answer(cap, None, true, |out, cap| {
                abi::usersig_error_kinds(out, cap)
            });
            let kinds = decode::kinds(&result.unwrap()).unwrap();
            let core: Vec<(String, i32)> = ErrorKind::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.tencent_code().unwrap_or(0)))
                .collect();
            assert_eq!(kinds, core);
        }
        Call::Constants => {
            let result = answer(cap, None, true, |out, cap| abi::usersig_constants(out, cap));
            let constants = decode::constants(&result.unwrap()).unwrap();
            let core: Vec<(String, i64)> = abi::CONSTANTS
                .iter()
                .map(|&(name, value)| (name.to_owned(), value))
                .collect();
            assert_eq!(constants, core);
        }
        Call::AbiVersion => assert_eq!(abi::usersig_abi_version(), 3),
    }
}

/// The sdkappid as the ABI reads it.
fn sdkappid(value: i64) -> Result<u32, Error> {
    u32::try_from(value).map_err(|_| Error::SdkAppIdOutOfRange { value })
}
