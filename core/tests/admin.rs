//! AdminAuth, Region, Endpoint and token lifetimes: every error path, the URL's encoding, and
//! renewal under an explicit clock and under contention.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Barrier};

use usersig::{
    inspect, AdminAuth, Endpoint, Error, ErrorKind, Region, Signer, Verifier, DEFAULT_ADMIN,
    DEFAULT_ADMIN_VALIDITY, DEFAULT_RENEW_MARGIN, MAX_EXPIRE, MAX_USER_ID_LEN,
};

const SDKAPPID: u32 = 1400000000;
const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const T0: i64 = 1_700_000_000;

fn auth(admin: &str) -> AdminAuth {
    AdminAuth::from_key(SDKAPPID, KEY, admin).unwrap()
}

/// Splits a URL into its path and its decoded query parameters, in order.
fn parse(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').expect("a query");
    let params = query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("name=value");
            (name.to_owned(), percent_decode(value))
        })
        .collect();
    (path.to_owned(), params)
}

/// Strict percent-decoding: only unreserved bytes may stand unencoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                assert_eq!(hex, hex.to_ascii_uppercase(), "uppercase hex");
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => {
                out.push(b);
                i += 1;
            }
            b => panic!("unencoded byte {b:#x} in {text:?}"),
        }
    }
    String::from_utf8(out).unwrap()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    &params.iter().find(|(n, _)| n == name).expect(name).1
}

fn token_of(url: &str) -> String {
    param(&parse(url).1, "usersig").to_owned()
}

#[test]
fn the_url_has_tencents_form_and_a_verifiable_token() {
    let auth = auth(DEFAULT_ADMIN);
    let url = auth
        .url_at("im_open_login_svc", "account_import", T0)
        .unwrap();
    let (path, params) = parse(&url);
    assert_eq!(
        path,
        "https://console.tim.qq.com/v4/im_open_login_svc/account_import"
    );
    let names: Vec<&str> = params.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["sdkappid", "identifier", "usersig", "random", "contenttype"]
    );
    assert_eq!(param(&params, "sdkappid"), "1400000000");
    assert_eq!(param(&params, "identifier"), "administrator");
    assert_eq!(param(&params, "contenttype"), "json");
    param(&params, "random").parse::<u32>().unwrap();
    let claims = Verifier::new(SDKAPPID, KEY)
        .unwrap()
        .verify_at(param(&params, "usersig"), "administrator", T0)
        .unwrap();
    assert_eq!(claims.issued_at, T0);
    assert_eq!(claims.expire, DEFAULT_ADMIN_VALIDITY);
}

#[test]
fn tencents_base64_alphabet_and_a_unicode_admin_survive_encoding() {
    let admin = "管理员 ad+min/é&=?";
    let auth = auth(admin);
    // Find a token using each of Tencent's three extra characters by varying the clock.
    let mut seen = HashSet::new();
    for i in 0..200 {
        let url = auth.url_at("svc", "cmd", T0 + i * 10_000).unwrap();
        let raw_query = url.split_once('?').unwrap().1;
        assert!(!raw_query.contains('*') && !raw_query.contains(' '));
        let (_, params) = parse(&url);
        assert_eq!(param(&params, "identifier"), admin);
        let token = param(&params, "usersig");
        seen.extend(token.chars().filter(|c| "*-_".contains(*c)));
        let claims = Verifier::new(SDKAPPID, KEY)
            .unwrap()
            .verify_at(token, admin, T0 + i * 10_000)
            .unwrap();
        assert_eq!(claims.user_id, admin);
        if seen.len() == 3 {
            return;
        }
    }
    panic!("no token used all of * - _ (saw {seen:?})");
}

#[test]
fn random_is_a_fresh_u32_per_url() {
    let auth = auth(DEFAULT_ADMIN);
    let randoms: HashSet<u32> = (0..32)
        .map(|_| {
            let url = auth.url_at("svc", "cmd", T0).unwrap();
            param(&parse(&url).1, "random").parse::<u32>().unwrap()
        })
        .collect();
    // 32 draws of 32 bits all differ but with probability below 1e-6.
    assert_eq!(randoms.len(), 32);
}

