// PNG decoding through libpng's simplified API, which keeps setjmp/longjmp
// inside libpng. The header is read first so absurd dimensions are refused
// before any pixel memory is allocated.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/image.h"

#define MAX_FILE_BYTES (1u << 30)

static int check_size(uint32_t width, uint32_t height)
{
    if (width == 0 || height == 0) {
        return GLYPH_ERR_IMAGE_EMPTY;
    }
    if (width > GLYPH_IMAGE_MAX_SIDE || height > GLYPH_IMAGE_MAX_SIDE ||
        (uint64_t)width * height > GLYPH_IMAGE_MAX_PIXELS) {
        return GLYPH_ERR_IMAGE_TOO_LARGE;
    }
    return 0;
}

// Allocates an image; `zero` clears the pixels (the decoder overwrites them
// all, so it skips that).
static int image_alloc(struct glyph_ctx *ctx, uint32_t width, uint32_t height, int zero,
                       struct glyph_image **out)
{
    int err = check_size(width, height);
    if (err < 0) {
        return err;
    }
    struct glyph_image *img = glyph_calloc(ctx, 1, sizeof(*img));
    if (img == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    img->width = width;
    img->height = height;
    img->stride = (size_t)width * 4;
    img->ctx = ctx;
    img->rgba =
        zero ? glyph_calloc(ctx, height, img->stride) : glyph_alloc_array(ctx, height, img->stride);
    if (img->rgba == NULL) {
        glyph_free(ctx, img);
        return GLYPH_ERR_NOMEM;
    }
    *out = img;
    return 0;
}

int glyph_image_create(struct glyph_ctx *ctx, uint32_t width, uint32_t height,
                       struct glyph_image **out)
{
    return image_alloc(ctx, width, height, 1, out);
}

void glyph_image_destroy(struct glyph_image *img)
{
    if (img == NULL) {
        return;
    }
    glyph_free(img->ctx, img->rgba);
    glyph_free(img->ctx, img);
}

// libpng 1.6.39's simplified reader scales 16-bit Adam7 images to 8 bits
// wrongly (pnggroup/libpng issue 853: stale rows in the local scaling
// buffer). Its 16-bit output path is correct, so such images are read as
// 16-bit samples, which libpng returns with alpha associated, and scaled
// here: colour un-premultiplied, then round(v * 255 / 65535). Returns 1, 0
// (libpng failed) or -1 (out of memory).
static int finish_16bit_interlaced(struct glyph_ctx *ctx, png_image *pi, struct glyph_image *img)
{
    size_t n = (size_t)img->width * img->height;
    uint16_t *buf = glyph_alloc_array(ctx, n, 8);
    if (buf == NULL) {
        return -1;
    }
    pi->format = PNG_FORMAT_LINEAR_RGB_ALPHA;
    if (!png_image_finish_read(pi, NULL, buf, 0, NULL)) {
        glyph_free(ctx, buf);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const uint16_t *p = buf + 4 * i;
        uint8_t *o = img->rgba + 4 * i;
        uint32_t a = p[3];
        for (unsigned c = 0; c < 3; c++) {
            uint32_t v = a == 0 ? 0 : ((uint32_t)p[c] * 65535u + a / 2) / a;
            v = v > 65535u ? 65535u : v;
            o[c] = (uint8_t)((v * 255u + 32767u) / 65535u);
        }
        o[3] = (uint8_t)((a * 255u + 32767u) / 65535u);
    }
    glyph_free(ctx, buf);
    return 1;
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

// libpng allocates (and clears) a chunk's declared length before it reads
// the data, so a 100-byte file whose iTXt chunk claims 1.8 GB costs 1.8 GB
// and seconds before "read beyond end of data" (found by fuzz_png). In
// memory no chunk (data and CRC) can be longer than what is left of the
// buffer: refuse such a file, truncated or lying, before libpng sees it.
// Stops at IEND (libpng ignores what follows); a file that ends between two
// chunks is left to libpng and its message.
static int check_chunk_lengths(struct glyph_ctx *ctx, const uint8_t *p, size_t len)
{
    size_t off = 8;
    while (len - off >= 8) {
        uint32_t n = load_be32(p + off);
        if (n > len - off - 8 || len - off - 8 - n < 4) {
            glyph_log(ctx, GLYPH_LOG_ERROR,
                      "PNG chunk at offset %zu claims %lu bytes, only %zu are left", off,
                      (unsigned long)n, len - off - 8);
            return GLYPH_ERR_IMAGE_BROKEN;
        }
        if (memcmp(p + off + 4, "IEND", 4) == 0) {
            break;
        }
        off += 12 + (size_t)n;
    }
    return 0;
}

int glyph_image_decode_memory(struct glyph_ctx *ctx, const void *data, size_t len,
                              struct glyph_image **out)
{
    if (ctx == NULL || out == NULL || (data == NULL && len > 0)) {
        return GLYPH_ERR_INVALID_ARG;
    }
    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        return GLYPH_ERR_IMAGE_FORMAT;
    }
    int err = check_chunk_lengths(ctx, data, len);
    if (err < 0) {
        return err;
    }
    png_image pi;
    memset(&pi, 0, sizeof(pi));
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&pi, data, len)) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "libpng: %s", pi.message);
        png_image_free(&pi);
        return GLYPH_ERR_IMAGE_BROKEN;
    }
    err = check_size(pi.width, pi.height);
    if (err < 0) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "PNG header says %ux%u", (unsigned)pi.width,
                  (unsigned)pi.height);
        png_image_free(&pi);
        return err;
    }
    struct glyph_image *img = NULL;
    err = image_alloc(ctx, pi.width, pi.height, 0, &img);
    if (err < 0) {
        png_image_free(&pi);
        return err;
    }
    // IHDR is the first chunk (libpng checked): byte 28 is the interlace method.
    int interlaced = ((const uint8_t *)data)[28] != 0;
    int ok;
    if ((pi.format & PNG_FORMAT_FLAG_LINEAR) != 0 && interlaced) {
        ok = finish_16bit_interlaced(ctx, &pi, img);
    } else {
        // Without this flag libpng takes 16-bit channels as linear light
        // and gamma-encodes them; we treat every input as sRGB.
        pi.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
        pi.format = PNG_FORMAT_RGBA;
        ok = png_image_finish_read(&pi, NULL, img->rgba, (png_int_32)img->stride, NULL);
    }
    if (ok < 0) {
        png_image_free(&pi);
        glyph_image_destroy(img);
        return GLYPH_ERR_NOMEM;
    }
    if (!ok) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "libpng: %s", pi.message);
        png_image_free(&pi);
        glyph_image_destroy(img);
        return GLYPH_ERR_IMAGE_BROKEN;
    }
    png_image_free(&pi);
    *out = img;
    return 0;
}

