/* The callback verifiers of the C API: every line of core/tests/vectors/callbacks.jsonl (verify
 * and sign, both schemes), refused callbacks each with its kind, null pointers, short buffers,
 * invalid UTF-8 and oversized inputs. Argument: the path of callbacks.jsonl. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "usersig.h"

#define APP 1400000000
#define T0 1700000000

static usersig_error err;

/* The JSON string value of `key` in `line`, unescaped into `value` (NUL-terminated); 0 if absent. */
static int json_string(const char *line, const char *key, char *value, size_t cap) {
  char needle[64];
  snprintf(needle, sizeof needle, "\"%s\": \"", key);
  const char *p = strstr(line, needle);
  if (!p) return 0;
  p += strlen(needle);
  size_t n = 0;
  for (; *p && *p != '"' && n + 1 < cap; p++) {
    char c = *p;
    if (c == '\\') {
      p++;
      c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
    }
    value[n++] = c;
  }
  value[n] = 0;
  return *p == '"';
}

/* The JSON integer value of `key` in `line`; 0 with *present = 0 when null or absent. */
static int64_t json_int(const char *line, const char *key, int *present) {
  char needle[64];
  snprintf(needle, sizeof needle, "\"%s\": ", key);
  const char *p = strstr(line, needle);
  *present = p && strncmp(p + strlen(needle), "null", 4) != 0;
  return *present ? strtoll(p + strlen(needle), NULL, 10) : 0;
}

