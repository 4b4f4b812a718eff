/* The tests' assertions: each CHECK counts a pass or prints and counts a failure; main() ends
 * with report(), which prints "N passed, N failed" and returns the exit status. */
#ifndef USERSIG_TEST_CHECK_H
#define USERSIG_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      passed++;                                                          \
    } else {                                                             \
      failed++;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                    \
  } while (0)

#define CHECK_STR(a, b) CHECK(strcmp((a), (b)) == 0)

static int report(void) {
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

#endif
