// usersig.hpp: the C++17 wrapper of usersig.h, header-only.
//
// Signer, Verifier, AdminAuth, ChatCallbackVerifier and TrtcCallbackVerifier own their C
// handles (RAII, movable, not copyable) and are thread-safe: share one object between threads.
// Strings go in as std::string_view and come out as std::string. Every failure throws
// usersig::Error, which carries the kind (kind(), name()) and the Tencent code (tencent_code()).
// A string_view holding a NUL byte, which a C string cannot carry, throws with kind
// USERSIG_ERR_INTERIOR_NUL instead of being cut short.
#ifndef USERSIG_HPP
#define USERSIG_HPP

#include <cstdint>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "usersig.h"

namespace usersig {

/// A refused call: its kind, its Tencent code (0 for input errors) and its message.
class Error : public std::runtime_error {
 public:
  /// The error a C call reported.
  explicit Error(const usersig_error &error)
      : std::runtime_error(error.message), kind_(error.kind), tencent_code_(error.tencent_code) {}

  /// An error of `kind` with `message`, and the kind's Tencent code.
  Error(usersig_kind kind, const std::string &message)
      : std::runtime_error(message), kind_(kind), tencent_code_(usersig_kind_tencent_code(kind)) {}

  /// The kind (USERSIG_ERR_EXPIRED, ...).
  usersig_kind kind() const noexcept { return kind_; }

  /// The kind's name ("expired", ...), as every usersig binding names it.
  const char *name() const noexcept { return usersig_kind_name(kind_); }

  /// The code Tencent's servers use for the same fault; 0 for input errors.
  int32_t tencent_code() const noexcept { return tencent_code_; }

 private:
  usersig_kind kind_;
  int32_t tencent_code_;
};

/// A PrivateMapKey's grant.
struct Grant {
  /// The user id the grant is for.
  std::string user_id;
  /// The application the grant is for.
  uint32_t sdkappid = 0;
  /// The numeric room, when the room is numeric.
  std::optional<uint32_t> room_id;
  /// The named room, when the room is named.
  std::optional<std::string> room_str;
  /// The privilege bits (1 create, 2 enter, 4 send audio, ... 128 receive the sub-stream).
  uint8_t privileges = 0;
  /// The last second (Unix) the grant is valid.
  uint32_t expires_at = 0;
};

/// What a token says.
struct Claims {
  /// The user id the token was issued to.
  std::string user_id;
  /// The application the token was issued for.
  uint32_t sdkappid = 0;
  /// When it was issued, in Unix seconds.
  int64_t issued_at = 0;
  /// How long it is valid after issued_at, in seconds.
  int64_t expire = 0;
  /// The last second it is valid.
  int64_t expires_at = 0;
  /// The userbuf (binary), when the token carries one.
  std::optional<std::string> userbuf;
  /// The PrivateMapKey grant, when the userbuf is one.
  std::optional<Grant> grant;
  /// The signature, base64 as it stands in the token.
  std::string signature;
};

namespace detail {

/// Throws unless `kind` is USERSIG_OK.
inline void check(usersig_kind kind, const usersig_error &error) {
  if (kind != USERSIG_OK) throw Error(error);
}

/// Throws USERSIG_ERR_INTERIOR_NUL if `value` holds a NUL, which a C string cannot carry.
inline void check_no_nul(std::string_view value, const char *what) {
  if (value.find('\0') != std::string_view::npos) {
    throw Error(USERSIG_ERR_INTERIOR_NUL,
                std::string(what) + " holds a NUL byte at offset " + std::to_string(value.find('\0')));
  }
}

/// `value` as a NUL-terminated string; throws USERSIG_ERR_INTERIOR_NUL if it holds a NUL.
inline std::string c_string(std::string_view value, const char *what) {
  check_no_nul(value, what);
  return std::string(value);
}

/// The NUL-terminated copy of a secret (a key, a callback token) that the C API reads, written
/// over with zeros when it goes, so that no copy of the wrapper's own outlives the call.
class Secret {
 public:
  Secret(std::string_view value, const char *what) : value_((check_no_nul(value, what), value)) {}
  Secret(const Secret &) = delete;
  Secret &operator=(const Secret &) = delete;
  ~Secret() {
    volatile char *bytes = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) bytes[i] = 0;
  }

  const char *c_str() const noexcept { return value_.c_str(); }

