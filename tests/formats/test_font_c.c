// Compiled together with the generated fixture.c/.h (warnings as errors):
// reads every glyph back through the generated lookup and compares it with
// the fixture fontpack the generator emitted.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "fixture.h"
#include "font_fixture.h"
#include "formats/font_emit.h"

static void check(int ok, const char *what, unsigned long cp)
{
    if (!ok) {
        fprintf(stderr, "test_font_c: U+%04lX: %s\n", cp, what);
        check_failures++;
    }
}

int main(void)
{
    const struct glyph_pack_format fmt = {2, GLYPH_LAYOUT_ROWS, GLYPH_BIT_LSB_FIRST, 0};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    if (pack == NULL) {
        return 1;
    }
    const struct rasterd_font *f = &fixture_font;
    check(f->format_version == FMT_FONT_FORMAT_VERSION && RASTERD_FONT_FORMAT_VERSION == 1,
          "format version", 0);
    check(f->bpp == 2 && f->layout == RASTERD_FONT_LAYOUT_ROWS &&
              f->bit_order == RASTERD_FONT_LSB_FIRST && f->row_align == 0 && f->cell == 0,
          "encoding", 0);
    check(f->ascender == 9 && f->descender == -3 && f->line_height == 12 && f->size_px == 12,
          "metrics", 0);
    check(f->glyph_count == pack->count && f->bitmap_size == pack->data_len, "counts", 0);
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *want = &pack->glyphs[i];
        const struct rasterd_font_glyph *g = rasterd_font_find(f, want->codepoint);
        unsigned long cp = want->codepoint;
        check(g != NULL, "not found", cp);
        if (g == NULL) {
            continue;
        }
        check(g->advance == want->advance && g->left == want->left && g->top == want->top &&
                  g->width == want->width && g->height == want->height,
              "metrics differ", cp);
        check(memcmp(rasterd_font_bitmap(f, g), pack->data + want->offset, want->size) == 0,
              "bitmap differs", cp);
    }
    const unsigned long absent[] = {0x0, 0x1F, 0x60, 0x7F, 0x9F, 0xA6, 0x2025, 0x2027, 0x10FFFF};
    for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        check(rasterd_font_find(f, (uint32_t)absent[i]) == NULL, "found but absent", absent[i]);
    }
    check(f->glyphs[f->default_glyph].advance == rasterd_font_find(f, '?')->advance,
          "default glyph is not '?'", '?');
    fixture_destroy(pack);
    if (check_failures == 0) {
        printf("test_font_c: %u glyphs read back through the generated lookup\n", f->glyph_count);
    }
    return check_status();
}
