// The drop-in's own behaviour beyond Tencent's: its refusals and their CHECK_ERR codes, and the
// verification functions it adds.
#include <ctime>
#include <string>

#include "check.h"
#include "tls_sig_api_v2.h"

int main() {
  const uint32_t app = 1400000000;
  const std::string key = "secret";
  std::string sig, errmsg;

  CHECK(genUserSig(app, "alice", key, 600, sig, errmsg) == 0 && !sig.empty());
  CHECK(verifyUserSig(app, "alice", key, sig, errmsg) == 0);
  CHECK(verifyUserSig(app, "bob", key, sig, errmsg) == CHECK_ERR13);
  CHECK(errmsg.find("user_id_mismatch") != std::string::npos);
  CHECK(verifyUserSig(app, "alice", "other", sig, errmsg) == CHECK_ERR08);
  CHECK(verifyUserSig(app + 1, "alice", key, sig, errmsg) == CHECK_ERR14);
  CHECK(verifyUserSig(app, "alice", key, "", errmsg) == CHECK_ERR01);
  CHECK(verifyUserSig(app, "alice", key, "garbage", errmsg) == CHECK_ERR04);
  CHECK(verifyUserSig(app, "alice", key, std::string("a\0b", 3), errmsg) == CHECK_ERR04);
  CHECK(verifyUserSig(app, "alice", "", sig, errmsg) == CHECK_ERR16);
  CHECK(verifyUserSigWithUserBuf(app, "alice", key, sig, "buf", errmsg) == CHECK_ERR15);
  const int64_t now = std::time(nullptr);
  CHECK(verifyUserSigAt(app, "alice", key, sig, now + 599, errmsg) == 0);
  CHECK(verifyUserSigAt(app, "alice", key, sig, now + 602, errmsg) == CHECK_ERR09);
  CHECK(errmsg.find("expired") != std::string::npos);

  CHECK(genUserSig(app, "alice", key, 1, sig, errmsg) == 0);
  CHECK(genPrivateMapKey(app, "alice", key, 99, 600, 255, sig, errmsg) == 0);
  CHECK(verifyUserSig(app, "alice", key, sig, errmsg) == CHECK_ERR15);
  CHECK(errmsg.find("unexpected_userbuf") != std::string::npos);
  std::string userbuf = gen_userbuf("alice", app, 5, 600, 1, 0, "");
  CHECK(genSig(app, "alice", key, userbuf, 600, sig, errmsg) == 0);
  CHECK(verifyUserSigWithUserBuf(app, "alice", key, sig, userbuf, errmsg) == 0);
  CHECK(verifyUserSigWithUserBufAt(app, "alice", key, sig, userbuf, std::time(nullptr) + 700, errmsg) == CHECK_ERR09);
  CHECK(verifyUserSigWithUserBuf(app, "alice", key, sig, userbuf + "x", errmsg) == CHECK_ERR15);

  // What Tencent's port would sign blindly, the drop-in refuses with CHECK_ERR17.
  sig = "unchanged";
  CHECK(genUserSig(app, "", key, 600, sig, errmsg) == CHECK_ERR17 && sig == "unchanged");
  CHECK(errmsg.find("empty_user_id") != std::string::npos);
  CHECK(genUserSig(app, "alice", "", 600, sig, errmsg) == CHECK_ERR17);
  CHECK(genUserSig(app, "alice", key, 0, sig, errmsg) == CHECK_ERR17);
  CHECK(genUserSig(app, "a\nb", key, 600, sig, errmsg) == CHECK_ERR17);
  CHECK(genUserSig(app, std::string("a\0b", 3), key, 600, sig, errmsg) == CHECK_ERR17);
  CHECK(errmsg.find("NUL") != std::string::npos);
  CHECK(genUserSig(app, "alice", std::string("k\0", 2), 600, sig, errmsg) == CHECK_ERR17);
  CHECK(genPrivateMapKey(app, "alice", key, 0, 600, 255, sig, errmsg) == CHECK_ERR17);
  CHECK(genPrivateMapKey(app, "alice", key, 1, 600, 256, sig, errmsg) == CHECK_ERR17);
  CHECK(genPrivateMapKeyWithStringRoomID(app, "alice", key, std::string(65, 'r'), 600, 1, sig, errmsg) ==
        CHECK_ERR17);
  CHECK(genPrivateMapKeyWithStringRoomID(app, "alice", key, std::string("r\0", 2), 600, 1, sig, errmsg) ==
        CHECK_ERR17);
  CHECK(genSig(app, "alice", key, std::string(4097, 'b'), 600, sig, errmsg) == CHECK_ERR17);

  // A token longer than the drop-in's stack buffer.
  std::string long_id(1024, 'u');
  CHECK(genUserSig(app, long_id, key, 600, sig, errmsg) == 0 && sig.size() > USERSIG_TOKEN_BUF);
  CHECK(verifyUserSig(app, long_id, key, sig, errmsg) == 0);
  return report();
}
