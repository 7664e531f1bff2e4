// Fuzz target: arbitrary bytes as a PNG file (glyph_image_decode_memory), and
// what decodes is resized, converted to a display format, decoded back for a
// preview, and written as PNG and read again. Checks the promises of the API:
// only the documented errors, dimensions within the limits, and a preview
// that survives the PNG round trip unchanged.
//
// The input is the PNG itself, so the corpus is plain PNG files. The
// conversion options (format, dither, alpha, layout, bit order, alignment,
// palette, resize) come from a hash of the input: each mutation tries other
// options, and a crash reproduces from its file alone. Most inputs get their
// chunk CRCs recomputed first (fix_crcs) so mutations reach the decoder. Images whose header
// claims more than FUZZ_MAX_DECODE pixels (but passes libglyph's limits) are
// skipped, as libpng's own fuzzer does, so time goes to parsing rather than
// to allocating and filling large buffers.
//
// As a test: replays the files named on the command line with a range of
// option sets each, whole and cut short. With libFuzzer, by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DGLYPH_LIBFUZZER"
//   INC="-Ilibglyph -Ilibglyph/include $(pkg-config --cflags freetype2)"
//   LIBS="$(pkg-config --libs freetype2 libpng) -lm"
//   clang-14 $CF $INC tests/libglyph/fuzz_png.c libglyph/*.c $LIBS -o /tmp/fuzz_png
//   mkdir -p /tmp/png_corpus && cp tests/libglyph/corpus/png/* /tmp/png_corpus/
//   D=tests/libglyph/fuzz_png.dict
//   /tmp/fuzz_png -dict=$D -max_len=4096 -max_total_time=300 /tmp/png_corpus
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph/error.h"
#include "glyph/image.h"
#include "glyph/palette.h"
#include "glyph/png.h"

#define FUZZ_MAX_DECODE  (1u << 18) // pixels decoded
#define FUZZ_MAX_CONVERT (1u << 14) // pixels converted (quantizing is slow)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// CRC-32 of PNG chunks (ISO 3309), bit by bit: inputs are small.
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return crc;
}

// Rewrites every complete chunk's CRC, as libpng's fuzzer makes libpng
// ignore them: otherwise almost every mutation stops at the first CRC check.
static void fix_crcs(uint8_t *png, size_t size)
{
    size_t off = 8;
    while (size - off >= 12) {
        uint32_t len = be32(png + off);
        if (len > size - off - 12) {
            break;
        }
        uint32_t crc = ~crc32_update(0xFFFFFFFFu, png + off + 4, (size_t)len + 4);
        uint8_t *c = png + off + 8 + len;
        c[0] = (uint8_t)(crc >> 24);
        c[1] = (uint8_t)(crc >> 16);
        c[2] = (uint8_t)(crc >> 8);
        c[3] = (uint8_t)crc;
        off += (size_t)len + 12;
    }
}

static uint32_t fnv1a(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++) {
        h = (h ^ data[i]) * 16777619u;
    }
    return h;
}

static int decode_error_ok(int err)
{
    return err == GLYPH_ERR_IMAGE_FORMAT || err == GLYPH_ERR_IMAGE_BROKEN ||
           err == GLYPH_ERR_IMAGE_EMPTY || err == GLYPH_ERR_IMAGE_TOO_LARGE ||
           err == GLYPH_ERR_NOMEM;
}

// The preview (8-bit RGBA) written as PNG must decode to the same pixels.
static void check_round_trip(struct glyph_ctx *ctx, const struct glyph_image *img)
{
    uint8_t *png = NULL;
    size_t len = 0;
    struct glyph_image *back = NULL;
    if (glyph_png_encode_rgba(ctx, img->rgba, img->width, img->height, img->stride, &png, &len) !=
        0) {
        abort();
    }
    if (glyph_image_decode_memory(ctx, png, len, &back) != 0 || back->width != img->width ||
        back->height != img->height) {
        abort();
    }
    for (uint32_t y = 0; y < img->height; y++) {
        if (memcmp(back->rgba + y * back->stride, img->rgba + y * img->stride,
                   (size_t)img->width * 4) != 0) {
            abort();
        }
    }
    glyph_image_destroy(back);
    glyph_buffer_free(ctx, png);
}

