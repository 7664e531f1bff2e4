// The oracle for text: glyphs straight from FreeType, placed in legacy-font
// cells as docs/manifest.md and docs/bundle-format.md say (cell width = the
// widest rounded advance of the font's code points, cell height = rounded
// ascender - rounded descender, baseline at the ascender, pixels outside the
// cell clipped, a negative left bearing starting at column 0), quantized as
// docs/user-guide.md says, and drawn as CMD_TEXT draws (cell by cell, pen
// advancing by each rounded advance).
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdio.h>
#include <stdlib.h>

#include "oracle.h"

struct oracle_font {
    FT_Library lib;
    FT_Face face;
    unsigned bpp, em, first, last;
    const uint32_t *set; // sorted code points of the font, or NULL: first..last
    size_t nset;
    int asc, cell_w, cell_h;
};

static int in_font(const struct oracle_font *f, uint32_t cp)
{
    if (f->set == NULL) {
        return cp >= f->first && cp <= f->last;
    }
    for (size_t i = 0; i < f->nset; i++) {
        if (f->set[i] == cp) {
            return 1;
        }
    }
    return 0;
}

static int round26(FT_Pos v)
{
    return (int)((v + 32) >> 6);
}

static int line_at(FT_Face face, unsigned em)
{
    if (FT_Set_Pixel_Sizes(face, em, em) != 0) {
        return 1 << 30;
    }
    return round26(face->size->metrics.ascender) - round26(face->size->metrics.descender);
}

static FT_Int32 load_flags(unsigned bpp)
{
    return bpp == 1 ? FT_LOAD_TARGET_MONO : FT_LOAD_DEFAULT;
}

static int advance_of(const struct oracle_font *f, unsigned cp)
{
    if (FT_Get_Char_Index(f->face, cp) == 0 || FT_Load_Char(f->face, cp, load_flags(f->bpp)) != 0) {
        return 0;
    }
    int a = (int)((f->face->glyph->advance.x + 32) >> 6);
    return a < 0 ? 0 : a > 255 ? 255 : a;
}

struct oracle_font *oracle_font_open(const char *path, unsigned size_px, unsigned line_height,
                                     unsigned bpp, unsigned first, unsigned last)
{
    return oracle_font_open_set(path, size_px, line_height, bpp, first, last, NULL, 0);
}

struct oracle_font *oracle_font_open_set(const char *path, unsigned size_px, unsigned line_height,
                                         unsigned bpp, unsigned first, unsigned last,
                                         const uint32_t *set, size_t nset)
{
    struct oracle_font *f = calloc(1, sizeof *f);
    if (f == NULL || FT_Init_FreeType(&f->lib) != 0 ||
        FT_New_Face(f->lib, path, 0, &f->face) != 0) {
        fprintf(stderr, "oracle: cannot open %s\n", path);
        free(f);
        return NULL;
    }
    f->em = size_px;
    // "The largest em size whose line fits": every size is tried.
    for (unsigned em = 1; size_px == 0 && em <= 2048 && em <= 4 * line_height; em++) {
        if (line_at(f->face, em) <= (int)line_height) {
            f->em = em;
        }
    }
    f->bpp = bpp;
    f->first = first;
    f->last = last;
    f->set = set;
    f->nset = nset;
    FT_Set_Pixel_Sizes(f->face, f->em, f->em);
    f->asc = round26(f->face->size->metrics.ascender);
    f->cell_h = f->asc - round26(f->face->size->metrics.descender);
    for (unsigned c = first; set == NULL && c <= last; c++) {
        int a = advance_of(f, c);
        f->cell_w = a > f->cell_w ? a : f->cell_w;
    }
    for (size_t i = 0; i < nset; i++) {
        int a = advance_of(f, set[i]);
        f->cell_w = a > f->cell_w ? a : f->cell_w;
    }
    return f;
}

void oracle_font_close(struct oracle_font *f)
{
    if (f != NULL) {
        FT_Done_Face(f->face);
        FT_Done_FreeType(f->lib);
        free(f);
    }
}

unsigned oracle_font_em(const struct oracle_font *f)
{
    return f->em;
}

// The alpha a glyph pixel shows: coverage quantized to bpp and expanded
// back ((q * 255 + max / 2) / max, docs/image-formats.md).
static unsigned shown_alpha(const FT_Bitmap *bm, unsigned x, unsigned y, unsigned bpp)
{
    const unsigned char *row = bm->buffer + (long)y * bm->pitch;
    if (bm->pixel_mode == FT_PIXEL_MODE_MONO) {
        return (row[x / 8] >> (7 - x % 8) & 1u) ? 255u : 0u;
    }
    unsigned max = (1u << bpp) - 1u;
    unsigned q = bpp == 8 ? row[x] : (row[x] * max + 127u) / 255u;
    return bpp == 8 ? q : (q * 255u + max / 2u) / max;
}

static void draw_glyph(struct oracle_canvas *c, const struct oracle_font *f, int x, int y,
                       const uint8_t rgb[3])
{
    FT_GlyphSlot g = f->face->glyph;
    const FT_Bitmap *bm = &g->bitmap;
    int left = g->bitmap_left > 0 ? g->bitmap_left : 0;
    for (unsigned gy = 0; gy < bm->rows; gy++) {
        int cy = f->asc - g->bitmap_top + (int)gy;
        for (unsigned gx = 0; gx < bm->width && cy >= 0 && cy < f->cell_h; gx++) {
            int cx = left + (int)gx;
            if (cx < f->cell_w) {
                oracle_canvas_blend(c, x + cx, y + cy, rgb, shown_alpha(bm, gx, gy, f->bpp));
            }
        }
    }
}

// The next code point of well-formed UTF-8 (the tests' own literals).
static unsigned next_cp(const unsigned char *s, uint32_t *cp)
{
    unsigned n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    uint32_t v = n == 1 ? s[0] : s[0] & (0x7Fu >> n);
    for (unsigned i = 1; i < n; i++) {
        v = v << 6 | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

void oracle_text(struct oracle_canvas *c, const struct oracle_font *f, int x, int y,
                 const uint8_t rgb[3], const char *s)
{
    while (*s != '\0') {
        uint32_t cp;
        s += next_cp((const unsigned char *)s, &cp);
        if (!in_font(f, cp)) {
            continue; // outside the font: the cell is not part of it
        }
        int adv = advance_of(f, cp);
        if (FT_Render_Glyph(f->face->glyph,
                            f->bpp == 1 ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL) == 0) {
            draw_glyph(c, f, x, y, rgb);
        }
        x += adv;
    }
}
