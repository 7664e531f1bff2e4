// rasterd: glyphpack's option parsing, shared by its font and image
// commands: the words they both accept (format, layout, bit order, ...) and
// numbers. Each value parser returns 0 and stores the value, or -1 for an
// unknown or out-of-range value; the caller names the option in its message.
#ifndef RASTERD_PACKOPTS_H
#define RASTERD_PACKOPTS_H

#include <getopt.h>
#include <stdint.h>

#include "glyph/glyphset.h"
#include "glyph/pack.h"

#define PACKOPTS_NODISCARD __attribute__((warn_unused_result))

enum packopts_format {
    PACKOPTS_FORMAT_C = 0, // .c + .h
    PACKOPTS_FORMAT_BIN,   // little-endian binary
    PACKOPTS_FORMAT_PY,    // MicroPython module
    PACKOPTS_FORMAT_JSON,
    PACKOPTS_FORMAT_LVGL,     // LVGL 9 C font (.c)
    PACKOPTS_FORMAT_LVGL_BIN, // LVGL 9 binary font (lv_binfont_create)
};

// "c", "bin", "py", "json", "lvgl", "lvgl-bin".
int packopts_format(const char *s, enum packopts_format *out) PACKOPTS_NODISCARD;
// File extension with the dot (".bin") for bin/py/json/lvgl-bin, ".c" for c
// and lvgl.
const char *packopts_format_ext(enum packopts_format f);
// "rows", "pages".
int packopts_layout(const char *s, enum glyph_layout *out) PACKOPTS_NODISCARD;
// "msb", "lsb".
int packopts_bit_order(const char *s, enum glyph_bit_order *out) PACKOPTS_NODISCARD;
// "packed" (0), "byte" (1) or a power of two 1..256.
int packopts_row_align(const char *s, unsigned *out) PACKOPTS_NODISCARD;
// "normal", "light", "mono", "none", "auto", "auto-strong" (an enum
// glyph_hinting).
int packopts_hinting(const char *s, int *out) PACKOPTS_NODISCARD;
#define PACKOPTS_HINTING_WORDS "normal, light, mono, none, auto or auto-strong"
// "round", "truncate" (an enum glyph_quantize).
int packopts_quantize(const char *s, int *out) PACKOPTS_NODISCARD;
// "smallest", "plain", "rle", "rle-no-prefilter" (an enum fmt_lvgl_bitmaps).
int packopts_lvgl_bitmaps(const char *s, int *out) PACKOPTS_NODISCARD;
// "none", "rle", "lz4", "smallest" (an enum fmt_lvgl_compress).
int packopts_lvgl_compress(const char *s, int *out) PACKOPTS_NODISCARD;
// "1", "2", "4", "8".
int packopts_bpp(const char *s, unsigned *out) PACKOPTS_NODISCARD;
// A decimal integer in [min, max], no sign, no trailing characters.
int packopts_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out) PACKOPTS_NODISCARD;

// 1 when the command-line word `arg` is an option of the getopt tables
// (`shortopts`, `longopts`) that takes its value from the next word ("-o
// OUT", "--preview FILE"), so that word is no input file.
int packopts_takes_value(const char *arg, const char *shortopts, const struct option *longopts);

#endif
