// formats: LVGL 9 images from converted pixels (glyph_pixels): a C file
// defining a `const lv_image_dsc_t`, and the `.bin` image file LVGL's
// binary decoder loads (a 12-byte header with magic 0x19). Pixels may be
// stored plain or compressed with LVGL's RLE or LZ4. Deterministic: the
// same pixels and options give the same bytes. docs/image-formats.md
// (section "LVGL images") specifies every byte.
#ifndef FMT_LVGL_IMAGE_H
#define FMT_LVGL_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"
#include "glyph/image.h"

#ifdef __cplusplus
extern "C" {
#endif

// Size of the .bin header and of the compression header that precedes
// compressed pixel data (in the .bin file and in the C array).
#define FMT_LVGL_IMAGE_HEADER     12
#define FMT_LVGL_IMAGE_ZIP_HEADER 12

// Image header flags (lv_image_flags_t).
#define FMT_LVGL_IMAGE_FLAG_PREMULTIPLIED 0x0001u
#define FMT_LVGL_IMAGE_FLAG_COMPRESSED    0x0008u

enum fmt_lvgl_cf_flag {
    // No alpha: pixels are flattened onto the background (XRGB8888 stores
    // its X byte as 0xFF).
    FMT_LVGL_CF_FLATTEN = 1u << 0,
    // Colour premultiplied by alpha is part of the format
    // (ARGB8888_PREMULTIPLIED): convert with GLYPH_ALPHA_PREMULTIPLY.
    FMT_LVGL_CF_PREMULTIPLIED = 1u << 1,
    // RGB565A8: the ARGB8565 pixels are stored as an RGB565 plane followed by
    // an A8 plane whose stride is half the RGB565 stride.
    FMT_LVGL_CF_A8_PLANE = 1u << 2,
    // LVGL 9.5's binary decoder opens .bin files of this format only when
    // they are compressed (it decodes the rest in C arrays only).
    FMT_LVGL_CF_BIN_NEEDS_COMPRESSION = 1u << 3,
    // An alpha channel that --premultiply can apply to.
    FMT_LVGL_CF_ALPHA = 1u << 4,
};

// One LVGL colour format and how it is made from libglyph's pixels.
struct fmt_lvgl_cf {
    const char *name;    // LVGL's name without LV_COLOR_FORMAT_: "RGB565A8"
    uint8_t cf;          // lv_color_format_t value: 0x14
    uint8_t flags;       // enum fmt_lvgl_cf_flag
    const char *pixfmt;  // libglyph pixel format to convert to ("ARGB8565")
    const char *summary; // one line, for --help
};

// The LVGL colour formats glyphpack writes, in a fixed order, and the
// i-th one (NULL past the end).
FMT_EXPORT size_t fmt_lvgl_cf_count(void);
FMT_EXPORT const struct fmt_lvgl_cf *fmt_lvgl_cf_at(size_t i);

// Looks a format up by LVGL's name, ignoring ASCII case; NULL if unknown.
FMT_EXPORT const struct fmt_lvgl_cf *fmt_lvgl_cf_find(const char *name);

enum fmt_lvgl_compress {
    FMT_LVGL_COMPRESS_NONE = 0, // pixels as they are
    FMT_LVGL_COMPRESS_RLE = 1,  // LVGL's RLE (lv_rle.c), one pixel per block
    FMT_LVGL_COMPRESS_LZ4 = 2,  // an LZ4 block (liblz4's high-compression mode)
    // Whichever of none, RLE and LZ4 stores the fewest bytes (ties: the
    // earlier one in that order).
    FMT_LVGL_COMPRESS_SMALLEST = 3,
};

struct fmt_lvgl_image_opts {
    const struct fmt_lvgl_cf *cf;    // required; the pixels must be in cf->pixfmt
    unsigned stride_align;           // row stride alignment in bytes: 1..256, power of two
    enum fmt_lvgl_compress compress; // default FMT_LVGL_COMPRESS_NONE
    // The pixels' colour was premultiplied (GLYPH_ALPHA_PREMULTIPLY): sets
    // FMT_LVGL_IMAGE_FLAG_PREMULTIPLIED unless the format itself says so.
    // Only for formats with FMT_LVGL_CF_ALPHA.
    int premultiplied;
    const char *symbol; // C files: the descriptor's name, a C identifier
};

// What was written.
struct fmt_lvgl_image_info {
    uint32_t stride;                 // bytes per row in the header
    size_t raw_size;                 // palette + pixel planes, uncompressed
    size_t data_size;                // bytes after the image header (compression header included)
    enum fmt_lvgl_compress compress; // the method used (never SMALLEST)
};

// Writes the C file: LVGL's include, a static pixel array and
// `const lv_image_dsc_t SYMBOL`. The file refuses to compile (#error) with
// LVGL before 9, or when its compression needs lv_conf.h options that are
// off. `info` may be NULL. Errors: FMT_ERR_INVALID_ARG (pixels not in the
// format's libglyph format or layout, bad options, symbol not a C
// identifier), FMT_ERR_RANGE (width, height or stride past LVGL's 16-bit
// header fields, data past 4 GiB), FMT_ERR_NOMEM, sink errors. On error
// `why` (if not NULL) holds a message.
FMT_EXPORT int fmt_lvgl_image_write_c(struct fmt_sink *c, const struct glyph_pixels *px,
                                      const struct fmt_lvgl_image_opts *o,
                                      struct fmt_lvgl_image_info *info, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Writes the .bin file: the 12-byte header, then the data (plain, or the
// compression header and the compressed bytes). As fmt_lvgl_image_write_c;
// also FMT_ERR_INVALID_ARG for an uncompressed file of a format with
// FMT_LVGL_CF_BIN_NEEDS_COMPRESSION (FMT_LVGL_COMPRESS_SMALLEST then never
// chooses none).
FMT_EXPORT int fmt_lvgl_image_write_bin(struct fmt_sink *s, const struct glyph_pixels *px,
                                        const struct fmt_lvgl_image_opts *o,
                                        struct fmt_lvgl_image_info *info, char *why, size_t why_len)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
