// ASTC image assets for the BT81x (docs/manifest.md, images): the PNG,
// padded with transparent black to an even number of block columns and
// rows, encoded by libglyph (astcenc, medium effort) and reordered into the
// order the chip reads blocks (fmt_eve_astc_tile). The asset's stride is
// 16 bytes per block column, its size stride x block rows; width and height
// stay the PNG's, which BITMAP_SIZE draws.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "exitcodes.h"
#include "formats/eve.h"
#include "glyph/astc.h"
#include "glyph/error.h"

// `img` copied into the top-left corner of a new transparent w x h image.
static int pad(struct glyph_ctx *ctx, const struct glyph_image *img, uint32_t w, uint32_t h,
               struct glyph_image **out)
{
    int err = glyph_image_create(ctx, w, h, out);
    for (uint32_t y = 0; err == 0 && y < img->height; y++) {
        memcpy((*out)->rgba + y * (*out)->stride, img->rgba + y * img->stride,
               (size_t)img->width * 4);
    }
    return err;
}

// Encodes `img` into `cols` x `rows` blocks in the chip's order.
static int encode(struct glyph_ctx *ctx, const struct mf_asset *a, const struct glyph_image *img,
                  unsigned bw, unsigned bh, uint32_t cols, uint32_t rows, uint8_t *data, char *why,
                  size_t why_len)
{
    size_t len = (size_t)cols * rows * FMT_EVE_ASTC_BLOCK;
    struct glyph_image *padded = NULL;
    uint8_t *raster = malloc(len);
    int err = raster == NULL ? GLYPH_ERR_NOMEM : pad(ctx, img, cols * bw, rows * bh, &padded);
    if (err == 0) {
        err = glyph_astc_encode(ctx, padded, bw, bh, GLYPH_ASTC_MEDIUM, raster, len);
    }
    if (err == 0 && fmt_eve_astc_tile(data, raster, cols, rows) != 0) {
        err = GLYPH_ERR_INVALID_ARG;
    }
    glyph_image_destroy(padded);
    free(raster);
    return err < 0 ? asset_image_error(a, err, why, why_len) : 0;
}

int asset_astc_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                    char *why, size_t why_len)
{
    unsigned bw, bh;
    if (!fmt_eve_astc_block(a->ext_format, &bw, &bh)) {
        snprintf(why, why_len, "image asset '%s': 0x%x is not an ASTC format", a->name,
                 (unsigned)a->ext_format);
        return EXIT_SOFTWARE;
    }
    struct glyph_image *img = NULL;
    int rc = asset_image_decode(ctx, a, &img, why, why_len);
    if (rc != 0) {
        return rc;
    }
    // Even numbers of block columns and rows: the chip reads 2 x 2 groups.
    uint32_t cols = (img->width + 2 * bw - 1) / (2 * bw) * 2;
    uint32_t rows = (img->height + 2 * bh - 1) / (2 * bh) * 2;
    uint8_t *data = malloc((size_t)cols * rows * FMT_EVE_ASTC_BLOCK);
    if (data == NULL) {
        snprintf(why, why_len, "image asset '%s': out of memory", a->name);
        rc = EXIT_SOFTWARE;
    } else {
        rc = encode(ctx, a, img, bw, bh, cols, rows, data, why, why_len);
    }
    if (rc == 0) {
        out->data = data;
        out->size = cols * rows * FMT_EVE_ASTC_BLOCK;
        out->width = img->width;
        out->height = img->height;
        out->stride = cols * FMT_EVE_ASTC_BLOCK;
        out->aux0 = a->ext_format;
        out->aux2 = 0; // no whole bits per pixel: 128 bits per block
    } else {
        free(data);
    }
    glyph_image_destroy(img);
    return rc;
}
