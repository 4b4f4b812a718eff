//! The C API against its header and the core: the header declares exactly what this module
//! exports, and the kinds are the core's; and its memory handling, under Miri
//! (`scripts/miri.sh`). Its behaviour is tested from C and C++ (`bindings/c/tests`).

use std::collections::BTreeSet;
use std::ffi::{c_int, CStr};
use std::path::Path;

use usersig::ErrorKind;

use super::*;

/// `header`'s declarations, each as its tokens joined by one space: comments, the include
/// guard, `#include`s and the `extern "C"` wrapper dropped; a `#define NAME VALUE` kept.
fn declarations(header: &str) -> BTreeSet<String> {
    let mut text = String::new();
    let mut rest = header;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("an unclosed comment") + start + 2;
        text.push(' ');
        rest = &rest[end..];
    }
    text.push_str(rest);
    let mut decls = BTreeSet::new();
    let mut code = String::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if let Some(define) = line.strip_prefix("#define ") {
            let parts: Vec<&str> = define.split_whitespace().collect();
            if parts.len() == 2 {
                decls.insert(format!("#define {} {}", parts[0], parts[1]));
            }
        } else if !line.starts_with('#') && line != "extern \"C\" {" && line != "}" {
            code.push_str(line);
            code.push('\n');
        }
    }
    let mut tokens = Vec::new();
    let mut depth = 0;
    let mut word = String::new();
    for c in code.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
        if c.is_whitespace() {
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ';' && depth == 0 {
            decls.insert(normalized(std::mem::take(&mut tokens)));
        } else if c == ',' && tokens.last().is_some_and(|t| t == ",") {
            // `a, }` and `a }` are the same enum.
        } else {
            tokens.push(c.to_string());
        }
    }
    assert!(tokens.is_empty(), "trailing tokens {tokens:?}");
    decls.into_iter().map(|d| d.replace(" , }", " }")).collect()
}

/// One declaration's tokens, without `struct` and `enum` (`struct usersig_error *` and
/// `usersig_error *` name the same type once it is typedef'd) and without the tag of a typedef
/// that repeats its name.
fn normalized(tokens: Vec<String>) -> String {
    let mut tokens: Vec<String> = tokens
        .into_iter()
        .filter(|t| t != "struct" && t != "enum")
        .collect();
    if tokens.len() > 3
        && tokens[0] == "typedef"
        && tokens[2] == "{"
        && tokens[1] == tokens[tokens.len() - 1]
    {
        tokens.remove(1);
    }
    tokens.join(" ")
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads and parses sources: slow under Miri, and no unsafe code"
)]
fn the_header_declares_exactly_what_the_module_exports() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config {
        language: cbindgen::Language::C,
        usize_is_size_t: true,
        style: cbindgen::Style::Both,
        ..Default::default()
    };
    config.documentation = false;
    config.enumeration.prefix_with_name = false;
    let generated = cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/capi/mod.rs"))
        .generate()
        .expect("cbindgen reads src/capi");
    let mut from_rust = Vec::new();
    generated.write(&mut from_rust);
    let from_rust = declarations(&String::from_utf8(from_rust).unwrap());
    let header_path = crate_dir.join("../c/include/usersig.h");
    let header = std::fs::read_to_string(&header_path).unwrap();
    let from_header = declarations(&header);
    let missing: Vec<_> = from_rust.difference(&from_header).collect();
    let extra: Vec<_> = from_header.difference(&from_rust).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "usersig.h differs from src/capi.\nIn the Rust code only:\n{}\nIn the header only:\n{}",
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(from_rust
        .iter()
        .any(|d| d.contains("usersig_verify_any_userbuf_at")));
}

#[test]
fn every_core_kind_has_one_c_kind_of_its_name_and_code() {
    for &kind in ErrorKind::ALL {
        let matching: Vec<_> = CORE_KINDS.iter().filter(|(k, _, _)| *k == kind).collect();
        assert_eq!(matching.len(), 1, "{kind}");
        let c = matching[0].1 as c_int;
        let name = unsafe { CStr::from_ptr(usersig_kind_name(c)) };
        assert_eq!(name.to_str().unwrap(), kind.as_str());
        assert_eq!(
            usersig_kind_tencent_code(c),
            kind.tencent_code().unwrap_or(0)
        );
        assert!((1..100).contains(&c), "{kind} = {c}");
    }
    assert_eq!(CORE_KINDS.len(), ErrorKind::ALL.len());
    let values: BTreeSet<c_int> = CORE_KINDS
        .iter()
        .map(|&(_, c, _)| c as c_int)
        .chain(API_KINDS.iter().map(|&(c, _)| c as c_int))
        .collect();
    assert_eq!(values.len(), CORE_KINDS.len() + API_KINDS.len());
    let unknown = unsafe { CStr::from_ptr(usersig_kind_name(99)) };
    assert_eq!(unknown.to_str().unwrap(), "unknown");
    assert_eq!(usersig_kind_tencent_code(-1), 0);
}

