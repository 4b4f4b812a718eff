package usersig_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
