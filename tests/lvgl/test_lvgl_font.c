// LVGL fonts written by glyphpack (-f lvgl compiled into this program, -f
// lvgl-bin loaded by lv_binfont_create), checked through LVGL 9's own
// decoders against FreeType driven directly here:
// - every code point of the range (and its neighbours): LVGL finds exactly
//   the glyphs FreeType has; each glyph's bitmap from
//   lv_font_get_glyph_bitmap equals FreeType's rendering with the variant's
//   hinting, quantized the documented way (glyph/glyphset.h: round q = (v *
//   (2^bpp - 1) + 127) / 255 or truncate q = v >> (8 - bpp), the monochrome
//   renderer at 1 bpp) and expanded by LVGL's opacity tables
//   (q * 255 / (2^bpp - 1)), on the ink box, at the same place relative to
//   the pen and baseline; advances equal FreeType's rounded advance;
// - line height and baseline are the selected glyphs' ink extent
//   (docs/lvgl.md), the underline FreeType's scaled to pixels;
// - a text line drawn by an LVGL label equals the line composed from the
//   FreeType glyphs at their advances, with LVGL's L8 blend, clipped to the
//   label;
// - with --kerning, LVGL's kerning of every pair of the font's ASCII and
//   basic Cyrillic letters equals HarfBuzz's (shaping the two characters,
//   kern feature on minus off), rounded to whole pixels half away from
//   zero (either rounding when HarfBuzz's 26.6 value is within 1/64 px of
//   a half pixel: HarfBuzz and FreeType scale font units with different
//   fixed-point steps, as tests/libglyph/test_kern_oracle.c allows); labels
//   are composed with it; without, LVGL kerns nothing;
// - a C font's fallback font supplies the glyphs it lacks;
// - fonts a manifest's lvgl group asks for (rasterd build) are these fonts:
//   the header it writes declares them (lvgl_assets.h).
//
// usage: test_lvgl_font FONT.ttf (NAME SIZE BPP BITMAPS KERN CHARS HINT QUANT BIN)...
// NAME is a C font compiled in (lvgl_test_fonts.h), BIN the same font as
// -f lvgl-bin, BITMAPS glyphpack's --lvgl-bitmaps, KERN 1 with --kerning,
// CHARS its -c ranges (hexadecimal here), HINT and QUANT the --hinting and
// --quantize it was written with (the LVGL defaults spelled out: auto and
// truncate).
#define _DEFAULT_SOURCE
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"
#include <hb.h>

#include "../common/hb_kern.h"
#include "lvgl_harness.h"
#include "lvgl_assets.h"
#include "lvgl_private.h"
#include "lvgl_test_fonts.h"

#define X(name) extern const lv_font_t name;
LVGL_TEST_FONTS
#undef X

static const struct {
    const char *name;
    const lv_font_t *font;
} compiled[] = {
#define X(name) {#name, &name},
    LVGL_TEST_FONTS
#undef X
};

#define MAX_CPS 4096

// What LVGL must report for one code point, from FreeType.
struct want {
    uint32_t cp;
    int present;
    int32_t adv, left, top; // ink box: left column and top row (up positive)
    int32_t w, h;
    uint8_t *a8; // w x h opacities
};

struct variant {
    const char *name;
    unsigned size, bpp;
    int bitmap_format; // lv_font_fmt_txt's, or -1 for any (--lvgl-bitmaps smallest)
    int kerning;       // written with --kerning
    FT_Int32 ft_flags; // FT_Load_Glyph's flags for its --hinting
    int truncate;      // --quantize truncate
    struct hb_kern_oracle *hb;
    uint32_t cps[MAX_CPS];
    size_t ncps;
    struct want *want; // ncps entries
    int32_t ascent, descent, ul_top, ul_thick;
};

