package usersig

// Limits of the core (pinned to the library's by the tests).
const (
	// MaxExpire is the longest lifetime a token may be minted with: 50 years, in seconds.
	MaxExpire int64 = 50 * 365 * 24 * 60 * 60
	// MaxUserIDLen is the longest user id, in bytes of UTF-8.
	MaxUserIDLen = 1024
	// MaxUserbufLen is the longest userbuf, in bytes.
	MaxUserbufLen = 4096
	// MaxTokenLen is the longest token read, in characters.
	MaxTokenLen = 32 * 1024
	// MaxInflatedLen is the most a token may decompress to, in bytes.
	MaxInflatedLen = 32 * 1024
	// MaxRoomID is the largest numeric room id of a PrivateMapKey.
	MaxRoomID uint32 = 4_294_967_294
	// MaxRoomStrLen is the longest room name of a PrivateMapKey, in bytes of UTF-8.
	MaxRoomStrLen = 64
	// DefaultCallbackWindow is how far, in seconds either way, a Chat callback's RequestTime may
	// be from the clock when no window is given.
	DefaultCallbackWindow int64 = 60
	// MaxCallbackWindow is the widest window a callback verifier takes, in seconds: one day.
	MaxCallbackWindow int64 = 24 * 60 * 60
	// MaxCallbackQueryLen is the longest Chat callback query string read, in bytes.
	MaxCallbackQueryLen = 16 * 1024
	// MaxCallbackBodyLen is the longest TRTC callback body read, in bytes.
	MaxCallbackBodyLen = 1024 * 1024
)
