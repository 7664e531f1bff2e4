// The oracle's frame: a canvas blended with the rule the EVE programming
// guide gives for BLEND_FUNC(SRC_ALPHA, ONE_MINUS_SRC_ALPHA), in 8-bit
// fixed point rounded to nearest.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

int oracle_canvas_init(struct oracle_canvas *c, unsigned w, unsigned h, const uint8_t bg[3])
{
    c->width = w;
    c->height = h;
    c->rgba = malloc((size_t)w * h * 4);
    if (c->rgba == NULL) {
        return -1;
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        memcpy(c->rgba + 4 * i, bg, 3);
        c->rgba[4 * i + 3] = 0;
    }
    return 0;
}

void oracle_canvas_finish(struct oracle_canvas *c)
{
    free(c->rgba);
    c->rgba = NULL;
}

void oracle_canvas_blend(struct oracle_canvas *c, int x, int y, const uint8_t rgb[3], unsigned a)
{
    if (x < 0 || y < 0 || (unsigned)x >= c->width || (unsigned)y >= c->height) {
        return;
    }
    uint8_t *p = c->rgba + 4 * ((size_t)y * c->width + (size_t)x);
    for (int k = 0; k < 3; k++) {
        p[k] = (uint8_t)((rgb[k] * a + p[k] * (255u - a) + 127u) / 255u);
    }
    p[3] = (uint8_t)((a * a + p[3] * (255u - a) + 127u) / 255u);
}

unsigned oracle_canvas_compare(const struct oracle_canvas *c, const uint8_t *frame, unsigned tol,
                               const char *what)
{
    unsigned bad = 0;
    for (unsigned y = 0; y < c->height; y++) {
        for (unsigned x = 0; x < c->width; x++) {
            const uint8_t *want = c->rgba + 4 * ((size_t)y * c->width + x);
            const uint8_t *got = frame + 3 * ((size_t)y * c->width + x);
            int off = 0;
            for (int k = 0; k < 3; k++) {
                int d = (int)got[k] - (int)want[k];
                off |= d > (int)tol || d < -(int)tol;
            }
            if (off && bad++ < 5) {
                fprintf(stderr, "%s: pixel (%u, %u) is %u,%u,%u, want %u,%u,%u\n", what, x, y,
                        got[0], got[1], got[2], want[0], want[1], want[2]);
            }
        }
    }
    return bad;
}

double oracle_canvas_psnr(const struct oracle_canvas *c, const uint8_t *frame, int x, int y,
                          unsigned w, unsigned h)
{
    double sum = 0;
    size_t n = 0;
    for (unsigned v = 0; v < h; v++) {
        for (unsigned u = 0; u < w; u++) {
            int px = x + (int)u, py = y + (int)v;
            if (px < 0 || py < 0 || (unsigned)px >= c->width || (unsigned)py >= c->height) {
                continue;
            }
            size_t i = (size_t)py * c->width + (size_t)px;
            for (int k = 0; k < 3; k++) {
                double d = (double)frame[3 * i + (size_t)k] - c->rgba[4 * i + (size_t)k];
                sum += d * d;
            }
            n += 3;
        }
    }
    double mse = n > 0 ? sum / (double)n : 0;
    return mse == 0 ? 99.0 : 10.0 * log10(255.0 * 255.0 / mse);
}
