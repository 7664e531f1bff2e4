#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context_internal.h"

static void *default_realloc(void *user, void *ptr, size_t size)
{
    (void)user;
    return realloc(ptr, size);
}

static void default_free(void *user, void *ptr)
{
    (void)user;
    free(ptr);
}

struct glyph_ctx *glyph_ctx_create(const struct glyph_allocator *alloc)
{
    struct glyph_allocator a = {default_realloc, default_free, NULL};
    if (alloc != NULL && alloc->realloc_fn != NULL && alloc->free_fn != NULL) {
        a = *alloc;
    }
    struct glyph_ctx *ctx = a.realloc_fn(a.user, NULL, sizeof(*ctx));
    if (ctx == NULL) {
        return NULL;
    }
    memset(ctx, 0, sizeof(*ctx));
    ctx->alloc = a;
    ctx->log_max = GLYPH_LOG_WARN;
    return ctx;
}

void glyph_ctx_destroy(struct glyph_ctx *ctx)
{
    if (ctx == NULL) {
        return;
    }
    struct glyph_allocator a = ctx->alloc;
    a.free_fn(a.user, ctx);
}

void glyph_ctx_set_log(struct glyph_ctx *ctx, glyph_log_fn fn, void *user,
                       enum glyph_log_level max_level)
{
    ctx->log_fn = fn;
    ctx->log_user = user;
    ctx->log_max = max_level;
}

void *glyph_alloc(struct glyph_ctx *ctx, size_t size)
{
    return ctx->alloc.realloc_fn(ctx->alloc.user, NULL, size == 0 ? 1 : size);
}

void *glyph_alloc_array(struct glyph_ctx *ctx, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        return NULL;
    }
    return glyph_alloc(ctx, n * size);
}

void *glyph_calloc(struct glyph_ctx *ctx, size_t n, size_t size)
{
    void *p = glyph_alloc_array(ctx, n, size);
    if (p != NULL) {
        memset(p, 0, n * size);
    }
    return p;
}

void *glyph_realloc(struct glyph_ctx *ctx, void *ptr, size_t size)
{
    return ctx->alloc.realloc_fn(ctx->alloc.user, ptr, size == 0 ? 1 : size);
}

void glyph_free(struct glyph_ctx *ctx, void *ptr)
{
    if (ptr != NULL) {
        ctx->alloc.free_fn(ctx->alloc.user, ptr);
    }
}

char *glyph_strdup(struct glyph_ctx *ctx, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = glyph_alloc(ctx, n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

void glyph_log(struct glyph_ctx *ctx, enum glyph_log_level level, const char *fmt, ...)
{
    if (ctx->log_fn == NULL || level > ctx->log_max) {
        return;
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    ctx->log_fn(ctx->log_user, level, buf);
}
