// The C++ wrapper: every method, the exceptions' kinds and codes, interior NULs, RAII and
// noexcept, and 16 threads sharing one Signer, one Verifier and one AdminAuth.
#include <atomic>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "check.h"
#include "usersig.hpp"

namespace {

constexpr int64_t APP = 1400000000;
constexpr int64_t T0 = 1700000000;
const std::string KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

static_assert(!std::is_copy_constructible_v<usersig::Signer>);
static_assert(std::is_nothrow_move_constructible_v<usersig::Signer>);
static_assert(std::is_nothrow_move_constructible_v<usersig::Verifier>);
static_assert(std::is_nothrow_move_constructible_v<usersig::AdminAuth>);
static_assert(!std::is_copy_constructible_v<usersig::ChatCallbackVerifier>);
static_assert(std::is_nothrow_move_constructible_v<usersig::ChatCallbackVerifier>);
static_assert(std::is_nothrow_move_constructible_v<usersig::TrtcCallbackVerifier>);
static_assert(noexcept(std::declval<usersig::Error>().kind()));
static_assert(noexcept(std::declval<usersig::Error>().tencent_code()));
static_assert(noexcept(usersig::c_api_version()));

// The kind of the usersig::Error `call` throws; USERSIG_OK if it throws none.
template <class Call>
usersig_kind thrown(Call call, int32_t *code = nullptr) {
  try {
    call();
  } catch (const usersig::Error &e) {
    if (code) *code = e.tencent_code();
    return e.kind();
  }
  return USERSIG_OK;
}

void test_sign_verify() {
  usersig::Signer signer(APP, KEY);
  usersig::Verifier verifier(APP, KEY);
  std::string token = signer.user_sig_at("alice", 3600, T0);
  usersig::Claims c = verifier.verify_at(token, "alice", T0);
  CHECK(c.user_id == "alice" && c.sdkappid == APP && c.issued_at == T0 && c.expire == 3600);
  CHECK(c.expires_at == T0 + 3600 && !c.userbuf && !c.grant && c.signature.size() == 44);
  CHECK(usersig::inspect(token).signature == c.signature);
  CHECK(verifier.verify(signer.user_sig("bob"), "bob").expire == usersig::DEFAULT_EXPIRE);

  int32_t code = 0;
  CHECK(thrown([&] { verifier.verify_at(token, "alice", T0 + 3601); }, &code) == USERSIG_ERR_EXPIRED);
  CHECK(code == 70001);
  CHECK(thrown([&] { verifier.verify_at(token, "bob", T0); }, &code) == USERSIG_ERR_USER_ID_MISMATCH);
  CHECK(code == 70013);
  CHECK(thrown([&] { usersig::Verifier(APP, "other").verify_at(token, "alice", T0); }, &code) ==
        USERSIG_ERR_BAD_SIGNATURE);
  CHECK(code == 70009);
  CHECK(thrown([&] { usersig::Verifier(APP + 1, KEY).verify_at(token, "alice", T0); }) ==
        USERSIG_ERR_SDKAPPID_MISMATCH);
  CHECK(thrown([&] { verifier.verify_at("junk", "alice", T0); }, &code) == USERSIG_ERR_MALFORMED);
  CHECK(code == 70003);
  CHECK(thrown([&] { usersig::inspect(""); }) == USERSIG_ERR_MALFORMED);
  try {
    verifier.verify_at(token, "bob", T0);
  } catch (const usersig::Error &e) {
    CHECK_STR(e.name(), "user_id_mismatch");
    CHECK(std::string(e.what()).find("alice") != std::string::npos);
  }

  // Key rotation.
  usersig::Verifier rotated(APP, std::vector<std::string_view>{"new", KEY});
  CHECK(rotated.verify_at(token, "alice", T0).user_id == "alice");

  // Tokens too long for the wrapper's stack buffer.
  std::string long_id(1024, 'u');
  std::string long_token = signer.user_sig_at(long_id, 3600, T0);
  CHECK(long_token.size() > USERSIG_TOKEN_BUF);
  CHECK(verifier.verify_at(long_token, long_id, T0).user_id == long_id);
}

void test_input_errors() {
  CHECK(thrown([] { usersig::Signer(APP, ""); }) == USERSIG_ERR_EMPTY_KEY);
  CHECK(thrown([] { usersig::Signer(-1, KEY); }) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(thrown([] { usersig::Signer(APP, std::string("k\0ey", 4)); }) == USERSIG_ERR_INTERIOR_NUL);
  CHECK(thrown([] { usersig::Signer(APP, "k\xff"); }) == USERSIG_ERR_INVALID_UTF8);
  CHECK(thrown([] { usersig::Verifier(APP, std::vector<std::string_view>{}); }) == USERSIG_ERR_EMPTY_KEY);
  usersig::Signer s(APP, KEY);
  CHECK(thrown([&] { s.user_sig_at("", 3600, T0); }) == USERSIG_ERR_EMPTY_USER_ID);
  CHECK(thrown([&] { s.user_sig_at(std::string(1025, 'u'), 3600, T0); }) == USERSIG_ERR_USER_ID_TOO_LONG);
  CHECK(thrown([&] { s.user_sig_at("a\nb", 3600, T0); }) == USERSIG_ERR_USER_ID_CONTROL_CHAR);
  CHECK(thrown([&] { s.user_sig_at(std::string("al\0ice", 6), 3600, T0); }) == USERSIG_ERR_INTERIOR_NUL);
  CHECK(thrown([&] { s.user_sig_at("alice", 0, T0); }) == USERSIG_ERR_EXPIRE_OUT_OF_RANGE);
  CHECK(thrown([&] { s.user_sig_at("alice", 10, -1); }) == USERSIG_ERR_TIME_OUT_OF_RANGE);
  CHECK(thrown([&] { s.user_sig_at("alice", 10, 4294967295LL); }) == USERSIG_ERR_EXPIRY_OVERFLOW);
  CHECK(thrown([&] { s.user_sig_with_userbuf_at("alice", std::string(4097, 'b'), 10, T0); }) ==
        USERSIG_ERR_USERBUF_TOO_LONG);
  CHECK(thrown([&] { s.private_map_key_at("alice", 0, 1, 10, T0); }) == USERSIG_ERR_ROOM_ID_OUT_OF_RANGE);
  CHECK(thrown([&] { s.private_map_key_at("alice", 1, 256, 10, T0); }) == USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE);
  CHECK(thrown([&] { s.private_map_key_named_at("alice", "", 1, 10, T0); }) == USERSIG_ERR_EMPTY_ROOM_STR);
  CHECK(thrown([&] { s.private_map_key_named_at("alice", std::string(65, 'r'), 1, 10, T0); }) ==
        USERSIG_ERR_ROOM_STR_TOO_LONG);
  CHECK(thrown([&] { s.private_map_key_named_at("alice", std::string("r\0", 2), 1, 10, T0); }) ==
        USERSIG_ERR_INTERIOR_NUL);
  usersig::Verifier v(APP, KEY);
  CHECK(thrown([&] { v.verify_at(std::string(1 << 20, 'A'), "alice", T0); }) == USERSIG_ERR_MALFORMED);
  CHECK(thrown([&] { v.verify_at("a\xc3(", "alice", T0); }) == USERSIG_ERR_INVALID_UTF8);
}

void test_userbufs_and_grants() {
  usersig::Signer s(APP, KEY);
  usersig::Verifier v(APP, KEY);
  std::string userbuf("\x00\x01\xff", 3);
  std::string token = s.user_sig_with_userbuf_at("alice", userbuf, 600, T0);
  CHECK(thrown([&] { v.verify_at(token, "alice", T0); }) == USERSIG_ERR_UNEXPECTED_USERBUF);
  CHECK(v.verify_with_userbuf_at(token, "alice", userbuf, T0).userbuf == userbuf);
  int32_t code = 0;
  CHECK(thrown([&] { v.verify_with_userbuf_at(token, "alice", "x", T0); }, &code) == USERSIG_ERR_USERBUF_MISMATCH);
  CHECK(code == -100006);
  CHECK(thrown([&] { v.verify_with_userbuf_at(s.user_sig_at("alice", 600, T0), "alice", "x", T0); }, &code) ==
        USERSIG_ERR_MISSING_USERBUF);
  CHECK(code == -100006);
  CHECK(v.verify_with_userbuf(s.user_sig_with_userbuf("alice", userbuf), "alice", userbuf).user_id == "alice");

  usersig::Claims c = v.verify_any_userbuf_at(s.private_map_key_at("alice", 1234, 42, 600, T0), "alice", T0);
  CHECK(c.grant && c.grant->room_id == 1234u && !c.grant->room_str && c.grant->privileges == 42);
  CHECK(c.grant && c.grant->user_id == "alice" && c.grant->sdkappid == APP && c.grant->expires_at == T0 + 600);
  c = v.verify_any_userbuf_at(s.private_map_key_named_at("alice", "room-9", 255, 600, T0), "alice", T0);
  CHECK(c.grant && c.grant->room_str == std::optional<std::string>("room-9") && !c.grant->room_id);
  CHECK(v.verify_any_userbuf(s.private_map_key("alice", 7, 2), "alice").grant->room_id == 7u);
  CHECK(*v.verify_any_userbuf(s.private_map_key_named("alice", "r", 2), "alice").grant->room_str == "r");
  CHECK(!v.verify_any_userbuf(s.user_sig("alice"), "alice").userbuf);
}

void test_admin() {
  usersig::AdminAuth admin(APP, KEY);
  CHECK(admin.base_url() == "https://console.tim.qq.com");
  std::string url = admin.url_at("im_open_login_svc", "account_import", T0);
  CHECK(url.rfind("https://console.tim.qq.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&"
                  "identifier=administrator&usersig=",
                  0) == 0);
  CHECK(admin.url("a", "b").find("&contenttype=json") != std::string::npos);
  usersig::Verifier v(APP, KEY);
  CHECK(v.verify_at(admin.user_sig_at(T0), "administrator", T0).user_id == "administrator");
  usersig::AdminAuth sg(APP, KEY, "ops", usersig::Endpoint::region("singapore"), 600, 60);
  CHECK(sg.base_url() == "https://adminapisgp.im.qcloud.com");
  CHECK(usersig::AdminAuth(APP, KEY, "ops", usersig::Endpoint::host("example.com")).base_url() ==
        "https://example.com");
  CHECK(usersig::AdminAuth(APP, KEY, "ops", usersig::Endpoint::url("http://127.0.0.1:9")).base_url() ==
        "http://127.0.0.1:9");
  CHECK(thrown([] { usersig::AdminAuth(APP, KEY, "ops", usersig::Endpoint::region("mars")); }) ==
        USERSIG_ERR_UNKNOWN_REGION);
  CHECK(thrown([] { usersig::AdminAuth(APP, KEY, "ops", usersig::Endpoint::host("a b")); }) ==
        USERSIG_ERR_INVALID_ENDPOINT);
  CHECK(thrown([] { usersig::AdminAuth(APP, KEY, "ops", usersig::Endpoint::region("china"), 600, 600); }) ==
        USERSIG_ERR_RENEW_MARGIN_OUT_OF_RANGE);
  CHECK(thrown([&] { admin.url_at("a/b", "c", T0); }) == USERSIG_ERR_INVALID_REST_PATH);

  usersig::AdminAuth moved = std::move(admin);
  CHECK(moved.base_url() == "https://console.tim.qq.com");
}

void test_threads() {
  usersig::Signer signer(APP, KEY);
  usersig::Verifier verifier(APP, KEY);
  usersig::AdminAuth admin(APP, KEY);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; i++) {
        std::string id = "user-" + std::to_string(t) + "-" + std::to_string(i);
        try {
          if (verifier.verify_at(signer.user_sig_at(id, 600, T0 + i), id, T0 + i).user_id != id) bad++;
          if (verifier.verify_any_userbuf_at(signer.private_map_key_at(id, 1 + i, 2, 600, T0), id, T0)
                  .grant->room_id != uint32_t(1 + i))
            bad++;
          if (admin.url_at("svc", "cmd", T0 + i).find("identifier=administrator") == std::string::npos) bad++;
        } catch (const usersig::Error &) {
          bad++;
        }
      }
    });
  }
  for (std::thread &t : threads) t.join();
  CHECK(bad == 0);
}

}  // namespace

