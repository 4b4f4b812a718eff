package usersig

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"github.com/ebitengine/purego"
)

// abiVersion is the version of the library's C ABI (docs/abi.md) this package decodes; any
// other is refused when the library loads.
const abiVersion = 3

// LibraryEnv names the environment variable that, when set, is the path of the usersig
// library to load instead of the copy embedded in this package (for a read-only file system,
// or a platform without an embedded copy).
const LibraryEnv = "USERSIG_LIBRARY"

// symbols are the library's entry points, resolved once when it loads.
var symbols struct {
	signerNew, signerFree, userSigAt, userSig, userSigWithUserbufAt, privateMapKeyAt,
	privateMapKeyWithRoomStrAt, userSigsAt, verifierNew, verifierFree, verifyAt,
	verifyWithUserbufAt, verifyAnyUserbufAt, inspect, adminNew, adminFree, adminEndpoint,
	adminURLAt, adminUserSigAt, chatCallbackNew, chatCallbackFree, chatCallbackVerifyQueryAt,
	chatCallbackVerifyParamsAt, chatCallbackSign, trtcCallbackNew, trtcCallbackFree,
	trtcCallbackVerifyAt, trtcCallbackSign, errorKinds, constants uintptr
}

var (
	loadOnce sync.Once
	loadErr  error
)

// load opens the library once; every later call returns the first attempt's error.
func load() error {
	loadOnce.Do(func() { loadErr = open() })
	return loadErr
}

func open() error {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		// Every number crosses as an int64 in one register.
		return errors.New("usersig: only 64-bit platforms are supported")
	}
	path := os.Getenv(LibraryEnv)
	if path == "" {
		if embedded == nil {
			return fmt.Errorf("usersig: no library is embedded for this platform; set %s to its path", LibraryEnv)
		}
		var err error
		if path, err = writeEmbedded(); err != nil {
			return err
		}
	}
	lib, err := openLibrary(path)
	if err != nil {
		return fmt.Errorf("usersig: loading %s: %w", path, err)
	}
	names := []struct {
		to   *uintptr
		name string
	}{
		{&symbols.signerNew, "usersig_signer_new"},
		{&symbols.signerFree, "usersig_signer_free"},
		{&symbols.userSigAt, "usersig_signer_user_sig_at"},
		{&symbols.userSig, "usersig_signer_user_sig"},
		{&symbols.userSigWithUserbufAt, "usersig_signer_user_sig_with_userbuf_at"},
		{&symbols.privateMapKeyAt, "usersig_signer_private_map_key_at"},
		{&symbols.privateMapKeyWithRoomStrAt, "usersig_signer_private_map_key_with_room_str_at"},
		{&symbols.userSigsAt, "usersig_signer_user_sigs_at"},
		{&symbols.verifierNew, "usersig_verifier_new"},
		{&symbols.verifierFree, "usersig_verifier_free"},
		{&symbols.verifyAt, "usersig_verifier_verify_at"},
		{&symbols.verifyWithUserbufAt, "usersig_verifier_verify_with_userbuf_at"},
		{&symbols.verifyAnyUserbufAt, "usersig_verifier_verify_any_userbuf_at"},
		{&symbols.inspect, "usersig_inspect"},
		{&symbols.adminNew, "usersig_admin_new"},
		{&symbols.adminFree, "usersig_admin_free"},
		{&symbols.adminEndpoint, "usersig_admin_endpoint"},
		{&symbols.adminURLAt, "usersig_admin_url_at"},
		{&symbols.adminUserSigAt, "usersig_admin_user_sig_at"},
		{&symbols.chatCallbackNew, "usersig_chat_callback_new"},
		{&symbols.chatCallbackFree, "usersig_chat_callback_free"},
		{&symbols.chatCallbackVerifyQueryAt, "usersig_chat_callback_verify_query_at"},
		{&symbols.chatCallbackVerifyParamsAt, "usersig_chat_callback_verify_params_at"},
		{&symbols.chatCallbackSign, "usersig_chat_callback_sign"},
		{&symbols.trtcCallbackNew, "usersig_trtc_callback_new"},
		{&symbols.trtcCallbackFree, "usersig_trtc_callback_free"},
		{&symbols.trtcCallbackVerifyAt, "usersig_trtc_callback_verify_at"},
		{&symbols.trtcCallbackSign, "usersig_trtc_callback_sign"},
		{&symbols.errorKinds, "usersig_error_kinds"},
		{&symbols.constants, "usersig_constants"},
	}
	version, err := symbol(lib, "usersig_abi_version")
	if err != nil {
		return err
	}
	if v, _, _ := purego.SyscallN(version); uint32(v) != abiVersion {
		return fmt.Errorf("usersig: %s has ABI version %d; this package needs %d", path, uint32(v), abiVersion)
	}
	for _, s := range names {
		if *s.to, err = symbol(lib, s.name); err != nil {
			return err
		}
	}
	return nil
}

func symbol(lib uintptr, name string) (uintptr, error) {
	p, err := lookup(lib, name)
	if err != nil {
		return 0, fmt.Errorf("usersig: the library has no %s: %w", name, err)
	}
	return p, nil
}

