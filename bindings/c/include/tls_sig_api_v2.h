// tls_sig_api_v2.h: a drop-in for the header of Tencent's C++ port (tls-sig-api-v2-cpp), on
// usersig. A program written against Tencent's header compiles unchanged with this one and
// links against usersig alone (no OpenSSL, mbedtls, zlib, fmt or rapidjson).
//
// The declarations and return codes are Tencent's: 0 on success, else a CHECK_ERR value with
// the reason in errmsg. usersig refuses what Tencent's port would sign blindly (an empty or
// over-long user id, a control character in it, a validity outside 1 s .. 50 years, room 0,
// privileges outside 0..255, an empty key, a NUL byte in a string): these return CHECK_ERR17
// ("signing failed") with usersig's message. thread_setup() and thread_cleanup() do nothing
// (usersig needs no OpenSSL locks).
//
// Beside Tencent's functions, verifyUserSig() and verifyUserSigWithUserBuf() check a token (now,
// or at a given time with their ...At twins).
//
// Every function is inline: the header needs no source file of its own, only -lusersig.
#ifndef TLS_SIG_API_V2_H
#define TLS_SIG_API_V2_H

#ifndef TLS_API
#define TLS_API
#endif

#include <stdint.h>

#include <ctime>
#include <string>

#include "usersig.h"

enum {
  CHECK_ERR01 = 1,  // the token is empty
  CHECK_ERR02,      // base64 decoding failed
  CHECK_ERR03,      // zlib decompression failed
  CHECK_ERR04,      // JSON parsing failed
  CHECK_ERR05,      // JSON parsing failed
  CHECK_ERR06,      // the signature field is not base64
  CHECK_ERR07,      // a field is missing
  CHECK_ERR08,      // the signature does not match (usually the wrong key)
  CHECK_ERR09,      // expired
  CHECK_ERR10,      // JSON parsing failed
  CHECK_ERR11,      // appid_at_3rd does not match
  CHECK_ERR12,      // acctype does not match
  CHECK_ERR13,      // the user id does not match
  CHECK_ERR14,      // the sdkappid does not match
  CHECK_ERR15,      // the userbuf is wrong
  CHECK_ERR16,      // internal error
  CHECK_ERR17,      // signing failed
  CHECK_ERR_MAX,
};

