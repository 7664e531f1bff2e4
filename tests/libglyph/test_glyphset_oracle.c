// Oracle test: glyph sets rendered by libglyph equal FreeType's own
// rendering of DejaVuSans, driven directly through FreeType here: 8-bit
// coverage byte for byte, 2/4-bit levels equal the quantization formula
// (rounded or truncated) applied to FreeType's coverage, 1-bit equals the monochrome renderer bit
// for bit, and every metric equals FreeType's.
#define _POSIX_C_SOURCE 200809L
#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

static const uint32_t set_b[][2] = {{0x20, 0x7E}, {0xA0, 0x17F}, {0x370, 0x3FF}, {0x400, 0x4FF}};

// The oracle's pixel (x, y) of a FreeType bitmap as 0..255 coverage, or 0/1
// for monochrome bitmaps; pitch honoured whatever its sign.
static unsigned ft_pixel(const FT_Bitmap *bm, unsigned x, unsigned y)
{
    long pitch = bm->pitch;
    const unsigned char *row =
        pitch >= 0 ? bm->buffer + (long)y * pitch : bm->buffer + (long)(bm->rows - 1 - y) * -pitch;
    if (bm->pixel_mode == FT_PIXEL_MODE_MONO) {
        return (row[x / 8] >> (7 - x % 8)) & 1u;
    }
    return row[x];
}

static unsigned quantize(unsigned v, unsigned bpp, enum glyph_quantize q)
{
    unsigned max = (1u << bpp) - 1;
    return q == GLYPH_QUANT_TRUNCATE ? v >> (8 - bpp) : (v * max + 127) / 255;
}

struct variant {
    unsigned bpp;
    enum glyph_hinting hinting;
    FT_Int32 ft_flags;
    FT_Render_Mode ft_mode;
    enum glyph_quantize quant; // zero: GLYPH_QUANT_ROUND
};

static void compare_glyph(FT_Face face, const struct glyph_set *set, uint32_t cp,
                          const struct variant *v, unsigned size)
{
    FT_UInt gid = FT_Get_Char_Index(face, cp);
    const struct glyph_info *g = glyph_set_find(set, cp);
    if (gid == 0) {
        CHECK(g == NULL, "U+%04X: FreeType has no glyph, libglyph has one", cp);
        return;
    }
    if (g == NULL) {
        CHECK(0, "U+%04X missing at %u px", cp, size);
        return;
    }
    if (FT_Load_Char(face, cp, v->ft_flags) != 0 || FT_Render_Glyph(face->glyph, v->ft_mode) != 0) {
        CHECK(0, "oracle cannot render U+%04X", cp);
        return;
    }
    FT_GlyphSlot s = face->glyph;
    const FT_Bitmap *bm = &s->bitmap;
    int blank = bm->width == 0 || bm->rows == 0;
    CHECK(g->advance == (int32_t)((s->advance.x + 32) >> 6), "U+%04X %upx bpp%u advance %d", cp,
          size, v->bpp, g->advance);
    CHECK(g->left == s->bitmap_left && g->top == s->bitmap_top, "U+%04X %upx bpp%u left/top", cp,
          size, v->bpp);
    CHECK(g->width == (blank ? 0 : bm->width) && g->height == (blank ? 0 : bm->rows),
          "U+%04X %upx bpp%u size %ux%u want %ux%u", cp, size, v->bpp, g->width, g->height,
          bm->width, bm->rows);
    CHECK((g->levels == NULL) == blank, "U+%04X levels pointer", cp);
    if (blank || g->levels == NULL || g->width != bm->width || g->height != bm->rows) {
        return;
    }
    unsigned bad = 0;
    for (unsigned y = 0; y < bm->rows; y++) {
        for (unsigned x = 0; x < bm->width; x++) {
            unsigned want = ft_pixel(bm, x, y);
            if (v->bpp != 1 && v->bpp != 8) {
                want = quantize(want, v->bpp, v->quant);
            }
            bad += g->levels[y * g->width + x] != want;
        }
    }
    CHECK(bad == 0, "U+%04X %upx bpp%u: %u pixels differ", cp, size, v->bpp, bad);
}

static int32_t round_26_6(FT_Pos v)
{
    return (int32_t)((v + 32) >> 6); // arithmetic shift: floor, as FreeType's own macros
}

