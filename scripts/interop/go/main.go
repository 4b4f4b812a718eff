// Interop adapter for Tencent's official Go library (github.com/tencentyun/tls-sig-api-v2-golang).
//
// Reads one JSON request on stdin, writes one JSON answer on stdout; the request shapes are
// described in scripts/interop/driver.py. The library's version is pinned in go.mod (v1.4.0).
// The library reads time.Now(), which cannot be fixed from outside, so each minted token reports
// the clock window around its call. Tokens are judged with the
// library's own VerifyUserSig / VerifyUserSigWithBuf.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"
)

type request struct {
	Op      string  `json:"op"`
	Cases   []item  `json:"cases"`
	Items   []item  `json:"items"`
	Seconds float64 `json:"seconds"`
}

// item is a mint or bench case, or a check item (token, now); unused fields stay zero.
type item struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	SdkAppID  uint64  `json:"sdkappid"`
	Key       string  `json:"key"`
	UserID    string  `json:"userid"`
	Expire    int     `json:"expire"`
	UserBuf   *string `json:"userbuf_hex"`
	RoomID    uint32  `json:"roomid"`
	RoomStr   string  `json:"roomstr"`
	Privilege uint32  `json:"privilege"`
	Token     string  `json:"token"`
	Now       int64   `json:"now"`
}

func generate(c item) (string, error) {
	appid := int(c.SdkAppID)
	switch c.Kind {
	case "usersig":
		return tencentyun.GenUserSig(appid, c.Key, c.UserID, c.Expire)
	case "userbuf":
		buf, err := hex.DecodeString(*c.UserBuf)
		if err != nil {
			return "", err
		}
		return tencentyun.GenUserSigWithBuf(appid, c.Key, c.UserID, c.Expire, buf)
	case "pmk":
		return tencentyun.GenPrivateMapKey(appid, c.Key, c.UserID, c.Expire, c.RoomID, c.Privilege)
	case "pmk_str":
		return tencentyun.GenPrivateMapKeyWithStringRoomID(appid, c.Key, c.UserID, c.Expire, c.RoomStr, c.Privilege)
	}
	return "", fmt.Errorf("unknown kind %q", c.Kind)
}

func mint(c item) map[string]any {
	before := time.Now().Unix()
	token, err := generate(c)
	out := map[string]any{"id": c.ID, "clock": []int64{before, time.Now().Unix()}}
	if err != nil {
		out["error"] = err.Error()
	} else {
		out["token"] = token
	}
	return out
}

func check(it item) map[string]any {
	now := time.Unix(it.Now, 0)
	var err error
	if it.UserBuf == nil {
		err = tencentyun.VerifyUserSig(it.SdkAppID, it.Key, it.UserID, it.Token, now)
	} else {
		buf, _ := hex.DecodeString(*it.UserBuf)
		err = tencentyun.VerifyUserSigWithBuf(it.SdkAppID, it.Key, it.UserID, it.Token, now, buf)
	}
	if err != nil {
		return map[string]any{"id": it.ID, "ok": false, "detail": err.Error()}
	}
	return map[string]any{"id": it.ID, "ok": true, "detail": "ok"}
}

// bench returns the best-of-7 wall time per token of the official generator, in nanoseconds
// (batches of about seconds / 10, as in adapters/common.py).
func bench(c item, seconds float64) map[string]any {
	run := func(n int) time.Duration {
		start := time.Now()
		for i := 0; i < n; i++ {
			generate(c)
		}
		return time.Since(start)
	}
	n := 1
	for run(n).Seconds() <= seconds/10 {
		n *= 2
	}
	best := run(n)
	for r := 0; r < 6; r++ {
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
			results = append(results, mint(c))
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
