/* The benchmarks' timer: the fastest of 7 batches of one call, after doubling the batch until it
 * runs 20 ms (which also warms up), in microseconds per call. Run as `PROGRAM NAME COUNT`, a
 * program instead calls only NAME, COUNT times, untimed (for instruction counts: callgrind). */
#ifndef USERSIG_BENCH_TIMING_H
#define USERSIG_BENCH_TIMING_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *only_name;
static long only_count;

/* Reads `NAME COUNT` from the command line, if given. */
static void timing_args(int argc, char **argv) {
  if (argc == 3) {
    only_name = argv[1];
    only_count = atol(argv[2]);
  }
}

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#define TIME_CALL(name, call)                                       \
  do {                                                              \
    if (only_name) {                                                \
      if (strcmp(only_name, name) == 0) {                           \
        for (long i = 0; i < only_count; i++) {                     \
          call;                                                     \
        }                                                           \
      }                                                             \
      break;                                                        \
    }                                                               \
    long n = 1;                                                     \
    for (;;) {                                                      \
      double start = seconds();                                     \
      for (long i = 0; i < n; i++) {                                \
        call;                                                       \
      }                                                             \
      if (seconds() - start > 0.02) break;                          \
      n *= 2;                                                       \
    }                                                               \
    double best = 1e9;                                              \
    for (int pass = 0; pass < 7; pass++) {                          \
      double start = seconds();                                     \
      for (long i = 0; i < n; i++) {                                \
        call;                                                       \
      }                                                             \
      double each = (seconds() - start) / (double)n;                \
      if (each < best) best = each;                                 \
    }                                                               \
    printf("%-40s %8.3f us\n", name, best * 1e6);                   \
  } while (0)

#endif
