// libglyph: ASTC (Adaptive Scalable Texture Compression) encoding of an
// image, through Arm's astcenc (Debian's libastcenc). Blocks come out in
// raster order; a display that reads them in another order (EVE BT81x) has
// them reordered by its emitter.
#ifndef GLYPH_ASTC_H
#define GLYPH_ASTC_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"
#include "glyph/image.h"

#ifdef __cplusplus
extern "C" {
#endif

// Bytes per ASTC block, whatever the block size.
#define GLYPH_ASTC_BLOCK_BYTES 16u

// Search effort (astcenc's presets ASTCENC_PRE_FAST, _MEDIUM, _THOROUGH).
enum glyph_astc_effort {
    GLYPH_ASTC_FAST = 0,
    GLYPH_ASTC_MEDIUM = 1,
    GLYPH_ASTC_THOROUGH = 2,
};

// 1 if `block_w` x `block_h` is a 2D ASTC block size (4x4, 5x4, 5x5, 6x5,
// 6x6, 8x5, 8x6, 8x8, 10x5, 10x6, 10x8, 10x10, 12x10, 12x12).
GLYPH_EXPORT int glyph_astc_block_valid(unsigned block_w, unsigned block_h);

// Encodes `img` (8-bit RGBA, straight alpha) into ceil(width / block_w) x
// ceil(height / block_h) blocks of GLYPH_ASTC_BLOCK_BYTES, row after row,
// into `out` (`out_len` bytes, at least that many). Settings, so that anyone
// can reproduce the bytes with astcenc: LDR (linear) profile, block depth 1,
// the effort's preset, flag ASTCENC_FLG_USE_ALPHA_WEIGHT, swizzle RGBA, one
// thread; astcenc is deterministic under these. Errors:
// GLYPH_ERR_INVALID_ARG (block size, short buffer), GLYPH_ERR_NOMEM,
// GLYPH_ERR_UNSUPPORTED (astcenc refused; its reason is logged).
GLYPH_EXPORT GLYPH_NODISCARD int glyph_astc_encode(struct glyph_ctx *ctx,
                                                   const struct glyph_image *img, unsigned block_w,
                                                   unsigned block_h, enum glyph_astc_effort effort,
                                                   uint8_t *out, size_t out_len);

#ifdef __cplusplus
}
#endif

#endif
