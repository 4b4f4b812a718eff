package usersig_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	usersig "github.com/usersig/usersig/bindings/go"
)

// callbackVector is one line of core/tests/vectors/callbacks.jsonl.
type callbackVector struct {
	ID           string `json:"id"`
	Scheme       string `json:"scheme"`
	Token        string `json:"token"`
	Key          string `json:"key"`
	SdkAppID     uint32 `json:"sdkappid"`
	Command      string `json:"command"`
	RequestTime  int64  `json:"request_time"`
	Body         string `json:"body"`
	Sign         string `json:"sign"`
	EventGroupID *int64 `json:"event_group_id"`
	EventType    *int64 `json:"event_type"`
	CallbackTs   *int64 `json:"callback_ts"`
}

func callbackVectors(t *testing.T) []callbackVector {
	t.Helper()
	file, err := os.Open("../../core/tests/vectors/callbacks.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var all []callbackVector
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		var v callbackVector
		if err := json.Unmarshal(lines.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		all = append(all, v)
	}
	if len(all) < 9 {
		t.Fatalf("%d callback vectors", len(all))
	}
	return all
}

// chatQuery is the query string Tencent sends for a Chat callback, Sign last.
func chatQuery(sdkappid uint32, command string, requestTime int64, sign string) string {
	return fmt.Sprintf("SdkAppid=%d&CallbackCommand=%s&contenttype=json&ClientIP=127.0.0.1"+
		"&OptPlatform=RESTAPI&RequestTime=%d&Sign=%s", sdkappid, command, requestTime, sign)
}

func TestCallbackVectorsVerifyAndSign(t *testing.T) {
	for _, v := range callbackVectors(t) {
		t.Run(v.ID, func(t *testing.T) {
			switch v.Scheme {
			case "chat":
				chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(v.Token, usersig.WithSdkAppID(v.SdkAppID)))
				if sign := must[string](t)(chat.Sign(v.RequestTime)); sign != v.Sign {
					t.Errorf("Sign: %s", sign)
				}
				got := must[*usersig.ChatCallback](t)(chat.VerifyQueryAt(chatQuery(v.SdkAppID, v.Command, v.RequestTime, v.Sign), v.RequestTime+5))
				want := &usersig.ChatCallback{Command: v.Command, SdkAppID: v.SdkAppID, RequestTime: v.RequestTime,
					Params: []usersig.Param{{"contenttype", "json"}, {"ClientIP", "127.0.0.1"}, {"OptPlatform", "RESTAPI"}}}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("VerifyQueryAt: %+v", got)
				}
				params := []usersig.Param{{"SdkAppid", strconv.FormatUint(uint64(v.SdkAppID), 10)},
					{"CallbackCommand", v.Command}, {"RequestTime", strconv.FormatInt(v.RequestTime, 10)}, {"Sign", v.Sign}}
				got = must[*usersig.ChatCallback](t)(chat.VerifyParamsAt(params, v.RequestTime-5))
				if got.Command != v.Command || len(got.Params) != 0 {
					t.Errorf("VerifyParamsAt: %+v", got)
				}
			case "trtc":
				trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(v.Key, usersig.WithSdkAppID(v.SdkAppID)))
				if sign := must[string](t)(trtc.Sign([]byte(v.Body))); sign != v.Sign {
					t.Errorf("Sign: %s", sign)
				}
				got := must[*usersig.TrtcCallback](t)(trtc.VerifyAt(v.Sign, strconv.FormatUint(uint64(v.SdkAppID), 10), []byte(v.Body), 0))
				want := &usersig.TrtcCallback{SdkAppID: v.SdkAppID, EventGroupID: v.EventGroupID, EventType: v.EventType, CallbackTs: v.CallbackTs}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("VerifyAt: %+v", got)
				}
			default:
				t.Fatalf("scheme %q", v.Scheme)
			}
		})
	}
}

// The Chat vector of Tencent's guide, and the TRTC vector of an entered room.
const (
	chatToken   = "xxxxyyyy"
	chatApp     = 888888
	chatCommand = "Group.CallbackAfterNewMemberJoin"
	chatTime    = 1669872112
	chatSign    = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
	trtcKey     = "callback-key-123"
	trtcSign    = "Ed4sdOb7y91rN2mkywVJNdwYfMWayUXX1ZzB/rok8sc="
	trtcBody    = `{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"EventTs":1700000000,"EventMsTs":1700000000120,"UserId":"alice","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}`
)

