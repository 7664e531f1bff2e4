// formats: micropython-font-to-py's outputs, byte for byte: its Python font
// module (read by its Writer and CWriter classes, nano-gui and font_test.py)
// and its binary font file. docs/font-to-py.md describes both layouts and
// the places where glyphpack's files differ on purpose.
//
// The glyphs come from a libglyph pack made with GLYPH_CELL_INK cells, 1
// bpp, rows MSB first, byte-aligned (the emitters re-map the bits to the
// four font_to_py mappings: -x, -x -r, -y, -y -r).
//
// Both functions return 0 or a negative fmt_error and on failure write the
// reason into `why` (NUL-terminated when why_len > 0); the sink may then
// hold partial output, which the caller discards. FMT_ERR_INVALID_ARG: the
// pack is not as described, or the glyph list does not match the module's
// characters; FMT_ERR_RANGE: a value exceeds its field (a 16-bit index
// offset or code point, an 8-bit binary field), named with the code point.
#ifndef FMT_FONT_FTP_H
#define FMT_FONT_FTP_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"
#include "glyph/fontpack.h"

#ifdef __cplusplus
extern "C" {
#endif

// font_to_py's mappings.
struct fmt_ftp_mapping {
    int hmap;    // 1: rows (-x, the default); 0: columns (-y)
    int reverse; // -r: bit order reversed (rows LSB first; columns MSB = top)
};

struct fmt_ftp_module {
    // Every glyph of the module once, by code point: the default character
    // (drawn as .notdef when the font lacks it) plus the selected ones.
    const struct glyph_fontpack *pack;
    uint32_t default_cp; // -e
    // Selection: a charset (charset_len > 0: -c/-k after font_to_py's
    // filtering, ascending, no repeats) whose characters the font has, or
    // else (charset_len 0) every code point first..last (-s/-l), which the
    // pack then holds in full.
    const uint32_t *charset;
    size_t charset_len;
    uint32_t first, last;
    const char *font_name; // "# Font:" comment: the input file's base name
    const char *cmd;       // "# Cmd:" comment: the command line as font_to_py writes it
    struct fmt_ftp_mapping map;
    int fixed;   // -f: monospaced() returns True
    int iterate; // -i: adds glyphs()
};

// The Python module. Comments carry the strings as UTF-8; bytes that would
// end a comment line or are not UTF-8 (CR, LF, invalid sequences) are
// written as \xNN, and in the font name (line 2) "coding:" and "coding="
// become "coding_" (no PEP 263 encoding declaration). glyphs() holds the characters raw, as
// font_to_py writes them, except where that string literal would not hold exactly them: a backslash
// that would form an escape with the next character (or the closing quotes) is doubled, CR and NUL
// are escaped, and so is a '"' just before the closing quotes.
FMT_EXPORT int fmt_ftp_emit_module(const struct fmt_ftp_module *m, struct fmt_sink *out, char *why,
                                   size_t why_len) __attribute__((warn_unused_result));

// The binary file: 4 header bytes (0x3F + 1 for rows + 2 for -r, 0xE7,
// max_width, height), then for code points 32..126 (which the pack must hold,
// and nothing else) the glyph's own width (one byte) and its cell bitmap.
FMT_EXPORT int fmt_ftp_emit_binary(const struct glyph_fontpack *pack, struct fmt_ftp_mapping map,
                                   struct fmt_sink *out, char *why, size_t why_len)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
