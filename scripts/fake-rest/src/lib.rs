//! A local fake of Tencent's REST API endpoint, on loopback, for testing every binding's
//! `AdminAuth` and the CLI's `rest`.
//!
//! It answers `POST /v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`
//! the way Tencent's server does: it checks the query, verifies `usersig` with the usersig
//! verifier for the admin and the application, and answers Tencent's JSON,
//! `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",…}` or `"FAIL"` with the code of the fault
//! (70001 expired, 70003 malformed, 70009 bad signature, 70013 token for another id, 70014 token
//! or URL for another sdkappid, 60002 a bad query or request, 60003 a body that is not JSON,
//! 60009 a path that is not `/v4/{service}/{command}`, 60010 an identifier that is not the admin,
//! 60012 no sdkappid).
//!
//! Scenarios by path, for clients' error handling: `/v4/fake/hang` reads the request and never
//! answers; `/v4/fake/not_json` answers `200 OK` with a body that is not JSON (these two check
//! nothing, like a broken server); `/v4/fake/fail` checks the request as usual, then answers
//! FAIL with ErrorCode 90001. Any other service and command echo
//! `{"Service":…,"Command":…,"Body":<the request's JSON>}` inside the OK answer.
//!
//! Every answer closes the connection. A request head over 16 KiB or a body over 1 MiB is
//! refused (431, 413); a POST without `Content-Length` gets 411; a client that sends nothing
//! for 10 seconds is dropped; a malformed request line gets 400. Nothing but `/v4/fake/hang`
//! keeps a connection open.
//!
//! [`callbacks`] goes the other way: it sends Tencent's signed callbacks, and forged ones, to a
//! receiver under test.

pub mod callbacks;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};
use usersig::Verifier;

/// The largest request head (request line and headers) read, in bytes.
pub const MAX_HEAD: usize = 16 * 1024;
/// The largest request body read, in bytes.
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a connection may stay silent before it is dropped.
const IDLE: Duration = Duration::from_secs(10);
/// How long, and how much, a refused request's remainder is read before the connection closes.
const DRAIN: Duration = Duration::from_secs(2);
const DRAIN_BYTES: u64 = (MAX_HEAD + MAX_BODY) as u64;

/// What the fake accepts: one application's tokens for one admin account.
#[derive(Clone)]
pub struct Config {
    /// The application's SDKAppID.
    pub sdkappid: u32,
    /// The application's secret key.
    pub key: String,
    /// The admin account (`identifier`) requests must come from.
    pub admin: String,
}

/// Binds `127.0.0.1:0` and serves on background threads; returns the base URL,
/// `http://127.0.0.1:PORT`. The server lives as long as the process.
///
/// # Errors
/// The key is empty (as [`usersig::Error`] inside an `io::Error`), or the socket cannot be bound.
pub fn spawn(config: Config) -> io::Result<String> {
    let verifier = Verifier::new(config.sdkappid, &config.key)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let url = base_url(listener.local_addr()?);
    let server = Server { config, verifier };
    thread::spawn(move || server.serve(listener));
    Ok(url)
}

fn base_url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

struct Server {
    config: Config,
    verifier: Verifier,
}

/// One answer: HTTP status, content type and body.
struct Answer {
    status: &'static str,
    content_type: &'static str,
    body: String,
}

impl Answer {
    fn json(status: &'static str, value: &Value) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            body: value.to_string(),
        }
    }

    /// Tencent's FAIL answer, with HTTP 200 as Tencent sends it.
    fn fail(code: i64, info: impl Into<String>) -> Answer {
        Answer::json(
            "200 OK",
            &json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info.into()}),
        )
    }

    /// A refusal at the HTTP level, still with a Tencent-style body.
    fn http_error(status: &'static str, info: &str) -> Answer {
        Answer::json(
            status,
            &json!({"ActionStatus": "FAIL", "ErrorCode": 60002, "ErrorInfo": info}),
        )
    }
}

