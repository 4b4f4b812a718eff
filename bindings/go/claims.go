package usersig

import (
	"math"
	"strings"
)

// Privilege is a set of TRTC room privileges (the privilegeMap of Tencent's libraries): the
// low 8 bits; a larger value is refused with ErrPrivilegeOutOfRange.
type Privilege uint32

// The privileges, one bit each.
const (
	PrivilegeCreateRoom    Privilege = 1
	PrivilegeEnterRoom     Privilege = 2
	PrivilegeSendAudio     Privilege = 4
	PrivilegeRecvAudio     Privilege = 8
	PrivilegeSendVideo     Privilege = 16
	PrivilegeRecvVideo     Privilege = 32
	PrivilegeSendSubStream Privilege = 64
	PrivilegeRecvSubStream Privilege = 128
	// PrivilegeAll is every privilege.
	PrivilegeAll Privilege = 255
)

var privilegeNames = []string{"CreateRoom", "EnterRoom", "SendAudio", "RecvAudio", "SendVideo",
	"RecvVideo", "SendSubStream", "RecvSubStream"}

// Has reports whether p holds every privilege of q.
func (p Privilege) Has(q Privilege) bool {
	return p&q == q
}

// String names the privileges in p, joined by "|" ("None" for none).
func (p Privilege) String() string {
	var names []string
	for i, name := range privilegeNames {
		if p&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return "None"
	}
	return strings.Join(names, "|")
}

// Claims is what a token says: returned by a Verifier once the token is checked, and by
// Inspect without any check.
type Claims struct {
	UserID    string
	SdkAppID  uint32
	IssuedAt  int64  // Unix seconds (TLS.time)
	Expire    int64  // lifetime in seconds (TLS.expire)
	ExpiresAt int64  // IssuedAt + Expire
	Userbuf   []byte // nil when the token carries none
	Grant     *Grant // the PrivateMapKey grant its userbuf holds, or nil
	Signature string // TLS.sig, base64
}

// SecondsLeft returns the seconds until the token expires by the system clock (negative once
// expired).
func (c *Claims) SecondsLeft() int64 {
	return c.SecondsLeftAt(unixNow())
}

// SecondsLeftAt is SecondsLeft at now.
func (c *Claims) SecondsLeftAt(now int64) int64 {
	left := c.ExpiresAt - now
	if (now < 0) != (left > c.ExpiresAt) {
		if now < 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return left
}

// ShouldRenew reports whether less than margin seconds are left by the system clock.
func (c *Claims) ShouldRenew(margin int64) bool {
	return c.ShouldRenewAt(unixNow(), margin)
}

// ShouldRenewAt is ShouldRenew at now.
func (c *Claims) ShouldRenewAt(now, margin int64) bool {
	return c.SecondsLeftAt(now) < margin
}

// Grant is a PrivateMapKey's grant: who may enter which room, with which privileges, until
// when. A numeric room has RoomID set and RoomStr empty; a named room the reverse.
type Grant struct {
	UserID     string
	SdkAppID   uint32
	RoomID     uint32
	RoomStr    string
	Privileges Privilege
	ExpiresAt  int64
}
