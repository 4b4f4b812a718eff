// Package compat checks the drop-in against Tencent's module in the same process: each verifies
// the other's tokens, both return the same error variable for the same bad input, and the
// benchmarks time both (BENCHMARKS.md).
package compat

import (
	"errors"
	"syscall"
	"testing"
	"time"

	official "github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
	usersig "github.com/usersig/usersig/bindings/go"
	dropin "github.com/usersig/usersig/bindings/go/tencentyun"
)

const (
	app = 1400000000
	key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
)

// name returns which of the package's error variables err is ("" for nil, "other" for none).
func name(err error, vars map[string]error) string {
	if err == nil {
		return ""
	}
	for n, v := range vars {
		if err == v {
			return n
		}
	}
	return "other: " + err.Error()
}

var officialErrors = map[string]error{"sdkappid": official.ErrSdkAppIDNotMatch,
	"identifier": official.ErrIdentifierNotMatch, "expired": official.ErrExpired,
	"buftype": official.ErrUserBufTypeNotMatch, "buf": official.ErrUserBufNotMatch, "sig": official.ErrSigNotMatch}

var dropinErrors = map[string]error{"sdkappid": dropin.ErrSdkAppIDNotMatch,
	"identifier": dropin.ErrIdentifierNotMatch, "expired": dropin.ErrExpired,
	"buftype": dropin.ErrUserBufTypeNotMatch, "buf": dropin.ErrUserBufNotMatch, "sig": dropin.ErrSigNotMatch}

type minter struct {
	gen    func(sdkappid int, key, userid string, expire int) (string, error)
	genBuf func(sdkappid int, key, userid string, expire int, buf []byte) (string, error)
	pmk    func(sdkappid int, key, userid string, expire int, roomid, privilegeMap uint32) (string, error)
	pmkStr func(sdkappid int, key, userid string, expire int, roomStr string, privilegeMap uint32) (string, error)
}

type verifier struct {
	verify    func(sdkappid uint64, key, userid, usersig string, now time.Time) error
	verifyBuf func(sdkappid uint64, key, userid, usersig string, now time.Time, userbuf []byte) error
	errors    map[string]error
}

var (
	officialMinter = minter{official.GenUserSig, official.GenUserSigWithBuf, official.GenPrivateMapKey, official.GenPrivateMapKeyWithStringRoomID}
	dropinMinter   = minter{dropin.GenUserSig, dropin.GenUserSigWithBuf, dropin.GenPrivateMapKey, dropin.GenPrivateMapKeyWithStringRoomID}
	officialVerify = verifier{official.VerifyUserSig, official.VerifyUserSigWithBuf, officialErrors}
	dropinVerify   = verifier{dropin.VerifyUserSig, dropin.VerifyUserSigWithBuf, dropinErrors}
)

// TestEachVerifiesTheOthersTokensWithTheSameErrors mints with each module and checks every
// token with both, for good and bad inputs: both must name the same error variable.
func TestEachVerifiesTheOthersTokensWithTheSameErrors(t *testing.T) {
	now := time.Now()
	for mname, m := range map[string]minter{"official": officialMinter, "drop-in": dropinMinter} {
		plain, err1 := m.gen(app, key, "alice", 600)
		withBuf, err2 := m.genBuf(app, key, "alice", 600, []byte{0, 1, 0xff})
		pmk, err3 := m.pmk(app, key, "用户", 600, 1234, 255)
		pmkStr, err4 := m.pmkStr(app, key, "alice", 600, "room-1", 42)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(mname, err)
		}
		pmkBuf := usersigUserbuf(t, pmk)
		pmkStrBuf := usersigUserbuf(t, pmkStr)
		cases := []struct {
			name string
			run  func(v verifier) error
			want string
		}{
			{"plain", func(v verifier) error { return v.verify(app, key, "alice", plain, now) }, ""},
			{"userbuf", func(v verifier) error { return v.verifyBuf(app, key, "alice", withBuf, now, []byte{0, 1, 0xff}) }, ""},
			{"pmk", func(v verifier) error { return v.verifyBuf(app, key, "用户", pmk, now, pmkBuf) }, ""},
			{"pmk str", func(v verifier) error { return v.verifyBuf(app, key, "alice", pmkStr, now, pmkStrBuf) }, ""},
			{"sdkappid", func(v verifier) error { return v.verify(app+1, key, "alice", plain, now) }, "sdkappid"},
			{"identifier", func(v verifier) error { return v.verify(app, key, "bob", plain, now) }, "identifier"},
			{"expired", func(v verifier) error { return v.verify(app, key, "alice", plain, now.Add(time.Hour)) }, "expired"},
			{"wrong key", func(v verifier) error { return v.verify(app, "other", "alice", plain, now) }, "sig"},
			{"buf on plain", func(v verifier) error { return v.verifyBuf(app, key, "alice", plain, now, []byte{1}) }, "buftype"},
			{"no buf", func(v verifier) error { return v.verify(app, key, "alice", withBuf, now) }, "buftype"},
			{"other buf", func(v verifier) error { return v.verifyBuf(app, key, "alice", withBuf, now, []byte{1}) }, "buf"},
			{"wrong key and buf", func(v verifier) error { return v.verify(app, "other", "alice", withBuf, now) }, "buftype"},
			{"wrong id, expired", func(v verifier) error { return v.verify(app, key, "bob", plain, now.Add(time.Hour)) }, "identifier"},
		}
		for _, c := range cases {
			for vname, v := range map[string]verifier{"official": officialVerify, "drop-in": dropinVerify} {
				if got := name(c.run(v), v.errors); got != c.want {
					t.Errorf("%s token, %s, %s verifier: %q, want %q", mname, c.name, vname, got, c.want)
				}
			}
		}
	}
}

