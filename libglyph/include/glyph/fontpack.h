// libglyph: a glyph set packed into a display-native font: one packed bitmap
// per glyph in the chosen encoding, identical bitmaps stored once. The
// emitters in formats/ turn this into C, binary, MicroPython and JSON.
#ifndef GLYPH_FONTPACK_H
#define GLYPH_FONTPACK_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"
#include "glyph/glyphset.h"
#include "glyph/pack.h"

#ifdef __cplusplus
extern "C" {
#endif

// Cell modes of glyph_fontpack_opts.cell.
enum glyph_cell {
    GLYPH_CELL_NONE = 0, // tight bounding box per glyph (default)
    GLYPH_CELL_LINE = 1, // fixed-height cells spanning the line
    GLYPH_CELL_INK = 2,  // micropython-font-to-py's cells (see below)
};

struct glyph_fontpack_opts {
    // Encoding of each bitmap; fmt.bpp must equal the set's bpp.
    struct glyph_pack_format fmt;
    // GLYPH_CELL_NONE (0): tight bounding box per glyph.
    //
    // GLYPH_CELL_LINE (1): fixed cells: every bitmap has the same height,
    // cell_height rows with the baseline cell_baseline rows below the top: the
    // line (ascender to descender), grown to take in any glyph reaching above
    // or below it. A cell is min(0, left) .. max(advance, left + width) wide:
    // the advance (pen step), widened to take in ink left of the pen or right
    // of the advance (a 'J' with a negative left bearing, an italic overhang,
    // a zero-advance combining mark). No pixel is ever clipped. The packed
    // glyph's left becomes min(0, left) (the cell's offset from the pen, <=
    // 0), its top cell_baseline; advance is unchanged. A blank glyph's cell is
    // advance columns of 0 (0 x 0 when the advance is 0). A negative advance
    // or a cell side above 16384 px is GLYPH_ERR_RANGE.
    //
    // GLYPH_CELL_INK (2): micropython-font-to-py's cells, for glyph sets
    // rendered with glyph_render_opts.ink_height_px. A glyph's ascent is
    // max(0, top), its descent max(0, height - top), over every glyph, blank
    // ones included; cell_baseline is the largest ascent and cell_height that
    // plus the largest descent (0 when no glyph has ink). With a the exact
    // advance (advance_x64 / 64) and trunc() rounding toward zero, a glyph's
    // own width is trunc(max(a, left + width)) for left >= 0, else
    // trunc(max(a - left, width)) (the ink then starts at column 0).
    // ink_max_width is the largest trunc(max(a, width)), at least 0. Each cell is the glyph's own
    // width wide, or ink_max_width with fixed_pitch (own width when that is 0); the ink's top row
    // sits at cell_baseline - top. With fixed_pitch, ink reaching past the cell's right edge is
    // moved left until it fits (the cell is never narrower than the ink). The packed glyph's
    // advance is the glyph's own width, left 0, top cell_baseline; width and height are the cell's
    // even when nothing is stored (size 0 for a 0-wide or 0-high cell). A side above 16384 px is
    // GLYPH_ERR_RANGE.
    int cell;
    // GLYPH_CELL_INK: every cell ink_max_width wide (font_to_py's -f).
    int fixed_pitch;
    // GLYPH_CELL_INK: reproduce font_to_py's two placement faults, for files
    // byte-identical to its own: a glyph lying wholly below the baseline (top
    // < 0, the underscore in most fonts) is drawn from the baseline down
    // instead of -top rows lower; with fixed_pitch, ink past the cell's right
    // edge continues at the start of the next row (pixels that would fall
    // past the last row are dropped; font_to_py fails there).
    int ftp_faults;
};

struct glyph_packed_glyph {
    uint32_t codepoint;
    int32_t advance, left, top; // as glyph_info, after the cell transform
    uint32_t width, height;     // of the packed bitmap
    // Of its bitmap in glyph_fontpack.data; 0 for an empty bitmap.
    size_t offset;
    // Bytes, glyph_pack_size(fmt, width, height); 0 (and width = height = 0,
    // except for GLYPH_CELL_INK) for blank glyphs such as space.
    size_t size;
    unsigned font_index;
    int notdef; // drawn as .notdef (glyph_info.notdef)
};

struct glyph_fontpack {
    struct glyph_set_metrics metrics;
    struct glyph_fontpack_opts opts;
    size_t count; // glyphs, sorted by code point
    const struct glyph_packed_glyph *glyphs;
    const uint8_t *data; // all bitmaps; shared between identical glyphs
    size_t data_len;
    size_t unique_bitmaps; // distinct non-empty bitmaps (byte strings) stored in data
    // Cell mode: rows of every cell, and rows from a cell's top to the
    // baseline (the top of every cell glyph). 0 for tight boxes.
    uint32_t cell_height;
    int32_t cell_baseline;
    // GLYPH_CELL_INK: font_to_py's max_width (see glyph_fontpack_opts); 0
    // otherwise.
    uint32_t ink_max_width;
    // The set's kerning pairs (glyph_set_kern_pair), copied; sorted by
    // (left, right) code point, both glyphs in `glyphs`. 0 and NULL when the
    // set was rendered without kerning.
    size_t kern_count;
    const struct glyph_kern_pair *kern;
};

// Packs `set`. Bitmaps are deduplicated by their packed bytes (glyphs with
// equal bytes share one offset, whatever their width and height). Errors:
// GLYPH_ERR_INVALID_ARG (invalid format, bpp mismatch), GLYPH_ERR_RANGE (a
// cell cannot be formed: negative advance, no rows, a side above 16384 px,
// or the packed bitmaps exceed 1 GiB; logged with the code point),
// GLYPH_ERR_NOMEM. The result is independent of `set`.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_fontpack_create(struct glyph_ctx *ctx,
                                                       const struct glyph_set *set,
                                                       const struct glyph_fontpack_opts *opts,
                                                       struct glyph_fontpack **out);

// NULL is a no-op.
GLYPH_EXPORT void glyph_fontpack_destroy(struct glyph_fontpack *pack);

#ifdef __cplusplus
}
#endif

#endif
