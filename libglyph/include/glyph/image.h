// libglyph: images. PNG decoding (libpng's simplified API) to 8-bit RGBA,
// resizing, and conversion to any display pixel format of glyph/pixfmt.h
// with dithering, alpha handling and palettes; the converted pixels decode
// back to RGBA for previews. Colour values are taken as sRGB and never
// linearised: every formula works on the 8-bit sRGB-encoded values
// (docs/image-formats.md).
#ifndef GLYPH_IMAGE_H
#define GLYPH_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"
#include "glyph/pack.h"
#include "glyph/palette.h"
#include "glyph/pixfmt.h"

#ifdef __cplusplus
extern "C" {
#endif

// Limits on decoded and resized images, checked from the PNG header before
// any pixel memory is allocated: each side at most GLYPH_IMAGE_MAX_SIDE
// pixels and at most GLYPH_IMAGE_MAX_PIXELS pixels in all (64 Mpx, 256 MiB
// of RGBA).
#define GLYPH_IMAGE_MAX_SIDE   32768u
#define GLYPH_IMAGE_MAX_PIXELS (1u << 26)

// An 8-bit RGBA image, not premultiplied, sRGB, row-major, `stride` bytes
// between rows (4 * width for images libglyph makes). Owned by the caller
// after a create/decode/resize call; free with glyph_image_destroy.
struct glyph_image {
    uint32_t width;
    uint32_t height;
    size_t stride;
    uint8_t *rgba;
    struct glyph_ctx *ctx; // private: the context that allocated it
};

// Allocates a width x height image with every pixel (0, 0, 0, 0). Errors:
// GLYPH_ERR_IMAGE_EMPTY, GLYPH_ERR_IMAGE_TOO_LARGE, GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_image_create(struct glyph_ctx *ctx, uint32_t width,
                                                    uint32_t height, struct glyph_image **out);

// Frees an image; NULL is a no-op.
GLYPH_EXPORT void glyph_image_destroy(struct glyph_image *img);

// Decodes a PNG of any colour type, bit depth and interlace from `len` bytes
// at `data` (not retained) to RGBA8888. Palette transparency (tRNS) becomes
// alpha; 16-bit channels are taken as sRGB and scaled to 8 bits by libpng
// (round(v * 255 / 65535)). Errors: GLYPH_ERR_IMAGE_FORMAT (no PNG signature),
// GLYPH_ERR_IMAGE_BROKEN (corrupt, truncated, bad CRC, a chunk longer than
// the data, refused before libpng allocates for it; the message is logged), GLYPH_ERR_IMAGE_EMPTY,
// GLYPH_ERR_IMAGE_TOO_LARGE (refused from the header, before allocating), GLYPH_ERR_NOMEM,
// GLYPH_ERR_INVALID_ARG.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_image_decode_memory(struct glyph_ctx *ctx, const void *data,
                                                           size_t len, struct glyph_image **out);

// As glyph_image_decode_memory, reading the file at `path` first (the only
// I/O libglyph does for images). Extra errors: GLYPH_ERR_NOT_FOUND,
// GLYPH_ERR_IS_DIR, GLYPH_ERR_IO, GLYPH_ERR_IMAGE_TOO_LARGE for files over
// 1 GiB.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_image_decode_file(struct glyph_ctx *ctx, const char *path,
                                                         struct glyph_image **out);

// Makes a width x height copy of `src`: each axis is reduced by area
// averaging or enlarged by bilinear interpolation (pixel centres aligned,
// edges clamped); colour is weighted by alpha so transparent pixels do not
// bleed. Same size gives an exact copy. Errors: GLYPH_ERR_IMAGE_EMPTY,
// GLYPH_ERR_IMAGE_TOO_LARGE, GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_image_resize(struct glyph_ctx *ctx,
                                                    const struct glyph_image *src, uint32_t width,
                                                    uint32_t height, struct glyph_image **out);