func usersigUserbuf(t *testing.T, token string) []byte {
	t.Helper()
	claims, err := usersig.Inspect(token)
	if err != nil {
		t.Fatal(err)
	}
	return claims.Userbuf
}

const benchUser = "user_A"

var sink string

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// measure runs op b.N times and reports, beside the wall time, the process's CPU time per call
// (cpu-ns/op), which other processes' load moves less.
func measure(b *testing.B, op func()) {
	start := cpuTime()
	for b.Loop() {
		op()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkGenUserSig(b *testing.B) {
	signer, _ := usersig.NewSigner(app, key)
	b.Run("official", func(b *testing.B) { measure(b, func() { sink, _ = official.GenUserSig(app, key, benchUser, 86400) }) })
	b.Run("drop-in", func(b *testing.B) { measure(b, func() { sink, _ = dropin.GenUserSig(app, key, benchUser, 86400) }) })
	b.Run("Signer.UserSig", func(b *testing.B) { measure(b, func() { sink, _ = signer.UserSig(benchUser, 86400) }) })
}

func BenchmarkGenPrivateMapKey(b *testing.B) {
	b.Run("official", func(b *testing.B) {
		measure(b, func() { sink, _ = official.GenPrivateMapKey(app, key, benchUser, 86400, 10000, 255) })
	})
	b.Run("drop-in", func(b *testing.B) {
		measure(b, func() { sink, _ = dropin.GenPrivateMapKey(app, key, benchUser, 86400, 10000, 255) })
	})
}

func BenchmarkVerifyUserSig(b *testing.B) {
	token, _ := official.GenUserSig(app, key, benchUser, 86400)
	now := time.Now()
	verifier, _ := usersig.NewVerifier(app, key)
	b.Run("official", func(b *testing.B) { measure(b, func() { official.VerifyUserSig(app, key, benchUser, token, now) }) })
	b.Run("drop-in", func(b *testing.B) { measure(b, func() { dropin.VerifyUserSig(app, key, benchUser, token, now) }) })
	b.Run("Verifier.Verify", func(b *testing.B) { measure(b, func() { verifier.VerifyAt(token, benchUser, now.Unix()) }) })
}

func BenchmarkVerifyUserSigWithBuf(b *testing.B) {
	buf := []byte("a 40-byte userbuf: 0123456789abcdefghijk")
	token, _ := official.GenUserSigWithBuf(app, key, benchUser, 86400, buf)
	now := time.Now()
	b.Run("official", func(b *testing.B) {
		measure(b, func() { official.VerifyUserSigWithBuf(app, key, benchUser, token, now, buf) })
	})
	b.Run("drop-in", func(b *testing.B) {
		measure(b, func() { dropin.VerifyUserSigWithBuf(app, key, benchUser, token, now, buf) })
	})
}

// TestTheBenchmarksInputsVerify makes sure the benchmarks time successful calls.
func TestTheBenchmarksInputsVerify(t *testing.T) {
	buf := []byte("a 40-byte userbuf: 0123456789abcdefghijk")
	plain, _ := official.GenUserSig(app, key, benchUser, 86400)
	withBuf, _ := official.GenUserSigWithBuf(app, key, benchUser, 86400, buf)
	now := time.Now()
	for _, err := range []error{official.VerifyUserSig(app, key, benchUser, plain, now),
		dropin.VerifyUserSig(app, key, benchUser, plain, now),
		official.VerifyUserSigWithBuf(app, key, benchUser, withBuf, now, buf),
		dropin.VerifyUserSigWithBuf(app, key, benchUser, withBuf, now, buf)} {
		if err != nil {
			t.Error(err)
		}
	}
}
