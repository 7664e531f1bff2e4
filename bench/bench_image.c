// Benchmark: decode a 1920x1080 RGBA PNG and convert it to RGB565 with
// Floyd-Steinberg dithering, against libpng decoding alone, in the same run.
// Goal (issue 3): the conversion adds no more than 50 % to the decode.
//
// usage: bench_image [REPS] [all|setup|decode|ours|full]
//   all (default): REPS timed repetitions of each, medians and the ratio.
//   setup: only make the test PNG; decode: plus one libpng decode; ours:
//   plus one glyph_image_decode_memory; full: plus one decode and RGB565 FS
//   conversion. For `valgrind --tool=callgrind` instruction counts:
//   decode - setup = libpng alone, full - ours = the conversion.
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glyph/error.h"
#include "glyph/image.h"

#define W 1920
#define H 1080

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// Smooth gradients, a few soft shapes, a soft alpha edge and film-grain noise:
// compresses like artwork, not like a flat colour or pure noise.
static uint8_t *make_png(size_t *len)
{
    uint8_t *rgba = malloc((size_t)W * H * 4);
    uint32_t seed = 1;
    for (uint32_t y = 0; y < H; y++) {
        for (uint32_t x = 0; x < W; x++) {
            seed = seed * 1664525u + 1013904223u;
            int noise = (int)(seed >> 28) - 8;
            double fx = (double)x / W, fy = (double)y / H;
            double v[3] = {255 * fx, 255 * fy,
                           128 + 100 * sin(6.28 * (fx * 3 + fy * 2)) * cos(6.28 * fy * 1.5)};
            uint8_t *p = rgba + 4 * ((size_t)y * W + x);
            for (int c = 0; c < 3; c++) {
                double t = v[c] + noise;
                p[c] = (uint8_t)(t < 0 ? 0 : (t > 255 ? 255 : t));
            }
            double dx = fx - 0.5, dy = fy - 0.5, r = sqrt(dx * dx + dy * dy);
            double a = r < 0.4 ? 255 : (r > 0.45 ? 60 : 255 - (r - 0.4) / 0.05 * 195);
            p[3] = (uint8_t)a;
        }
    }
    png_image pi;
    memset(&pi, 0, sizeof(pi));
    pi.version = PNG_IMAGE_VERSION;
    pi.width = W;
    pi.height = H;
    pi.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    png_image_write_to_memory(&pi, NULL, &size, 0, rgba, 0, NULL);
    uint8_t *png = malloc(size);
    if (!png_image_write_to_memory(&pi, png, &size, 0, rgba, 0, NULL)) {
        fprintf(stderr, "encode failed: %s\n", pi.message);
        exit(1);
    }
    free(rgba);
    *len = size;
    return png;
}

// libpng alone: the same simplified-API decode to RGBA8888.
static void decode_libpng(const uint8_t *png, size_t len, uint8_t *out)
{
    png_image pi;
    memset(&pi, 0, sizeof(pi));
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&pi, png, len)) {
        exit(1);
    }
    pi.format = PNG_FORMAT_RGBA;
    if (!png_image_finish_read(&pi, NULL, out, 0, NULL)) {
        exit(1);
    }
}

static struct glyph_image *decode_ours(struct glyph_ctx *ctx, const uint8_t *png, size_t len)
{
    struct glyph_image *img = NULL;
    if (glyph_image_decode_memory(ctx, png, len, &img) != 0) {
        exit(1);
    }
    return img;
}

static void convert(struct glyph_ctx *ctx, const struct glyph_image *img)
{
    struct glyph_convert_opts o;
    glyph_convert_opts_init(&o, glyph_pixfmt_find("RGB565"));
    o.dither = GLYPH_DITHER_FS;
    struct glyph_pixels *px = NULL;
    if (glyph_image_convert(ctx, img, &o, &px) != 0) {
        exit(1);
    }
    glyph_pixels_destroy(px);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 9;
    const char *mode = argc > 2 ? argv[2] : "all";
    if (reps < 1 || reps > 1000) {
        reps = 9;
    }
    size_t len = 0;
    uint8_t *png = make_png(&len);
    uint8_t *buf = malloc((size_t)W * H * 4);
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    if (strcmp(mode, "setup") == 0) {
        // image generation and encoding only: the baseline to subtract
    } else if (strcmp(mode, "decode") == 0) {
        decode_libpng(png, len, buf);
    } else if (strcmp(mode, "full") == 0) {
        struct glyph_image *img = decode_ours(ctx, png, len);
        convert(ctx, img);
        glyph_image_destroy(img);
    } else if (strcmp(mode, "ours") == 0) {
        glyph_image_destroy(decode_ours(ctx, png, len));
    } else {
        double *td = malloc(sizeof(double) * (size_t)reps);
        double *tf = malloc(sizeof(double) * (size_t)reps);
        double *tc = malloc(sizeof(double) * (size_t)reps);
        decode_libpng(png, len, buf); // warm-up
        for (int i = 0; i < reps; i++) {
            double t0 = now();
            decode_libpng(png, len, buf);
            double t1 = now();
            struct glyph_image *img = decode_ours(ctx, png, len);
            double t2 = now();
            convert(ctx, img);
            double t3 = now();
            glyph_image_destroy(img);
            td[i] = t1 - t0;
            tf[i] = t3 - t1;
            tc[i] = t3 - t2;
        }
        double d = median(td, reps), f = median(tf, reps), c = median(tc, reps);
        printf("image: %dx%d RGBA PNG, %zu bytes; %d repetitions, medians\n", W, H, len, reps);
        printf("libpng decode alone:              %8.2f ms\n", d * 1e3);
        printf("glyph decode + RGB565 FS convert: %8.2f ms\n", f * 1e3);
        printf("  of which RGB565 FS convert:     %8.2f ms (%.1f ns/pixel)\n", c * 1e3,
               c * 1e9 / ((double)W * H));
        printf("ratio full/decode: %.3f; conversion adds %.1f %% to the decode (goal <= 50 %%)\n",
               f / d, 100.0 * c / d);
        free(td);
        free(tf);
        free(tc);
    }
    glyph_ctx_destroy(ctx);
    free(buf);
    free(png);
    return 0;
}
