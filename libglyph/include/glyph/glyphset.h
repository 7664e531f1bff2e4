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
#include "glyph/kern.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glyph_hinting {
    GLYPH_HINT_DEFAULT = 0, // FreeType's default for the mode (mono target for bpp 1)
    GLYPH_HINT_NORMAL = 1,  // FT_LOAD_TARGET_NORMAL
    GLYPH_HINT_LIGHT = 2,   // FT_LOAD_TARGET_LIGHT
    GLYPH_HINT_MONO = 3,    // FT_LOAD_TARGET_MONO
    GLYPH_HINT_NONE = 4,    // FT_LOAD_NO_HINTING
    // FreeType's auto-hinter whatever the font's own hints
    // (FT_LOAD_FORCE_AUTOHINT) with the light target (FT_LOAD_TARGET_LIGHT;
    // FT_LOAD_TARGET_MONO for bpp 1): lv_font_conv's rendering. With the
    // light target alone FreeType picks the hinter: its auto-hinter for
    // TrueType fonts (FreeType 2.12), the CFF driver's own hinter for CFF
    // fonts, which draws differently.
    GLYPH_HINT_AUTO = 5,
    // The auto-hinter with the normal target (FT_LOAD_TARGET_NORMAL; mono
    // for bpp 1): lv_font_conv's --autohint-strong.
    GLYPH_HINT_AUTO_STRONG = 6,
};

// How 8-bit coverage v (0..255) becomes a level of `bpp` bits (2 and 4 bpp;
// 8 bpp keeps v, 1 bpp uses the monochrome renderer).
enum glyph_quantize {
    GLYPH_QUANT_ROUND = 0,    // q = (v * (2^bpp - 1) + 127) / 255, the nearest level
    GLYPH_QUANT_TRUNCATE = 1, // q = v >> (8 - bpp), as lv_font_conv
};

struct glyph_render_opts {
    // Em size in pixels (FT_Set_Pixel_Sizes), as lv_font_conv's --size.
    // Exactly one of size_px, line_height_px and ink_height_px is non-zero.
    uint32_t size_px;
    // Wanted line height in pixels (ascender - descender, as in
    // glyph_set_metrics); the em size is solved for: the largest em size in
    // 1..GLYPH_MAX_SIZE_PX whose line height does not exceed this (by
    // bisection; FreeType's rounded size metrics grow with the em size). When
    // a bitmap font is in use, only its strike sizes are candidates.
    uint32_t line_height_px;
    // 1: FreeType's monochrome renderer (FT_RENDER_MODE_MONO); 2, 4, 8:
    // anti-aliased renderer (FT_RENDER_MODE_NORMAL) with coverage v (0..255)
    // quantized as `quantize` says (8 bpp is FreeType's coverage unchanged).
    // Monochrome bitmaps from bitmap fonts give 0 and 2^bpp - 1.
    unsigned bpp;
    enum glyph_hinting hinting;
    // Default (0): GLYPH_QUANT_ROUND.
    enum glyph_quantize quantize;
    // Wanted ink height in pixels, as micropython-font-to-py's "height": the
    // selection's tallest ascent plus its deepest descent, where a glyph's
    // ascent is max(0, top) and its descent max(0, height - top), taken over
    // every rendered glyph (blank ones included). The em size is searched for
    // as font_to_py does: start at this value; each pass loads the whole
    // set, measures its ink height (FreeType's preset bitmap metrics, as the
    // monochrome renderer would draw them) and steps the em size by (wanted - ink);
    // it stops when the ink equals the wanted height, when the step's
    // magnitude equals the previous step's, or after 10 passes, and keeps the
    // last size tried (so the result may miss the wanted height by a pixel or
    // two). An em size of 0 is rendered as 1 px (FreeType's rule); the search
    // leaving 0..GLYPH_MAX_SIZE_PX is GLYPH_ERR_FONT_SIZE. Bitmap fonts in
    // the chain use their first strike and take no part in the search; with
    // bitmap fonts only there is no search and the value is not used.
    uint32_t ink_height_px;
    // 1: code points no font maps are rendered anyway, with glyph 0
    // (.notdef) of the first font (flagged `notdef`, and still listed by
    // glyph_set_missing), as font_to_py renders them. 0: they are left out.
    int missing_as_notdef;
    // 1: also collect the kerning pairs of the selected glyphs
    // (glyph_set_kern_count). Per font of the chain: the pair adjustment
    // lookups of its GPOS 'kern' feature, or its legacy kern table (format 0)
    // for scripts whose GPOS language system has no kern feature, as shapers
    // choose. A pair is looked up under the script of its code points (the
    // first one's, or the second's when the first is common or inherited,
    // with the default language system; no pair between two scripts) and
    // never between glyphs of two fonts. A font whose kerning tables cannot
    // be read (or would give more than GLYPH_KERN_MAX_PAIRS pairs) is logged
    // as a warning and kerns less or not at all; it is not an error. Bitmap
    // fonts have no kerning. Default 0.
    int kerning;
};

