// Kerning beyond the HarfBuzz comparison (test_kern_oracle): fallback
// chains keep fonts apart, a hostile GPOS gives a warning and the kern
// table's pairs, rounding, and the class builder reproducing every pair.
//
// usage: test_kern UPPER.ttf BROKEN_GPOS.ttf LEGACY.ttf (the fonts of
// kern/make_kern_fonts.py)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"
#include "glyph/kern.h"

#define LATIN "0x20-0x7E,0xA0-0x17F,0x391-0x3C9,0x410-0x44F"

static struct glyph_set *render(struct glyph_ctx *ctx, const char *const *paths, size_t n,
                                const char *chars, int kerning)
{
    struct glyph_font *fonts[4] = {NULL};
    struct glyph_charset *cs = glyph_charset_create(ctx);
    struct glyph_set *set = NULL;
    int ok = cs != NULL && glyph_charset_parse(cs, chars, NULL, 0) == 0;
    for (size_t i = 0; ok && i < n; i++) {
        ok = glyph_font_open_file(ctx, paths[i], 0, &fonts[i]) == 0;
    }
    struct glyph_render_opts ro = {.size_px = 24, .bpp = 2, .kerning = kerning};
    if (ok) {
        int err = glyph_set_render(ctx, fonts, n, cs, &ro, &set);
        CHECK(err == 0, "render %s: %s", paths[0], glyph_strerror(err));
    } else {
        CHECK(0, "cannot open %s", paths[0]);
    }
    for (size_t i = 0; i < n; i++) {
        glyph_font_destroy(fonts[i]);
    }
    glyph_charset_destroy(cs);
    return set;
}

// Fallback chain [A-Z subset of DejaVuSans, DejaVuSans]: pairs of two capitals
// are the subset's (the same values as DejaVuSans's), a capital next to a
// small letter has no pair (two fonts), small letters kern as in DejaVuSans.
static void test_kern_chain_keeps_fonts_apart(const char *upper)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const char *chain[2] = {upper, dejavu("DejaVuSans.ttf")};
    struct glyph_set *both = render(ctx, chain, 2, "0x20-0x7E", 1);
    struct glyph_set *sans = render(ctx, chain + 1, 1, "0x20-0x7E", 1);
    if (both == NULL || sans == NULL) {
        return;
    }
    size_t same = 0, cross = 0;
    for (size_t i = 0; i < glyph_set_kern_count(sans); i++) {
        const struct glyph_kern_pair *p = glyph_set_kern_pair(sans, i);
        unsigned fl = glyph_set_find(both, p->left)->font_index;
        unsigned fr = glyph_set_find(both, p->right)->font_index;
        int32_t v = glyph_set_kern_find(both, p->left, p->right);
        if (fl != fr) {
            CHECK(v == 0, "U+%04X (font %u) U+%04X (font %u): pair across fonts (%d)", p->left, fl,
                  p->right, fr, v);
            cross++;
        } else {
            CHECK(v == p->adjust, "U+%04X U+%04X: %d in the chain, %d alone", p->left, p->right, v,
                  p->adjust);
            same++;
        }
    }
    for (size_t i = 0; i < glyph_set_kern_count(both); i++) {
        const struct glyph_kern_pair *p = glyph_set_kern_pair(both, i);
        CHECK(glyph_set_find(both, p->left)->font_index ==
                  glyph_set_find(both, p->right)->font_index,
              "U+%04X U+%04X: pair across fonts", p->left, p->right);
    }
    CHECK(same > 50 && cross > 10, "%zu pairs within a font, %zu across: too few to prove it", same,
          cross);
    CHECK(glyph_set_find(both, 'A')->font_index == 0 && glyph_set_find(both, 'v')->font_index == 1,
          "chain did not split as planned");
    CHECK(glyph_set_kern_find(sans, 'A', 'v') != 0 && glyph_set_kern_find(both, 'A', 'v') == 0,
          "A v: %d alone, %d across fonts", glyph_set_kern_find(sans, 'A', 'v'),
          glyph_set_kern_find(both, 'A', 'v'));
    glyph_set_destroy(both);
    glyph_set_destroy(sans);
    glyph_ctx_destroy(ctx);
}

// A GPOS whose coverage offset points past the table: one warning naming
// GPOS, and the legacy kern table's pairs (those of the same font without
// GPOS).
static void test_kern_broken_gpos_warns_and_uses_kern_table(const char *broken, const char *legacy)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct log_capture lc = {.last = ""};
    glyph_ctx_set_log(ctx, capture_log, &lc, GLYPH_LOG_WARN);
    struct glyph_set *b = render(ctx, &broken, 1, LATIN, 1);
    CHECK(lc.count[GLYPH_LOG_WARN] == 2, "%d warnings", lc.count[GLYPH_LOG_WARN]); // + U+03A2
    glyph_ctx_set_log(ctx, NULL, NULL, GLYPH_LOG_WARN);
    struct glyph_set *l = render(ctx, &legacy, 1, LATIN, 1);
    if (b == NULL || l == NULL) {
        return;
    }
    CHECK(glyph_set_kern_count(b) == glyph_set_kern_count(l) && glyph_set_kern_count(l) > 1000,
          "%zu pairs, %zu from the kern table alone", glyph_set_kern_count(b),
          glyph_set_kern_count(l));
    for (size_t i = 0; i < glyph_set_kern_count(l) && i < glyph_set_kern_count(b); i++) {
        const struct glyph_kern_pair *p = glyph_set_kern_pair(b, i), *q = glyph_set_kern_pair(l, i);
        CHECK(p->left == q->left && p->right == q->right && p->adjust == q->adjust,
              "pair %zu differs", i);
    }
    glyph_set_destroy(b);
    glyph_set_destroy(l);
    glyph_ctx_destroy(ctx);
}