func TestChatCallbacksAreRefusedWithTheirKind(t *testing.T) {
	chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(chatToken, usersig.WithSdkAppID(chatApp)))
	at := int64(chatTime)
	head := "SdkAppid=888888&CallbackCommand=" + chatCommand + "&"
	cases := []struct {
		name   string
		query  string
		now    int64
		kind   usersig.Kind
		fields map[string]any
	}{
		{"forged", chatQuery(chatApp, chatCommand, chatTime, strings.Repeat("0", 64)), at, usersig.KindCallbackBadSignature, nil},
		{"uppercase sign", chatQuery(chatApp, chatCommand, chatTime, strings.ToUpper(chatSign)), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "Sign"}},
		{"short sign", chatQuery(chatApp, chatCommand, chatTime, chatSign[:63]), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "Sign"}},
		{"percent-encoded sign", chatQuery(chatApp, chatCommand, chatTime, "%31"+chatSign[1:]), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "Sign"}},
		{"sign twice", chatQuery(chatApp, chatCommand, chatTime, chatSign) + "&Sign=" + chatSign, at, usersig.KindCallbackParamRepeated, map[string]any{"name": "Sign"}},
		{"request time twice", chatQuery(chatApp, chatCommand, chatTime, chatSign) + "&RequestTime=1669872112", at, usersig.KindCallbackParamRepeated, map[string]any{"name": "RequestTime"}},
		{"no request time", head + "Sign=" + chatSign, at, usersig.KindCallbackParamMissing, map[string]any{"name": "RequestTime"}},
		{"request time not a number", head + "RequestTime=16698721x2&Sign=" + chatSign, at, usersig.KindCallbackParamInvalid, map[string]any{"name": "RequestTime"}},
		{"huge request time", head + "RequestTime=99999999999999999999999&Sign=" + chatSign, at, usersig.KindCallbackParamInvalid, map[string]any{"name": "RequestTime"}},
		{"stale", chatQuery(chatApp, chatCommand, chatTime, chatSign), at + 61, usersig.KindCallbackOutOfWindow, map[string]any{"time": at, "now": at + 61, "window": int64(60)}},
		{"future", chatQuery(chatApp, chatCommand, chatTime, chatSign), at - 61, usersig.KindCallbackOutOfWindow, map[string]any{"time": at, "now": at - 61, "window": int64(60)}},
		{"too large", chatQuery(chatApp, chatCommand, chatTime, chatSign) + "&x=" + strings.Repeat("a", usersig.MaxCallbackQueryLen), at, usersig.KindCallbackTooLarge, map[string]any{"part": "query", "max": int64(usersig.MaxCallbackQueryLen)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := chat.VerifyQueryAt(c.query, c.now)
			e := expectKind(t, err, c.kind, 0)
			for name, want := range c.fields {
				if e.Fields[name] != want {
					t.Errorf("%s = %v, want %v (%v)", name, e.Fields[name], want, e.Fields)
				}
			}
		})
	}
	other := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(chatToken, usersig.WithSdkAppID(1400000000)))
	_, err := other.VerifyQueryAt(chatQuery(chatApp, chatCommand, chatTime, chatSign), at)
	e := expectKind(t, err, usersig.KindCallbackSdkAppIDMismatch, 0)
	if e.Fields["expected"] != int64(1400000000) || e.Fields["found"] != int64(chatApp) {
		t.Errorf("%v", e.Fields)
	}
	_, err = chat.VerifyParamsAt([]usersig.Param{{"SdkAppid", "888888"}, {"CallbackCommand", chatCommand},
		{"RequestTime", "1669872112"}, {"Sign", chatSign}, {"Sign", chatSign}}, at)
	expectKind(t, err, usersig.KindCallbackParamRepeated, 0)
	_, err = chat.VerifyQueryAt("Sign=\xff", at)
	if !errors.Is(err, usersig.ErrInvalidUTF8) {
		t.Errorf("a query that is not UTF-8: %v", err)
	}
	_, err = chat.VerifyParamsAt([]usersig.Param{{"Sign", "\xff"}}, at)
	if !errors.Is(err, usersig.ErrInvalidUTF8) {
		t.Errorf("a value that is not UTF-8: %v", err)
	}
	wide := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(chatToken, usersig.WithWindow(3600)))
	if _, err := wide.VerifyQueryAt(chatQuery(chatApp, chatCommand, chatTime, chatSign), at+3600); err != nil {
		t.Errorf("a window of an hour: %v", err)
	}
}

