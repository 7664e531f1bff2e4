// libglyph private: context internals, allocation and logging helpers.
#ifndef GLYPH_CONTEXT_INTERNAL_H
#define GLYPH_CONTEXT_INTERNAL_H

#include <stddef.h>

#include "glyph/context.h"

struct glyph_ctx {
    struct glyph_allocator alloc;
    glyph_log_fn log_fn;
    void *log_user;
    enum glyph_log_level log_max;
};

void *glyph_alloc(struct glyph_ctx *ctx, size_t size);
void *glyph_calloc(struct glyph_ctx *ctx, size_t n, size_t size);
void *glyph_realloc(struct glyph_ctx *ctx, void *ptr, size_t size);
// Allocates n * size bytes, or returns NULL when the product overflows.
void *glyph_alloc_array(struct glyph_ctx *ctx, size_t n, size_t size);
void glyph_free(struct glyph_ctx *ctx, void *ptr);
char *glyph_strdup(struct glyph_ctx *ctx, const char *s);

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void glyph_log(struct glyph_ctx *ctx, enum glyph_log_level level, const char *fmt, ...);

#endif