#[test]
fn the_token_is_reused_until_the_margin_and_renewed_past_it() {
    let auth = auth(DEFAULT_ADMIN).with_validity(100, 20).unwrap();
    let first = token_of(&auth.url_at("svc", "cmd", T0).unwrap());
    // Reused while at least 20 s are left: up to T0 + 80 inclusive.
    for now in [T0, T0 + 1, T0 + 50, T0 + 80] {
        assert_eq!(token_of(&auth.url_at("svc", "cmd", now).unwrap()), first);
    }
    let renewed = token_of(&auth.url_at("svc", "cmd", T0 + 81).unwrap());
    assert_ne!(renewed, first);
    let claims = inspect(&renewed).unwrap();
    assert_eq!((claims.issued_at, claims.expire), (T0 + 81, 100));
    // The new one is now the cached one.
    assert_eq!(auth.user_sig_at(T0 + 161).unwrap(), renewed);
    assert_ne!(auth.user_sig_at(T0 + 162).unwrap(), renewed);
}

#[test]
fn a_zero_margin_reuses_the_token_through_its_last_valid_second() {
    let auth = auth(DEFAULT_ADMIN).with_validity(10, 0).unwrap();
    let first = auth.user_sig_at(T0).unwrap();
    assert_eq!(auth.user_sig_at(T0 + 10).unwrap(), first);
    assert_ne!(auth.user_sig_at(T0 + 11).unwrap(), first);
}

#[test]
fn a_clock_that_jumps_past_expiry_gets_a_new_token() {
    let auth = auth(DEFAULT_ADMIN);
    let first = auth.user_sig_at(T0).unwrap();
    let later = auth.user_sig_at(T0 + 86_400).unwrap();
    assert_eq!(inspect(&later).unwrap().issued_at, T0 + 86_400);
    assert_ne!(first, later);
}

#[test]
fn sixteen_threads_at_the_renewal_moment_mint_one_token() {
    let auth = Arc::new(auth(DEFAULT_ADMIN).with_validity(100, 20).unwrap());
    let first = auth.user_sig_at(T0).unwrap();
    let barrier = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|i| {
            let (auth, barrier) = (Arc::clone(&auth), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                // Each thread's clock is one second apart, all past the margin: sixteen mints
                // would give sixteen issue times.
                auth.url_at("svc", "cmd", T0 + 81 + i).unwrap()
            })
        })
        .collect();
    let tokens: Vec<String> = threads
        .into_iter()
        .map(|t| token_of(&t.join().unwrap()))
        .collect();
    let distinct: HashSet<&String> = tokens.iter().collect();
    assert_eq!(distinct.len(), 1, "{} tokens minted", distinct.len());
    let token = tokens[0].clone();
    assert_ne!(token, first);
    let issued_at = inspect(&token).unwrap().issued_at;
    assert!((T0 + 81..T0 + 97).contains(&issued_at), "{issued_at}");
}

#[test]
fn admin_ids_are_checked_at_construction() {
    assert_eq!(
        AdminAuth::from_key(SDKAPPID, KEY, "").unwrap_err(),
        Error::EmptyUserId
    );
    let long = "a".repeat(MAX_USER_ID_LEN + 1);
    assert_eq!(
        AdminAuth::from_key(SDKAPPID, KEY, &long).unwrap_err(),
        Error::UserIdTooLong {
            len: MAX_USER_ID_LEN + 1,
            max: MAX_USER_ID_LEN
        }
    );
    assert!(AdminAuth::from_key(SDKAPPID, KEY, &"a".repeat(MAX_USER_ID_LEN)).is_ok());
    for (admin, position) in [("admin\n", 5), ("\u{7f}", 0), ("a\u{0}b", 1), ("管理\r", 6)] {
        assert_eq!(
            AdminAuth::from_key(SDKAPPID, KEY, admin).unwrap_err(),
            Error::UserIdControlChar { position },
            "{admin:?}"
        );
    }
    assert_eq!(
        AdminAuth::from_key(SDKAPPID, "", "admin").unwrap_err(),
        Error::EmptyKey
    );
}

