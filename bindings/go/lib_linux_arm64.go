package usersig

import _ "embed"

// embedded is the library for this platform, built by scripts/test-go.sh or
// scripts/release.sh (never committed).
//
//go:embed lib/linux_arm64/libusersig_ffi.so
var embedded []byte

// libraryName is the file name the embedded library is written out under.
const libraryName = "libusersig_ffi.so"
