package usersig_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	usersig "github.com/usersig/usersig/bindings/go"
)

const (
	app = 1400000000
	key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	now = 1700000000
)

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// kindOf returns err's *Error, failing unless it has kind and code.
func expectKind(t *testing.T, err error, kind usersig.Kind, code int32) *usersig.Error {
	t.Helper()
	var e *usersig.Error
	if !errors.As(err, &e) || e.Kind != kind || e.TencentCode != code {
		t.Fatalf("got %v, want kind %s (code %d)", err, kind, code)
	}
	for _, s := range usersig.Kinds {
		if errors.Is(err, s) != (s.Kind == kind) {
			t.Fatalf("errors.Is(%v, %s) = %v", err, s.Kind, !(s.Kind == kind))
		}
	}
	return e
}

func TestRoundTripsAndClaims(t *testing.T) {
	signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	verifier := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	token := must[string](t)(signer.UserSigAt("alice", 86400, now))
	claims := must[*usersig.Claims](t)(verifier.VerifyAt(token, "alice", now+1))
	want := usersig.Claims{UserID: "alice", SdkAppID: app, IssuedAt: now, Expire: 86400, ExpiresAt: now + 86400}
	if claims.UserID != want.UserID || claims.SdkAppID != want.SdkAppID || claims.IssuedAt != want.IssuedAt ||
		claims.Expire != want.Expire || claims.ExpiresAt != want.ExpiresAt || claims.Userbuf != nil || claims.Grant != nil ||
		len(claims.Signature) != 44 {
		t.Fatalf("%+v", claims)
	}
	if claims.SecondsLeftAt(now+86000) != 400 || claims.ShouldRenewAt(now+86000, 400) || !claims.ShouldRenewAt(now+86001, 400) {
		t.Error("lifetime helpers")
	}
	if left := claims.SecondsLeft(); left >= 0 {
		t.Errorf("a 2023 token has %d seconds left now", left)
	}
	if !claims.ShouldRenew(0) {
		t.Error("an expired token should be renewed")
	}
	// Issued now by the library's clock.
	fresh := must[*usersig.Claims](t)(verifier.Verify(must[string](t)(signer.UserSig("bob", 60)), "bob"))
	if fresh.SecondsLeft() < 55 || fresh.SecondsLeft() > 60 {
		t.Errorf("%d seconds left", fresh.SecondsLeft())
	}

	withBuf := must[string](t)(signer.UserSigWithUserbufAt("alice", []byte{0, 0xff}, 600, now))
	c := must[*usersig.Claims](t)(verifier.VerifyWithUserbufAt(withBuf, "alice", []byte{0, 0xff}, now))
	if string(c.Userbuf) != "\x00\xff" {
		t.Errorf("userbuf %x", c.Userbuf)
	}
	empty := must[string](t)(signer.UserSigWithUserbuf("alice", nil, 600))
	if c := must[*usersig.Claims](t)(verifier.VerifyWithUserbuf(empty, "alice", []byte{})); c.Userbuf == nil || len(c.Userbuf) != 0 {
		t.Errorf("an empty userbuf came back as %#v", c.Userbuf)
	}

	pmk := must[string](t)(signer.PrivateMapKeyAt("alice", 10000, usersig.PrivilegeEnterRoom|usersig.PrivilegeRecvAudio, 3600, now))
	c = must[*usersig.Claims](t)(verifier.VerifyAnyUserbufAt(pmk, "alice", now))
	if g := c.Grant; g == nil || g.RoomID != 10000 || g.RoomStr != "" || g.UserID != "alice" || g.SdkAppID != app ||
		g.ExpiresAt != now+3600 || g.Privileges != 10 || !g.Privileges.Has(usersig.PrivilegeEnterRoom) || g.Privileges.Has(usersig.PrivilegeSendAudio) {
		t.Errorf("grant %+v", c.Grant)
	}
	if s := c.Grant.Privileges.String(); s != "EnterRoom|RecvAudio" {
		t.Errorf("privileges %q", s)
	}
	named := must[string](t)(signer.PrivateMapKeyWithRoomStrAt("alice", "房间", usersig.PrivilegeAll, 3600, now))
	if g := must[*usersig.Claims](t)(usersig.Inspect(named)).Grant; g == nil || g.RoomStr != "房间" || g.RoomID != 0 || g.Privileges != usersig.PrivilegeAll {
		t.Errorf("grant %+v", g)
	}
	for _, token := range []string{must[string](t)(signer.PrivateMapKey("alice", 1, 1, 60)), must[string](t)(signer.PrivateMapKeyWithRoomStr("alice", "r", 1, 60))} {
		if _, err := verifier.VerifyAnyUserbuf(token, "alice"); err != nil {
			t.Error(err)
		}
	}

	tokens := must[[]string](t)(signer.UserSigsAt([]string{"a", "用户", "c"}, 600, now))
	if len(tokens) != 3 {
		t.Fatal(tokens)
	}
	for i, id := range []string{"a", "用户", "c"} {
		if tokens[i] != must[string](t)(signer.UserSigAt(id, 600, now)) {
			t.Errorf("batch token %d differs", i)
		}
	}
	if got := must[[]string](t)(signer.UserSigs(nil, 600)); len(got) != 0 {
		t.Errorf("%v", got)
	}
	_, err := signer.UserSigsAt([]string{"a", ""}, 600, now)
	expectKind(t, err, usersig.KindEmptyUserID, 0)
}