 private:
  std::string value_;
};

/// Calls `call(out, out_cap, out_len, error)` with a stack buffer, and once more with one of
/// the size it asked for if that was too small.
template <class Call>
std::string text(Call call) {
  char buffer[USERSIG_TOKEN_BUF];
  size_t len = 0;
  usersig_error error{};
  usersig_kind kind = call(buffer, sizeof buffer, &len, &error);
  if (kind == USERSIG_OK) return std::string(buffer, len);
  if (kind == USERSIG_ERR_BUFFER_TOO_SMALL) {
    std::string big(len + 1, '\0');
    kind = call(big.data(), big.size(), &len, &error);
    if (kind == USERSIG_OK) {
      big.resize(len);
      return big;
    }
  }
  throw Error(error);
}

/// The C claims as a Claims; frees them.
inline Claims claims(usersig_claims *raw) {
  std::unique_ptr<usersig_claims, void (*)(usersig_claims *)> owned(raw, usersig_claims_free);
  Claims claims;
  claims.user_id.assign(raw->user_id, raw->user_id_len);
  claims.sdkappid = raw->sdkappid;
  claims.issued_at = raw->issued_at;
  claims.expire = raw->expire;
  claims.expires_at = raw->expires_at;
  if (raw->has_userbuf) {
    claims.userbuf = raw->userbuf_len ? std::string(reinterpret_cast<const char *>(raw->userbuf), raw->userbuf_len)
                                      : std::string();
  }
  if (raw->has_grant) {
    Grant grant;
    grant.user_id.assign(raw->grant.user_id, raw->grant.user_id_len);
    grant.sdkappid = raw->grant.sdkappid;
    if (raw->grant.room_str) {
      grant.room_str = std::string(raw->grant.room_str, raw->grant.room_str_len);
    } else {
      grant.room_id = raw->grant.room_id;
    }
    grant.privileges = raw->grant.privileges;
    grant.expires_at = raw->grant.expires_at;
    claims.grant = std::move(grant);
  }
  claims.signature = raw->signature;
  return claims;
}

/// Runs a verification `call(claims_out, error)` and returns its claims.
template <class Call>
Claims verified(Call call) {
  usersig_claims *raw = nullptr;
  usersig_error error{};
  check(call(&raw, &error), error);
  return claims(raw);
}

/// `sdkappid` as the callback verifiers' constructors take it: std::nullopt for any. -1, which
/// the C API reads as "any", is refused as the out-of-range value it is.
inline int64_t expected_sdkappid(std::optional<int64_t> sdkappid) {
  if (!sdkappid) return USERSIG_CALLBACK_ANY_SDKAPPID;
  if (*sdkappid == USERSIG_CALLBACK_ANY_SDKAPPID) {
    throw Error(USERSIG_ERR_SDKAPPID_OUT_OF_RANGE, "sdkappid -1 is outside 0..=4294967295");
  }
  return *sdkappid;
}

}  // namespace detail

/// The validity of a token when the caller has no preference: 180 days.
inline constexpr int64_t DEFAULT_EXPIRE = USERSIG_DEFAULT_EXPIRE;

/// The version of the C API the library implements (compare with USERSIG_C_API_VERSION).
inline uint32_t c_api_version() noexcept { return usersig_c_api_version(); }

/// Mints UserSigs and PrivateMapKeys for one application and key.
class Signer {
 public:
  /// A signer for `sdkappid` with the console's secret `key`.
  Signer(int64_t sdkappid, std::string_view key) : handle_(nullptr, usersig_signer_destroy) {
    usersig_signer *raw = nullptr;
    usersig_error error{};
    detail::check(usersig_signer_create(sdkappid, detail::Secret(key, "the key").c_str(), &raw, &error), error);
    handle_.reset(raw);
  }