static size_t parse_chars(const char *spec, uint32_t *cps, size_t max)
{
    size_t n = 0;
    for (const char *p = spec; *p != '\0';) {
        char *end;
        uint32_t a = (uint32_t)strtoul(p, &end, 16), b = a;
        if (*end == '-') {
            b = (uint32_t)strtoul(end + 1, &end, 16);
        }
        for (uint32_t c = a; c <= b && n < max; c++) {
            cps[n++] = c;
        }
        p = *end == ',' ? end + 1 : end;
        if (end == p && *p != '\0') {
            break;
        }
    }
    return n;
}

static int32_t round_26_6(FT_Pos v)
{
    return (int32_t)((v + 32) >= 0 ? (v + 32) / 64 : -((-(v + 32) + 63) / 64));
}

// FreeType's pixel at (x, y) as an LVGL opacity: quantized, then expanded.
static uint8_t ft_opacity(const FT_Bitmap *bm, unsigned x, unsigned y, const struct variant *v)
{
    const unsigned char *row = bm->buffer + (long)y * bm->pitch;
    unsigned max = (1u << v->bpp) - 1;
    if (bm->pixel_mode == FT_PIXEL_MODE_MONO) {
        return (((unsigned)row[x / 8] >> (7u - x % 8u)) & 1u) ? 255 : 0;
    }
    unsigned q = v->truncate ? (unsigned)row[x] >> (8u - v->bpp) : (row[x] * max + 127) / 255;
    return (uint8_t)(q * 255 / max);
}

// FreeType's load flags for glyphpack's --hinting word at `bpp`
// (glyph/glyphset.h, spelled out here from FreeType's documentation); -1
// for an unknown word.
static FT_Int32 hint_flags(const char *word, unsigned bpp)
{
    static const struct {
        const char *word;
        FT_Int32 flags;
    } w[] = {{"normal", FT_LOAD_TARGET_NORMAL},
             {"light", FT_LOAD_TARGET_LIGHT},
             {"mono", FT_LOAD_TARGET_MONO},
             {"none", FT_LOAD_NO_HINTING},
             {"auto", FT_LOAD_FORCE_AUTOHINT | FT_LOAD_TARGET_LIGHT},
             {"auto-strong", FT_LOAD_FORCE_AUTOHINT | FT_LOAD_TARGET_NORMAL}};
    for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
        if (strcmp(word, w[i].word) == 0) {
            // The auto-hinter's targets are mono at 1 bpp, as lv_font_conv's.
            return bpp == 1 && (w[i].flags & FT_LOAD_FORCE_AUTOHINT)
                       ? FT_LOAD_FORCE_AUTOHINT | FT_LOAD_TARGET_MONO
                       : w[i].flags;
        }
    }
    return -1;
}

// FreeType renders cp with the variant's hinting; the ink box is kept.
static int load_oracle(FT_Face face, struct variant *v, uint32_t cp, struct want *w)
{
    memset(w, 0, sizeof(*w));
    w->cp = cp;
    FT_UInt gid = FT_Get_Char_Index(face, cp);
    if (gid == 0) {
        return 0;
    }
    FT_Int32 flags = v->ft_flags;
    FT_Render_Mode mode = v->bpp == 1 ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL;
    if (FT_Load_Glyph(face, gid, flags) != 0 || FT_Render_Glyph(face->glyph, mode) != 0) {
        return -1;
    }
    const FT_Bitmap *bm = &face->glyph->bitmap;
    w->present = 1;
    w->adv = round_26_6(face->glyph->advance.x);
    int32_t x0 = INT32_MAX, x1 = -1, y0 = INT32_MAX, y1 = -1;
    for (unsigned y = 0; y < bm->rows; y++) {
        for (unsigned x = 0; x < bm->width; x++) {
            if (ft_opacity(bm, x, y, v) != 0) {
                x0 = (int32_t)x < x0 ? (int32_t)x : x0;
                x1 = (int32_t)x > x1 ? (int32_t)x : x1;
                y0 = (int32_t)y < y0 ? (int32_t)y : y0;
                y1 = (int32_t)y > y1 ? (int32_t)y : y1;
            }
        }
    }
    if (x1 < 0) {
        return 0; // no ink: an empty box
    }
    w->w = x1 - x0 + 1;
    w->h = y1 - y0 + 1;
    w->left = face->glyph->bitmap_left + x0;
    w->top = face->glyph->bitmap_top - y0;
    w->a8 = malloc((size_t)w->w * (size_t)w->h);
    for (int32_t y = 0; y < w->h; y++) {
        for (int32_t x = 0; x < w->w; x++) {
            w->a8[y * w->w + x] = ft_opacity(bm, (unsigned)(x0 + x), (unsigned)(y0 + y), v);
        }
    }
    return 0;
}

