// libglyph private: micropython-font-to-py's glyph cells
// (GLYPH_CELL_INK in glyph/fontpack.h, which states the rules).
#ifndef GLYPH_INKCELL_H
#define GLYPH_INKCELL_H

#include <stdint.h>

#include "glyph/glyphset.h"

// What every cell of a set shares.
struct inkcell {
    int64_t baseline;  // rows from a cell's top to the baseline: the largest ascent
    int64_t height;    // rows of every cell: baseline plus the largest descent
    int64_t max_width; // font_to_py's max_width
};

// Measures the set's glyphs.
void inkcell_measure(const struct glyph_set *set, struct inkcell *out);

// The glyph's own cell width (font_to_py's char_width).
int64_t inkcell_own_width(const struct glyph_info *g);

// Draws the glyph's levels into `plane`, a zeroed `width` x c->height cell
// (row-major, pitch `width`; width >= the glyph's bitmap width). With
// `faults`, font_to_py's placement faults are reproduced.
void inkcell_draw(const struct inkcell *c, const struct glyph_info *g, uint32_t width, int faults,
                  uint8_t *plane);

#endif
