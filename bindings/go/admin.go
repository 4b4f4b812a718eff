package usersig

import "strconv"

// Defaults of NewAdminAuth.
const (
	// DefaultAdmin is the admin account's id.
	DefaultAdmin = "administrator"
	// DefaultRegion is the region of the REST endpoint.
	DefaultRegion = "china"
	// DefaultAdminValidity is the admin token's lifetime in seconds: one hour, as its URLs
	// land in proxy and access logs.
	DefaultAdminValidity int64 = 3600
	// DefaultRenewMargin is how many seconds before its expiry the admin token is re-minted.
	DefaultRenewMargin int64 = 600
)

// The kinds of endpoint usersig_admin_new takes (docs/abi.md).
const (
	endpointRegion = 0
	endpointHost   = 1
	endpointURL    = 2
)

type adminConfig struct {
	admin        string
	endpointKind int
	endpoint     string
	validity     int64
	renewMargin  int64
}

// AdminOption changes a default of NewAdminAuth.
type AdminOption func(*adminConfig)

// WithAdmin sets the admin account's id (DefaultAdmin if not given).
func WithAdmin(id string) AdminOption {
	return func(c *adminConfig) { c.admin = id }
}

// WithRegion sets the endpoint to a region's host by name: "china" (the default),
// "singapore", "seoul", "tokyo", "frankfurt", "mumbai", "silicon-valley", "jakarta".
func WithRegion(name string) AdminOption {
	return func(c *adminConfig) { c.endpointKind, c.endpoint = endpointRegion, name }
}

// WithHost sets the endpoint to https://host.
func WithHost(host string) AdminOption {
	return func(c *adminConfig) { c.endpointKind, c.endpoint = endpointHost, host }
}

// WithEndpointURL sets the endpoint to a base URL: https, or http for a loopback host (tests).
func WithEndpointURL(url string) AdminOption {
	return func(c *adminConfig) { c.endpointKind, c.endpoint = endpointURL, url }
}

// WithValidity sets the admin token's lifetime and how many seconds before its expiry it is
// re-minted.
func WithValidity(validity, renewMargin int64) AdminOption {
	return func(c *adminConfig) { c.validity, c.renewMargin = validity, renewMargin }
}

// AdminAuth builds the URLs of Tencent's server-side REST API
// (https://{host}/v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json)
// for an admin account. It keeps one admin token and re-mints it once less than the renewal
// margin is left (one mint however many goroutines ask at that moment); every URL has a fresh
// random number from the OS. Send the URL with net/http (POST, a JSON body). Safe for
// concurrent use.
type AdminAuth struct {
	h        *handle
	sdkappid uint32
	config   adminConfig
	endpoint string
}

// NewAdminAuth makes an AdminAuth for sdkappid with key. Errors: ErrEmptyKey,
// ErrEmptyUserID, ErrUserIDTooLong and ErrUserIDControlChar (the admin id),
// ErrUnknownRegion, ErrInvalidEndpoint, ErrExpireOutOfRange (the validity),
// ErrRenewMarginOutOfRange, ErrInvalidUTF8.
func NewAdminAuth(sdkappid uint32, key string, options ...AdminOption) (*AdminAuth, error) {
	c := adminConfig{admin: DefaultAdmin, endpointKind: endpointRegion, endpoint: DefaultRegion,
		validity: DefaultAdminValidity, renewMargin: DefaultRenewMargin}
	for _, option := range options {
		option(&c)
	}
	for _, arg := range []struct{ name, value string }{{"key", key}, {"admin", c.admin}, {"endpoint", c.endpoint}} {
		if err := checkText(arg.name, arg.value); err != nil {
			return nil, err
		}
	}
	if err := load(); err != nil {
		return nil, err
	}
	f := newFrame()
	defer f.wipe()
	k, kl := f.text(key)
	a, al := f.text(c.admin)
	e, el := f.text(c.endpoint)
	ptr, err := f.construct(symbols.adminNew, uintptr(sdkappid), k, kl, a, al, uintptr(c.endpointKind),
		e, el, uintptr(c.validity), uintptr(c.renewMargin))
	if err != nil {
		return nil, err
	}
	auth := &AdminAuth{sdkappid: sdkappid, config: c}
	auth.h = newHandle(auth, ptr, symbols.adminFree)
	if auth.endpoint, err = auth.call(symbols.adminEndpoint); err != nil {
		auth.Close()
		return nil, err
	}
	return auth, nil
}

func (a *AdminAuth) call(fn uintptr, args ...uintptr) (string, error) {
	var h *handle
	if a != nil {
		h = a.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return "", closedError("AdminAuth")
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	var result string
	err := f.call(tokenInto(&result), fn, append([]uintptr{ptr}, args...)...)
	return result, err
}

// URL returns the URL of service/command (e.g. "im_open_login_svc", "account_import"), with
// the admin token cached or minted now. Errors: ErrInvalidRestPath, ErrInvalidUTF8,
// ErrRandomUnavailable, ErrClosed.
func (a *AdminAuth) URL(service, command string) (string, error) {
	return a.URLAt(service, command, unixNow())
}

// URLAt is URL with the token cached or minted at now.
func (a *AdminAuth) URLAt(service, command string, now int64) (string, error) {
	if err := checkText("service", service); err != nil {
		return "", err
	}
	if err := checkText("command", command); err != nil {
		return "", err
	}
	var h *handle
	if a != nil {
		h = a.h
	}
	ptr := h.acquire()
	if ptr == 0 {
		return "", closedError("AdminAuth")
	}
	defer h.releaseRead()
	f := newFrame()
	defer f.release()
	s, sl := f.text(service)
	c, cl := f.text(command)
	var url string
	err := f.call(tokenInto(&url), symbols.adminURLAt, ptr, s, sl, c, cl, uintptr(now))
	return url, err
}

// UserSig returns the admin token, cached or minted now.
func (a *AdminAuth) UserSig() (string, error) {
	return a.UserSigAt(unixNow())
}

// UserSigAt is UserSig at now.
func (a *AdminAuth) UserSigAt(now int64) (string, error) {
	return a.call(symbols.adminUserSigAt, uintptr(now))
}

// Endpoint returns the base URL the URLs start with (e.g. "https://console.tim.qq.com").
func (a *AdminAuth) Endpoint() string {
	if a == nil {
		return ""
	}
	return a.endpoint
}

// SdkAppID returns the SDKAppID.
func (a *AdminAuth) SdkAppID() uint32 {
	if a == nil {
		return 0
	}
	return a.sdkappid
}

// Admin returns the admin account's id.
func (a *AdminAuth) Admin() string {
	if a == nil {
		return ""
	}
	return a.config.admin
}

// Validity returns the admin token's lifetime in seconds.
func (a *AdminAuth) Validity() int64 {
	if a == nil {
		return 0
	}
	return a.config.validity
}

// RenewMargin returns how many seconds before its expiry the admin token is re-minted.
func (a *AdminAuth) RenewMargin() int64 {
	if a == nil {
		return 0
	}
	return a.config.renewMargin
}

// String describes the AdminAuth without its key or token.
func (a *AdminAuth) String() string {
	return "usersig.AdminAuth{SdkAppID: " + strconv.FormatUint(uint64(a.SdkAppID()), 10) +
		", Admin: " + strconv.Quote(a.Admin()) + ", Endpoint: " + strconv.Quote(a.Endpoint()) + "}"
}

// Close frees the library handle, wiping its key state and cached token. Later calls return
// ErrClosed; closing again does nothing.
func (a *AdminAuth) Close() error {
	if a != nil {
		a.h.close()
	}
	return nil
}
