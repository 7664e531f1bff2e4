// Field overflows in the emitters are errors naming the glyph and the field,
// never wrapped values (Adafruit fontconvert and lv_font_conv wrap).
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "font_fixture.h"
#include "formats/error.h"
#include "formats/font_emit.h"

static struct glyph_packed_glyph *glyph_of(struct glyph_fontpack *pack, uint32_t cp)
{
    for (size_t i = 0; i < pack->count; i++) {
        if (pack->glyphs[i].codepoint == cp) {
            return (struct glyph_packed_glyph *)&pack->glyphs[i];
        }
    }
    return NULL;
}

// Emits `pack` as C and binary; both must fail with FMT_ERR_RANGE and a
// reason containing every string in `want`.
static void expect_range(const char *name, const struct glyph_fontpack *pack, const char *want1,
                         const char *want2)
{
    struct fmt_membuf c, h, bin;
    fmt_membuf_init(&c);
    fmt_membuf_init(&h);
    fmt_membuf_init(&bin);
    char why_c[256] = "", why_b[256] = "";
    int ec = fmt_font_emit_c(pack, "f", "f.h", &c.sink, &h.sink, why_c, sizeof(why_c));
    int eb = fmt_font_emit_bin(pack, &bin.sink, why_b, sizeof(why_b));
    if (ec != FMT_ERR_RANGE || eb != FMT_ERR_RANGE || strstr(why_c, want1) == NULL ||
        strstr(why_c, want2) == NULL || strcmp(why_c, why_b) != 0) {
        fprintf(stderr, "%s: c=%d '%s', bin=%d '%s'; want '%s' and '%s'\n", name, ec, why_c, eb,
                why_b, want1, want2);
        check_failures++;
    } else {
        printf("%s: %s\n", name, why_c);
    }
    fmt_membuf_finish(&c);
    fmt_membuf_finish(&h);
    fmt_membuf_finish(&bin);
}

static void test_font_range_width_overflow_names_glyph(void)
{
    const struct glyph_pack_format fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    glyph_of(pack, 'A')->width = 70000;
    expect_range("width_overflow", pack, "U+0041", "width");
    fixture_destroy(pack);
}

static void test_font_range_negative_left_overflow(void)
{
    const struct glyph_pack_format fmt = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    glyph_of(pack, 0x2026)->left = -40000;
    expect_range("left_overflow", pack, "U+2026", "left");
    fixture_destroy(pack);
}

static void test_font_range_advance_and_top(void)
{
    const struct glyph_pack_format fmt = {8, GLYPH_LAYOUT_PAGES, GLYPH_BIT_LSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    glyph_of(pack, 0xA5)->advance = 65536;
    expect_range("advance_overflow", pack, "U+00A5", "advance");
    glyph_of(pack, 0xA5)->advance = 3;
    glyph_of(pack, 'z')->top = 32768;
    expect_range("top_overflow", pack, "U+007A", "top");
    fixture_destroy(pack);
}

static void test_font_range_metrics(void)
{
    const struct glyph_pack_format fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    pack->metrics.ascender = 40000;
    expect_range("ascender_overflow", pack, "font:", "ascender");
    fixture_destroy(pack);
}

static void test_font_range_too_many_glyphs(void)
{
    const struct glyph_pack_format fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    // 70000 blank glyphs at consecutive code points from U+10000.
    static struct glyph_packed_glyph many[70000];
    for (uint32_t i = 0; i < 70000; i++) {
        many[i] = (struct glyph_packed_glyph){.codepoint = 0x10000 + i, .advance = 1};
    }
    const struct glyph_packed_glyph *keep = pack->glyphs;
    size_t keep_n = pack->count;
    pack->glyphs = many;
    pack->count = 70000;
    expect_range("glyph_index_overflow", pack, "U+20000", "glyph index");
    pack->glyphs = keep;
    pack->count = keep_n;
    fixture_destroy(pack);
}

static void test_font_py_rejects_non_font_to_py_encodings(void)
{
    const struct glyph_pack_format fmt = {2, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 1);
    struct fmt_membuf py;
    fmt_membuf_init(&py);
    char why[256] = "";
    if (fmt_font_emit_py(pack, &py.sink, why, sizeof(why)) != FMT_ERR_INVALID_ARG ||
        strstr(why, "1 bpp") == NULL) {
        fprintf(stderr, "py_bpp: accepted 2 bpp or bad reason '%s'\n", why);
        check_failures++;
    }
    fmt_membuf_finish(&py);
    fixture_destroy(pack);
}

static void test_font_c_rejects_bad_symbol(void)
{
    const struct glyph_pack_format fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    struct fmt_membuf c, h;
    fmt_membuf_init(&c);
    fmt_membuf_init(&h);
    char why[256] = "", sym[FMT_FONT_SYMBOL_MAX + 1];
    if (fmt_font_emit_c(pack, "9bad-name", "x.h", &c.sink, &h.sink, why, sizeof(why)) !=
        FMT_ERR_INVALID_ARG) {
        fprintf(stderr, "bad_symbol: accepted\n");
        check_failures++;
    }
    fmt_font_symbol_from("16px-DejaVu Sans", sym, sizeof(sym));
    if (strcmp(sym, "_16px_DejaVu_Sans") != 0 || !fmt_font_symbol_valid(sym)) {
        fprintf(stderr, "symbol_from: got '%s'\n", sym);
        check_failures++;
    }
    // C keywords are no identifiers: refused as symbols, suffixed when
    // derived from a file name ("int.png" must not give "int").
    static const char *const keywords[] = {"int", "for", "static", "_Bool", "bool", "typeof"};
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        char want[16];
        snprintf(want, sizeof(want), "%s_", keywords[i]);
        fmt_font_symbol_from(keywords[i], sym, sizeof(sym));
        if (fmt_font_symbol_valid(keywords[i]) || strcmp(sym, want) != 0 ||
            !fmt_font_symbol_valid(sym)) {
            fprintf(stderr, "keyword %s: valid or derived as '%s'\n", keywords[i], sym);
            check_failures++;
        }
    }
    if (!fmt_font_symbol_valid("integer") || !fmt_font_symbol_valid("Int")) {
        fprintf(stderr, "identifiers that only start like keywords refused\n");
        check_failures++;
    }
    fmt_membuf_finish(&c);
    fmt_membuf_finish(&h);
    fixture_destroy(pack);
}

int main(void)
{
    test_font_range_width_overflow_names_glyph();
    test_font_range_negative_left_overflow();
    test_font_range_advance_and_top();
    test_font_range_metrics();
    test_font_range_too_many_glyphs();
    test_font_py_rejects_non_font_to_py_encodings();
    test_font_c_rejects_bad_symbol();
    return check_status();
}