func TestTrtcCallbacksAreRefusedWithTheirKind(t *testing.T) {
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey, usersig.WithSdkAppID(1400000000), usersig.WithWindow(60)))
	at := int64(1700000000)
	var parsed any
	if err := json.Unmarshal([]byte(trtcBody), &parsed); err != nil {
		t.Fatal(err)
	}
	reencoded, _ := json.Marshal(parsed)
	tampered := []byte(trtcBody)
	tampered[bytes.IndexByte(tampered, '3')] = '4'
	huge := make([]byte, 10<<20)
	cases := []struct {
		name      string
		sign, app string
		body      []byte
		now       int64
		kind      usersig.Kind
		fields    map[string]any
	}{
		{"tampered by one byte", trtcSign, "1400000000", tampered, at, usersig.KindCallbackBadSignature, nil},
		{"re-encoded by encoding/json", trtcSign, "1400000000", reencoded, at, usersig.KindCallbackBadSignature, nil},
		{"bad padding", strings.TrimSuffix(trtcSign, "="), "1400000000", []byte(trtcBody), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "Sign"}},
		{"no sign", "", "1400000000", []byte(trtcBody), at, usersig.KindCallbackParamMissing, map[string]any{"name": "Sign"}},
		{"no sdkappid", trtcSign, "", []byte(trtcBody), at, usersig.KindCallbackParamMissing, map[string]any{"name": "SdkAppId"}},
		{"sdkappid not a number", trtcSign, "14000000x0", []byte(trtcBody), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "SdkAppId"}},
		{"sign not UTF-8", "\xff" + trtcSign[1:], "1400000000", []byte(trtcBody), at, usersig.KindCallbackParamInvalid, map[string]any{"name": "Sign"}},
		{"stale", trtcSign, "1400000000", []byte(trtcBody), at + 61, usersig.KindCallbackOutOfWindow, map[string]any{"time": at, "now": at + 61, "window": int64(60)}},
		{"10 MB", trtcSign, "1400000000", huge, at, usersig.KindCallbackTooLarge, map[string]any{"part": "body", "length": int64(len(huge)), "max": int64(usersig.MaxCallbackBodyLen)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := trtc.VerifyAt(c.sign, c.app, c.body, c.now)
			e := expectKind(t, err, c.kind, 0)
			for name, want := range c.fields {
				if e.Fields[name] != want {
					t.Errorf("%s = %v, want %v (%v)", name, e.Fields[name], want, e.Fields)
				}
			}
		})
	}
	noTs := []byte(`{"EventGroupId":1,"EventType":101}`)
	_, err := trtc.VerifyAt(must[string](t)(trtc.Sign(noTs)), "1400000000", noTs, at)
	e := expectKind(t, err, usersig.KindCallbackParamMissing, 0)
	if e.Fields["name"] != "CallbackTs" {
		t.Errorf("%v", e.Fields)
	}
	other := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey, usersig.WithSdkAppID(1400000001)))
	_, err = other.VerifyAt(trtcSign, "1400000000", []byte(trtcBody), at)
	e = expectKind(t, err, usersig.KindCallbackSdkAppIDMismatch, 0)
	if e.Fields["expected"] != int64(1400000001) || e.Fields["found"] != int64(1400000000) {
		t.Errorf("%v", e.Fields)
	}
	notJSON := []byte("[1]")
	_, err = other.VerifyAt(must[string](t)(other.Sign(notJSON)), "1400000001", notJSON, at)
	expectKind(t, err, usersig.KindCallbackParamInvalid, 0)
}

