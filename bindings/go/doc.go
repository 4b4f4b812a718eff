// Package usersig mints and verifies Tencent Cloud UserSig v2 tokens and TRTC PrivateMapKeys,
// and builds the admin's REST API URLs, with the Rust core of usersig (one implementation shared
// by every language's package).
//
// A Signer mints, a Verifier checks (with one or more keys, for rotation), Inspect decodes
// without a key, AdminAuth builds REST URLs with a cached admin token, and
// ChatCallbackVerifier and TrtcCallbackVerifier check the callbacks Tencent signs. Every call that reads
// the clock has a twin ending in At that takes the time (Unix seconds). Every failure of the
// core is an *Error with its Kind, the code Tencent's servers use for it and its fields; each Kind
// has a sentinel (ErrExpired, ...) for errors.Is. Text that is not UTF-8 is an *EncodingError
// (ErrInvalidUTF8); a call on a closed or nil object returns ErrClosed. Everything is safe for
// concurrent use; an object frees its library handle when it is collected, or at Close.
//
// The core is the usersig C ABI, called through purego: no cgo, so CGO_ENABLED=0 builds work. A
// release embeds the library for linux/amd64, linux/arm64, darwin/amd64, darwin/arm64 and
// windows/amd64 and writes it once into the user's cache folder; set USERSIG_LIBRARY
// (LibraryEnv) to load another copy. The package tencentyun is a drop-in for Tencent's
// github.com/tencentyun/tls-sig-api-v2-golang.
package usersig
