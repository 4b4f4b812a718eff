// The interop matrix's program for usersig's C++ drop-in (tls_sig_api_v2.h): mints through
// Tencent's declarations (genUserSig, genSig, genPrivateMapKey,
// genPrivateMapKeyWithStringRoomID) and verifies with verifyUserSigAt and
// verifyUserSigWithUserBufAt. scripts/interop/adapters/usersig_cpp.py speaks the driver's JSON
// and feeds this program one request a line, every string hex-encoded ("-" for empty):
//
//   mint KIND SDKAPPID KEY USERID EXPIRE ROOMID ROOMSTR PRIVILEGE USERBUF -> "ok TOKEN" | "err MESSAGE"
//   check SDKAPPID KEY USERID TOKEN NOW USERBUF|none                    -> "ok" | "no MESSAGE"
//   bench KIND SDKAPPID KEY USERID EXPIRE USERBUF SECONDS                -> "NS_PER_TOKEN ITERATIONS"
#include <chrono>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>

#include "tls_sig_api_v2.h"

namespace {

std::string unhex(const std::string &hex) {
  if (hex == "-") return "";
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::string hex(const std::string &bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out.empty() ? "-" : out;
}

int mint(const std::string &kind, uint32_t app, const std::string &key, const std::string &user, int expire,
         uint32_t room, const std::string &room_str, int privilege, const std::string &userbuf, std::string &token,
         std::string &errmsg) {
  if (kind == "usersig") return genUserSig(app, user, key, expire, token, errmsg);
  if (kind == "userbuf") return genSig(app, user, key, userbuf, expire, token, errmsg);
  if (kind == "pmk") return genPrivateMapKey(app, user, key, room, expire, privilege, token, errmsg);
  return genPrivateMapKeyWithStringRoomID(app, user, key, room_str, expire, privilege, token, errmsg);
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string op;
    in >> op;
    if (op == "mint") {
      std::string kind, key, user, room_str, userbuf;
      uint32_t app, room;
      int expire, privilege;
      in >> kind >> app >> key >> user >> expire >> room >> room_str >> privilege >> userbuf;
      std::string token, errmsg;
      int ret = mint(kind, app, unhex(key), unhex(user), expire, room, unhex(room_str), privilege, unhex(userbuf),
                     token, errmsg);
      std::cout << (ret == 0 ? "ok " + token : "err " + hex("code " + std::to_string(ret) + ": " + errmsg)) << "\n";
    } else if (op == "check") {
      std::string key, user, token, userbuf;
      uint32_t app;
      int64_t now;
      in >> app >> key >> user >> token >> now >> userbuf;
      std::string errmsg;
      int ret = userbuf == "none"
                    ? verifyUserSigAt(app, unhex(user), unhex(key), unhex(token), now, errmsg)
                    : verifyUserSigWithUserBufAt(app, unhex(user), unhex(key), unhex(token), unhex(userbuf), now, errmsg);
      std::cout << (ret == 0 ? std::string("ok") : "no " + hex("code " + std::to_string(ret) + ": " + errmsg)) << "\n";
    } else if (op == "bench") {
      std::string kind, key, user, userbuf;
      uint32_t app;
      int expire;
      double seconds;
      in >> kind >> app >> key >> user >> expire >> userbuf >> seconds;
      key = unhex(key), user = unhex(user), userbuf = unhex(userbuf);
      std::string token, errmsg;
      auto batch = [&](long n) {
        auto start = std::chrono::steady_clock::now();
        for (long i = 0; i < n; i++) mint(kind, app, key, user, expire, 0, "", 0, userbuf, token, errmsg);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      };
      long n = 1;
      while (batch(n) <= seconds / 10) n *= 2;
      double best = 1e9;
      for (int pass = 0; pass < 7; pass++) best = std::min(best, batch(n) / n);
      std::cout << best * 1e9 << " " << n << "\n";
    }
    std::cout.flush();
  }
  return 0;
}
