// libglyph private: the kerning of a glyph set (kern.c), called by the
// renderer once the fonts are at the set's size.
#ifndef GLYPH_KERN_PRIVATE_H
#define GLYPH_KERN_PRIVATE_H

#include <stddef.h>

#include "font_internal.h"
#include "glyph/glyphset.h"

// Pairs of the `count` glyphs (sorted by code point; gids[i] is glyphs[i]'s
// glyph index in its font) in 26.6 at each font's current size, sorted by
// (left, right), never 0, pairs only within one font. A font whose tables
// cannot be read is logged as a warning and kerns less (or not at all); only
// GLYPH_ERR_NOMEM fails. *out is allocated through ctx.
int glyph_kern_collect(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                       const struct glyph_info *glyphs, const FT_UInt *gids, size_t count,
                       struct glyph_kern_pair **out, size_t *nout);

#endif
