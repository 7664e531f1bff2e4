// Hostile PNG input: not a PNG, every truncation of a small PNG, single bit
// flips all over it, absurd and zero dimensions. Every case must end in a
// clean error code (or, for damage libpng tolerates, a well-formed image),
// never a crash or a leak (the suite runs under ASan+UBSan), and absurd
// dimensions must be refused before any large allocation.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"
#include "png_fixture.h"

// An allocator that records the largest single request.
struct counting {
    size_t largest;
};

static void *count_realloc(void *user, void *ptr, size_t size)
{
    struct counting *c = user;
    if (size > c->largest) {
        c->largest = size;
    }
    return realloc(ptr, size);
}

static void count_free(void *user, void *ptr)
{
    (void)user;
    free(ptr);
}

static uint8_t *small_png(size_t *len)
{
    uint8_t rgba[9 * 6 * 4];
    for (size_t i = 0; i < sizeof(rgba); i++) {
        rgba[i] = (uint8_t)(i * 29 + 3);
    }
    return fixture_rgba_png(rgba, 9, 6, len);
}

static int decode(const uint8_t *data, size_t len, uint32_t *w, uint32_t *h)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    int err = glyph_image_decode_memory(ctx, data, len, &img);
    if (err == 0) {
        *w = img->width;
        *h = img->height;
    } else if (img != NULL) {
        fprintf(stderr, "error %d but an image was returned\n", err);
        check_failures++;
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
    return err;
}

static void test_hostile_not_png(void)
{
    static const uint8_t junk[] = "GIF89a this is not a PNG at all";
    uint32_t w, h;
    if (decode(junk, sizeof(junk), &w, &h) != GLYPH_ERR_IMAGE_FORMAT ||
        decode(junk, 0, &w, &h) != GLYPH_ERR_IMAGE_FORMAT ||
        decode((const uint8_t *)"\x89PNG\r\n", 6, &w, &h) != GLYPH_ERR_IMAGE_FORMAT) {
        fprintf(stderr, "non-PNG input not refused as GLYPH_ERR_IMAGE_FORMAT\n");
        check_failures++;
    }
}

static void test_hostile_every_truncation(void)
{
    size_t len = 0;
    uint8_t *png = small_png(&len);
    for (size_t n = 0; n < len; n++) {
        uint8_t *copy = malloc(n + 1); // exact-size copy so ASan sees over-reads
        memcpy(copy, png, n);
        uint32_t w = 0, h = 0;
        int err = decode(copy, n, &w, &h);
        // Only the trailing IEND chunk (12 bytes) may be missing without an error.
        if ((err == 0 && (n < len - 12 || w != 9 || h != 6)) || (err != 0 && err > -16)) {
            fprintf(stderr, "truncation to %zu of %zu bytes: err %d\n", n, len, err);
            check_failures++;
        }
        free(copy);
    }
    free(png);
}

static void test_hostile_bit_flips(void)
{
    size_t len = 0;
    uint8_t *png = small_png(&len);
    unsigned errors = 0, tolerated = 0;
    for (size_t off = 0; off < len; off++) {
        for (unsigned bit = 0; bit < 8; bit += 3) {
            uint8_t *copy = malloc(len);
            memcpy(copy, png, len);
            copy[off] ^= (uint8_t)(1u << bit);
            uint32_t w = 0, h = 0;
            int err = decode(copy, len, &w, &h);
            if (err == 0) {
                tolerated++;
                if (w != 9 || h != 6) {
                    fprintf(stderr, "flip at %zu bit %u: decoded as %ux%u\n", off, bit, w, h);
                    check_failures++;
                }
            } else {
                errors++;
            }
            free(copy);
        }
    }
    if (errors == 0) {
        fprintf(stderr, "no bit flip was detected\n");
        check_failures++;
    }
    printf("bit flips: %u refused, %u tolerated\n", errors, tolerated);
    free(png);
}