// Cap on a set's total bitmap memory (one byte per pixel, summed over all
// glyphs) for glyph_set_render: 1 GiB. Passing it is GLYPH_ERR_RANGE.
#define GLYPH_SET_MAX_BITMAP_BYTES ((size_t)1 << 30)

// Largest accepted em size / line height, in pixels.
#define GLYPH_MAX_SIZE_PX 2048u

struct glyph_info {
    uint32_t codepoint;
    int32_t advance;     // horizontal advance, whole pixels (rounded 26.6)
    int32_t left;        // FreeType bitmap_left: pen x to the bitmap's left edge
    int32_t top;         // FreeType bitmap_top: baseline to the bitmap's top row, up positive
    uint32_t width;      // bitmap width in pixels (0 for blank glyphs such as space)
    uint32_t height;     // bitmap height in pixels (0 when width is 0, and vice versa)
    unsigned font_index; // index into the font chain of the font that supplied it
    // width * height quantized levels (0..2^bpp-1), row-major, pitch = width;
    // NULL when width or height is 0. Owned by the set.
    const uint8_t *levels;
    // The advance as FreeType gave it (slot->advance.x, 26.6 fixed point, not
    // rounded); `advance` is this rounded to whole pixels.
    int32_t advance_x64;
    // 1 when no font has the code point and glyph 0 (.notdef) of the first
    // font was drawn for it (glyph_render_opts.missing_as_notdef).
    int notdef;
};

struct glyph_set_metrics {
    uint32_t size_px; // em size used
    unsigned bpp;     // levels per pixel are 0..2^bpp-1
    // Ascender and descender come from FreeType's size metrics at the em size,
    // face->size->metrics.ascender / .descender (26.6, already rounded
    // outwards by FreeType for scalable fonts; the font's FONT_ASCENT /
    // FONT_DESCENT for BDF), rounded to whole pixels as floor((v + 32) / 64).
    // With a fallback chain: the largest ascender and the lowest descender
    // over the fonts that supplied at least one glyph. Glyphs may still reach
    // above or below them (accents on capitals, for example).
    int32_t ascender;    // pixels above the baseline (positive)
    int32_t descender;   // pixels below the baseline (negative or 0)
    int32_t line_height; // ascender - descender
    int32_t max_advance; // largest advance of the rendered glyphs
    int32_t baseline;    // rows from the top of a line to the baseline (= ascender)
    // Underline of the first scalable font in use (FreeType's
    // underline_position, the stem's centre, and underline_thickness, from
    // the post table, scaled to the em size): the underline's top row above
    // the baseline in pixels (up positive, usually negative), rounded, and
    // its thickness rounded, at least 1. Both 0 when no font in use has one
    // (bitmap fonts).
    int32_t underline_top;
    int32_t underline_thickness;
    const char *family; // of the first font in the chain
    const char *style;
};