func TestRotationAcceptsEveryKey(t *testing.T) {
	old := must[string](t)(must[*usersig.Signer](t)(usersig.NewSigner(app, "old key")).UserSigAt("alice", 600, now))
	rotated := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key, "older", "old key"))
	if _, err := rotated.VerifyAt(old, "alice", now); err != nil {
		t.Fatal(err)
	}
	current := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	_, err := current.VerifyAt(old, "alice", now)
	expectKind(t, err, usersig.KindBadSignature, 70009)
	_, err = usersig.NewVerifier(app, key, "")
	expectKind(t, err, usersig.KindEmptyKey, 0)
}

// TestEveryErrorKind makes every kind the core has happen, with its fields.
func TestEveryErrorKind(t *testing.T) {
	signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	verifier := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	token := must[string](t)(signer.UserSigAt("alice", 60, now))
	withBuf := must[string](t)(signer.UserSigWithUserbufAt("alice", []byte("x"), 60, now))
	auth := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key))
	chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(key, usersig.WithSdkAppID(app)))
	chatSign := must[string](t)(chat.Sign(now))
	chatQuery := func(app uint32, sign string, extra string) string {
		return "SdkAppid=" + strconv.FormatUint(uint64(app), 10) + "&CallbackCommand=C2C.CallbackAfterSendMsg&RequestTime=1700000000&Sign=" + sign + extra
	}
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(key, usersig.WithSdkAppID(app)))
	trtcSign := must[string](t)(trtc.Sign([]byte("{}")))
	type failure struct {
		err    error
		fields map[string]any
	}
	second := func(_ any, err error) error { return err }
	seen := map[usersig.Kind]failure{
		usersig.KindEmptyKey:                 {second(usersig.NewSigner(app, "")), nil},
		usersig.KindEmptyUserID:              {second(signer.UserSigAt("", 60, now)), nil},
		usersig.KindUserIDTooLong:            {second(signer.UserSigAt(strings.Repeat("x", 1025), 60, now)), map[string]any{"length": int64(1025), "max": int64(1024)}},
		usersig.KindUserIDControlChar:        {second(signer.UserSigAt("a\nb", 60, now)), map[string]any{"position": int64(1)}},
		usersig.KindUserbufTooLong:           {second(signer.UserSigWithUserbufAt("a", make([]byte, 4097), 60, now)), map[string]any{"length": int64(4097), "max": int64(4096)}},
		usersig.KindExpireOutOfRange:         {second(signer.UserSigAt("a", 0, now)), map[string]any{"expire": int64(0), "max": usersig.MaxExpire}},
		usersig.KindTimeOutOfRange:           {second(signer.UserSigAt("a", 60, -1)), map[string]any{"now": int64(-1)}},
		usersig.KindExpiryOverflow:           {second(signer.UserSigAt("a", 60, 1<<32-30)), map[string]any{"now": int64(1<<32 - 30), "expire": int64(60)}},
		usersig.KindRoomIDOutOfRange:         {second(signer.PrivateMapKeyAt("a", 0, 1, 60, now)), map[string]any{"room_id": int64(0)}},
		usersig.KindEmptyRoomStr:             {second(signer.PrivateMapKeyWithRoomStrAt("a", "", 1, 60, now)), nil},
		usersig.KindRoomStrTooLong:           {second(signer.PrivateMapKeyWithRoomStrAt("a", strings.Repeat("r", 65), 1, 60, now)), map[string]any{"length": int64(65), "max": int64(64)}},
		usersig.KindPrivilegeOutOfRange:      {second(signer.PrivateMapKeyAt("a", 1, 256, 60, now)), map[string]any{"value": int64(256)}},
		usersig.KindMalformed:                {second(usersig.Inspect("not a token")), map[string]any{"reason": "base64"}},
		usersig.KindExpired:                  {second(verifier.VerifyAt(token, "alice", now+61)), map[string]any{"expired_at": int64(now + 60), "now": int64(now + 61)}},
		usersig.KindBadSignature:             {second(must[*usersig.Verifier](t)(usersig.NewVerifier(app, "other")).VerifyAt(token, "alice", now)), nil},
		usersig.KindUserIDMismatch:           {second(verifier.VerifyAt(token, "bob", now)), map[string]any{"expected": "bob", "found": "alice"}},
		usersig.KindSdkAppIDMismatch:         {second(must[*usersig.Verifier](t)(usersig.NewVerifier(app+1, key)).VerifyAt(token, "alice", now)), map[string]any{"expected": int64(app + 1), "found": int64(app)}},
		usersig.KindUserbufMismatch:          {second(verifier.VerifyWithUserbufAt(withBuf, "alice", []byte("y"), now)), nil},
		usersig.KindMissingUserbuf:           {second(verifier.VerifyWithUserbufAt(token, "alice", []byte("x"), now)), nil},
		usersig.KindUnexpectedUserbuf:        {second(verifier.VerifyAt(withBuf, "alice", now)), nil},
		usersig.KindUnknownRegion:            {second(usersig.NewAdminAuth(app, key, usersig.WithRegion("mars"))), map[string]any{"name": "mars"}},
		usersig.KindInvalidEndpoint:          {second(usersig.NewAdminAuth(app, key, usersig.WithEndpointURL("http://example.com"))), nil},
		usersig.KindInvalidRestPath:          {second(auth.URLAt("svc", "a/b", now)), map[string]any{"part": "command"}},
		usersig.KindRenewMarginOutOfRange:    {second(usersig.NewAdminAuth(app, key, usersig.WithValidity(600, 600))), map[string]any{"margin": int64(600), "validity": int64(600)}},
		usersig.KindCallbackParamMissing:     {second(chat.VerifyQueryAt("Sign="+chatSign, now)), map[string]any{"name": "SdkAppid"}},
		usersig.KindCallbackParamRepeated:    {second(chat.VerifyQueryAt(chatQuery(app, chatSign, "&Sign="+chatSign), now)), map[string]any{"name": "Sign"}},
		usersig.KindCallbackParamInvalid:     {second(chat.VerifyQueryAt(chatQuery(app, "%31"+chatSign[1:], ""), now)), map[string]any{"name": "Sign", "reason": "percent-encoded"}},
		usersig.KindCallbackBadSignature:     {second(trtc.VerifyAt(trtcSign, "1400000000", []byte("{} "), now)), nil},
		usersig.KindCallbackOutOfWindow:      {second(chat.VerifyQueryAt(chatQuery(app, chatSign, ""), now+61)), map[string]any{"time": int64(now), "now": int64(now + 61), "window": int64(60)}},
		usersig.KindCallbackSdkAppIDMismatch: {second(trtc.VerifyAt(trtcSign, "1400000001", []byte("{}"), now)), map[string]any{"expected": int64(app), "found": int64(app + 1)}},
		usersig.KindCallbackTooLarge:         {second(chat.VerifyQueryAt(strings.Repeat("x", 16385), now)), map[string]any{"part": "query", "length": int64(16385), "max": int64(16384)}},
		usersig.KindCallbackWindowOutOfRange: {second(usersig.NewTrtcCallbackVerifier(key, usersig.WithWindow(86401))), map[string]any{"window": int64(86401), "max": int64(86400)}},
	}
	// sdkappid_out_of_range cannot happen through a uint32 (the drop-in's tests make it);
	// random_unavailable needs an OS without randomness. Both are pinned by
	// TestKindsArePinnedToTheCoresList.
	unreachable := map[usersig.Kind]bool{usersig.KindSdkAppIDOutOfRange: true, usersig.KindRandomUnavailable: true}
	for _, sentinel := range usersig.Kinds {
		f, ok := seen[sentinel.Kind]
		if !ok {
			if !unreachable[sentinel.Kind] {
				t.Errorf("kind %s is not tested", sentinel.Kind)
			}
			continue
		}
		t.Run(string(sentinel.Kind), func(t *testing.T) {
			e := expectKind(t, f.err, sentinel.Kind, sentinel.TencentCode)
			if !strings.HasPrefix(e.Error(), "usersig: ") || len(e.Message) < 10 || strings.Contains(e.Error(), key) {
				t.Errorf("message %q", e.Error())
			}
			for name, want := range f.fields {
				if got := e.Fields[name]; got != want {
					t.Errorf("field %s = %#v, want %#v", name, got, want)
				}
			}
			if v, ok := e.Int("no such field"); ok || v != 0 {
				t.Error("a missing field was found")
			}
		})
	}
	if e := expectKind(t, seen[usersig.KindUserIDMismatch].err, usersig.KindUserIDMismatch, 70013); true {
		if found, ok := e.Text("found"); !ok || found != "alice" {
			t.Errorf("found %q", found)
		}
		if _, ok := e.Int("found"); ok {
			t.Error("a text field read as a number")
		}
	}
}