#[test]
fn services_and_commands_outside_the_safe_alphabet_are_refused() {
    let auth = auth(DEFAULT_ADMIN);
    for bad in [
        "", ".", "..", "a/b", "a?b", "a b", " ", "a#b", "a%2F", "a&b", "é", "服务", "a\n",
        "..\u{0}",
    ] {
        assert_eq!(
            auth.url_at(bad, "cmd", T0).unwrap_err(),
            Error::InvalidRestPath { part: "service" },
            "{bad:?}"
        );
        assert_eq!(
            auth.url_at("svc", bad, T0).unwrap_err(),
            Error::InvalidRestPath { part: "command" },
            "{bad:?}"
        );
    }
    auth.url_at("Aa0_.-", "x.y-z_9", T0).unwrap();
    auth.url_at("...", ".a", T0).unwrap();
}

#[test]
fn times_the_signer_refuses_are_errors_and_leave_the_cache_alone() {
    let auth = auth(DEFAULT_ADMIN);
    assert_eq!(
        auth.url_at("svc", "cmd", -1).unwrap_err().kind(),
        ErrorKind::TimeOutOfRange
    );
    assert_eq!(
        auth.url_at("svc", "cmd", 4_294_967_295).unwrap_err().kind(),
        ErrorKind::ExpiryOverflow
    );
    let first = auth.user_sig_at(T0).unwrap();
    assert_eq!(auth.user_sig_at(T0 + 1).unwrap(), first);
}

#[test]
fn validity_and_margin_are_checked() {
    for validity in [0, -1, MAX_EXPIRE + 1, i64::MIN] {
        assert_eq!(
            auth("a").with_validity(validity, 0).unwrap_err(),
            Error::ExpireOutOfRange {
                expire: validity,
                max: MAX_EXPIRE
            }
        );
    }
    for (validity, margin) in [(100, 100), (100, 101), (100, -1), (1, 1), (10, i64::MAX)] {
        assert_eq!(
            auth("a").with_validity(validity, margin).unwrap_err(),
            Error::RenewMarginOutOfRange { margin, validity }
        );
    }
    let ok = auth("a").with_validity(1, 0).unwrap();
    assert_eq!((ok.validity(), ok.renew_margin()), (1, 0));
    let ok = auth("a").with_validity(MAX_EXPIRE, MAX_EXPIRE - 1).unwrap();
    assert_eq!(ok.renew_margin(), MAX_EXPIRE - 1);
}

#[test]
fn the_defaults_are_an_hour_renewed_ten_minutes_ahead() {
    let auth = AdminAuth::new(Signer::new(SDKAPPID, KEY).unwrap(), DEFAULT_ADMIN).unwrap();
    assert_eq!(auth.admin(), "administrator");
    assert_eq!(auth.sdkappid(), SDKAPPID);
    assert_eq!((auth.validity(), auth.renew_margin()), (3600, 600));
    assert_eq!(DEFAULT_RENEW_MARGIN, 600);
    assert_eq!(auth.endpoint().as_str(), "https://console.tim.qq.com");
}

