// libglyph: palettes for indexed pixel formats: a colour quantizer (median
// cut refined by k-means), a small text format, and palettes taken from the
// pixels of an image.
#ifndef GLYPH_PALETTE_H
#define GLYPH_PALETTE_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GLYPH_PALETTE_MAX 256u

// Up to 256 RGBA8888 colours (straight alpha). A plain value: no allocation.
struct glyph_palette {
    unsigned count;
    uint8_t rgba[GLYPH_PALETTE_MAX][4];
};

// Chooses at most `max_colors` (1..256) colours for the `width` x `height`
// RGBA pixels at `rgba` (`stride` bytes between rows). When the pixels hold
// no more distinct colours than that, the palette is exactly those colours;
// otherwise median cut (split the box with the largest count-weighted
// variance at its weighted median) followed by k-means refinement passes.
// All four channels count equally. Entries are sorted by their RGBA value, so
// the result is deterministic. Errors: GLYPH_ERR_INVALID_ARG, GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_palette_quantize(struct glyph_ctx *ctx, const uint8_t *rgba,
                                                        uint32_t width, uint32_t height,
                                                        size_t stride, unsigned max_colors,
                                                        struct glyph_palette *out);

// Parses the palette text format: one colour per line, `#rrggbb` (opaque) or
// `#aarrggbb`, hex digits in either case, the `#` optional; anything after
// the colour and white space is a comment; blank lines and lines starting
// with `;` or `//` are skipped. On GLYPH_ERR_PALETTE (bad line, more than 256
// colours, none at all) *bad_line (if not NULL) is the 1-based line number,
// 0 when no line is to blame.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_palette_parse_text(const char *text, size_t len,
                                                          struct glyph_palette *out,
                                                          unsigned *bad_line);

// Takes the pixels of an image (row-major) as palette entries, dropping
// repeats, in first-seen order. GLYPH_ERR_PALETTE when more than 256
// distinct colours.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_palette_from_pixels(const uint8_t *rgba, uint32_t width,
                                                           uint32_t height, size_t stride,
                                                           struct glyph_palette *out);

#ifdef __cplusplus
}
#endif

#endif
