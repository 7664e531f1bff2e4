// formats: font emitters. Each turns a packed font (libglyph's
// struct glyph_fontpack) into one output layout, written through a sink:
// - C source + header (fmt_font_emit_c): const tables that stay in flash, a
//   self-contained header with the struct definitions and a static inline
//   code-point lookup; docs/font-formats.md.
// - little-endian binary (fmt_font_emit_bin): docs/font-bin-format.md.
// - MicroPython module (fmt_font_emit_py): the micropython-font-to-py API
//   (height(), baseline(), get_ch(), ...), data in bytes constants.
// - JSON (fmt_font_emit_json): metrics plus each glyph's packed bitmap in hex.
//
// Every value is range-checked against the field it is written into; a value
// that does not fit gives FMT_ERR_RANGE and a reason naming the glyph (its
// code point) and the field, never a wrapped value. Output is deterministic:
// no timestamps, paths or host details.
//
// All functions return 0 or a negative fmt_error, and on failure write a
// human-readable reason into `why` (NUL-terminated when why_len > 0). On
// failure the sinks may hold partial output, which the caller discards.
#ifndef FMT_FONT_EMIT_H
#define FMT_FONT_EMIT_H

#include <stddef.h>

#include "formats/export.h"
#include "formats/sink.h"
#include "glyph/fontpack.h"

#ifdef __cplusplus
extern "C" {
#endif

// Version of the C and binary layouts; bumped on any incompatible change.
#define FMT_FONT_FORMAT_VERSION 1

// Longest accepted C/Python symbol name, in bytes.
#define FMT_FONT_SYMBOL_MAX 64

// Returns 1 if `name` is a valid C identifier of at most FMT_FONT_SYMBOL_MAX
// bytes (ASCII letters, digits, '_', not starting with a digit, not one of
// C's keywords).
FMT_EXPORT int fmt_font_symbol_valid(const char *name);

// Writes a C identifier derived from `text` (typically the output file's base
// name) into `out` (out_len >= FMT_FONT_SYMBOL_MAX + 1): every character
// that is not a letter or digit becomes '_', a leading digit gets a '_'
// prefix, an empty result becomes "font", and a C keyword gets a '_'
// suffix ("int" -> "int_").
FMT_EXPORT void fmt_font_symbol_from(const char *text, char *out, size_t out_len);

// C source and header. `symbol` names the `const struct rasterd_font` object
// (and prefixes its tables); `header_name` is the file name the .c includes
// ("dejavu16.h"). Errors: FMT_ERR_INVALID_ARG (bad symbol or header name),
// FMT_ERR_RANGE, sink errors.
FMT_EXPORT int fmt_font_emit_c(const struct glyph_fontpack *pack, const char *symbol,
                               const char *header_name, struct fmt_sink *c_out,
                               struct fmt_sink *h_out, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Little-endian binary per docs/font-bin-format.md. Errors: FMT_ERR_RANGE,
// sink errors.
FMT_EXPORT int fmt_font_emit_bin(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                                 size_t why_len) __attribute__((warn_unused_result));

// The same with compact 8-byte glyph records (header flag bit 1): a 24-bit
// bitmap offset, 8-bit advance, width and height, signed 8-bit left and top.
// For small fonts (up to about 100 px); a value that does not fit is
// FMT_ERR_RANGE naming the glyph and field, as always.
FMT_EXPORT int fmt_font_emit_bin_compact(const struct glyph_fontpack *pack, struct fmt_sink *out,
                                         char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Checks that `pack` can be written as a micropython-font-to-py compatible
// module: fixed cells (opts.cell), 1 bpp, byte-aligned rows (row_align 1),
// and a layout framebuf has: rows MSB first (MONO_HLSB), rows LSB first
// (MONO_HMSB, reverse() True) or pages LSB first (MONO_VLSB, hmap() False).
// Returns 0 or FMT_ERR_INVALID_ARG with the reason.
FMT_EXPORT int fmt_font_py_check(const struct glyph_fontpack *pack, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// MicroPython module. `symbol` is only used in the banner comment. Errors:
// FMT_ERR_INVALID_ARG (see fmt_font_py_check), FMT_ERR_RANGE, sink errors.
FMT_EXPORT int fmt_font_emit_py(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                                size_t why_len) __attribute__((warn_unused_result));

// JSON: {"font": {"family", "style", "size_px", "ascender", "descender",
// "line_height", "bpp", "layout", "bit_order"}, "glyphs": [{"codepoint",
// "advance", "left", "top", "width", "height", "bitmap"}]}, bitmap being the
// lowercase hex of the glyph's packed bytes. Errors: sink errors.
FMT_EXPORT int fmt_font_emit_json(const struct glyph_fontpack *pack, struct fmt_sink *out,
                                  char *why, size_t why_len) __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