static int in_charset(const struct variant *v, uint32_t cp)
{
    size_t lo = 0, hi = v->ncps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->cps[mid] == cp) {
            return 1;
        }
        if (v->cps[mid] < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

// The oracle of a whole variant, and its line metrics: the ink extent of
// the glyphs (the baseline included), the font's ascender and descender
// when no glyph has ink.
static int setup_variant(FT_Face face, struct variant *v)
{
    if (FT_Set_Pixel_Sizes(face, 0, v->size) != 0) {
        return -1;
    }
    v->want = calloc(v->ncps, sizeof(*v->want));
    int ink = 0;
    v->ascent = v->descent = 0;
    for (size_t i = 0; i < v->ncps; i++) {
        struct want *w = &v->want[i];
        if (load_oracle(face, v, v->cps[i], w) < 0) {
            return -1;
        }
        if (w->a8 != NULL) {
            v->ascent = w->top > v->ascent ? w->top : v->ascent;
            v->descent = w->top - w->h < v->descent ? w->top - w->h : v->descent;
            ink = 1;
        }
    }
    if (!ink) {
        v->ascent = round_26_6(face->size->metrics.ascender);
        v->descent = round_26_6(face->size->metrics.descender);
    }
    FT_Fixed ys = face->size->metrics.y_scale;
    FT_Pos thick = FT_MulFix(face->underline_thickness, ys);
    v->ul_thick = round_26_6(thick) > 0 ? round_26_6(thick) : 1;
    v->ul_top = round_26_6(FT_MulFix(face->underline_position, ys) + thick / 2);
    return 0;
}

static void check_glyph(const char *what, const lv_font_t *font, const struct want *w)
{
    struct lvh_glyph g;
    if (lvh_glyph_get(font, w->cp, 0, &g) != 0) {
        CHECK(0, "%s U+%04X: LVGL returned no bitmap", what, (unsigned)w->cp);
        return;
    }
    CHECK(g.found == w->present, "%s U+%04X: LVGL %s it, FreeType %s", what, (unsigned)w->cp,
          g.found ? "has" : "lacks", w->present ? "has it" : "lacks it or it is not selected");
    if (!g.found || !w->present) {
        lvh_glyph_free(&g);
        return;
    }
    CHECK(g.resolved_font == font, "%s U+%04X: resolved in another font", what, (unsigned)w->cp);
    CHECK(g.adv_w == w->adv, "%s U+%04X: advance %d, FreeType %d", what, (unsigned)w->cp,
          (int)g.adv_w, (int)w->adv);
    int box_ok = g.box_w == w->w && g.box_h == w->h &&
                 (w->a8 == NULL || (g.ofs_x == w->left && g.ofs_y == w->top - w->h));
    CHECK(box_ok, "%s U+%04X: box %dx%d at (%d, %d), FreeType's ink %dx%d at (%d, %d)", what,
          (unsigned)w->cp, (int)g.box_w, (int)g.box_h, (int)g.ofs_x, (int)g.ofs_y, (int)w->w,
          (int)w->h, (int)w->left, (int)(w->top - w->h));
    if (box_ok && w->a8 != NULL) {
        size_t n = (size_t)w->w * (size_t)w->h, k = 0;
        while (k < n && g.a8[k] == w->a8[k]) {
            k++;
        }
        CHECK(k == n, "%s U+%04X: pixel (%d, %d) is %u, FreeType's %u", what, (unsigned)w->cp,
              (int)(k % (size_t)w->w), (int)(k / (size_t)w->w), g.a8[k], w->a8[k]);
    }
    lvh_glyph_free(&g);
}

// Every selected code point and its unselected neighbours.
static void check_glyphs(const char *what, const lv_font_t *font, const struct variant *v)
{
    for (size_t i = 0; i < v->ncps; i++) {
        check_glyph(what, font, &v->want[i]);
        for (int d = -1; d <= 1; d += 2) {
            uint32_t n = v->cps[i] + (uint32_t)d;
            if (v->cps[i] > 0 && !in_charset(v, n)) {
                struct want absent = {.cp = n};
                check_glyph(what, font, &absent);
            }
        }
    }
}

static void check_metrics(const char *what, const lv_font_t *font, const struct variant *v)
{
    CHECK(font->line_height == v->ascent - v->descent && font->base_line == -v->descent,
          "%s: line height %d, baseline %d; the ink gives %d and %d", what, (int)font->line_height,
          (int)font->base_line, (int)(v->ascent - v->descent), (int)-v->descent);
    CHECK(font->underline_position == v->ul_top && font->underline_thickness == v->ul_thick,
          "%s: underline %d, %d; FreeType's %d, %d", what, font->underline_position,
          font->underline_thickness, (int)v->ul_top, (int)v->ul_thick);
}

static const struct want *find_want(const struct variant *v, uint32_t cp)
{
    for (size_t i = 0; i < v->ncps; i++) {
        if (v->cps[i] == cp) {
            return &v->want[i];
        }
    }
    return NULL;
}

// Decodes one UTF-8 sequence (the test's own literals only).
static uint32_t next_utf8(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t c = p[0];
    int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    c = n == 0 ? c : c & (0x3Fu >> n);
    for (int i = 1; i <= n; i++) {
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    *s += n + 1;
    return c;
}

static int all_present(const struct variant *v, const char *text)
{
    for (const char *p = text; *p != '\0';) {
        const struct want *g = find_want(v, next_utf8(&p));
        if (g == NULL || !g->present) {
            return 0;
        }
    }
    return 1;
}

static int32_t whole_px(int32_t v)
{
    return v >= 0 ? (v + 32) / 64 : -((-v + 32) / 64);
}

// HarfBuzz's kerning of "ab" in whole pixels, half away from zero, as the
// range [*lo, *hi] allowed (see the header); 0 when the variant has no
// kerning or HarfBuzz's glyphs are not the cmap's.
static void want_kern(const struct variant *v, uint32_t a, uint32_t b, int32_t *lo, int32_t *hi)
{
    int32_t k = v->kerning ? hb_kern_oracle_26_6(v->hb, a, b) : 0;
    if (k == INT32_MIN) {
        k = 0;
    }
    *lo = whole_px(k - 1);
    *hi = whole_px(k + 1);
}

// The kerning LVGL applies to "ab" (its advance of a with and without b).
static int32_t lvgl_kern(const lv_font_t *font, uint32_t a, uint32_t b)
{
    struct lvh_glyph g, alone;
    int32_t k = 0;
    if (lvh_glyph_get(font, a, b, &g) == 0 && lvh_glyph_get(font, a, 0, &alone) == 0) {
        k = g.adv_w - alone.adv_w;
        lvh_glyph_free(&alone);
    }
    lvh_glyph_free(&g);
    return k;
}

// The kerning a composed line uses: HarfBuzz's; LVGL's where HarfBuzz's
// allows two roundings (check_kerning proves it is one of them).
static int32_t line_kern(const struct variant *v, const lv_font_t *font, uint32_t a, uint32_t b)
{
    int32_t lo, hi;
    want_kern(v, a, b, &lo, &hi);
    return lo == hi ? lo : lvgl_kern(font, a, b);
}

// The text with FreeType's glyphs at their advances and HarfBuzz's
// kerning, LVGL's blend, clipped to the label's area.
static void compose(const struct variant *v, const lv_font_t *font, const char *text, int32_t x0,
                    int32_t y0, uint32_t w, uint32_t h, const lv_area_t *clip, uint8_t *out)
{
    memset(out, 0, (size_t)w * h);
    int32_t pen = x0;
    for (const char *p = text; *p != '\0';) {
        uint32_t cp = next_utf8(&p);
        const char *q = p;
        uint32_t next = *q != '\0' ? next_utf8(&q) : 0;
        const struct want *g = find_want(v, cp);
        if (g == NULL || !g->present) {
            continue;
        }
        for (int32_t y = 0; g->a8 != NULL && y < g->h; y++) {
            for (int32_t x = 0; x < g->w; x++) {
                int32_t px = pen + g->left + x, py = y0 + v->ascent - g->top + y;
                if (px >= clip->x1 && px <= clip->x2 && py >= clip->y1 && py <= clip->y2 &&
                    px >= 0 && py >= 0 && (uint32_t)px < w && (uint32_t)py < h) {
                    uint8_t *d = &out[(size_t)py * w + (size_t)px];
                    *d = lvh_l8_blend_white(*d, g->a8[y * g->w + x]);
                }
            }
        }
        pen += g->adv + (next != 0 ? line_kern(v, font, cp, next) : 0);
    }
}

static void check_label(const char *what, const lv_font_t *font, const struct variant *v)
{
    static const char *const texts[] = {"Hamburgefonstiv 0123", "AVTo Wa, fj;",
                                        "\xc3\x84\xc3\x96 \xce\xa9\xce\xbb \xd0\x96\xd0\xaf"};
    uint32_t w = 40 + 14 * v->size, h = (uint32_t)(v->ascent - v->descent) + 20;
    uint8_t *drawn = malloc((size_t)w * h), *expected = malloc((size_t)w * h);
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
        if (!all_present(v, texts[t])) {
            continue; // LVGL draws a placeholder box for a missing glyph
        }
        lv_area_t area;
        CHECK(lvh_label_draw(font, texts[t], 10, 10, w, h, drawn, &area) == 0, "%s: not drawn",
              what);
        compose(v, font, texts[t], 10, 10, w, h, &area, expected);
        size_t diff = 0, first = 0;
        for (size_t i = 0; i < (size_t)w * h; i++) {
            if (drawn[i] != expected[i] && diff++ == 0) {
                first = i;
            }
        }
        CHECK(diff == 0, "%s: label '%s': %zu pixels differ, first (%zu, %zu): %u, composed %u",
              what, texts[t], diff, first % w, first / w, drawn[first], expected[first]);
    }
    free(drawn);
    free(expected);
}

static const lv_font_t *compiled_font(const char *name)
{
    for (size_t i = 0; i < sizeof(compiled) / sizeof(compiled[0]); i++) {
        if (strcmp(compiled[i].name, name) == 0) {
            return compiled[i].font;
        }
    }
    return NULL;
}

static int kern_probe(uint32_t cp)
{
    return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0x410 && cp <= 0x44F);
}

