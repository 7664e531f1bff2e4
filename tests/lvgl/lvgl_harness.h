// Test harness around a headless LVGL (tests/lvgl/meson.build builds it once
// per build directory with tests/lvgl/lv_conf.h). What LVGL decodes and draws
// is the oracle of the LVGL tests: these helpers only call LVGL's public API
// and copy its results into plain buffers the tests compare.
//
// Not thread-safe (LVGL is not). Call lvh_init() first and lvh_finish() last;
// every buffer a helper returns is the caller's to free() (or the matching
// _free helper).
#ifndef LVGL_HARNESS_H
#define LVGL_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "lvgl.h"

// Starts LVGL (lv_init) once; further calls do nothing.
void lvh_init(void);

// Stops LVGL (lv_deinit), freeing what it allocated, so that a leak checker
// sees only the test's own leaks.
void lvh_finish(void);

// One glyph as LVGL reports it.
struct lvh_glyph {
    int found;       // lv_font_get_glyph_dsc returned true (glyph in font or a fallback)
    int32_t adv_w;   // advance in whole pixels, kerning against `next` applied
    int32_t box_w;   // bitmap width
    int32_t box_h;   // bitmap height
    int32_t ofs_x;   // pen x to the bitmap's left column
    int32_t ofs_y;   // baseline to the bitmap's bottom row, up positive
    uint32_t format; // lv_font_glyph_format_t (the font's bpp for bitmap fonts)
    uint8_t *a8;     // box_w x box_h opacities 0..255 from lv_font_get_glyph_bitmap,
                     // row-major, pitch box_w; NULL when the box is empty
    const lv_font_t *resolved_font; // the font in the fallback chain that had it
};

// Looks `cp` up with lv_font_get_glyph_dsc (kerning against `next`, 0 for
// none) and decodes its bitmap with lv_font_get_glyph_bitmap into a fresh A8
// draw buffer. Returns 0 (also when the glyph is missing: found = 0), or -1
// when LVGL returned no bitmap for a non-empty box or memory ran out.
int lvh_glyph_get(const lv_font_t *font, uint32_t cp, uint32_t next, struct lvh_glyph *out);
void lvh_glyph_free(struct lvh_glyph *g);

// Loads a binary font (lv_binfont_create_from_buffer, LVGL's memfs); NULL
// when LVGL refuses it. Free with lv_binfont_destroy.
lv_font_t *lvh_binfont_load(const void *data, size_t len);

// Draws `utf8` with `font` as a white label whose top-left corner is at
// (x, y) on a black w x h display rendering in L8, and copies the w x h
// rendered grey levels (row-major, pitch w) into `out`. The label has no
// style but its font and colour: no padding, no letter or line spacing, no
// wrapping. LVGL clips glyphs to the label's area: as wide as the text's
// advances, one line height tall; `area` (may be NULL) receives it, in
// display pixels, inclusive. Returns 0, or -1 if LVGL could not create or
// render the display.
int lvh_label_draw(const lv_font_t *font, const char *utf8, int32_t x, int32_t y, uint32_t w,
                   uint32_t h, uint8_t *out, lv_area_t *area);

// The L8 blend LVGL's software renderer applies when it draws white at
// opacity `mix` over grey `dst` (lv_draw_sw_blend_to_l8.c in LVGL 9.5):
// nothing at 0, white from LV_OPA_MAX (253) up, else (255 * mix + dst *
// (255 - mix)) >> 8. Tests compose their expected lines with it.
uint8_t lvh_l8_blend_white(uint8_t dst, uint8_t mix);

// A decoded image: LVGL's decoder output, copied.
struct lvh_image {
    uint32_t cf;     // lv_color_format_t of the decoded buffer
    uint32_t w, h;   // pixels
    uint32_t stride; // bytes per row
    uint32_t flags;  // the decoded buffer's lv_image_flags_t
    uint8_t *data;   // h * stride bytes (plus palette or alpha planes the format has)
    size_t size;     // bytes in data
};

// Opens `src` (an lv_image_dsc_t * or an "A:/path" / "M:" path string) with
// lv_image_decoder_open and copies the decoded draw buffer. Indexed images
// stay indexed (palette first, as LVGL stores it) when `keep_indexed` is 1,
// else LVGL converts them to ARGB8888. Returns 0, or -1 when LVGL cannot
// decode it.
int lvh_image_decode(const void *src, int keep_indexed, struct lvh_image *out);
void lvh_image_free(struct lvh_image *img);

#endif
