// libglyph: rendering a character set from a fallback chain of fonts into a
// glyph set: quantized coverage bitmaps and metrics, before packing.
#ifndef GLYPH_GLYPHSET_H
#define GLYPH_GLYPHSET_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/charset.h"
#include "glyph/context.h"
#include "glyph/export.h"
#include "glyph/font.h"

enum glyph_hinting {
    GLYPH_HINT_DEFAULT = 0, // FreeType's default for the mode (mono target for bpp 1)
    GLYPH_HINT_NORMAL = 1,  // FT_LOAD_TARGET_NORMAL
    GLYPH_HINT_LIGHT = 2,   // FT_LOAD_TARGET_LIGHT
    GLYPH_HINT_MONO = 3,    // FT_LOAD_TARGET_MONO
    GLYPH_HINT_NONE = 4,    // FT_LOAD_NO_HINTING
};

struct glyph_render_opts {
    // Em size in pixels (FT_Set_Pixel_Sizes), as lv_font_conv's --size.
    // Exactly one of size_px and line_height_px is non-zero.
    uint32_t size_px;
    // Wanted line height in pixels (ascender - descender of the rendered
    // font); the em size is solved for: the largest em size whose line height
    // does not exceed this.
    uint32_t line_height_px;
    // 1: FreeType's monochrome renderer; 2, 4, 8: anti-aliased renderer with
    // coverage v (0..255) quantized q = (v * (2^bpp - 1) + 127) / 255.
    unsigned bpp;
    enum glyph_hinting hinting;
};

// Largest accepted em size / line height, in pixels.
#define GLYPH_MAX_SIZE_PX 2048u

struct glyph_info {
    uint32_t codepoint;
    int32_t advance;     // horizontal advance, whole pixels (rounded 26.6)
    int32_t left;        // FreeType bitmap_left: pen x to the bitmap's left edge
    int32_t top;         // FreeType bitmap_top: baseline to the bitmap's top row, up positive
    uint32_t width;      // bitmap width in pixels (0 for blank glyphs such as space)
    uint32_t height;     // bitmap height in pixels
    unsigned font_index; // index into the font chain of the font that supplied it
    // width * height quantized levels (0..2^bpp-1), row-major, pitch = width;
    // NULL when width or height is 0. Owned by the set.
    const uint8_t *levels;
};

struct glyph_set_metrics {
    uint32_t size_px;    // em size used
    unsigned bpp;        // levels per pixel are 0..2^bpp-1
    int32_t ascender;    // pixels above the baseline (positive)
    int32_t descender;   // pixels below the baseline (negative or 0)
    int32_t line_height; // ascender - descender
    int32_t max_advance; // largest advance of the rendered glyphs
    int32_t baseline;    // rows from the top of a line to the baseline (= ascender)
    const char *family;  // of the first font in the chain
    const char *style;
};

struct glyph_set;

// Renders every code point of `cs` from the first font in `fonts` (a fallback
// chain of `nfonts`) that has it. Code points no font has are recorded as
// missing (logged as a warning), not an error. Glyphs are sorted by code
// point. Errors: GLYPH_ERR_INVALID_ARG (bad bpp, both or no size), GLYPH_ERR_
// FONT_SIZE (size 0, above GLYPH_MAX_SIZE_PX, or not available in a bitmap
// font), GLYPH_ERR_EMPTY (empty charset), GLYPH_ERR_GLYPH_RENDER (a glyph
// failed; logged with its code point), GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_set_render(struct glyph_ctx *ctx,
                                                  struct glyph_font *const *fonts, size_t nfonts,
                                                  const struct glyph_charset *cs,
                                                  const struct glyph_render_opts *opts,
                                                  struct glyph_set **out);

// NULL is a no-op.
GLYPH_EXPORT void glyph_set_destroy(struct glyph_set *set);

GLYPH_EXPORT const struct glyph_set_metrics *glyph_set_metrics(const struct glyph_set *set);
GLYPH_EXPORT size_t glyph_set_count(const struct glyph_set *set);
// i < count; valid while the set lives.
GLYPH_EXPORT const struct glyph_info *glyph_set_glyph(const struct glyph_set *set, size_t i);
// The glyph for `cp`, or NULL.
GLYPH_EXPORT const struct glyph_info *glyph_set_find(const struct glyph_set *set, uint32_t cp);

// Coverage report: code points no font had, ascending.
GLYPH_EXPORT size_t glyph_set_missing_count(const struct glyph_set *set);
GLYPH_EXPORT uint32_t glyph_set_missing(const struct glyph_set *set, size_t i);

#endif
