package usersig_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	usersig "github.com/usersig/usersig/bindings/go"
)

func tokenOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("usersig")
}

func TestAdminURLsCacheAndRenewTheToken(t *testing.T) {
	auth := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key))
	if auth.Endpoint() != "https://console.tim.qq.com" || auth.Admin() != "administrator" ||
		auth.Validity() != 3600 || auth.RenewMargin() != 600 || auth.SdkAppID() != app {
		t.Fatalf("%v", auth)
	}
	first := must[string](t)(auth.URLAt("group_open_http_svc", "get_group_list", now))
	u, _ := url.Parse(first)
	q := u.Query()
	if u.Path != "/v4/group_open_http_svc/get_group_list" || q.Get("sdkappid") != "1400000000" ||
		q.Get("identifier") != "administrator" || q.Get("contenttype") != "json" || q.Get("random") == "" {
		t.Fatal(first)
	}
	same := must[string](t)(auth.URLAt("group_open_http_svc", "get_group_list", now+3000))
	renewed := must[string](t)(auth.URLAt("group_open_http_svc", "get_group_list", now+3001))
	if tokenOf(t, first) != tokenOf(t, same) || tokenOf(t, first) == tokenOf(t, renewed) || first == same {
		t.Error("the token was not cached until the margin, or random repeated")
	}
	c := must[*usersig.Claims](t)(usersig.Inspect(tokenOf(t, renewed)))
	if c.IssuedAt != now+3001 || c.Expire != 3600 || c.UserID != "administrator" {
		t.Errorf("%+v", c)
	}
	custom := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key, usersig.WithAdmin("ops"),
		usersig.WithHost("example.com:8443"), usersig.WithValidity(600, 60)))
	if custom.Endpoint() != "https://example.com:8443" || custom.Admin() != "ops" || custom.Validity() != 600 {
		t.Errorf("%v", custom)
	}
	_, err := usersig.NewAdminAuth(app, key, usersig.WithAdmin("a\x01"))
	expectKind(t, err, usersig.KindUserIDControlChar, 0)
}

// fakeREST starts scripts/fake-rest (its path in USERSIG_FAKE_REST, set by scripts/test-go.sh)
// and returns its base URL; it stops when the test ends.
func fakeREST(t *testing.T) string {
	binary := os.Getenv("USERSIG_FAKE_REST")
	if binary == "" {
		t.Skip("USERSIG_FAKE_REST is not set (scripts/test-go.sh sets it)")
	}
	server := exec.Command(binary, "--sdkappid", "1400000000", "--key", key)
	stdin, _ := server.StdinPipe()
	stdout, _ := server.StdoutPipe()
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); server.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(line)
}

func TestTheReadmeRestFunctionAgainstTheFakeEndpoint(t *testing.T) {
	base := fakeREST(t)
	auth := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key, usersig.WithEndpointURL(base)))
	answer, err := rest(auth, "im_open_login_svc", "account_import", map[string]string{"UserID": "alice"})
	if err != nil || answer["ErrorCode"] != 0.0 {
		t.Fatal(answer, err)
	}
	if body, _ := answer["Body"].(map[string]any); body["UserID"] != "alice" {
		t.Errorf("%v", answer)
	}
	if _, err := rest(auth, "fake", "fail", map[string]string{}); err == nil || !strings.Contains(err.Error(), "90001") {
		t.Errorf("%v", err)
	}
	stale := must[*usersig.AdminAuth](t)(usersig.NewAdminAuth(app, key, usersig.WithEndpointURL(base)))
	old := must[string](t)(stale.URLAt("im_open_login_svc", "account_import", now))
	answer, err = post(old)
	if err != nil || answer["ErrorCode"] != 70001.0 {
		t.Errorf("an expired admin token: %v %v", answer, err)
	}
}

// post sends an empty JSON object to url and decodes the answer.
func post(url string) (map[string]any, error) {
	response, err := http.Post(url, "application/json", strings.NewReader("{}"))
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	var answer map[string]any
	return answer, json.NewDecoder(response.Body).Decode(&answer)
}