/// `error`'s message as a string.
fn message(error: &usersig_error) -> String {
    unsafe { CStr::from_ptr(error.message.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned()
}

/// A zeroed error, as a C caller declares one.
fn new_error() -> usersig_error {
    usersig_error {
        kind: usersig_kind::USERSIG_OK,
        tencent_code: 0,
        message: [0; USERSIG_MESSAGE_SIZE],
    }
}

// The entry points' memory handling, run under Miri by scripts/miri.sh: handles, claims and
// their storage, the output buffer, the error's message. Their behaviour is tested from C.
#[test]
fn a_token_round_trips_with_its_claims_and_every_allocation_is_freed() {
    unsafe {
        let mut error = new_error();
        let mut signer = std::ptr::null_mut();
        let kind = usersig_signer_create(1, c"key".as_ptr(), &mut signer, &mut error);
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let keys = [c"old".as_ptr(), c"key".as_ptr()];
        let mut verifier = std::ptr::null_mut();
        let kind = usersig_verifier_create(1, keys.as_ptr(), 2, &mut verifier, &mut error);
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let mut out = [0 as std::ffi::c_char; 512];
        let mut len = 0;
        let kind = usersig_private_map_key_named_at(
            signer,
            c"alice".as_ptr(),
            c"room".as_ptr(),
            42,
            600,
            1_700_000_000,
            out.as_mut_ptr(),
            out.len(),
            &mut len,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        assert_eq!(CStr::from_ptr(out.as_ptr()).to_bytes().len(), len);
        let mut claims = std::ptr::null_mut();
        let kind = usersig_verify_any_userbuf_at(
            verifier,
            out.as_ptr(),
            c"alice".as_ptr(),
            1_700_000_000,
            &mut claims,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let c = &*claims;
        assert_eq!(CStr::from_ptr(c.user_id).to_str().unwrap(), "alice");
        assert!(c.has_userbuf && c.has_grant && c.grant.room_id == 0);
        assert_eq!(CStr::from_ptr(c.grant.room_str).to_str().unwrap(), "room");
        assert_eq!(CStr::from_ptr(c.grant.user_id).to_str().unwrap(), "alice");
        assert_eq!(std::slice::from_raw_parts(c.userbuf, c.userbuf_len)[0], 1);
        usersig_claims_free(claims);
        let kind = usersig_verify_at(
            verifier,
            out.as_ptr(),
            c"alice".as_ptr(),
            1_700_000_000,
            &mut claims,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_UNEXPECTED_USERBUF);
        assert!(claims.is_null() && error.kind == kind);
        let kind = usersig_inspect_token(out.as_ptr(), &mut claims, std::ptr::null_mut());
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        usersig_claims_free(claims);
        usersig_signer_destroy(signer);
        usersig_verifier_destroy(verifier);
    }
}

#[test]
fn a_short_buffer_gets_an_empty_string_and_the_length_needed() {
    unsafe {
        let mut error = new_error();
        let mut admin = std::ptr::null_mut();
        let kind = usersig_admin_create(
            1,
            c"key".as_ptr(),
            std::ptr::null(),
            0,
            std::ptr::null(),
            600,
            60,
            &mut admin,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let mut out = [b'x' as std::ffi::c_char; 8];
        let mut len = 0;
        let kind = usersig_admin_base_url(admin, out.as_mut_ptr(), 8, &mut len, &mut error);
        assert_eq!(kind, usersig_kind::USERSIG_ERR_BUFFER_TOO_SMALL);
        assert_eq!((out[0], out[1], len), (0, b'x' as std::ffi::c_char, 26));
        let kind = usersig_admin_base_url(admin, std::ptr::null_mut(), 0, &mut len, &mut error);
        assert_eq!(kind, usersig_kind::USERSIG_ERR_BUFFER_TOO_SMALL);
        let kind = usersig_admin_base_url(admin, std::ptr::null_mut(), 8, &mut len, &mut error);
        assert_eq!(kind, usersig_kind::USERSIG_ERR_NULL_POINTER);
        let kind = usersig_admin_token_at(
            std::ptr::null(),
            1,
            out.as_mut_ptr(),
            8,
            &mut len,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_NULL_POINTER);
        assert_eq!(message(&error), "admin is a null pointer");
        usersig_admin_destroy(admin);
    }
}

#[test]
fn a_long_message_is_cut_at_a_character_boundary() {
    unsafe {
        let mut error = new_error();
        let mut signer = std::ptr::null_mut();
        assert_eq!(
            usersig_signer_create(1, c"key".as_ptr(), &mut signer, &mut error),
            usersig_kind::USERSIG_OK
        );
        let keys = [c"key".as_ptr()];
        let mut verifier = std::ptr::null_mut();
        usersig_verifier_create(1, keys.as_ptr(), 1, &mut verifier, &mut error);
        let id = std::ffi::CString::new("é".repeat(300)).unwrap();
        let mut out = vec![0 as std::ffi::c_char; 8192];
        let kind = usersig_user_sig_at(
            signer,
            id.as_ptr(),
            600,
            1_700_000_000,
            out.as_mut_ptr(),
            out.len(),
            std::ptr::null_mut(),
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let other = std::ffi::CString::new("ü".repeat(300)).unwrap();
        let kind = usersig_verify_at(
            verifier,
            out.as_ptr(),
            other.as_ptr(),
            1_700_000_000,
            std::ptr::null_mut(),
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_USER_ID_MISMATCH);
        assert_eq!(error.tencent_code, 70013);
        let text = message(&error);
        assert!((USERSIG_MESSAGE_SIZE - 4..USERSIG_MESSAGE_SIZE).contains(&text.len()));
        assert!(text.starts_with("the token is for user id"));
        usersig_signer_destroy(signer);
        usersig_verifier_destroy(verifier);
    }
}

#[test]
fn a_chat_callback_round_trips_with_its_params_and_every_allocation_is_freed() {
    unsafe {
        let mut error = new_error();
        let mut verifier = std::ptr::null_mut();
        let kind = usersig_chat_callback_verifier_create(
            c"token".as_ptr(),
            7,
            USERSIG_DEFAULT_CALLBACK_WINDOW,
            &mut verifier,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let mut sign = [0 as std::ffi::c_char; 65];
        let mut len = 0;
        let kind =
            usersig_sign_chat_callback(verifier, 100, sign.as_mut_ptr(), 65, &mut len, &mut error);
        assert_eq!((kind, len), (usersig_kind::USERSIG_OK, 64));
        let sign = CStr::from_ptr(sign.as_ptr()).to_str().unwrap();
        let query = std::ffi::CString::new(format!(
            "SdkAppid=7&CallbackCommand=C2C.X&ClientIP=1.2.3.4&RequestTime=100&Sign={sign}&a=%00"
        ))
        .unwrap();
        let mut callback = std::ptr::null_mut();
        let kind = usersig_verify_chat_callback_query_at(
            verifier,
            query.as_ptr(),
            130,
            &mut callback,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let c = &*callback;
        assert_eq!(CStr::from_ptr(c.command).to_str().unwrap(), "C2C.X");
        assert_eq!(
            (c.command_len, c.sdkappid, c.request_time, c.param_count),
            (5, 7, 100, 2)
        );
        let params = std::slice::from_raw_parts(c.params, c.param_count);
        assert_eq!(CStr::from_ptr(params[0].value).to_str().unwrap(), "1.2.3.4");
        assert_eq!(
            (params[1].name_len, params[1].value_len, *params[1].value),
            (1, 1, 0)
        );
        usersig_chat_callback_info_free(callback);
        let kind = usersig_verify_chat_callback_query_at(
            verifier,
            query.as_ptr(),
            161,
            &mut callback,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
        assert!(callback.is_null() && error.tencent_code == 0);
        let names = [
            c"SdkAppid".as_ptr(),
            c"CallbackCommand".as_ptr(),
            c"RequestTime".as_ptr(),
        ];
        let values = [c"7".as_ptr(), c"C2C.X".as_ptr(), c"100".as_ptr()];
        let kind = usersig_verify_chat_callback_params_at(
            verifier,
            names.as_ptr(),
            values.as_ptr(),
            3,
            100,
            &mut callback,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_CALLBACK_PARAM_MISSING);
        assert_eq!(message(&error), "the callback has no Sign parameter");
        usersig_chat_callback_verifier_destroy(verifier);
    }
}

#[test]
fn a_trtc_callback_round_trips_into_the_callers_struct() {
    unsafe {
        let mut error = new_error();
        let mut verifier = std::ptr::null_mut();
        let kind = usersig_trtc_callback_verifier_create(
            c"key".as_ptr(),
            USERSIG_CALLBACK_ANY_SDKAPPID,
            USERSIG_CALLBACK_NO_WINDOW,
            &mut verifier,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let body = br#"{"EventType":103,"CallbackTs":5}"#;
        let mut sign = [0 as std::ffi::c_char; 45];
        let kind = usersig_sign_trtc_callback(
            verifier,
            body.as_ptr(),
            body.len(),
            sign.as_mut_ptr(),
            45,
            std::ptr::null_mut(),
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        let mut callback = super::callback::TRTC_NONE;
        let kind = usersig_verify_trtc_callback_at(
            verifier,
            sign.as_ptr(),
            c"9".as_ptr(),
            body.as_ptr(),
            body.len(),
            0,
            &mut callback,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_OK);
        assert_eq!(
            (
                callback.sdkappid,
                callback.has_event_type,
                callback.event_type
            ),
            (9, true, 103)
        );
        assert!(
            !callback.has_event_group_id && callback.has_callback_ts && callback.callback_ts == 5
        );
        let kind = usersig_verify_trtc_callback_at(
            verifier,
            std::ptr::null(),
            c"9".as_ptr(),
            body.as_ptr(),
            body.len(),
            0,
            &mut callback,
            &mut error,
        );
        assert_eq!(kind, usersig_kind::USERSIG_ERR_CALLBACK_PARAM_MISSING);
        assert!(!callback.has_event_type && callback.sdkappid == 0);
        usersig_trtc_callback_verifier_destroy(verifier);
    }
}
