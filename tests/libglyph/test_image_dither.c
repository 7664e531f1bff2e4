// Dithering: on large flat areas the mean of the decoded pixels stays within
// half a quantization step of the input for ordered and Floyd-Steinberg
// dithering, for colour, grey and alpha channels; ordered dithering is
// deterministic and actually varies the output; 8-bit alpha is never touched.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/error.h"
#include "glyph/image.h"

#define N 64

static struct glyph_image *flat(struct glyph_ctx *ctx, const uint8_t rgba[4])
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, N, N, &img) != 0) {
        exit(1);
    }
    for (size_t i = 0; i < (size_t)N * N; i++) {
        memcpy(img->rgba + 4 * i, rgba, 4);
    }
    return img;
}

static void check_mean(const char *fmt, enum glyph_dither mode, const uint8_t rgba[4])
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = flat(ctx, rgba);
    struct glyph_convert_opts o;
    const struct glyph_pixfmt *f = glyph_pixfmt_find(fmt);
    glyph_convert_opts_init(&o, f);
    o.dither = mode;
    struct glyph_pixels *px = NULL;
    struct glyph_image *back = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0 || glyph_pixels_decode(ctx, px, &back) != 0) {
        fprintf(stderr, "%s: convert failed\n", fmt);
        check_failures++;
        goto out;
    }
    for (unsigned c = 0; c < 4; c++) {
        unsigned slot = (f->flags & GLYPH_PIXFMT_GREY) && c < 3 ? 0 : c;
        unsigned bits = f->bits[slot];
        if (bits == 0 || bits == 8) {
            continue;
        }
        double want = rgba[c];
        if (f->flags & GLYPH_PIXFMT_GREY) {
            want = (2126.0 * rgba[0] + 7152.0 * rgba[1] + 722.0 * rgba[2]) / 10000.0;
        }
        double sum = 0;
        for (size_t i = 0; i < (size_t)N * N; i++) {
            sum += back->rgba[4 * i + c];
        }
        double mean = sum / (N * N);
        double step = 255.0 / ((1u << bits) - 1u);
        if (fabs(mean - want) > step / 2) {
            fprintf(stderr, "%s dither %d channel %u: mean %.2f, input %.2f, step %.1f\n", fmt,
                    (int)mode, c, mean, want, step);
            check_failures++;
        }
    }
out:
    glyph_image_destroy(back);
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_dither_preserves_flat_mean(void)
{
    static const uint8_t colours[][4] = {
        {100, 150, 200, 255}, {3, 250, 77, 255}, {128, 128, 128, 255}, {40, 90, 140, 100}};
    static const char *const fmts[] = {"RGB565", "RGB332", "ARGB4444", "ARGB1555", "ARGB2",
                                       "L4",     "L2",     "L1",       "A4",       "A1"};
    for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
        for (size_t c = 0; c < sizeof(colours) / sizeof(colours[0]); c++) {
            uint8_t col[4];
            memcpy(col, colours[c], 4);
            const struct glyph_pixfmt *pf = glyph_pixfmt_find(fmts[f]);
            if (!(pf->flags & GLYPH_PIXFMT_HAS_ALPHA)) {
                col[3] = 255; // flattening is checked elsewhere
            }
            check_mean(fmts[f], GLYPH_DITHER_ORDERED, col);
            check_mean(fmts[f], GLYPH_DITHER_FS, col);
        }
    }
}

static void test_dither_ordered_is_deterministic(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const uint8_t col[4] = {100, 150, 200, 255};
    struct glyph_image *img = flat(ctx, col);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("RGB565"));
    o.dither = GLYPH_DITHER_ORDERED;
    struct glyph_pixels *a = NULL, *b = NULL;
    if (glyph_image_convert(ctx, img, &o, &a) != 0 || glyph_image_convert(ctx, img, &o, &b) != 0 ||
        memcmp(a->data, b->data, a->size) != 0) {
        fprintf(stderr, "ordered dithering not deterministic\n");
        check_failures++;
    } else {
        // 100 lies between two RGB565 red levels, so the output must vary,
        // and repeat with period 8.
        int varies = 0;
        for (size_t i = 2; i < a->size; i += 2) {
            varies |= a->data[i] != a->data[0] || a->data[i + 1] != a->data[1];
        }
        int periodic = memcmp(a->data, a->data + 8 * a->stride, a->stride) == 0 &&
                       memcmp(a->data, a->data + 16, 16) == 0;
        if (!varies || !periodic) {
            fprintf(stderr, "ordered dithering output flat or not 8-periodic\n");
            check_failures++;
        }
    }
    glyph_pixels_destroy(a);
    glyph_pixels_destroy(b);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

static void test_dither_leaves_8bit_alpha_alone(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const uint8_t col[4] = {100, 150, 200, 77};
    struct glyph_image *img = flat(ctx, col);
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("ARGB8888"));
    o.dither = GLYPH_DITHER_FS;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0) {
        check_failures++;
    } else {
        for (size_t i = 0; i < (size_t)N * N; i++) {
            if (memcmp(px->data + 4 * i, (uint8_t[]){200, 150, 100, 77}, 4) != 0) {
                fprintf(stderr, "8-bit channels changed by dithering at %zu\n", i);
                check_failures++;
                break;
            }
        }
    }
    glyph_pixels_destroy(px);
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

// Floyd-Steinberg written out plainly from docs/image-formats.md, one
// channel at a time: errors kept x16, serpentine rows, weights 7/16 right,
// 3/16 below-left, 5/16 below, 1/16 below-right (mirrored on odd rows),
// errors leaving the image dropped.
static int floor_div16(int n)
{
    return n >= 0 ? n / 16 : -((-n + 15) / 16);
}