  /// A UserSig for `user_id`, valid `expire` seconds from now.
  std::string user_sig(std::string_view user_id, int64_t expire = DEFAULT_EXPIRE) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_user_sig(handle_.get(), id.c_str(), expire, out, cap, len, error);
    });
  }

  /// A UserSig for `user_id` issued at `now` (Unix seconds).
  std::string user_sig_at(std::string_view user_id, int64_t expire, int64_t now) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_user_sig_at(handle_.get(), id.c_str(), expire, now, out, cap, len, error);
    });
  }

  /// A UserSig carrying `userbuf` (any bytes), issued now.
  std::string user_sig_with_userbuf(std::string_view user_id, std::string_view userbuf,
                                    int64_t expire = DEFAULT_EXPIRE) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_user_sig_with_userbuf(handle_.get(), id.c_str(), bytes(userbuf), userbuf.size(), expire, out, cap,
                                           len, error);
    });
  }

  /// A UserSig carrying `userbuf`, issued at `now`.
  std::string user_sig_with_userbuf_at(std::string_view user_id, std::string_view userbuf, int64_t expire,
                                       int64_t now) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_user_sig_with_userbuf_at(handle_.get(), id.c_str(), bytes(userbuf), userbuf.size(), expire, now,
                                              out, cap, len, error);
    });
  }

  /// A PrivateMapKey granting `privileges` in the numeric room `room_id`, issued now.
  std::string private_map_key(std::string_view user_id, int64_t room_id, int64_t privileges,
                              int64_t expire = DEFAULT_EXPIRE) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_private_map_key(handle_.get(), id.c_str(), room_id, privileges, expire, out, cap, len, error);
    });
  }

  /// A PrivateMapKey for the numeric room `room_id`, issued at `now`.
  std::string private_map_key_at(std::string_view user_id, int64_t room_id, int64_t privileges, int64_t expire,
                                 int64_t now) const {
    std::string id = detail::c_string(user_id, "the user id");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_private_map_key_at(handle_.get(), id.c_str(), room_id, privileges, expire, now, out, cap, len,
                                        error);
    });
  }

  /// A PrivateMapKey for the room named `room`, issued now.
  std::string private_map_key_named(std::string_view user_id, std::string_view room, int64_t privileges,
                                    int64_t expire = DEFAULT_EXPIRE) const {
    std::string id = detail::c_string(user_id, "the user id");
    std::string name = detail::c_string(room, "the room");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_private_map_key_named(handle_.get(), id.c_str(), name.c_str(), privileges, expire, out, cap, len,
                                           error);
    });
  }

  /// A PrivateMapKey for the room named `room`, issued at `now`.
  std::string private_map_key_named_at(std::string_view user_id, std::string_view room, int64_t privileges,
                                       int64_t expire, int64_t now) const {
    std::string id = detail::c_string(user_id, "the user id");
    std::string name = detail::c_string(room, "the room");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_private_map_key_named_at(handle_.get(), id.c_str(), name.c_str(), privileges, expire, now, out,
                                              cap, len, error);
    });
  }

 private:
  static const uint8_t *bytes(std::string_view data) noexcept {
    return reinterpret_cast<const uint8_t *>(data.data());
  }

  std::unique_ptr<usersig_signer, void (*)(usersig_signer *)> handle_;
};

/// Checks tokens for one application against one or more keys.
class Verifier {
 public:
  /// A verifier for `sdkappid` with one key.
  Verifier(int64_t sdkappid, std::string_view key) : Verifier(sdkappid, std::vector<std::string_view>{key}) {}

  /// A verifier accepting any of `keys` (the current key first, then older ones).
  Verifier(int64_t sdkappid, const std::vector<std::string_view> &keys) : handle_(nullptr, usersig_verifier_destroy) {
    std::deque<detail::Secret> owned;
    for (std::string_view key : keys) owned.emplace_back(key, "a key");
    std::vector<const char *> pointers;
    pointers.reserve(owned.size());
    for (const detail::Secret &key : owned) pointers.push_back(key.c_str());
    usersig_verifier *raw = nullptr;
    usersig_error error{};
    detail::check(usersig_verifier_create(sdkappid, pointers.data(), pointers.size(), &raw, &error), error);
    handle_.reset(raw);
  }

  /// The claims of `token` if it is a valid UserSig (no userbuf) for `user_id` now.
  Claims verify(std::string_view token, std::string_view user_id) const {
    return verify_at(token, user_id, now());
  }

  /// The claims of `token` if it is a valid UserSig (no userbuf) for `user_id` at `now`.
  Claims verify_at(std::string_view token, std::string_view user_id, int64_t now) const {
    std::string t = detail::c_string(token, "the token"), id = detail::c_string(user_id, "the user id");
    return detail::verified([&](usersig_claims **out, usersig_error *error) {
      return usersig_verify_at(handle_.get(), t.c_str(), id.c_str(), now, out, error);
    });
  }

  /// As verify(), and the token must carry exactly `userbuf`.
  Claims verify_with_userbuf(std::string_view token, std::string_view user_id, std::string_view userbuf) const {
    return verify_with_userbuf_at(token, user_id, userbuf, now());
  }

