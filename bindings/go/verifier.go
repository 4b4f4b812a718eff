package usersig

import (
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Verifier checks tokens of one SDKAppID against one or more keys (the current one first,
// then older ones while tokens they signed are still alive). Like Signer it holds prepared key
// states, never the keys, and is safe for concurrent use.
type Verifier struct {
	h        *handle
	sdkappid uint32
}

// NewVerifier makes a Verifier for sdkappid accepting tokens signed with key or any of
// olderKeys. Errors: ErrEmptyKey (for any empty key), ErrInvalidUTF8.
func NewVerifier(sdkappid uint32, key string, olderKeys ...string) (*Verifier, error) {
	keys := append([]string{key}, olderKeys...)
	total := 0
	for i, k := range keys {
		if err := checkText("keys["+strconv.Itoa(i)+"]", k); err != nil {
			return nil, err
		}
		total += len(k)
	}
	if err := load(); err != nil {
		return nil, err
	}
	joined := make([]byte, 0, total+1)
	lens := make([]uint, len(keys))
	for i, k := range keys {
		joined = append(joined, k...)
		lens[i] = uint(len(k))
	}
	f := newFrame()
	f.keep = append(f.keep, joined)
	defer f.wipe()
	ptr, err := f.construct(symbols.verifierNew, uintptr(sdkappid), ptr0(joined),
		uintptr(unsafe.Pointer(unsafe.SliceData(lens))), uintptr(len(keys)))
	clear(joined[:cap(joined)])
	runtime.KeepAlive(lens)
	if err != nil {
		return nil, err
	}
	v := &Verifier{sdkappid: sdkappid}
	v.h = newHandle(v, ptr, symbols.verifierFree)
	return v, nil
}

// SdkAppID returns the Verifier's SDKAppID.
func (v *Verifier) SdkAppID() uint32 {
	if v == nil {
		return 0
	}
	return v.sdkappid
}

// String describes the Verifier without its keys.
func (v *Verifier) String() string {
	return "usersig.Verifier{SdkAppID: " + strconv.FormatUint(uint64(v.SdkAppID()), 10) + "}"
}

// Close frees the Verifier's library handle, wiping its key states. Later calls return
// ErrClosed; closing again does nothing.
func (v *Verifier) Close() error {
	if v != nil {
		v.h.close()
	}
	return nil
}

// tokenText is token as the library reads it: bytes that are not UTF-8 cannot be part of a
// token, so they become "?", which makes it malformed rather than an encoding error.
func tokenText(token string) string {
	if utf8.ValidString(token) {
		return token
	}
	return strings.ToValidUTF8(token, "?")
}

func (v *Verifier) check(fn uintptr, token, userID string, userbuf []byte, withUserbuf bool, now int64) (*Claims, error) {
	if err := checkText("userID", userID); err != nil {
		return nil, err
	}
	var h *handle
	if v != nil {
		h = v.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return nil, closedError("Verifier")
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	t, tl := f.text(tokenText(token))
	u, ul := f.text(userID)
	args := []uintptr{ptr, t, tl, u, ul}
	if withUserbuf {
		b, bl := f.bytes(userbuf)
		args = append(args, b, bl)
	}
	var claims *Claims
	err := f.call(func(b []byte) error {
		var err error
		claims, err = decodeClaims(b)
		return err
	}, fn, append(args, uintptr(now))...)
	if err != nil {
		return nil, err
	}
	return claims, nil
}

// Verify checks token for userID by the system clock: its signature with any of the keys,
// the SDKAppID, the user id and the expiry. A token carrying a userbuf (a PrivateMapKey) is
// refused with ErrUnexpectedUserbuf: check those with VerifyWithUserbuf or
// VerifyAnyUserbuf. Errors: ErrMalformed, ErrBadSignature, ErrSdkAppIDMismatch,
// ErrUserIDMismatch, ErrExpired, ErrUnexpectedUserbuf, ErrInvalidUTF8 (userID), ErrClosed.
func (v *Verifier) Verify(token, userID string) (*Claims, error) {
	return v.VerifyAt(token, userID, unixNow())
}

// VerifyAt is Verify at now (Unix seconds).
func (v *Verifier) VerifyAt(token, userID string, now int64) (*Claims, error) {
	return v.check(symbols.verifyAt, token, userID, nil, false, now)
}

// VerifyWithUserbuf is Verify for a token that must carry exactly userbuf: one without a
// userbuf is ErrMissingUserbuf, another userbuf ErrUserbufMismatch.
func (v *Verifier) VerifyWithUserbuf(token, userID string, userbuf []byte) (*Claims, error) {
	return v.VerifyWithUserbufAt(token, userID, userbuf, unixNow())
}

// VerifyWithUserbufAt is VerifyWithUserbuf at now.
func (v *Verifier) VerifyWithUserbufAt(token, userID string, userbuf []byte, now int64) (*Claims, error) {
	return v.check(symbols.verifyWithUserbufAt, token, userID, userbuf, true, now)
}

// VerifyAnyUserbuf is Verify accepting a token with or without a userbuf, which the Claims
// return (with its Grant for a PrivateMapKey, for the caller to check).
func (v *Verifier) VerifyAnyUserbuf(token, userID string) (*Claims, error) {
	return v.VerifyAnyUserbufAt(token, userID, unixNow())
}

// VerifyAnyUserbufAt is VerifyAnyUserbuf at now.
func (v *Verifier) VerifyAnyUserbufAt(token, userID string, now int64) (*Claims, error) {
	return v.check(symbols.verifyAnyUserbufAt, token, userID, nil, false, now)
}

// Inspect decodes token without checking its signature or expiry (no key is needed): for
// logs, debugging, and renewal decisions, never for trust. Errors: ErrMalformed.
func Inspect(token string) (*Claims, error) {
	if err := load(); err != nil {
		return nil, err
	}
	f := newFrame()
	defer f.release()
	t, tl := f.text(tokenText(token))
	var claims *Claims
	err := f.call(func(b []byte) error {
		var err error
		claims, err = decodeClaims(b)
		return err
	}, symbols.inspect, t, tl)
	if err != nil {
		return nil, err
	}
	return claims, nil
}
