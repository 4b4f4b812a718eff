package tencentyun

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	usersig "github.com/usersig/usersig/bindings/go"
)

const key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

func kindOf(err error) usersig.Kind {
	var e *usersig.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

func TestRefusedInputsAreTypedErrors(t *testing.T) {
	second := func(_ string, err error) error { return err }
	for _, c := range []struct {
		err  error
		kind usersig.Kind
	}{
		{second(GenUserSig(1400000000, "", "a", 60)), usersig.KindEmptyKey},
		{second(GenUserSig(1400000000, key, "", 60)), usersig.KindEmptyUserID},
		{second(GenUserSig(1400000000, key, "a", 0)), usersig.KindExpireOutOfRange},
		{second(GenUserSig(-1, key, "a", 60)), usersig.KindSdkAppIDOutOfRange},
		{second(GenUserSig(1400000000, key, "a\nb", 60)), usersig.KindUserIDControlChar},
		{second(GenUserSigWithBuf(1400000000, key, "a", 60, make([]byte, 4097))), usersig.KindUserbufTooLong},
		{second(GenPrivateMapKey(1400000000, key, "a", 60, 0, 255)), usersig.KindRoomIDOutOfRange},
		{second(GenPrivateMapKey(1400000000, key, "a", 60, 1, 256)), usersig.KindPrivilegeOutOfRange},
		{second(GenPrivateMapKeyWithStringRoomID(1400000000, key, "a", 60, "", 255)), usersig.KindEmptyRoomStr},
		{second(GenPrivateMapKeyWithStringRoomID(1400000000, key, "a", 60, strings.Repeat("r", 65), 255)), usersig.KindRoomStrTooLong},
		{VerifyUserSig(1400000000, key, "a", "not a token", time.Now()), usersig.KindMalformed},
		{VerifyUserSig(1400000000, key, "a", "", time.Now()), usersig.KindMalformed},
	} {
		if got := kindOf(c.err); got != c.kind {
			t.Errorf("%v: kind %q, want %q", c.err, got, c.kind)
		}
	}
	_, err := GenUserSig(-5, key, "a", 60)
	if !errors.Is(err, usersig.ErrSdkAppIDOutOfRange) || err.Error() != "usersig: sdkappid -5 is outside 0..=4294967295" {
		t.Errorf("%v", err)
	}
	if _, err := GenUserSig(1400000000, key, "a\xff", 60); !errors.Is(err, usersig.ErrInvalidUTF8) {
		t.Errorf("%v", err)
	}
	token, _ := GenUserSig(1400000000, key, "a", 60)
	if err := VerifyUserSig(1400000000, "", "a", token, time.Now()); !errors.Is(err, usersig.ErrEmptyKey) {
		t.Errorf("an empty key: %v", err)
	}
}

func TestTokensMatchTheCore(t *testing.T) {
	signer, _ := usersig.NewSigner(1400000000, key)
	before := time.Now().Unix()
	token, err := GenPrivateMapKeyWithStringRoomID(1400000000, key, "alice", 300, "room", 42)
	after := time.Now().Unix()
	if err != nil {
		t.Fatal(err)
	}
	claims, _ := usersig.Inspect(token)
	if claims.IssuedAt < before || claims.IssuedAt > after || claims.Grant == nil || claims.Grant.RoomStr != "room" || claims.Grant.Privileges != 42 {
		t.Fatalf("%+v", claims)
	}
	same, _ := signer.PrivateMapKeyWithRoomStrAt("alice", "room", 42, 300, claims.IssuedAt)
	if same != token {
		t.Error("the drop-in's token differs from the Signer's at the same time")
	}
	if err := VerifyUserSigWithBuf(1400000000, key, "alice", token, time.Now(), claims.Userbuf); err != nil {
		t.Error(err)
	}
	empty, _ := GenUserSigWithBuf(1400000000, key, "alice", 300, []byte{})
	if err := VerifyUserSigWithBuf(1400000000, key, "alice", empty, time.Now(), []byte{}); err != nil {
		t.Errorf("an empty userbuf: %v", err)
	}
	if err := VerifyUserSig(1<<40, key, "alice", empty, time.Now()); err != ErrSdkAppIDNotMatch {
		t.Errorf("%v", err)
	}
}

// TestManyKeysAndGoroutines signs with more keys than are cached, from 16 goroutines.
func TestManyKeysAndGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				k := fmt.Sprintf("key-%d", (g+i)%(2*maxCached))
				token, err := GenUserSig(1400000000, k, "alice", 60)
				if err == nil {
					err = VerifyUserSig(1400000000, k, "alice", token, time.Now())
				}
				if err == nil && VerifyUserSig(1400000000, k+"x", "alice", token, time.Now()) != ErrSigNotMatch {
					err = errors.New("a wrong key was accepted")
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := len(signers.items); n != maxCached {
		t.Errorf("%d signers cached, want %d", n, maxCached)
	}
}
