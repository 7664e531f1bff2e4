// formats: fonts for LVGL 9 (docs/lvgl.md).
// - fmt_lvgl_font_emit_c: a C file defining a `const lv_font_t` with its
//   lv_font_fmt_txt descriptor (compile it into an LVGL project and
//   LV_FONT_DECLARE it);
// - fmt_lvgl_font_emit_bin: the binary font lv_binfont_create() and
//   lv_binfont_create_from_buffer() load.
// Both take a glyph set (libglyph's quantized levels, any bpp: 1, 2, 4 or
// 8), encode its bitmaps the way LVGL stores them, and write:
// - glyph boxes trimmed to their ink (blank borders cost bytes, not pixels);
// - line_height and base_line as LVGL defines them: the ink of the selected
//   glyphs from the top of the highest to the bottom of the lowest, the
//   baseline measured from that bottom (the font's ascender and descender
//   when no glyph has ink);
// - cmaps of the kind that is smallest for each run of code points;
// - bitmaps plain, or compressed with LVGL's RLE with or without its line
//   prefilter (bpp 2 and 4, the depths LVGL decompresses), whichever makes
//   the output smallest (or as asked);
// - the glyph set's kerning (glyph_render_opts.kerning), in whole pixels,
//   as LVGL's glyph id pairs or classes, whichever is smaller.
// Every value is range-checked against LVGL's fields; a value that does
// not fit is FMT_ERR_RANGE naming the glyph and the field.
#ifndef FMT_LVGL_FONT_H
#define FMT_LVGL_FONT_H

#include <stddef.h>

#include "formats/export.h"
#include "formats/sink.h"
#include "glyph/glyphset.h"

#ifdef __cplusplus
extern "C" {
#endif

enum fmt_lvgl_bitmaps {
    FMT_LVGL_BITMAPS_SMALLEST = 0,         // the smallest of the three LVGL accepts for the bpp
    FMT_LVGL_BITMAPS_PLAIN = 1,            // bit-packed rows (lv_font_fmt_txt bitmap_format 0)
    FMT_LVGL_BITMAPS_RLE = 2,              // RLE with the line prefilter (bitmap_format 1)
    FMT_LVGL_BITMAPS_RLE_NO_PREFILTER = 3, // RLE without it (bitmap_format 2)
};

// "LVGL RLE with the line prefilter", ... for messages.
FMT_EXPORT const char *fmt_lvgl_bitmaps_name(enum fmt_lvgl_bitmaps b);

struct fmt_lvgl_font_opts {
    // C only: name of the lv_font_t (a C identifier, fmt_font_symbol_valid).
    const char *symbol;
    // C only: NULL, or the lv_font_t LVGL falls back to for glyphs this font
    // lacks (a C identifier; declared extern in the output).
    const char *fallback;
    // Bitmap encoding. RLE at 1 or 8 bpp is FMT_ERR_INVALID_ARG: LVGL 9
    // decompresses only 2, 3 and 4 bpp.
    enum fmt_lvgl_bitmaps bitmaps;
};

// What an emitter chose, for messages.
struct fmt_lvgl_font_info {
    enum fmt_lvgl_bitmaps bitmaps; // the encoding written (never _SMALLEST)
    size_t bitmap_bytes;           // bytes of bitmap data (C: after sharing identical ones)
    size_t cmaps;                  // cmap subtables
    // 1 when a value needs LVGL built with LV_FONT_FMT_TXT_LARGE 1 (glyph
    // boxes over 255 px, offsets outside -128..127, advances over 255 px,
    // or over 1 MiB of bitmaps). The C output then refuses to compile
    // without it (#error); a binary font would be read wrongly.
    int needs_large;
    int kern_form;     // 0: no kerning, 1: pairs, 2: classes
    size_t kern_pairs; // kerned pairs (whole pixels, not 0)
    size_t kern_bytes; // bytes of the chosen form's tables
    // 1 when a kerning value exceeds LVGL's int8_t in whole pixels, so values
    // are stored in coarser steps (kern_scale), or a pair was clamped so that
    // an advance stays >= 0.
    int kern_lossy;
};

// Writes the C file. Errors: FMT_ERR_INVALID_ARG (bad symbol or fallback
// name, RLE at 1 or 8 bpp, no glyphs), FMT_ERR_RANGE, FMT_ERR_NOMEM, sink
// errors; `why` says which. `info` may be NULL.
FMT_EXPORT int fmt_lvgl_font_emit_c(const struct glyph_set *set,
                                    const struct fmt_lvgl_font_opts *opts, struct fmt_sink *out,
                                    struct fmt_lvgl_font_info *info, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Writes the binary font (symbol and fallback are not used). Errors as
// fmt_lvgl_font_emit_c.
FMT_EXPORT int fmt_lvgl_font_emit_bin(const struct glyph_set *set,
                                      const struct fmt_lvgl_font_opts *opts, struct fmt_sink *out,
                                      struct fmt_lvgl_font_info *info, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// One declaration in the header rasterd writes for a manifest's LVGL
// outputs: LV_FONT_DECLARE for fonts; images (issue 3) add their kind.
enum fmt_lvgl_decl_kind {
    FMT_LVGL_DECL_FONT = 0,  // const lv_font_t
    FMT_LVGL_DECL_IMAGE = 1, // const lv_image_dsc_t
};

struct fmt_lvgl_decl {
    enum fmt_lvgl_decl_kind kind;
    const char *symbol; // a C identifier (fmt_font_symbol_valid)
};

// Writes a header declaring every object of `decls` for C code that
// includes LVGL, guarded by an identifier made from `name` (the header's
// file name). Errors: FMT_ERR_INVALID_ARG (a symbol that is not a C
// identifier, or an unknown kind), sink errors; `why` says which.
FMT_EXPORT int fmt_lvgl_header_emit(struct fmt_sink *out, const char *name,
                                    const struct fmt_lvgl_decl *decls, size_t n, char *why,
                                    size_t why_len) __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
