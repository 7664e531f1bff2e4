#include <limits.h>
#include <png.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/png.h"

int glyph_png_encode_rgba(struct glyph_ctx *ctx, const uint8_t *rgba, uint32_t width,
                          uint32_t height, size_t stride, uint8_t **out, size_t *out_len)
{
    if (rgba == NULL || width == 0 || height == 0 || width > INT32_MAX / 4 ||
        stride < (size_t)width * 4 || stride > INT32_MAX) {
        return GLYPH_ERR_INVALID_ARG;
    }
    png_image image;
    memset(&image, 0, sizeof(image));
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    // First call sizes the output, second writes it.
    if (!png_image_write_to_memory(&image, NULL, &size, 0, rgba, (png_int_32)stride, NULL)) {
        png_image_free(&image);
        return GLYPH_ERR_PNG_WRITE;
    }
    uint8_t *buf = glyph_alloc(ctx, size);
    if (buf == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    if (!png_image_write_to_memory(&image, buf, &size, 0, rgba, (png_int_32)stride, NULL)) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "libpng: %s", image.message);
        png_image_free(&image);
        glyph_free(ctx, buf);
        return GLYPH_ERR_PNG_WRITE;
    }
    *out = buf;
    *out_len = size;
    return 0;
}

void glyph_buffer_free(struct glyph_ctx *ctx, void *buf)
{
    glyph_free(ctx, buf);
}
