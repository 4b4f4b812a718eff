// A program written for the header of Tencent's C++ port: it calls every function that header
// declares, as Tencent's README shows, and checks each result with usersig's verifier. It
// compiles unchanged against Tencent's tls_sig_api_v2.h and against usersig's drop-in.
#include <cstdio>
#include <ctime>
#include <string>

#include "tls_sig_api_v2.h"
#include "usersig.hpp"

static int passed, failed;

static void check(bool ok, const char *what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    std::fprintf(stderr, "CHECK failed: %s\n", what);
  }
}

int main() {
  const uint32_t sdkappid = 1400000000;
  const std::string key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  usersig::Verifier verifier(sdkappid, key);
  const int64_t before = static_cast<int64_t>(std::time(nullptr));

  check(thread_setup() == 0, "thread_setup");

  std::string sig, errmsg;
  int ret = genUserSig(sdkappid, "xiaojun", key, 180 * 86400, sig, errmsg);
  check(ret == 0, "genUserSig returns 0");
  usersig::Claims c = verifier.verify(sig, "xiaojun");
  check(c.expire == 180 * 86400 && c.issued_at >= before, "genUserSig's token");

  ret = genPrivateMapKey(sdkappid, "xiaojun", key, 10000, 180 * 86400, 255, sig, errmsg);
  check(ret == 0, "genPrivateMapKey returns 0");
  c = verifier.verify_any_userbuf(sig, "xiaojun");
  check(c.grant && c.grant->room_id == 10000u && c.grant->privileges == 255 &&
            c.grant->expires_at == c.issued_at + 180 * 86400,
        "genPrivateMapKey's grant");

  ret = genPrivateMapKeyWithStringRoomID(sdkappid, "xiaojun", key, "10000657", 180 * 86400, 42, sig, errmsg);
  check(ret == 0, "genPrivateMapKeyWithStringRoomID returns 0");
  c = verifier.verify_any_userbuf(sig, "xiaojun");
  check(c.grant && c.grant->room_str && *c.grant->room_str == "10000657" && c.grant->privileges == 42,
        "genPrivateMapKeyWithStringRoomID's grant");

  std::string userbuf = gen_userbuf("xiaojun", sdkappid, 10000, 86400, 255, 0, "");
  check(userbuf.size() == 1 + 2 + 7 + 20 && userbuf[0] == 0, "gen_userbuf's layout (numeric room)");
  std::string named = gen_userbuf("xiaojun", sdkappid, 0, 86400, 255, 0, "room");
  check(named.size() == 1 + 2 + 7 + 20 + 2 + 4 && named[0] == 1, "gen_userbuf's layout (named room)");

  ret = genSig(sdkappid, "xiaojun", key, userbuf, 86400, sig, errmsg);
  check(ret == 0, "genSig returns 0");
  c = verifier.verify_with_userbuf(sig, "xiaojun", userbuf);
  check(c.grant && c.grant->room_id == 10000u && c.grant->expires_at >= before + 86400, "genSig's userbuf");

  ret = genSig(sdkappid, "xiaojun", key, "", 86400, sig, errmsg);
  check(ret == 0 && verifier.verify(sig, "xiaojun").expire == 86400, "genSig without a userbuf");

  thread_cleanup();
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
