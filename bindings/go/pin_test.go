package usersig

import (
	"runtime"
	"sort"
	"testing"
	"time"
)

// libraryList returns the names and numbers of the list call *fn (read once loaded).
func libraryList(t *testing.T, fn *uintptr, wide bool) ([]string, []int64) {
	t.Helper()
	if err := load(); err != nil {
		t.Fatal(err)
	}
	f := newFrame()
	defer f.release()
	var names []string
	var values []int64
	err := f.call(func(b []byte) error {
		var err error
		names, values, err = namedNumbers(b, wide)
		return err
	}, *fn)
	if err != nil {
		t.Fatal(err)
	}
	return names, values
}

func TestKindsArePinnedToTheCoresList(t *testing.T) {
	names, codes := libraryList(t, &symbols.errorKinds, false)
	core := map[string]int64{}
	for i, name := range names {
		core[name] = codes[i]
	}
	ours := map[string]int64{}
	for _, e := range Kinds {
		ours[string(e.Kind)] = int64(e.TencentCode)
	}
	if len(core) != len(ours) {
		t.Errorf("the core has %d kinds, this package %d", len(core), len(ours))
	}
	for name, code := range core {
		if got, ok := ours[name]; !ok || got != code {
			t.Errorf("kind %s (code %d): ours %d, %v", name, code, got, ok)
		}
	}
	sorted := append([]string{}, names...)
	sort.Strings(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			t.Errorf("kind %s twice", sorted[i])
		}
	}
}

func TestConstantsArePinnedToTheCores(t *testing.T) {
	names, values := libraryList(t, &symbols.constants, true)
	ours := map[string]int64{
		"DEFAULT_EXPIRE": DefaultExpire, "MAX_EXPIRE": MaxExpire, "MAX_USER_ID_LEN": MaxUserIDLen,
		"MAX_USERBUF_LEN": MaxUserbufLen, "MAX_TOKEN_LEN": MaxTokenLen,
		"MAX_INFLATED_LEN": MaxInflatedLen, "MAX_ROOM_ID": int64(MaxRoomID),
		"MAX_ROOM_STR_LEN": MaxRoomStrLen, "DEFAULT_ADMIN_VALIDITY": DefaultAdminValidity,
		"DEFAULT_RENEW_MARGIN": DefaultRenewMargin, "DEFAULT_CALLBACK_WINDOW": DefaultCallbackWindow,
		"MAX_CALLBACK_WINDOW": MaxCallbackWindow, "MAX_CALLBACK_QUERY_LEN": MaxCallbackQueryLen,
		"MAX_CALLBACK_BODY_LEN": MaxCallbackBodyLen,
	}
	if len(names) != len(ours) {
		t.Errorf("the core has %d constants, this package %d", len(names), len(ours))
	}
	for i, name := range names {
		if got, ok := ours[name]; !ok || got != values[i] {
			t.Errorf("%s = %d in the core, %d (%v) here", name, values[i], got, ok)
		}
	}
}

func TestTheLibraryIsWrittenOutOnceAndReused(t *testing.T) {
	if embedded == nil {
		t.Skip("no library embedded for this platform")
	}
	first, err := writeEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	second, err := writeEmbedded()
	if err != nil || second != first {
		t.Fatalf("%s, %v; want %s", second, err, first)
	}
}

func TestADecoderRefusesTruncatedAndTrailingResults(t *testing.T) {
	good := []byte{2, 0, 0, 0, 'a', 'b'}
	r := reader{data: good}
	if r.text() != "ab" || r.done() != nil {
		t.Fatal("a string did not decode")
	}
	for _, bad := range [][]byte{{3, 0, 0, 0, 'a', 'b'}, {2, 0, 0}, append(good, 0)} {
		r := reader{data: bad}
		r.text()
		if r.done() == nil {
			t.Errorf("%v decoded", bad)
		}
	}
	if _, err := decodeClaims([]byte{1, 2, 3}); err == nil {
		t.Error("truncated claims decoded")
	}
	if err := decodeError([]byte{1, 200, 0, 0, 0}); err != errDecode {
		t.Errorf("a truncated error decoded as %v", err)
	}
}

// closedWithin reports whether h is freed within a second of garbage collections.
func closedWithin(h *handle) bool {
	for range 100 {
		runtime.GC()
		h.mu.RLock()
		freed := h.ptr == 0
		h.mu.RUnlock()
		if freed {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func TestAHandleIsFreedWhenItsObjectIsCollected(t *testing.T) {
	signer, err := NewSigner(1400000000, "key")
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := NewVerifier(1400000000, "key", "old")
	if err != nil {
		t.Fatal(err)
	}
	auth, err := NewAdminAuth(1400000000, "key")
	if err != nil {
		t.Fatal(err)
	}
	chat, err := NewChatCallbackVerifier("token")
	if err != nil {
		t.Fatal(err)
	}
	trtc, err := NewTrtcCallbackVerifier("key")
	if err != nil {
		t.Fatal(err)
	}
	handles := []*handle{signer.h, verifier.h, auth.h, chat.h, trtc.h}
	for _, h := range handles {
		if h.ptr == 0 {
			t.Fatal("a new object has no handle")
		}
	}
	signer, verifier, auth, chat, trtc = nil, nil, nil, nil, nil
	for i, h := range handles {
		if !closedWithin(h) {
			t.Errorf("handle %d was not freed once its object was collected", i)
		}
	}
}