// writeEmbedded writes the embedded library once into the user's cache folder (the system's
// temporary folder if there is none), under a name that holds its hash, and returns its path.
// A file already there is used only if it holds exactly the embedded bytes.
func writeEmbedded() (string, error) {
	sum := sha256.Sum256(embedded)
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "usersig-go", hex.EncodeToString(sum[:12]))
	path := filepath.Join(dir, libraryName)
	if existing, err := os.ReadFile(path); err == nil && bytes.Equal(existing, embedded) {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("usersig: writing the library out (or set %s): %w", LibraryEnv, err)
	}
	tmp, err := os.CreateTemp(dir, libraryName+".*")
	if err != nil {
		return "", fmt.Errorf("usersig: writing the library out (or set %s): %w", LibraryEnv, err)
	}
	_, err = tmp.Write(embedded)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("usersig: writing the library out (or set %s): %w", LibraryEnv, err)
	}
	return path, nil
}

// bufferSize holds a call's inputs and its result: every token of a user id under about 600
// bytes, and claims (docs/abi.md).
const bufferSize = 2048

var buffers = sync.Pool{New: func() any { b := make([]byte, bufferSize); return &b }}

// frame holds what one call passes to the library: its inputs are copied into a buffer on Go's
// heap, which never moves, so that the addresses handed over stay valid during the call
// whatever the caller's strings live in (a goroutine's stack moves as it grows).
type frame struct {
	pooled *[]byte
	buf    []byte
	used   int
	keep   [][]byte
	out    []byte // the output buffer, if not the rest of buf
}

func newFrame() *frame {
	bp := buffers.Get().(*[]byte)
	return &frame{pooled: bp, buf: *bp}
}

func (f *frame) release() {
	buffers.Put(f.pooled)
}

// wipe zeroes every input and output the frame held (a constructor's key), then releases it.
func (f *frame) wipe() {
	clear(f.buf)
	for _, b := range f.keep {
		clear(b)
	}
	f.release()
}

// bytes copies b into the frame and returns its address and length (0, 0 for an empty b:
// docs/abi.md, a zero length is never read).
func (f *frame) bytes(b []byte) (uintptr, uintptr) {
	if len(b) == 0 {
		return 0, 0
	}
	var dst []byte
	if len(b) <= len(f.buf)-f.used {
		dst = f.buf[f.used : f.used+len(b)]
		f.used += len(b)
	} else {
		dst = make([]byte, len(b))
		f.keep = append(f.keep, dst)
	}
	copy(dst, b)
	return uintptr(unsafe.Pointer(unsafe.SliceData(dst))), uintptr(len(b))
}

// text is bytes for a string.
func (f *frame) text(s string) (uintptr, uintptr) {
	return f.bytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// slot reserves 8 aligned bytes for the library to write a handle into, and returns their
// offset.
func (f *frame) slot() int {
	f.used = (f.used + 7) &^ 7
	f.used += 8
	return f.used - 8
}

// output is the buffer for the result: out if set, else the rest of buf.
func (f *frame) output() []byte {
	if f.out != nil {
		return f.out
	}
	return f.buf[f.used:]
}

// ptr0 is the address of b's first byte, or 0 for an empty b; b must be on Go's heap and kept
// alive across the call (frame.keep).
func ptr0(b []byte) uintptr {
	if len(b) == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(b)))
}

// unixNow is the system clock in Unix seconds.
func unixNow() int64 {
	return time.Now().Unix()
}

// errFault is a negative return (docs/abi.md): a bug of this package or of the library, never
// of the caller's input.
var errFault = errors.New("usersig: the library refused the call")

func fault(n int64) error {
	reasons := map[int64]string{-1: "a string is not UTF-8", -2: "the library panicked",
		-3: "a null pointer", -4: "a length above PTRDIFF_MAX"}
	return fmt.Errorf("%w (%d: %s)", errFault, n, reasons[n])
}

// call runs fn with args followed by an output buffer and its capacity, calling again with a
// buffer of the size asked for when the result did not fit, and passes the result (after its
// tag) to read, which must copy what it keeps. An error result becomes an *Error.
func (f *frame) call(read func([]byte) error, fn uintptr, args ...uintptr) error {
	out := f.output()
	for {
		all := append(args, uintptr(unsafe.Pointer(unsafe.SliceData(out))), uintptr(len(out)))
		r, _, _ := purego.SyscallN(fn, all...)
		n := int64(r)
		if n < 0 {
			return fault(n)
		}
		if n <= int64(len(out)) {
			result := out[:n]
			runtime.KeepAlive(f)
			if n == 0 {
				return fault(-2)
			}
			if result[0] == 1 {
				return decodeError(result)
			}
			return read(result[1:])
		}
		out = make([]byte, n)
		f.keep = append(f.keep, out)
	}
}

// tokenInto is a read function keeping the result as a string.
func tokenInto(into *string) func([]byte) error {
	return func(b []byte) error { *into = string(b); return nil }
}

// construct calls a constructor (fn with args, then handle_out, out and out_cap), returning
// the new handle or its error.
func (f *frame) construct(fn uintptr, args ...uintptr) (uintptr, error) {
	at := f.slot()
	handleOut := uintptr(unsafe.Pointer(&f.buf[at]))
	out := f.output()
	for {
		all := append(args, handleOut, uintptr(unsafe.Pointer(unsafe.SliceData(out))), uintptr(len(out)))
		r, _, _ := purego.SyscallN(fn, all...)
		runtime.KeepAlive(f)
		n := int64(r)
		switch {
		case n == 0:
			return *(*uintptr)(unsafe.Pointer(&f.buf[at])), nil
		case n < 0:
			return 0, fault(n)
		case n <= int64(len(out)):
			if out[0] != 1 {
				return 0, fault(-2)
			}
			return 0, decodeError(out[:n])
		}
		out = make([]byte, n)
		f.keep = append(f.keep, out)
	}
}

// callFree calls a library's free function on a handle.
func callFree(free, ptr uintptr) {
	purego.SyscallN(free, ptr)
}
