package usersig

import (
	"runtime"
	"strconv"
	"unsafe"
)

// DefaultExpire is the lifetime of a UserSig when none is given: 180 days, in seconds.
const DefaultExpire int64 = 180 * 24 * 60 * 60

// Signer mints UserSigs and PrivateMapKeys for one SDKAppID with its key. It holds the key's
// prepared HMAC state in the library (wiped when the Signer is closed or collected), never the
// key itself. A Signer is safe for concurrent use.
type Signer struct {
	h        *handle
	sdkappid uint32
}

// NewSigner makes a Signer for sdkappid with key (the secret key from Tencent's console).
// Errors: ErrEmptyKey, ErrInvalidUTF8, or the library failing to load.
func NewSigner(sdkappid uint32, key string) (*Signer, error) {
	if err := checkText("key", key); err != nil {
		return nil, err
	}
	if err := load(); err != nil {
		return nil, err
	}
	f := newFrame()
	defer f.wipe()
	k, kl := f.text(key)
	ptr, err := f.construct(symbols.signerNew, uintptr(sdkappid), k, kl)
	if err != nil {
		return nil, err
	}
	s := &Signer{sdkappid: sdkappid}
	s.h = newHandle(s, ptr, symbols.signerFree)
	return s, nil
}

// SdkAppID returns the Signer's SDKAppID.
func (s *Signer) SdkAppID() uint32 {
	if s == nil {
		return 0
	}
	return s.sdkappid
}

// String describes the Signer without its key.
func (s *Signer) String() string {
	return "usersig.Signer{SdkAppID: " + strconv.FormatUint(uint64(s.SdkAppID()), 10) + "}"
}

// Close frees the Signer's library handle, wiping its key state. Later calls return
// ErrClosed; closing again does nothing.
func (s *Signer) Close() error {
	if s != nil {
		s.h.close()
	}
	return nil
}

// sign runs one signing call with the handle read-locked.
func (s *Signer) sign(f *frame, fn uintptr, args ...uintptr) (string, error) {
	var h *handle
	if s != nil {
		h = s.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return "", closedError("Signer")
	}
	defer h.releaseRead()
	var token string
	err := f.call(tokenInto(&token), fn, append([]uintptr{ptr}, args...)...)
	return token, err
}

// UserSig mints a UserSig for userID, valid for expire seconds from now (the system clock).
// Errors: ErrEmptyUserID, ErrUserIDTooLong, ErrUserIDControlChar, ErrExpireOutOfRange,
// ErrInvalidUTF8, ErrClosed.
func (s *Signer) UserSig(userID string, expire int64) (string, error) {
	if err := checkText("userID", userID); err != nil {
		return "", err
	}
	f := newFrame()
	defer f.release()
	u, ul := f.text(userID)
	return s.sign(f, symbols.userSig, u, ul, uintptr(expire))
}

// UserSigAt is UserSig issued at now (Unix seconds).
func (s *Signer) UserSigAt(userID string, expire, now int64) (string, error) {
	if err := checkText("userID", userID); err != nil {
		return "", err
	}
	f := newFrame()
	defer f.release()
	u, ul := f.text(userID)
	return s.sign(f, symbols.userSigAt, u, ul, uintptr(expire), uintptr(now))
}

// UserSigWithUserbuf mints a UserSig carrying userbuf (any bytes, nil or empty included),
// issued now.
func (s *Signer) UserSigWithUserbuf(userID string, userbuf []byte, expire int64) (string, error) {
	return s.UserSigWithUserbufAt(userID, userbuf, expire, unixNow())
}

// UserSigWithUserbufAt is UserSigWithUserbuf issued at now. Errors: those of UserSig, and
// ErrUserbufTooLong.
func (s *Signer) UserSigWithUserbufAt(userID string, userbuf []byte, expire, now int64) (string, error) {
	if err := checkText("userID", userID); err != nil {
		return "", err
	}
	f := newFrame()
	defer f.release()
	u, ul := f.text(userID)
	b, bl := f.bytes(userbuf)
	return s.sign(f, symbols.userSigWithUserbufAt, u, ul, b, bl, uintptr(expire), uintptr(now))
}

