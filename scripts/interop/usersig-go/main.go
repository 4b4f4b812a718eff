// Interop adapter for usersig's Go module (bindings/go, with the library scripts/test-go.sh
// embedded). Speaks the JSON protocol of scripts/interop/driver.py: one request on stdin (mint,
// check or bench), one answer on stdout.
package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	usersig "github.com/usersig/usersig/bindings/go"
)

type request struct {
	Op      string  `json:"op"`
	Cases   []item  `json:"cases"`
	Items   []item  `json:"items"`
	Seconds float64 `json:"seconds"`
}

// item is a mint or bench case, or a check item; unused fields stay zero.
type item struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	SdkAppID  uint32  `json:"sdkappid"`
	Key       string  `json:"key"`
	UserID    string  `json:"userid"`
	Expire    int64   `json:"expire"`
	UserBuf   *string `json:"userbuf_hex"`
	RoomID    uint32  `json:"roomid"`
	RoomStr   string  `json:"roomstr"`
	Privilege uint32  `json:"privilege"`
	Time      int64   `json:"time"`
	Token     string  `json:"token"`
	Now       int64   `json:"now"`
}

func userbuf(it item) []byte {
	buf, err := hex.DecodeString(*it.UserBuf)
	if err != nil {
		panic(err)
	}
	return buf
}

func sign(c item) (string, error) {
	signer, err := usersig.NewSigner(c.SdkAppID, c.Key)
	if err != nil {
		return "", err
	}
	defer signer.Close()
	switch c.Kind {
	case "usersig":
		return signer.UserSigAt(c.UserID, c.Expire, c.Time)
	case "userbuf":
		return signer.UserSigWithUserbufAt(c.UserID, userbuf(c), c.Expire, c.Time)
	case "pmk":
		return signer.PrivateMapKeyAt(c.UserID, c.RoomID, usersig.Privilege(c.Privilege), c.Expire, c.Time)
	case "pmk_str":
		return signer.PrivateMapKeyWithRoomStrAt(c.UserID, c.RoomStr, usersig.Privilege(c.Privilege), c.Expire, c.Time)
	}
	return "", fmt.Errorf("unknown kind %q", c.Kind)
}

func describe(err error) string {
	var e *usersig.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s (%d): %s", e.Kind, e.TencentCode, e.Message)
	}
	return "rejected: " + err.Error()
}

func check(it item) map[string]any {
	verifier, err := usersig.NewVerifier(it.SdkAppID, it.Key)
	if err == nil {
		defer verifier.Close()
		if it.UserBuf == nil {
			_, err = verifier.VerifyAt(it.Token, it.UserID, it.Now)
		} else {
			_, err = verifier.VerifyWithUserbufAt(it.Token, it.UserID, userbuf(it), it.Now)
		}
	}
	if err != nil {
		return map[string]any{"id": it.ID, "ok": false, "detail": describe(err)}
	}
	return map[string]any{"id": it.ID, "ok": true, "detail": "ok"}
}

// bench returns the best-of-7 wall time per token, signer reused, in batches of about
// seconds / 10 (as adapters/common.py).
func bench(c item, seconds float64) map[string]any {
	signer, err := usersig.NewSigner(c.SdkAppID, c.Key)
	if err != nil {
		panic(err)
	}
	once := func() { signer.UserSig(c.UserID, c.Expire) }
	if c.Kind == "userbuf" {
		buf := userbuf(c)
		once = func() { signer.UserSigWithUserbuf(c.UserID, buf, c.Expire) }
	}
	run := func(n int) time.Duration {
		start := time.Now()
		for range n {
			once()
		}
		return time.Since(start)
	}
	n := 1
	for run(n).Seconds() <= seconds/10 {
		n *= 2
	}
	best := run(n)
	for range 6 {
		best = min(best, run(n))
	}
	return map[string]any{"id": c.ID, "ns_per_token": float64(best.Nanoseconds()) / float64(n), "iterations": n}
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	results := []map[string]any{}
	switch req.Op {
	case "mint":
		for _, c := range req.Cases {
			if token, err := sign(c); err != nil {
				results = append(results, map[string]any{"id": c.ID, "error": describe(err)})
			} else {
				results = append(results, map[string]any{"id": c.ID, "token": token})
			}
		}
	case "check":
		for _, it := range req.Items {
			results = append(results, check(it))
		}
	default:
		for _, c := range req.Cases {
			results = append(results, bench(c, req.Seconds))
		}
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"results": results})
}
