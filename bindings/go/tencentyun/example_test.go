package tencentyun_test

import (
	"fmt"
	"log"
	"time"

	"github.com/usersig/usersig/bindings/go/tencentyun" // was: github.com/tencentyun/tls-sig-api-v2-golang/tencentyun
)

func Example() {
	const key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	sig, err := tencentyun.GenUserSig(1400000000, key, "xiaojun", 86400)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tencentyun.VerifyUserSig(1400000000, key, "xiaojun", sig, time.Now()))
	fmt.Println(tencentyun.VerifyUserSig(1400000000, key, "xiaojun", sig, time.Now().Add(48*time.Hour)) == tencentyun.ErrExpired)
	_, err = tencentyun.GenUserSig(1400000000, key, "", 86400) // the official module signs it
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// usersig: the user id is empty
}
