// Compiled with glyphpack's C output for DejaVuSans (generated at build time,
// warnings as errors): every glyph read back through the generated lookup
// must equal libglyph's own fontpack of the same font and options (whose
// bitmaps the fonts-lib tests check against FreeType).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "dejavu16.h"
#include "glyph/charset.h"
#include "glyph/font.h"
#include "glyph/fontpack.h"

#define CHARS "0x20-0x7E,0xA0-0x17F,0x2026"

static void check(int ok, const char *what, unsigned long cp)
{
    if (!ok && check_failures++ < 20) {
        fprintf(stderr, "test_dejavu_c: U+%04lX: %s\n", cp, what);
    }
}

static struct glyph_fontpack *oracle(struct glyph_ctx *ctx)
{
    const char *dir = getenv("DEJAVU_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/DejaVuSans.ttf", dir != NULL ? dir : ".");
    struct glyph_font *font = NULL;
    struct glyph_charset *cs = glyph_charset_create(ctx);
    struct glyph_set *set = NULL;
    struct glyph_fontpack *pack = NULL;
    char why[128];
    struct glyph_render_opts ro = {.size_px = 16, .bpp = 4};
    struct glyph_fontpack_opts po = {.fmt = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1}};
    if (cs == NULL || glyph_font_open_file(ctx, path, 0, &font) != 0 ||
        glyph_charset_parse(cs, CHARS, why, sizeof(why)) != 0 ||
        glyph_set_render(ctx, &font, 1, cs, &ro, &set) != 0 ||
        glyph_fontpack_create(ctx, set, &po, &pack) != 0) {
        fprintf(stderr, "test_dejavu_c: cannot build the oracle from %s\n", path);
    }
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    return pack;
}

int main(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_fontpack *pack = ctx != NULL ? oracle(ctx) : NULL;
    if (pack == NULL) {
        glyph_ctx_destroy(ctx);
        return 1;
    }
    const struct rasterd_font *f = &dejavu16;
    check(f->glyph_count == pack->count && f->bpp == 4 && f->size_px == 16 &&
              f->ascender == pack->metrics.ascender && f->descender == pack->metrics.descender &&
              f->line_height == pack->metrics.line_height,
          "font metrics differ", 0);
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *w = &pack->glyphs[i];
        const struct rasterd_font_glyph *g = rasterd_font_find(f, w->codepoint);
        check(g != NULL, "not found through the lookup", w->codepoint);
        if (g == NULL) {
            continue;
        }
        check(g->advance == w->advance && g->left == w->left && g->top == w->top &&
                  g->width == w->width && g->height == w->height,
              "metrics differ", w->codepoint);
        check(w->size == 0 ||
                  memcmp(rasterd_font_bitmap(f, g), pack->data + w->offset, w->size) == 0,
              "bitmap differs", w->codepoint);
    }
    check(rasterd_font_find(f, 0x1F) == NULL && rasterd_font_find(f, 0x7F) == NULL &&
              rasterd_font_find(f, 0x2025) == NULL && rasterd_font_find(f, 0x10FFFF) == NULL,
          "lookup finds absent code points", 0);
    if (check_failures == 0) {
        printf("test_dejavu_c: %u glyphs equal libglyph's fontpack\n", f->glyph_count);
    }
    glyph_fontpack_destroy(pack);
    glyph_ctx_destroy(ctx);
    return check_failures != 0;
}
