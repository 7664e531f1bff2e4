// Resizing: same size is an exact copy; area averaging of 2x2 blocks gives
// their mean; flat images stay flat both ways; transparent pixels do not
// bleed colour; limits are enforced.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"

static struct glyph_image *make(struct glyph_ctx *ctx, uint32_t w, uint32_t h)
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, w, h, &img) != 0) {
        exit(1);
    }
    for (size_t i = 0; i < (size_t)w * h * 4; i++) {
        img->rgba[i] = (uint8_t)(i * 37 + 11);
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        img->rgba[4 * i + 3] = 255;
    }
    return img;
}

static void test_resize_same_size_is_copy(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *a = make(ctx, 7, 5), *b = NULL;
    if (glyph_image_resize(ctx, a, 7, 5, &b) != 0 || memcmp(a->rgba, b->rgba, 7 * 5 * 4) != 0) {
        fprintf(stderr, "same-size resize not a copy\n");
        check_failures++;
    }
    glyph_image_destroy(a);
    glyph_image_destroy(b);
    glyph_ctx_destroy(ctx);
}

static void test_resize_area_average_halves(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *a = make(ctx, 8, 6), *b = NULL;
    if (glyph_image_resize(ctx, a, 4, 3, &b) != 0) {
        check_failures++;
    } else {
        for (uint32_t y = 0; y < 3; y++) {
            for (uint32_t x = 0; x < 4; x++) {
                for (unsigned c = 0; c < 3; c++) {
                    unsigned s = 0;
                    for (unsigned k = 0; k < 4; k++) {
                        s += a->rgba[(2 * y + k / 2) * a->stride + 4 * (2 * x + k % 2) + c];
                    }
                    int want = (int)((s + 2) / 4);
                    int got = b->rgba[y * b->stride + 4 * x + c];
                    if (abs(got - want) > 1) {
                        fprintf(stderr, "halving: (%u,%u) ch %u got %d want %d\n", x, y, c, got,
                                want);
                        check_failures++;
                    }
                }
            }
        }
    }
    glyph_image_destroy(a);
    glyph_image_destroy(b);
    glyph_ctx_destroy(ctx);
}

static void test_resize_flat_stays_flat(void)
{
    static const uint32_t sizes[][2] = {{3, 2}, {17, 9}, {40, 40}, {1, 1}, {100, 7}};
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *a = NULL;
    if (glyph_image_create(ctx, 13, 11, &a) != 0) {
        exit(1);
    }
    for (size_t i = 0; i < 13 * 11; i++) {
        memcpy(a->rgba + 4 * i, (uint8_t[]){90, 180, 33, 200}, 4);
    }
    for (size_t s = 0; s < 5; s++) {
        struct glyph_image *b = NULL;
        if (glyph_image_resize(ctx, a, sizes[s][0], sizes[s][1], &b) != 0) {
            check_failures++;
            continue;
        }
        for (size_t i = 0; i < (size_t)b->width * b->height; i++) {
            const uint8_t *p = b->rgba + 4 * i;
            if (abs(p[0] - 90) > 1 || abs(p[1] - 180) > 1 || abs(p[2] - 33) > 1 ||
                abs(p[3] - 200) > 1) {
                fprintf(stderr, "flat %ux%u: pixel %zu = %u %u %u %u\n", sizes[s][0], sizes[s][1],
                        i, p[0], p[1], p[2], p[3]);
                check_failures++;
                break;
            }
        }
        glyph_image_destroy(b);
    }
    glyph_image_destroy(a);
    glyph_ctx_destroy(ctx);
}

static void test_resize_transparent_does_not_bleed(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *a = NULL, *b = NULL;
    if (glyph_image_create(ctx, 2, 1, &a) != 0) {
        exit(1);
    }
    memcpy(a->rgba, (uint8_t[]){255, 0, 0, 255, 0, 255, 0, 0}, 8);
    if (glyph_image_resize(ctx, a, 1, 1, &b) != 0 ||
        memcmp(b->rgba, (uint8_t[]){255, 0, 0, 128}, 4) != 0) {
        fprintf(stderr, "transparent green bled into red\n");
        check_failures++;
    }
    glyph_image_destroy(b);
    b = NULL;
    if (glyph_image_resize(ctx, a, 0, 1, &b) != GLYPH_ERR_IMAGE_EMPTY ||
        glyph_image_resize(ctx, a, 40000, 1, &b) != GLYPH_ERR_IMAGE_TOO_LARGE || b != NULL) {
        fprintf(stderr, "resize limits wrong\n");
        check_failures++;
    }
    glyph_image_destroy(a);
    glyph_ctx_destroy(ctx);
}

int main(void)
{
    test_resize_same_size_is_copy();
    test_resize_area_average_halves();
    test_resize_flat_stays_flat();
    test_resize_transparent_does_not_bleed();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