#[test]
fn regions_have_names_hosts_and_backups() {
    let table: HashMap<&str, (&str, &str)> = Region::ALL
        .iter()
        .map(|r| (r.name(), (r.host(), r.backup_host())))
        .collect();
    let expected = [
        ("china", "console.tim.qq.com", "adminapi.my-imcloud.com"),
        (
            "singapore",
            "adminapisgp.im.qcloud.com",
            "adminapisgp.my-imcloud.com",
        ),
        (
            "seoul",
            "adminapikr.im.qcloud.com",
            "adminapikr.my-imcloud.com",
        ),
        (
            "tokyo",
            "adminapijpn.im.qcloud.com",
            "adminapijpn.my-imcloud.com",
        ),
        (
            "frankfurt",
            "adminapiger.im.qcloud.com",
            "adminapiger.my-imcloud.com",
        ),
        (
            "mumbai",
            "adminapiind.im.qcloud.com",
            "adminapiind.my-imcloud.com",
        ),
        (
            "silicon-valley",
            "adminapiusa.im.qcloud.com",
            "adminapiusa.my-imcloud.com",
        ),
        (
            "jakarta",
            "adminapiidn.im.qcloud.com",
            "adminapiidn.my-imcloud.com",
        ),
    ];
    assert_eq!(table.len(), expected.len());
    for (name, host, backup) in expected {
        assert_eq!(table[name], (host, backup));
        let region = Region::from_name(&name.to_ascii_uppercase()).unwrap();
        assert_eq!(region.name(), name);
        assert_eq!(region.to_string(), name);
        assert_eq!(
            Endpoint::region(region).to_string(),
            format!("https://{host}")
        );
        // Every built-in host passes the endpoint checks.
        Endpoint::host(host).unwrap();
        Endpoint::host(backup).unwrap();
    }
    for bad in [
        "",
        "mars",
        "silicon valley",
        "siliconvalley",
        "china ",
        "中国",
    ] {
        assert_eq!(
            Region::from_name(bad).unwrap_err(),
            Error::UnknownRegion {
                name: bad.to_owned()
            }
        );
    }
}

#[test]
fn hosts_are_names_or_addresses_with_an_optional_port() {
    for (host, base) in [
        ("im.example.com", "https://im.example.com"),
        ("im.example.com:8443", "https://im.example.com:8443"),
        ("localhost", "https://localhost"),
        ("10.0.0.1:1", "https://10.0.0.1:1"),
        ("[2001:db8::1]", "https://[2001:db8::1]"),
        ("[::1]:65535", "https://[::1]:65535"),
        ("a-b.c0", "https://a-b.c0"),
    ] {
        assert_eq!(Endpoint::host(host).unwrap().as_str(), base);
    }
    for bad in [
        "",
        "https://im.example.com",
        "im.example.com/v4",
        "im.example.com?x=1",
        "user@im.example.com",
        "im example.com",
        " im.example.com",
        "im.example.com:",
        "im.example.com:0",
        "im.example.com:65536",
        "im.example.com:+80",
        "im.example.com:80:80",
        "-im.example.com",
        "im-.example.com",
        "im..example.com",
        ".example.com",
        "im_x.example.com",
        "例子.com",
        "999.1.1.1",
        "127.1",
        "[::1",
        "[not-ip]",
        "[::1]x",
        "::1",
        &"a".repeat(64),
        &format!("{}.com", "a.".repeat(127)),
    ] {
        assert_eq!(
            Endpoint::host(bad).unwrap_err().kind(),
            ErrorKind::InvalidEndpoint,
            "{bad:?}"
        );
    }
}

#[test]
fn base_urls_are_https_or_http_to_loopback_only() {
    for (url, base) in [
        ("https://im.example.com", "https://im.example.com"),
        ("https://im.example.com/", "https://im.example.com"),
        ("HTTPS://im.example.com:8443", "https://im.example.com:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.9.9.9/", "http://127.9.9.9"),
        ("http://localhost:1", "http://localhost:1"),
        ("http://LOCALHOST", "http://LOCALHOST"),
        ("http://[::1]:9", "http://[::1]:9"),
    ] {
        assert_eq!(Endpoint::url(url).unwrap().as_str(), base, "{url}");
    }
    for bad in [
        "",
        "im.example.com",
        "http://im.example.com",
        "http://10.0.0.1",
        "http://128.0.0.1",
        "http://[2001:db8::1]",
        "http://localhost.example.com",
        "ftp://im.example.com",
        "https://",
        "https://im.example.com//",
        "https://im.example.com/v4",
        "https://im.example.com?x",
        "https://user:pw@im.example.com",
        "https://im.example.com#frag",
        "https:// im.example.com",
    ] {
        assert_eq!(
            Endpoint::url(bad).unwrap_err().kind(),
            ErrorKind::InvalidEndpoint,
            "{bad:?}"
        );
    }
}