namespace tls_sig_api_v2_detail {

/// Whether `value` can be passed as a C string; sets errmsg if not.
inline bool no_nul(const std::string &value, const char *what, std::string &errmsg) {
  if (value.find('\0') == std::string::npos) return true;
  errmsg = std::string("usersig: ") + what + " holds a NUL byte";
  return false;
}

/// `call(signer, out, out_cap, out_len, error)` with a signer for sdkappid and key: 0 and the
/// token in usersig, or CHECK_ERR17 (CHECK_ERR16 for a library fault) and errmsg.
template <class Call>
int sign(uint32_t sdkappid, const std::string &userid, const std::string &key, std::string &usersig,
         std::string &errmsg, Call call) {
  if (!no_nul(userid, "the user id", errmsg) || !no_nul(key, "the key", errmsg)) return CHECK_ERR17;
  usersig_error error{};
  usersig_signer *signer = nullptr;
  usersig_kind kind = usersig_signer_create(sdkappid, key.c_str(), &signer, &error);
  if (kind == USERSIG_OK) {
    char buffer[USERSIG_TOKEN_BUF];
    size_t len = 0;
    kind = call(signer, buffer, sizeof buffer, &len, &error);
    if (kind == USERSIG_OK) {
      usersig.assign(buffer, len);
    } else if (kind == USERSIG_ERR_BUFFER_TOO_SMALL) {
      std::string big(len + 1, '\0');
      kind = call(signer, &big[0], big.size(), &len, &error);
      if (kind == USERSIG_OK) usersig.assign(big, 0, len);
    }
    usersig_signer_destroy(signer);
  }
  if (kind == USERSIG_OK) return 0;
  errmsg = std::string("usersig: ") + usersig_kind_name(kind) + ": " + error.message;
  return kind == USERSIG_ERR_PANICKED ? CHECK_ERR16 : CHECK_ERR17;
}

/// The CHECK_ERR code of a refused verification.
inline int check_code(usersig_kind kind, const std::string &token) {
  switch (kind) {
    case USERSIG_ERR_MALFORMED:
      return token.empty() ? CHECK_ERR01 : CHECK_ERR04;
    case USERSIG_ERR_BAD_SIGNATURE:
      return CHECK_ERR08;
    case USERSIG_ERR_EXPIRED:
      return CHECK_ERR09;
    case USERSIG_ERR_USER_ID_MISMATCH:
      return CHECK_ERR13;
    case USERSIG_ERR_SDKAPPID_MISMATCH:
      return CHECK_ERR14;
    case USERSIG_ERR_USERBUF_MISMATCH:
    case USERSIG_ERR_MISSING_USERBUF:
    case USERSIG_ERR_UNEXPECTED_USERBUF:
      return CHECK_ERR15;
    default:
      return CHECK_ERR16;
  }
}

/// Verifies `usersig` for userid at `now`, with `userbuf` expected if not null.
inline int verify(uint32_t sdkappid, const std::string &userid, const std::string &key, const std::string &usersig,
                  const std::string *userbuf, int64_t now, std::string &errmsg) {
  if (!no_nul(userid, "the user id", errmsg) || !no_nul(key, "the key", errmsg)) return CHECK_ERR16;
  if (!no_nul(usersig, "the token", errmsg)) return CHECK_ERR04;
  usersig_error error{};
  usersig_verifier *verifier = nullptr;
  const char *keys[] = {key.c_str()};
  usersig_kind kind = usersig_verifier_create(sdkappid, keys, 1, &verifier, &error);
  if (kind == USERSIG_OK) {
    kind = userbuf ? usersig_verify_with_userbuf_at(verifier, usersig.c_str(), userid.c_str(),
                                                    reinterpret_cast<const uint8_t *>(userbuf->data()),
                                                    userbuf->size(), now, nullptr, &error)
                   : usersig_verify_at(verifier, usersig.c_str(), userid.c_str(), now, nullptr, &error);
    usersig_verifier_destroy(verifier);
  }
  if (kind == USERSIG_OK) return 0;
  errmsg = std::string("usersig: ") + usersig_kind_name(kind) + ": " + error.message;
  return check_code(kind, usersig);
}

}  // namespace tls_sig_api_v2_detail

/// Issues a UserSig for `userid`, valid `expire` seconds from now. 0 on success.
TLS_API inline int genUserSig(uint32_t sdkappid, const std::string &userid, const std::string &key, int expire,
                              std::string &usersig, std::string &errmsg) {
  return tls_sig_api_v2_detail::sign(
      sdkappid, userid, key, usersig, errmsg,
      [&](usersig_signer *s, char *out, size_t cap, size_t *len, usersig_error *error) {
        return usersig_user_sig(s, userid.c_str(), expire, out, cap, len, error);
      });
}

/// Issues a PrivateMapKey granting `privilegeMap` in the numeric room `roomid`. 0 on success.
TLS_API inline int genPrivateMapKey(uint32_t sdkappid, const std::string &userid, const std::string &key,
                                    uint32_t roomid, int expire, int privilegeMap, std::string &usersig,
                                    std::string &errmsg) {
  return tls_sig_api_v2_detail::sign(
      sdkappid, userid, key, usersig, errmsg,
      [&](usersig_signer *s, char *out, size_t cap, size_t *len, usersig_error *error) {
        return usersig_private_map_key(s, userid.c_str(), roomid, privilegeMap, expire, out, cap, len, error);
      });
}

/// Issues a PrivateMapKey granting `privilegeMap` in the room named `roomstr`. 0 on success.
TLS_API inline int genPrivateMapKeyWithStringRoomID(uint32_t sdkappid, const std::string &userid,
                                                    const std::string &key, const std::string &roomstr, int expire,
                                                    int privilegeMap, std::string &usersig, std::string &errmsg) {
  if (!tls_sig_api_v2_detail::no_nul(roomstr, "the room", errmsg)) return CHECK_ERR17;
  return tls_sig_api_v2_detail::sign(
      sdkappid, userid, key, usersig, errmsg,
      [&](usersig_signer *s, char *out, size_t cap, size_t *len, usersig_error *error) {
        return usersig_private_map_key_named(s, userid.c_str(), roomstr.c_str(), privilegeMap, expire, out, cap, len,
                                             error);
      });
}

