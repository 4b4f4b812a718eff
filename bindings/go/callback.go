package usersig

import (
	"encoding/binary"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// callbackConfig is what the options set: each value counts only when its flag is set.
type callbackConfig struct {
	sdkappid    uint32
	hasSdkAppID bool
	window      int64
	hasWindow   bool
}

// CallbackOption changes a default of NewChatCallbackVerifier or NewTrtcCallbackVerifier.
type CallbackOption func(*callbackConfig)

// WithSdkAppID makes a callback verifier refuse callbacks of any other SDKAppID (with
// ErrCallbackSdkAppIDMismatch); without it, every SDKAppID is accepted.
func WithSdkAppID(sdkappid uint32) CallbackOption {
	return func(c *callbackConfig) { c.sdkappid, c.hasSdkAppID = sdkappid, true }
}

// WithWindow sets how far, in seconds either way, a callback's time may be from the clock:
// 0 to MaxCallbackWindow (ErrCallbackWindowOutOfRange otherwise).
func WithWindow(seconds int64) CallbackOption {
	return func(c *callbackConfig) { c.window, c.hasWindow = seconds, true }
}

func callbackOptions(defaults callbackConfig, options []CallbackOption) callbackConfig {
	c := defaults
	for _, o := range options {
		o(&c)
	}
	return c
}

func describeCallbackVerifier(name string, c callbackConfig) string {
	app, window := "any", "none"
	if c.hasSdkAppID {
		app = strconv.FormatUint(uint64(c.sdkappid), 10)
	}
	if c.hasWindow {
		window = strconv.FormatInt(c.window, 10)
	}
	return "usersig." + name + "{SdkAppID: " + app + ", Window: " + window + "}"
}

// newCallbackVerifier calls a callback verifier's constructor (*fn, resolved once the library
// is loaded) with secret and the settings (docs/abi.md: an optional argument is a presence flag
// and a value; the Chat verifier's window is always present), wiping the copies it made.
func newCallbackVerifier(fn *uintptr, arg, secret string, c callbackConfig, optionalWindow bool) (uintptr, error) {
	if err := checkText(arg, secret); err != nil {
		return 0, err
	}
	if err := load(); err != nil {
		return 0, err
	}
	f := newFrame()
	defer f.wipe()
	s, sl := f.text(secret)
	args := append([]uintptr{s, sl}, flagged(c.hasSdkAppID, int64(c.sdkappid))...)
	if optionalWindow {
		args = append(args, flagged(c.hasWindow, c.window)...)
	} else {
		args = append(args, uintptr(c.window))
	}
	return f.construct(*fn, args...)
}

// flagged is an optional argument as the library takes it: a presence flag, then the value.
func flagged(present bool, value int64) []uintptr {
	if !present {
		return []uintptr{0, 0}
	}
	return []uintptr{1, uintptr(value)}
}

// Param is one query parameter, decoded.
type Param struct {
	Name, Value string
}

// ChatCallback is a Chat callback whose signature, SDKAppID and time passed.
type ChatCallback struct {
	// Command is CallbackCommand (TUILiveKit's WebhookCommand), such as
	// "Group.CallbackAfterNewMemberJoin": which event this is.
	Command string
	// SdkAppID is SdkAppid (TUILiveKit's SdkAppId).
	SdkAppID uint32
	// RequestTime is RequestTime, in Unix seconds.
	RequestTime int64
	// Params are every other parameter (contenttype, ClientIP, OptPlatform, and the callback
	// URL's own), in order, percent-decoded. They are not signed.
	Params []Param
}

// ChatCallbackVerifier checks the callbacks of Chat (IM), and TUILiveKit's webhooks, which
// Tencent signs the same way: the query string's Sign is the lowercase hex SHA-256 of the
// console's callback token followed by RequestTime (TUILiveKit names SdkAppid and
// CallbackCommand SdkAppId and WebhookCommand; either spelling is read). It checks, in this order, that SdkAppid, CallbackCommand,
// RequestTime and Sign each appear once, as Tencent writes them (none percent-encoded); the
// signature, in constant time; the SDKAppID, if one is expected; and that RequestTime is
// within the window of the clock. The signature covers neither the body nor the other
// parameters: within the window, whoever captured a signed URL can send it with another body.
//
// It holds the token's SHA-256 state in the library (wiped when the verifier is closed or
// collected), never the token itself, and is safe for concurrent use.
type ChatCallbackVerifier struct {
	h      *handle
	config callbackConfig
}

// NewChatCallbackVerifier makes a verifier for token, the callback token of the Chat console.
// It accepts any SDKAppID (WithSdkAppID expects one) within DefaultCallbackWindow seconds of
// the clock either way (WithWindow changes it). Errors: ErrEmptyKey,
// ErrCallbackWindowOutOfRange, ErrInvalidUTF8.
func NewChatCallbackVerifier(token string, options ...CallbackOption) (*ChatCallbackVerifier, error) {
	c := callbackOptions(callbackConfig{window: DefaultCallbackWindow, hasWindow: true}, options)
	ptr, err := newCallbackVerifier(&symbols.chatCallbackNew, "token", token, c, false)
	if err != nil {
		return nil, err
	}
	v := &ChatCallbackVerifier{config: c}
	v.h = newHandle(v, ptr, symbols.chatCallbackFree)
	return v, nil
}

// SdkAppID returns the SDKAppID the verifier expects, and false if it accepts any.
func (v *ChatCallbackVerifier) SdkAppID() (uint32, bool) {
	if v == nil || !v.config.hasSdkAppID {
		return 0, false
	}
	return v.config.sdkappid, true
}

// Window returns the window's width in seconds either way.
func (v *ChatCallbackVerifier) Window() int64 {
	if v == nil {
		return 0
	}
	return v.config.window
}

// String describes the verifier without its token.
func (v *ChatCallbackVerifier) String() string {
	if v == nil {
		return "usersig.ChatCallbackVerifier(nil)"
	}
	return describeCallbackVerifier("ChatCallbackVerifier", v.config)
}

// Close frees the verifier's library handle, wiping its token state. Later calls return
// ErrClosed; closing again does nothing.
func (v *ChatCallbackVerifier) Close() error {
	if v != nil {
		v.h.close()
	}
	return nil
}

func (v *ChatCallbackVerifier) acquire() (*handle, uintptr, error) {
	var h *handle
	if v != nil {
		h = v.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return nil, 0, closedError("ChatCallbackVerifier")
	}
	return h, ptr, nil
}

// VerifyQuery checks the callback in rawQuery, the query string as received (what follows
// "?"; in net/http, r.URL.RawQuery), by the system clock. Pass the raw string, not the
// parsed one: Tencent never percent-encodes the four signed parameters, and a Sign that is
// must be refused. Errors: ErrCallbackParamMissing, ErrCallbackParamRepeated,
// ErrCallbackParamInvalid, ErrCallbackBadSignature, ErrCallbackSdkAppIDMismatch,
// ErrCallbackOutOfWindow, ErrCallbackTooLarge (past MaxCallbackQueryLen bytes),
// ErrInvalidUTF8 (the query), ErrClosed.
func (v *ChatCallbackVerifier) VerifyQuery(rawQuery string) (*ChatCallback, error) {
	return v.VerifyQueryAt(rawQuery, unixNow())
}

// VerifyQueryAt is VerifyQuery at now (Unix seconds).
func (v *ChatCallbackVerifier) VerifyQueryAt(rawQuery string, now int64) (*ChatCallback, error) {
	if err := checkText("query", rawQuery); err != nil {
		return nil, err
	}
	h, ptr, err := v.acquire()
	if err != nil {
		return nil, err
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	q, ql := f.text(rawQuery)
	var callback *ChatCallback
	err = f.call(func(b []byte) error {
		var err error
		callback, err = decodeChatCallback(b)
		return err
	}, symbols.chatCallbackVerifyQueryAt, ptr, q, ql, uintptr(now))
	if err != nil {
		return nil, err
	}
	return callback, nil
}

// VerifyParams checks a callback whose query a framework already parsed and decoded, by the
// system clock: params in their order, a repeated name once per value. Prefer VerifyQuery
// with the raw query: decoded parameters no longer show a percent-encoded Sign, which
// VerifyQuery refuses and this accepts. (url.Values is such a decoded form, without the
// order.) Errors: those of VerifyQuery, ErrInvalidUTF8 for a name or value.
func (v *ChatCallbackVerifier) VerifyParams(params []Param) (*ChatCallback, error) {
	return v.VerifyParamsAt(params, unixNow())
}

// VerifyParamsAt is VerifyParams at now (Unix seconds).
func (v *ChatCallbackVerifier) VerifyParamsAt(params []Param, now int64) (*ChatCallback, error) {
	var names, values strings.Builder
	nameLens := make([]byte, 8*len(params))
	valueLens := make([]byte, 8*len(params))
	for i, p := range params {
		if err := checkText("params["+strconv.Itoa(i)+"].Name", p.Name); err != nil {
			return nil, err
		}
		if err := checkText("params["+strconv.Itoa(i)+"].Value", p.Value); err != nil {
			return nil, err
		}
		names.WriteString(p.Name)
		values.WriteString(p.Value)
		binary.NativeEndian.PutUint64(nameLens[8*i:], uint64(len(p.Name)))
		binary.NativeEndian.PutUint64(valueLens[8*i:], uint64(len(p.Value)))
	}
	h, ptr, err := v.acquire()
	if err != nil {
		return nil, err
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	f.keep = append(f.keep, nameLens, valueLens)
	n, _ := f.text(names.String())
	vs, _ := f.text(values.String())
	var callback *ChatCallback
	err = f.call(func(b []byte) error {
		var err error
		callback, err = decodeChatCallback(b)
		return err
	}, symbols.chatCallbackVerifyParamsAt, ptr, n, ptr0(nameLens), vs, ptr0(valueLens),
		uintptr(len(params)), uintptr(now))
	if err != nil {
		return nil, err
	}
	return callback, nil
}

// Sign returns the Sign Tencent sends with requestTime: the signing twin of the checks, for
// tests and local fakes of Tencent's servers. Errors: ErrClosed.
func (v *ChatCallbackVerifier) Sign(requestTime int64) (string, error) {
	h, ptr, err := v.acquire()
	if err != nil {
		return "", err
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	var sign string
	err = f.call(tokenInto(&sign), symbols.chatCallbackSign, ptr, uintptr(requestTime))
	return sign, err
}

// TrtcCallback is a TRTC callback whose signature (and SDKAppID and time, if checked)
// passed, with the body's fields that say what happened; the rest of the body is the caller's
// to parse. A field absent from the body is nil.
type TrtcCallback struct {
	// SdkAppID is the SdkAppId header.
	SdkAppID uint32
	// EventGroupID is the body's EventGroupId (1 room events, 2 media events, ...).
	EventGroupID *int64
	// EventType is the body's EventType (103: a user entered the room, ...).
	EventType *int64
	// CallbackTs is the body's CallbackTs, in Unix milliseconds.
	CallbackTs *int64
}

// TrtcCallbackVerifier checks TRTC's event callbacks: the Sign header is the standard base64
// of the HMAC-SHA256 of the body, exactly as sent, under the console's callback key. It
// checks, in this order, the body's size; the form of the Sign and SdkAppId headers; the
// signature, in constant time; the SDKAppID, if one is expected; that the body is a JSON
// object whose EventGroupId, EventType and CallbackTs are integers when present; and, if a
// window is set, that CallbackTs is present and within it of the clock (Tencent documents no
// window for these callbacks, so none is set by default).
//
// It holds the key's prepared HMAC state in the library (wiped when the verifier is closed or
// collected), never the key itself, and is safe for concurrent use.
type TrtcCallbackVerifier struct {
	h      *handle
	config callbackConfig
}

// NewTrtcCallbackVerifier makes a verifier for key, the callback key of the TRTC console. It
// accepts any SDKAppID (WithSdkAppID expects one), with no window (WithWindow sets one).
// Errors: ErrEmptyKey, ErrCallbackWindowOutOfRange, ErrInvalidUTF8.
func NewTrtcCallbackVerifier(key string, options ...CallbackOption) (*TrtcCallbackVerifier, error) {
	c := callbackOptions(callbackConfig{}, options)
	ptr, err := newCallbackVerifier(&symbols.trtcCallbackNew, "key", key, c, true)
	if err != nil {
		return nil, err
	}
	v := &TrtcCallbackVerifier{config: c}
	v.h = newHandle(v, ptr, symbols.trtcCallbackFree)
	return v, nil
}

// SdkAppID returns the SDKAppID the verifier expects, and false if it accepts any.
func (v *TrtcCallbackVerifier) SdkAppID() (uint32, bool) {
	if v == nil || !v.config.hasSdkAppID {
		return 0, false
	}
	return v.config.sdkappid, true
}

// Window returns the window's width in seconds either way, and false if none is set.
func (v *TrtcCallbackVerifier) Window() (int64, bool) {
	if v == nil || !v.config.hasWindow {
		return 0, false
	}
	return v.config.window, true
}

// String describes the verifier without its key.
func (v *TrtcCallbackVerifier) String() string {
	if v == nil {
		return "usersig.TrtcCallbackVerifier(nil)"
	}
	return describeCallbackVerifier("TrtcCallbackVerifier", v.config)
}

// Close frees the verifier's library handle, wiping its key state. Later calls return
// ErrClosed; closing again does nothing.
func (v *TrtcCallbackVerifier) Close() error {
	if v != nil {
		v.h.close()
	}
	return nil
}

func (v *TrtcCallbackVerifier) acquire() (*handle, uintptr, error) {
	var h *handle
	if v != nil {
		h = v.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return nil, 0, closedError("TrtcCallbackVerifier")
	}
	return h, ptr, nil
}

// headerText is a header as the library reads it: bytes that are not UTF-8 cannot be part of
// a Sign or an SdkAppId, so they become "?", which makes the header invalid rather than an
// encoding error.
func headerText(value string) string {
	if utf8.ValidString(value) {
		return value
	}
	return strings.ToValidUTF8(value, "?")
}

// Verify checks a callback by the system clock: its Sign and SdkAppId headers ("" for an
// absent one) and its body, the bytes as received (a body parsed and written again is another
// body). Errors: ErrCallbackTooLarge (past MaxCallbackBodyLen bytes),
// ErrCallbackParamMissing, ErrCallbackParamInvalid, ErrCallbackBadSignature,
// ErrCallbackSdkAppIDMismatch, ErrCallbackOutOfWindow, ErrClosed.
func (v *TrtcCallbackVerifier) Verify(sign, sdkappid string, body []byte) (*TrtcCallback, error) {
	return v.VerifyAt(sign, sdkappid, body, unixNow())
}

// VerifyAt is Verify at now (Unix seconds).
func (v *TrtcCallbackVerifier) VerifyAt(sign, sdkappid string, body []byte, now int64) (*TrtcCallback, error) {
	h, ptr, err := v.acquire()
	if err != nil {
		return nil, err
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	s, sl := f.text(headerText(sign))
	a, al := f.text(headerText(sdkappid))
	b, bl := f.bytes(body)
	var callback *TrtcCallback
	err = f.call(func(b []byte) error {
		var err error
		callback, err = decodeTrtcCallback(b)
		return err
	}, symbols.trtcCallbackVerifyAt, ptr, s, sl, a, al, b, bl, uintptr(now))
	if err != nil {
		return nil, err
	}
	return callback, nil
}

// VerifyRequest reads r's body and checks it with r's Sign and SdkAppId headers by the system
// clock, returning the body too, for the caller to parse once the callback passes. It reads at
// most MaxCallbackBodyLen bytes and one more: a longer body is refused with
// ErrCallbackTooLarge, whose length field is then MaxCallbackBodyLen+1. Errors: those of
// Verify, and the body's read error.
func (v *TrtcCallbackVerifier) VerifyRequest(r *http.Request) (*TrtcCallback, []byte, error) {
	return v.VerifyRequestAt(r, unixNow())
}

// VerifyRequestAt is VerifyRequest at now (Unix seconds).
func (v *TrtcCallbackVerifier) VerifyRequestAt(r *http.Request, now int64) (*TrtcCallback, []byte, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxCallbackBodyLen+1))
	if err != nil {
		return nil, body, err
	}
	callback, err := v.VerifyAt(r.Header.Get("Sign"), r.Header.Get("SdkAppId"), body, now)
	return callback, body, err
}

// Sign returns the Sign header Tencent sends with body: the signing twin of the checks, for
// tests and local fakes of Tencent's servers. Errors: ErrClosed.
func (v *TrtcCallbackVerifier) Sign(body []byte) (string, error) {
	h, ptr, err := v.acquire()
	if err != nil {
		return "", err
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	b, bl := f.bytes(body)
	var sign string
	err = f.call(tokenInto(&sign), symbols.trtcCallbackSign, ptr, b, bl)
	return sign, err
}
