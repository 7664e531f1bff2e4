// Bundle format codes against the EVE programming guide's BITMAP_LAYOUT
// values and bit depths (the oracle), through libglyph's one format table.
#include <string.h>

#include "../common/check.h"

#include "formats/format_code.h"
#include "glyph/pixfmt.h"
#include "wire/bundle_wire.h"

static const struct {
    const char *name;
    unsigned code; // BT81x programming guide, BITMAP_LAYOUT
    unsigned bpp;
} eve[] = {
    {"ARGB1555", 0, 16}, {"L1", 1, 1},     {"L4", 2, 4},      {"L8", 3, 8},  {"RGB332", 4, 8},
    {"ARGB2", 5, 8},     {"ARGB4", 6, 16}, {"RGB565", 7, 16}, {"L2", 17, 2},
};

static void test_format_code_matches_eve(void)
{
    for (size_t i = 0; i < sizeof(eve) / sizeof(eve[0]); i++) {
        const struct glyph_pixfmt *pf = glyph_pixfmt_find(eve[i].name);
        CHECK(pf != NULL, "%s", eve[i].name);
        CHECK(fmt_format_code(pf) == eve[i].code, "%s", eve[i].name);
        CHECK(strcmp(fmt_format_name(eve[i].code), eve[i].name) == 0, "%s", eve[i].name);
        const struct glyph_pixfmt *back = fmt_format_pixfmt(eve[i].code);
        CHECK(back != NULL && back->bpp == eve[i].bpp, "%s", eve[i].name);
        CHECK(back != NULL && fmt_format_code(back) == eve[i].code, "%s", eve[i].name);
    }
}

// Exactly those nine: the rest of libglyph's formats have no bundle code.
static void test_format_code_only_eve_layouts(void)
{
    size_t n = 0;
    for (size_t i = 0; i < glyph_pixfmt_count(); i++) {
        n += fmt_format_code(glyph_pixfmt_at(i)) != BUNDLE_FMT_NONE;
    }
    CHECK(n == sizeof(eve) / sizeof(eve[0]), "%zu formats have a code", n);
    CHECK(fmt_format_code(glyph_pixfmt_find("A8")) == BUNDLE_FMT_NONE); // alpha, not L8 data
    CHECK(fmt_format_code(glyph_pixfmt_find("I8")) == BUNDLE_FMT_NONE); // needs a palette
    CHECK(fmt_format_code(glyph_pixfmt_find("RGB888")) == BUNDLE_FMT_NONE);
    CHECK(fmt_format_code(NULL) == BUNDLE_FMT_NONE);
    CHECK(strcmp(fmt_format_name(BUNDLE_FMT_NONE), "none") == 0);
    CHECK(strcmp(fmt_format_name(8), "?") == 0);
    CHECK(fmt_format_pixfmt(BUNDLE_FMT_NONE) == NULL && fmt_format_pixfmt(200) == NULL);
}

int main(void)
{
    test_format_code_matches_eve();
    test_format_code_only_eve_layouts();
    return check_status();
}