static int read_file(struct glyph_ctx *ctx, const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return errno == ENOENT ? GLYPH_ERR_NOT_FOUND : GLYPH_ERR_IO;
    }
    struct stat st;
    int err = 0;
    if (fstat(fileno(f), &st) != 0) {
        err = GLYPH_ERR_IO;
    } else if (S_ISDIR(st.st_mode)) {
        err = GLYPH_ERR_IS_DIR;
    } else if (st.st_size < 0 || (uint64_t)st.st_size > MAX_FILE_BYTES) {
        err = GLYPH_ERR_IMAGE_TOO_LARGE;
    }
    if (err < 0) {
        fclose(f);
        return err;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = glyph_alloc(ctx, size);
    if (buf == NULL) {
        fclose(f);
        return GLYPH_ERR_NOMEM;
    }
    size_t got = fread(buf, 1, size, f);
    if (got != size || ferror(f)) {
        err = GLYPH_ERR_IO;
    }
    fclose(f);
    if (err < 0) {
        glyph_free(ctx, buf);
        return err;
    }
    *data = buf;
    *len = size;
    return 0;
}

int glyph_image_decode_file(struct glyph_ctx *ctx, const char *path, struct glyph_image **out)
{
    if (ctx == NULL || path == NULL || out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    uint8_t *data = NULL;
    size_t len = 0;
    int err = read_file(ctx, path, &data, &len);
    if (err < 0) {
        return err;
    }
    err = glyph_image_decode_memory(ctx, data, len, out);
    glyph_free(ctx, data);
    return err;
}