// A PNG consisting of a signature and an IHDR with a valid CRC.
static size_t header_only(uint8_t *out, uint32_t w, uint32_t h)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    memcpy(out, sig, 8);
    uint8_t *c = out + 8;
    c[0] = c[1] = c[2] = 0;
    c[3] = 13;
    memcpy(c + 4, "IHDR", 4);
    for (int i = 0; i < 4; i++) {
        c[8 + i] = (uint8_t)(w >> (24 - 8 * i));
        c[12 + i] = (uint8_t)(h >> (24 - 8 * i));
    }
    c[16] = 8; // depth
    c[17] = 6; // RGBA
    c[18] = c[19] = c[20] = 0;
    uint32_t crc = (uint32_t)crc32(0, c + 4, 17);
    for (int i = 0; i < 4; i++) {
        c[21 + i] = (uint8_t)(crc >> (24 - 8 * i));
    }
    // A small IDAT and IEND so libpng's header reading reaches the pixels.
    uint8_t *d = c + 25;
    static const uint8_t idat_data[] = {0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01};
    d[0] = d[1] = d[2] = 0;
    d[3] = sizeof(idat_data);
    memcpy(d + 4, "IDAT", 4);
    memcpy(d + 8, idat_data, sizeof(idat_data));
    crc = (uint32_t)crc32(0, d + 4, 4 + sizeof(idat_data));
    for (int i = 0; i < 4; i++) {
        d[8 + sizeof(idat_data) + (size_t)i] = (uint8_t)(crc >> (24 - 8 * i));
    }
    uint8_t *e = d + 12 + sizeof(idat_data);
    static const uint8_t iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    memcpy(e, iend, 12);
    return (size_t)(e + 12 - out);
}

static void test_hostile_absurd_dimensions_refused_before_allocating(void)
{
    static const uint32_t dims[][2] = {
        {40000, 10}, {10, 40000}, {30000, 30000}, {8193, 8193}, {1u << 30, 1u << 30}};
    for (size_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
        uint8_t buf[128];
        size_t len = header_only(buf, dims[i][0], dims[i][1]);
        struct counting cnt = {0};
        struct glyph_allocator a = {count_realloc, count_free, &cnt};
        struct glyph_ctx *ctx = glyph_ctx_create(&a);
        struct glyph_image *img = NULL;
        int err = glyph_image_decode_memory(ctx, buf, len, &img);
        // Sizes over libpng's own limit (1,000,000 per side) fail in libpng.
        int want_ok = err == GLYPH_ERR_IMAGE_TOO_LARGE ||
                      (dims[i][0] > 1000000 && err == GLYPH_ERR_IMAGE_BROKEN);
        if (!want_ok || img != NULL || cnt.largest > (1u << 20)) {
            fprintf(stderr, "%ux%u: err %d, largest allocation %zu\n", dims[i][0], dims[i][1], err,
                    cnt.largest);
            check_failures++;
        }
        glyph_ctx_destroy(ctx);
    }
}

static void test_hostile_zero_dimensions(void)
{
    uint8_t buf[128];
    uint32_t w, h;
    size_t len = header_only(buf, 0, 5);
    int e1 = decode(buf, len, &w, &h);
    len = header_only(buf, 5, 0);
    int e2 = decode(buf, len, &w, &h);
    // libpng rejects a zero side in IHDR itself; either error is clean.
    if ((e1 != GLYPH_ERR_IMAGE_BROKEN && e1 != GLYPH_ERR_IMAGE_EMPTY) ||
        (e2 != GLYPH_ERR_IMAGE_BROKEN && e2 != GLYPH_ERR_IMAGE_EMPTY)) {
        fprintf(stderr, "zero-size image: %d %d\n", e1, e2);
        check_failures++;
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, 0, 3, &img) != GLYPH_ERR_IMAGE_EMPTY ||
        glyph_image_create(ctx, 40000, 1, &img) != GLYPH_ERR_IMAGE_TOO_LARGE) {
        fprintf(stderr, "glyph_image_create limits wrong\n");
        check_failures++;
    }
    glyph_ctx_destroy(ctx);
}

int main(void)
{
    test_hostile_not_png();
    test_hostile_every_truncation();
    test_hostile_bit_flips();
    test_hostile_absurd_dimensions_refused_before_allocating();
    test_hostile_zero_dimensions();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
