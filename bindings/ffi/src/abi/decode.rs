//! Reads results back, strictly, as a binding would (`docs/abi.md`, "Results"): every length
//! within the result, UTF-8 where a `str` is, no trailing byte, an error's kind among the core's
//! with its Tencent code and the fields the contract lists for it. Shared by this module's tests
//! and the fuzz target (`bindings/ffi/fuzz`, built with `--cfg fuzzing`); the shipped library
//! does not contain it.

use usersig::{Claims, ErrorKind, Room};

use crate::abi::encode::{ERR, OK};

/// Why a result is not a well-formed encoding.
pub type Malformed = String;

/// A decoded result: the value (tag 0) or the error (tag 1), or why the bytes are neither.
pub type Decoded<T> = Result<Result<T, Refusal>, Malformed>;

/// A field of a decoded error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// Type `i`: an `i64`.
    Int(i64),
    /// Type `s`: a `str`.
    Text(String),
}

/// A decoded error: its kind's name, Tencent code (0 for none), message and fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The kind's snake_case name, one of [`ErrorKind::ALL`].
    pub kind: String,
    /// The kind's Tencent code, 0 for none.
    pub code: i32,
    /// The core's message.
    pub message: String,
    /// The fields, in order.
    pub fields: Vec<(String, Field)>,
}

impl Refusal {
    /// What the ABI must answer for the core's `error`: its kind, code and message, and `fields`.
    pub fn of(error: &usersig::Error, fields: &[(&str, Field)]) -> Refusal {
        Refusal {
            kind: error.kind().as_str().into(),
            code: error.tencent_code().unwrap_or(0),
            message: error.to_string(),
            fields: fields
                .iter()
                .map(|(name, value)| (name.to_string(), value.clone()))
                .collect(),
        }
    }

    /// The integer field `name`.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.fields.iter().find_map(|(n, v)| match v {
            Field::Int(i) if n == name => Some(*i),
            _ => None,
        })
    }

    /// The text field `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields.iter().find_map(|(n, v)| match v {
            Field::Text(s) if n == name => Some(s.as_str()),
            _ => None,
        })
    }
}

/// A decoded grant's room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomView {
    /// Grant tag 1: a numeric room id.
    Numeric(i64),
    /// Grant tag 2: a room name.
    Named(String),
}

/// A decoded PrivateMapKey grant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantView {
    /// The grant's user id.
    pub user_id: String,
    /// The grant's sdkappid.
    pub sdkappid: i64,
    /// The room.
    pub room: RoomView,
    /// The privilege bits.
    pub privileges: i64,
    /// When the grant expires.
    pub expires_at: i64,
}

/// Decoded claims, field by field as the ABI writes them (the core's [`Claims`] cannot be built
/// outside the core).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimsView {
    /// `TLS.identifier`.
    pub user_id: String,
    /// `TLS.sdkappid`.
    pub sdkappid: i64,
    /// `TLS.time`.
    pub issued_at: i64,
    /// `TLS.expire`.
    pub expire: i64,
    /// `issued_at + expire`.
    pub expires_at: i64,
    /// The userbuf's bytes, if the token has one.
    pub userbuf: Option<Vec<u8>>,
    /// The PrivateMapKey grant, if the userbuf is one.
    pub grant: Option<GrantView>,
    /// `TLS.sig`.
    pub signature: String,
}

impl From<&Claims> for ClaimsView {
    fn from(claims: &Claims) -> ClaimsView {
        ClaimsView {
            user_id: claims.user_id.clone(),
            sdkappid: claims.sdkappid.into(),
            issued_at: claims.issued_at,
            expire: claims.expire,
            expires_at: claims.expires_at,
            userbuf: claims.userbuf.clone(),
            grant: claims.grant.as_ref().map(|grant| GrantView {
                user_id: grant.user_id.clone(),
                sdkappid: grant.sdkappid.into(),
                room: match &grant.room {
                    Room::Numeric(id) => RoomView::Numeric((*id).into()),
                    Room::Named(name) => RoomView::Named(name.clone()),
                },
                privileges: grant.privileges.bits().into(),
                expires_at: grant.expires_at.into(),
            }),
            signature: claims.signature.clone(),
        }
    }
}

/// A token result (also an admin URL or endpoint): ASCII after the tag, not empty.
pub fn token(result: &[u8]) -> Decoded<String> {
    value(result, |r| {
        let token = r.rest();
        if token.is_empty() || !token.is_ascii() {
            return Err(format!("token {token:?} is empty or not ASCII"));
        }
        Ok(String::from_utf8(token.to_vec()).expect("ASCII"))
    })
}

/// A token list: its count, then the tokens joined by `\n` (empty for none).
pub fn token_list(result: &[u8]) -> Decoded<Vec<String>> {
    value(result, |r| {
        let count = r.u32()?;
        let joined = r.text()?;
        let tokens: Vec<String> = if joined.is_empty() {
            vec![]
        } else {
            joined.split('\n').map(str::to_owned).collect()
        };
        if tokens.len() != count as usize {
            return Err(format!("count {count}, {} tokens", tokens.len()));
        }
        if let Some(bad) = tokens
            .iter()
            .find(|t| t.is_empty() || !t.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(format!("token {bad:?} in a list"));
        }
        Ok(tokens)
    })
}

