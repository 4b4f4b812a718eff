package usersig

import (
	"encoding/binary"
	"errors"
	"strings"
)

// errDecode is a result this package cannot read: a library that does not match it.
var errDecode = errors.New("usersig: the library's result does not match docs/abi.md")

// reader is a cursor over one result (docs/abi.md, "Results"): little-endian integers and
// strings after their u32 length. A read past the end sets failed and returns zero values.
type reader struct {
	data   []byte
	failed bool
}

func (r *reader) take(n int) []byte {
	if r.failed || n < 0 || n > len(r.data) {
		r.failed = true
		return nil
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

func (r *reader) u8() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) i64() int64 {
	if b := r.take(8); b != nil {
		return int64(binary.LittleEndian.Uint64(b))
	}
	return 0
}

func (r *reader) blob() []byte {
	return r.take(int(r.u32()))
}

func (r *reader) text() string {
	return string(r.blob())
}

// done reports an error unless the whole result was read.
func (r *reader) done() error {
	if r.failed || len(r.data) != 0 {
		return errDecode
	}
	return nil
}

// decodeClaims reads claims (docs/abi.md, "Values").
func decodeClaims(b []byte) (*Claims, error) {
	r := reader{data: b}
	c := &Claims{UserID: r.text(), SdkAppID: uint32(r.i64()), IssuedAt: r.i64(), Expire: r.i64(), ExpiresAt: r.i64()}
	if r.u8() == 1 {
		c.Userbuf = append([]byte{}, r.blob()...)
	}
	if kind := r.u8(); kind != 0 {
		g := &Grant{UserID: r.text(), SdkAppID: uint32(r.i64())}
		if kind == 1 {
			g.RoomID = uint32(r.i64())
		} else {
			g.RoomStr = r.text()
		}
		g.Privileges = Privilege(r.i64())
		g.ExpiresAt = r.i64()
		c.Grant = g
	}
	c.Signature = r.text()
	return c, r.done()
}

// decodeChatCallback reads a Chat callback (docs/abi.md, "Values").
func decodeChatCallback(b []byte) (*ChatCallback, error) {
	r := reader{data: b}
	c := &ChatCallback{Command: r.text(), SdkAppID: uint32(r.i64()), RequestTime: r.i64()}
	count := int(r.u32())
	c.Params = []Param{}
	for i := 0; i < count && !r.failed; i++ {
		c.Params = append(c.Params, Param{Name: r.text(), Value: r.text()})
	}
	return c, r.done()
}

// decodeTrtcCallback reads a TRTC callback (docs/abi.md, "Values").
func decodeTrtcCallback(b []byte) (*TrtcCallback, error) {
	r := reader{data: b}
	c := &TrtcCallback{SdkAppID: uint32(r.i64())}
	for _, field := range []**int64{&c.EventGroupID, &c.EventType, &c.CallbackTs} {
		if r.u8() == 1 {
			v := r.i64()
			*field = &v
		}
	}
	return c, r.done()
}

// decodeTokens reads a token list.
func decodeTokens(b []byte) ([]string, error) {
	r := reader{data: b}
	count := int(r.u32())
	joined := r.text()
	if err := r.done(); err != nil {
		return nil, err
	}
	if count == 0 {
		return []string{}, nil
	}
	tokens := strings.Split(joined, "\n")
	if len(tokens) != count {
		return nil, errDecode
	}
	return tokens, nil
}

// decodeError reads an error result, tag included, into an *Error.
func decodeError(b []byte) error {
	r := reader{data: b[1:]}
	e := &Error{Kind: Kind(r.text()), TencentCode: int32(r.u32()), Message: r.text()}
	count := int(r.u8())
	for range count {
		name := r.text()
		if e.Fields == nil {
			e.Fields = map[string]any{}
		}
		if r.u8() == 'i' {
			e.Fields[name] = r.i64()
		} else {
			e.Fields[name] = r.text()
		}
	}
	if err := r.done(); err != nil {
		return err
	}
	return e
}

// namedNumbers reads a kind list (i32 numbers) or a constant list (i64 numbers).
func namedNumbers(b []byte, wide bool) ([]string, []int64, error) {
	r := reader{data: b}
	count := int(r.u32())
	var names []string
	var values []int64
	for i := 0; i < count && !r.failed; i++ {
		names = append(names, r.text())
		if wide {
			values = append(values, r.i64())
		} else {
			values = append(values, int64(int32(r.u32())))
		}
	}
	return names, values, r.done()
}
