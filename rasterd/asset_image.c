// Image assets: a PNG decoded by libglyph and converted to an EVE bitmap
// format (docs/bundle-format.md 4.1): rows top first, `stride` bytes each,
// sub-byte formats with the leftmost pixel in the most significant bits,
// 16-bit formats as little-endian words. Formats without alpha are flattened
// onto black.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "exitcodes.h"
#include "fileio.h"
#include "glyph/error.h"
#include "glyph/image.h"
#include "glyph/pixfmt.h"

static int image_error(const struct mf_asset *a, int err, char *why, size_t why_len)
{
    snprintf(why, why_len, "%s: image asset '%s': %s", a->files[0], a->name, glyph_strerror(err));
    return exit_from_glyph(err);
}

// Reads, decodes and converts the PNG of `a` into `pf`.
static int convert(struct glyph_ctx *ctx, const struct mf_asset *a, const struct glyph_pixfmt *pf,
                   struct glyph_pixels **px, char *why, size_t why_len)
{
    uint8_t *png = NULL;
    size_t len = 0;
    int rc = file_read(a->files[0], 0, &png, &len, NULL, why, why_len);
    if (rc != 0) {
        return rc;
    }
    struct glyph_image *img = NULL;
    int err = glyph_image_decode_memory(ctx, png, len, &img);
    free(png);
    if (err < 0) {
        return image_error(a, err, why, why_len);
    }
    struct glyph_convert_opts opts;
    glyph_convert_opts_init(&opts, pf);
    opts.dither = a->dither ? GLYPH_DITHER_FS : GLYPH_DITHER_NONE;
    opts.stride_align = 1;
    err = glyph_image_convert(ctx, img, &opts, px);
    glyph_image_destroy(img);
    return err < 0 ? image_error(a, err, why, why_len) : 0;
}

int asset_image_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                     char *why, size_t why_len)
{
    const struct glyph_pixfmt *pf = fmt_format_pixfmt(a->format);
    if (pf == NULL) {
        snprintf(why, why_len, "image asset '%s': pixel format %s is not available", a->name,
                 fmt_format_name(a->format));
        return EXIT_SOFTWARE;
    }
    struct glyph_pixels *px = NULL;
    int rc = convert(ctx, a, pf, &px, why, why_len);
    if (rc != 0) {
        return rc;
    }
    uint8_t *data = NULL;
    if (px->stride > ASSETS_EVE_MAX_STRIDE || px->height > ASSETS_EVE_MAX_HEIGHT) {
        snprintf(why, why_len,
                 "%s: image asset '%s': %ux%u in %s is %zu bytes per row and %u rows; EVE "
                 "bitmaps have at most %u bytes per row and %u rows",
                 a->files[0], a->name, (unsigned)px->width, (unsigned)px->height, pf->name,
                 px->stride, (unsigned)px->height, ASSETS_EVE_MAX_STRIDE, ASSETS_EVE_MAX_HEIGHT);
        rc = EXIT_DATAERR;
    } else if ((data = px->size > 0 && px->size <= UINT32_MAX ? malloc(px->size) : NULL) == NULL) {
        snprintf(why, why_len, "image asset '%s': out of memory", a->name);
        rc = EXIT_SOFTWARE;
    } else {
        memcpy(data, px->data, px->size);
        out->data = data;
        out->size = (uint32_t)px->size;
        out->width = px->width;
        out->height = px->height;
        out->stride = (uint32_t)px->stride;
        out->aux2 = pf->bpp;
    }
    glyph_pixels_destroy(px);
    return rc;
}