// LVGL's kerning of every ordered pair of probe code points against
// HarfBuzz's (none without --kerning); at least one pair must be kerned.
static void check_kerning(const char *what, const lv_font_t *font, const struct variant *v)
{
    size_t kerned = 0, bad = 0;
    for (size_t i = 0; i < v->ncps; i++) {
        uint32_t a = v->cps[i];
        for (size_t j = 0; kern_probe(a) && v->want[i].present && j < v->ncps; j++) {
            uint32_t b = v->cps[j];
            if (!kern_probe(b) || !v->want[j].present) {
                continue;
            }
            int32_t got = lvgl_kern(font, a, b), lo, hi;
            want_kern(v, a, b, &lo, &hi);
            kerned += got != 0;
            if ((got < lo || got > hi) && bad++ < 10) {
                CHECK(0, "%s: U+%04X U+%04X: LVGL kerns %d px, HarfBuzz %d..%d", what, (unsigned)a,
                      (unsigned)b, (int)got, (int)lo, (int)hi);
            }
        }
    }
    CHECK(bad == 0, "%s: %zu pairs kerned differently from HarfBuzz", what, bad);
    CHECK(!v->kerning || kerned >= 5, "%s: only %zu kerned pairs: nothing proven", what, kerned);
}

static void check_font(const char *what, const lv_font_t *font, const struct variant *v)
{
    check_metrics(what, font, v);
    check_glyphs(what, font, v);
    check_kerning(what, font, v);
    check_label(what, font, v);
}

