// Package tencentyun is a drop-in for Tencent's github.com/tencentyun/tls-sig-api-v2-golang
// (package tencentyun, v1.4.0) over usersig: the same functions, arguments and error
// variables, so that code and tests written against the official package compile and pass
// after only the import path changes.
//
// It returns the same error variables in the same order of checks. Where it deliberately
// differs:
//   - it refuses inputs that would make a token no one can use, with a *usersig.Error: an empty
//     key or user id, an expire outside 1 second to 50 years, an sdkappid outside 32 bits, a
//     room id of 0 or 4294967295, an empty or over-64-byte room string, a privilegeMap above
//     255, a user id with a control character;
//   - text that is not UTF-8 is a *usersig.EncodingError, never signed;
//   - an empty userbuf is written as "TLS.userbuf":"" (the official module leaves the field out
//     while its signature covers it, which no verifier accepts);
//   - a token that is not base64, zlib and JSON is a *usersig.Error of kind malformed (the
//     official module returns the decoder's error, or swallows a JSON error and goes on with
//     empty fields);
//   - signatures are compared in constant time;
//   - DefaultCompressionLevel is accepted and ignored: tokens are compressed by the core.
//
// Like the official functions, these take the key on every call. To spare preparing it each
// time, the package keeps a usersig Signer and Verifier for each of the first 16 (sdkappid, key)
// pairs it sees, for the life of the program; the key strings stay in memory as their map keys
// (a Go string cannot be wiped). A program with more keys, or that wants them gone, should use
// usersig.Signer and usersig.Verifier, which it can Close.
package tencentyun

import (
	"compress/zlib"
	"errors"
	"math"
	"strconv"
	"sync"
	"time"

	usersig "github.com/usersig/usersig/bindings/go"
)

// The official module's errors, with its messages, returned where it returns them.
var (
	ErrSdkAppIDNotMatch    = errors.New("sdk appid not match")
	ErrIdentifierNotMatch  = errors.New("identifier not match")
	ErrExpired             = errors.New("expired")
	ErrUserBufTypeNotMatch = errors.New("userbuf type not match")
	ErrUserBufNotMatch     = errors.New("userbuf not match")
	ErrSigNotMatch         = errors.New("sig not match")
)

// DefaultCompressionLevel is the official module's compression setting, kept so that code
// setting it compiles; usersig ignores it (the core picks the compression).
var DefaultCompressionLevel = zlib.NoCompression

// maxCached is how many signers and verifiers (one per sdkappid and key) are kept between
// calls; beyond it, each call prepares its key and frees it after.
const maxCached = 16

type cacheKey struct {
	sdkappid uint32
	key      string
}

// cache keeps prepared keys between calls, as most programs sign with one key all along.
type cache[T interface{ Close() error }] struct {
	mu    sync.RWMutex
	items map[cacheKey]T
	make  func(uint32, string) (T, error)
}