static void test_kern_off_by_default(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const char *sans = dejavu("DejaVuSans.ttf");
    struct glyph_set *set = render(ctx, &sans, 1, "0x20-0x7E", 0);
    CHECK(set != NULL && glyph_set_kern_count(set) == 0, "pairs without kerning asked for");
    CHECK(set != NULL && glyph_set_kern_pair(set, 0) == NULL, "pair 0 of none");
    glyph_set_destroy(set);
    glyph_ctx_destroy(ctx);
}

static void test_kern_round_half_away_from_zero(void)
{
    static const struct {
        int32_t adjust;
        uint32_t unit;
        int32_t want;
    } cases[] = {
        {32, 1, 1},     {31, 1, 0},     {-32, 1, -1}, {-31, 1, 0},
        {-96, 1, -2},   {2, 16, 1},     {1, 16, 0},   {-2, 16, -1},
        {-64, 16, -16}, {100, 64, 100}, {-1, 64, -1}, {INT32_MIN, 1, INT32_MIN / 64},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int32_t got = glyph_kern_round(cases[i].adjust, cases[i].unit);
        CHECK(got == cases[i].want, "round(%d, unit %u) = %d, want %d", cases[i].adjust,
              cases[i].unit, got, cases[i].want);
    }
}

// Every glyph pair's matrix cell is its pair's rounded adjust (0 without a
// pair), at several units; fewer classes than glyphs.
static void check_classes(const struct glyph_set *set, uint32_t unit)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_kern_classes *kc = NULL;
    int err = glyph_kern_classes_create(ctx, set, unit, &kc);
    CHECK(err == 0, "classes at unit %u: %s", unit, glyph_strerror(err));
    if (err != 0) {
        glyph_ctx_destroy(ctx);
        return;
    }
    size_t n = glyph_set_count(set), bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = glyph_set_glyph(set, i)->codepoint;
        uint16_t l = glyph_kern_classes_left(kc, a);
        for (size_t k = 0; k < n; k++) {
            uint32_t b = glyph_set_glyph(set, k)->codepoint;
            int32_t want = glyph_kern_round(glyph_set_kern_find(set, a, b), unit);
            int32_t got = kc->values[l * kc->right_count + glyph_kern_classes_right(kc, b)];
            if (got != want && ++bad < 10) {
                CHECK(0, "unit %u: U+%04X U+%04X: class value %d, pair %d", unit, a, b, got, want);
            }
        }
    }
    for (size_t r = 0; r < kc->right_count; r++) {
        CHECK(kc->values[r] == 0, "row 0 not 0");
    }
    for (size_t l = 0; l < kc->left_count; l++) {
        CHECK(kc->values[l * kc->right_count] == 0, "column 0 not 0");
    }
    CHECK(kc->left_count < kc->nleft && kc->right_count < kc->nright,
          "unit %u: %zu left classes for %zu glyphs, %zu right for %zu", unit, kc->left_count,
          kc->nleft, kc->right_count, kc->nright);
    printf("unit %u: %zu pairs, %zu x %zu classes (%zu and %zu glyphs)\n", unit,
           glyph_set_kern_count(set), kc->left_count, kc->right_count, kc->nleft, kc->nright);
    glyph_kern_classes_destroy(kc);
    glyph_ctx_destroy(ctx);
}

static void test_kern_classes_reproduce_pairs(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const char *sans = dejavu("DejaVuSans.ttf");
    struct glyph_set *set = render(ctx, &sans, 1, LATIN, 1);
    if (set == NULL) {
        return;
    }
    check_classes(set, 1);
    check_classes(set, 16);
    check_classes(set, 64);
    struct glyph_kern_classes *kc = (struct glyph_kern_classes *)1;
    CHECK(glyph_kern_classes_create(ctx, set, 0, &kc) == GLYPH_ERR_INVALID_ARG && kc == NULL,
          "unit 0 accepted");
    CHECK(glyph_kern_classes_create(ctx, set, 65, &kc) == GLYPH_ERR_INVALID_ARG, "unit 65");
    struct glyph_kern_pair unsorted[2] = {{'B', 'A', 64}, {'A', 'B', 64}};
    CHECK(glyph_kern_classes_create_pairs(ctx, unsorted, 2, 1, &kc) == GLYPH_ERR_INVALID_ARG,
          "unsorted pairs accepted");
    CHECK(glyph_kern_classes_create_pairs(ctx, NULL, 0, 1, &kc) == 0 && kc->left_count == 1 &&
              kc->right_count == 1 && kc->values[0] == 0,
          "no pairs: one empty class each");
    glyph_kern_classes_destroy(kc);
    glyph_kern_classes_destroy(NULL);
    glyph_set_destroy(set);
    glyph_ctx_destroy(ctx);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s UPPER.ttf BROKEN_GPOS.ttf LEGACY.ttf\n", argv[0]);
        return 2;
    }
    test_kern_chain_keeps_fonts_apart(argv[1]);
    test_kern_broken_gpos_warns_and_uses_kern_table(argv[2], argv[3]);
    test_kern_off_by_default();
    test_kern_round_half_away_from_zero();
    test_kern_classes_reproduce_pairs();
    return check_status();
}