static void check_variant(FT_Face face, struct variant *v, const char *bin_path)
{
    char what[128];
    if (setup_variant(face, v) < 0) {
        CHECK(0, "%s: FreeType cannot render the oracle", v->name);
        return;
    }
    const lv_font_t *c = compiled_font(v->name);
    CHECK(c != NULL, "%s: no such compiled font", v->name);
    if (c != NULL) {
        const lv_font_fmt_txt_dsc_t *d = c->dsc;
        CHECK(d->bpp == v->bpp && (v->bitmap_format < 0 || d->bitmap_format == v->bitmap_format),
              "%s: %u bpp, bitmap format %u: not what was asked", v->name, (unsigned)d->bpp,
              (unsigned)d->bitmap_format);
        snprintf(what, sizeof(what), "%s (C)", v->name);
        check_font(what, c, v);
    }
    size_t len = 0;
    void *data = check_read_file(bin_path, &len);
    lv_font_t *bin = data != NULL ? lvh_binfont_load(data, len) : NULL;
    CHECK(bin != NULL, "%s: LVGL does not load the binary font", bin_path);
    if (bin != NULL) {
        snprintf(what, sizeof(what), "%s (binary)", v->name);
        check_font(what, bin, v);
        lv_binfont_destroy(bin);
    }
    free(data);
    // Once through a file system path as well.
    char path[4096 + 3];
    snprintf(path, sizeof(path), "A:%s", bin_path);
    bin = lv_binfont_create(path);
    CHECK(bin != NULL, "%s: lv_binfont_create refuses it", path);
    if (bin != NULL) {
        snprintf(what, sizeof(what), "%s (binary file)", v->name);
        check_glyphs(what, bin, v);
        lv_binfont_destroy(bin);
    }
    for (size_t i = 0; i < v->ncps; i++) {
        free(v->want[i].a8);
    }
    free(v->want);
}