static void run_variant(struct glyph_ctx *ctx, struct glyph_font *font, FT_Face face,
                        const struct glyph_charset *cs, unsigned size, const struct variant *v)
{
    struct glyph_render_opts opts = {
        .size_px = size, .bpp = v->bpp, .hinting = v->hinting, .quantize = v->quant};
    struct glyph_set *set = NULL;
    int err = glyph_set_render(ctx, &font, 1, cs, &opts, &set);
    CHECK(err == 0, "render %u px bpp %u: %s", size, v->bpp, glyph_error_name(err));
    if (err != 0) {
        return;
    }
    FT_Set_Pixel_Sizes(face, size, size);
    const struct glyph_set_metrics *m = glyph_set_metrics(set);
    int32_t asc = round_26_6(face->size->metrics.ascender);
    int32_t desc = round_26_6(face->size->metrics.descender);
    CHECK(m->size_px == size && m->bpp == v->bpp, "metrics size/bpp");
    CHECK(m->ascender == asc && m->descender == desc && m->line_height == asc - desc &&
              m->baseline == asc,
          "%u px: asc %d desc %d, want %d %d", size, m->ascender, m->descender, asc, desc);
    CHECK(strcmp(m->family, "DejaVu Sans") == 0, "family '%s'", m->family);
    int32_t max_adv = 0;
    for (size_t i = 0; i < glyph_charset_count(cs); i++) {
        uint32_t cp = glyph_charset_at(cs, i);
        compare_glyph(face, set, cp, v, size);
        const struct glyph_info *g = glyph_set_find(set, cp);
        if (g != NULL && g->advance > max_adv) {
            max_adv = g->advance;
        }
    }
    CHECK(m->max_advance == max_adv, "max_advance %d want %d", m->max_advance, max_adv);
    glyph_set_destroy(set);
}

int main(void)
{
    // The oracle's FT_Init_FreeType reads FREETYPE_PROPERTIES; libglyph never does.
    unsetenv("FREETYPE_PROPERTIES");
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_font *font = NULL;
    FT_Library lib;
    FT_Face face;
    if (ctx == NULL || glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0, &font) != 0 ||
        FT_Init_FreeType(&lib) != 0 || FT_New_Face(lib, dejavu("DejaVuSans.ttf"), 0, &face) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    struct glyph_charset *cs = glyph_charset_create(ctx);
    for (size_t r = 0; r < 4; r++) {
        CHECK(glyph_charset_add_range(cs, set_b[r][0], set_b[r][1]) == 0, "range");
    }
    static const unsigned sizes[] = {8, 12, 16, 24, 48};
    const struct variant variants[] = {
        {8, GLYPH_HINT_DEFAULT, FT_LOAD_DEFAULT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {4, GLYPH_HINT_DEFAULT, FT_LOAD_DEFAULT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {2, GLYPH_HINT_DEFAULT, FT_LOAD_DEFAULT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {1, GLYPH_HINT_DEFAULT, FT_LOAD_TARGET_MONO, FT_RENDER_MODE_MONO, GLYPH_QUANT_ROUND},
    };
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
            run_variant(ctx, font, face, cs, sizes[s], &variants[v]);
        }
    }
    // Hinting modes at one size.
    const struct variant hinted[] = {
        {8, GLYPH_HINT_LIGHT, FT_LOAD_TARGET_LIGHT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {8, GLYPH_HINT_NONE, FT_LOAD_NO_HINTING, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {8, GLYPH_HINT_MONO, FT_LOAD_TARGET_MONO, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {1, GLYPH_HINT_NORMAL, FT_LOAD_TARGET_NORMAL, FT_RENDER_MODE_MONO, GLYPH_QUANT_ROUND},
        {1, GLYPH_HINT_NONE, FT_LOAD_NO_HINTING, FT_RENDER_MODE_MONO, GLYPH_QUANT_ROUND},
        // lv_font_conv's rendering: the auto-hinter forced, light target
        // (mono at 1 bpp), coverage truncated.
        {4, GLYPH_HINT_AUTO, FT_LOAD_TARGET_LIGHT | FT_LOAD_FORCE_AUTOHINT, FT_RENDER_MODE_NORMAL,
         GLYPH_QUANT_TRUNCATE},
        {2, GLYPH_HINT_AUTO, FT_LOAD_TARGET_LIGHT | FT_LOAD_FORCE_AUTOHINT, FT_RENDER_MODE_NORMAL,
         GLYPH_QUANT_TRUNCATE},
        {8, GLYPH_HINT_AUTO, FT_LOAD_TARGET_LIGHT | FT_LOAD_FORCE_AUTOHINT, FT_RENDER_MODE_NORMAL,
         GLYPH_QUANT_ROUND},
        {1, GLYPH_HINT_AUTO, FT_LOAD_TARGET_MONO | FT_LOAD_FORCE_AUTOHINT, FT_RENDER_MODE_MONO,
         GLYPH_QUANT_ROUND},
        {8, GLYPH_HINT_AUTO_STRONG, FT_LOAD_TARGET_NORMAL | FT_LOAD_FORCE_AUTOHINT,
         FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
        {4, GLYPH_HINT_LIGHT, FT_LOAD_TARGET_LIGHT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_TRUNCATE},
        {4, GLYPH_HINT_LIGHT, FT_LOAD_TARGET_LIGHT, FT_RENDER_MODE_NORMAL, GLYPH_QUANT_ROUND},
    };
    for (size_t v = 0; v < sizeof(hinted) / sizeof(hinted[0]); v++) {
        run_variant(ctx, font, face, cs, 13, &hinted[v]);
    }
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        run_variant(ctx, font, face, cs, sizes[s], &hinted[5]); // auto, 4 bpp, truncated
    }
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
