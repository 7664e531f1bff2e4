// Benchmark (not a test): rendering DejaVuSans set B (0x20-0x7E, 0xA0-0x17F,
// 0x370-0x3FF, 0x400-0x4FF) at 16 and 48 px, 4 bpp, with bare FreeType
// (FT_Set_Pixel_Sizes, FT_Get_Char_Index, FT_Load_Glyph, FT_Render_Glyph and
// nothing else) and with libglyph (glyph_set_render + glyph_fontpack_create:
// quantization, packing and deduplication included), interleaved in one
// process. Fonts are opened once, outside the timed part. With --kerning, a
// third lane renders the same set with glyph_render_opts.kerning (GPOS or
// kern table read, pairs of every selected glyph) to show what kerning costs.
// See README.md.
//
// usage: bench_fonts [font.ttf] [repetitions] [--only=bare|libglyph] [--size=PX] [--kerning]
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/font.h"
#include "glyph/fontpack.h"
#include "glyph/glyphset.h"

static const uint32_t set_b[][2] = {{0x20, 0x7E}, {0xA0, 0x17F}, {0x370, 0x3FF}, {0x400, 0x4FF}};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// One pass with bare FreeType; returns a checksum so nothing is optimized out.
__attribute__((noinline)) unsigned long bench_bare_once(FT_Face face, unsigned size);
unsigned long bench_bare_once(FT_Face face, unsigned size)
{
    unsigned long sum = 0;
    if (FT_Set_Pixel_Sizes(face, size, size) != 0) {
        return 0;
    }
    for (size_t r = 0; r < 4; r++) {
        for (uint32_t cp = set_b[r][0]; cp <= set_b[r][1]; cp++) {
            FT_UInt gid = FT_Get_Char_Index(face, cp);
            if (gid == 0 || FT_Load_Glyph(face, gid, FT_LOAD_DEFAULT) != 0 ||
                FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
                continue;
            }
            sum += face->glyph->bitmap.rows * face->glyph->bitmap.width;
        }
    }
    return sum;
}

// One pass with libglyph: glyph set and 4-bpp packed font.
__attribute__((noinline)) unsigned long bench_libglyph_once(struct glyph_ctx *ctx,
                                                            struct glyph_font *font,
                                                            const struct glyph_charset *cs,
                                                            unsigned size, int kerning);
unsigned long bench_libglyph_once(struct glyph_ctx *ctx, struct glyph_font *font,
                                  const struct glyph_charset *cs, unsigned size, int kerning)
{
    struct glyph_render_opts ro = {.size_px = size, .bpp = 4, .kerning = kerning};
    struct glyph_fontpack_opts po = {.fmt = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                     .cell = 0};
    struct glyph_set *set = NULL;
    struct glyph_fontpack *pack = NULL;
    unsigned long sum = 0;
    int err = glyph_set_render(ctx, &font, 1, cs, &ro, &set);
    if (err == 0) {
        err = glyph_fontpack_create(ctx, set, &po, &pack);
    }
    if (err != 0) {
        fprintf(stderr, "libglyph: %s\n", glyph_strerror(err));
        exit(1);
    }
    sum = pack->data_len + pack->kern_count;
    glyph_fontpack_destroy(pack);
    glyph_set_destroy(set);
    return sum;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int kerning_lane; // --kerning

static void run_size(FT_Face face, struct glyph_ctx *ctx, struct glyph_font *font,
                     const struct glyph_charset *cs, unsigned size, int reps, const char *only)
{
    double *tb = calloc((size_t)reps, sizeof(double)), *tl = calloc((size_t)reps, sizeof(double));
    double *tk = calloc((size_t)reps, sizeof(double));
    unsigned long sink = 0;
    int do_bare = only == NULL || strcmp(only, "bare") == 0;
    int do_lib = only == NULL || strcmp(only, "libglyph") == 0;
    for (int i = -1; i < reps; i++) { // i == -1: warm-up, not counted
        double t0 = now();
        if (do_bare) {
            sink += bench_bare_once(face, size);
        }
        double t1 = now();
        if (do_lib) {
            sink += bench_libglyph_once(ctx, font, cs, size, 0);
        }
        double t2 = now();
        if (do_lib && kerning_lane) {
            sink += bench_libglyph_once(ctx, font, cs, size, 1);
        }
        double t3 = now();
        if (i >= 0) {
            tb[i] = t1 - t0;
            tl[i] = t2 - t1;
            tk[i] = t3 - t2;
        }
    }
    qsort(tb, (size_t)reps, sizeof(double), cmp_double);
    qsort(tl, (size_t)reps, sizeof(double), cmp_double);
    qsort(tk, (size_t)reps, sizeof(double), cmp_double);
    double mb = tb[reps / 2], ml = tl[reps / 2];
    printf("%3u px  bare FreeType  median %8.3f ms  min %8.3f ms\n", size, mb * 1e3, tb[0] * 1e3);
    printf("%3u px  libglyph       median %8.3f ms  min %8.3f ms\n", size, ml * 1e3, tl[0] * 1e3);
    if (do_bare && do_lib) {
        printf("%3u px  ratio libglyph/bare: median %.3f  min %.3f\n", size, ml / mb,
               tl[0] / tb[0]);
    }
    if (do_lib && kerning_lane) {
        printf("%3u px  libglyph+kern  median %8.3f ms  min %8.3f ms  (kerning: +%.3f ms, "
               "x%.3f)\n",
               size, tk[reps / 2] * 1e3, tk[0] * 1e3, (tk[reps / 2] - ml) * 1e3, tk[reps / 2] / ml);
    }
    printf("(checksum %lu)\n", sink);
    free(tb);
    free(tl);
    free(tk);
}

int main(int argc, char **argv)
{
    const char *path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const char *only = NULL;
    int reps = 21, npos = 0;
    unsigned one_size = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--only=", 7) == 0) {
            only = argv[i] + 7;
        } else if (strcmp(argv[i], "--kerning") == 0) {
            kerning_lane = 1;
        } else if (strncmp(argv[i], "--size=", 7) == 0) {
            one_size = (unsigned)atoi(argv[i] + 7);
        } else if (npos++ == 0) {
            path = argv[i];
        } else {
            reps = atoi(argv[i]);
        }
    }
    if (reps < 1) {
        reps = 1;
    }
    FT_Library lib;
    FT_Face face;
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_font *font = NULL;
    struct glyph_charset *cs = ctx ? glyph_charset_create(ctx) : NULL;
    if (cs == NULL || FT_Init_FreeType(&lib) != 0 || FT_New_Face(lib, path, 0, &face) != 0 ||
        glyph_font_open_file(ctx, path, 0, &font) != 0) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    for (size_t r = 0; r < 4; r++) {
        if (glyph_charset_add_range(cs, set_b[r][0], set_b[r][1]) != 0) {
            return 1;
        }
    }
    printf("%s, set B (%zu code points), 4 bpp, %d repetitions\n", path, glyph_charset_count(cs),
           reps);
    if (one_size != 0) {
        run_size(face, ctx, font, cs, one_size, reps, only);
    } else {
        run_size(face, ctx, font, cs, 16, reps, only);
        run_size(face, ctx, font, cs, 48, reps, only);
    }
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return 0;
}
