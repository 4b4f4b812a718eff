/* The C API's time per call, on the inputs of bindings/ffi/examples/core_timing.rs (user id
 * "user00000", expire 86400, key and sdkappid of the vectors), for BENCHMARKS.md. */
#include "timing.h"
#include "usersig.h"

#define KEY "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

int main(int argc, char **argv) {
  timing_args(argc, argv);
  usersig_signer *signer;
  usersig_verifier *verifier;
  const char *keys[] = {KEY};
  char token[USERSIG_TOKEN_BUF], out[USERSIG_TOKEN_BUF];
  usersig_error error;
  if (usersig_signer_create(1400000000, KEY, &signer, &error) != USERSIG_OK ||
      usersig_verifier_create(1400000000, keys, 1, &verifier, &error) != USERSIG_OK ||
      usersig_user_sig_at(signer, "user00000", 86400, 1700000000, token, sizeof token, NULL, &error) != USERSIG_OK)
    return 1;
  int failures = 0;
  TIME_CALL("c.user_sig_at", failures += usersig_user_sig_at(signer, "user00000", 86400, 1700000000, out,
                                                                      sizeof out, NULL, &error) != USERSIG_OK);
  TIME_CALL("c.user_sig",
            failures += usersig_user_sig(signer, "user00000", 86400, out, sizeof out, NULL, &error) != USERSIG_OK);
  TIME_CALL("c.verify_at",
            failures += usersig_verify_at(verifier, token, "user00000", 1700000000, NULL, &error) != USERSIG_OK);
  usersig_claims *claims;
  TIME_CALL("c.verify_at+claims", {
    failures += usersig_verify_at(verifier, token, "user00000", 1700000000, &claims, &error) != USERSIG_OK;
    usersig_claims_free(claims);
  });
  usersig_signer_destroy(signer);
  usersig_verifier_destroy(verifier);
  return failures != 0;
}
