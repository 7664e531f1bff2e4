// micropython-font-to-py's sizing and cells in libglyph, against FreeType
// driven directly here: the ink-height search (glyph_render_opts.
// ink_height_px) lands on the em size the documented rule gives, and the
// set's ink at that size (measured on FreeType's own monochrome renderings)
// is the cell height; missing code points drawn as .notdef are FreeType's
// glyph 0; every GLYPH_CELL_INK cell holds FreeType's bitmap at the
// documented row and column, nothing lost, nothing else set, with and
// without fixed pitch and font_to_py's faults. The byte-level comparison
// with font_to_py itself is tests/fonttopy.
#define _POSIX_C_SOURCE 200809L
#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_test_util.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/fontpack.h"
#include "glyph/glyphset.h"

static struct glyph_ctx *ctx;
static FT_Library ft;

static const FT_Int32 MONO = FT_LOAD_RENDER | FT_LOAD_TARGET_MONO;

static unsigned ft_bit(const FT_Bitmap *bm, unsigned x, unsigned y)
{
    const unsigned char *row = bm->buffer + (long)y * bm->pitch;
    return (row[x / 8] >> (7 - x % 8)) & 1u;
}

static struct glyph_charset *ascii(void)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(cs != NULL && glyph_charset_add_range(cs, 0x20, 0x7E) == 0);
    return cs;
}

// The set's ink at em size `em`, by FreeType: largest max(0, top) plus
// largest max(0, rows - top).
static long oracle_ink(FT_Face face, const struct glyph_charset *cs, long em)
{
    FT_Set_Pixel_Sizes(face, 0, (FT_UInt)em);
    long asc = 0, desc = 0;
    for (size_t i = 0; i < glyph_charset_count(cs); i++) {
        if (FT_Load_Char(face, glyph_charset_at(cs, i), MONO) != 0) {
            CHECK(0, "oracle cannot render U+%04X", glyph_charset_at(cs, i));
            continue;
        }
        long top = face->glyph->bitmap_top, rows = face->glyph->bitmap.rows;
        asc = top > asc ? top : asc;
        desc = rows - top > desc ? rows - top : desc;
    }
    return asc + desc;
}

// The search as glyph/glyphset.h states it, stepping FreeType directly.
static long oracle_em(FT_Face face, const struct glyph_charset *cs, long want)
{
    long size = want, step = 0;
    for (int pass = 0; pass < 10; pass++) {
        size += step;
        long next = want - oracle_ink(face, cs, size);
        if (next == 0 || labs(next) == labs(step)) {
            break;
        }
        step = next;
    }
    return size;
}

static void test_ink_height_search(struct glyph_font *font, FT_Face face)
{
    struct glyph_charset *cs = ascii();
    static const uint32_t wants[] = {8, 11, 16, 23, 32, 48};
    for (size_t k = 0; k < sizeof(wants) / sizeof(wants[0]); k++) {
        struct glyph_render_opts o = {.ink_height_px = wants[k], .bpp = 1};
        struct glyph_set *set = NULL;
        int err = glyph_set_render(ctx, &font, 1, cs, &o, &set);
        CHECK(err == 0, "ink %u: %s", wants[k], glyph_error_name(err));
        if (err != 0) {
            continue;
        }
        long em = oracle_em(face, cs, wants[k]);
        CHECK((long)glyph_set_metrics(set)->size_px == em, "ink %u: em %u, rule gives %ld",
              wants[k], glyph_set_metrics(set)->size_px, em);
        struct glyph_fontpack_opts po = {.fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                         .cell = GLYPH_CELL_INK};
        struct glyph_fontpack *p = NULL;
        CHECK(glyph_fontpack_create(ctx, set, &po, &p) == 0);
        long ink = oracle_ink(face, cs, em);
        CHECK(p != NULL && (long)p->cell_height == ink, "ink %u: cell height %u, FreeType %ld",
              wants[k], p ? p->cell_height : 0, ink);
        glyph_fontpack_destroy(p);
        glyph_set_destroy(set);
    }
    struct glyph_render_opts two = {.ink_height_px = 16, .size_px = 16, .bpp = 1};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &two, &set) == GLYPH_ERR_INVALID_ARG && !set,
          "two sizes at once");
    glyph_charset_destroy(cs);
}

static void test_missing_as_notdef(struct glyph_font *font, FT_Face face)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    const uint32_t cps[] = {'A', 0xE000, 0x10FFFD};
    CHECK(glyph_charset_add_list(cs, cps, 3) == 0);
    for (int notdef = 0; notdef < 2; notdef++) {
        struct glyph_render_opts o = {.size_px = 20, .bpp = 1, .missing_as_notdef = notdef};
        struct glyph_set *set = NULL;
        CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == 0);
        if (set == NULL) {
            continue;
        }
        CHECK(glyph_set_count(set) == (notdef ? 3u : 1u) && glyph_set_missing_count(set) == 2,
              "notdef %d: %zu glyphs, %zu missing", notdef, glyph_set_count(set),
              glyph_set_missing_count(set));
        const struct glyph_info *g = glyph_set_find(set, 0xE000);
        CHECK(notdef ? g != NULL && g->notdef : g == NULL, "notdef %d: U+E000", notdef);
        CHECK(!glyph_set_find(set, 'A')->notdef, "'A' is a real glyph");
        FT_Set_Pixel_Sizes(face, 0, 20);
        if (g != NULL && FT_Load_Glyph(face, 0, MONO) == 0) {
            const FT_Bitmap *bm = &face->glyph->bitmap;
            CHECK(g->width == bm->width && g->height == bm->rows &&
                      g->top == face->glyph->bitmap_top && g->advance_x64 == face->glyph->advance.x,
                  ".notdef metrics");
            unsigned bad = 0;
            for (unsigned y = 0; y < g->height; y++) {
                for (unsigned x = 0; x < g->width; x++) {
                    bad += g->levels[y * g->width + x] != ft_bit(bm, x, y);
                }
            }
            CHECK(bad == 0, "U+E000 is not FreeType's glyph 0 (%u pixels)", bad);
        }
        glyph_set_destroy(set);
    }
    glyph_charset_destroy(cs);
}