/// What the handler decided: answer, or keep the connection open without one.
enum Outcome {
    Answer(Answer),
    Hang,
}

impl Server {
    fn serve(self, listener: TcpListener) {
        let server = std::sync::Arc::new(self);
        for stream in listener.incoming().flatten() {
            let server = std::sync::Arc::clone(&server);
            thread::spawn(move || server.connection(stream));
        }
    }

    fn connection(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(IDLE));
        let _ = stream.set_write_timeout(Some(IDLE));
        let Ok(mut writer) = stream.try_clone() else {
            return;
        };
        let outcome = match read_request(&mut writer, BufReader::new(stream)) {
            Ok(request) => self.handle(&request),
            Err(answer) => Outcome::Answer(answer),
        };
        match outcome {
            Outcome::Answer(answer) => {
                let _ = write!(
                    writer,
                    "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                    answer.status,
                    answer.content_type,
                    answer.body.len(),
                    answer.body
                );
                let _ = writer.flush();
                // Read what the client still sends (bounded), so that closing with unread
                // input does not reset the connection before the client reads the answer.
                let _ = writer.shutdown(std::net::Shutdown::Write);
                let _ = writer.set_read_timeout(Some(DRAIN));
                let _ = io::copy(&mut (&writer).take(DRAIN_BYTES), &mut io::sink());
            }
            Outcome::Hang => loop {
                thread::park();
            },
        }
    }

    fn handle(&self, request: &Request) -> Outcome {
        let (path, query) = request
            .target
            .split_once('?')
            .unwrap_or((&request.target, ""));
        let Some((service, command)) = path
            .strip_prefix("/v4/")
            .and_then(|rest| rest.split_once('/'))
            .filter(|(s, c)| !s.is_empty() && !c.is_empty() && !c.contains('/'))
        else {
            return Outcome::Answer(Answer::fail(
                60009,
                format!("the path {path:?} is not /v4/{{service}}/{{command}}"),
            ));
        };
        match (service, command) {
            ("fake", "hang") => return Outcome::Hang,
            ("fake", "not_json") => {
                return Outcome::Answer(Answer {
                    status: "200 OK",
                    content_type: "text/html",
                    body: "<html>502 Bad Gateway</html>".to_owned(),
                })
            }
            _ => {}
        }
        if request.method != "POST" {
            return Outcome::Answer(Answer::fail(
                60002,
                format!("method {} is not POST", request.method),
            ));
        }
        if let Err(answer) = self.authenticate(query) {
            return Outcome::Answer(answer);
        }
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return Outcome::Answer(Answer::fail(60003, "the request body is not JSON"));
        };
        Outcome::Answer(match (service, command) {
            ("fake", "fail") => Answer::fail(90001, "the fake refuses this request, as asked"),
            _ => Answer::json(
                "200 OK",
                &json!({
                    "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
                    "Service": service, "Command": command, "Body": body,
                }),
            ),
        })
    }

    /// Checks the query as Tencent does, and verifies the admin's UserSig.
    fn authenticate(&self, query: &str) -> Result<(), Answer> {
        let params = parse_query(query).map_err(|e| Answer::fail(60002, e))?;
        let get = |name: &str| -> Result<&str, Answer> {
            let mut values = params.iter().filter(|(n, _)| n == name);
            match (values.next(), values.next()) {
                (Some((_, v)), None) => Ok(v),
                (None, _) if name == "sdkappid" => {
                    Err(Answer::fail(60012, "the query has no sdkappid"))
                }
                (None, _) => Err(Answer::fail(60002, format!("the query has no {name}"))),
                (Some(_), Some(_)) => Err(Answer::fail(
                    60002,
                    format!("the query has {name} more than once"),
                )),
            }
        };
        let sdkappid = get("sdkappid")?;
        if sdkappid.parse::<u32>() != Ok(self.config.sdkappid) {
            return Err(Answer::fail(
                70014,
                format!("sdkappid {sdkappid:?} is not this application's"),
            ));
        }
        let identifier = get("identifier")?;
        if identifier != self.config.admin {
            return Err(Answer::fail(
                60010,
                format!("identifier {identifier:?} is not the app admin"),
            ));
        }
        let random = get("random")?;
        if random.is_empty()
            || !random.bytes().all(|b| b.is_ascii_digit())
            || random.parse::<u32>().is_err()
        {
            return Err(Answer::fail(
                60002,
                format!("random {random:?} is not a 32-bit unsigned integer"),
            ));
        }
        let content_type = get("contenttype")?;
        if content_type != "json" {
            return Err(Answer::fail(
                60002,
                format!("contenttype {content_type:?} is not json"),
            ));
        }
        let usersig = get("usersig")?;
        self.verifier
            .verify(usersig, identifier)
            .map_err(|e| Answer::fail(e.tencent_code().unwrap_or(70003).into(), e.to_string()))?;
        Ok(())
    }
}

