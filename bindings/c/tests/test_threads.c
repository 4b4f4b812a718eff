/* 16 threads share one signer, one verifier and one admin: each mints, verifies and builds URLs
 * for its own user ids, and checks every result. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "usersig.h"

#define THREADS 16
#define ROUNDS 500
#define T0 1700000000

static usersig_signer *signer;
static usersig_verifier *verifier;
static usersig_admin *admin;

static void *work(void *arg) {
  intptr_t n = (intptr_t)arg;
  intptr_t bad = 0;
  char id[32], token[USERSIG_TOKEN_BUF], url[USERSIG_TOKEN_BUF];
  usersig_error err;
  for (int i = 0; i < ROUNDS; i++) {
    snprintf(id, sizeof id, "user-%d-%d", (int)n, i);
    int64_t now = T0 + i;
    if (usersig_user_sig_at(signer, id, 3600, now, token, sizeof token, NULL, &err) != USERSIG_OK) bad++;
    usersig_claims *c = NULL;
    if (usersig_verify_at(verifier, token, id, now, &c, &err) != USERSIG_OK || strcmp(c->user_id, id) != 0 ||
        c->issued_at != now)
      bad++;
    usersig_claims_free(c);
    if (usersig_verify_at(verifier, token, "someone else", now, NULL, &err) != USERSIG_ERR_USER_ID_MISMATCH) bad++;
    if (usersig_private_map_key_at(signer, id, 1 + i, 42, 600, now, token, sizeof token, NULL, &err) != USERSIG_OK)
      bad++;
    if (usersig_verify_any_userbuf_at(verifier, token, id, now, &c, &err) != USERSIG_OK || !c->has_grant ||
        c->grant.room_id != (uint32_t)(1 + i))
      bad++;
    usersig_claims_free(c);
    if (usersig_admin_url_for_at(admin, "im_open_login_svc", "account_import", now, url, sizeof url, NULL, &err) !=
            USERSIG_OK ||
        strstr(url, "identifier=administrator&usersig=") == NULL)
      bad++;
  }
  return (void *)bad;
}

int main(void) {
  const char *keys[] = {"key"};
  CHECK(usersig_signer_create(1400000000, "key", &signer, NULL) == USERSIG_OK);
  CHECK(usersig_verifier_create(1400000000, keys, 1, &verifier, NULL) == USERSIG_OK);
  CHECK(usersig_admin_create(1400000000, "key", NULL, 0, NULL, 3600, 600, &admin, NULL) == USERSIG_OK);
  pthread_t threads[THREADS];
  for (intptr_t t = 0; t < THREADS; t++) CHECK(pthread_create(&threads[t], NULL, work, (void *)t) == 0);
  for (int t = 0; t < THREADS; t++) {
    void *bad = NULL;
    CHECK(pthread_join(threads[t], &bad) == 0);
    CHECK(bad == NULL);
  }
  usersig_signer_destroy(signer);
  usersig_verifier_destroy(verifier);
  usersig_admin_destroy(admin);
  return report();
}
