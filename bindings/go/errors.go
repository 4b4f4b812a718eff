package usersig

import (
	"errors"
	"fmt"
	"strconv"
)

// Kind names what went wrong, as the core names it (snake_case, e.g. "expired"). Every Kind
// has a sentinel error for [errors.Is], listed in [Kinds].
type Kind string

// The kinds of [Error] (their meaning is in the README's Errors table).
const (
	KindEmptyKey                 Kind = "empty_key"
	KindSdkAppIDOutOfRange       Kind = "sdkappid_out_of_range"
	KindEmptyUserID              Kind = "empty_user_id"
	KindUserIDTooLong            Kind = "user_id_too_long"
	KindUserIDControlChar        Kind = "user_id_control_char"
	KindUserbufTooLong           Kind = "userbuf_too_long"
	KindExpireOutOfRange         Kind = "expire_out_of_range"
	KindTimeOutOfRange           Kind = "time_out_of_range"
	KindExpiryOverflow           Kind = "expiry_overflow"
	KindRoomIDOutOfRange         Kind = "room_id_out_of_range"
	KindEmptyRoomStr             Kind = "empty_room_str"
	KindRoomStrTooLong           Kind = "room_str_too_long"
	KindPrivilegeOutOfRange      Kind = "privilege_out_of_range"
	KindMalformed                Kind = "malformed"
	KindExpired                  Kind = "expired"
	KindBadSignature             Kind = "bad_signature"
	KindUserIDMismatch           Kind = "user_id_mismatch"
	KindSdkAppIDMismatch         Kind = "sdkappid_mismatch"
	KindUserbufMismatch          Kind = "userbuf_mismatch"
	KindMissingUserbuf           Kind = "missing_userbuf"
	KindUnexpectedUserbuf        Kind = "unexpected_userbuf"
	KindUnknownRegion            Kind = "unknown_region"
	KindInvalidEndpoint          Kind = "invalid_endpoint"
	KindInvalidRestPath          Kind = "invalid_rest_path"
	KindRenewMarginOutOfRange    Kind = "renew_margin_out_of_range"
	KindRandomUnavailable        Kind = "random_unavailable"
	KindCallbackParamMissing     Kind = "callback_param_missing"
	KindCallbackParamRepeated    Kind = "callback_param_repeated"
	KindCallbackParamInvalid     Kind = "callback_param_invalid"
	KindCallbackBadSignature     Kind = "callback_bad_signature"
	KindCallbackOutOfWindow      Kind = "callback_out_of_window"
	KindCallbackSdkAppIDMismatch Kind = "callback_sdkappid_mismatch"
	KindCallbackTooLarge         Kind = "callback_too_large"
	KindCallbackWindowOutOfRange Kind = "callback_window_out_of_range"
)

// The sentinel of each Kind: errors.Is(err, ErrExpired) holds for every *Error of kind
// KindExpired.
var (
	ErrEmptyKey                 = sentinel(KindEmptyKey, 0)
	ErrSdkAppIDOutOfRange       = sentinel(KindSdkAppIDOutOfRange, 0)
	ErrEmptyUserID              = sentinel(KindEmptyUserID, 0)
	ErrUserIDTooLong            = sentinel(KindUserIDTooLong, 0)
	ErrUserIDControlChar        = sentinel(KindUserIDControlChar, 0)
	ErrUserbufTooLong           = sentinel(KindUserbufTooLong, 0)
	ErrExpireOutOfRange         = sentinel(KindExpireOutOfRange, 0)
	ErrTimeOutOfRange           = sentinel(KindTimeOutOfRange, 0)
	ErrExpiryOverflow           = sentinel(KindExpiryOverflow, 0)
	ErrRoomIDOutOfRange         = sentinel(KindRoomIDOutOfRange, 0)
	ErrEmptyRoomStr             = sentinel(KindEmptyRoomStr, 0)
	ErrRoomStrTooLong           = sentinel(KindRoomStrTooLong, 0)
	ErrPrivilegeOutOfRange      = sentinel(KindPrivilegeOutOfRange, 0)
	ErrMalformed                = sentinel(KindMalformed, 70003)
	ErrExpired                  = sentinel(KindExpired, 70001)
	ErrBadSignature             = sentinel(KindBadSignature, 70009)
	ErrUserIDMismatch           = sentinel(KindUserIDMismatch, 70013)
	ErrSdkAppIDMismatch         = sentinel(KindSdkAppIDMismatch, 70014)
	ErrUserbufMismatch          = sentinel(KindUserbufMismatch, -100006)
	ErrMissingUserbuf           = sentinel(KindMissingUserbuf, -100006)
	ErrUnexpectedUserbuf        = sentinel(KindUnexpectedUserbuf, 0)
	ErrUnknownRegion            = sentinel(KindUnknownRegion, 0)
	ErrInvalidEndpoint          = sentinel(KindInvalidEndpoint, 0)
	ErrInvalidRestPath          = sentinel(KindInvalidRestPath, 0)
	ErrRenewMarginOutOfRange    = sentinel(KindRenewMarginOutOfRange, 0)
	ErrRandomUnavailable        = sentinel(KindRandomUnavailable, 0)
	ErrCallbackParamMissing     = sentinel(KindCallbackParamMissing, 0)
	ErrCallbackParamRepeated    = sentinel(KindCallbackParamRepeated, 0)
	ErrCallbackParamInvalid     = sentinel(KindCallbackParamInvalid, 0)
	ErrCallbackBadSignature     = sentinel(KindCallbackBadSignature, 0)
	ErrCallbackOutOfWindow      = sentinel(KindCallbackOutOfWindow, 0)
	ErrCallbackSdkAppIDMismatch = sentinel(KindCallbackSdkAppIDMismatch, 0)
	ErrCallbackTooLarge         = sentinel(KindCallbackTooLarge, 0)
	ErrCallbackWindowOutOfRange = sentinel(KindCallbackWindowOutOfRange, 0)
)

