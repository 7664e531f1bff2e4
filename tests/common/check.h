// The one check macro of the C tests. From a test folder (tests/<component>/):
// #include "../common/check.h" (no meson change needed).
//
//   CHECK(cond);                  // on failure: file:line: func: CHECK(cond) failed
//   CHECK(cond, "fmt", args...);  // on failure: file:line: func: check failed: message
//   return check_status();        // at the end of main: 0, or 1 after the count
//
// A failed check is counted and the test goes on, so one run reports every
// failure. check_failures is the count (one per test program).
#ifndef TESTS_COMMON_CHECK_H
#define TESTS_COMMON_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures;

static inline void check_fail(const char *file, int line, const char *func, const char *cond)
{
    check_failures++;
    fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", file, line, func, cond);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static inline void
check_failf(const char *file, int line, const char *func, const char *fmt, ...)
{
    va_list ap;
    check_failures++;
    fprintf(stderr, "%s:%d: %s: check failed: ", file, line, func);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

// Exit status for main(): 0 when every check passed, else 1 (after printing
// how many failed).
static inline int check_status(void)
{
    if (check_failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", check_failures);
        return 1;
    }
    return 0;
}

// Reads a whole file into a new heap buffer (free() it) and sets *len;
// NULL when it cannot be opened, is empty, or a read fails.
static inline void *check_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (f == NULL) {
        return NULL;
    }
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    void *buf = n > 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)n) : NULL;
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf != NULL ? (size_t)n : 0;
    return buf;
}

// CHECK(cond) and CHECK(cond, fmt, ...) through one name: the 17th argument
// of CHECK_PICK_ is CHECK_COND_ for one argument and CHECK_MSG_ for 2..16.
// The condition is quoted as written (before macro expansion).
#define CHECK_PICK_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, name,   \
                    ...)                                                                           \
    name
#define CHECK(...)                                                                                 \
    CHECK_PICK_(__VA_ARGS__, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_,           \
                CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_,            \
                CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_MSG_, CHECK_COND_, unused)               \
    (#__VA_ARGS__, __VA_ARGS__)
#define CHECK_COND_(text, cond)                                                                    \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            check_fail(__FILE__, __LINE__, __func__, text);                                        \
        }                                                                                          \
    } while (0)
#define CHECK_MSG_(text, cond, ...)                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            check_failf(__FILE__, __LINE__, __func__, __VA_ARGS__);                                \
        }                                                                                          \
    } while (0)

#endif