struct cell_case {
    const char *font;
    uint32_t ink;
    int fixed, faults;
};

// Checks one cell against FreeType's bitmap of its glyph (at em size `em`).
static void check_cell(FT_Face face, const struct glyph_fontpack *p,
                       const struct glyph_packed_glyph *g, const struct cell_case *c, uint8_t *px)
{
    FT_Load_Char(face, g->codepoint, MONO);
    const FT_GlyphSlot s = face->glyph;
    const FT_Bitmap *bm = &s->bitmap;
    long adv = s->advance.x / 64, left = s->bitmap_left, top = s->bitmap_top;
    long own = left >= 0 ? (adv > left + (long)bm->width ? adv : left + (long)bm->width)
                         : ((s->advance.x - 64 * left) / 64 > (long)bm->width
                                ? (s->advance.x - 64 * left) / 64
                                : (long)bm->width);
    long w = c->fixed && p->ink_max_width > 0 ? (long)p->ink_max_width : own;
    CHECK(g->advance == own && (long)g->width == w && g->height == p->cell_height,
          "%s U+%04X: cell %ux%u advance %d, want %ldx%u advance %ld", c->font, g->codepoint,
          g->width, g->height, g->advance, w, p->cell_height, own);
    if ((long)g->width != w || g->size == 0 || bm->rows == 0 || bm->width == 0) {
        return;
    }
    memset(px, 0, g->width * g->height);
    long row = p->cell_baseline - (c->faults && top < 0 ? 0 : top);
    long col = left > 0 ? left : 0;
    if (!c->faults && col + (long)bm->width > w) {
        col = w - (long)bm->width;
    }
    for (unsigned y = 0; y < bm->rows; y++) {
        for (unsigned x = 0; x < bm->width; x++) {
            long at = (row + (long)y) * w + col + (long)x; // past the edge: the next row
            if (at < (long)(g->width * g->height)) {
                px[at] = (uint8_t)ft_bit(bm, x, y);
            }
        }
    }
    uint8_t got[256 * 256];
    struct glyph_pack_format f = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    CHECK(glyph_unpack_plane(&f, p->data + g->offset, g->size, g->width, g->height, got,
                             g->width) == 0);
    CHECK(memcmp(got, px, g->width * g->height) == 0,
          "%s ink %u fixed %d faults %d U+%04X: cell "
          "is not FreeType's bitmap at row %ld, column %ld",
          c->font, c->ink, c->fixed, c->faults, g->codepoint, row, col);
}

static void test_ink_cells(void)
{
    static const struct cell_case cases[] = {
        {"DejaVuSans.ttf", 16, 0, 0},         {"DejaVuSans.ttf", 16, 0, 1},
        {"DejaVuSansMono.ttf", 12, 1, 0},     {"DejaVuSansMono.ttf", 12, 1, 1},
        {"DejaVuSerif-Italic.ttf", 23, 0, 0}, {"DejaVuSerif-Italic.ttf", 23, 1, 0},
    };
    struct glyph_charset *cs = ascii();
    static uint8_t px[256 * 256];
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        const struct cell_case *c = &cases[k];
        struct glyph_font *font = NULL;
        FT_Face face = NULL;
        if (glyph_font_open_file(ctx, dejavu(c->font), 0, &font) != 0 ||
            FT_New_Face(ft, dejavu(c->font), 0, &face) != 0) {
            CHECK(0, "cannot open %s", c->font);
            glyph_font_destroy(font);
            continue;
        }
        struct glyph_render_opts o = {.ink_height_px = c->ink, .bpp = 1};
        struct glyph_set *set = NULL;
        struct glyph_fontpack *p = NULL;
        struct glyph_fontpack_opts po = {.fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                         .cell = GLYPH_CELL_INK,
                                         .fixed_pitch = c->fixed,
                                         .ftp_faults = c->faults};
        if (glyph_set_render(ctx, &font, 1, cs, &o, &set) == 0 &&
            glyph_fontpack_create(ctx, set, &po, &p) == 0) {
            FT_Set_Pixel_Sizes(face, 0, glyph_set_metrics(set)->size_px);
            for (size_t i = 0; i < p->count; i++) {
                check_cell(face, p, &p->glyphs[i], c, px);
            }
        } else {
            CHECK(0, "%s: render or pack failed", c->font);
        }
        glyph_fontpack_destroy(p);
        glyph_set_destroy(set);
        FT_Done_Face(face);
        glyph_font_destroy(font);
    }
    glyph_charset_destroy(cs);
}

int main(void)
{
    struct glyph_font *font = NULL;
    FT_Face face = NULL;
    if (open_sans(&ctx, &font) != 0 || FT_Init_FreeType(&ft) != 0 ||
        FT_New_Face(ft, dejavu("DejaVuSans.ttf"), 0, &face) != 0) {
        return 1;
    }
    test_ink_height_search(font, face);
    test_missing_as_notdef(font, face);
    test_ink_cells();
    FT_Done_Face(face);
    FT_Done_FreeType(ft);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    return check_status();
}
