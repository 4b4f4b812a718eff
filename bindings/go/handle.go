package usersig

import (
	"runtime"
	"sync"
	"unicode/utf8"
)

// handle owns one library handle: calls hold its read lock, Close and the cleanup its write
// lock, so a handle is never freed while a call uses it nor used once freed.
type handle struct {
	mu   sync.RWMutex
	ptr  uintptr
	free uintptr
}

// newHandle wraps ptr, freeing it with free once owner is collected (if not closed before).
func newHandle[T any](owner *T, ptr, free uintptr) *handle {
	h := &handle{ptr: ptr, free: free}
	runtime.AddCleanup(owner, func(h *handle) { h.close() }, h)
	return h
}

// acquire read-locks h and returns its pointer, or 0 (unlocked) if h is nil or closed.
func (h *handle) acquire() uintptr {
	if h == nil {
		return 0
	}
	h.mu.RLock()
	if h.ptr == 0 {
		h.mu.RUnlock()
		return 0
	}
	return h.ptr
}

func (h *handle) releaseRead() {
	h.mu.RUnlock()
}

// close frees the library handle once; later calls do nothing.
func (h *handle) close() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr != 0 {
		callFree(h.free, h.ptr)
		h.ptr = 0
	}
}

// checkText returns an *EncodingError if s is not UTF-8.
func checkText(arg, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	offset := 0
	for offset < len(s) {
		r, size := utf8.DecodeRuneInString(s[offset:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		offset += size
	}
	return &EncodingError{Arg: arg, Offset: offset}
}
