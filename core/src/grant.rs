//! The PrivateMapKey userbuf: which TRTC room a user may enter and what they may do there.
//!
//! The layout (spec §2) is big-endian throughout:
//!
//! | field | size | value |
//! |---|---|---|
//! | version | 1 | 0 numeric room, 1 string room |
//! | account length | 2 | byte length of the account |
//! | account | L | the user id, UTF-8 |
//! | sdkappid | 4 | |
//! | room id | 4 | 0 for a string room |
//! | expiry | 4 | absolute Unix time |
//! | privilege map | 4 | [`Privileges`] |
//! | account type | 4 | always 0 |
//! | room string length | 2 | version 1 only |
//! | room string | R | version 1 only, UTF-8 |

use std::fmt;
use std::ops::{BitOr, BitOrAssign};

use crate::Error;

/// The longest string room id TRTC accepts, in bytes of UTF-8.
pub const MAX_ROOM_STR_LEN: usize = 64;

/// The largest numeric room id TRTC accepts.
pub const MAX_ROOM_ID: u32 = 4_294_967_294;

/// A TRTC room: numeric or named by a string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Room {
    /// A numeric room id, 1..=4294967294.
    Numeric(u32),
    /// A string room id, 1 to 64 bytes of UTF-8.
    Named(String),
}

impl Room {
    /// Checks the room against TRTC's limits.
    ///
    /// # Errors
    /// [`Error::RoomIdOutOfRange`], [`Error::EmptyRoomStr`] or [`Error::RoomStrTooLong`].
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            Room::Numeric(id) if *id == 0 || *id > MAX_ROOM_ID => Err(Error::RoomIdOutOfRange {
                room_id: i64::from(*id),
            }),
            Room::Numeric(_) => Ok(()),
            Room::Named(name) if name.is_empty() => Err(Error::EmptyRoomStr),
            Room::Named(name) if name.len() > MAX_ROOM_STR_LEN => Err(Error::RoomStrTooLong {
                len: name.len(),
                max: MAX_ROOM_STR_LEN,
            }),
            Room::Named(_) => Ok(()),
        }
    }

    /// A numeric room from a signed integer, as foreign callers pass it.
    ///
    /// # Errors
    /// [`Error::RoomIdOutOfRange`] unless `room_id` is in 1..=4294967294.
    ///
    /// # Example
    /// ```
    /// use usersig::{Error, Room};
    /// assert_eq!(Room::numeric(10000), Ok(Room::Numeric(10000)));
    /// assert_eq!(Room::numeric(0), Err(Error::RoomIdOutOfRange { room_id: 0 }));
    /// ```
    pub fn numeric(room_id: i64) -> Result<Room, Error> {
        let room = u32::try_from(room_id)
            .map(Room::Numeric)
            .map_err(|_| Error::RoomIdOutOfRange { room_id })?;
        room.validate()?;
        Ok(room)
    }

    /// A string room.
    ///
    /// # Errors
    /// [`Error::EmptyRoomStr`] or [`Error::RoomStrTooLong`].
    pub fn named(name: &str) -> Result<Room, Error> {
        let room = Room::Named(name.to_owned());
        room.validate()?;
        Ok(room)
    }
}

impl fmt::Display for Room {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Room::Numeric(id) => write!(f, "{id}"),
            Room::Named(name) => write!(f, "{name:?}"),
        }
    }
}

/// What a user may do in a room: a set of the eight TRTC privilege bits.
///
/// # Example
/// ```
/// use usersig::Privileges;
/// let viewer = Privileges::ENTER_ROOM | Privileges::RECV_AUDIO | Privileges::RECV_VIDEO;
/// assert_eq!(viewer.bits(), 42);
/// assert!(Privileges::ALL.contains(viewer));
/// assert_eq!(Privileges::try_from(256).unwrap_err().to_string(), "privilege mask 256 is outside 0..=255");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Privileges(u8);

impl Privileges {
    /// May create the room.
    pub const CREATE_ROOM: Privileges = Privileges(1);
    /// May enter the room.
    pub const ENTER_ROOM: Privileges = Privileges(2);
    /// May send audio.
    pub const SEND_AUDIO: Privileges = Privileges(4);
    /// May receive audio.
    pub const RECV_AUDIO: Privileges = Privileges(8);
    /// May send video.
    pub const SEND_VIDEO: Privileges = Privileges(16);
    /// May receive video.
    pub const RECV_VIDEO: Privileges = Privileges(32);
    /// May send the sub-stream (screen sharing).
    pub const SEND_SUB_STREAM: Privileges = Privileges(64);
    /// May receive the sub-stream (screen sharing). Official comments say "200"; it is 128.
    pub const RECV_SUB_STREAM: Privileges = Privileges(128);
    /// Every privilege (255).
    pub const ALL: Privileges = Privileges(255);
    /// No privilege at all (0).
    pub const NONE: Privileges = Privileges(0);

