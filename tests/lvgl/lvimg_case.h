// One case of the LVGL image test: an image glyphpack wrote (-f lvgl: the
// descriptor, compiled in; -f lvgl-bin: an "A:" path LVGL opens), the
// fixture it was made from, and the options it was made with.
// tests/lvgl/lvimg_gen.py writes the table at build time.
#ifndef LVIMG_CASE_H
#define LVIMG_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "lvgl.h"

#define LVIMG_W 37
#define LVIMG_H 13

struct lvimg_case {
    const char *name;
    const char *cf;            // LVGL's colour format name, as given to -p
    const lv_image_dsc_t *dsc; // -f lvgl, else NULL
    const char *path;          // -f lvgl-bin, else NULL
    const uint8_t *src;        // the PNG's pixels, RGBA, LVIMG_W x LVIMG_H
    unsigned colours;          // indexed: the fixture's exact colour count, else 0
    unsigned align;            // --stride-align
    int compress;              // 0 none, 1 RLE, 2 LZ4 (lv_image_compress_t)
    int premultiply;           // --premultiply
    int has_background;        // --background given
    uint32_t background;       // its 0xRRGGBB
    int dither;                // --dither ordered
};

extern const struct lvimg_case lvimg_cases[];
extern const size_t lvimg_case_count;

#endif