func TestCallbackVerifiersRefuseBadSettings(t *testing.T) {
	_, err := usersig.NewChatCallbackVerifier("")
	expectKind(t, err, usersig.KindEmptyKey, 0)
	_, err = usersig.NewTrtcCallbackVerifier("")
	expectKind(t, err, usersig.KindEmptyKey, 0)
	for _, window := range []int64{-1, usersig.MaxCallbackWindow + 1} {
		_, err = usersig.NewChatCallbackVerifier("t", usersig.WithWindow(window))
		e := expectKind(t, err, usersig.KindCallbackWindowOutOfRange, 0)
		if e.Fields["window"] != window || e.Fields["max"] != usersig.MaxCallbackWindow {
			t.Errorf("%v", e.Fields)
		}
	}
	for _, window := range []int64{-1, -2, usersig.MaxCallbackWindow + 1} {
		_, err = usersig.NewTrtcCallbackVerifier("k", usersig.WithWindow(window))
		if e := expectKind(t, err, usersig.KindCallbackWindowOutOfRange, 0); e.Fields["window"] != window {
			t.Errorf("%v", e.Fields)
		}
	}
	_, err = usersig.NewChatCallbackVerifier("\xff")
	if !errors.Is(err, usersig.ErrInvalidUTF8) {
		t.Errorf("a token that is not UTF-8: %v", err)
	}
	_, err = usersig.NewTrtcCallbackVerifier("k\xff")
	if !errors.Is(err, usersig.ErrInvalidUTF8) {
		t.Errorf("a key that is not UTF-8: %v", err)
	}
}

func TestCallbackVerifiersShowNoSecretAndRefuseUseOnceClosed(t *testing.T) {
	chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(chatToken, usersig.WithSdkAppID(chatApp)))
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey))
	if app, ok := chat.SdkAppID(); app != chatApp || !ok || chat.Window() != 60 {
		t.Errorf("%v", chat)
	}
	if _, ok := trtc.SdkAppID(); ok {
		t.Errorf("%v", trtc)
	}
	if _, ok := trtc.Window(); ok {
		t.Errorf("%v", trtc)
	}
	for _, shown := range []string{chat.String(), fmt.Sprintf("%v %+v %#v", chat, chat, chat),
		trtc.String(), fmt.Sprintf("%v %+v %#v", trtc, trtc, trtc)} {
		if strings.Contains(shown, chatToken) || strings.Contains(shown, trtcKey) {
			t.Errorf("a secret is shown: %s", shown)
		}
	}
	if chat.String() != "usersig.ChatCallbackVerifier{SdkAppID: 888888, Window: 60}" ||
		trtc.String() != "usersig.TrtcCallbackVerifier{SdkAppID: any, Window: none}" {
		t.Errorf("%v %v", chat, trtc)
	}
	chat.Close()
	trtc.Close()
	chat.Close()
	var nilChat *usersig.ChatCallbackVerifier
	var nilTrtc *usersig.TrtcCallbackVerifier
	for _, c := range []*usersig.ChatCallbackVerifier{chat, nilChat, {}} {
		_, err := c.VerifyQueryAt(chatQuery(chatApp, chatCommand, chatTime, chatSign), chatTime)
		_, err2 := c.Sign(chatTime)
		_, err3 := c.VerifyParams(nil)
		if !errors.Is(err, usersig.ErrClosed) || !errors.Is(err2, usersig.ErrClosed) || !errors.Is(err3, usersig.ErrClosed) {
			t.Errorf("%v %v %v", err, err2, err3)
		}
	}
	for _, c := range []*usersig.TrtcCallbackVerifier{trtc, nilTrtc, {}} {
		_, err := c.VerifyAt(trtcSign, "1400000000", []byte(trtcBody), 0)
		_, err2 := c.Sign(nil)
		if !errors.Is(err, usersig.ErrClosed) || !errors.Is(err2, usersig.ErrClosed) {
			t.Errorf("%v %v", err, err2)
		}
	}
}

