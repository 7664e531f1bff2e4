// formats: emitters for converted images (glyph_pixels): C source + header,
// little-endian binary, MicroPython module and JSON. All output is
// deterministic: the same pixels and names give the same bytes. Byte layouts
// are specified in docs/image-formats.md.
#ifndef FMT_IMAGE_H
#define FMT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"
#include "glyph/image.h"

#ifdef __cplusplus
extern "C" {
#endif

// Version of the generated C/Python interface and of the .bin header. The .c
// file refuses to compile against a header of another version.
#define FMT_IMAGE_FORMAT_VERSION 1

// .bin header size in bytes; palette follows, then the pixel data.
#define FMT_IMAGE_BIN_HEADER 32

// Makes a C/Python identifier from `base` (a file name without directory and
// extension, or a --name): characters other than [A-Za-z0-9_] become '_', a
// leading digit gets a '_' prefix, empty gives "image". Writes at most `cap`
// bytes including the NUL. Returns 0 or FMT_ERR_RANGE when it does not fit.
FMT_EXPORT int fmt_image_symbol(const char *base, char *out, size_t cap)
    __attribute__((warn_unused_result));

// The MicroPython framebuf format constant name matching the pixels
// ("MONO_VLSB", "RGB565", "GS4_HMSB", ...), or NULL when none matches.
// `*fb_stride` (if not NULL) gets the stride argument framebuf needs, in
// pixels.
FMT_EXPORT const char *fmt_image_framebuf_format(const struct glyph_pixels *px,
                                                 unsigned *fb_stride);

// Writes the C header to `h` and the C source (which includes
// `header_name`) to `c`. `symbol` names the arrays (symbol_data,
// symbol_palette) and, upper-cased, the macros (SYMBOL_WIDTH, ...). Returns 0
// or the first sink error.
FMT_EXPORT int fmt_image_write_c(struct fmt_sink *c, struct fmt_sink *h,
                                 const struct glyph_pixels *px, const char *symbol,
                                 const char *header_name) __attribute__((warn_unused_result));

// Writes the .bin file: header, palette, data. FMT_ERR_RANGE when a size
// does not fit its field.
FMT_EXPORT int fmt_image_write_bin(struct fmt_sink *s, const struct glyph_pixels *px)
    __attribute__((warn_unused_result));

// Writes a MicroPython module: WIDTH, HEIGHT, STRIDE, BPP, FORMAT, LAYOUT,
// BIT_ORDER, PALETTE_FORMAT, PALETTE (bytes or None), FRAMEBUF_FORMAT and
// FRAMEBUF_STRIDE (str/int or None) and DATA (bytes, kept in flash when the
// module is frozen).
FMT_EXPORT int fmt_image_write_py(struct fmt_sink *s, const struct glyph_pixels *px)
    __attribute__((warn_unused_result));

// Writes {"width", "height", "format", "stride", "palette", "data"}: palette
// and data are lowercase hex of the native bytes, palette null when the
// format is not indexed.
FMT_EXPORT int fmt_image_write_json(struct fmt_sink *s, const struct glyph_pixels *px)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
