package usersig_test

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	usersig "github.com/usersig/usersig/bindings/go"
)

// now is the vector's clock in whole seconds, as the library wrote it.
func (v vector) now() int64 {
	return int64(v.Clock)
}

// vector is one line of core/tests/vectors/official-python.jsonl.
type vector struct {
	ID     string  `json:"id"`
	Kind   string  `json:"kind"`
	Clock  float64 `json:"time"`
	Inputs struct {
		SdkAppID   uint32 `json:"sdkappid"`
		Key        string `json:"key"`
		UserID     string `json:"userid"`
		Expire     *int64 `json:"expire"`
		UserbufHex string `json:"userbuf_hex"`
		RoomID     int64  `json:"roomid"`
		RoomStr    string `json:"roomstr"`
		Privilege  uint8  `json:"privilege"`
	} `json:"inputs"`
	Output  *string        `json:"output"`
	Decoded map[string]any `json:"decoded"`
	Parsed  *struct {
		Ver        int    `json:"ver"`
		AccountHex string `json:"account_hex"`
		SdkAppID   uint32 `json:"sdkappid"`
		RoomID     uint32 `json:"roomid"`
		ExpireAbs  int64  `json:"expire_abs"`
		Privilege  uint8  `json:"privilege"`
		RoomStrHex string `json:"roomstr_hex"`
	} `json:"userbuf_parsed"`
}

