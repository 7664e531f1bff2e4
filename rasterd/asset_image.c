// Image assets: a PNG decoded by libglyph and converted to an EVE bitmap
// format (docs/bundle-format.md 4.1): rows top first, `stride` bytes each,
// sub-byte formats with the leftmost pixel in the most significant bits,
// 16-bit formats as little-endian words. Formats without alpha are flattened
// onto black. PALETTED565/4444/8 images are 8-bit indices into a palette of
// at most 256 RGB565 / ARGB4 / ARGB8 (bytes B, G, R, A) entries that
// libglyph's quantizer chooses; the converted asset holds the palette first
// and the indices after it, and asset_eve.c makes the palette its own piece.
// ASTC images: asset_astc.c.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "exitcodes.h"
#include "fileio.h"
#include "formats/format_code.h"
#include "glyph/error.h"
#include "glyph/image.h"
#include "glyph/pixfmt.h"

int asset_image_error(const struct mf_asset *a, int err, char *why, size_t why_len)
{
    snprintf(why, why_len, "%s: image asset '%s': %s", a->files[0], a->name, glyph_strerror(err));
    return exit_from_glyph(err);
}

int asset_image_decode(struct glyph_ctx *ctx, const struct mf_asset *a, struct glyph_image **img,
                       char *why, size_t why_len)
{
    // The host reader: a FIFO or device where the PNG belongs fails at once.
    uint8_t *png = NULL;
    size_t len = 0;
    int rc = file_read(a->files[0], 0, &png, &len, NULL, why, why_len);
    if (rc != 0) {
        return rc;
    }
    int err = glyph_image_decode_memory(ctx, png, len, img);
    free(png);
    if (err < 0) {
        return asset_image_error(a, err, why, why_len);
    }
    if ((*img)->width > EVE_MAX_CELL || (*img)->height > EVE_MAX_CELL) {
        snprintf(why, why_len,
                 "%s: image asset '%s': %u x %u pixels is over the EVE limit of %u x %u "
                 "(BITMAP_SIZE/_H): one bitmap handle cannot draw it",
                 a->files[0], a->name, (unsigned)(*img)->width, (unsigned)(*img)->height,
                 EVE_MAX_CELL, EVE_MAX_CELL);
        glyph_image_destroy(*img);
        *img = NULL;
        return EXIT_DATAERR;
    }
    return 0;
}

// The libglyph formats of pixels and palette entries for an EVE format.
static int pixel_formats(const struct mf_asset *a, const struct glyph_pixfmt **pf,
                         const struct glyph_pixfmt **palette)
{
    *palette = NULL;
    switch (a->format) {
    case BUNDLE_FMT_PALETTED565:
        *palette = glyph_pixfmt_find("RGB565");
        break;
    case BUNDLE_FMT_PALETTED4444:
        *palette = glyph_pixfmt_find("ARGB4444");
        break;
    case BUNDLE_FMT_PALETTED8:
        *palette = glyph_pixfmt_find("ARGB8888");
        break;
    default:
        *pf = fmt_format_pixfmt(a->format);
        return *pf != NULL ? 0 : -1;
    }
    *pf = glyph_pixfmt_find("I8");
    return *pf != NULL && *palette != NULL ? 0 : -1;
}

// The asset's bytes: the palette (if any), then the pixels.
static int take_pixels(const struct mf_asset *a, const struct glyph_pixels *px,
                       const struct glyph_pixfmt *pf, struct fmt_asset *out, char *why,
                       size_t why_len)
{
    size_t total = px->palette_size + px->size;
    uint8_t *data = px->size > 0 && total <= UINT32_MAX ? malloc(total) : NULL;
    if (data == NULL) {
        snprintf(why, why_len, "image asset '%s': out of memory", a->name);
        return EXIT_SOFTWARE;
    }
    if (px->palette_size > 0) {
        memcpy(data, px->palette, px->palette_size);
    }
    memcpy(data + px->palette_size, px->data, px->size);
    out->data = data;
    out->size = (uint32_t)total;
    out->width = px->width;
    out->height = px->height;
    out->stride = (uint32_t)px->stride;
    out->aux1 = px->palette_count;
    out->aux2 = pf->bpp;
    return 0;
}

int asset_image_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                     char *why, size_t why_len)
{
    if (a->format == BUNDLE_FMT_GLFORMAT) {
        return asset_astc_load(ctx, a, out, why, why_len);
    }
    const struct glyph_pixfmt *pf = NULL, *palette = NULL;
    if (pixel_formats(a, &pf, &palette) < 0) {
        snprintf(why, why_len, "image asset '%s': pixel format %s is not available", a->name,
                 fmt_format_name(a->format));
        return EXIT_SOFTWARE;
    }
    struct glyph_image *img = NULL;
    int rc = asset_image_decode(ctx, a, &img, why, why_len);
    if (rc != 0) {
        return rc;
    }
    struct glyph_convert_opts opts;
    glyph_convert_opts_init(&opts, pf);
    opts.dither = a->dither ? GLYPH_DITHER_FS : GLYPH_DITHER_NONE;
    opts.stride_align = 1;
    opts.palette_format = palette != NULL ? palette : opts.palette_format;
    struct glyph_pixels *px = NULL;
    int err = glyph_image_convert(ctx, img, &opts, &px);
    glyph_image_destroy(img);
    if (err < 0) {
        return asset_image_error(a, err, why, why_len);
    }
    rc = take_pixels(a, px, pf, out, why, why_len);
    glyph_pixels_destroy(px);
    return rc;
}
