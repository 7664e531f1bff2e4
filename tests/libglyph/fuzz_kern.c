// Fuzz target: arbitrary bytes as a GPOS (optionally with a GDEF in front)
// or a legacy kern table, read by libglyph's kerning readers for 400
// selected glyphs (ids 1 to 400; every seventh a mark, mark attachment
// classes 0 to 2). Input: byte 0 selects: bit 7 a kern table; else bit 6: a
// GDEF of the length in bytes 1-2 (big-endian) comes first; bits 0-1 the
// script tags tried. The rest is the table. Any outcome but a crash, a
// sanitizer report, a leak or a run past the step budget is fine.
//
// As a test (built by meson): replays the files named on the command line,
// whole and cut short. Files named broken_*, range_* and ok_* (the hostile
// tables of kern/gen_kern_corpus.py) must give GLYPH_ERR_FONT_BROKEN,
// GLYPH_ERR_RANGE or success, each within 30 s
// (about 0.6 s optimized; 6 s in the -O0 ASan build). With libFuzzer,
// by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DGLYPH_LIBFUZZER"
//   INC="-Ilibglyph -Ilibglyph/include $(pkg-config --cflags freetype2 harfbuzz)"
//   LIBS="$(pkg-config --libs freetype2 libpng harfbuzz) -lm"
//   clang-14 $CF $INC tests/libglyph/fuzz_kern.c libglyph/*.c $LIBS -o /tmp/fuzz_kern
//   /tmp/fuzz_kern -max_len=70000 tests/libglyph/corpus/kern
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glyph/error.h"
#include "kern_internal.h"

#define NSEL 400u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fixture {
    uint16_t gid[NSEL];
    uint8_t gclass[NSEL];
    uint16_t mark_attach[NSEL];
    uint32_t index[65536];
    struct kern_sel sel;
};

static struct fixture *fixture(void)
{
    static struct fixture fx; // read-only after the first call
    if (fx.sel.n == 0) {
        for (uint32_t i = 0; i < NSEL; i++) {
            fx.gid[i] = (uint16_t)(i + 1);
            fx.gclass[i] = i % 7 == 6 ? KERN_CLASS_MARK : KERN_CLASS_BASE;
            fx.mark_attach[i] = (uint16_t)(i % 3);
            fx.index[i + 1] = i + 1;
        }
        fx.sel = (struct kern_sel){NSEL, fx.gid, fx.gclass, fx.mark_attach, fx.index, 65536};
    }
    return &fx;
}

static int read_gpos(struct kern_work *w, const uint8_t *p, size_t n, uint8_t sel,
                     const struct kern_sel *ks, struct kern_raw_list *out)
{
    static const uint32_t tags[][2] = {
        {0x6C61746E, 0}, {0x6379726C, 0}, {0x67726B20, 0x6C61746E}, {0, 0}};
    size_t glen = 0;
    struct kern_gdef gdef;
    if (sel & 0x40) {
        if (n < 2) {
            return 0;
        }
        glen = (size_t)p[0] << 8 | p[1];
        p += 2;
        n -= 2;
        glen = glen < n ? glen : n;
    }
    int err = kern_gdef_open(w, &gdef, p, glen);
    if (err < 0) {
        return err;
    }
    struct kern_gpos g;
    err = kern_gpos_open(w, &g, p + glen, n - glen);
    uint8_t *bits = calloc(8192, 1);
    int found = 0;
    if (err == 0 && bits == NULL) {
        err = GLYPH_ERR_NOMEM;
    }
    if (err == 0) {
        const uint32_t *t = tags[sel & 3];
        err = kern_gpos_kern_lookups(w, &g, t, t[0] == 0 ? 0 : t[1] == 0 ? 1 : 2, bits, &found);
    }
    for (size_t li = 0; err == 0 && li < 65536; li++) {
        if (bits[li >> 3] & 1u << (li & 7)) {
            err = kern_gpos_lookup_pairs(w, &g, &gdef, ks, (uint16_t)li, out);
        }
    }
    free(bits);
    return err;
}

static int run(const uint8_t *data, size_t size, uint64_t *steps)
{
    if (size < 1) {
        return 0;
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct kern_work w = {ctx, 0, KERN_MAX_STEPS, ""};
    struct kern_raw_list out = {NULL, 0, 0};
    const struct kern_sel *ks = &fixture()->sel;
    int err = data[0] & 0x80 ? kern_table_pairs(&w, data + 1, size - 1, ks, &out)
                             : read_gpos(&w, data + 1, size - 1, data[0], ks, &out);
    for (size_t i = 0; i < out.n; i++) {
        if (out.v[i].left >= NSEL || out.v[i].right >= NSEL || out.v[i].value == 0) {
            abort(); // a pair outside the selection, or a zero pair
        }
    }
    if (err < 0 && w.why[0] == '\0' && err != GLYPH_ERR_NOMEM) {
        abort(); // an error without a reason for the warning
    }
    free(out.v);
    glyph_ctx_destroy(ctx);
    *steps = w.steps;
    return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t steps;
    (void)run(data, size, &steps);
    return 0;
}

#ifndef GLYPH_LIBFUZZER
// The outcome a corpus file's name asks for, or 1 for none.
static int expected(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    if (strncmp(base, "broken_", 7) == 0) {
        return GLYPH_ERR_FONT_BROKEN;
    }
    if (strncmp(base, "range_", 6) == 0) {
        return GLYPH_ERR_RANGE;
    }
    return strncmp(base, "ok_", 3) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int failed = 0;
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (f == NULL) {
            fprintf(stderr, "cannot open %s\n", argv[a]);
            return 1;
        }
        uint8_t *buf = malloc(1 << 20);
        size_t n = fread(buf, 1, 1 << 20, f);
        fclose(f);
        struct timespec t0, t1;
        uint64_t steps;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int err = run(buf, n, &steps);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        int want = expected(argv[a]);
        printf("%s: %s, %llu steps, %.3f s\n", argv[a], glyph_strerror(err),
               (unsigned long long)steps, s);
        if ((want != 1 && err != want) || s > 30.0) {
            fprintf(stderr, "%s: expected %s\n", argv[a], glyph_strerror(want));
            failed = 1;
        }
        for (size_t cut = 1; cut < n; cut += cut < 64 ? 1 : n / 50 + 1) {
            (void)run(buf, cut, &steps); // truncated: anything but a crash
        }
        free(buf);
    }
    printf("replayed %d file(s)\n", argc - 1);
    return failed;
}
#endif