// The font with scattered code points has cmaps of every kind the writer
// uses, so that each is proven above.
static void check_cmap_kinds(const char *name)
{
    const lv_font_t *f = compiled_font(name);
    unsigned seen = 0;
    const lv_font_fmt_txt_dsc_t *d = f != NULL ? f->dsc : NULL;
    for (unsigned i = 0; d != NULL && i < d->cmap_num; i++) {
        seen |= 1u << d->cmaps[i].type;
    }
    unsigned want = (1u << LV_FONT_FMT_TXT_CMAP_FORMAT0_TINY) |
                    (1u << LV_FONT_FMT_TXT_CMAP_FORMAT0_FULL) |
                    (1u << LV_FONT_FMT_TXT_CMAP_SPARSE_TINY);
    CHECK(seen == want, "%s: cmap kinds 0x%x, expected 0x%x", name, seen, want);
}

// The kerning variants cover LVGL's three forms: classes, pairs of 8-bit
// glyph ids and pairs of 16-bit ids (more than 255 glyphs).
static void check_kern_forms(void)
{
    static const struct {
        const char *name;
        int classes, ids_size;
    } want[] = {{"k16_4", 1, -1}, {"k20_2", 0, 0}, {"k16_1", 0, 1}};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const lv_font_t *f = compiled_font(want[i].name);
        const lv_font_fmt_txt_dsc_t *d = f != NULL ? f->dsc : NULL;
        CHECK(d != NULL && d->kern_dsc != NULL && d->kern_classes == want[i].classes,
              "%s: not kerned with %s", want[i].name, want[i].classes ? "classes" : "pairs");
        if (d != NULL && d->kern_dsc != NULL && !d->kern_classes) {
            const lv_font_fmt_txt_kern_pair_t *kp = d->kern_dsc;
            CHECK((int)kp->glyph_ids_size == want[i].ids_size, "%s: glyph ids of %u bytes",
                  want[i].name, kp->glyph_ids_size + 1u);
        }
    }
}