func vectors(t *testing.T) []vector {
	t.Helper()
	file, err := os.Open("../../core/tests/vectors/official-python.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var all []vector
	lines := bufio.NewScanner(file)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		var v vector
		if err := json.Unmarshal(lines.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		all = append(all, v)
	}
	if len(all) != 57 {
		t.Fatalf("%d vectors, want 57", len(all))
	}
	return all
}

// refused are the inputs the core refuses on purpose (core/tests/vectors.rs), with the kind;
// 045 has both an empty user id and room 0, and the room is checked first.
var refused = map[string]usersig.Kind{
	"008": usersig.KindEmptyUserID, "045": usersig.KindRoomIDOutOfRange, "018": usersig.KindEmptyKey,
	"022": usersig.KindExpireOutOfRange, "024": usersig.KindExpireOutOfRange,
	"025": usersig.KindExpireOutOfRange, "026": usersig.KindExpireOutOfRange,
	"027": usersig.KindExpireOutOfRange, "051": usersig.KindExpireOutOfRange,
	"044": usersig.KindRoomIDOutOfRange, "056": usersig.KindRoomStrTooLong,
	"057": usersig.KindEmptyRoomStr, "013": usersig.KindUserIDControlChar,
	"015": usersig.KindUserIDControlChar,
}

// utf8Fixes are where the official library is wrong and usersig writes UTF-8.
var utf8Fixes = map[string]bool{"048": true, "049": true, "050": true, "055": true}

func (v vector) expire() int64 {
	if v.Inputs.Expire == nil {
		return usersig.DefaultExpire
	}
	return *v.Inputs.Expire
}

func (v vector) mint() (string, error) {
	in := v.Inputs
	signer, err := usersig.NewSigner(in.SdkAppID, in.Key)
	if err != nil {
		return "", err
	}
	defer signer.Close()
	switch v.Kind {
	case "usersig":
		return signer.UserSigAt(in.UserID, v.expire(), v.now())
	case "userbuf":
		buf, _ := hex.DecodeString(in.UserbufHex)
		return signer.UserSigWithUserbufAt(in.UserID, buf, v.expire(), v.now())
	case "pmk":
		if in.RoomID < 0 || in.RoomID > 1<<32-1 {
			panic("room id out of uint32")
		}
		return signer.PrivateMapKeyAt(in.UserID, uint32(in.RoomID), usersig.Privilege(in.Privilege), v.expire(), v.now())
	}
	return signer.PrivateMapKeyWithRoomStrAt(in.UserID, in.RoomStr, usersig.Privilege(in.Privilege), v.expire(), v.now())
}

// decode returns a token's JSON.
func decode(t *testing.T, token string) map[string]any {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(strings.NewReplacer("*", "+", "-", "/", "_", "=").Replace(token))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(text, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestVectorsSignLikeTheOfficialLibrary(t *testing.T) {
	same, refusals := 0, 0
	for _, v := range vectors(t) {
		number := v.ID[:3]
		token, err := v.mint()
		if kind, ok := refused[number]; ok {
			refusals++
			var e *usersig.Error
			if !errors.As(err, &e) || e.Kind != kind || e.TencentCode != 0 {
				t.Errorf("%s: got %v, want kind %s", v.ID, err, kind)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		if utf8Fixes[number] {
			grant := mustInspect(t, token).Grant
			if grant == nil || grant.UserID != v.Inputs.UserID {
				t.Errorf("%s: grant %+v", v.ID, grant)
			}
			continue
		}
		same++
		ours, official := decode(t, token), v.Decoded
		if ours["TLS.sig"] != official["TLS.sig"] || ours["TLS.userbuf"] != official["TLS.userbuf"] || len(ours) != len(official) {
			t.Errorf("%s: %v, want %v", v.ID, ours, official)
		}
		for k, want := range official {
			if got := ours[k]; got != want {
				t.Errorf("%s: %s = %v, want %v", v.ID, k, got, want)
			}
		}
	}
	if same != 39 || refusals != 14 {
		t.Errorf("%d same, %d refused; want 39 and 14", same, refusals)
	}
}

func mustInspect(t *testing.T, token string) *usersig.Claims {
	t.Helper()
	claims, err := usersig.Inspect(token)
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

func TestVectorsEveryOfficialTokenIsJudgedByTheRules(t *testing.T) {
	judged := 0
	for _, v := range vectors(t) {
		if v.Output == nil {
			continue
		}
		token, in := *v.Output, v.Inputs
		claims := mustInspect(t, token)
		d := v.Decoded
		if claims.UserID != d["TLS.identifier"] || float64(claims.SdkAppID) != d["TLS.sdkappid"] ||
			float64(claims.IssuedAt) != d["TLS.time"] || float64(claims.Expire) != d["TLS.expire"] ||
			claims.Signature != d["TLS.sig"] {
			t.Errorf("%s: inspected %+v, want %v", v.ID, claims, d)
		}
		if b64, ok := d["TLS.userbuf"].(string); ok {
			if base64.StdEncoding.EncodeToString(claims.Userbuf) != b64 {
				t.Errorf("%s: userbuf %x", v.ID, claims.Userbuf)
			}
		} else if claims.Userbuf != nil {
			t.Errorf("%s: userbuf %x, want none", v.ID, claims.Userbuf)
		}
		if in.Key == "" {
			if _, err := usersig.NewVerifier(in.SdkAppID, in.Key); !errors.Is(err, usersig.ErrEmptyKey) {
				t.Errorf("%s: %v", v.ID, err)
			}
			continue
		}
		judged++
		verifier, err := usersig.NewVerifier(in.SdkAppID, in.Key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := verifier.VerifyAnyUserbufAt(token, in.UserID, v.now())
		if v.now() > claims.ExpiresAt {
			var e *usersig.Error
			if !errors.As(err, &e) || e.Kind != usersig.KindExpired || e.TencentCode != 70001 {
				t.Errorf("%s: %v, want expired", v.ID, err)
			}
			continue
		}
		if err != nil || got.Signature != claims.Signature {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		if claims.Userbuf == nil {
			if _, err := verifier.VerifyAt(token, in.UserID, v.now()); err != nil {
				t.Errorf("%s: %v", v.ID, err)
			}
			if _, err := verifier.VerifyWithUserbufAt(token, in.UserID, []byte{}, v.now()); !errors.Is(err, usersig.ErrMissingUserbuf) {
				t.Errorf("%s: %v, want missing_userbuf", v.ID, err)
			}
		} else {
			if _, err := verifier.VerifyWithUserbufAt(token, in.UserID, claims.Userbuf, v.now()); err != nil {
				t.Errorf("%s: %v", v.ID, err)
			}
			if _, err := verifier.VerifyAt(token, in.UserID, v.now()); !errors.Is(err, usersig.ErrUnexpectedUserbuf) {
				t.Errorf("%s: %v, want unexpected_userbuf", v.ID, err)
			}
		}
		wrong, _ := usersig.NewVerifier(in.SdkAppID, in.Key+"x")
		if _, err := wrong.VerifyAnyUserbufAt(token, in.UserID, v.now()); !errors.Is(err, usersig.ErrBadSignature) {
			t.Errorf("%s: wrong key: %v", v.ID, err)
		}
		if v.ID[:3] == "050" && (claims.Grant != nil || v.Parsed.AccountHex != "e9") {
			// The library wrote the account é as Latin-1: not UTF-8, so not a grant.
			t.Errorf("050: grant %+v", claims.Grant)
		}
		if p := v.Parsed; strings.HasPrefix(v.Kind, "pmk") && v.ID[:3] != "050" {
			g := claims.Grant
			if g == nil || hex.EncodeToString([]byte(g.UserID)) != p.AccountHex || g.SdkAppID != p.SdkAppID ||
				g.ExpiresAt != p.ExpireAbs || uint8(g.Privileges) != p.Privilege {
				t.Errorf("%s: grant %+v, want %+v", v.ID, g, p)
			} else if p.Ver == 0 && (g.RoomID != p.RoomID || g.RoomStr != "") {
				t.Errorf("%s: room %d", v.ID, g.RoomID)
			} else if p.Ver == 1 && hex.EncodeToString([]byte(g.RoomStr)) != p.RoomStrHex {
				t.Errorf("%s: room %q", v.ID, g.RoomStr)
			}
		}
	}
	if judged != 53 {
		t.Errorf("%d tokens judged, want 53", judged)
	}
}