// PrivateMapKey mints a TRTC PrivateMapKey: userID may enter room roomID (1 to MaxRoomID)
// with privileges, for expire seconds from now.
func (s *Signer) PrivateMapKey(userID string, roomID uint32, privileges Privilege, expire int64) (string, error) {
	return s.PrivateMapKeyAt(userID, roomID, privileges, expire, unixNow())
}

// PrivateMapKeyAt is PrivateMapKey issued at now. Errors: those of UserSig, and
// ErrRoomIDOutOfRange, ErrPrivilegeOutOfRange.
func (s *Signer) PrivateMapKeyAt(userID string, roomID uint32, privileges Privilege, expire, now int64) (string, error) {
	if err := checkText("userID", userID); err != nil {
		return "", err
	}
	f := newFrame()
	defer f.release()
	u, ul := f.text(userID)
	return s.sign(f, symbols.privateMapKeyAt, u, ul, uintptr(roomID), uintptr(privileges), uintptr(expire), uintptr(now))
}

// PrivateMapKeyWithRoomStr mints a PrivateMapKey for the named room (1 to MaxRoomStrLen
// bytes of UTF-8), issued now.
func (s *Signer) PrivateMapKeyWithRoomStr(userID, room string, privileges Privilege, expire int64) (string, error) {
	return s.PrivateMapKeyWithRoomStrAt(userID, room, privileges, expire, unixNow())
}

// PrivateMapKeyWithRoomStrAt is PrivateMapKeyWithRoomStr issued at now. Errors: those of
// UserSig, and ErrEmptyRoomStr, ErrRoomStrTooLong, ErrPrivilegeOutOfRange.
func (s *Signer) PrivateMapKeyWithRoomStrAt(userID, room string, privileges Privilege, expire, now int64) (string, error) {
	if err := checkText("userID", userID); err != nil {
		return "", err
	}
	if err := checkText("room", room); err != nil {
		return "", err
	}
	f := newFrame()
	defer f.release()
	u, ul := f.text(userID)
	r, rl := f.text(room)
	return s.sign(f, symbols.privateMapKeyWithRoomStrAt, u, ul, r, rl, uintptr(privileges), uintptr(expire), uintptr(now))
}

// UserSigs mints one UserSig per user id, all issued now, in one call of the library; the
// first invalid id fails the whole batch.
func (s *Signer) UserSigs(userIDs []string, expire int64) ([]string, error) {
	return s.UserSigsAt(userIDs, expire, unixNow())
}

// UserSigsAt is UserSigs issued at now.
func (s *Signer) UserSigsAt(userIDs []string, expire, now int64) ([]string, error) {
	total := 0
	for i, id := range userIDs {
		if err := checkText("userIDs["+strconv.Itoa(i)+"]", id); err != nil {
			return nil, err
		}
		total += len(id)
	}
	joined := make([]byte, 0, total)
	lens := make([]uint, len(userIDs))
	for i, id := range userIDs {
		joined = append(joined, id...)
		lens[i] = uint(len(id))
	}
	var lensPtr uintptr
	if len(lens) > 0 {
		lensPtr = uintptr(unsafe.Pointer(unsafe.SliceData(lens)))
	}
	f := newFrame()
	defer f.release()
	f.keep = append(f.keep, joined)
	f.out = make([]byte, 16+len(userIDs)*(300+8*(total/max(1, len(userIDs)))))
	var h *handle
	if s != nil {
		h = s.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return nil, closedError("Signer")
	}
	defer h.releaseRead()
	var tokens []string
	err := f.call(func(b []byte) error {
		var err error
		tokens, err = decodeTokens(b)
		return err
	}, symbols.userSigsAt, ptr, ptr0(joined), lensPtr, uintptr(len(userIDs)), uintptr(expire), uintptr(now))
	runtime.KeepAlive(lens)
	return tokens, err
}
