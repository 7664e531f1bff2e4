// Kerning against HarfBuzz. For every ordered pair of the selected code
// points, HarfBuzz shapes the two-character string (script guessed from the
// text, as a shaper's run gets it; GSUB and mark features off) at the same
// em size with the kern feature on and off, and how far kerning moves the
// second glyph (where it lands: the first glyph's advance plus the second's
// offset, kern on minus kern off; mark positioning cancels out) must equal
// the pair's adjust within 1/64 px (HarfBuzz and FreeType scale font
// units with slightly different fixed-point steps). Pairs whose two code
// points have different scripts must have no pair (a shaper itemizes them
// into two runs). Pairs where HarfBuzz's glyphs are not the cmap's (default
// ignorables it hides) are skipped and counted.
//
// usage: test_kern_oracle FONT SIZE CHARS [FONT SIZE CHARS]...
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hb.h>

#include "../common/hb_kern.h"
#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

static int is_common(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

static int check_font(const char *path, unsigned size, const char *chars)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_font *font = NULL;
    struct glyph_charset *cs = glyph_charset_create(ctx);
    struct glyph_set *set = NULL;
    if (glyph_font_open_file(ctx, path, 0, &font) != 0 || glyph_charset_parse(cs, chars, NULL, 0)) {
        fprintf(stderr, "setup failed: %s\n", path);
        return 1;
    }
    struct glyph_render_opts ro = {.size_px = size, .bpp = 4, .kerning = 1};
    int err = glyph_set_render(ctx, &font, 1, cs, &ro, &set);
    CHECK(err == 0, "%s: render: %s", path, glyph_strerror(err));
    if (err != 0) {
        return 1;
    }
    struct hb_kern_oracle o;
    hb_kern_oracle_open(&o, path, size);
    size_t n = glyph_set_count(set), mismatches = 0, checked = 0, skipped = 0, kerned = 0,
           mixed = 0;
    for (size_t i = 1; i < glyph_set_kern_count(set); i++) {
        const struct glyph_kern_pair *p = glyph_set_kern_pair(set, i - 1), *q = p + 1;
        CHECK(p->left < q->left || (p->left == q->left && p->right < q->right),
              "pairs not sorted at %zu", i);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t a = glyph_set_glyph(set, i)->codepoint;
        hb_script_t sa = hb_unicode_script(o.uf, a);
        for (size_t k = 0; k < n; k++) {
            uint32_t b = glyph_set_glyph(set, k)->codepoint;
            hb_script_t sb = hb_unicode_script(o.uf, b);
            int32_t ours = glyph_set_kern_find(set, a, b);
            kerned += ours != 0;
            if (!is_common(sa) && !is_common(sb) && sa != sb) {
                CHECK(ours == 0, "U+%04X U+%04X: two scripts, but adjust %d", a, b, ours);
                mixed++;
                continue;
            }
            int32_t theirs = hb_kern_oracle_26_6(&o, a, b);
            if (theirs == INT32_MIN) {
                skipped++;
                continue;
            }
            checked++;
            if (abs(ours - theirs) > 1 && ++mismatches <= 20) {
                CHECK(0, "%s %u px: U+%04X U+%04X: ours %d, HarfBuzz %d", path, size, a, b, ours,
                      theirs);
            }
        }
    }
    CHECK(mismatches == 0, "%s: %zu pairs differ from HarfBuzz", path, mismatches);
    printf("%s %u px: %zu glyphs, %zu pairs kerned, %zu compared with HarfBuzz, %zu skipped "
           "(hidden glyphs), %zu across scripts\n",
           path, size, n, glyph_set_kern_count(set), checked, skipped, mixed);
    CHECK(kerned == glyph_set_kern_count(set), "%zu pairs found, %zu in the set", kerned,
          glyph_set_kern_count(set));
    CHECK(glyph_set_kern_count(set) > 100, "%s: too few pairs to prove anything", path);
    CHECK(skipped * 50 <= checked, "%s: %zu of %zu pairs skipped", path, skipped, checked);
    hb_kern_oracle_close(&o);
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (argc - 1) % 3 != 0) {
        fprintf(stderr, "usage: %s FONT SIZE CHARS...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i + 2 < argc; i += 3) {
        check_font(argv[i], (unsigned)atoi(argv[i + 1]), argv[i + 2]);
    }
    return check_status();
}