struct glyph_set;

// Renders every code point of `cs` from the first font in `fonts` (a fallback
// chain of `nfonts`) whose Unicode cmap maps it to a glyph other than
// .notdef. Code points no font has are recorded as missing (one warning
// through the context log listing them), not an error. Glyphs are sorted by
// code point. Every glyph is loaded and rendered before the set is returned;
// any failure fails the whole call. The fonts' current size is changed, so a
// font must not be used by two threads at once. Bitmap fonts (BDF, PCF)
// render only at a strike whose em size (y_ppem) equals the size asked for.
// Errors: GLYPH_ERR_INVALID_ARG (NULL arguments, no fonts, bad bpp or
// hinting, not exactly one size), GLYPH_ERR_FONT_SIZE (a size above
// GLYPH_MAX_SIZE_PX, no em size meets the line height, the ink height search
// left the em size range, or the size is not available in a bitmap font;
// logged with the available sizes),
// GLYPH_ERR_EMPTY (empty charset), GLYPH_ERR_MISSING_GLYPHS (no font has
// any of the code points), GLYPH_ERR_GLYPH_RENDER (a glyph failed, or its
// bitmap exceeds 16384 px a side; logged with its code point and the
// FreeType error), GLYPH_ERR_RANGE (the bitmaps exceed
// GLYPH_SET_MAX_BITMAP_BYTES; logged with the code point and the limit: the
// request is too large, which is not the same as running out of memory),
// GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_set_render(struct glyph_ctx *ctx,
                                                  struct glyph_font *const *fonts, size_t nfonts,
                                                  const struct glyph_charset *cs,
                                                  const struct glyph_render_opts *opts,
                                                  struct glyph_set **out);

// glyph_set_render with a lower cap on the bitmap memory, in bytes (0 or
// more than GLYPH_SET_MAX_BITMAP_BYTES: that default).
GLYPH_EXPORT GLYPH_NODISCARD int
glyph_set_render_capped(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                        const struct glyph_charset *cs, const struct glyph_render_opts *opts,
                        size_t max_bitmap_bytes, struct glyph_set **out);

// NULL is a no-op.
GLYPH_EXPORT void glyph_set_destroy(struct glyph_set *set);

GLYPH_EXPORT const struct glyph_set_metrics *glyph_set_metrics(const struct glyph_set *set);
GLYPH_EXPORT size_t glyph_set_count(const struct glyph_set *set);
// i < count; valid while the set lives.
GLYPH_EXPORT const struct glyph_info *glyph_set_glyph(const struct glyph_set *set, size_t i);
// The glyph for `cp`, or NULL.
GLYPH_EXPORT const struct glyph_info *glyph_set_find(const struct glyph_set *set, uint32_t cp);

// Kerning pairs (glyph_render_opts.kerning; otherwise none), sorted by
// (left, right). i < count; valid while the set lives, and contiguous:
// glyph_set_kern_pair(set, 0) is an array of glyph_set_kern_count(set).
GLYPH_EXPORT size_t glyph_set_kern_count(const struct glyph_set *set);
GLYPH_EXPORT const struct glyph_kern_pair *glyph_set_kern_pair(const struct glyph_set *set,
                                                               size_t i);
// The adjustment between two code points (26.6), 0 when they have no pair.
GLYPH_EXPORT int32_t glyph_set_kern_find(const struct glyph_set *set, uint32_t left,
                                         uint32_t right);

// Coverage report: code points no font had, ascending (with
// missing_as_notdef these are also in the set, drawn as .notdef).
GLYPH_EXPORT size_t glyph_set_missing_count(const struct glyph_set *set);
GLYPH_EXPORT uint32_t glyph_set_missing(const struct glyph_set *set, size_t i);

#ifdef __cplusplus
}
#endif

#endif