static void convert_one(struct glyph_ctx *ctx, const struct glyph_image *img, uint32_t sel)
{
    static const unsigned aligns[] = {1, 0, 4, 256};
    static const char *const pal_formats[] = {NULL, "RGB565", "RGB888", "ARGB8888"};
    const struct glyph_pixfmt *fmt = glyph_pixfmt_at((sel & 0xFF) % glyph_pixfmt_count());
    struct glyph_convert_opts o;
    struct glyph_palette pal;
    struct glyph_pixels *px = NULL;
    struct glyph_image *preview = NULL;
    glyph_convert_opts_init(&o, fmt);
    o.dither = (enum glyph_dither)((sel >> 8) % 3);
    o.alpha = (enum glyph_alpha_mode)((sel >> 10) % 3);
    o.background[0] = (uint8_t)(sel >> 3);
    o.background[2] = (uint8_t)(sel >> 17);
    o.layout = (enum glyph_layout)(sel >> 12 & 1);
    o.bit_order = (enum glyph_bit_order)(sel >> 13 & 1);
    o.stride_align = aligns[sel >> 14 & 3];
    if (!glyph_pixfmt_is_plane(fmt) && (sel >> 16 & 1) == 0) {
        // Mostly options that colour formats accept; sometimes the error path.
        o.layout = GLYPH_LAYOUT_ROWS;
        o.bit_order = GLYPH_BIT_MSB_FIRST;
        o.stride_align = o.stride_align == 0 ? 2 : o.stride_align;
    }
    if (sel >> 17 & 1) {
        // As glyphpack --palette IMAGE.png: the image's own colours.
        if (glyph_palette_from_pixels(img->rgba, img->width, img->height, img->stride, &pal) == 0) {
            o.palette = &pal;
        }
    } else if (fmt->bpp <= 8) {
        o.palette_size = (sel >> 18) % ((1u << fmt->bpp) + 1);
    }
    if (pal_formats[sel >> 22 & 3] != NULL) {
        o.palette_format = glyph_pixfmt_find(pal_formats[sel >> 22 & 3]);
    }
    int err = glyph_image_convert(ctx, img, &o, &px);
    if (err != 0) {
        if (err != GLYPH_ERR_INVALID_ARG && err != GLYPH_ERR_PALETTE && err != GLYPH_ERR_NOMEM) {
            abort();
        }
        return;
    }
    if (px->width != img->width || px->height != img->height || px->data == NULL || px->size == 0) {
        abort();
    }
    // Touch every byte so that sanitizers see a wrong size.
    unsigned sum = 0;
    for (size_t i = 0; i < px->size; i++) {
        sum += px->data[i];
    }
    (void)sum;
    if (glyph_pixels_decode(ctx, px, &preview) != 0 || preview->width != img->width ||
        preview->height != img->height) {
        abort();
    }
    check_round_trip(ctx, preview);
    glyph_image_destroy(preview);
    glyph_pixels_destroy(px);
}

static void fuzz_one(const uint8_t *data, size_t size, uint32_t sel)
{
    // Skip what libglyph accepts but would take long to fill (see above).
    if (size >= 24) {
        uint64_t w = be32(data + 16), h = be32(data + 20);
        if (w * h > FUZZ_MAX_DECODE && w <= GLYPH_IMAGE_MAX_SIDE && h <= GLYPH_IMAGE_MAX_SIDE &&
            w * h <= GLYPH_IMAGE_MAX_PIXELS) {
            return;
        }
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL, *small = NULL;
    if (ctx == NULL) {
        return;
    }
    int err = glyph_image_decode_memory(ctx, data, size, &img);
    if (err != 0) {
        if (!decode_error_ok(err) || img != NULL) {
            abort();
        }
        goto out;
    }
    if (img->width == 0 || img->height == 0 || img->width > GLYPH_IMAGE_MAX_SIDE ||
        img->height > GLYPH_IMAGE_MAX_SIDE || img->stride != (size_t)img->width * 4) {
        abort();
    }
    if ((sel >> 24 & 3) == 0) {
        uint32_t w = 1 + (sel >> 26 & 31), h = 1 + (sel >> 3 & 31);
        if (glyph_image_resize(ctx, img, w, h, &small) != 0 || small->width != w ||
            small->height != h) {
            abort();
        }
    }
    const struct glyph_image *src = small != NULL ? small : img;
    if ((uint64_t)src->width * src->height <= FUZZ_MAX_CONVERT) {
        convert_one(ctx, src, sel);
    }
out:
    glyph_image_destroy(small);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t sel = fnv1a(data, size);
    // Three inputs in four with their CRCs made right; the fourth as given,
    // so the CRC error path stays covered.
    uint8_t *copy = (sel >> 30) != 0 && size >= 8 ? malloc(size) : NULL;
    if (copy != NULL) {
        memcpy(copy, data, size);
        fix_crcs(copy, size);
        fuzz_one(copy, size, sel);
        free(copy);
    } else {
        fuzz_one(data, size, sel);
    }
    return 0;
}

#ifndef GLYPH_LIBFUZZER
// Replay: each file with 48 option sets (the low byte picks the format, so
// every format is tried at least once with options it accepts), then cut short at a few lengths
// with the hash-chosen options.
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (f == NULL) {
            fprintf(stderr, "cannot open %s\n", argv[a]);
            return 1;
        }
        static uint8_t buf[1 << 16];
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        for (uint32_t k = 0; k < 48; k++) {
            uint32_t mix = (k + 1) * 0x9E3779B1u & ~0x100FFu;
            fuzz_one(buf, n, mix | (k >= 40 ? 1u << 16 : 0) | k);
        }
        for (size_t cut = 0; cut < n; cut += 1 + n / 16) {
            LLVMFuzzerTestOneInput(buf, cut);
        }
        LLVMFuzzerTestOneInput(buf, n);
    }
    printf("replayed %d file(s)\n", argc - 1);
    return 0;
}
#endif
