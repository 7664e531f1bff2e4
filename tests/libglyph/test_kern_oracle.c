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

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

static const char *const features_off[] = {
    "-liga", "-clig", "-calt", "-ccmp", "-locl", "-rlig", "-rclt", "-mark",
    "-mkmk", "-dist", "-abvm", "-blwm", "-curs", "-rvrn", "+kern", // last: on, then off
};
#define NFEATURES (sizeof(features_off) / sizeof(features_off[0]))

static int is_common(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

struct oracle {
    hb_font_t *font;
    hb_feature_t features[NFEATURES];
    hb_unicode_funcs_t *uf;
};

// Where the shaper puts the second glyph of "ab" (26.6), kern feature on or
// off; INT32_MIN when its glyphs are not ga, gb.
static int32_t hb_second_x(struct oracle *o, uint32_t a, uint32_t b, hb_codepoint_t ga,
                           hb_codepoint_t gb, int kern)
{
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t text[2] = {a, b};
    hb_buffer_add_utf32(buf, text, 2, 0, 2);
    hb_buffer_set_language(buf, hb_language_from_string("und", -1));
    hb_buffer_guess_segment_properties(buf);
    o->features[NFEATURES - 1].value = kern ? 1 : 0;
    hb_shape(o->font, buf, o->features, NFEATURES);
    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    int32_t r = INT32_MIN;
    if (n == 2 && info[0].codepoint == ga && info[1].codepoint == gb &&
        hb_buffer_get_direction(buf) == HB_DIRECTION_LTR) {
        r = pos[0].x_advance + pos[1].x_offset;
    }
    hb_buffer_destroy(buf);
    return r;
}

// The shaper's kerning of "ab" in 26.6, or INT32_MIN when its glyphs are not
// ga, gb.
static int32_t hb_kern(struct oracle *o, uint32_t a, uint32_t b, hb_codepoint_t ga,
                       hb_codepoint_t gb)
{
    int32_t on = hb_second_x(o, a, b, ga, gb, 1), off = hb_second_x(o, a, b, ga, gb, 0);
    return on == INT32_MIN || off == INT32_MIN ? INT32_MIN : on - off;
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
    struct oracle o;
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    o.font = hb_font_create(face);
    o.uf = hb_unicode_funcs_get_default();
    hb_font_set_scale(o.font, (int)size * 64, (int)size * 64);
    for (size_t i = 0; i < NFEATURES; i++) {
        hb_feature_from_string(features_off[i], -1, &o.features[i]);
    }
    size_t n = glyph_set_count(set), mismatches = 0, checked = 0, skipped = 0, kerned = 0,
           mixed = 0;
    for (size_t i = 1; i < glyph_set_kern_count(set); i++) {
        const struct glyph_kern_pair *p = glyph_set_kern_pair(set, i - 1), *q = p + 1;
        CHECK(p->left < q->left || (p->left == q->left && p->right < q->right),
              "pairs not sorted at %zu", i);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t a = glyph_set_glyph(set, i)->codepoint;
        hb_codepoint_t ga = 0, gb = 0;
        hb_font_get_nominal_glyph(o.font, a, &ga);
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
            hb_font_get_nominal_glyph(o.font, b, &gb);
            int32_t theirs = hb_kern(&o, a, b, ga, gb);
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
    hb_font_destroy(o.font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
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
