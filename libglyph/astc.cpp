// ASTC encoding through astcenc. C++ only because astcenc.h is: the calls
// are C (extern "C" in Debian's shared library, declared so with
// ASTCENC_DYNAMIC_LIBRARY), and nothing here throws or uses the C++ library.
#define ASTCENC_DYNAMIC_LIBRARY 1
#include <astcenc.h>

extern "C" {
#include "context_internal.h"
#include "glyph/astc.h"
#include "glyph/error.h"
}

int glyph_astc_block_valid(unsigned block_w, unsigned block_h)
{
    static const unsigned char sizes[][2] = {{4, 4},  {5, 4},   {5, 5},   {6, 5},  {6, 6},
                                             {8, 5},  {8, 6},   {8, 8},   {10, 5}, {10, 6},
                                             {10, 8}, {10, 10}, {12, 10}, {12, 12}};
    for (const auto &s : sizes) {
        if (s[0] == block_w && s[1] == block_h) {
            return 1;
        }
    }
    return 0;
}

static float preset(enum glyph_astc_effort effort)
{
    switch (effort) {
    case GLYPH_ASTC_FAST:
        return ASTCENC_PRE_FAST;
    case GLYPH_ASTC_THOROUGH:
        return ASTCENC_PRE_THOROUGH;
    default:
        return ASTCENC_PRE_MEDIUM;
    }
}

static int refused(struct glyph_ctx *ctx, const char *what, astcenc_error e)
{
    glyph_log(ctx, GLYPH_LOG_ERROR, "astcenc: %s: %s", what, astcenc_get_error_string(e));
    return e == ASTCENC_ERR_OUT_OF_MEM ? GLYPH_ERR_NOMEM : GLYPH_ERR_UNSUPPORTED;
}

int glyph_astc_encode(struct glyph_ctx *ctx, const struct glyph_image *img, unsigned block_w,
                      unsigned block_h, enum glyph_astc_effort effort, uint8_t *out, size_t out_len)
{
    if (img == nullptr || out == nullptr || !glyph_astc_block_valid(block_w, block_h) ||
        img->width == 0 || img->height == 0 || img->stride != (size_t)img->width * 4) {
        return GLYPH_ERR_INVALID_ARG;
    }
    size_t cols = (img->width + block_w - 1) / block_w;
    size_t rows = (img->height + block_h - 1) / block_h;
    if (out_len / GLYPH_ASTC_BLOCK_BYTES / cols < rows) {
        return GLYPH_ERR_INVALID_ARG;
    }
    astcenc_config cfg;
    astcenc_error e = astcenc_config_init(ASTCENC_PRF_LDR, block_w, block_h, 1, preset(effort),
                                          ASTCENC_FLG_USE_ALPHA_WEIGHT, &cfg);
    if (e != ASTCENC_SUCCESS) {
        return refused(ctx, "configuration", e);
    }
    astcenc_context *c = nullptr;
    e = astcenc_context_alloc(&cfg, 1, &c);
    if (e != ASTCENC_SUCCESS) {
        return refused(ctx, "context", e);
    }
    void *slice = img->rgba;
    astcenc_image image = {img->width, img->height, 1, ASTCENC_TYPE_U8, &slice};
    const astcenc_swizzle swz = {ASTCENC_SWZ_R, ASTCENC_SWZ_G, ASTCENC_SWZ_B, ASTCENC_SWZ_A};
    e = astcenc_compress_image(c, &image, &swz, out, cols * rows * GLYPH_ASTC_BLOCK_BYTES, 0);
    astcenc_context_free(c);
    return e == ASTCENC_SUCCESS ? 0 : refused(ctx, "compression", e);
}