/// A request as far as the fake needs it.
struct Request {
    method: String,
    target: String,
    body: Vec<u8>,
}

/// Reads one request: the head (bounded), then exactly `Content-Length` bytes of body.
fn read_request(
    writer: &mut TcpStream,
    mut reader: BufReader<TcpStream>,
) -> Result<Request, Answer> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read = (&mut reader)
            .take((MAX_HEAD + 1 - head.len()) as u64)
            .read_until(b'\n', &mut head)
            .map_err(|_| {
                Answer::http_error("408 Request Timeout", "the request head did not arrive")
            })?;
        if head.len() > MAX_HEAD {
            return Err(Answer::http_error(
                "431 Request Header Fields Too Large",
                "the request head is too large",
            ));
        }
        if read == 0 {
            return Err(Answer::http_error(
                "400 Bad Request",
                "the request ended early",
            ));
        }
        if head[before..] == *b"\r\n" || head[before..] == *b"\n" {
            break;
        }
    }
    let head = String::from_utf8(head)
        .map_err(|_| Answer::http_error("400 Bad Request", "the request head is not UTF-8"))?;
    let mut lines = head.lines();
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) = (
        request_line.next(),
        request_line.next(),
        request_line.next(),
        request_line.next(),
    ) else {
        return Err(Answer::http_error(
            "400 Bad Request",
            "not an HTTP request line",
        ));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') || method.is_empty() {
        return Err(Answer::http_error(
            "400 Bad Request",
            "not an HTTP/1.x request line",
        ));
    }
    let mut content_length = None;
    let mut expect_continue = false;
    for line in lines.filter(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Answer::http_error(
                "400 Bad Request",
                "a header line has no colon",
            ));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let length = value.parse::<usize>().map_err(|_| {
                Answer::http_error("400 Bad Request", "Content-Length is not a number")
            })?;
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(Answer::http_error(
                "411 Length Required",
                "chunked bodies are not supported; send Content-Length",
            ));
        } else if name.eq_ignore_ascii_case("expect") && value.eq_ignore_ascii_case("100-continue")
        {
            expect_continue = true;
        }
    }
    let length = match (content_length, method) {
        (Some(length), _) => length,
        (None, "POST") => {
            return Err(Answer::http_error(
                "411 Length Required",
                "a POST needs Content-Length",
            ))
        }
        (None, _) => 0,
    };
    if length > MAX_BODY {
        return Err(Answer::http_error(
            "413 Content Too Large",
            "the body is larger than 1 MiB",
        ));
    }
    if expect_continue {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|_| {
        Answer::http_error("400 Bad Request", "the body is shorter than Content-Length")
    })?;
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        body,
    })
}

/// Splits a query into decoded `(name, value)` pairs; `+` is a space, as in forms.
fn parse_query(query: &str) -> Result<Vec<(String, String)>, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(name)?, percent_decode(value)?))
        })
        .collect()
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let byte = bytes
                    .get(i + 1..i + 3)
                    .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    .ok_or_else(|| format!("bad percent-encoding in {text:?}"))?;
                out.push(byte);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("{text:?} does not decode to UTF-8"))
}