func TestTextThatIsNotUTF8IsATypedError(t *testing.T) {
	signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	verifier := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	bad := "ab\xffc"
	second := func(_ any, err error) error { return err }
	for name, err := range map[string]error{
		"key":        second(usersig.NewSigner(app, bad)),
		"verifier":   second(usersig.NewVerifier(app, key, bad)),
		"user id":    second(signer.UserSigAt(bad, 60, now)),
		"now":        second(signer.UserSig(bad, 60)),
		"userbuf id": second(signer.UserSigWithUserbufAt(bad, nil, 60, now)),
		"pmk":        second(signer.PrivateMapKeyAt(bad, 1, 1, 60, now)),
		"room":       second(signer.PrivateMapKeyWithRoomStrAt("a", bad, 1, 60, now)),
		"batch":      second(signer.UserSigsAt([]string{"a", bad}, 60, now)),
		"verify":     second(verifier.VerifyAt("x", bad, now)),
		"admin":      second(usersig.NewAdminAuth(app, key, usersig.WithAdmin(bad))),
		"surrogate":  second(signer.UserSigAt("\xed\xa0\x80", 60, now)),
	} {
		var e *usersig.EncodingError
		if !errors.Is(err, usersig.ErrInvalidUTF8) || !errors.As(err, &e) {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := signer.UserSigAt(bad, 60, now)
	var e *usersig.EncodingError
	errors.As(err, &e)
	if e.Arg != "userID" || e.Offset != 2 {
		t.Errorf("%+v", e)
	}
	// A token is ASCII: bytes that are not UTF-8 make it malformed.
	_, err = verifier.VerifyAt("eJw\xff", "alice", now)
	expectKind(t, err, usersig.KindMalformed, 70003)
}

func TestBadInputNeverPanics(t *testing.T) {
	signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	verifier := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	huge := strings.Repeat("x", 10<<20)
	_, err := signer.UserSigAt(huge, 60, now)
	expectKind(t, err, usersig.KindUserIDTooLong, 0)
	_, err = verifier.VerifyAt(huge, "alice", now)
	e := expectKind(t, err, usersig.KindMalformed, 70003)
	if reason, _ := e.Text("reason"); reason != "too_long" {
		t.Errorf("reason %q", reason)
	}
	_, err = verifier.VerifyAt("", "alice", now)
	expectKind(t, err, usersig.KindMalformed, 70003)
	garbage := []string{"eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIlzA1NLGFSxSnZiQUFmSlACUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekg8wsrwxPDTMKSIwzKTVL8qqIKU13y3d0zfTOjzEyqCp2rXL19tAPMAvOKioptlWoB-ZwyEA",
		"eJwDAAAAAAE_", "****", "\x00\x01\x02", "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIlzA1NLGFSxSnZiQUFmSlACUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekg8wsrwxPDTMKSIwzKTVL8qqIKU13y3d0zfTOjzEyqCp2rXL19tAPMAvOKioptlWoB-ZwyEA__x"}
	for _, g := range garbage {
		if _, err := usersig.Inspect(g); !errors.Is(err, usersig.ErrMalformed) {
			t.Errorf("%q: %v", g, err)
		}
	}
	// Random bytes.
	seed := uint64(1)
	for i := 0; i < 2000; i++ {
		b := make([]byte, i%300)
		for j := range b {
			seed = seed*6364136223846793005 + 1442695040888963407
			b[j] = byte(seed >> 56)
		}
		if _, err := verifier.VerifyAnyUserbufAt(string(b), "alice", now); err == nil {
			t.Fatalf("%x verified", b)
		}
	}
}

func TestNilAndClosedHandlesReturnErrClosed(t *testing.T) {
	var signer *usersig.Signer
	var verifier *usersig.Verifier
	var auth *usersig.AdminAuth
	second := func(_ any, err error) error { return err }
	s := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	v := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	a := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key))
	token := must[string](t)(s.UserSigAt("alice", 60, now))
	for _, c := range []interface{ Close() error }{s, v, a, s, signer, verifier, auth} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for name, err := range map[string]error{
		"nil signer":    second(signer.UserSigAt("a", 60, now)),
		"zero signer":   second((&usersig.Signer{}).UserSig("a", 60)),
		"closed signer": second(s.UserSigAt("a", 60, now)),
		"closed batch":  second(s.UserSigsAt([]string{"a"}, 60, now)),
		"closed pmk":    second(s.PrivateMapKeyAt("a", 1, 1, 60, now)),
		"nil verifier":  second(verifier.VerifyAt(token, "alice", now)),
		"closed verify": second(v.VerifyAt(token, "alice", now)),
		"nil admin":     second(auth.URLAt("a", "b", now)),
		"closed admin":  second(a.UserSigAt(now)),
	} {
		if !errors.Is(err, usersig.ErrClosed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if signer.SdkAppID() != 0 || auth.Endpoint() != "" || s.SdkAppID() != app {
		t.Error("accessors")
	}
}

func TestNoKeyInDescriptions(t *testing.T) {
	s := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	v := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	a := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key, usersig.WithRegion("singapore")))
	for _, text := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v", v, a), fmt.Sprintf("%#v", *s), fmt.Sprintf("%#v", *v)} {
		if strings.Contains(text, key) || strings.Contains(text, key[:16]) {
			t.Errorf("%s shows the key", text)
		}
	}
	if fmt.Sprint(s) != "usersig.Signer{SdkAppID: 1400000000}" || a.Endpoint() != "https://adminapisgp.im.qcloud.com" {
		t.Errorf("%v %v", s, a)
	}
}

