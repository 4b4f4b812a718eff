//! The C API against its header and the core: the header declares exactly what this module
//! exports, and the kinds are the core's. Its behaviour is tested from C and C++
//! (`bindings/c/tests`).

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