// Font `name` (digits 0-9 only) falls back to `fallback` (-f lvgl
// --lvgl-fallback, or a manifest's fallback key): LVGL resolves each glyph
// in the font that has it.
static void check_fallback(const char *name, const char *fallback)
{
    const lv_font_t *dg = compiled_font(name), *fb = compiled_font(fallback);
    CHECK(dg != NULL && fb != NULL, "no fonts %s, %s", name, fallback);
    if (dg == NULL || fb == NULL) {
        return;
    }
    CHECK(dg->fallback == fb, "%s: fallback is not %s", name, fallback);
    const struct {
        uint32_t cp;
        const lv_font_t *in;
    } cases[] = {{'5', dg}, {'A', fb}, {0x4E00, NULL}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct lvh_glyph g;
        CHECK(lvh_glyph_get(dg, cases[i].cp, 0, &g) == 0, "%s U+%04X: no bitmap", name,
              (unsigned)cases[i].cp);
        CHECK(g.found == (cases[i].in != NULL) && (!g.found || g.resolved_font == cases[i].in),
              "%s U+%04X: resolved in the wrong font", name, (unsigned)cases[i].cp);
        lvh_glyph_free(&g);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || (argc - 2) % 9 != 0) {
        fprintf(stderr, "usage: %s FONT (NAME SIZE BPP BITMAPS KERN CHARS HINT QUANT BIN)...\n",
                argv[0]);
        return 2;
    }
    FT_Library lib;
    FT_Face face;
    if (FT_Init_FreeType(&lib) != 0 || FT_New_Face(lib, argv[1], 0, &face) != 0) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    lvh_init();
    static struct variant v;
    for (int a = 2; a + 8 < argc; a += 9) {
        memset(&v, 0, sizeof(v));
        v.name = argv[a];
        v.size = (unsigned)atoi(argv[a + 1]);
        v.bpp = (unsigned)atoi(argv[a + 2]);
        const char *b = argv[a + 3];
        v.bitmap_format = strcmp(b, "plain") == 0 ? LV_FONT_FMT_TXT_PLAIN
                          : strcmp(b, "rle") == 0 ? LV_FONT_FMT_TXT_COMPRESSED
                          : strcmp(b, "rle-no-prefilter") == 0
                              ? LV_FONT_FMT_TXT_COMPRESSED_NO_PREFILTER
                              : -1;
        v.kerning = atoi(argv[a + 4]);
        v.ncps = parse_chars(argv[a + 5], v.cps, MAX_CPS);
        v.ft_flags = hint_flags(argv[a + 6], v.bpp);
        v.truncate = strcmp(argv[a + 7], "truncate") == 0;
        if (v.ft_flags == -1 || (!v.truncate && strcmp(argv[a + 7], "round") != 0)) {
            fprintf(stderr, "%s: unknown hinting '%s' or quantization '%s'\n", v.name, argv[a + 6],
                    argv[a + 7]);
            return 2;
        }
        struct hb_kern_oracle hb;
        if (hb_kern_oracle_open(&hb, argv[1], v.size) != 0) {
            fprintf(stderr, "HarfBuzz cannot open %s\n", argv[1]);
            return 1;
        }
        v.hb = &hb;
        check_variant(face, &v, argv[a + 8]);
        hb_kern_oracle_close(&hb);
    }
    check_cmap_kinds("v16_4r");
    check_kern_forms();
    check_fallback("digits", "v16_4r");
    check_fallback("mfdig", "mf16");
    lvh_finish();
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return check_status();
}
