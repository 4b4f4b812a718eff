/* A user's program: mints a token and verifies it. Prints the user id the token holds. */
#include <stdio.h>

#include <usersig.h>

int main(void) {
  usersig_signer *signer = NULL;
  usersig_verifier *verifier = NULL;
  const char *keys[] = {"secret"};
  char token[USERSIG_TOKEN_BUF];
  usersig_claims *claims = NULL;
  usersig_error error;
  if (usersig_signer_create(1400000000, "secret", &signer, &error) != USERSIG_OK ||
      usersig_verifier_create(1400000000, keys, 1, &verifier, &error) != USERSIG_OK ||
      usersig_user_sig(signer, "consumer", 600, token, sizeof token, NULL, &error) != USERSIG_OK ||
      usersig_verify(verifier, token, "consumer", &claims, &error) != USERSIG_OK) {
    fprintf(stderr, "%s: %s\n", usersig_kind_name(error.kind), error.message);
    return 1;
  }
  printf("%s\n", claims->user_id);
  usersig_claims_free(claims);
  usersig_verifier_destroy(verifier);
  usersig_signer_destroy(signer);
  return 0;
}
