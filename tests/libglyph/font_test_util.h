// Shared helpers for the libglyph font tests: DejaVu paths, a log collector
// and a failure counter.
#ifndef FONT_TEST_UTIL_H
#define FONT_TEST_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/context.h"
#include "glyph/font.h"

// $DEJAVU_DIR/name, in a static buffer (the tests are single-threaded).
static inline const char *dejavu(const char *name)
{
    static char path[4096];
    const char *dir = getenv("DEJAVU_DIR");
    snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "/usr/share/fonts/truetype/dejavu",
             name);
    return path;
}

// A context and DejaVuSans for a test's main(); 0, or 1 with a message.
static inline int open_sans(struct glyph_ctx **ctx, struct glyph_font **font)
{
    *ctx = glyph_ctx_create(NULL);
    *font = NULL;
    if (*ctx == NULL || glyph_font_open_file(*ctx, dejavu("DejaVuSans.ttf"), 0, font) != 0) {
        fprintf(stderr, "setup failed: cannot open %s\n", dejavu("DejaVuSans.ttf"));
        glyph_ctx_destroy(*ctx);
        return 1;
    }
    return 0;
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
