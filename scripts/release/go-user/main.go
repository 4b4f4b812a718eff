// A user's program, outside the repository, built by scripts/release/go.sh against the module
// in dist/go: it signs the official vector 001's input at its time (the signature must be the
// vector's), verifies the vector's own token, and signs and verifies through the drop-in. It
// prints "ok" and exits 0, or says what failed and exits 1.
package main

import (
	"fmt"
	"os"
	"time"

	usersig "github.com/usersig/usersig/bindings/go"
	"github.com/usersig/usersig/bindings/go/tencentyun"
)

const (
	key       = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	vector    = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIlzA1NLGFSxSnZiQUFmSlACUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekg8wsrwxPDTMKSIwzKTVL8qqIKU13y3d0zfTOjzEyqCp2rXL19tAPMAvOKioptlWoB-ZwyEA__"
	signature = "qyWaV4VcX0w4dNzZqeDoGGiMiZ64zqCzEKL+P6Qnrrs="
)

func check(what string, err error) {
	if err != nil {
		fmt.Println(what+":", err)
		os.Exit(1)
	}
}

func main() {
	signer, err := usersig.NewSigner(1400000000, key)
	check("signer", err)
	token, err := signer.UserSigAt("27149", 15552000, 1700000000)
	check("sign", err)
	claims, err := usersig.Inspect(token)
	check("inspect", err)
	if claims.Signature != signature {
		check("signature", fmt.Errorf("%s, want vector 001's %s", claims.Signature, signature))
	}
	verifier, err := usersig.NewVerifier(1400000000, key)
	check("verifier", err)
	_, err = verifier.VerifyAt(vector, "27149", 1700000001)
	check("verify vector 001", err)
	sig, err := tencentyun.GenUserSig(1400000000, key, "xiaojun", 86400)
	check("drop-in sign", err)
	check("drop-in verify", tencentyun.VerifyUserSig(1400000000, key, "xiaojun", sig, time.Now()))
	fmt.Println("ok")
}
