// Decoding: every PNG colour type x bit depth x interlace method decodes to
// the RGBA the test put in (exact for <= 8 bits; 16-bit samples to 8 bits as
// libpng scales them, round(v * 255 / 65535)); palette and colour-key
// transparency become alpha; a file on disk decodes like memory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"
#include "png_fixture.h"

#define W 13
#define H 7

static unsigned scale_to_8(unsigned v, int depth)
{
    if (depth == 16) {
        return (v * 255u + 32767u) / 65535u;
    }
    return v * 255u / ((1u << depth) - 1u);
}

// Deterministic samples covering the whole range of the depth.
static uint16_t sample(unsigned i, int depth)
{
    unsigned max = (1u << depth) - 1u;
    unsigned v = (i * 2654435761u) >> 7;
    return (uint16_t)(v % (max + 1u));
}

static void check(const char *name, const struct fixture *f, const uint8_t *want)
{
    size_t len = 0;
    uint8_t *png = fixture_png(f, &len);
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    int err = png ? glyph_image_decode_memory(ctx, png, len, &img) : -999;
    if (err != 0 || img->width != f->width || img->height != f->height) {
        fprintf(stderr, "%s: decode failed: %d\n", name, err);
        check_failures++;
    } else {
        for (size_t i = 0; i < (size_t)W * H * 4; i++) {
            int diff = abs((int)img->rgba[i] - (int)want[i]);
            // 16-bit Adam7 with alpha comes through libpng's premultiplied
            // 16-bit path (see image_decode.c): colour within 1 where the
            // pixel is visible at all.
            int loose =
                f->bit_depth == 16 && f->interlace && (f->color_type & PNG_COLOR_MASK_ALPHA);
            int tol = loose && i % 4 != 3 ? (want[i - i % 4 + 3] >= 2 ? 1 : 255) : 0;
            if (diff > tol) {
                fprintf(stderr, "%s: pixel %zu channel %zu: got %u want %u\n", name, i / 4, i % 4,
                        img->rgba[i], want[i]);
                check_failures++;
                break;
            }
        }
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
    free(png);
}

static void test_decode_grey_and_colour_types(void)
{
    static const int types[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                PNG_COLOR_TYPE_RGB_ALPHA};
    static const int depths[] = {1, 2, 4, 8, 16};
    uint16_t s[W * H * 4];
    uint8_t want[W * H * 4];
    for (size_t t = 0; t < 4; t++) {
        for (size_t d = 0; d < 5; d++) {
            int depth = depths[d];
            if (types[t] != PNG_COLOR_TYPE_GRAY && depth < 8) {
                continue; // not allowed by the PNG specification
            }
            int ch = fixture_channels(types[t]);
            for (unsigned i = 0; i < W * H * (unsigned)ch; i++) {
                s[i] = sample(i + 17u * (unsigned)t, depth);
            }
            for (unsigned p = 0; p < W * H; p++) {
                const uint16_t *px = s + p * (unsigned)ch;
                uint8_t *o = want + 4 * p;
                if (ch <= 2) {
                    o[0] = o[1] = o[2] = (uint8_t)scale_to_8(px[0], depth);
                    o[3] = ch == 2 ? (uint8_t)scale_to_8(px[1], depth) : 255;
                } else {
                    for (int c = 0; c < 3; c++) {
                        o[c] = (uint8_t)scale_to_8(px[c], depth);
                    }
                    o[3] = ch == 4 ? (uint8_t)scale_to_8(px[3], depth) : 255;
                }
            }
            for (int il = 0; il < 2; il++) {
                struct fixture f = {types[t], depth, il, W, H, s, NULL, 0, NULL, 0, NULL};
                char name[64];
                snprintf(name, sizeof(name), "type%d_depth%d_interlace%d", types[t], depth, il);
                check(name, &f, want);
            }
        }
    }
}

static void test_decode_palette_with_trns(void)
{
    static const int depths[] = {1, 2, 4, 8};
    png_color plte[256];
    uint8_t trns[256];
    for (int i = 0; i < 256; i++) {
        plte[i].red = (png_byte)(i * 7);
        plte[i].green = (png_byte)(255 - i);
        plte[i].blue = (png_byte)(i * 13 + 5);
        trns[i] = (uint8_t)(i * 37);
    }
    uint16_t s[W * H];
    uint8_t want[W * H * 4];
    for (size_t d = 0; d < 4; d++) {
        int n = 1 << depths[d];
        for (int with_trns = 0; with_trns < 2; with_trns++) {
            int ntrns = with_trns ? (n > 1 ? n - 1 : 1) : 0; // last entry left opaque
            for (unsigned i = 0; i < W * H; i++) {
                s[i] = sample(i, depths[d]);
                const png_color *c = &plte[s[i]];
                want[4 * i] = c->red;
                want[4 * i + 1] = c->green;
                want[4 * i + 2] = c->blue;
                want[4 * i + 3] = (int)s[i] < ntrns ? trns[s[i]] : 255;
            }
            for (int il = 0; il < 2; il++) {
                struct fixture f = {PNG_COLOR_TYPE_PALETTE,  depths[d], il,  W, H, s, plte, n,
                                    with_trns ? trns : NULL, ntrns,     NULL};
                char name[64];
                snprintf(name, sizeof(name), "palette_depth%d_trns%d_interlace%d", depths[d],
                         with_trns, il);
                check(name, &f, want);
            }
        }
    }
}

static void test_decode_colour_key_trns(void)
{
    uint16_t s[W * H * 3];
    uint8_t want[W * H * 4];
    png_color_16 key = {0, 10, 20, 30, 0};
    for (unsigned i = 0; i < W * H; i++) {
        int hit = i % 5 == 0;
        s[3 * i] = hit ? 10 : (uint16_t)(i % 256);
        s[3 * i + 1] = hit ? 20 : 100;
        s[3 * i + 2] = hit ? 30 : 200;
        for (int c = 0; c < 3; c++) {
            want[4 * i + (unsigned)c] = (uint8_t)s[3 * i + (unsigned)c];
        }
        want[4 * i + 3] = hit ? 0 : 255;
    }
    struct fixture f = {PNG_COLOR_TYPE_RGB, 8, 0, W, H, s, NULL, 0, NULL, 0, &key};
    // libpng may replace the colour of fully transparent pixels; only alpha
    // and the opaque pixels are compared.
    size_t len = 0;
    uint8_t *png = fixture_png(&f, &len);
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_decode_memory(ctx, png, len, &img) != 0) {
        fprintf(stderr, "colour key: decode failed\n");
        check_failures++;
    } else {
        for (unsigned i = 0; i < W * H; i++) {
            int opaque = want[4 * i + 3] == 255;
            if (img->rgba[4 * i + 3] != want[4 * i + 3] ||
                (opaque && memcmp(img->rgba + 4 * i, want + 4 * i, 3) != 0)) {
                fprintf(stderr, "colour key: pixel %u wrong\n", i);
                check_failures++;
                break;
            }
        }
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
    free(png);
}

static void test_decode_file_matches_memory(void)
{
    uint8_t rgba[4 * 4 * 4];
    for (int i = 0; i < 64; i++) {
        rgba[i] = (uint8_t)(i * 4);
    }
    size_t len = 0;
    uint8_t *png = fixture_rgba_png(rgba, 4, 4, &len);
    char path[] = "/tmp/test_image_decode_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (f == NULL || fwrite(png, 1, len, f) != len) {
        fprintf(stderr, "cannot write temp file\n");
        check_failures++;
    }
    if (f != NULL) {
        fclose(f);
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_decode_file(ctx, path, &img) != 0 || memcmp(img->rgba, rgba, 64) != 0) {
        fprintf(stderr, "decode_file differs\n");
        check_failures++;
    }
    glyph_image_destroy(img);
    img = NULL;
    if (glyph_image_decode_file(ctx, "/nonexistent/x.png", &img) != GLYPH_ERR_NOT_FOUND ||
        glyph_image_decode_file(ctx, "/tmp", &img) != GLYPH_ERR_IS_DIR || img != NULL) {
        fprintf(stderr, "decode_file error codes wrong\n");
        check_failures++;
    }
    glyph_ctx_destroy(ctx);
    unlink(path);
    free(png);
}

int main(void)
{
    test_decode_grey_and_colour_types();
    test_decode_palette_with_trns();
    test_decode_colour_key_trns();
    test_decode_file_matches_memory();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
