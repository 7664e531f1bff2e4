// glyphpack: the parsed command line and the jobs main() dispatches to.
#ifndef RASTERD_GLYPHPACK_H
#define RASTERD_GLYPHPACK_H

#include <stddef.h>
#include <stdint.h>

#include "exitcodes.h"
#include "glyph/glyphset.h"
#include "glyph/pack.h"
#include "packopts.h"

struct glyphpack_args {
    char **inputs; // FONT...
    size_t ninputs;
    uint32_t size_px;       // -s, 0 when --line-height is used
    uint32_t line_height;   // --line-height
    const char *charset;    // -c, NULL when absent
    const char *chars_file; // --chars-file
    struct glyph_pack_format fmt;
    int bit_order_set; // --bit-order given
    int row_align_set; // --row-align given
    int bpp_set;       // -b given
    int cell;          // --cell
    int compact;       // --compact (-f bin only)
    int kerning;       // --kerning (-f c, bin, json, lvgl, lvgl-bin)
    int lvgl_bitmaps;  // --lvgl-bitmaps (enum fmt_lvgl_bitmaps)
    int lvgl_bitmaps_set;
    const char *lvgl_fallback; // --lvgl-fallback (-f lvgl only)
    enum packopts_format format;
    const char *out;              // -o, NULL for the default name
    const char *preview;          // --preview
    const char *name;             // --name
    enum glyph_hinting hinting;   // --hinting
    int hinting_set;              // --hinting given
    enum glyph_quantize quantize; // --quantize
    int quantize_set;             // --quantize given
    unsigned face;                // --face
    int strict;
    int verbose; // count of -v
    int quiet;   // -q (also sets log_quiet)
};

// -f lvgl / lvgl-bin: writes `set` as an LVGL font named `symbol` into
// `out`; returns 0 or an exit code (reported, naming `path`).
struct fmt_sink;
int glyphpack_lvgl_emit(const struct glyphpack_args *a, const struct glyph_set *set,
                        const char *symbol, const char *path, struct fmt_sink *out);

// Converts the fonts to the selected output; returns the exit code.
int glyphpack_font_run(const struct glyphpack_args *a);

#endif
