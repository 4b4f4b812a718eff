// genUserSig and genPrivateMapKey through tls_sig_api_v2.h, whichever implements it: compiled
// against usersig's drop-in by run.sh, and by hand against Tencent's port (never committed) for
// BENCHMARKS.md. Each call mints with the key, as Tencent's API requires.
#include <string>

#include "timing.h"
#include "tls_sig_api_v2.h"

int main(int argc, char **argv) {
  timing_args(argc, argv);
  const std::string key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  std::string sig, errmsg;
  int failures = 0;
  TIME_CALL("genUserSig", failures += genUserSig(1400000000, "user00000", key, 86400, sig, errmsg));
  TIME_CALL("genPrivateMapKey",
            failures += genPrivateMapKey(1400000000, "user00000", key, 1234, 86400, 255, sig, errmsg));
  return failures != 0;
}
