// Glyph sets: the fallback chain against FreeType's cmaps and renders of the
// font that should supply each glyph, the line-height solve against FreeType's
// size metrics, and argument errors.
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

static struct glyph_ctx *ctx;
static struct log_capture logs;
static FT_Library lib;

static int32_t round_26_6(FT_Pos v)
{
    return (int32_t)((v + 32) >> 6);
}

static int32_t ft_line_height(FT_Face face, uint32_t em, int32_t *asc, int32_t *desc)
{
    FT_Set_Pixel_Sizes(face, em, em);
    *asc = round_26_6(face->size->metrics.ascender);
    *desc = round_26_6(face->size->metrics.descender);
    return *asc - *desc;
}

static void compare_with_face(FT_Face face, const struct glyph_info *g, unsigned size)
{
    FT_Set_Pixel_Sizes(face, size, size);
    if (FT_Load_Char(face, g->codepoint, FT_LOAD_DEFAULT) != 0 ||
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
        CHECK(0, "oracle render U+%04X", g->codepoint);
        return;
    }
    const FT_Bitmap *bm = &face->glyph->bitmap;
    int same = g->width == bm->width && g->height == bm->rows &&
               g->advance == round_26_6(face->glyph->advance.x) &&
               g->top == face->glyph->bitmap_top;
    for (unsigned y = 0; same && g->levels != NULL && y < bm->rows; y++) {
        same = memcmp(g->levels + y * g->width, bm->buffer + (long)y * bm->pitch, bm->width) == 0;
    }
    CHECK(same, "U+%04X differs from font %u's own rendering", g->codepoint, g->font_index);
}

static void test_fallback_chain_matches_cmaps(void)
{
    static const char *const names[] = {"DejaVuSansMono.ttf", "DejaVuSans.ttf", "DejaVuSerif.ttf"};
    struct glyph_font *fonts[3] = {NULL, NULL, NULL};
    FT_Face faces[3] = {NULL, NULL, NULL};
    for (int f = 0; f < 3; f++) {
        CHECK(glyph_font_open_file(ctx, dejavu(names[f]), 0, &fonts[f]) == 0, "%s", names[f]);
        CHECK(FT_New_Face(lib, dejavu(names[f]), 0, &faces[f]) == 0, "FT %s", names[f]);
    }
    if (!fonts[0] || !fonts[1] || !fonts[2] || !faces[0] || !faces[1] || !faces[2]) {
        return;
    }
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_parse(cs,
                              "0x20-0x7E,0xA0-0x17F,0x370-0x3FF,0x400-0x4FF,0x2000-0x22FF,"
                              "0x1E00-0x1EFF,U+4E00-U+4E02",
                              NULL, 0) == 0,
          "charset");
    struct glyph_render_opts o = {.size_px = 14, .bpp = 8};
    struct glyph_set *set = NULL;
    memset(&logs, 0, sizeof(logs));
    CHECK(glyph_set_render(ctx, fonts, 3, cs, &o, &set) == 0, "render chain");
    if (set == NULL) {
        return;
    }
    size_t per_font[3] = {0, 0, 0}, missing = 0;
    int32_t asc = 0, desc = 0;
    for (size_t i = 0; i < glyph_charset_count(cs); i++) {
        uint32_t cp = glyph_charset_at(cs, i);
        int want = -1;
        for (int f = 0; f < 3 && want < 0; f++) {
            want = FT_Get_Char_Index(faces[f], cp) != 0 ? f : -1;
        }
        const struct glyph_info *g = glyph_set_find(set, cp);
        if (want < 0) {
            CHECK(g == NULL, "U+%04X in no font but rendered", cp);
            CHECK(missing < glyph_set_missing_count(set) && glyph_set_missing(set, missing) == cp,
                  "U+%04X not reported missing", cp);
            missing++;
            continue;
        }
        CHECK(g != NULL && g->font_index == (unsigned)want, "U+%04X: font %d, want %d", cp,
              g ? (int)g->font_index : -1, want);
        if (g != NULL && g->font_index == (unsigned)want) {
            per_font[want]++;
            compare_with_face(faces[want], g, 14);
        }
    }
    CHECK(glyph_set_missing_count(set) == missing, "missing %zu want %zu",
          glyph_set_missing_count(set), missing);
    CHECK(per_font[0] > 0 && per_font[1] > 0, "chain not exercised: %zu %zu %zu", per_font[0],
          per_font[1], per_font[2]);
    CHECK(logs.count[GLYPH_LOG_WARN] == 1 && strstr(logs.last, "U+4E00-U+4E02") != NULL,
          "missing not logged: %s", logs.last);
    for (int f = 0; f < 3; f++) {
        int32_t a, d;
        if (per_font[f] > 0) {
            ft_line_height(faces[f], 14, &a, &d);
            asc = a > asc ? a : asc;
            desc = d < desc ? d : desc;
        }
    }
    const struct glyph_set_metrics *m = glyph_set_metrics(set);
    CHECK(m->ascender == asc && m->descender == desc, "chain metrics %d/%d want %d/%d", m->ascender,
          m->descender, asc, desc);
    CHECK(strcmp(m->family, "DejaVu Sans Mono") == 0, "family of the first font");
    printf("chain: %zu from Mono, %zu from Sans, %zu from Serif, %zu missing\n", per_font[0],
           per_font[1], per_font[2], missing);
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
    for (int f = 0; f < 3; f++) {
        glyph_font_destroy(fonts[f]);
        FT_Done_Face(faces[f]);
    }
}

