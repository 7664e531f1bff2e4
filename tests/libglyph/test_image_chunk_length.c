// PNG chunks that claim more bytes than the file has (found by fuzz_png): a
// 100-byte file whose iTXt chunk claims 1.8 GB made libpng allocate and clear
// 1.8 GB before failing. Such files must be refused as broken, at once and
// without a large allocation; files with data after IEND, or whose last chunk
// fits exactly, still decode.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <zlib.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"

static size_t put_chunk(uint8_t *p, const char *type, const uint8_t *data, uint32_t len,
                        uint32_t claimed)
{
    p[0] = (uint8_t)(claimed >> 24);
    p[1] = (uint8_t)(claimed >> 16);
    p[2] = (uint8_t)(claimed >> 8);
    p[3] = (uint8_t)claimed;
    memcpy(p + 4, type, 4);
    if (len > 0) {
        memcpy(p + 8, data, len);
    }
    uLong crc = crc32(crc32(0L, Z_NULL, 0), p + 4, 4 + len);
    p[8 + len] = (uint8_t)(crc >> 24);
    p[9 + len] = (uint8_t)(crc >> 16);
    p[10 + len] = (uint8_t)(crc >> 8);
    p[11 + len] = (uint8_t)crc;
    return 12 + (size_t)len;
}

// A 6x5 grey PNG; `lie` != 0 inserts an iTXt chunk claiming `lie` bytes
// right after IHDR (followed by only a few real bytes).
static size_t make_png(uint8_t *out, uint32_t lie)
{
    static const uint8_t ihdr[13] = {0, 0, 0, 6, 0, 0, 0, 5, 8, 0, 0, 0, 0};
    uint8_t raw[5 * 7], z[128];
    for (size_t i = 0; i < sizeof(raw); i++) {
        raw[i] = (uint8_t)(i % 7 == 0 ? 0 : i * 9);
    }
    uLongf zlen = sizeof(z);
    if (compress(z, &zlen, raw, sizeof(raw)) != Z_OK) {
        return 0;
    }
    size_t n = 0;
    memcpy(out, "\x89PNG\r\n\x1a\n", 8);
    n += 8;
    n += put_chunk(out + n, "IHDR", ihdr, 13, 13);
    if (lie != 0) {
        n += put_chunk(out + n, "iTXt", (const uint8_t *)"k\0\0\0\0", 5, lie);
    }
    n += put_chunk(out + n, "IDAT", z, (uint32_t)zlen, (uint32_t)zlen);
    n += put_chunk(out + n, "IEND", NULL, 0, 0);
    return n;
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void on_log(void *user, enum glyph_log_level level, const char *msg)
{
    (void)level;
    snprintf(user, 256, "%s", msg);
}

static void test_decode_rejects_chunk_longer_than_file(struct glyph_ctx *ctx)
{
    static const uint32_t lies[] = {0x6b000000u, 0x7fffffffu, 0xffffffffu, 200u};
    uint8_t png[512];
    for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
        size_t n = make_png(png, lies[i]);
        long before = max_rss_kb();
        struct glyph_image *img = NULL;
        int err = glyph_image_decode_memory(ctx, png, n, &img);
        CHECK(err == GLYPH_ERR_IMAGE_BROKEN && img == NULL);
        // libpng would have taken the claimed size (up to 1.8 GB) first.
        CHECK(max_rss_kb() - before < 64 * 1024);
        glyph_image_destroy(img);
    }
}

static void test_decode_accepts_exact_fit_and_trailing_data(struct glyph_ctx *ctx)
{
    uint8_t png[512];
    size_t n = make_png(png, 0);
    struct glyph_image *img = NULL;
    CHECK(glyph_image_decode_memory(ctx, png, n, &img) == 0 && img != NULL && img->width == 6 &&
          img->height == 5);
    glyph_image_destroy(img);
    img = NULL;
    memset(png + n, 0xff, 40); // garbage after IEND, as some tools leave
    CHECK(glyph_image_decode_memory(ctx, png, n + 40, &img) == 0 && img != NULL);
    glyph_image_destroy(img);
}

int main(void)
{
    char last[256] = "";
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    CHECK(ctx != NULL);
    glyph_ctx_set_log(ctx, on_log, last, GLYPH_LOG_DEBUG);
    test_decode_rejects_chunk_longer_than_file(ctx);
    CHECK(strstr(last, "claims") != NULL);
    test_decode_accepts_exact_fit_and_trailing_data(ctx);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("chunk length checks passed\n");
    }
    return check_status();
}
