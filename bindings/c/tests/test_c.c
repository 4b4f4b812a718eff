/* The C API, every function and every kind the C API can return from C (random_unavailable and
 * panicked cannot be caused from outside), with null pointers, short buffers, invalid UTF-8 and
 * huge inputs. Argument: the path of core/tests/vectors/official-python.jsonl. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "usersig.h"

#define KEY "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
#define APP 1400000000
#define T0 1700000000

static usersig_signer *signer;
static usersig_verifier *verifier;

static char out[USERSIG_TOKEN_BUF];
static size_t out_len;
static usersig_error err;

/* The vector file's "output" of the line whose id is `id`, into `token`. */
static int vector_token(const char *path, const char *id, char *token, size_t cap) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  static char line[65536];
  int found = 0;
  char needle[64];
  snprintf(needle, sizeof needle, "{\"id\": \"%s\"", id);
  while (!found && fgets(line, sizeof line, f)) {
    if (strncmp(line, needle, strlen(needle)) != 0) continue;
    const char *start = strstr(line, "\"output\": \"");
    if (!start) break;
    start += strlen("\"output\": \"");
    const char *end = strchr(start, '"');
    if (!end || (size_t)(end - start) >= cap) break;
    memcpy(token, start, (size_t)(end - start));
    token[end - start] = 0;
    found = 1;
  }
  fclose(f);
  return found;
}

static void test_version_and_kinds(void) {
  CHECK(usersig_c_api_version() == USERSIG_C_API_VERSION);
  CHECK_STR(usersig_kind_name(USERSIG_OK), "ok");
  CHECK_STR(usersig_kind_name(USERSIG_ERR_EXPIRED), "expired");
  CHECK_STR(usersig_kind_name(USERSIG_ERR_USER_ID_CONTROL_CHAR), "user_id_control_char");
  CHECK_STR(usersig_kind_name(USERSIG_ERR_BUFFER_TOO_SMALL), "buffer_too_small");
  CHECK_STR(usersig_kind_name(99), "unknown");
  CHECK_STR(usersig_kind_name(-1), "unknown");
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_EXPIRED) == 70001);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_MALFORMED) == 70003);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_BAD_SIGNATURE) == 70009);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_USER_ID_MISMATCH) == 70013);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_SDKAPPID_MISMATCH) == 70014);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_USERBUF_MISMATCH) == -100006);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_MISSING_USERBUF) == -100006);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_UNEXPECTED_USERBUF) == 0);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_EMPTY_KEY) == 0);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_NULL_POINTER) == 0);
}