static void test_line_height_solve(void)
{
    struct glyph_font *font = NULL;
    FT_Face face = NULL;
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0, &font) == 0, "open");
    CHECK(FT_New_Face(lib, dejavu("DejaVuSans.ttf"), 0, &face) == 0, "FT open");
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_parse(cs, "0x20-0x7E", NULL, 0) == 0, "charset");
    static const uint32_t wants[] = {3, 6, 10, 15, 16, 17, 20, 21, 33, 64, 200, 2048};
    for (size_t k = 0; font && face && k < sizeof(wants) / sizeof(wants[0]); k++) {
        struct glyph_render_opts o = {.line_height_px = wants[k], .bpp = 4};
        struct glyph_set *set = NULL;
        int err = glyph_set_render(ctx, &font, 1, cs, &o, &set);
        CHECK(err == 0, "line height %u: %s", wants[k], glyph_error_name(err));
        if (set == NULL) {
            continue;
        }
        const struct glyph_set_metrics *m = glyph_set_metrics(set);
        int32_t a, d;
        int32_t lh = ft_line_height(face, m->size_px, &a, &d);
        CHECK(m->line_height == lh && lh <= (int32_t)wants[k], "want %u: em %u gives %d (FT %d)",
              wants[k], m->size_px, m->line_height, lh);
        if (m->size_px < GLYPH_MAX_SIZE_PX) {
            int32_t next = ft_line_height(face, m->size_px + 1, &a, &d);
            CHECK(next > (int32_t)wants[k], "want %u: em %u + 1 still fits (%d)", wants[k],
                  m->size_px, next);
        }
        glyph_set_destroy(set);
    }
    struct glyph_render_opts o = {.line_height_px = 1, .bpp = 4};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == GLYPH_ERR_FONT_SIZE && set == NULL,
          "line height 1 fits no size");
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    FT_Done_Face(face);
}

static int render_err(struct glyph_font **fonts, size_t n, const struct glyph_charset *cs,
                      struct glyph_render_opts o)
{
    struct glyph_set *set = (struct glyph_set *)1;
    int err = glyph_set_render(ctx, fonts, n, cs, &o, &set);
    CHECK((err == 0) == (set != NULL), "out not cleared on error");
    glyph_set_destroy(set);
    return err;
}

