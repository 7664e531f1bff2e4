// libglyph: encoding RGBA pixels as PNG in memory (for previews). libglyph
// writes no files; the program stores the bytes.
#ifndef GLYPH_PNG_H
#define GLYPH_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

// Encodes `width` x `height` 8-bit RGBA pixels (non-premultiplied, sRGB),
// `stride` bytes between rows, as a PNG. On success *out is allocated through
// the context (free with glyph_buffer_free) and *out_len set. Errors:
// GLYPH_ERR_INVALID_ARG, GLYPH_ERR_NOMEM, GLYPH_ERR_PNG_WRITE.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_png_encode_rgba(struct glyph_ctx *ctx, const uint8_t *rgba,
                                                       uint32_t width, uint32_t height,
                                                       size_t stride, uint8_t **out,
                                                       size_t *out_len);

// Frees a buffer libglyph returned; NULL is a no-op.
GLYPH_EXPORT void glyph_buffer_free(struct glyph_ctx *ctx, void *buf);

#ifdef __cplusplus
}
#endif

#endif