// Kinds lists the sentinel of every Kind.
var Kinds = []*Error{
	ErrEmptyKey, ErrSdkAppIDOutOfRange, ErrEmptyUserID, ErrUserIDTooLong, ErrUserIDControlChar,
	ErrUserbufTooLong, ErrExpireOutOfRange, ErrTimeOutOfRange, ErrExpiryOverflow,
	ErrRoomIDOutOfRange, ErrEmptyRoomStr, ErrRoomStrTooLong, ErrPrivilegeOutOfRange, ErrMalformed,
	ErrExpired, ErrBadSignature, ErrUserIDMismatch, ErrSdkAppIDMismatch, ErrUserbufMismatch,
	ErrMissingUserbuf, ErrUnexpectedUserbuf, ErrUnknownRegion, ErrInvalidEndpoint,
	ErrInvalidRestPath, ErrRenewMarginOutOfRange, ErrRandomUnavailable, ErrCallbackParamMissing,
	ErrCallbackParamRepeated, ErrCallbackParamInvalid, ErrCallbackBadSignature,
	ErrCallbackOutOfWindow, ErrCallbackSdkAppIDMismatch, ErrCallbackTooLarge,
	ErrCallbackWindowOutOfRange,
}

// Error is every error the core reports: its Kind, the code Tencent's servers use for the same
// fault (0 for none), the core's message, and the fields of its kind (docs/abi.md, "Errors":
// int64 or string values by name, e.g. "expired_at" and "now" for KindExpired). It never
// holds a key. Use [errors.Is] with a sentinel (ErrExpired) or [errors.As] to read it.
type Error struct {
	Kind        Kind
	TencentCode int32
	Message     string
	Fields      map[string]any
	sentinel    bool
}

func sentinel(kind Kind, code int32) *Error {
	return &Error{Kind: kind, TencentCode: code, Message: string(kind), sentinel: true}
}

// Error returns "usersig: " and the core's message.
func (e *Error) Error() string {
	return "usersig: " + e.Message
}

// Is reports whether target is the sentinel of e's Kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.sentinel && t.Kind == e.Kind
}

// Int returns the integer field name, and whether e has one.
func (e *Error) Int(name string) (int64, bool) {
	v, ok := e.Fields[name].(int64)
	return v, ok
}

// Text returns the text field name, and whether e has one.
func (e *Error) Text(name string) (string, bool) {
	v, ok := e.Fields[name].(string)
	return v, ok
}

// ErrInvalidUTF8 is the sentinel of *EncodingError.
var ErrInvalidUTF8 = errors.New("usersig: text is not UTF-8")

// EncodingError is text that is not UTF-8 (a Go string can hold any bytes): nothing is signed
// or checked over altered bytes.
type EncodingError struct {
	Arg    string // the argument, e.g. "userID"
	Offset int    // the byte offset of the first invalid sequence
}

// Error describes the argument and the offset.
func (e *EncodingError) Error() string {
	return "usersig: " + e.Arg + " is not UTF-8 (invalid byte at offset " + strconv.Itoa(e.Offset) + ")"
}

// Is reports whether target is ErrInvalidUTF8.
func (e *EncodingError) Is(target error) bool {
	return target == ErrInvalidUTF8
}

// ErrClosed is returned by a call on a Signer, Verifier, AdminAuth or callback verifier that is nil, closed, or
// not made by its constructor.
var ErrClosed = errors.New("usersig: use of a closed or nil handle")

func closedError(what string) error {
	return fmt.Errorf("%w (%s)", ErrClosed, what)
}