static void test_render_argument_errors(void)
{
    struct glyph_font *font = NULL;
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0, &font) == 0, "open");
    struct glyph_charset *cs = glyph_charset_create(ctx), *empty = glyph_charset_create(ctx),
                         *cjk = glyph_charset_create(ctx);
    CHECK(glyph_charset_parse(cs, "AW", NULL, 0) == 0 &&
              glyph_charset_add_range(cjk, 0x4E00, 0x4E10) == 0,
          "charsets");
    struct glyph_render_opts ok = {.size_px = 12, .bpp = 4};
    CHECK(render_err(&font, 1, cs, ok) == 0, "valid");
    struct glyph_render_opts o = ok;
    o.size_px = 0;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_INVALID_ARG, "no size");
    o.size_px = GLYPH_MAX_SIZE_PX + 1;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_FONT_SIZE, "size above max");
    o.size_px = UINT32_MAX;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_FONT_SIZE, "size UINT32_MAX");
    o = ok;
    o.line_height_px = 0xFFFFFFF0u;
    o.size_px = 0;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_FONT_SIZE, "absurd line height");
    o.size_px = 12;
    o.line_height_px = 12;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_INVALID_ARG, "both sizes");
    static const unsigned bad_bpp[] = {0, 3, 5, 16, 32};
    for (size_t i = 0; i < 5; i++) {
        o = ok;
        o.bpp = bad_bpp[i];
        CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_INVALID_ARG, "bpp %u", bad_bpp[i]);
    }
    o = ok;
    o.hinting = (enum glyph_hinting)99;
    CHECK(render_err(&font, 1, cs, o) == GLYPH_ERR_INVALID_ARG, "hinting 99");
    CHECK(render_err(&font, 1, empty, ok) == GLYPH_ERR_EMPTY, "empty charset");
    CHECK(render_err(&font, 0, cs, ok) == GLYPH_ERR_INVALID_ARG, "no fonts");
    struct glyph_font *with_null[2] = {font, NULL};
    CHECK(render_err(with_null, 2, cs, ok) == GLYPH_ERR_INVALID_ARG, "NULL font");
    CHECK(render_err(&font, 1, cjk, ok) == GLYPH_ERR_MISSING_GLYPHS, "nothing covered");
    o = ok;
    o.size_px = GLYPH_MAX_SIZE_PX;
    o.bpp = 1;
    CHECK(render_err(&font, 1, cs, o) == 0, "largest size renders");
    glyph_charset_destroy(cs);
    glyph_charset_destroy(empty);
    glyph_charset_destroy(cjk);
    glyph_font_destroy(font);
}

static int render_capped(struct glyph_font **font, const struct glyph_charset *cs,
                         struct glyph_render_opts o, size_t cap)
{
    struct glyph_set *set = (struct glyph_set *)1;
    int err = glyph_set_render_capped(ctx, font, 1, cs, &o, cap, &set);
    CHECK((err == 0) == (set != NULL), "out not cleared on error");
    glyph_set_destroy(set);
    return err;
}

// The bitmap cap: a set needing exactly the cap renders; one byte less is a
// range error (a data error for glyphpack, not out-of-memory) naming the
// limit and the glyph that crossed it.
static void test_bitmap_cap_is_range_error(void)
{
    struct glyph_font *font = NULL;
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0, &font) == 0, "open");
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(font != NULL && glyph_charset_parse(cs, "0x20-0x7E", NULL, 0) == 0, "setup");
    struct glyph_render_opts o = {.size_px = 24, .bpp = 8};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == 0, "render");
    size_t total = 0;
    uint32_t last_inked = 0;
    for (size_t i = 0; set != NULL && i < glyph_set_count(set); i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        total += (size_t)g->width * g->height;
        last_inked = g->width * g->height != 0 ? g->codepoint : last_inked;
    }
    glyph_set_destroy(set);
    CHECK(total > 1000 && last_inked == '~', "total %zu", total);
    CHECK(render_capped(&font, cs, o, total) == 0, "exactly the cap");
    memset(&logs, 0, sizeof(logs));
    CHECK(render_capped(&font, cs, o, total - 1) == GLYPH_ERR_RANGE, "one byte over the cap");
    char want[64];
    snprintf(want, sizeof(want), "limit of %zu bytes", total - 1);
    CHECK(strstr(logs.last, want) != NULL && strstr(logs.last, "U+007E") != NULL, "log: %s",
          logs.last);
    CHECK(render_capped(&font, cs, o, SIZE_MAX) == 0, "huge cap (clamped to the default)");
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
}

int main(void)
{
    // The oracle's FT_Init_FreeType reads FREETYPE_PROPERTIES; libglyph never does.
    unsetenv("FREETYPE_PROPERTIES");
    ctx = glyph_ctx_create(NULL);
    glyph_ctx_set_log(ctx, capture_log, &logs, GLYPH_LOG_WARN);
    if (ctx == NULL || FT_Init_FreeType(&lib) != 0) {
        return 1;
    }
    test_fallback_chain_matches_cmaps();
    test_line_height_solve();
    test_render_argument_errors();
    test_bitmap_cap_is_range_error();
    FT_Done_FreeType(lib);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