void test_callbacks() {
  // Tencent's own example (chat-001-tencent-guide in callbacks.jsonl).
  usersig::ChatCallbackVerifier guide("xxxxyyyy", 888888);
  const std::string guide_sign = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
  CHECK(guide.sign(1669872112) == guide_sign);
  std::string query = "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json"
                      "&ClientIP=%24ClientIP&OptPlatform=RESTAPI&RequestTime=1669872112&Sign=" +
                      guide_sign;
  usersig::ChatCallback c = guide.verify_query_at(query, 1669872112);
  CHECK(c.command == "Group.CallbackAfterNewMemberJoin" && c.sdkappid == 888888 && c.request_time == 1669872112);
  CHECK(c.params.size() == 3 && c.params[1] == std::make_pair(std::string("ClientIP"), std::string("$ClientIP")));
  c = guide.verify_params_at({{"SdkAppid", "888888"},
                              {"CallbackCommand", "C2C.X"},
                              {"RequestTime", "1669872112"},
                              {"Sign", guide_sign},
                              {"a", "b"}},
                             1669872100);
  CHECK(c.command == "C2C.X" && c.params.size() == 1 && c.params[0].second == "b");
  CHECK(thrown([&] { guide.verify_params_at({{"a", std::string_view("b\0", 2)}}, 0); }) == USERSIG_ERR_INTERIOR_NUL);
  CHECK(thrown([&] { guide.verify_query(query); }) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  CHECK(thrown([&] { guide.verify_params({}); }) == USERSIG_ERR_CALLBACK_PARAM_MISSING);
  CHECK(thrown([&] { usersig::ChatCallbackVerifier("t", 1).verify_query_at(query, 1669872112); }) ==
        USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
  CHECK(thrown([&] { usersig::ChatCallbackVerifier("xxxxyyyy", 1).verify_query_at(query, 1669872112); }) ==
        USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH);
  CHECK(thrown([&] { guide.verify_query_at(query + std::string("\0", 1), 1669872112); }) == USERSIG_ERR_INTERIOR_NUL);
  CHECK(thrown([&] { guide.verify_query_at(std::string(USERSIG_MAX_CALLBACK_QUERY_LEN + 1, 'a'), 0); }) ==
        USERSIG_ERR_CALLBACK_TOO_LARGE);
  CHECK(usersig::ChatCallbackVerifier("xxxxyyyy").verify_query_at(query, 1669872112).sdkappid == 888888);
  CHECK(thrown([] { usersig::ChatCallbackVerifier(""); }) == USERSIG_ERR_EMPTY_KEY);
  CHECK(thrown([] { usersig::ChatCallbackVerifier("t", -1); }) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(thrown([] { usersig::ChatCallbackVerifier("t", 1, 86401); }) == USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE);
  try {
    guide.verify_query_at(query, 0);
  } catch (const usersig::Error &e) {
    CHECK_STR(e.name(), "callback_out_of_window");
    CHECK(e.tencent_code() == 0 && std::string(e.what()).find("1669872112") != std::string::npos);
  }

  usersig::TrtcCallbackVerifier trtc("callback-key-123", APP, 60);
  const std::string body = "{\"EventGroupId\":1,\"EventType\":103,\"CallbackTs\":1700000000123}";
  const std::string sign = trtc.sign(body);
  usersig::TrtcCallback t = trtc.verify_at(sign, "1400000000", body, T0);
  CHECK(t.sdkappid == APP && t.event_group_id == 1 && t.event_type == 103 && t.callback_ts == 1700000000123);
  CHECK(thrown([&] { trtc.verify(sign, "1400000000", body); }) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  CHECK(thrown([&] { trtc.verify_at("", "1400000000", body, T0); }) == USERSIG_ERR_CALLBACK_PARAM_MISSING);
  CHECK(thrown([&] { trtc.verify_at(sign, "1400000000", body + " ", T0); }) == USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
  CHECK(thrown([&] { trtc.verify_at(sign, "1400000000", std::string(10 << 20, ' '), T0); }) ==
        USERSIG_ERR_CALLBACK_TOO_LARGE);
  CHECK(thrown([&] { trtc.verify_at(sign, std::string("1\0", 2), body, T0); }) == USERSIG_ERR_INTERIOR_NUL);
  usersig::TrtcCallbackVerifier anytime_verifier("k");
  usersig::TrtcCallback anytime = anytime_verifier.verify(anytime_verifier.sign("{}"), "7", "{}");
  CHECK(anytime.sdkappid == 7 && !anytime.event_type && !anytime.callback_ts && !anytime.event_group_id);
  CHECK(thrown([] { usersig::TrtcCallbackVerifier(""); }) == USERSIG_ERR_EMPTY_KEY);
  CHECK(thrown([] { usersig::TrtcCallbackVerifier("k", std::nullopt, -1); }) ==
        USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE);
  CHECK(thrown([] { usersig::TrtcCallbackVerifier("k", -1); }) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
}

int main() {
  CHECK(usersig::c_api_version() == USERSIG_C_API_VERSION);
  test_sign_verify();
  test_input_errors();
  test_userbufs_and_grants();
  test_admin();
  test_threads();
  test_callbacks();
  return report();
}
