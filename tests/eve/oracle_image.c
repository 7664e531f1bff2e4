// The oracle for images: the source PNG decoded by libpng and converted by
// the rules of docs/image-formats.md section 3 (alpha, grey, reduction,
// Floyd-Steinberg dithering), then expanded back to the value the display
// shows. Written from that page, not from libglyph.
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

uint8_t *oracle_png_load(const char *path, unsigned *w, unsigned *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path)) {
        fprintf(stderr, "oracle: %s: %s\n", path, img.message);
        return NULL;
    }
    img.format = PNG_FORMAT_RGBA;
    uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
    if (px == NULL || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "oracle: %s: cannot decode\n", path);
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = img.width;
    *h = img.height;
    return px;
}

// Channel bits of the EVE formats (R, G, B, A; grey formats use slot 0).
struct fmt {
    unsigned code;
    unsigned bits[4];
    int grey, alpha;
};

static const struct fmt fmts[] = {
    {0, {5, 5, 5, 1}, 0, 1},  // ARGB1555
    {1, {1, 0, 0, 0}, 1, 0},  // L1
    {2, {4, 0, 0, 0}, 1, 0},  // L4
    {3, {8, 0, 0, 0}, 1, 0},  // L8
    {4, {3, 3, 2, 0}, 0, 0},  // RGB332
    {5, {2, 2, 2, 2}, 0, 1},  // ARGB2
    {6, {4, 4, 4, 4}, 0, 1},  // ARGB4
    {7, {5, 6, 5, 0}, 0, 0},  // RGB565
    {17, {2, 0, 0, 0}, 1, 0}, // L2
    // Paletted formats holding the image's own colours (at most 256, so the
    // palette is exactly those colours: docs/image-formats.md), shown as
    // their entry format: RGB565 (no alpha, flattened), ARGB4, ARGB8.
    {14, {5, 6, 5, 0}, 0, 0}, // PALETTED565
    {15, {4, 4, 4, 4}, 0, 1}, // PALETTED4444
    {16, {8, 8, 8, 8}, 0, 1}, // PALETTED8
};

static unsigned reduce(unsigned c, unsigned bits)
{
    unsigned max = (1u << bits) - 1u;
    return (c * max + 127u) / 255u;
}

static unsigned expand(unsigned q, unsigned bits)
{
    unsigned max = (1u << bits) - 1u;
    return (q * 255u + max / 2u) / max;
}

// floor(a / 16) for negative a too.
static int floor16(int a)
{
    return a >= 0 ? a / 16 : -((-a + 15) / 16);
}

// One plane (w x h values 0..255) reduced to `bits` and expanded back, with
// or without serpentine Floyd-Steinberg (errors in sixteenths: 7 ahead;
// 3, 5, 1 below-behind, below, below-ahead).
static void reduce_plane(uint8_t *p, unsigned w, unsigned h, unsigned bits, int dither)
{
    if (bits == 8) {
        return;
    }
    int *err = calloc(2 * ((size_t)w + 2), sizeof *err);
    int *cur = err + 1, *next = err + w + 3;
    for (unsigned y = 0; y < h; y++) {
        int dir = (y % 2 == 0) ? 1 : -1;
        for (unsigned i = 0; i < w; i++) {
            int x = dir > 0 ? (int)i : (int)(w - 1 - i);
            uint8_t *c = p + (size_t)y * w + (size_t)x;
            int v = *c;
            if (dither) {
                v += floor16(cur[x] + 8);
                v = v < 0 ? 0 : v > 255 ? 255 : v;
            }
            unsigned q = reduce((unsigned)v, bits);
            int e = v - (int)expand(q, bits);
            *c = (uint8_t)expand(q, bits);
            if (dither) {
                cur[x + dir] += 7 * e; // index -1 and w are the spill slots
                next[x - dir] += 3 * e;
                next[x] += 5 * e;
                next[x + dir] += e;
            }
        }
        for (int k = -1; k <= (int)w; k++) {
            cur[k] = next[k];
            next[k] = 0;
        }
        cur[-1] = cur[w] = 0;
    }
    free(err);
}

static const struct fmt *find_fmt(unsigned code)
{
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        if (fmts[i].code == code) {
            return &fmts[i];
        }
    }
    return NULL;
}

uint8_t *oracle_image_shown(const uint8_t *rgba, unsigned w, unsigned h, unsigned format,
                            int dither)
{
    const struct fmt *f = find_fmt(format);
    size_t n = (size_t)w * h;
    uint8_t *plane = malloc(4 * n);
    uint8_t *out = malloc(4 * n);
    if (f == NULL || plane == NULL || out == NULL) {
        free(plane);
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const uint8_t *s = rgba + 4 * i;
        unsigned c[4] = {s[0], s[1], s[2], s[3]};
        if (!f->alpha) { // flattened onto black
            for (int k = 0; k < 3; k++) {
                c[k] = (c[k] * c[3] + 127u) / 255u;
            }
            c[3] = 255;
        }
        if (f->grey) {
            c[0] = (2126u * c[0] + 7152u * c[1] + 722u * c[2] + 5000u) / 10000u;
        }
        for (int k = 0; k < 4; k++) {
            plane[(size_t)k * n + i] = (uint8_t)c[k];
        }
    }
    int planes = f->grey ? 1 : 4;
    for (int k = 0; k < planes; k++) {
        unsigned bits = f->bits[k] != 0 ? f->bits[k] : 8;
        // Alpha is dithered only when it has fewer than 8 bits; colour
        // channels always (8-bit ones are untouched by reduce_plane).
        reduce_plane(plane + (size_t)k * n, w, h, bits, dither);
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t *o = out + 4 * i;
        if (f->grey) { // L formats: white, alpha = luminance
            o[0] = o[1] = o[2] = 255;
            o[3] = plane[i];
        } else {
            for (int k = 0; k < 3; k++) {
                o[k] = plane[(size_t)k * n + i];
            }
            o[3] = f->alpha ? plane[3 * n + i] : 255;
        }
    }
    free(plane);
    return out;
}

double oracle_rgba_psnr(const uint8_t *a, const uint8_t *b, unsigned w, unsigned h)
{
    double sum = 0;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        const uint8_t *p = a + 4 * i, *q = b + 4 * i;
        for (int k = 0; k < 4; k++) {
            double u = k < 3 ? p[k] * p[3] / 255.0 : p[3];
            double v = k < 3 ? q[k] * q[3] / 255.0 : q[3];
            sum += (u - v) * (u - v);
        }
    }
    double mse = sum / (4.0 * w * h);
    return mse == 0 ? 99.0 : 10.0 * log10(255.0 * 255.0 / mse);
}

void oracle_draw_image(struct oracle_canvas *c, const uint8_t *shown, unsigned w, unsigned h, int x,
                       int y)
{
    for (unsigned v = 0; v < h; v++) {
        for (unsigned u = 0; u < w; u++) {
            const uint8_t *p = shown + 4 * ((size_t)v * w + u);
            oracle_canvas_blend(c, x + (int)u, y + (int)v, p, p[3]);
        }
    }
}