/// The PrivateMapKey userbuf layout, as Tencent's port builds it: version (1 with a named room,
/// else 0), the account's length and bytes, then big-endian sdkappid, room id, expiry
/// (now + dwExpTime), privileges and account type, then the named room's length and bytes.
TLS_API inline std::string gen_userbuf(const std::string &account, uint32_t dwSdkappid, uint32_t dwAuthID,
                                       uint32_t dwExpTime, uint32_t dwPrivilegeMap, uint32_t dwAccountType,
                                       const std::string &roomStr) {
  std::string buf;
  auto u16 = [&buf](size_t v) {
    buf.push_back(static_cast<char>((v >> 8) & 0xFF));
    buf.push_back(static_cast<char>(v & 0xFF));
  };
  auto u32 = [&buf](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) buf.push_back(static_cast<char>((v >> shift) & 0xFF));
  };
  buf.push_back(roomStr.empty() ? 0 : 1);
  u16(account.size());
  buf += account;
  u32(dwSdkappid);
  u32(dwAuthID);
  u32(static_cast<uint32_t>(std::time(nullptr)) + dwExpTime);
  u32(dwPrivilegeMap);
  u32(dwAccountType);
  if (!roomStr.empty()) {
    u16(roomStr.size());
    buf += roomStr;
  }
  return buf;
}

/// Issues a UserSig carrying `userbuf` (none when it is empty). 0 on success.
TLS_API inline int genSig(uint32_t sdkappid, const std::string &userid, const std::string &key,
                          const std::string &userbuf, int expire, std::string &usersig, std::string &errmsg) {
  return tls_sig_api_v2_detail::sign(
      sdkappid, userid, key, usersig, errmsg,
      [&](usersig_signer *s, char *out, size_t cap, size_t *len, usersig_error *error) {
        return userbuf.empty()
                   ? usersig_user_sig(s, userid.c_str(), expire, out, cap, len, error)
                   : usersig_user_sig_with_userbuf(s, userid.c_str(), reinterpret_cast<const uint8_t *>(userbuf.data()),
                                                   userbuf.size(), expire, out, cap, len, error);
      });
}

/// Does nothing (Tencent's sets up OpenSSL's locks); returns 0 as Tencent's does on success.
inline int thread_setup() { return 0; }

/// Does nothing.
inline void thread_cleanup() {}

/// usersig's addition: 0 if `usersig` is a valid UserSig (no userbuf) for `userid` now, signed
/// with `key` for `sdkappid`; else CHECK_ERR01 (empty), CHECK_ERR04 (malformed), CHECK_ERR08
/// (signature), CHECK_ERR09 (expired), CHECK_ERR13 (user id), CHECK_ERR14 (sdkappid),
/// CHECK_ERR15 (it carries a userbuf) or CHECK_ERR16 (bad arguments), with errmsg.
inline int verifyUserSig(uint32_t sdkappid, const std::string &userid, const std::string &key,
                         const std::string &usersig, std::string &errmsg) {
  return tls_sig_api_v2_detail::verify(sdkappid, userid, key, usersig, nullptr, std::time(nullptr), errmsg);
}

/// usersig's addition: verifyUserSig() at `now` (Unix seconds) instead of the system clock.
inline int verifyUserSigAt(uint32_t sdkappid, const std::string &userid, const std::string &key,
                           const std::string &usersig, int64_t now, std::string &errmsg) {
  return tls_sig_api_v2_detail::verify(sdkappid, userid, key, usersig, nullptr, now, errmsg);
}

/// usersig's addition: as verifyUserSig(), and the token must carry exactly `userbuf`
/// (CHECK_ERR15 if it carries another or none).
inline int verifyUserSigWithUserBuf(uint32_t sdkappid, const std::string &userid, const std::string &key,
                                    const std::string &usersig, const std::string &userbuf, std::string &errmsg) {
  return tls_sig_api_v2_detail::verify(sdkappid, userid, key, usersig, &userbuf, std::time(nullptr), errmsg);
}

/// usersig's addition: verifyUserSigWithUserBuf() at `now` (Unix seconds).
inline int verifyUserSigWithUserBufAt(uint32_t sdkappid, const std::string &userid, const std::string &key,
                                      const std::string &usersig, const std::string &userbuf, int64_t now,
                                      std::string &errmsg) {
  return tls_sig_api_v2_detail::verify(sdkappid, userid, key, usersig, &userbuf, now, errmsg);
}

#endif  // TLS_SIG_API_V2_H