// get returns the cached object for (sdkappid, key), or makes one; done must be called after
// using it (it closes an object that was not cached).
func (c *cache[T]) get(sdkappid uint32, key string) (item T, done func(), err error) {
	k := cacheKey{sdkappid, key}
	c.mu.RLock()
	item, ok := c.items[k]
	c.mu.RUnlock()
	if ok {
		return item, func() {}, nil
	}
	if item, err = c.make(sdkappid, key); err != nil {
		return item, nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cached, ok := c.items[k]; ok {
		item.Close()
		return cached, func() {}, nil
	}
	if len(c.items) >= maxCached {
		return item, func() { item.Close() }, nil
	}
	if c.items == nil {
		c.items = map[cacheKey]T{}
	}
	c.items[k] = item
	return item, func() {}, nil
}

var (
	signers   = cache[*usersig.Signer]{make: usersig.NewSigner}
	verifiers = cache[*usersig.Verifier]{make: func(sdkappid uint32, key string) (*usersig.Verifier, error) {
		return usersig.NewVerifier(sdkappid, key)
	}}
)

// appID checks that sdkappid fits in 32 bits, as the core does for its int64.
func appID(sdkappid int) (uint32, error) {
	if sdkappid < 0 || uint64(sdkappid) > 1<<32-1 {
		return 0, &usersig.Error{Kind: usersig.KindSdkAppIDOutOfRange,
			Message: "sdkappid " + strconv.Itoa(sdkappid) + " is outside 0..=4294967295",
			Fields:  map[string]any{"value": int64(sdkappid)}}
	}
	return uint32(sdkappid), nil
}

func sign(sdkappid int, key string, mint func(*usersig.Signer) (string, error)) (string, error) {
	app, err := appID(sdkappid)
	if err != nil {
		return "", err
	}
	signer, done, err := signers.get(app, key)
	if err != nil {
		return "", err
	}
	defer done()
	return mint(signer)
}

// GenUserSig mints a UserSig for userid, valid for expire seconds from now.
func GenUserSig(sdkappid int, key string, userid string, expire int) (string, error) {
	return sign(sdkappid, key, func(s *usersig.Signer) (string, error) {
		return s.UserSig(userid, int64(expire))
	})
}

// GenUserSigWithBuf mints a UserSig carrying buf, valid for expire seconds from now.
func GenUserSigWithBuf(sdkappid int, key string, userid string, expire int, buf []byte) (string, error) {
	return sign(sdkappid, key, func(s *usersig.Signer) (string, error) {
		return s.UserSigWithUserbuf(userid, buf, int64(expire))
	})
}

// GenPrivateMapKey mints a TRTC PrivateMapKey for room roomid with the privileges in
// privilegeMap (bits 1 to 128), valid for expire seconds from now.
func GenPrivateMapKey(sdkappid int, key string, userid string, expire int, roomid uint32, privilegeMap uint32) (string, error) {
	return sign(sdkappid, key, func(s *usersig.Signer) (string, error) {
		return s.PrivateMapKey(userid, roomid, usersig.Privilege(privilegeMap), int64(expire))
	})
}

// GenPrivateMapKeyWithStringRoomID is GenPrivateMapKey for a named room.
func GenPrivateMapKeyWithStringRoomID(sdkappid int, key string, userid string, expire int, roomStr string, privilegeMap uint32) (string, error) {
	return sign(sdkappid, key, func(s *usersig.Signer) (string, error) {
		return s.PrivateMapKeyWithRoomStr(userid, roomStr, usersig.Privilege(privilegeMap), int64(expire))
	})
}

// VerifyUserSig checks that usersig is a token without a userbuf for sdkappid and userid,
// signed with key and alive at now.
func VerifyUserSig(sdkappid uint64, key string, userid string, usersig string, now time.Time) error {
	return verify(sdkappid, key, userid, usersig, now, nil)
}

// VerifyUserSigWithBuf checks that usersig carries exactly userbuf; otherwise as
// VerifyUserSig.
func VerifyUserSigWithBuf(sdkappid uint64, key string, userid string, usersig string, now time.Time, userbuf []byte) error {
	return verify(sdkappid, key, userid, usersig, now, userbuf)
}

// officialErrors maps the core's kinds to the official module's errors: the core checks a token
// in the official order (sdkappid, user id, expiry, userbuf, signature).
var officialErrors = map[usersig.Kind]error{
	usersig.KindSdkAppIDMismatch:  ErrSdkAppIDNotMatch,
	usersig.KindUserIDMismatch:    ErrIdentifierNotMatch,
	usersig.KindExpired:           ErrExpired,
	usersig.KindUnexpectedUserbuf: ErrUserBufTypeNotMatch,
	usersig.KindMissingUserbuf:    ErrUserBufTypeNotMatch,
	usersig.KindUserbufMismatch:   ErrUserBufNotMatch,
	usersig.KindBadSignature:      ErrSigNotMatch,
}

func verify(sdkappid uint64, key, userid, token string, now time.Time, userbuf []byte) error {
	if sdkappid > math.MaxUint32 {
		// No token holds such an sdkappid: it is malformed, or not this one.
		if _, err := usersig.Inspect(token); err != nil {
			return err
		}
		return ErrSdkAppIDNotMatch
	}
	verifier, done, err := verifiers.get(uint32(sdkappid), key)
	if err != nil {
		return err
	}
	defer done()
	if userbuf == nil {
		_, err = verifier.VerifyAt(token, userid, now.Unix())
	} else {
		_, err = verifier.VerifyWithUserbufAt(token, userid, userbuf, now.Unix())
	}
	var e *usersig.Error
	if errors.As(err, &e) {
		if official, ok := officialErrors[e.Kind]; ok {
			return official
		}
	}
	return err
}