static void reference_fs(const uint8_t *in, unsigned w, unsigned h, unsigned bits, uint8_t *out)
{
    unsigned max = (1u << bits) - 1u;
    int *cur = calloc(w, sizeof(int)), *next = calloc(w, sizeof(int));
    for (unsigned y = 0; y < h; y++) {
        memset(next, 0, w * sizeof(int));
        int dir = y % 2 ? -1 : 1;
        for (unsigned i = 0; i < w; i++) {
            int x = dir > 0 ? (int)i : (int)(w - 1 - i);
            int v = in[y * w + (unsigned)x] + floor_div16(cur[x] + 8);
            v = v < 0 ? 0 : (v > 255 ? 255 : v);
            unsigned q = ((unsigned)v * max + 127u) / 255u;
            int shown = (int)((q * 255u + max / 2u) / max);
            int e = v - shown;
            out[y * w + (unsigned)x] = (uint8_t)shown;
            if (x + dir >= 0 && x + dir < (int)w) {
                cur[x + dir] += 7 * e;
                next[x + dir] += e;
            }
            if (x - dir >= 0 && x - dir < (int)w) {
                next[x - dir] += 3 * e;
            }
            next[x] += 5 * e;
        }
        int *t = cur;
        cur = next;
        next = t;
    }
    free(cur);
    free(next);
}

static void test_dither_fs_matches_reference(void)
{
    enum { RW = 37, RH = 23 };
    static const struct {
        const char *fmt;
        unsigned bits[4]; // per RGBA slot; grey formats use slot 0 for L
        uint8_t bg[3];    // background for formats without alpha
    } cases[] = {
        {"RGB565", {5, 6, 5, 0}, {0, 0, 0}},    {"RGB565", {5, 6, 5, 0}, {10, 200, 77}},
        {"BGR565_BE", {5, 6, 5, 0}, {3, 2, 1}}, {"RGB332", {3, 3, 2, 0}, {0, 0, 0}},
        {"RGB332", {3, 3, 2, 0}, {99, 0, 255}}, {"ARGB4444", {4, 4, 4, 4}, {0, 0, 0}},
        {"ARGB1555", {5, 5, 5, 1}, {0, 0, 0}},  {"L4", {4, 0, 0, 0}, {0, 0, 0}},
        {"L1", {1, 0, 0, 0}, {40, 50, 60}},     {"A2", {0, 0, 0, 2}, {0, 0, 0}},
    };
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, RW, RH, &img) != 0) {
        exit(1);
    }
    uint32_t seed = 7;
    for (size_t i = 0; i < (size_t)RW * RH * 4; i++) {
        seed = seed * 1103515245u + 12345u;
        img->rgba[i] = (uint8_t)(seed >> 16);
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct glyph_pixfmt *f = glyph_pixfmt_find(cases[i].fmt);
        int has_alpha = (f->flags & GLYPH_PIXFMT_HAS_ALPHA) != 0;
        // Formats without alpha see the image flattened onto black, done
        // here before the reference runs.
        uint8_t plane[4][RW * RH];
        for (unsigned p = 0; p < RW * RH; p++) {
            const uint8_t *s = img->rgba + 4 * p;
            unsigned a = s[3];
            unsigned c[3];
            for (unsigned k = 0; k < 3; k++) {
                c[k] = has_alpha ? s[k] : (s[k] * a + cases[i].bg[k] * (255u - a) + 127u) / 255u;
            }
            if (f->flags & GLYPH_PIXFMT_GREY) {
                c[0] = (2126u * c[0] + 7152u * c[1] + 722u * c[2] + 5000u) / 10000u;
            }
            for (unsigned k = 0; k < 3; k++) {
                plane[k][p] = (uint8_t)c[k];
            }
            plane[3][p] = (uint8_t)a;
        }
        struct glyph_convert_opts o;
        glyph_convert_opts_init(&o, f);
        o.dither = GLYPH_DITHER_FS;
        memcpy(o.background, cases[i].bg, 3);
        struct glyph_pixels *px = NULL;
        struct glyph_image *back = NULL;
        if (glyph_image_convert(ctx, img, &o, &px) != 0 ||
            glyph_pixels_decode(ctx, px, &back) != 0) {
            fprintf(stderr, "%s: FS convert failed\n", cases[i].fmt);
            check_failures++;
            continue;
        }
        for (unsigned k = 0; k < 4; k++) {
            if (cases[i].bits[k] == 0) {
                continue;
            }
            uint8_t want[RW * RH];
            reference_fs(plane[k], RW, RH, cases[i].bits[k], want);
            unsigned out_ch = k;
            for (unsigned p = 0; p < RW * RH; p++) {
                if (back->rgba[4 * p + out_ch] != want[p]) {
                    fprintf(stderr, "%s: FS slot %u pixel %u: got %u, reference %u\n", cases[i].fmt,
                            k, p, back->rgba[4 * p + out_ch], want[p]);
                    check_failures++;
                    break;
                }
            }
        }
        glyph_image_destroy(back);
        glyph_pixels_destroy(px);
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
}

int main(void)
{
    test_dither_fs_matches_reference();
    test_dither_preserves_flat_mean();
    test_dither_ordered_is_deterministic();
    test_dither_leaves_8bit_alpha_alone();
    if (check_failures != 0) {
        return 1;
    }
    printf("ok\n");
    return 0;
}