    const NAMES: [(&'static str, Privileges); 8] = [
        ("CREATE_ROOM", Privileges::CREATE_ROOM),
        ("ENTER_ROOM", Privileges::ENTER_ROOM),
        ("SEND_AUDIO", Privileges::SEND_AUDIO),
        ("RECV_AUDIO", Privileges::RECV_AUDIO),
        ("SEND_VIDEO", Privileges::SEND_VIDEO),
        ("RECV_VIDEO", Privileges::RECV_VIDEO),
        ("SEND_SUB_STREAM", Privileges::SEND_SUB_STREAM),
        ("RECV_SUB_STREAM", Privileges::RECV_SUB_STREAM),
    ];

    /// The set with exactly these bits.
    pub const fn from_bits(bits: u8) -> Privileges {
        Privileges(bits)
    }

    /// The bits of the set, as written into the userbuf.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether every privilege in `other` is also in `self`.
    pub const fn contains(self, other: Privileges) -> bool {
        self.0 & other.0 == other.0
    }
}

impl TryFrom<i64> for Privileges {
    type Error = Error;

    /// A set from a mask as foreign callers pass it.
    ///
    /// # Errors
    /// [`Error::PrivilegeOutOfRange`] unless `value` is in 0..=255.
    fn try_from(value: i64) -> Result<Self, Error> {
        u8::try_from(value)
            .map(Privileges)
            .map_err(|_| Error::PrivilegeOutOfRange { value })
    }
}

impl BitOr for Privileges {
    type Output = Privileges;
    fn bitor(self, rhs: Privileges) -> Privileges {
        Privileges(self.0 | rhs.0)
    }
}

impl BitOrAssign for Privileges {
    fn bitor_assign(&mut self, rhs: Privileges) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for Privileges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Privileges::NAMES
            .iter()
            .filter(|(_, bit)| self.contains(*bit))
            .map(|(name, _)| *name)
            .collect();
        write!(f, "Privileges({} = {})", self.0, names.join(" | "))
    }
}

/// A PrivateMapKey's grant, as carried in its userbuf.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The user id the grant is for.
    pub user_id: String,
    /// The application the grant is for.
    pub sdkappid: u32,
    /// The room the grant opens.
    pub room: Room,
    /// What the user may do in the room.
    pub privileges: Privileges,
    /// The absolute Unix time after which the grant is void.
    pub expires_at: u32,
}

impl Grant {
    /// Serialises the grant into the userbuf layout. The caller has validated every field.
    pub(crate) fn to_userbuf(&self) -> Vec<u8> {
        let (version, room_id, room_str) = match &self.room {
            Room::Numeric(id) => (0u8, *id, ""),
            Room::Named(name) => (1u8, 0, name.as_str()),
        };
        let account = self.user_id.as_bytes();
        let mut buf = Vec::with_capacity(25 + account.len() + room_str.len());
        buf.push(version);
        buf.extend_from_slice(&len16(account).to_be_bytes());
        buf.extend_from_slice(account);
        buf.extend_from_slice(&self.sdkappid.to_be_bytes());
        buf.extend_from_slice(&room_id.to_be_bytes());
        buf.extend_from_slice(&self.expires_at.to_be_bytes());
        buf.extend_from_slice(&u32::from(self.privileges.bits()).to_be_bytes());
        buf.extend_from_slice(&0u32.to_be_bytes()); // account type
        if version == 1 {
            buf.extend_from_slice(&len16(room_str.as_bytes()).to_be_bytes());
            buf.extend_from_slice(room_str.as_bytes());
        }
        buf
    }

