// Checks the LVGL harness itself, on data LVGL ships or the test writes by
// the published layouts, so that the font and image tests can trust it:
// - a glyph of LVGL's built-in Montserrat 14 comes back as the opacities its
//   4 bpp bitmap holds (MSB-first nibbles, rows bit-continuous, level * 17);
// - a drawn label equals its glyphs placed where LVGL's font rules put them
//   (pen + ofs_x; line top + (line_height - base_line) - box_h - ofs_y),
//   composed with the L8 blend rule, on black;
// - images decode from a C descriptor and from an "A:" file path.
#define _DEFAULT_SOURCE // mkstemps

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check.h"
#include "lvgl_harness.h"
#include "lvgl_private.h"

// Glyph id of `cp` in a font whose first cmap is a format-0 tiny range.
static uint32_t tiny_cmap_gid(const lv_font_fmt_txt_dsc_t *d, uint32_t cp)
{
    const lv_font_fmt_txt_cmap_t *c = &d->cmaps[0];
    if (c->type != LV_FONT_FMT_TXT_CMAP_FORMAT0_TINY || cp < c->range_start ||
        cp - c->range_start >= c->range_length) {
        return 0;
    }
    return c->glyph_id_start + (cp - c->range_start);
}

static void test_glyph_matches_builtin_bitmap(void)
{
    const lv_font_t *font = &lv_font_montserrat_14;
    const lv_font_fmt_txt_dsc_t *d = font->dsc;
    CHECK(d->bpp == 4 && d->bitmap_format == LV_FONT_FMT_TXT_PLAIN && d->stride == 0,
          "Montserrat 14 is no longer plain 4 bpp: adapt this test");
    for (uint32_t cp = 'A'; cp <= 'Z'; cp++) {
        uint32_t gid = tiny_cmap_gid(d, cp);
        CHECK(gid != 0, "U+%04X: not in the first cmap", (unsigned)cp);
        if (gid == 0) {
            continue;
        }
        const lv_font_fmt_txt_glyph_dsc_t *gd = &d->glyph_dsc[gid];
        struct lvh_glyph g;
        CHECK(lvh_glyph_get(font, cp, 0, &g) == 0 && g.found, "U+%04X: not decoded", (unsigned)cp);
        CHECK(g.box_w == gd->box_w && g.box_h == gd->box_h && g.ofs_x == gd->ofs_x &&
                  g.ofs_y == gd->ofs_y && g.adv_w == (int32_t)((gd->adv_w + 8) >> 4),
              "U+%04X: metrics differ from the descriptor", (unsigned)cp);
        const uint8_t *bits = d->glyph_bitmap + gd->bitmap_index;
        for (int32_t i = 0; g.a8 != NULL && i < g.box_w * g.box_h; i++) {
            uint8_t level = (uint8_t)((bits[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 15);
            if (g.a8[i] != level * 17) {
                CHECK(0, "U+%04X: pixel %d is %u, the bitmap says %u", (unsigned)cp, (int)i,
                      g.a8[i], level * 17u);
                break;
            }
        }
        lvh_glyph_free(&g);
    }
}

// Composes `text` (ASCII) from the harness's glyphs at LVGL's positions,
// clipped to the label's area `clip`.
static void compose(const lv_font_t *font, const char *text, int32_t x0, int32_t y0, uint32_t w,
                    uint32_t h, const lv_area_t *clip, uint8_t *out)
{
    memset(out, 0, (size_t)w * h);
    int32_t pen = x0, ascent = font->line_height - font->base_line;
    for (size_t i = 0; text[i] != '\0'; i++) {
        struct lvh_glyph g;
        if (lvh_glyph_get(font, (uint8_t)text[i], (uint8_t)text[i + 1], &g) != 0 || !g.found) {
            CHECK(0, "'%c': not decoded", text[i]);
            continue;
        }
        int32_t left = pen + g.ofs_x, top = y0 + ascent - g.box_h - g.ofs_y;
        for (int32_t y = 0; y < g.box_h; y++) {
            for (int32_t x = 0; x < g.box_w; x++) {
                int32_t px = left + x, py = top + y;
                if (px >= clip->x1 && px <= clip->x2 && py >= clip->y1 && py <= clip->y2 &&
                    px >= 0 && py >= 0 && (uint32_t)px < w && (uint32_t)py < h) {
                    uint8_t *d = &out[(size_t)py * w + (size_t)px];
                    *d = lvh_l8_blend_white(*d, g.a8[y * g.box_w + x]);
                }
            }
        }
        pen += g.adv_w;
        lvh_glyph_free(&g);
    }
}

static void test_label_matches_composed_glyphs(void)
{
    enum { W = 120, H = 30 };
    static uint8_t drawn[W * H], expected[W * H];
    // Montserrat has kerning classes: "AV" and "To" are kerned pairs.
    const char *texts[] = {"AVTo Wa", "Hamburgefonstiv", "jy,;"};
    for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
        lv_area_t area;
        CHECK(lvh_label_draw(&lv_font_montserrat_14, texts[t], 3, 5, W, H, drawn, &area) == 0,
              "'%s': not drawn", texts[t]);
        CHECK(area.x1 == 3 && area.y1 == 5 && area.y2 - area.y1 + 1 == 16,
              "'%s': label area (%d, %d)-(%d, %d)", texts[t], (int)area.x1, (int)area.y1,
              (int)area.x2, (int)area.y2);
        compose(&lv_font_montserrat_14, texts[t], 3, 5, W, H, &area, expected);
        size_t diff = 0, first = 0;
        for (size_t i = 0; i < sizeof(drawn); i++) {
            if (drawn[i] != expected[i] && diff++ == 0) {
                first = i;
            }
        }
        CHECK(diff == 0, "'%s': %zu pixels differ, first at (%zu, %zu): drawn %u, composed %u",
              texts[t], diff, first % W, first / W, drawn[first], expected[first]);
    }
}

static void test_image_decodes(void)
{
    static const uint8_t argb[2 * 2 * 4] = {
        0x10, 0x20, 0x30, 0xff, 0x40, 0x50, 0x60, 0x80, // B, G, R, A per pixel
        0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
    };
    lv_image_dsc_t dsc;
    memset(&dsc, 0, sizeof(dsc));
    dsc.header.magic = LV_IMAGE_HEADER_MAGIC;
    dsc.header.cf = LV_COLOR_FORMAT_ARGB8888;
    dsc.header.w = 2;
    dsc.header.h = 2;
    dsc.header.stride = 8;
    dsc.data_size = sizeof(argb);
    dsc.data = argb;
    struct lvh_image img;
    CHECK(lvh_image_decode(&dsc, 0, &img) == 0, "ARGB8888 descriptor not decoded");
    CHECK(img.cf == LV_COLOR_FORMAT_ARGB8888 && img.w == 2 && img.h == 2 && img.stride == 8 &&
              img.size >= sizeof(argb) && memcmp(img.data, argb, sizeof(argb)) == 0,
          "ARGB8888 descriptor decoded differently");
    lvh_image_free(&img);

    // The same pixels as an LVGL v9 .bin file: the 12-byte header (magic
    // 0x19, cf, flags, w, h, stride, reserved; little-endian), then the rows.
    char path[] = "/tmp/lvh_imageXXXXXX.bin"; // LVGL decodes only *.bin files
    int fd = mkstemps(path, 4);
    uint8_t file[12 + sizeof(argb)] = {0x19, LV_COLOR_FORMAT_ARGB8888, 0, 0, 2, 0, 2, 0, 8, 0, 0,
                                       0};
    memcpy(file + 12, argb, sizeof(argb));
    CHECK(fd >= 0 && write(fd, file, sizeof(file)) == (ssize_t)sizeof(file), "temp file");
    close(fd);
    char lvpath[sizeof(path) + 2];
    snprintf(lvpath, sizeof(lvpath), "A:%s", path);
    CHECK(lvh_image_decode(lvpath, 0, &img) == 0, "%s not decoded", lvpath);
    CHECK(img.w == 2 && img.h == 2 && img.size >= sizeof(argb) &&
              memcmp(img.data, argb, sizeof(argb)) == 0,
          ".bin file decoded differently");
    lvh_image_free(&img);
    unlink(path);
}

int main(void)
{
    lvh_init();
    test_glyph_matches_builtin_bitmap();
    test_label_matches_composed_glyphs();
    test_image_decodes();
    lvh_finish();
    return check_status();
}
