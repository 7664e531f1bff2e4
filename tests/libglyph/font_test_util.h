// Shared helpers for the libglyph font tests: DejaVu paths, a log collector
// and a failure counter.
#ifndef FONT_TEST_UTIL_H
#define FONT_TEST_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph/context.h"

static int failed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond);                             \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failed = 1;                                                                            \
        }                                                                                          \
    } while (0)

// $DEJAVU_DIR/name, in a static buffer (the tests are single-threaded).
static inline const char *dejavu(const char *name)
{
    static char path[4096];
    const char *dir = getenv("DEJAVU_DIR");
    snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "/usr/share/fonts/truetype/dejavu",
             name);
    return path;
}

// Collects the last log line and counts lines per level.
struct log_capture {
    char last[512];
    int count[4];
};

static inline void capture_log(void *user, enum glyph_log_level level, const char *msg)
{
    struct log_capture *lc = user;
    snprintf(lc->last, sizeof(lc->last), "%s", msg);
    if ((unsigned)level < 4) {
        lc->count[level]++;
    }
    if (getenv("TEST_VERBOSE") != NULL) {
        fprintf(stderr, "log[%d]: %s\n", (int)level, msg);
    }
}

#endif
