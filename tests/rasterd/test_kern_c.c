// Compiled with glyphpack --kerning's C output for DejaVuSans (generated at
// build time, warnings as errors; KERN_HEADER names its header, KERN_FN its
// lookup function, KERN_FONT the font object): for every ordered pair of the
// font's code points, the generated KERN_FN(left, right) must be what
// HarfBuzz gives when it shapes the two characters at the same size (kern
// feature on minus off), rounded to whole pixels (half away from zero),
// and the binary font of the same options (its kern block, read here per
// docs/font-bin-format.md) must give the same value.
// FreeType's and HarfBuzz's fixed-point scaling may differ by 1/64 px, so a
// value one step from a rounding boundary may round either way. Pairs of two
// scripts must be 0 (a shaper puts them in two runs).
//
// usage: test_kern_c FONT.ttf SIZE GENERATED.c pairs|classes FONT.bin
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "../common/check.h"

#include KERN_HEADER

static uint8_t bin[1 << 22];
static size_t bin_len;

static unsigned le(size_t off, unsigned n)
{
    unsigned v = 0;
    for (unsigned i = 0; i < n && off + i < bin_len; i++) {
        v |= (unsigned)bin[off + i] << (8 * i);
    }
    return v;
}

static int sext(unsigned v, unsigned bytes)
{
    return bytes == 1 ? (int)(int8_t)v : (int)(int16_t)v;
}

// The binary font's kerning between glyph indices l and r.
static int bin_kern(size_t l, size_t r, size_t nglyphs)
{
    if (le(4, 2) != 2 || !(le(11, 1) & 4)) {
        return -9999; // no kern block
    }
    size_t k = le(56, 4);
    unsigned kind = le(k, 1), vb = le(k + 1, 1), cb = le(k + 2, 1);
    size_t npairs = le(k + 4, 4), nright = le(k + 10, 2), at = k + 12;
    if (kind == 1) {
        for (size_t i = 0; i < npairs; i++, at += 4 + vb) {
            if (le(at, 2) == l && le(at + 2, 2) == r) {
                return sext(le(at + 4, vb), vb);
            }
        }
        return 0;
    }
    size_t lc = le(at + l * cb, cb), rc = le(at + (nglyphs + r) * cb, cb);
    return sext(le(at + 2 * nglyphs * cb + (lc * nright + rc) * vb, vb), vb);
}

static int round_px(int v)
{
    return v >= 0 ? (v + 32) / 64 : -((-v + 32) / 64);
}

static int is_common(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

// Where HarfBuzz puts the second glyph of "ab" (26.6), kern on or off; 1 in
// *ok when its glyphs are the cmap's.
static int hb_second_x(hb_font_t *font, uint32_t a, uint32_t b, int kern, int *ok)
{
    static const char *const off[] = {"-liga", "-clig", "-calt", "-ccmp", "-locl", "-rlig",
                                      "-rclt", "-mark", "-mkmk", "-dist", "-curs", "-kern"};
    hb_feature_t f[sizeof(off) / sizeof(off[0])];
    for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
        hb_feature_from_string(off[i], -1, &f[i]);
    }
    f[sizeof(off) / sizeof(off[0]) - 1].value = kern ? 1 : 0;
    hb_codepoint_t ga = 0, gb = 0;
    hb_font_get_nominal_glyph(font, a, &ga);
    hb_font_get_nominal_glyph(font, b, &gb);
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t text[2] = {a, b};
    hb_buffer_add_utf32(buf, text, 2, 0, 2);
    hb_buffer_set_language(buf, hb_language_from_string("und", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, f, sizeof(off) / sizeof(off[0]));
    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    *ok = n == 2 && info[0].codepoint == ga && info[1].codepoint == gb &&
          hb_buffer_get_direction(buf) == HB_DIRECTION_LTR;
    int v = *ok ? pos[0].x_advance + pos[1].x_offset : 0;
    hb_buffer_destroy(buf);
    return v;
}

// HarfBuzz's kerning of "ab" in 26.6 (kern on minus off: mark positioning
// cancels out); 1 in *ok when its glyphs are the cmap's.
static int hb_kern(hb_font_t *font, uint32_t a, uint32_t b, int *ok)
{
    int ok_off = 0, on = hb_second_x(font, a, b, 1, ok), off = hb_second_x(font, a, b, 0, &ok_off);
    *ok = *ok && ok_off;
    return on - off;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s FONT.ttf SIZE GENERATED.c pairs|classes FONT.bin\n", argv[0]);
        return 2;
    }
    FILE *bf = fopen(argv[5], "rb");
    bin_len = bf != NULL ? fread(bin, 1, sizeof(bin), bf) : 0;
    if (bf != NULL) {
        fclose(bf);
    }
    int size = atoi(argv[2]);
    FILE *src = fopen(argv[3], "rb");
    static char text[1 << 22];
    size_t len = src != NULL ? fread(text, 1, sizeof(text) - 1, src) : 0;
    if (src != NULL) {
        fclose(src);
    }
    text[len] = '\0';
    const char *want = strcmp(argv[4], "pairs") == 0 ? "_kern_keys[" : "_kern_left[";
    CHECK(strstr(text, want) != NULL, "%s: no %s: kerning not stored as %s", argv[3], want,
          argv[4]);
    hb_blob_t *blob = hb_blob_create_from_file(argv[1]);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_font_set_scale(font, size * 64, size * 64);
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    size_t checked = 0, nonzero = 0, mismatches = 0;
    const struct rasterd_font *f = &KERN_FONT;
    for (size_t i = 0; i < f->range_count; i++) {
        for (uint32_t a = f->ranges[i].first; a - f->ranges[i].first < f->ranges[i].count; a++) {
            for (size_t k = 0; k < f->range_count; k++) {
                for (uint32_t b = f->ranges[k].first; b - f->ranges[k].first < f->ranges[k].count;
                     b++) {
                    int ours = KERN_FN(a, b), ok;
                    size_t ia = (size_t)(rasterd_font_find(f, a) - f->glyphs);
                    size_t ib = (size_t)(rasterd_font_find(f, b) - f->glyphs);
                    int from_bin = bin_kern(ia, ib, f->glyph_count);
                    if (from_bin != ours && mismatches++ < 20) {
                        fprintf(stderr, "U+%04X U+%04X: C %d px, binary %d px\n", a, b, ours,
                                from_bin);
                    }
                    hb_script_t sa = hb_unicode_script(uf, a), sb = hb_unicode_script(uf, b);
                    int mixed = !is_common(sa) && !is_common(sb) && sa != sb;
                    int theirs = mixed ? 0 : hb_kern(font, a, b, &ok);
                    if (!mixed && !ok) {
                        continue;
                    }
                    checked++;
                    nonzero += ours != 0;
                    if (ours != round_px(theirs) && ours != round_px(theirs - 1) &&
                        ours != round_px(theirs + 1) && mismatches++ < 20) {
                        fprintf(stderr, "U+%04X U+%04X: generated %d px, HarfBuzz %d/64 px\n", a, b,
                                ours, theirs);
                    }
                }
            }
        }
    }
    printf("%zu pairs compared, %zu kerned, %zu differ\n", checked, nonzero, mismatches);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    CHECK(mismatches == 0, "%zu pairs differ", mismatches);
    CHECK(nonzero >= 100, "only %zu pairs kerned: too few to prove anything", nonzero);
    return check_status();
}
