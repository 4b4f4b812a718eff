//! What the command prints: claims, callbacks and errors, as text for people or JSON for programs.

use std::borrow::Cow;
use std::fmt::Write;

use serde_json::{json, Value};
use usersig::{ChatCallback, Claims, Error, Grant, Room, TrtcCallback};

/// Claims as aligned `name: value` lines under a one-line verdict.
pub fn claims_text(claims: &Claims, verdict: &str) -> String {
    let mut out = format!("{verdict}\n");
    let mut line = |name: &str, value: String| {
        let _ = writeln!(out, "{name:<18}{value}");
    };
    line("user_id:", format!("{:?}", claims.user_id));
    line("sdkappid:", claims.sdkappid.to_string());
    line("issued_at:", time(claims.issued_at));
    line("expire:", format!("{} s", claims.expire));
    line("expires_at:", time(claims.expires_at));
    if let Some(userbuf) = &claims.userbuf {
        line(
            "userbuf:",
            format!("{} bytes, hex {}", userbuf.len(), hex(userbuf)),
        );
    }
    if let Some(grant) = &claims.grant {
        line("grant.user_id:", format!("{:?}", grant.user_id));
        line("grant.sdkappid:", grant.sdkappid.to_string());
        line("grant.room:", room(&grant.room));
        line("grant.privileges:", format!("{:?}", grant.privileges));
        line("grant.expires_at:", time(grant.expires_at.into()));
    }
    out
}

/// Claims as one JSON object. Unverified (inspected) claims also carry the token's own fields
/// under their `TLS.*` names.
pub fn claims_json(claims: &Claims, verified: bool) -> Value {
    let mut object = json!({
        "verified": verified,
        "user_id": claims.user_id,
        "sdkappid": claims.sdkappid,
        "issued_at": claims.issued_at,
        "expire": claims.expire,
        "expires_at": claims.expires_at,
        "userbuf_hex": claims.userbuf.as_deref().map(hex),
        "grant": claims.grant.as_ref().map(grant_json),
    });
    if !verified {
        let fields = object.as_object_mut().expect("a JSON object");
        fields.insert("TLS.ver".into(), "2.0".into());
        fields.insert("TLS.identifier".into(), claims.user_id.clone().into());
        fields.insert("TLS.sdkappid".into(), claims.sdkappid.into());
        fields.insert("TLS.expire".into(), claims.expire.into());
        fields.insert("TLS.time".into(), claims.issued_at.into());
        if let Some(userbuf) = &claims.userbuf {
            fields.insert("TLS.userbuf".into(), base64(userbuf).into());
        }
        fields.insert("TLS.sig".into(), claims.signature.clone().into());
    }
    object
}

fn grant_json(grant: &Grant) -> Value {
    let (room_id, room_str) = match &grant.room {
        Room::Numeric(id) => (Some(*id), None),
        Room::Named(name) => (None, Some(name.as_str())),
    };
    json!({
        "user_id": grant.user_id,
        "sdkappid": grant.sdkappid,
        "room_id": room_id,
        "room_str": room_str,
        "privileges": grant.privileges.bits(),
        "expires_at": grant.expires_at,
    })
}

/// A Chat callback that passed, one field a line.
pub fn chat_callback_text(callback: &ChatCallback) -> String {
    let mut text = format!(
        "valid Chat callback\ncommand:      {}\nsdkappid:     {}\nrequest time: {}\n",
        escape_controls(&callback.command),
        callback.sdkappid,
        time(callback.request_time)
    );
    for (name, value) in &callback.params {
        text.push_str(&format!(
            "param:        {}={}\n",
            escape_controls(name),
            escape_controls(value)
        ));
    }
    text
}

/// `{"valid": true, "scheme": "chat", "command": …, "sdkappid": …, "request_time": …,
/// "params": [[name, value], …]}`.
pub fn chat_callback_json(callback: &ChatCallback) -> Value {
    json!({
        "valid": true,
        "scheme": "chat",
        "command": callback.command,
        "sdkappid": callback.sdkappid,
        "request_time": callback.request_time,
        "params": callback.params,
    })
}

/// A TRTC callback that passed, one field a line.
pub fn trtc_callback_text(event: &TrtcCallback) -> String {
    let field = |value: Option<i64>| value.map_or_else(|| "absent".to_owned(), |v| v.to_string());
    format!(
        "valid TRTC callback\nsdkappid:       {}\nevent group:    {}\nevent type:     {}\ncallback time:  {}\n",
        event.sdkappid,
        field(event.event_group_id),
        field(event.event_type),
        event.callback_ts.map_or_else(
            || "absent".to_owned(),
            |ms| format!("{ms} ms, {}", time(ms.div_euclid(1000)))
        ),
    )
}

/// `{"valid": true, "scheme": "trtc", "sdkappid": …, "event_group_id": …, "event_type": …,
/// "callback_ts": …}` (absent fields are null).
pub fn trtc_callback_json(event: &TrtcCallback) -> Value {
    json!({
        "valid": true,
        "scheme": "trtc",
        "sdkappid": event.sdkappid,
        "event_group_id": event.event_group_id,
        "event_type": event.event_type,
        "callback_ts": event.callback_ts,
    })
}

/// `kind: message`; the message of a verification error ends with its Tencent code.
pub fn error_line(error: &Error) -> String {
    format!("{}: {error}", error.kind())
}

/// `{"valid": false, "error": kind, "tencent_code": N, "message": …}`.
pub fn error_json(error: &Error) -> Value {
    json!({
        "valid": false,
        "error": error.kind().as_str(),
        "tencent_code": error.tencent_code(),
        "message": error.to_string(),
    })
}

fn room(room: &Room) -> String {
    match room {
        Room::Numeric(id) => format!("{id} (numeric)"),
        Room::Named(name) => format!("{name:?} (string)"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Unix seconds with their UTC date, e.g. `1700000000 (2023-11-14T22:13:20Z)`.
fn time(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm, valid for the whole i64 range of days used here.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{unix} ({year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z)",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `text` with its control characters (C0 but line feed and tab, DEL, and C1) written as
/// `\u{XX}`, so that a server's answer shown on a terminal cannot move the cursor, recolour the
/// screen or retitle the window.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    if !text.contains(control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(time(0), "0 (1970-01-01T00:00:00Z)");
        assert_eq!(time(1_700_000_000), "1700000000 (2023-11-14T22:13:20Z)");
        assert_eq!(time(951_782_400), "951782400 (2000-02-29T00:00:00Z)");
        assert_eq!(time(4_294_967_295), "4294967295 (2106-02-07T06:28:15Z)");
        assert_eq!(time(-1), "-1 (1969-12-31T23:59:59Z)");
    }

    #[test]
    fn control_characters_are_escaped_for_a_terminal() {
        assert!(matches!(
            escape_controls("{\"a\":\n\t\"é\"}"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_controls("\u{1b}]0;title\u{7}\u{1b}[31mred\u{7f}\u{9b}2J\r"),
            "\\u{1b}]0;title\\u{7}\\u{1b}[31mred\\u{7f}\\u{9b}2J\\u{d}"
        );
    }
}