#[test]
fn the_endpoint_is_the_urls_base() {
    let auth = auth(DEFAULT_ADMIN).with_endpoint(Endpoint::url("http://127.0.0.1:9/").unwrap());
    let url = auth.url_at("svc", "cmd", T0).unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:9/v4/svc/cmd?sdkappid="),
        "{url}"
    );
    let auth = auth.with_endpoint(Endpoint::region(Region::Jakarta));
    assert!(auth
        .url_at("svc", "cmd", T0)
        .unwrap()
        .starts_with("https://adminapiidn.im.qcloud.com/v4/svc/cmd?"));
}

#[test]
fn debug_shows_neither_key_nor_token() {
    let auth = auth("administrator");
    let token = auth.user_sig_at(T0).unwrap();
    let debug = format!("{auth:?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!debug.contains(&token), "{debug}");
    assert!(!debug.contains(&token[..16]), "{debug}");
    assert!(debug.contains("administrator") && debug.contains("1400000000"));
    assert!(debug.contains(&(T0 + 3600).to_string()), "{debug}");
}

#[test]
fn admin_auth_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<AdminAuth>();
    shareable::<Endpoint>();
    shareable::<Region>();
}

#[test]
fn lifetimes_count_down_to_the_last_valid_second() {
    let signer = Signer::new(SDKAPPID, KEY).unwrap();
    let claims = inspect(&signer.user_sig_at("alice", 3600, T0).unwrap()).unwrap();
    assert_eq!(claims.seconds_left_at(T0), 3600);
    assert_eq!(claims.seconds_left_at(T0 + 3600), 0);
    assert_eq!(claims.seconds_left_at(T0 + 3700), -100);
    assert_eq!(claims.seconds_left_at(i64::MIN), i64::MAX);
    // left == margin: keep it; left == margin - 1: renew.
    assert!(!claims.should_renew_at(T0 + 3000, 600));
    assert!(claims.should_renew_at(T0 + 3001, 600));
    assert!(!claims.should_renew_at(T0 + 3600, 0));
    assert!(claims.should_renew_at(T0 + 3601, 0));
    // The system clock is far past 2023's T0.
    assert!(claims.seconds_left() < 0);
    assert!(claims.should_renew(0));
    let fresh = inspect(&signer.user_sig("alice", 3600).unwrap()).unwrap();
    assert!((3599..=3600).contains(&fresh.seconds_left()));
    assert!(!fresh.should_renew(600));
}

#[test]
fn new_error_kinds_have_names_and_no_tencent_code() {
    let cases = [
        (Error::UnknownRegion { name: "x".into() }, "unknown_region"),
        (Error::InvalidEndpoint { reason: "r" }, "invalid_endpoint"),
        (
            Error::InvalidRestPath { part: "service" },
            "invalid_rest_path",
        ),
        (
            Error::RenewMarginOutOfRange {
                margin: 5,
                validity: 5,
            },
            "renew_margin_out_of_range",
        ),
        (Error::RandomUnavailable, "random_unavailable"),
    ];
    for (error, name) in cases {
        assert_eq!(error.kind().as_str(), name);
        assert_eq!(error.tencent_code(), None);
        assert!(ErrorKind::ALL.contains(&error.kind()));
    }
    assert_eq!(
        Error::UnknownRegion {
            name: "a\nb".into()
        }
        .to_string()
        .lines()
        .count(),
        1,
        "the name is escaped"
    );
}