static void test_constructors(void) {
  usersig_signer *s = (usersig_signer *)&err; /* any non-null value: it must be reset */
  CHECK(usersig_signer_create(APP, "", &s, &err) == USERSIG_ERR_EMPTY_KEY);
  CHECK(s == NULL && err.kind == USERSIG_ERR_EMPTY_KEY && err.tencent_code == 0 && err.message[0]);
  CHECK(usersig_signer_create(-1, KEY, &s, &err) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(strstr(err.message, "-1") != NULL);
  CHECK(usersig_signer_create(4294967296LL, KEY, &s, NULL) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(usersig_signer_create(APP, NULL, &s, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(strstr(err.message, "key") != NULL);
  CHECK(usersig_signer_create(APP, KEY, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_signer_create(APP, "k\xff", &s, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_signer_create(4294967295LL, KEY, &s, &err) == USERSIG_OK && s != NULL);
  CHECK(err.kind == USERSIG_OK && err.tencent_code == 0 && err.message[0] == 0);
  usersig_signer_destroy(s);
  usersig_signer_destroy(NULL);

  usersig_verifier *v = NULL;
  const char *keys[] = {"new", "old"};
  const char *with_null[] = {"new", NULL};
  const char *empty[] = {"new", ""};
  CHECK(usersig_verifier_create(APP, NULL, 0, &v, &err) == USERSIG_ERR_EMPTY_KEY && v == NULL);
  CHECK(usersig_verifier_create(APP, NULL, 1, &v, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verifier_create(APP, with_null, 2, &v, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verifier_create(APP, empty, 2, &v, &err) == USERSIG_ERR_EMPTY_KEY);
  CHECK(usersig_verifier_create(-5, keys, 2, &v, &err) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(usersig_verifier_create(APP, keys, 2, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verifier_create(APP, keys, 2, &v, &err) == USERSIG_OK);
  /* Rotation: tokens of either key verify. */
  usersig_signer *old = NULL;
  CHECK(usersig_signer_create(APP, "old", &old, NULL) == USERSIG_OK);
  CHECK(usersig_user_sig_at(old, "alice", 600, T0, out, sizeof out, &out_len, NULL) == USERSIG_OK);
  CHECK(usersig_verify_at(v, out, "alice", T0, NULL, &err) == USERSIG_OK);
  usersig_signer_destroy(old);
  usersig_verifier_destroy(v);
  usersig_verifier_destroy(NULL);
}

static void test_vectors(const char *path) {
  char official[4096];
  CHECK(vector_token(path, "001-usersig", official, sizeof official));
  usersig_claims *claims = NULL;
  CHECK(usersig_verify_at(verifier, official, "27149", T0, &claims, &err) == USERSIG_OK);
  if (!claims) return;
  CHECK_STR(claims->user_id, "27149");
  CHECK(claims->sdkappid == APP && claims->issued_at == T0 && claims->expire == 15552000);
  CHECK(claims->expires_at == T0 + 15552000 && !claims->has_userbuf && !claims->has_grant);
  /* usersig signs the same fields with the same signature as Tencent's library. */
  CHECK(usersig_user_sig_at(signer, "27149", 15552000, T0, out, sizeof out, &out_len, &err) == USERSIG_OK);
  usersig_claims *ours = NULL;
  CHECK(usersig_inspect_token(out, &ours, &err) == USERSIG_OK);
  if (ours) CHECK_STR(ours->signature, claims->signature);
  usersig_claims_free(ours);
  usersig_claims_free(claims);
  usersig_claims_free(NULL);

  /* A PrivateMapKey of Tencent's: its grant, and the same signature from usersig. */
  CHECK(vector_token(path, "041-pmk", official, sizeof official));
  CHECK(usersig_verify_at(verifier, official, "user_A", T0, NULL, &err) == USERSIG_ERR_UNEXPECTED_USERBUF);
  CHECK(usersig_verify_any_userbuf_at(verifier, official, "user_A", T0, &claims, &err) == USERSIG_OK);
  if (!claims) return;
  CHECK(claims->has_grant && claims->grant.room_id == 1234 && claims->grant.privileges == 255);
  CHECK(claims->grant.expires_at == T0 + 300 && claims->grant.sdkappid == APP);
  CHECK(usersig_private_map_key_at(signer, "user_A", 1234, 255, 300, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_OK);
  CHECK(usersig_inspect_token(out, &ours, &err) == USERSIG_OK);
  if (ours) CHECK_STR(ours->signature, claims->signature);
  usersig_claims_free(ours);
  usersig_claims_free(claims);
}

static void test_sign_and_verify(void) {
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(out_len == strlen(out) && out_len > 100);
  char token[USERSIG_TOKEN_BUF];
  strcpy(token, out);
  /* Deterministic for given arguments. */
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, out, sizeof out, NULL, NULL) == USERSIG_OK);
  CHECK_STR(out, token);

  usersig_claims *c = NULL;
  CHECK(usersig_verify_at(verifier, token, "alice", T0 + 3600, &c, &err) == USERSIG_OK && c);
  if (c) {
    CHECK_STR(c->user_id, "alice");
    CHECK(c->user_id_len == 5 && c->sdkappid == APP && c->issued_at == T0 && c->expire == 3600);
    CHECK(c->expires_at == T0 + 3600 && !c->has_userbuf && c->userbuf == NULL && !c->has_grant);
    CHECK(c->grant.room_str == NULL && c->grant.user_id == NULL && strlen(c->signature) == 44);
  }
  usersig_claims_free(c);
  CHECK(usersig_verify_at(verifier, token, "alice", T0, NULL, &err) == USERSIG_OK);

  /* Verification errors with their Tencent codes. */
  c = (usersig_claims *)&err;
  CHECK(usersig_verify_at(verifier, token, "alice", T0 + 3601, &c, &err) == USERSIG_ERR_EXPIRED);
  CHECK(c == NULL && err.tencent_code == 70001 && err.kind == USERSIG_ERR_EXPIRED);
  CHECK(usersig_verify_at(verifier, token, "bob", T0, NULL, &err) == USERSIG_ERR_USER_ID_MISMATCH);
  CHECK(err.tencent_code == 70013);
  usersig_verifier *other = NULL;
  const char *other_key[] = {"another key"};
  CHECK(usersig_verifier_create(APP, other_key, 1, &other, NULL) == USERSIG_OK);
  CHECK(usersig_verify_at(other, token, "alice", T0, NULL, &err) == USERSIG_ERR_BAD_SIGNATURE);
  CHECK(err.tencent_code == 70009 && strstr(err.message, KEY) == NULL);
  usersig_verifier_destroy(other);
  const char *key[] = {KEY};
  CHECK(usersig_verifier_create(1400000001, key, 1, &other, NULL) == USERSIG_OK);
  CHECK(usersig_verify_at(other, token, "alice", T0, NULL, &err) == USERSIG_ERR_SDKAPPID_MISMATCH);
  CHECK(err.tencent_code == 70014);
  usersig_verifier_destroy(other);
  CHECK(usersig_verify_at(verifier, "garbage", "alice", T0, NULL, &err) == USERSIG_ERR_MALFORMED);
  CHECK(err.tencent_code == 70003);
  CHECK(usersig_verify_at(verifier, "", "alice", T0, NULL, &err) == USERSIG_ERR_MALFORMED);
  CHECK(usersig_verify_at(verifier, "\x01\x02\x7f", "alice", T0, NULL, &err) == USERSIG_ERR_MALFORMED);
  CHECK(usersig_verify_at(verifier, "a\xc3(", "alice", T0, NULL, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_verify_at(verifier, token, "\xff", T0, NULL, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_verify_at(NULL, token, "alice", T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_at(verifier, NULL, "alice", T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_at(verifier, token, NULL, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify(verifier, token, "alice", NULL, &err) == USERSIG_ERR_EXPIRED);

  /* A huge token is refused as malformed, quickly, without reading it whole. */
  size_t huge = 10u << 20;
  char *big = malloc(huge + 1);
  memset(big, 'A', huge);
  big[huge] = 0;
  CHECK(usersig_verify_at(verifier, big, "alice", T0, NULL, &err) == USERSIG_ERR_MALFORMED);
  /* A huge user id is refused by the signer. */
  CHECK(usersig_user_sig_at(signer, big, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_USER_ID_TOO_LONG);
  CHECK(out[0] == 0);
  free(big);
}

static void test_short_buffers(void) {
  /* USERSIG_TOKEN_BUF holds the longest UserSig of a 588-byte user id (largest sdkappid,
   * validity and time), and not one of 589 bytes. */
  char id[600];
  memset(id, 'u', sizeof id);
  id[588] = 0;
  int64_t now = 4294967295LL - USERSIG_MAX_EXPIRE;
  usersig_signer *widest = NULL;
  CHECK(usersig_signer_create(4294967295LL, KEY, &widest, NULL) == USERSIG_OK);
  CHECK(usersig_user_sig_at(widest, id, USERSIG_MAX_EXPIRE, now, out, sizeof out, &out_len, &err) == USERSIG_OK);
  id[588] = 'u';
  id[589] = 0;
  CHECK(usersig_user_sig_at(widest, id, USERSIG_MAX_EXPIRE, now, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_BUFFER_TOO_SMALL);
  usersig_signer_destroy(widest);

  size_t need = 0;
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, NULL, 0, &need, &err) == USERSIG_ERR_BUFFER_TOO_SMALL);
  CHECK(need > 100 && err.kind == USERSIG_ERR_BUFFER_TOO_SMALL);
  char *buf = malloc(need + 1);
  memset(buf, 'x', need + 1);
  size_t len = 0;
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, buf, need, &len, &err) == USERSIG_ERR_BUFFER_TOO_SMALL);
  CHECK(buf[0] == 0 && buf[1] == 'x' && len == need);
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, buf, need + 1, &len, &err) == USERSIG_OK);
  CHECK(len == need && buf[need] == 0 && strlen(buf) == need);
  free(buf);
  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, NULL, 10, &len, &err) == USERSIG_ERR_NULL_POINTER);
}

static void test_input_errors(void) {
#define SIGN_AT(id, expire, now) usersig_user_sig_at(signer, id, expire, now, out, sizeof out, &out_len, &err)
  CHECK(SIGN_AT("", 3600, T0) == USERSIG_ERR_EMPTY_USER_ID);
  char id[1100];
  memset(id, 'u', sizeof id);
  id[1024] = 0;
  CHECK(SIGN_AT(id, 3600, T0) == USERSIG_ERR_BUFFER_TOO_SMALL && out_len > sizeof out);
  char *large = malloc(USERSIG_MAX_TOKEN_LEN + 1);
  CHECK(usersig_user_sig_at(signer, id, 3600, T0, large, USERSIG_MAX_TOKEN_LEN + 1, NULL, &err) == USERSIG_OK);
  CHECK(usersig_verify_at(verifier, large, id, T0, NULL, &err) == USERSIG_OK);
  free(large);
  id[1025] = 0;
  id[1024] = 'u';
  CHECK(SIGN_AT(id, 3600, T0) == USERSIG_ERR_USER_ID_TOO_LONG);
  CHECK(SIGN_AT("a\nb", 3600, T0) == USERSIG_ERR_USER_ID_CONTROL_CHAR && strstr(err.message, "1"));
  CHECK(SIGN_AT("a\x7f", 3600, T0) == USERSIG_ERR_USER_ID_CONTROL_CHAR);
  CHECK(SIGN_AT("\xe4\xb8", 3600, T0) == USERSIG_ERR_INVALID_UTF8);
  CHECK(SIGN_AT(NULL, 3600, T0) == USERSIG_ERR_NULL_POINTER);
  CHECK(SIGN_AT("alice", 0, T0) == USERSIG_ERR_EXPIRE_OUT_OF_RANGE);
  CHECK(SIGN_AT("alice", USERSIG_MAX_EXPIRE + 1, T0) == USERSIG_ERR_EXPIRE_OUT_OF_RANGE);
  CHECK(SIGN_AT("alice", 3600, -1) == USERSIG_ERR_TIME_OUT_OF_RANGE);
  CHECK(SIGN_AT("alice", 3600, 4294967295LL) == USERSIG_ERR_EXPIRY_OVERFLOW);
  CHECK(usersig_user_sig_at(NULL, "alice", 3600, T0, out, sizeof out, &out_len, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_user_sig(signer, "alice", USERSIG_DEFAULT_EXPIRE, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_verify(verifier, out, "alice", NULL, &err) == USERSIG_OK);

  uint8_t userbuf[5000];
  memset(userbuf, 7, sizeof userbuf);
  CHECK(usersig_user_sig_with_userbuf_at(signer, "alice", userbuf, 4097, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_USERBUF_TOO_LONG);
  CHECK(usersig_user_sig_with_userbuf_at(signer, "alice", NULL, 3, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_private_map_key_at(signer, "alice", 0, 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_ROOM_ID_OUT_OF_RANGE);
  CHECK(usersig_private_map_key_at(signer, "alice", 4294967295LL, 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_ROOM_ID_OUT_OF_RANGE);
  CHECK(usersig_private_map_key_at(signer, "alice", 1234, 256, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE);
  CHECK(usersig_private_map_key_at(signer, "alice", 1234, -1, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_PRIVILEGE_OUT_OF_RANGE);
  CHECK(usersig_private_map_key_named_at(signer, "alice", "", 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_EMPTY_ROOM_STR);
  char room[70];
  memset(room, 'r', sizeof room);
  room[65] = 0;
  CHECK(usersig_private_map_key_named_at(signer, "alice", room, 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_ROOM_STR_TOO_LONG);
  CHECK(usersig_private_map_key_named_at(signer, "alice", NULL, 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_private_map_key_named_at(signer, "alice", "\xff", 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_INVALID_UTF8);
#undef SIGN_AT
}

static void test_userbufs(void) {
  const uint8_t userbuf[] = {0, 1, 2, 0xff, 0};
  CHECK(usersig_user_sig_with_userbuf_at(signer, "alice", userbuf, sizeof userbuf, 3600, T0, out, sizeof out,
                                         &out_len, &err) == USERSIG_OK);
  usersig_claims *c = NULL;
  CHECK(usersig_verify_at(verifier, out, "alice", T0, &c, &err) == USERSIG_ERR_UNEXPECTED_USERBUF && c == NULL);
  CHECK(err.tencent_code == 0);
  CHECK(usersig_verify_with_userbuf_at(verifier, out, "alice", userbuf, sizeof userbuf, T0, &c, &err) == USERSIG_OK);
  if (c) CHECK(c->has_userbuf && c->userbuf_len == sizeof userbuf && memcmp(c->userbuf, userbuf, 5) == 0);
  usersig_claims_free(c);
  CHECK(usersig_verify_with_userbuf_at(verifier, out, "alice", userbuf, 4, T0, NULL, &err) ==
        USERSIG_ERR_USERBUF_MISMATCH);
  CHECK(err.tencent_code == -100006);
  CHECK(usersig_verify_with_userbuf_at(verifier, out, "alice", NULL, 1, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_user_sig_with_userbuf(signer, "alice", userbuf, sizeof userbuf, 600, out, sizeof out, &out_len,
                                      &err) == USERSIG_OK);
  CHECK(usersig_verify_with_userbuf(verifier, out, "alice", userbuf, sizeof userbuf, NULL, &err) == USERSIG_OK);

  CHECK(usersig_user_sig_at(signer, "alice", 3600, T0, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_verify_with_userbuf_at(verifier, out, "alice", userbuf, 5, T0, NULL, &err) ==
        USERSIG_ERR_MISSING_USERBUF);
  CHECK(err.tencent_code == -100006);
  CHECK(usersig_verify_any_userbuf_at(verifier, out, "alice", T0, &c, &err) == USERSIG_OK && c && !c->has_userbuf);
  usersig_claims_free(c);
}

static void test_private_map_keys(void) {
  usersig_claims *c = NULL;
  CHECK(usersig_private_map_key_at(signer, "alice", 1234, 42, 3600, T0, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_verify_at(verifier, out, "alice", T0, NULL, &err) == USERSIG_ERR_UNEXPECTED_USERBUF);
  CHECK(usersig_verify_any_userbuf_at(verifier, out, "alice", T0, &c, &err) == USERSIG_OK && c);
  if (c) {
    CHECK(c->has_userbuf && c->has_grant && c->userbuf_len == 1 + 2 + 5 + 20);
    CHECK_STR(c->grant.user_id, "alice");
    CHECK(c->grant.user_id_len == 5 && c->grant.sdkappid == APP && c->grant.room_id == 1234);
    CHECK(c->grant.room_str == NULL && c->grant.room_str_len == 0 && c->grant.privileges == 42);
    CHECK(c->grant.expires_at == T0 + 3600);
  }
  usersig_claims_free(c);
  CHECK(usersig_private_map_key_named_at(signer, "alice", "room-9", 255, 3600, T0, out, sizeof out, &out_len, &err) ==
        USERSIG_OK);
  CHECK(usersig_verify_any_userbuf_at(verifier, out, "alice", T0, &c, &err) == USERSIG_OK && c);
  if (c && c->grant.room_str) {
    CHECK_STR(c->grant.room_str, "room-9");
    CHECK(c->grant.room_id == 0 && c->grant.room_str_len == 6 && c->grant.privileges == 255);
  }
  usersig_claims_free(c);
  CHECK(usersig_private_map_key(signer, "alice", 7, 2, 600, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_verify_any_userbuf(verifier, out, "alice", NULL, &err) == USERSIG_OK);
  CHECK(usersig_private_map_key_named(signer, "alice", "r", 2, 600, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_verify_any_userbuf(verifier, out, "alice", NULL, &err) == USERSIG_OK);
  CHECK(usersig_inspect_token(out, &c, &err) == USERSIG_OK && c && c->has_grant);
  usersig_claims_free(c);
  CHECK(usersig_inspect_token("nope", &c, &err) == USERSIG_ERR_MALFORMED && c == NULL);
  CHECK(usersig_inspect_token(NULL, &c, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_inspect_token(out, NULL, &err) == USERSIG_ERR_NULL_POINTER);
}

static void test_admin(void) {
  usersig_admin *admin = NULL;
#define ADMIN(key, id, kind, endpoint, validity, margin) \
  usersig_admin_create(APP, key, id, kind, endpoint, validity, margin, &admin, &err)
  CHECK(ADMIN(KEY, NULL, 0, NULL, USERSIG_DEFAULT_ADMIN_VALIDITY, USERSIG_DEFAULT_RENEW_MARGIN) == USERSIG_OK);
  CHECK(usersig_admin_base_url(admin, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK_STR(out, "https://console.tim.qq.com");
  CHECK(usersig_admin_url_for_at(admin, "im_open_login_svc", "account_import", T0, out, sizeof out, &out_len, &err) ==
        USERSIG_OK);
  const char *prefix =
      "https://console.tim.qq.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator"
      "&usersig=";
  CHECK(strncmp(out, prefix, strlen(prefix)) == 0);
  CHECK(out_len > 20 && strcmp(out + out_len - 17, "&contenttype=json") == 0);
  char token[USERSIG_TOKEN_BUF], again[USERSIG_TOKEN_BUF];
  CHECK(usersig_admin_token_at(admin, T0, token, sizeof token, NULL, &err) == USERSIG_OK);
  CHECK(usersig_verify_at(verifier, token, "administrator", T0, NULL, &err) == USERSIG_OK);
  CHECK(usersig_admin_token_at(admin, T0 + 100, again, sizeof again, NULL, &err) == USERSIG_OK);
  CHECK_STR(token, again); /* cached */
  CHECK(usersig_admin_token_at(admin, T0 + 3001, again, sizeof again, NULL, &err) == USERSIG_OK);
  CHECK(strcmp(token, again) != 0); /* renewed within the margin */
  size_t need = 0;
  CHECK(usersig_admin_url_for_at(admin, "s", "c", T0, out, 10, &need, &err) == USERSIG_ERR_BUFFER_TOO_SMALL);
  char *buf = malloc(need + 1);
  CHECK(usersig_admin_url_for_at(admin, "s", "c", T0, buf, need + 1, &out_len, &err) == USERSIG_OK);
  free(buf);
  CHECK(usersig_admin_url_for_at(admin, "a/b", "c", T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_INVALID_REST_PATH);
  CHECK(usersig_admin_url_for_at(admin, "s", "..", T0, out, sizeof out, &out_len, &err) ==
        USERSIG_ERR_INVALID_REST_PATH);
  CHECK(usersig_admin_url_for_at(admin, "s", NULL, T0, out, sizeof out, &out_len, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_admin_url_for(admin, "s", "c", out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK(usersig_admin_url_for_at(NULL, "s", "c", T0, out, sizeof out, &out_len, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_admin_token_at(NULL, T0, out, sizeof out, &out_len, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_admin_base_url(NULL, out, sizeof out, &out_len, &err) == USERSIG_ERR_NULL_POINTER);
  usersig_admin_destroy(admin);
  usersig_admin_destroy(NULL);

  CHECK(ADMIN(KEY, "ops", USERSIG_ENDPOINT_REGION, "singapore", 600, 60) == USERSIG_OK);
  CHECK(usersig_admin_base_url(admin, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK_STR(out, "https://adminapisgp.im.qcloud.com");
  usersig_admin_destroy(admin);
  CHECK(ADMIN(KEY, "ops", USERSIG_ENDPOINT_HOST, "example.com", 600, 60) == USERSIG_OK);
  CHECK(usersig_admin_base_url(admin, out, sizeof out, &out_len, &err) == USERSIG_OK);
  CHECK_STR(out, "https://example.com");
  usersig_admin_destroy(admin);
  CHECK(ADMIN(KEY, "ops", USERSIG_ENDPOINT_URL, "http://127.0.0.1:8080", 600, 60) == USERSIG_OK);
  usersig_admin_destroy(admin);
  CHECK(ADMIN(KEY, NULL, USERSIG_ENDPOINT_REGION, "mars", 600, 60) == USERSIG_ERR_UNKNOWN_REGION && admin == NULL);
  CHECK(ADMIN(KEY, NULL, USERSIG_ENDPOINT_HOST, "a b", 600, 60) == USERSIG_ERR_INVALID_ENDPOINT);
  CHECK(ADMIN(KEY, NULL, USERSIG_ENDPOINT_URL, "ftp://x", 600, 60) == USERSIG_ERR_INVALID_ENDPOINT);
  CHECK(ADMIN(KEY, NULL, 0, NULL, 0, 0) == USERSIG_ERR_EXPIRE_OUT_OF_RANGE);
  CHECK(ADMIN(KEY, NULL, 0, NULL, 600, 600) == USERSIG_ERR_RENEW_MARGIN_OUT_OF_RANGE);
  CHECK(ADMIN(KEY, "", 0, NULL, 600, 60) == USERSIG_ERR_EMPTY_USER_ID);
  CHECK(ADMIN(KEY, "ad\tmin", 0, NULL, 600, 60) == USERSIG_ERR_USER_ID_CONTROL_CHAR);
  CHECK(ADMIN("", NULL, 0, NULL, 600, 60) == USERSIG_ERR_EMPTY_KEY);
  CHECK(ADMIN(NULL, NULL, 0, NULL, 600, 60) == USERSIG_ERR_NULL_POINTER);
  CHECK(ADMIN(KEY, "\xff", 0, NULL, 600, 60) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_admin_create(APP, KEY, NULL, 0, NULL, 600, 60, NULL, &err) == USERSIG_ERR_NULL_POINTER);
#undef ADMIN
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s VECTORS.jsonl\n", argv[0]);
    return 2;
  }
  const char *keys[] = {KEY};
  CHECK(usersig_signer_create(APP, KEY, &signer, &err) == USERSIG_OK);
  CHECK(usersig_verifier_create(APP, keys, 1, &verifier, &err) == USERSIG_OK);
  test_version_and_kinds();
  test_constructors();
  test_vectors(argv[1]);
  test_sign_and_verify();
  test_short_buffers();
  test_input_errors();
  test_userbufs();
  test_private_map_keys();
  test_admin();
  usersig_signer_destroy(signer);
  usersig_verifier_destroy(verifier);
  return report();
}