// Test16Goroutines shares one Signer, Verifier and AdminAuth between 16 goroutines, one of
// which closes nothing until all are done.
func Test16Goroutines(t *testing.T) {
	signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
	verifier := must[*usersig.Verifier](t)(usersig.NewVerifier(app, key))
	auth := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key))
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	tokens := make([]string, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("user-%d", g)
			for i := range 300 {
				token, err := signer.UserSigAt(id, 600, now+int64(i))
				if err != nil {
					errs <- err
					return
				}
				c, err := verifier.VerifyAt(token, id, now+int64(i))
				if err != nil || c.UserID != id || c.IssuedAt != now+int64(i) {
					errs <- fmt.Errorf("%s: %v", id, err)
					return
				}
				if _, err := auth.URLAt("svc", "cmd", now+int64(i%3)); err != nil {
					errs <- err
					return
				}
			}
			tokens[g] = must[string](t)(auth.UserSigAt(now + 2))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, token := range tokens[1:] {
		if token != tokens[0] {
			t.Fatal("the admin token was minted more than once")
		}
	}
}

// TestCloseWhileInUse closes handles while other goroutines call them: every call either
// succeeds or returns ErrClosed.
func TestCloseWhileInUse(t *testing.T) {
	for range 20 {
		signer := must[*usersig.Signer](t)(usersig.NewSigner(app, key))
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 200 {
					if _, err := signer.UserSigAt("a", 60, now); err != nil && !errors.Is(err, usersig.ErrClosed) {
						t.Error(err)
						return
					}
				}
			}()
		}
		signer.Close()
		wg.Wait()
	}
}
