// glyphpack's image command, -f lvgl and -f lvgl-bin: LVGL colour format
// names, the option rules LVGL's image layout imposes, and the emitters.
#ifndef RASTERD_GLYPHPACK_LVIMG_H
#define RASTERD_GLYPHPACK_LVIMG_H

#include <stdio.h>

#include "formats/lvgl_image.h"
#include "formats/sink.h"
#include "glyph/image.h"

struct lvimg {
    const struct fmt_lvgl_cf *cf;
    int bin;                         // -f lvgl-bin
    enum fmt_lvgl_compress compress; // --compress
    unsigned stride_align;           // --stride-align, applied by the emitter
    int premultiplied;
};

// Resolves `-p NAME` as an LVGL colour format and adapts the conversion
// options to it (libglyph format, alpha mode; stride alignment moves to
// `lv`). Checks the options LVGL cannot take (pages layout, LSB-first bits,
// bit-packed rows, other palette formats, premultiplied formats without
// alpha, uncompressed .bin files LVGL 9.5 does not open). Returns 0, or
// prints why and returns the exit code (64).
int lvimg_setup(const char *name, struct glyph_convert_opts *conv, struct lvimg *lv);

// Emits the C file (`symbol` names the descriptor) or the .bin file for
// `path` into `out`. Returns 0, or prints why and returns an exit code.
int lvimg_emit(const struct lvimg *lv, const struct glyph_pixels *px, const char *symbol,
               const char *path, struct fmt_sink *out);

// The --help lines listing LVGL's colour formats.
void lvimg_usage(FILE *f);

#endif
