// libglyph: the context every other object hangs off. No global state: two
// contexts may be used from two threads at once.
#ifndef GLYPH_CONTEXT_H
#define GLYPH_CONTEXT_H

#include <stdarg.h>
#include <stddef.h>

#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glyph_ctx;

enum glyph_log_level {
    GLYPH_LOG_ERROR = 0,
    GLYPH_LOG_WARN = 1,
    GLYPH_LOG_INFO = 2,
    GLYPH_LOG_DEBUG = 3,
};

// Log sink. libglyph never prints: messages (for example "font X has no
// glyph for U+2026") reach the program through this callback. `msg` is a
// complete line without a trailing newline, valid only during the call.
typedef void (*glyph_log_fn)(void *user, enum glyph_log_level level, const char *msg);

// Allocator. Defaults to malloc/realloc/free. `realloc_fn(user, NULL, n)`
// allocates, `realloc_fn(user, p, 0)` must not be relied on (libglyph calls
// free_fn instead).
struct glyph_allocator {
    void *(*realloc_fn)(void *user, void *ptr, size_t size);
    void (*free_fn)(void *user, void *ptr);
    void *user;
};

// Creates a context. `alloc` may be NULL for the C library's allocator; it is
// copied. Returns NULL when out of memory.
GLYPH_EXPORT struct glyph_ctx *glyph_ctx_create(const struct glyph_allocator *alloc);

// Destroys a context; NULL is a no-op. Every object created from it must have
// been destroyed first.
GLYPH_EXPORT void glyph_ctx_destroy(struct glyph_ctx *ctx);

// Sets the log callback (NULL: discard) and the most verbose level passed on
// (default GLYPH_LOG_WARN).
GLYPH_EXPORT void glyph_ctx_set_log(struct glyph_ctx *ctx, glyph_log_fn fn, void *user,
                                    enum glyph_log_level max_level);

#ifdef __cplusplus
}
#endif

#endif
