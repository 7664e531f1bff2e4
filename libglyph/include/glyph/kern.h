// libglyph: kerning. A glyph set rendered with glyph_render_opts.kerning
// holds pair adjustments (glyph_set_kern_count / glyph_set_kern_pair in
// glyph/glyphset.h); this header has the pair type, the rounding every
// output uses, and a class builder for outputs that store kerning as a class
// matrix (lv_font_fmt_txt's kern classes, for example).
#ifndef GLYPH_KERN_H
#define GLYPH_KERN_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

// Most pairs a glyph set keeps: 2^20. A font that gives more (for the
// selected glyphs) gives none, with a warning.
#define GLYPH_KERN_MAX_PAIRS ((size_t)1 << 20)

// Draw `right` adjust/64 px further right (negative: closer) when it follows
// `left`. left and right are code points of glyphs in the set that came from
// the same font of the chain. adjust is 26.6 (1/64 px), never 0: the font's
// value in font units times FreeType's x_scale at the em size, rounded half
// away from zero (FT_MulFix), summed over the font's kern lookups.
struct glyph_kern_pair {
    uint32_t left, right;
    int32_t adjust;
};

// adjust (26.6) in 1/unit px, rounded half away from zero: unit 1 gives
// whole pixels (round(adjust / 64)), 16 gives 1/16 px. unit is 1 to 64.
GLYPH_EXPORT int32_t glyph_kern_round(int32_t adjust, uint32_t unit);

// Kerning as classes: left glyphs whose pairs are all equal share a left
// class, right glyphs likewise, and values[l * right_count + r] is the
// adjustment between left class l and right class r. Class 0 is "no
// kerning": its row and column are 0. Exact: for every glyph pair the
// matrix gives glyph_kern_round of its pair's adjust (0 for no pair).
struct glyph_kern_classes {
    uint32_t unit;      // values are in 1/unit px
    size_t left_count;  // left classes, class 0 included (>= 1)
    size_t right_count; // right classes, class 0 included (>= 1)
    // Glyphs with a left (right) class other than 0, sorted by code point.
    size_t nleft;
    const uint32_t *left_cp;
    const uint16_t *left_class;
    size_t nright;
    const uint32_t *right_cp;
    const uint16_t *right_class;
    // left_count x right_count values, row-major.
    const int32_t *values;
};

// Matrices larger than this (left_count x right_count) are GLYPH_ERR_RANGE.
#define GLYPH_KERN_MAX_CELLS ((size_t)1 << 24)

struct glyph_set;

// Builds the classes of a set's pairs in 1/unit px (pairs that round to 0 at
// that unit have no class). Errors: GLYPH_ERR_INVALID_ARG (NULL, unit not 1
// to 64), GLYPH_ERR_RANGE (more than 65535 classes a side, or more than
// GLYPH_KERN_MAX_CELLS cells; logged), GLYPH_ERR_NOMEM. Free with
// glyph_kern_classes_destroy; independent of the set.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_kern_classes_create(struct glyph_ctx *ctx,
                                                           const struct glyph_set *set,
                                                           uint32_t unit,
                                                           struct glyph_kern_classes **out);

// The same from `n` pairs sorted by (left, right), as a glyph_fontpack
// carries them.
GLYPH_EXPORT GLYPH_NODISCARD int
glyph_kern_classes_create_pairs(struct glyph_ctx *ctx, const struct glyph_kern_pair *pairs,
                                size_t n, uint32_t unit, struct glyph_kern_classes **out);

// NULL is a no-op.
GLYPH_EXPORT void glyph_kern_classes_destroy(struct glyph_kern_classes *kc);

// Left (right) class of code point cp; 0 when it has none.
GLYPH_EXPORT uint16_t glyph_kern_classes_left(const struct glyph_kern_classes *kc, uint32_t cp);
GLYPH_EXPORT uint16_t glyph_kern_classes_right(const struct glyph_kern_classes *kc, uint32_t cp);

#ifdef __cplusplus
}
#endif

#endif