/// Claims.
pub fn claims(result: &[u8]) -> Decoded<ClaimsView> {
    value(result, |r| {
        let user_id = r.text()?;
        let sdkappid = r.i64()?;
        let issued_at = r.i64()?;
        let expire = r.i64()?;
        let expires_at = r.i64()?;
        let userbuf = match r.u8()? {
            0 => None,
            1 => Some(r.blob()?.to_vec()),
            other => return Err(format!("userbuf tag {other}")),
        };
        let grant = match r.u8()? {
            0 => None,
            tag @ (1 | 2) => {
                let user_id = r.text()?;
                let sdkappid = r.i64()?;
                let room = if tag == 1 {
                    RoomView::Numeric(r.i64()?)
                } else {
                    RoomView::Named(r.text()?)
                };
                Some(GrantView {
                    user_id,
                    sdkappid,
                    room,
                    privileges: r.i64()?,
                    expires_at: r.i64()?,
                })
            }
            other => return Err(format!("grant tag {other}")),
        };
        let signature = r.text()?;
        Ok(ClaimsView {
            user_id,
            sdkappid,
            issued_at,
            expire,
            expires_at,
            userbuf,
            grant,
            signature,
        })
    })
}

/// A decoded Chat callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatCallbackView {
    pub command: String,
    pub sdkappid: i64,
    pub request_time: i64,
    pub params: Vec<(String, String)>,
}

impl From<&usersig::ChatCallback> for ChatCallbackView {
    fn from(c: &usersig::ChatCallback) -> ChatCallbackView {
        ChatCallbackView {
            command: c.command.clone(),
            sdkappid: c.sdkappid.into(),
            request_time: c.request_time,
            params: c.params.clone(),
        }
    }
}

/// A decoded TRTC callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrtcCallbackView {
    pub sdkappid: i64,
    pub event_group_id: Option<i64>,
    pub event_type: Option<i64>,
    pub callback_ts: Option<i64>,
}

impl From<&usersig::TrtcCallback> for TrtcCallbackView {
    fn from(c: &usersig::TrtcCallback) -> TrtcCallbackView {
        TrtcCallbackView {
            sdkappid: c.sdkappid.into(),
            event_group_id: c.event_group_id,
            event_type: c.event_type,
            callback_ts: c.callback_ts,
        }
    }
}

/// A Chat callback: command, sdkappid, request time, and the other parameters.
pub fn chat_callback(result: &[u8]) -> Decoded<ChatCallbackView> {
    value(result, |r| {
        let command = r.text()?;
        let sdkappid = r.i64()?;
        let request_time = r.i64()?;
        let params = (0..r.u32()?)
            .map(|_| Ok((r.text()?, r.text()?)))
            .collect::<Result<Vec<_>, Malformed>>()?;
        Ok(ChatCallbackView {
            command,
            sdkappid,
            request_time,
            params,
        })
    })
}

/// A TRTC callback: the sdkappid, then three optional integers.
pub fn trtc_callback(result: &[u8]) -> Decoded<TrtcCallbackView> {
    value(result, |r| {
        let sdkappid = r.i64()?;
        let mut fields = [None; 3];
        for field in &mut fields {
            *field = match r.u8()? {
                0 => None,
                1 => Some(r.i64()?),
                other => return Err(format!("presence tag {other}")),
            };
        }
        let [event_group_id, event_type, callback_ts] = fields;
        Ok(TrtcCallbackView {
            sdkappid,
            event_group_id,
            event_type,
            callback_ts,
        })
    })
}

/// The error result of a refused constructor (tag 1 only).
pub fn refusal(result: &[u8]) -> Result<Refusal, Malformed> {
    match result.split_first() {
        Some((&ERR, _)) => error(result),
        _ => Err(format!("not an error result: {result:?}")),
    }
}

/// The kind list of `usersig_error_kinds`.
pub fn kinds(result: &[u8]) -> Result<Vec<(String, i32)>, Malformed> {
    list(result, |r| Ok((r.text()?, r.i32()?)))
}

/// The constant list of `usersig_constants`.
pub fn constants(result: &[u8]) -> Result<Vec<(String, i64)>, Malformed> {
    list(result, |r| Ok((r.text()?, r.i64()?)))
}

/// A `u32` count of items, each read by `item`, as the whole of a tag-0 result.
fn list<T>(
    result: &[u8],
    mut item: impl FnMut(&mut Reader) -> Result<T, Malformed>,
) -> Result<Vec<T>, Malformed> {
    value(result, |r| (0..r.u32()?).map(|_| item(r)).collect())?
        .map_err(|refusal| format!("a list call refused: {refusal:?}"))
}

