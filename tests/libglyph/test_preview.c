// Preview sheets: every glyph is on the sheet, drawn from its packed bytes.
// At 1 bpp ink is the only pure black on the sheet, so the black pixels of
// the decoded PNG (libpng's reader, not ours) must number exactly the set
// pixels of the glyph set's levels (not of the pack), for tight boxes and
// for cells, even when there are too many glyphs for 16 columns.
#include <png.h>

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/fontpack.h"
#include "glyph/png.h"
#include "glyph/preview.h"

static size_t black_pixels(const uint8_t *png, size_t len, uint32_t *w, uint32_t *h)
{
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, png, len)) {
        return SIZE_MAX;
    }
    img.format = PNG_FORMAT_RGB;
    uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
    size_t n = SIZE_MAX;
    if (px != NULL && png_image_finish_read(&img, NULL, px, 0, NULL)) {
        n = 0;
        for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
            n += px[3 * i] == 0 && px[3 * i + 1] == 0 && px[3 * i + 2] == 0;
        }
    }
    *w = img.width;
    *h = img.height;
    free(px);
    png_image_free(&img);
    return n;
}

static void check_sheet(struct glyph_ctx *ctx, struct glyph_font *font, unsigned size,
                        uint32_t last, int cell)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_add_range(cs, 0x20, last) == 0, "charset");
    struct glyph_render_opts ro = {.size_px = size, .bpp = 1};
    struct glyph_set *set = NULL;
    struct glyph_fontpack *pack = NULL;
    struct glyph_fontpack_opts po = {.fmt = {1, GLYPH_LAYOUT_PAGES, GLYPH_BIT_LSB_FIRST, 1},
                                     .cell = cell};
    CHECK(glyph_set_render(ctx, &font, 1, cs, &ro, &set) == 0, "render");
    CHECK(set != NULL && glyph_fontpack_create(ctx, set, &po, &pack) == 0, "pack");
    size_t want = 0;
    for (size_t i = 0; set != NULL && i < glyph_set_count(set); i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        for (size_t k = 0; k < (size_t)g->width * g->height; k++) {
            want += g->levels[k] != 0;
        }
    }
    // A sample text of a code point the font lacks: no sample ink.
    struct glyph_preview_opts opts = {.sample = "\x01", .scale = 1};
    uint8_t *png = NULL;
    size_t len = 0;
    int err = pack != NULL ? glyph_preview_font(ctx, pack, &opts, &png, &len) : -1;
    CHECK(err == 0, "%u px cell %d: preview %s", size, cell, glyph_error_name(err));
    uint32_t w = 0, h = 0;
    size_t got = png != NULL ? black_pixels(png, len, &w, &h) : SIZE_MAX;
    CHECK(got == want && w <= GLYPH_PREVIEW_MAX_SIDE && h <= GLYPH_PREVIEW_MAX_SIDE,
          "%u px, %zu glyphs, cell %d: %zu black pixels on a %ux%u sheet, want %zu", size,
          set != NULL ? glyph_set_count(set) : 0, cell, got, w, h, want);
    glyph_buffer_free(ctx, png);
    glyph_fontpack_destroy(pack);
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
}

int main(void)
{
    struct glyph_ctx *ctx;
    struct glyph_font *font;
    if (open_sans(&ctx, &font) != 0) {
        return 1;
    }
    for (int cell = 0; cell < 2; cell++) {
        check_sheet(ctx, font, 12, 0x17F, cell);
        // 1100+ glyphs at 48 px do not fit 16 columns within the side limit.
        check_sheet(ctx, font, 48, 0x4FF, cell);
    }
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
