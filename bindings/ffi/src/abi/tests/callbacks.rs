//! The callback verifiers' entry points: the core's results and errors, their fields, and the
//! faults of bad arguments.

use usersig::{ChatCallbackVerifier, TrtcCallbackVerifier};

use super::decode::{ChatCallbackView, TrtcCallbackView};
use super::*;

const TOKEN: &str = "xxxxyyyy";
const QUERY: &str =
    "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json\
    &ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112\
    &Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
const TIME: i64 = 1669872112;
/// A constructor's secret, sdkappid and window, and the error with its fields it is refused with.
type Refused<'a> = (&'a [u8], Option<i64>, i64, Error, Vec<(&'a str, Field)>);

const BODY: &[u8] = br#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123}"#;

/// The flag and value of an optional argument.
fn flagged(value: Option<i64>) -> (i64, i64) {
    value.map_or((0, 0), |v| (1, v))
}

fn chat_new(
    token: &[u8],
    sdkappid: Option<i64>,
    window: i64,
) -> Result<*mut ChatCallbackHandle, Vec<u8>> {
    let mut handle = null_mut();
    let (has_sdkappid, sdkappid) = flagged(sdkappid);
    let mut make = |out, cap| unsafe {
        usersig_chat_callback_new(
            ptr(token),
            token.len(),
            has_sdkappid,
            sdkappid,
            window,
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

fn trtc_new(
    key: &[u8],
    sdkappid: Option<i64>,
    window: Option<i64>,
) -> Result<*mut TrtcCallbackHandle, Vec<u8>> {
    let mut handle = null_mut();
    let ((has_sdkappid, sdkappid), (has_window, window)) = (flagged(sdkappid), flagged(window));
    let mut make = |out, cap| unsafe {
        usersig_trtc_callback_new(
            ptr(key),
            key.len(),
            has_sdkappid,
            sdkappid,
            has_window,
            window,
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

fn verify_query(chat: *const ChatCallbackHandle, query: &str, now: i64) -> Vec<u8> {
    answer(|out, cap| unsafe {
        usersig_chat_callback_verify_query_at(
            chat,
            ptr(query.as_bytes()),
            query.len(),
            now,
            out,
            cap,
        )
    })
}

fn verify_trtc(
    trtc: *const TrtcCallbackHandle,
    sign: &str,
    sdkappid: &str,
    body: &[u8],
    now: i64,
) -> Vec<u8> {
    answer(|out, cap| unsafe {
        usersig_trtc_callback_verify_at(
            trtc,
            ptr(sign.as_bytes()),
            sign.len(),
            ptr(sdkappid.as_bytes()),
            sdkappid.len(),
            ptr(body),
            body.len(),
            now,
            out,
            cap,
        )
    })
}

#[test]
fn a_chat_callback_is_the_cores() {
    let chat = chat_new(TOKEN.as_bytes(), Some(888888), 60).unwrap();
    let core = ChatCallbackVerifier::new(TOKEN)
        .unwrap()
        .with_sdkappid(888888);

    let passed = core.verify_query_at(QUERY, TIME).unwrap();
    assert_eq!(
        decode::chat_callback(&verify_query(chat, QUERY, TIME)).unwrap(),
        Ok(ChatCallbackView::from(&passed))
    );
    assert_eq!(passed.params.len(), 3);

    let late = verify_query(chat, QUERY, TIME + 61);
    let error = core.verify_query_at(QUERY, TIME + 61).unwrap_err();
    assert_eq!(
        refusal(&late),
        expected(
            error,
            &[
                ("time", Field::Int(TIME)),
                ("now", Field::Int(TIME + 61)),
                ("window", Field::Int(60))
            ]
        )
    );

    let names = ["SdkAppid", "CallbackCommand", "RequestTime", "Sign"];
    let values = [
        "888888",
        "C2C.CallbackAfterSendMsg",
        "1669872112",
        &core.sign(TIME),
    ];
    let (name_lens, value_lens): (Vec<usize>, Vec<usize>) = names
        .iter()
        .zip(values)
        .map(|(n, v)| (n.len(), v.len()))
        .unzip();
    let parsed = answer(|out, cap| unsafe {
        usersig_chat_callback_verify_params_at(
            chat,
            ptr(names.concat().as_bytes()),
            name_lens.as_ptr(),
            ptr(values.concat().as_bytes()),
            value_lens.as_ptr(),
            names.len(),
            TIME,
            out,
            cap,
        )
    });
    let view = decode::chat_callback(&parsed).unwrap().unwrap();
    assert_eq!(
        (view.command.as_str(), view.sdkappid, view.params.len()),
        ("C2C.CallbackAfterSendMsg", 888888, 0)
    );

    let upper = QUERY.replace("17773bc3", "17773BC3");
    assert_eq!(
        refusal(&verify_query(chat, &upper, TIME)),
        expected(
            core.verify_query_at(&upper, TIME).unwrap_err(),
            &[
                ("name", Field::Text("Sign".into())),
                ("reason", Field::Text("not 64 lowercase hex digits".into()))
            ]
        )
    );
    let sign = answer(|out, cap| unsafe { usersig_chat_callback_sign(chat, TIME, out, cap) });
    assert_eq!(token(&sign), core.sign(TIME));
    unsafe { usersig_chat_callback_free(chat) };
}

#[test]
fn a_trtc_callback_is_the_cores() {
    let trtc = trtc_new(b"callback key", Some(1400000000), Some(60)).unwrap();
    let core = TrtcCallbackVerifier::new("callback key")
        .unwrap()
        .with_sdkappid(1400000000)
        .with_window(60)
        .unwrap();
    let sign = token(&answer(|out, cap| unsafe {
        usersig_trtc_callback_sign(trtc, ptr(BODY), BODY.len(), out, cap)
    }));
    assert_eq!(sign, core.sign(BODY));

    let passed = core.verify_at(&sign, "1400000000", BODY, NOW).unwrap();
    assert_eq!(
        decode::trtc_callback(&verify_trtc(trtc, &sign, "1400000000", BODY, NOW)).unwrap(),
        Ok(TrtcCallbackView::from(&passed))
    );
    assert_eq!(passed.callback_ts, Some(1700000000123));

    let other_app = verify_trtc(trtc, &sign, "1400000001", BODY, NOW);
    assert_eq!(
        refusal(&other_app),
        expected(
            core.verify_at(&sign, "1400000001", BODY, NOW).unwrap_err(),
            &[
                ("expected", Field::Int(1400000000)),
                ("found", Field::Int(1400000001))
            ]
        )
    );
    // The body is bytes, not text: one that is not UTF-8 is checked, then refused as no JSON.
    let binary = [0xff, 0xfe, b'{'];
    let binary_sign = core.sign(&binary);
    assert_eq!(
        refusal(&verify_trtc(trtc, &binary_sign, "1400000000", &binary, NOW)),
        expected(
            core.verify_at(&binary_sign, "1400000000", &binary, NOW)
                .unwrap_err(),
            &[
                ("name", Field::Text("body".into())),
                ("reason", Field::Text("not a JSON object".into()))
            ]
        )
    );
    let big = vec![b' '; usersig::MAX_CALLBACK_BODY_LEN + 1];
    assert_eq!(
        refusal(&verify_trtc(trtc, &sign, "1400000000", &big, NOW)),
        expected(
            core.verify_at(&sign, "1400000000", &big, NOW).unwrap_err(),
            &[
                ("part", Field::Text("body".into())),
                ("length", Field::Int(big.len() as i64)),
                ("max", Field::Int(big.len() as i64 - 1))
            ]
        )
    );
    unsafe { usersig_trtc_callback_free(trtc) };

    let any = trtc_new(b"callback key", None, None).unwrap();
    let view = decode::trtc_callback(&verify_trtc(any, &sign, "7", BODY, 0))
        .unwrap()
        .unwrap();
    assert_eq!((view.sdkappid, view.event_type), (7, Some(103)));
    unsafe { usersig_trtc_callback_free(any) };
}

#[test]
fn callback_constructors_report_their_typed_error() {
    let cases: [Refused; 5] = [
        (b"", Some(1), 60, Error::EmptyKey, vec![]),
        (
            b"t",
            Some(-1),
            60,
            Error::SdkAppIdOutOfRange { value: -1 },
            vec![("value", Field::Int(-1))],
        ),
        (
            b"t",
            Some(-2),
            60,
            Error::SdkAppIdOutOfRange { value: -2 },
            vec![("value", Field::Int(-2))],
        ),
        (
            b"t",
            Some(1 << 32),
            60,
            Error::SdkAppIdOutOfRange { value: 1 << 32 },
            vec![("value", Field::Int(1 << 32))],
        ),
        (
            b"t",
            None,
            86401,
            Error::CallbackWindowOutOfRange {
                window: 86401,
                max: 86400,
            },
            vec![("window", Field::Int(86401)), ("max", Field::Int(86400))],
        ),
    ];
    for (secret, sdkappid, window, error, fields) in cases {
        let chat = chat_new(secret, sdkappid, window).unwrap_err();
        assert_eq!(refusal(&chat), expected(error.clone(), &fields));
        let trtc = trtc_new(secret, sdkappid, Some(window)).unwrap_err();
        assert_eq!(refusal(&trtc), expected(error, &fields));
    }
    // A window of -1 is refused as any other negative one; TRTC has none when none is given.
    let minus_one = Error::CallbackWindowOutOfRange {
        window: -1,
        max: 86400,
    };
    let fields = [("window", Field::Int(-1)), ("max", Field::Int(86400))];
    assert_eq!(
        refusal(&trtc_new(b"t", None, Some(-1)).unwrap_err()),
        expected(minus_one.clone(), &fields)
    );
    assert_eq!(
        refusal(&chat_new(b"t", None, -1).unwrap_err()),
        expected(minus_one, &fields)
    );
    let none = trtc_new(b"t", None, None).unwrap();
    unsafe { usersig_trtc_callback_free(none) };
}

#[test]
fn callback_calls_refuse_bad_arguments() {
    let chat = chat_new(TOKEN.as_bytes(), None, 60).unwrap();
    let trtc = trtc_new(b"k", None, None).unwrap();
    let mut out = [0u8; 64];
    let o = out.as_mut_ptr().cast::<c_char>();
    unsafe {
        assert_eq!(
            usersig_chat_callback_verify_query_at(null(), ptr(b"a"), 1, 0, o, 64),
            -3
        );
        assert_eq!(
            usersig_chat_callback_verify_query_at(chat, null(), 1, 0, o, 64),
            -3
        );
        assert_eq!(
            usersig_chat_callback_verify_query_at(chat, ptr(b"\xff"), 1, 0, o, 64),
            -1
        );
        assert_eq!(
            usersig_chat_callback_verify_query_at(chat, ptr(b"a"), usize::MAX, 0, o, 64),
            -4
        );
        assert_eq!(
            usersig_chat_callback_verify_params_at(
                chat,
                null(),
                null(),
                null(),
                null(),
                1,
                0,
                o,
                64
            ),
            -3
        );
        assert_eq!(usersig_chat_callback_sign(null(), 0, o, 64), -3);
        assert_eq!(usersig_chat_callback_sign(chat, 0, null_mut(), 64), -3);
        assert_eq!(
            usersig_trtc_callback_verify_at(null(), null(), 0, null(), 0, null(), 0, 0, o, 64),
            -3
        );
        assert_eq!(
            usersig_trtc_callback_verify_at(trtc, ptr(b"\xff"), 1, null(), 0, null(), 0, 0, o, 64),
            -1
        );
        assert_eq!(
            usersig_trtc_callback_verify_at(trtc, null(), 0, null(), 0, null(), 5, 0, o, 64),
            -3
        );
        assert_eq!(usersig_trtc_callback_sign(trtc, null(), 1, o, 64), -3);
        let mut handle = null_mut();
        assert_eq!(
            usersig_chat_callback_new(ptr(b"\xff"), 1, 0, 0, 60, &mut handle, o, 64),
            -1
        );
        assert!(handle.is_null());
        assert_eq!(
            usersig_trtc_callback_new(ptr(b"k"), 1, 0, 0, 0, 0, null_mut(), o, 64),
            -3
        );
        usersig_chat_callback_free(null_mut());
        usersig_trtc_callback_free(null_mut());
        usersig_chat_callback_free(chat);
        usersig_trtc_callback_free(trtc);
    }
    assert!(out.iter().all(|&b| b == 0), "a fault wrote its buffer");
    // An empty query or body is an argument, not a fault: it is refused by the core.
    let chat = chat_new(TOKEN.as_bytes(), None, 60).unwrap();
    assert_eq!(
        refusal(&verify_query(chat, "", TIME)).kind,
        "callback_param_missing"
    );
    unsafe { usersig_chat_callback_free(chat) };
}