enum glyph_dither {
    GLYPH_DITHER_NONE = 0,    // round each channel to nearest
    GLYPH_DITHER_ORDERED = 1, // Bayer 8x8 threshold matrix, deterministic
    GLYPH_DITHER_FS = 2,      // Floyd-Steinberg error diffusion, serpentine rows
};

enum glyph_alpha_mode {
    GLYPH_ALPHA_KEEP = 0,        // colour stored as given (straight alpha)
    GLYPH_ALPHA_PREMULTIPLY = 1, // colour multiplied by alpha: (c * a + 127) / 255
    GLYPH_ALPHA_FLATTEN = 2,     // composited onto `background`, alpha becomes 255
};

struct glyph_convert_opts {
    const struct glyph_pixfmt *format; // required
    enum glyph_dither dither;          // default GLYPH_DITHER_NONE
    // Formats without alpha (and indexed formats whose palette format has
    // none) are always flattened onto `background`, whatever this says.
    enum glyph_alpha_mode alpha; // default GLYPH_ALPHA_KEEP
    uint8_t background[3];       // R, G, B; default black
    // Plane formats (glyph_pixfmt_is_plane) only; colour formats are rows.
    enum glyph_layout layout;       // default GLYPH_LAYOUT_ROWS
    enum glyph_bit_order bit_order; // default GLYPH_BIT_MSB_FIRST
    // Row (or page) stride alignment in bytes: a power of two up to 256,
    // default 1; 0 = bit-packed rows (sub-byte formats in rows layout only).
    unsigned stride_align;
    // Indexed formats: the palette to map onto, or NULL to build one from the
    // image with `palette_size` colours (2..2^bpp; 0 = 2^bpp).
    const struct glyph_palette *palette;
    unsigned palette_size;
    const struct glyph_pixfmt *palette_format; // default ARGB8888
};

// Fills `opts` with the defaults for `format`.
GLYPH_EXPORT void glyph_convert_opts_init(struct glyph_convert_opts *opts,
                                          const struct glyph_pixfmt *format);

// Display-native pixels. `data` holds `size` bytes: rows (or pages) of
// `stride` bytes (stride 0: bit-packed rows). Indexed formats carry the
// palette: `palette_count` entries stored in `palette_format`, `palette_size`
// bytes. Owned by the caller; free with glyph_pixels_destroy.
struct glyph_pixels {
    const struct glyph_pixfmt *format;
    uint32_t width;
    uint32_t height;
    struct glyph_pack_format pack; // layout, bit order, alignment (plane formats)
    size_t stride;
    uint8_t *data;
    size_t size;
    const struct glyph_pixfmt *palette_format; // NULL unless indexed
    unsigned palette_count;
    uint8_t *palette;
    size_t palette_size;
    struct glyph_ctx *ctx; // private
};

// Converts `img` as `opts` says. Errors: GLYPH_ERR_INVALID_ARG (bad option
// combination, e.g. pages layout for a colour format, stride_align not a
// power of two), GLYPH_ERR_PALETTE (palette larger than the index allows,
// or empty), GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_image_convert(struct glyph_ctx *ctx,
                                                     const struct glyph_image *img,
                                                     const struct glyph_convert_opts *opts,
                                                     struct glyph_pixels **out);

// Frees converted pixels; NULL is a no-op.
GLYPH_EXPORT void glyph_pixels_destroy(struct glyph_pixels *px);

// Decodes native pixels back to RGBA8888 (the preview): each channel expanded
// with glyph_channel_expand; grey gives R = G = B = L with alpha 255;
// alpha-only formats give black with that alpha; indexed formats look their
// palette up (indices past the palette give transparent black). Errors:
// GLYPH_ERR_INVALID_ARG, GLYPH_ERR_NOMEM.
GLYPH_EXPORT GLYPH_NODISCARD int
glyph_pixels_decode(struct glyph_ctx *ctx, const struct glyph_pixels *px, struct glyph_image **out);

#ifdef __cplusplus
}
#endif

#endif
