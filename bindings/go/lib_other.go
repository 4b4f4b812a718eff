//go:build !(linux && (amd64 || arm64)) && !(darwin && (amd64 || arm64)) && !(windows && amd64)

package usersig

// embedded is nil: no library is embedded for this platform, so LibraryEnv must name one.
var embedded []byte

// libraryName is unused without an embedded library.
const libraryName = ""