  /// As verify_at(), and the token must carry exactly `userbuf`.
  Claims verify_with_userbuf_at(std::string_view token, std::string_view user_id, std::string_view userbuf,
                                int64_t now) const {
    std::string t = detail::c_string(token, "the token"), id = detail::c_string(user_id, "the user id");
    return detail::verified([&](usersig_claims **out, usersig_error *error) {
      return usersig_verify_with_userbuf_at(handle_.get(), t.c_str(), id.c_str(),
                                            reinterpret_cast<const uint8_t *>(userbuf.data()), userbuf.size(), now,
                                            out, error);
    });
  }

  /// As verify(), with or without a userbuf (the claims hold it; check a PrivateMapKey's grant).
  Claims verify_any_userbuf(std::string_view token, std::string_view user_id) const {
    return verify_any_userbuf_at(token, user_id, now());
  }

  /// As verify_at(), with or without a userbuf.
  Claims verify_any_userbuf_at(std::string_view token, std::string_view user_id, int64_t now) const {
    std::string t = detail::c_string(token, "the token"), id = detail::c_string(user_id, "the user id");
    return detail::verified([&](usersig_claims **out, usersig_error *error) {
      return usersig_verify_any_userbuf_at(handle_.get(), t.c_str(), id.c_str(), now, out, error);
    });
  }

 private:
  static int64_t now() noexcept { return static_cast<int64_t>(std::time(nullptr)); }

  std::unique_ptr<usersig_verifier, void (*)(usersig_verifier *)> handle_;
};

/// The claims of `token`, decoded but NOT verified: for logs and debugging only.
inline Claims inspect(std::string_view token) {
  std::string t = detail::c_string(token, "the token");
  return detail::verified(
      [&](usersig_claims **out, usersig_error *error) { return usersig_inspect_token(t.c_str(), out, error); });
}

/// A Chat callback that passed.
struct ChatCallback {
  /// Its CallbackCommand ("C2C.CallbackAfterSendMsg", ...).
  std::string command;
  /// Its SdkAppid.
  uint32_t sdkappid = 0;
  /// Its RequestTime, in Unix seconds.
  int64_t request_time = 0;
  /// The other (unsigned) query parameters, percent-decoded, in their order.
  std::vector<std::pair<std::string, std::string>> params;
};

/// A TRTC callback that passed: its SdkAppId header and the body's event fields.
struct TrtcCallback {
  /// Its SdkAppId header.
  uint32_t sdkappid = 0;
  /// The body's EventGroupId, when present.
  std::optional<int64_t> event_group_id;
  /// The body's EventType, when present.
  std::optional<int64_t> event_type;
  /// The body's CallbackTs, in Unix milliseconds, when present.
  std::optional<int64_t> callback_ts;
};

/// How far a Chat callback's RequestTime may be from the check's time by default, in seconds.
inline constexpr int64_t DEFAULT_CALLBACK_WINDOW = USERSIG_DEFAULT_CALLBACK_WINDOW;

/// Checks the callbacks Tencent's Chat (IM) servers send, signed with the console's callback
/// token. Refusals throw usersig::Error with a USERSIG_ERR_CALLBACK_* kind.
class ChatCallbackVerifier {
 public:
  /// A verifier for `token`, accepting callbacks for `sdkappid` (std::nullopt: any) whose
  /// RequestTime is within `window` seconds of the check's time either way.
  explicit ChatCallbackVerifier(std::string_view token, std::optional<int64_t> sdkappid = std::nullopt,
                                int64_t window = DEFAULT_CALLBACK_WINDOW)
      : handle_(nullptr, usersig_chat_callback_verifier_destroy) {
    int64_t expected = detail::expected_sdkappid(sdkappid);
    usersig_chat_callback_verifier *raw = nullptr;
    usersig_error error{};
    detail::check(usersig_chat_callback_verifier_create(detail::Secret(token, "the token").c_str(), expected,
                                                        window, &raw, &error),
                  error);
    handle_.reset(raw);
  }

  /// The callback whose URL has the raw query string `query` (after the '?', as received), if it
  /// passes now.
  ChatCallback verify_query(std::string_view query) const { return verify_query_at(query, now()); }

