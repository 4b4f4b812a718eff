package usersig_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	usersig "github.com/usersig/usersig/bindings/go"
)

// The bodies of the examples below are the README's Go blocks (TestReadmeBlocksAreExamples).

func Example() {
	const key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	signer, err := usersig.NewSigner(1400000000, key) // share it: safe for concurrent use
	if err != nil {
		log.Fatal(err)
	}
	token, err := signer.UserSig("alice", usersig.DefaultExpire) // 180 days
	if err != nil {
		log.Fatal(err)
	}
	roomKey, err := signer.PrivateMapKey("alice", 10000, usersig.PrivilegeEnterRoom, 3600)
	if err != nil {
		log.Fatal(err)
	}

	verifier, err := usersig.NewVerifier(1400000000, key) // ...older keys to rotate
	if err != nil {
		log.Fatal(err)
	}
	claims, err := verifier.Verify(token, "alice")
	fmt.Println(claims.UserID, claims.Expire, err)
	keyClaims, err := verifier.VerifyAnyUserbuf(roomKey, "alice") // a PrivateMapKey: check its grant
	fmt.Println(keyClaims.Grant.RoomID, keyClaims.Grant.Privileges, err)

	_, err = verifier.Verify(token, "bob")
	var failure *usersig.Error
	if errors.As(err, &failure) && errors.Is(err, usersig.ErrUserIDMismatch) {
		fmt.Println(failure.Kind, failure.TencentCode)
	}
	_, err = verifier.VerifyAt(token, "alice", claims.ExpiresAt+1) // every call has an ...At twin
	fmt.Println(errors.Is(err, usersig.ErrExpired))
	// Output:
	// alice 15552000 <nil>
	// 10000 EnterRoom <nil>
	// user_id_mismatch 70013
	// true
}

func ExampleAdminAuth() {
	const key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	auth, err := usersig.NewAdminAuth(1400000000, key, usersig.WithRegion("singapore"))
	if err != nil {
		log.Fatal(err)
	}
	url, err := auth.URL("im_open_login_svc", "account_import") // the token is cached and renewed
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(url, "https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_import?"))
	// Then POST a JSON body to url with net/http (see rest below).

	// Any token's lifetime, from Inspect (no key; never for trust):
	token, err := auth.UserSig()
	if err != nil {
		log.Fatal(err)
	}
	claims, err := usersig.Inspect(token)
	fmt.Println(claims.UserID, claims.SecondsLeft() > 3000, claims.ShouldRenew(600), err)
	// Output:
	// true
	// administrator true false <nil>
}

// rest calls one command of Tencent's REST API and returns its answer, or an error for a
// failed call.
func rest(auth *usersig.AdminAuth, service, command string, body any) (map[string]any, error) {
	url, err := auth.URL(service, command)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	response, err := http.Post(url, "application/json", bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	var answer map[string]any
	if err := json.NewDecoder(response.Body).Decode(&answer); err != nil {
		return nil, err
	}
	if answer["ActionStatus"] != "OK" {
		return answer, fmt.Errorf("REST %s/%s: %v %v", service, command, answer["ErrorCode"], answer["ErrorInfo"])
	}
	return answer, nil
}

func ExampleChatCallbackVerifier() {
	chat, err := usersig.NewChatCallbackVerifier("xxxxyyyy", usersig.WithSdkAppID(888888)) // share it
	if err != nil {
		log.Fatal(err)
	}
	query := "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json" +
		"&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112" +
		"&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
	callback, err := chat.VerifyQueryAt(query, 1669872130) // VerifyQuery: the system clock
	fmt.Println(callback.Command, callback.Params[0], err)
	_, err = chat.VerifyQueryAt(query, 1669872112+61) // 60 s either way, unless WithWindow
	fmt.Println(errors.Is(err, usersig.ErrCallbackOutOfWindow))

	trtc, err := usersig.NewTrtcCallbackVerifier("callback key",
		usersig.WithSdkAppID(1400000000), usersig.WithWindow(60)) // TRTC: no window unless set
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{}}`)
	sign, err := trtc.Sign(body) // the signing twin, for tests
	if err != nil {
		log.Fatal(err)
	}
	event, err := trtc.VerifyAt(sign, "1400000000", body, 1700000010)
	fmt.Println(*event.EventGroupID, *event.EventType, err)
	_, err = trtc.VerifyAt(sign, "1400000000", []byte(`{}`), 1700000010)
	fmt.Println(errors.Is(err, usersig.ErrCallbackBadSignature))
	// Output:
	// Group.CallbackAfterNewMemberJoin {contenttype json} <nil>
	// true
	// 1 103 <nil>
	// true
}

// callbacks answers Tencent's callbacks: Chat's at /chat, TRTC's at /trtc.
func callbacks(chat *usersig.ChatCallbackVerifier, trtc *usersig.TrtcCallbackVerifier) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /chat", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20)) // the event (not signed)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		callback, err := chat.VerifyQuery(r.URL.RawQuery) // the raw query, not r.URL.Query()
		if err != nil {
			refuse(w, err)
			return
		}
		var event map[string]any // what callback.Command names
		if err := json.Unmarshal(body, &event); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "ok %s", callback.Command)
	})
	mux.HandleFunc("POST /trtc", func(w http.ResponseWriter, r *http.Request) {
		event, body, err := trtc.VerifyRequest(r) // reads the body and returns it
		if err != nil {
			refuse(w, err)
			return
		}
		var payload struct{ EventInfo map[string]any } // what happened, to whom
		if err := json.Unmarshal(body, &payload); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if event.EventType == nil { // a field absent from the body is nil
			fmt.Fprint(w, "ok")
			return
		}
		fmt.Fprintf(w, "ok %d", *event.EventType)
	})
	return mux
}

// refuse answers 403 with the kind of a refused callback (400 for a body that could not be
// read, or a query that is not UTF-8).
func refuse(w http.ResponseWriter, err error) {
	var failure *usersig.Error
	if !errors.As(err, &failure) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprint(w, failure.Kind)
}