func TestCallbackVerifiersAreSafeForConcurrentUse(t *testing.T) {
	chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(chatToken))
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if _, err := chat.VerifyQueryAt(chatQuery(chatApp, chatCommand, chatTime, chatSign), chatTime); err != nil {
					t.Error(err)
				}
				if _, err := trtc.VerifyAt(trtcSign, "1400000000", []byte(trtcBody), 0); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestVerifyRequestReadsTheHeadersAndReturnsTheBody(t *testing.T) {
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey, usersig.WithSdkAppID(1400000000)))
	request := httptest.NewRequest("POST", "/trtc", strings.NewReader(trtcBody))
	request.Header.Set("Sign", trtcSign)
	request.Header.Set("SdkAppId", "1400000000")
	event, body, err := trtc.VerifyRequest(request)
	if err != nil || string(body) != trtcBody || *event.EventType != 103 {
		t.Fatalf("%+v %q %v", event, body, err)
	}
	request = httptest.NewRequest("POST", "/trtc", bytes.NewReader(make([]byte, 3<<20)))
	_, body, err = trtc.VerifyRequestAt(request, 0)
	e := expectKind(t, err, usersig.KindCallbackTooLarge, 0)
	if len(body) != usersig.MaxCallbackBodyLen+1 || e.Fields["length"] != int64(usersig.MaxCallbackBodyLen+1) {
		t.Errorf("%d bytes read; %v", len(body), e.Fields)
	}
}

// answer is what the test server answered one callback.
type answer struct {
	path   string
	status int
	body   string
}

// recording wraps next, keeping every answer it gives.
func recording(next http.Handler, mu *sync.Mutex, answers *[]answer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		recorder := httptest.NewRecorder()
		next.ServeHTTP(recorder, r)
		mu.Lock()
		*answers = append(*answers, answer{r.URL.Path, recorder.Code, recorder.Body.String()})
		mu.Unlock()
		for name, values := range recorder.Header() {
			w.Header()[name] = values
		}
		w.WriteHeader(recorder.Code)
		io.Copy(w, recorder.Body)
	})
}

func TestTheFakeSendersCallbacksAreJudgedOverHTTP(t *testing.T) {
	binary := os.Getenv("USERSIG_FAKE_REST")
	if binary == "" {
		t.Skip("USERSIG_FAKE_REST is not set (scripts/test-go.sh sets it)")
	}
	const app, token, trtcKey = 1400000000, "chat-callback-token", "trtc-callback-key"
	chat := must[*usersig.ChatCallbackVerifier](t)(usersig.NewChatCallbackVerifier(token, usersig.WithSdkAppID(app)))
	trtc := must[*usersig.TrtcCallbackVerifier](t)(usersig.NewTrtcCallbackVerifier(trtcKey,
		usersig.WithSdkAppID(app), usersig.WithWindow(60)))
	var mu sync.Mutex
	var answers []answer
	server := httptest.NewServer(recording(callbacks(chat, trtc), &mu, &answers))
	defer server.Close()
	out, err := exec.Command(binary, "callbacks", "--url", server.URL, "--sdkappid", strconv.Itoa(app),
		"--chat-token", token, "--trtc-key", trtcKey).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	mu.Lock()
	defer mu.Unlock()
	var accepted, refused []string
	for _, a := range answers {
		switch a.status {
		case http.StatusOK:
			accepted = append(accepted, a.path+" "+a.body)
		case http.StatusForbidden:
			refused = append(refused, a.path+" "+a.body)
		default:
			t.Errorf("%+v", a)
		}
	}
	slices.Sort(accepted)
	slices.Sort(refused)
	wantAccepted := []string{"/chat ok C2C.CallbackAfterSendMsg", "/chat ok Group.CallbackAfterNewMemberJoin",
		"/chat ok Live.CallbackAfterCreateRoom", "/trtc ok 103"}
	wantRefused := []string{
		"/chat callback_bad_signature", "/chat callback_out_of_window", "/chat callback_out_of_window",
		"/chat callback_out_of_window", "/chat callback_param_invalid", "/chat callback_param_invalid",
		"/chat callback_param_invalid", "/chat callback_param_missing", "/chat callback_param_repeated",
		"/chat callback_sdkappid_mismatch",
		"/trtc callback_bad_signature", "/trtc callback_bad_signature", "/trtc callback_bad_signature",
		"/trtc callback_out_of_window", "/trtc callback_param_invalid", "/trtc callback_param_missing",
		"/trtc callback_sdkappid_mismatch",
	}
	if !slices.Equal(accepted, wantAccepted) || !slices.Equal(refused, wantRefused) {
		t.Errorf("accepted:\n%s\nrefused:\n%s\nsender:\n%s", strings.Join(accepted, "\n"), strings.Join(refused, "\n"), out)
	}
}
