// libglyph: preview sheets. A PNG that shows what the device will show: every
// glyph decoded back from its packed bytes (glyph_unpack_plane), in a grid of
// cells with the baseline marked, and a sample line of text set from the
// packed glyphs with their advances. libglyph returns the PNG bytes; the
// program writes them.
#ifndef GLYPH_PREVIEW_H
#define GLYPH_PREVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"
#include "glyph/fontpack.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glyph_preview_opts {
    // UTF-8 sample line. NULL: a pangram with digits when the font has most
    // of its characters, else the font's first code points in order.
    // Characters the font lacks are skipped.
    const char *sample;
    // Integer zoom, 1..8; 0 picks one so a line is at least about 32 pixels.
    unsigned scale;
    // Glyphs per grid row; 0 means 16, or as many more as it takes to fit
    // every glyph within GLYPH_PREVIEW_MAX_SIDE.
    unsigned columns;
};

// Largest sheet drawn, in pixels per side: the grid stops there (glyphs past
// it are left out, logged as a warning), and the sample line is left out
// when it does not fit below one grid row.
#define GLYPH_PREVIEW_MAX_SIDE 4096u

// Renders `pack` (opts may be NULL for defaults) and encodes it as PNG. On
// success *png is allocated through the context (free with glyph_buffer_free)
// and *png_len set. Errors: GLYPH_ERR_INVALID_ARG (bad pack or options, or a
// bitmap that does not unpack), GLYPH_ERR_EMPTY (no glyphs), GLYPH_ERR_RANGE
// (one glyph cell is larger than GLYPH_PREVIEW_MAX_SIDE), GLYPH_ERR_NOMEM,
// GLYPH_ERR_PNG_WRITE.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_preview_font(struct glyph_ctx *ctx,
                                                    const struct glyph_fontpack *pack,
                                                    const struct glyph_preview_opts *opts,
                                                    uint8_t **png, size_t *png_len);

#ifdef __cplusplus
}
#endif

#endif