static void test_vectors(const char *path) {
  FILE *f = fopen(path, "r");
  CHECK(f != NULL);
  if (!f) return;
  static char line[65536], secret[4096], body[16384], sign[128], command[256], query[1024];
  int chat = 0, trtc = 0, present;
  while (fgets(line, sizeof line, f)) {
    char out[128];
    size_t len = 0;
    int64_t sdkappid = json_int(line, "sdkappid", &present);
    CHECK(json_string(line, "sign", sign, sizeof sign));
    if (strstr(line, "\"scheme\": \"chat\"")) {
      chat++;
      CHECK(json_string(line, "token", secret, sizeof secret));
      CHECK(json_string(line, "command", command, sizeof command));
      int64_t time = json_int(line, "request_time", &present);
      usersig_chat_callback_verifier *v = NULL;
      CHECK(usersig_chat_callback_verifier_create(secret, sdkappid, USERSIG_DEFAULT_CALLBACK_WINDOW, &v, &err) ==
            USERSIG_OK);
      CHECK(usersig_sign_chat_callback(v, time, out, sizeof out, &len, &err) == USERSIG_OK && len == 64);
      CHECK_STR(out, sign);
      snprintf(query, sizeof query, "SdkAppid=%lld&CallbackCommand=%s&contenttype=json&RequestTime=%lld&Sign=%s",
               (long long)sdkappid, command, (long long)time, sign);
      usersig_chat_callback_info *c = NULL;
      CHECK(usersig_verify_chat_callback_query_at(v, query, time + 60, &c, &err) == USERSIG_OK);
      if (c) {
        CHECK_STR(c->command, command);
        CHECK(c->command_len == strlen(command) && c->sdkappid == sdkappid && c->request_time == time);
        CHECK(c->param_count == 1 && strcmp(c->params[0].name, "contenttype") == 0);
        CHECK(c->params[0].value_len == 4 && strcmp(c->params[0].value, "json") == 0);
      }
      usersig_chat_callback_info_free(c);
      CHECK(usersig_verify_chat_callback_query_at(v, query, time - 61, &c, &err) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
      CHECK(c == NULL);
      char sdkappid_text[16], time_text[24];
      snprintf(sdkappid_text, sizeof sdkappid_text, "%lld", (long long)sdkappid);
      snprintf(time_text, sizeof time_text, "%lld", (long long)time);
      const char *names[] = {"Sign", "RequestTime", "CallbackCommand", "SdkAppid"};
      const char *values[] = {sign, time_text, command, sdkappid_text};
      CHECK(usersig_verify_chat_callback_params_at(v, names, values, 4, time, &c, &err) == USERSIG_OK);
      CHECK(c && c->param_count == 0 && c->params == NULL);
      usersig_chat_callback_info_free(c);
      usersig_chat_callback_verifier_destroy(v);
    } else {
      trtc++;
      CHECK(json_string(line, "key", secret, sizeof secret));
      CHECK(json_string(line, "body", body, sizeof body));
      usersig_trtc_callback_verifier *v = NULL;
      CHECK(usersig_trtc_callback_verifier_create(secret, sdkappid, USERSIG_CALLBACK_NO_WINDOW, &v, &err) ==
            USERSIG_OK);
      CHECK(usersig_sign_trtc_callback(v, (const uint8_t *)body, strlen(body), out, sizeof out, &len, &err) ==
                USERSIG_OK &&
            len == 44);
      CHECK_STR(out, sign);
      char sdkappid_text[16];
      snprintf(sdkappid_text, sizeof sdkappid_text, "%lld", (long long)sdkappid);
      usersig_trtc_callback_info c;
      CHECK(usersig_verify_trtc_callback_at(v, sign, sdkappid_text, (const uint8_t *)body, strlen(body), 0, &c, &err) ==
            USERSIG_OK);
      int has;
      CHECK(c.sdkappid == sdkappid);
      CHECK(c.event_group_id == json_int(line, "event_group_id", &has) && c.has_event_group_id == has);
      CHECK(c.event_type == json_int(line, "event_type", &has) && c.has_event_type == has);
      CHECK(c.callback_ts == json_int(line, "callback_ts", &has) && c.has_callback_ts == has);
      body[strlen(body) - 1] = ' ';
      CHECK(usersig_verify_trtc_callback_at(v, sign, sdkappid_text, (const uint8_t *)body, strlen(body), 0, &c, &err) ==
            USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
      CHECK(!c.has_event_type && c.sdkappid == 0);
      usersig_trtc_callback_verifier_destroy(v);
    }
  }
  fclose(f);
  CHECK(chat >= 5 && trtc >= 4);
}

static void test_chat_refusals(void) {
  usersig_chat_callback_verifier *v = NULL;
  CHECK(usersig_chat_callback_verifier_create("token", APP, 60, &v, &err) == USERSIG_OK);
  char sign[65], upper[65], query[1024];
  CHECK(usersig_sign_chat_callback(v, T0, sign, sizeof sign, NULL, &err) == USERSIG_OK);
  for (int i = 0; i < 65; i++) upper[i] = (char)(sign[i] >= 'a' && sign[i] <= 'f' ? sign[i] - 32 : sign[i]);
#define QUERY(...) snprintf(query, sizeof query, __VA_ARGS__)
#define VERIFY() usersig_verify_chat_callback_query_at(v, query, T0, NULL, &err)
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s", APP, T0, sign);
  CHECK(VERIFY() == USERSIG_OK && err.kind == USERSIG_OK && err.message[0] == 0);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s", APP, T0, upper);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_INVALID && err.tencent_code == 0 && strstr(err.message, "Sign"));
  CHECK_STR(usersig_kind_name(err.kind), "callback_param_invalid");
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%.62s", APP, T0, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_INVALID);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%%%02X%s", APP, T0, sign[0], sign + 1);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_INVALID && strstr(err.message, "percent"));
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s&Sign=%s", APP, T0, sign, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_REPEATED);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&RequestTime=%d&Sign=%s", APP, T0, T0, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_REPEATED);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&Sign=%s", APP, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_MISSING && strstr(err.message, "RequestTime"));
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=soon&Sign=%s", APP, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_INVALID);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=99999999999999999999999&Sign=%s", APP, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_PARAM_INVALID);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s", APP, T0 + 1, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s", APP + 1, T0, sign);
  CHECK(VERIFY() == USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH);
  QUERY("SdkAppid=%d&CallbackCommand=C2C.X&RequestTime=%d&Sign=%s", APP, T0, sign);
  CHECK(usersig_verify_chat_callback_query_at(v, query, T0 + 61, NULL, &err) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  CHECK(usersig_verify_chat_callback_query(v, query, NULL, &err) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  char *huge = malloc(USERSIG_MAX_CALLBACK_QUERY_LEN + 2);
  memset(huge, 'a', USERSIG_MAX_CALLBACK_QUERY_LEN + 1);
  huge[USERSIG_MAX_CALLBACK_QUERY_LEN + 1] = 0;
  CHECK(usersig_verify_chat_callback_query_at(v, huge, T0, NULL, &err) == USERSIG_ERR_CALLBACK_TOO_LARGE);
  free(huge);
  CHECK(usersig_verify_chat_callback_query_at(v, "Sign=\xff", T0, NULL, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_verify_chat_callback_query_at(v, NULL, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_chat_callback_query_at(NULL, query, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_chat_callback_params_at(v, NULL, NULL, 0, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_PARAM_MISSING);
  CHECK(usersig_verify_chat_callback_params_at(v, NULL, NULL, 1, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  const char *names[] = {"Sign", NULL};
  const char *values[] = {sign, "x"};
  CHECK(usersig_verify_chat_callback_params_at(v, names, values, 2, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_chat_callback_params(v, names, values, 1, NULL, &err) == USERSIG_ERR_CALLBACK_PARAM_MISSING);
#undef QUERY
#undef VERIFY

  char out[65];
  size_t len = 0;
  CHECK(usersig_sign_chat_callback(v, T0, out, 64, &len, &err) == USERSIG_ERR_BUFFER_TOO_SMALL);
  CHECK(out[0] == 0 && len == 64);
  CHECK(usersig_sign_chat_callback(v, T0, NULL, 0, &len, &err) == USERSIG_ERR_BUFFER_TOO_SMALL && len == 64);
  CHECK(usersig_sign_chat_callback(v, T0, NULL, 8, &len, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_sign_chat_callback(NULL, T0, out, sizeof out, &len, &err) == USERSIG_ERR_NULL_POINTER);
  usersig_chat_callback_verifier_destroy(v);
  usersig_chat_callback_verifier_destroy(NULL);

  v = (usersig_chat_callback_verifier *)&err;
  CHECK(usersig_chat_callback_verifier_create("", APP, 60, &v, &err) == USERSIG_ERR_EMPTY_KEY && v == NULL);
  CHECK(usersig_chat_callback_verifier_create(NULL, APP, 60, &v, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_chat_callback_verifier_create("\xff", APP, 60, &v, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_chat_callback_verifier_create("t", APP, 60, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_chat_callback_verifier_create("t", -2, 60, &v, &err) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(usersig_chat_callback_verifier_create("t", 4294967296LL, 60, &v, &err) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(usersig_chat_callback_verifier_create("t", APP, -1, &v, &err) == USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE);
  CHECK(usersig_chat_callback_verifier_create("t", APP, USERSIG_MAX_CALLBACK_WINDOW + 1, &v, &err) ==
        USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE);
  CHECK(usersig_chat_callback_verifier_create("t", USERSIG_CALLBACK_ANY_SDKAPPID, 0, &v, &err) == USERSIG_OK);
  usersig_chat_callback_verifier_destroy(v);
}

static void test_trtc_refusals(void) {
  usersig_trtc_callback_verifier *v = NULL;
  CHECK(usersig_trtc_callback_verifier_create("key", APP, 60, &v, &err) == USERSIG_OK);
  char body[128], sign[45], bad[45];
  snprintf(body, sizeof body, "{\"EventGroupId\":1,\"EventType\":103,\"CallbackTs\":%d123}", T0);
  const uint8_t *b = (const uint8_t *)body;
  size_t n = strlen(body);
  CHECK(usersig_sign_trtc_callback(v, b, n, sign, sizeof sign, NULL, &err) == USERSIG_OK);
  usersig_trtc_callback_info c;
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", b, n, T0, &c, &err) == USERSIG_OK);
  CHECK(c.event_type == 103 && c.callback_ts == T0 * 1000LL + 123);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", b, n, T0 + 61, &c, &err) ==
        USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  CHECK(usersig_verify_trtc_callback(v, sign, "1400000000", b, n, NULL, &err) == USERSIG_ERR_CALLBACK_OUT_OF_WINDOW);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000001", b, n, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_SDKAPPID_MISMATCH);
  CHECK(usersig_verify_trtc_callback_at(v, NULL, "1400000000", b, n, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_PARAM_MISSING);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "", b, n, T0, NULL, &err) == USERSIG_ERR_CALLBACK_PARAM_MISSING);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "14e8", b, n, T0, NULL, &err) == USERSIG_ERR_CALLBACK_PARAM_INVALID);
  memcpy(bad, sign, sizeof sign);
  bad[43] = 0;
  CHECK(usersig_verify_trtc_callback_at(v, bad, "1400000000", b, n, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_PARAM_INVALID);
  bad[0] = bad[0] == 'A' ? 'B' : 'A';
  bad[43] = '=';
  CHECK(usersig_verify_trtc_callback_at(v, bad, "1400000000", b, n, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
  body[5]++;
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", b, n, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_BAD_SIGNATURE);
  CHECK(usersig_sign_trtc_callback(v, (const uint8_t *)"[1]", 3, sign, sizeof sign, NULL, &err) == USERSIG_OK);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", (const uint8_t *)"[1]", 3, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_PARAM_INVALID && strstr(err.message, "body"));
  CHECK(usersig_sign_trtc_callback(v, (const uint8_t *)"{}", 2, sign, sizeof sign, NULL, &err) == USERSIG_OK);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", (const uint8_t *)"{}", 2, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_PARAM_MISSING && strstr(err.message, "CallbackTs"));
  size_t big = 10 * 1024 * 1024;
  uint8_t *huge = calloc(big, 1);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", huge, big, T0, NULL, &err) ==
        USERSIG_ERR_CALLBACK_TOO_LARGE);
  free(huge);
  CHECK(usersig_verify_trtc_callback_at(v, sign, "1400000000", NULL, 3, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_verify_trtc_callback_at(v, "\xff", "1400000000", b, n, T0, NULL, &err) == USERSIG_ERR_INVALID_UTF8);
  CHECK(usersig_verify_trtc_callback_at(NULL, sign, "1400000000", b, n, T0, NULL, &err) == USERSIG_ERR_NULL_POINTER);

  size_t len = 0;
  CHECK(usersig_sign_trtc_callback(v, b, n, sign, 44, &len, &err) == USERSIG_ERR_BUFFER_TOO_SMALL);
  CHECK(sign[0] == 0 && len == 44);
  CHECK(usersig_sign_trtc_callback(v, NULL, 0, sign, sizeof sign, &len, &err) == USERSIG_OK && len == 44);
  CHECK(usersig_sign_trtc_callback(v, NULL, 1, sign, sizeof sign, &len, &err) == USERSIG_ERR_NULL_POINTER);
  usersig_trtc_callback_verifier_destroy(v);
  usersig_trtc_callback_verifier_destroy(NULL);

  CHECK(usersig_trtc_callback_verifier_create("", APP, 60, &v, &err) == USERSIG_ERR_EMPTY_KEY && v == NULL);
  CHECK(usersig_trtc_callback_verifier_create(NULL, APP, 60, &v, &err) == USERSIG_ERR_NULL_POINTER);
  CHECK(usersig_trtc_callback_verifier_create("k", APP, -2, &v, &err) == USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE);
  CHECK(usersig_trtc_callback_verifier_create("k", -5, 60, &v, &err) == USERSIG_ERR_SDKAPPID_OUT_OF_RANGE);
  CHECK(usersig_trtc_callback_verifier_create("k", APP, 60, NULL, &err) == USERSIG_ERR_NULL_POINTER);
}

static void test_kinds(void) {
  CHECK_STR(usersig_kind_name(USERSIG_ERR_CALLBACK_PARAM_MISSING), "callback_param_missing");
  CHECK_STR(usersig_kind_name(USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE), "callback_window_out_of_range");
  CHECK(USERSIG_ERR_CALLBACK_PARAM_MISSING == 27 && USERSIG_ERR_CALLBACK_WINDOW_OUT_OF_RANGE == 34);
  CHECK(usersig_kind_tencent_code(USERSIG_ERR_CALLBACK_BAD_SIGNATURE) == 0);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s CALLBACKS.jsonl\n", argv[0]);
    return 2;
  }
  test_kinds();
  test_vectors(argv[1]);
  test_chat_refusals();
  test_trtc_refusals();
  return report();
}