/// A tag-0 result whose value `read` reads entirely, or an error.
fn value<T>(result: &[u8], read: impl FnOnce(&mut Reader) -> Result<T, Malformed>) -> Decoded<T> {
    match result.split_first() {
        Some((&OK, rest)) => {
            let mut r = Reader(rest);
            let value = read(&mut r)?;
            r.end()?;
            Ok(Ok(value))
        }
        Some((&ERR, _)) => Ok(Err(error(result)?)),
        Some((tag, _)) => Err(format!("tag {tag}")),
        None => Err("an empty result".into()),
    }
}

/// An error result, checked against the core's kinds and the fields the contract lists.
fn error(result: &[u8]) -> Result<Refusal, Malformed> {
    let mut r = Reader(&result[1..]);
    let kind = r.text()?;
    let code = r.i32()?;
    let message = r.text()?;
    let mut fields = Vec::new();
    for _ in 0..r.u8()? {
        let name = r.text()?;
        let value = match r.u8()? {
            b'i' => Field::Int(r.i64()?),
            b's' => Field::Text(r.text()?),
            other => return Err(format!("field {name} has type {other}")),
        };
        fields.push((name, value));
    }
    r.end()?;
    let known = ErrorKind::ALL
        .iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| format!("unknown kind {kind}"))?;
    if code != known.tencent_code().unwrap_or(0) {
        return Err(format!("kind {kind} with code {code}"));
    }
    let refusal = Refusal {
        kind,
        code,
        message,
        fields,
    };
    let shape: Vec<(&str, char)> = refusal
        .fields
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                if let Field::Int(_) = value { 'i' } else { 's' },
            )
        })
        .collect();
    if shape != listed_fields(&refusal) {
        return Err(format!("fields {shape:?} for {refusal:?}"));
    }
    Ok(refusal)
}

/// The fields `docs/abi.md` lists for the error's kind (and, for `malformed`, its reason).
fn listed_fields(refusal: &Refusal) -> Vec<(&'static str, char)> {
    match refusal.kind.as_str() {
        "sdkappid_out_of_range" | "privilege_out_of_range" => vec![("value", 'i')],
        "user_id_too_long" | "userbuf_too_long" | "room_str_too_long" => {
            vec![("length", 'i'), ("max", 'i')]
        }
        "user_id_control_char" => vec![("position", 'i')],
        "expire_out_of_range" => vec![("expire", 'i'), ("max", 'i')],
        "time_out_of_range" => vec![("now", 'i')],
        "expiry_overflow" => vec![("now", 'i'), ("expire", 'i')],
        "room_id_out_of_range" => vec![("room_id", 'i')],
        "malformed" => {
            let mut fields = vec![("reason", 's')];
            match refusal.text("reason") {
                Some("too_long") => fields.extend([("length", 'i'), ("max", 'i')]),
                Some("too_large_inflated") => fields.push(("max", 'i')),
                Some("missing_field" | "invalid_field") => fields.push(("field", 's')),
                _ => {}
            }
            fields
        }
        "expired" => vec![("expired_at", 'i'), ("now", 'i')],
        "user_id_mismatch" => vec![("expected", 's'), ("found", 's')],
        "sdkappid_mismatch" => vec![("expected", 'i'), ("found", 'i')],
        "unknown_region" => vec![("name", 's')],
        "invalid_endpoint" => vec![("reason", 's')],
        "invalid_rest_path" => vec![("part", 's')],
        "renew_margin_out_of_range" => vec![("margin", 'i'), ("validity", 'i')],
        "callback_param_missing" | "callback_param_repeated" => vec![("name", 's')],
        "callback_param_invalid" => vec![("name", 's'), ("reason", 's')],
        "callback_out_of_window" => vec![("time", 'i'), ("now", 'i'), ("window", 'i')],
        "callback_sdkappid_mismatch" => vec![("expected", 'i'), ("found", 'i')],
        "callback_too_large" => vec![("part", 's'), ("length", 'i'), ("max", 'i')],
        "callback_window_out_of_range" => vec![("window", 'i'), ("max", 'i')],
        _ => vec![],
    }
}

/// A cursor over an encoded result.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        if n > self.0.len() {
            return Err(format!("{n} bytes wanted, {} left", self.0.len()));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], Malformed> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, Malformed> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Result<i32, Malformed> {
        self.array().map(i32::from_le_bytes)
    }
    fn i64(&mut self) -> Result<i64, Malformed> {
        self.array().map(i64::from_le_bytes)
    }
    fn blob(&mut self) -> Result<&'a [u8], Malformed> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn text(&mut self) -> Result<String, Malformed> {
        let bytes = self.blob()?;
        String::from_utf8(bytes.to_vec()).map_err(|_| format!("{bytes:?} is not UTF-8"))
    }
    fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.0)
    }
    fn end(&self) -> Result<(), Malformed> {
        match self.0.len() {
            0 => Ok(()),
            n => Err(format!("{n} trailing bytes")),
        }
    }
}
