/* Loads the usersig FFI library through its C ABI (docs/abi.md), as a program of the target
 * platform would: checks the ABI version, makes a signer and a verifier, signs vector 001's input
 * at its fixed time, verifies that token (its signature must be the vector's TLS.sig: the
 * compressed bytes differ by design) and the vector's own token, and has a wrong key refused. Prints what it
 * checked; exits 1 on the first surprise. Built by scripts/release.sh with musl-gcc and mingw. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct usersig_signer usersig_signer;
typedef struct usersig_verifier usersig_verifier;

uint32_t usersig_abi_version(void);
int64_t usersig_signer_new(int64_t sdkappid, const char *key, size_t key_len,
                           usersig_signer **handle_out, char *out, size_t out_cap);
int64_t usersig_verifier_new(int64_t sdkappid, const char *keys, const size_t *key_lens,
                             size_t count, usersig_verifier **handle_out, char *out,
                             size_t out_cap);
void usersig_signer_free(usersig_signer *);
void usersig_verifier_free(usersig_verifier *);
int64_t usersig_signer_user_sig_at(const usersig_signer *, const char *user_id, size_t len,
                                   int64_t expire, int64_t now, char *out, size_t out_cap);
int64_t usersig_verifier_verify_at(const usersig_verifier *, const char *token, size_t len,
                                   const char *user_id, size_t user_id_len, int64_t now,
                                   char *out, size_t out_cap);

static const char KEY[] = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
/* core/tests/vectors/official-python.jsonl, 001-usersig. */
static const char VECTOR_001_SIG[] = "qyWaV4VcX0w4dNzZqeDoGGiMiZ64zqCzEKL+P6Qnrrs=";
static const char VECTOR_001[] =
    "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIlzA1NLGFSxSnZiQUFmSlACUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekg8wsrwxPDTMKSIwzKTVL8qqIKU13y3d0zfTOjzEyqCp2rXL19tAPMAvOKioptlWoB-ZwyEA__";

static int fail(const char *what) {
    printf("FAIL: %s\n", what);
    return 1;
}

int main(void) {
    char out[1024];
    usersig_signer *signer = NULL;
    usersig_verifier *verifier = NULL, *wrong = NULL;
    size_t key_len = strlen(KEY);
    int64_t n;

    if (usersig_abi_version() != 3) return fail("ABI version is not 3");
    if (usersig_signer_new(1400000000, KEY, key_len, &signer, NULL, 0) != 0 || !signer)
        return fail("signer_new");
    char token[1024];
    n = usersig_signer_user_sig_at(signer, "27149", 5, 15552000, 1700000000, out, sizeof out);
    if (n < 2 || n > (int64_t)sizeof token || out[0] != 0) return fail("user_sig_at");
    size_t token_len = (size_t)(n - 1);
    memcpy(token, out + 1, token_len);
    printf("abi %u: signed vector 001's input (%d bytes)\n", usersig_abi_version(), (int)token_len);

    if (usersig_verifier_new(1400000000, KEY, &key_len, 1, &verifier, NULL, 0) != 0)
        return fail("verifier_new");
    /* Claims end with the signature: a u32 length (44) and its base64. */
    size_t sig_len = strlen(VECTOR_001_SIG);
    n = usersig_verifier_verify_at(verifier, token, token_len, "27149", 5, 1700000001, out,
                                   sizeof out);
    if (n < (int64_t)(1 + 4 + sig_len) || n > (int64_t)sizeof out || out[0] != 0)
        return fail("verify_at refused our own token");
    if (memcmp(out + n - sig_len, VECTOR_001_SIG, sig_len) != 0 ||
        (uint8_t)out[n - sig_len - 4] != sig_len)
        return fail("our token's TLS.sig differs from vector 001's");
    printf("verified it: TLS.sig %s, as vector 001\n", VECTOR_001_SIG);
    n = usersig_verifier_verify_at(verifier, VECTOR_001, strlen(VECTOR_001), "27149", 5,
                                   1700000001, out, sizeof out);
    if (n < 1 || out[0] != 0) return fail("verify_at refused the vector");
    printf("verified vector 001\n");

    size_t wrong_len = key_len - 1;
    if (usersig_verifier_new(1400000000, KEY + 1, &wrong_len, 1, &wrong, NULL, 0) != 0)
        return fail("verifier_new (wrong key)");
    n = usersig_verifier_verify_at(wrong, VECTOR_001, strlen(VECTOR_001), "27149", 5,
                                   1700000001, out, sizeof out);
    if (n < 6 || out[0] != 1) return fail("a wrong key was not refused");
    uint32_t kind_len;
    memcpy(&kind_len, out + 1, 4); /* little-endian, as every target here */
    printf("wrong key refused: %.*s\n", (int)kind_len, out + 5);

    usersig_verifier_free(wrong);
    usersig_verifier_free(verifier);
    usersig_signer_free(signer);
    return 0;
}