  /// The callback whose URL has the raw query string `query`, if it passes at `now`.
  ChatCallback verify_query_at(std::string_view query, int64_t now) const {
    std::string q = detail::c_string(query, "the query");
    return checked([&](usersig_chat_callback_info **out, usersig_error *error) {
      return usersig_verify_chat_callback_query_at(handle_.get(), q.c_str(), now, out, error);
    });
  }

  /// The callback with the parsed (percent-decoded) query parameters `params`, if it passes now.
  /// Prefer verify_query() when the raw query is at hand.
  ChatCallback verify_params(const std::vector<std::pair<std::string_view, std::string_view>> &params) const {
    return verify_params_at(params, now());
  }

  /// The callback with the parsed query parameters `params`, if it passes at `now`.
  ChatCallback verify_params_at(const std::vector<std::pair<std::string_view, std::string_view>> &params,
                                int64_t now) const {
    std::vector<std::string> owned;
    owned.reserve(params.size() * 2);
    for (const auto &[name, value] : params) {
      owned.push_back(detail::c_string(name, "a parameter's name"));
      owned.push_back(detail::c_string(value, "a parameter's value"));
    }
    std::vector<const char *> names, values;
    for (size_t i = 0; i < owned.size(); i += 2) {
      names.push_back(owned[i].c_str());
      values.push_back(owned[i + 1].c_str());
    }
    return checked([&](usersig_chat_callback_info **out, usersig_error *error) {
      return usersig_verify_chat_callback_params_at(handle_.get(), names.data(), values.data(), names.size(), now,
                                                    out, error);
    });
  }

  /// The Sign of a callback sent at `request_time`: lowercase hex SHA-256(token + RequestTime).
  std::string sign(int64_t request_time) const {
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_sign_chat_callback(handle_.get(), request_time, out, cap, len, error);
    });
  }

 private:
  static int64_t now() noexcept { return static_cast<int64_t>(std::time(nullptr)); }

  template <class Call>
  static ChatCallback checked(Call call) {
    usersig_chat_callback_info *raw = nullptr;
    usersig_error error{};
    detail::check(call(&raw, &error), error);
    std::unique_ptr<usersig_chat_callback_info, void (*)(usersig_chat_callback_info *)> owned(
        raw, usersig_chat_callback_info_free);
    ChatCallback callback;
    callback.command.assign(raw->command, raw->command_len);
    callback.sdkappid = raw->sdkappid;
    callback.request_time = raw->request_time;
    for (size_t i = 0; i < raw->param_count; i++) {
      const usersig_callback_param &p = raw->params[i];
      callback.params.emplace_back(std::string(p.name, p.name_len), std::string(p.value, p.value_len));
    }
    return callback;
  }

  std::unique_ptr<usersig_chat_callback_verifier, void (*)(usersig_chat_callback_verifier *)> handle_;
};

/// Checks the callbacks Tencent's TRTC servers send, signed with the console's callback key.
/// Refusals throw usersig::Error with a USERSIG_ERR_CALLBACK_* kind.
class TrtcCallbackVerifier {
 public:
  /// A verifier for `key`, accepting callbacks for `sdkappid` (std::nullopt: any) whose body's
  /// CallbackTs is within `window` seconds of the check's time either way (std::nullopt: at
  /// any time).
  explicit TrtcCallbackVerifier(std::string_view key, std::optional<int64_t> sdkappid = std::nullopt,
                                std::optional<int64_t> window = std::nullopt)
      : handle_(nullptr, usersig_trtc_callback_verifier_destroy) {
    int64_t expected = detail::expected_sdkappid(sdkappid);
    if (window == USERSIG_CALLBACK_NO_WINDOW) {
      throw Error(USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE,
                  "callback window -1 s is outside 0..=" + std::to_string(USERSIG_MAX_CALLBACK_WINDOW) + " s");
    }
    usersig_trtc_callback_verifier *raw = nullptr;
    usersig_error error{};
    detail::check(usersig_trtc_callback_verifier_create(detail::Secret(key, "the key").c_str(), expected,
                                                        window.value_or(USERSIG_CALLBACK_NO_WINDOW), &raw, &error),
                  error);
    handle_.reset(raw);
  }

  /// The callback with the headers `sign` (Sign) and `sdkappid` (SdkAppId), "" when absent, and
  /// the raw bytes of its `body` as received, if it passes now.
  TrtcCallback verify(std::string_view sign, std::string_view sdkappid, std::string_view body) const {
    return verify_at(sign, sdkappid, body, static_cast<int64_t>(std::time(nullptr)));
  }