    /// Reads a userbuf as a PrivateMapKey grant.
    ///
    /// Returns `None` unless the bytes follow the layout exactly: a known version, lengths that
    /// fit, UTF-8 strings, privileges within eight bits, account type 0 and no trailing bytes.
    /// A userbuf that is not a grant (an application's own bytes) is not an error.
    pub fn from_userbuf(bytes: &[u8]) -> Option<Grant> {
        let mut r = Reader(bytes);
        let version = r.u8()?;
        let account_len = usize::from(r.u16()?);
        let user_id = String::from_utf8(r.take(account_len)?.to_vec()).ok()?;
        let sdkappid = r.u32()?;
        let room_id = r.u32()?;
        let expires_at = r.u32()?;
        let privileges = Privileges(u8::try_from(r.u32()?).ok()?);
        if r.u32()? != 0 {
            return None;
        }
        let room = match version {
            0 => Room::Numeric(room_id),
            1 if room_id == 0 => {
                let len = usize::from(r.u16()?);
                Room::Named(String::from_utf8(r.take(len)?.to_vec()).ok()?)
            }
            _ => return None,
        };
        r.0.is_empty().then_some(Grant {
            user_id,
            sdkappid,
            room,
            privileges,
            expires_at,
        })
    }
}

/// A length that the signer's limits guarantee fits in 16 bits.
fn len16(bytes: &[u8]) -> u16 {
    u16::try_from(bytes.len()).expect("lengths are validated before encoding")
}

/// A bounds-checked big-endian reader: every read fails rather than running past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_be_bytes(self.take(2)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(room: Room) -> Grant {
        Grant {
            user_id: "xiaojun".into(),
            sdkappid: 1_400_000_000,
            room,
            privileges: Privileges::ALL,
            expires_at: 1_700_000_000 + 15_552_000,
        }
    }

    fn b64(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn spec_worked_examples() {
        let numeric = grant(Room::Numeric(10000));
        assert_eq!(
            b64(&numeric.to_userbuf()),
            "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
        );
        let named = grant(Room::Named("1000000040".into()));
        assert_eq!(
            b64(&named.to_userbuf()),
            "AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw"
        );
    }

    #[test]
    fn round_trips_and_rejects_every_truncation() {
        for g in [grant(Room::Numeric(1)), grant(Room::Named("房间".into()))] {
            let buf = g.to_userbuf();
            assert_eq!(Grant::from_userbuf(&buf), Some(g));
            for cut in 0..buf.len() {
                assert_eq!(Grant::from_userbuf(&buf[..cut]), None, "cut at {cut}");
            }
            let mut longer = buf.clone();
            longer.push(0);
            assert_eq!(Grant::from_userbuf(&longer), None);
        }
    }

    #[test]
    fn rejects_what_is_not_a_grant() {
        let mut buf = grant(Room::Numeric(7)).to_userbuf();
        buf[0] = 2; // unknown version
        assert_eq!(Grant::from_userbuf(&buf), None);
        assert_eq!(Grant::from_userbuf(b"abc"), None);
        assert_eq!(Grant::from_userbuf(&[]), None);
        // Latin-1 account written by the official Python library: not UTF-8, so not decoded.
        let latin1 = [
            0, 0, 1, 0xe9, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 255, 0, 0, 0, 0,
        ];
        assert_eq!(Grant::from_userbuf(&latin1), None);
    }

    #[test]
    fn room_limits() {
        assert_eq!(Room::numeric(1), Ok(Room::Numeric(1)));
        assert_eq!(
            Room::numeric(4_294_967_294),
            Ok(Room::Numeric(4_294_967_294))
        );
        for bad in [0, -1, 4_294_967_295, i64::MAX, i64::MIN] {
            assert_eq!(
                Room::numeric(bad),
                Err(Error::RoomIdOutOfRange { room_id: bad })
            );
        }
        assert_eq!(Room::named(""), Err(Error::EmptyRoomStr));
        assert!(Room::named(&"r".repeat(64)).is_ok());
        assert_eq!(
            Room::named(&"é".repeat(33)),
            Err(Error::RoomStrTooLong { len: 66, max: 64 })
        );
    }

    #[test]
    fn privileges_bits_and_debug() {
        assert_eq!(Privileges::try_from(255), Ok(Privileges::ALL));
        assert_eq!(Privileges::try_from(0), Ok(Privileges::NONE));
        for bad in [-1, 256, i64::MAX] {
            assert_eq!(
                Privileges::try_from(bad),
                Err(Error::PrivilegeOutOfRange { value: bad })
            );
        }
        let mut p = Privileges::CREATE_ROOM;
        p |= Privileges::RECV_SUB_STREAM;
        assert_eq!(p.bits(), 129);
        assert_eq!(
            format!("{p:?}"),
            "Privileges(129 = CREATE_ROOM | RECV_SUB_STREAM)"
        );
    }
}
