// micropython-font-to-py's glyph cells: the selection's ink height, each
// glyph as wide as its advance or its ink, optionally one fixed pitch. The
// rules (written from font_to_py's behaviour, not its code) are stated with
// GLYPH_CELL_INK in glyph/fontpack.h.
#include <string.h>

#include "inkcell.h"

// Python's int() of x / 64: a truncation toward zero (C's division rule).
static int64_t trunc64(int64_t x)
{
    return x / 64;
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

void inkcell_measure(const struct glyph_set *set, struct inkcell *out)
{
    int64_t asc = 0, desc = 0, width = 0;
    for (size_t i = 0; i < glyph_set_count(set); i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        asc = max64(asc, g->top);
        desc = max64(desc, (int64_t)g->height - g->top);
        width = max64(width, max64(trunc64(g->advance_x64), g->width));
    }
    out->baseline = asc;
    out->height = asc + desc;
    out->max_width = width;
}

int64_t inkcell_own_width(const struct glyph_info *g)
{
    if (g->left >= 0) {
        return max64(trunc64(g->advance_x64), (int64_t)g->left + g->width);
    }
    return max64(trunc64((int64_t)g->advance_x64 - 64 * (int64_t)g->left), g->width);
}

void inkcell_draw(const struct inkcell *c, const struct glyph_info *g, uint32_t width, int faults,
                  uint8_t *plane)
{
    if (g->width == 0 || g->height == 0 || g->width > width) {
        return; // nothing to draw (the caller sizes cells to hold the ink)
    }
    // The top row: -top rows below the baseline's row. font_to_py measures
    // the ascent as max(0, top), so a glyph wholly below the baseline lands
    // on it.
    int64_t row = c->baseline - (faults && g->top < 0 ? 0 : g->top);
    int64_t col = g->left > 0 ? g->left : 0;
    if (!faults && col + g->width > width) {
        col = (int64_t)width - g->width; // fixed pitch: move the ink in, never cut it
    }
    // Pixel (y, x) goes to row * width + col + y * width + x of the flat
    // plane: past the right edge it continues on the next row, as
    // font_to_py's copy does; only the faults mode can get there.
    size_t total = (size_t)width * (size_t)c->height;
    size_t base = (size_t)row * width + (size_t)col;
    for (uint32_t y = 0; y < g->height; y++) {
        size_t at = base + (size_t)y * width;
        const uint8_t *src = g->levels + (size_t)y * g->width;
        if (at >= total) {
            break;
        }
        size_t n = total - at < g->width ? total - at : g->width;
        memcpy(plane + at, src, n);
    }
}