  /// As verify(), at `now`.
  TrtcCallback verify_at(std::string_view sign, std::string_view sdkappid, std::string_view body,
                         int64_t now) const {
    std::string s = detail::c_string(sign, "the Sign header"), id = detail::c_string(sdkappid, "the SdkAppId header");
    usersig_trtc_callback_info raw{};
    usersig_error error{};
    detail::check(usersig_verify_trtc_callback_at(handle_.get(), s.c_str(), id.c_str(), bytes(body), body.size(), now,
                                                  &raw, &error),
                  error);
    TrtcCallback callback;
    callback.sdkappid = raw.sdkappid;
    if (raw.has_event_group_id) callback.event_group_id = raw.event_group_id;
    if (raw.has_event_type) callback.event_type = raw.event_type;
    if (raw.has_callback_ts) callback.callback_ts = raw.callback_ts;
    return callback;
  }

  /// The Sign header of a callback with `body`: base64 HMAC-SHA256(key, body).
  std::string sign(std::string_view body) const {
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_sign_trtc_callback(handle_.get(), bytes(body), body.size(), out, cap, len, error);
    });
  }

 private:
  static const uint8_t *bytes(std::string_view data) noexcept {
    return reinterpret_cast<const uint8_t *>(data.data());
  }

  std::unique_ptr<usersig_trtc_callback_verifier, void (*)(usersig_trtc_callback_verifier *)> handle_;
};

/// Where AdminAuth sends its requests.
struct Endpoint {
  /// A region by name ("china", "singapore", ...).
  static Endpoint region(std::string_view name) { return Endpoint{USERSIG_ENDPOINT_REGION, std::string(name)}; }
  /// A host; https:// is implied.
  static Endpoint host(std::string_view host) { return Endpoint{USERSIG_ENDPOINT_HOST, std::string(host)}; }
  /// A base URL.
  static Endpoint url(std::string_view url) { return Endpoint{USERSIG_ENDPOINT_URL, std::string(url)}; }

  /// USERSIG_ENDPOINT_REGION, _HOST or _URL.
  int kind;
  /// The name, host or URL.
  std::string value;
};

/// URLs for Tencent's server (REST) APIs, signed with a cached admin token.
class AdminAuth {
 public:
  /// An admin for `sdkappid` and its key, as `admin`, calling `endpoint`, with tokens valid
  /// `validity` seconds and renewed `renew_margin` seconds before they expire.
  AdminAuth(int64_t sdkappid, std::string_view key, std::string_view admin = "administrator",
            const Endpoint &endpoint = Endpoint::region("china"),
            int64_t validity = USERSIG_DEFAULT_ADMIN_VALIDITY, int64_t renew_margin = USERSIG_DEFAULT_RENEW_MARGIN)
      : handle_(nullptr, usersig_admin_destroy) {
    detail::Secret k(key, "the key");
    std::string a = detail::c_string(admin, "the admin id"), e = detail::c_string(endpoint.value, "the endpoint");
    usersig_admin *raw = nullptr;
    usersig_error error{};
    detail::check(usersig_admin_create(sdkappid, k.c_str(), a.c_str(), endpoint.kind, e.c_str(), validity,
                                       renew_margin, &raw, &error),
                  error);
    handle_.reset(raw);
  }

  /// The URL to POST to for `service`/`command` now.
  std::string url(std::string_view service, std::string_view command) const {
    return url_at(service, command, static_cast<int64_t>(std::time(nullptr)));
  }

  /// The URL to POST to for `service`/`command` at `now`.
  std::string url_at(std::string_view service, std::string_view command, int64_t now) const {
    std::string s = detail::c_string(service, "the service"), c = detail::c_string(command, "the command");
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_admin_url_for_at(handle_.get(), s.c_str(), c.c_str(), now, out, cap, len, error);
    });
  }

  /// The admin's token at `now` (cached, or fresh when due for renewal).
  std::string user_sig_at(int64_t now) const {
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_admin_token_at(handle_.get(), now, out, cap, len, error);
    });
  }

  /// The base URL requests go to.
  std::string base_url() const {
    return detail::text([&](char *out, size_t cap, size_t *len, usersig_error *error) {
      return usersig_admin_base_url(handle_.get(), out, cap, len, error);
    });
  }

 private:
  std::unique_ptr<usersig_admin, void (*)(usersig_admin *)> handle_;
};

}  // namespace usersig

#endif  // USERSIG_HPP
