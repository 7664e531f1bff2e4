// Resizing: separable, one axis at a time. Shrinking averages the source area
// each output pixel covers (box filter with fractional edges); enlarging
// interpolates bilinearly between pixel centres. Colour is weighted by alpha
// (premultiplied while filtering) so transparent pixels do not bleed into
// their neighbours. Float arithmetic: resizing is not on the hot path.
#include <math.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/image.h"

struct taps {
    uint32_t *first; // first source index per output index
    uint32_t *count; // number of taps per output index
    float *weight;   // `stride` weights per output index
    uint32_t stride;
};

static void taps_free(struct glyph_ctx *ctx, struct taps *t)
{
    glyph_free(ctx, t->first);
    glyph_free(ctx, t->count);
    glyph_free(ctx, t->weight);
}

static int taps_build(struct glyph_ctx *ctx, uint32_t src, uint32_t dst, struct taps *t)
{
    double scale = (double)src / dst;
    t->stride = scale > 1 ? (uint32_t)ceil(scale) + 1 : 2;
    t->first = glyph_alloc_array(ctx, dst, sizeof(uint32_t));
    t->count = glyph_alloc_array(ctx, dst, sizeof(uint32_t));
    t->weight = glyph_alloc_array(ctx, (size_t)dst * t->stride, sizeof(float));
    if (t->first == NULL || t->count == NULL || t->weight == NULL) {
        taps_free(ctx, t);
        return GLYPH_ERR_NOMEM;
    }
    for (uint32_t i = 0; i < dst; i++) {
        float *w = t->weight + (size_t)i * t->stride;
        if (scale > 1) {
            double lo = i * scale, hi = (i + 1) * scale;
            uint32_t a = (uint32_t)floor(lo);
            uint32_t n = 0;
            for (uint32_t s = a; s < src && s < hi && n < t->stride; s++) {
                double l = s > lo ? s : lo, h = s + 1 < hi ? s + 1 : hi;
                w[n++] = (float)((h - l) / scale);
            }
            t->first[i] = a;
            t->count[i] = n;
        } else {
            double c = (i + 0.5) * scale - 0.5;
            if (c < 0) {
                c = 0;
            }
            uint32_t a = (uint32_t)floor(c);
            if (a >= src - 1) {
                t->first[i] = src - 1;
                t->count[i] = 1;
                w[0] = 1;
                continue;
            }
            float f = (float)(c - a);
            t->first[i] = a;
            t->count[i] = 2;
            w[0] = 1 - f;
            w[1] = f;
        }
    }
    return 0;
}

static uint8_t to_byte(float v)
{
    v = v * 255.0f + 0.5f;
    return (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
}

int glyph_image_resize(struct glyph_ctx *ctx, const struct glyph_image *src, uint32_t width,
                       uint32_t height, struct glyph_image **out)
{
    if (ctx == NULL || src == NULL || out == NULL || src->rgba == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct glyph_image *dst = NULL;
    int err = glyph_image_create(ctx, width, height, &dst);
    if (err < 0) {
        return err;
    }
    if (width == src->width && height == src->height) {
        for (uint32_t y = 0; y < height; y++) {
            memcpy(dst->rgba + y * dst->stride, src->rgba + y * src->stride, dst->stride);
        }
        *out = dst;
        return 0;
    }
    struct taps tx = {0}, ty = {0};
    float *mid = glyph_alloc_array(ctx, (size_t)width * src->height, 4 * sizeof(float));
    if (mid == NULL || taps_build(ctx, src->width, width, &tx) < 0 ||
        taps_build(ctx, src->height, height, &ty) < 0) {
        glyph_free(ctx, mid);
        taps_free(ctx, &tx);
        glyph_image_destroy(dst);
        return GLYPH_ERR_NOMEM;
    }
    // Horizontal pass into premultiplied floats (0..1).
    for (uint32_t y = 0; y < src->height; y++) {
        const uint8_t *row = src->rgba + (size_t)y * src->stride;
        for (uint32_t x = 0; x < width; x++) {
            float acc[4] = {0, 0, 0, 0};
            const float *w = tx.weight + (size_t)x * tx.stride;
            for (uint32_t k = 0; k < tx.count[x]; k++) {
                const uint8_t *p = row + 4 * ((size_t)tx.first[x] + k);
                float a = p[3] / 255.0f;
                acc[0] += w[k] * a * (p[0] / 255.0f);
                acc[1] += w[k] * a * (p[1] / 255.0f);
                acc[2] += w[k] * a * (p[2] / 255.0f);
                acc[3] += w[k] * a;
            }
            memcpy(mid + 4 * ((size_t)y * width + x), acc, sizeof(acc));
        }
    }
    // Vertical pass, then back to straight alpha.
    for (uint32_t y = 0; y < height; y++) {
        const float *w = ty.weight + (size_t)y * ty.stride;
        uint8_t *row = dst->rgba + (size_t)y * dst->stride;
        for (uint32_t x = 0; x < width; x++) {
            float acc[4] = {0, 0, 0, 0};
            for (uint32_t k = 0; k < ty.count[y]; k++) {
                const float *m = mid + 4 * (((size_t)ty.first[y] + k) * width + x);
                for (unsigned c = 0; c < 4; c++) {
                    acc[c] += w[k] * m[c];
                }
            }
            float a = acc[3];
            for (unsigned c = 0; c < 3; c++) {
                row[4 * x + c] = a > 0 ? to_byte(acc[c] / a) : 0;
            }
            row[4 * x + 3] = to_byte(a);
        }
    }
    glyph_free(ctx, mid);
    taps_free(ctx, &tx);
    taps_free(ctx, &ty);
    *out = dst;
    return 0;
}
