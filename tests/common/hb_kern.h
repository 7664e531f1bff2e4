// HarfBuzz as the kerning oracle of the tests: how far the kern feature
// moves the second glyph of a two-character string, as a shaper's run of
// that text gets it (script guessed from the text, language "und", GSUB and
// mark features off so that the glyphs stay the cmap's). Include after
// <hb.h>; link harfbuzz_dep.
//
//   struct hb_kern_oracle o;
//   hb_kern_oracle_open(&o, "DejaVuSans.ttf", 16);   // 0, or -1
//   int32_t k = hb_kern_oracle_26_6(&o, 'A', 'V');    // 26.6, INT32_MIN: not comparable
//   hb_kern_oracle_close(&o);
#ifndef TESTS_COMMON_HB_KERN_H
#define TESTS_COMMON_HB_KERN_H

#include <stdint.h>

#include <hb.h>

static const char *const hb_kern_oracle_features[] = {
    "-liga", "-clig", "-calt", "-ccmp", "-locl", "-rlig", "-rclt", "-mark",
    "-mkmk", "-dist", "-abvm", "-blwm", "-curs", "-rvrn", "+kern", // last: on, then off
};
#define HB_KERN_ORACLE_NFEATURES (sizeof(hb_kern_oracle_features) / sizeof(char *))

struct hb_kern_oracle {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    hb_feature_t features[HB_KERN_ORACLE_NFEATURES];
    hb_unicode_funcs_t *uf;
};

// The font at `path` at em size `size` px (scale size * 64: 26.6 results).
static inline int hb_kern_oracle_open(struct hb_kern_oracle *o, const char *path, unsigned size)
{
    o->blob = hb_blob_create_from_file(path);
    o->face = hb_face_create(o->blob, 0);
    o->font = hb_font_create(o->face);
    o->uf = hb_unicode_funcs_get_default();
    hb_font_set_scale(o->font, (int)size * 64, (int)size * 64);
    for (unsigned i = 0; i < HB_KERN_ORACLE_NFEATURES; i++) {
        hb_feature_from_string(hb_kern_oracle_features[i], -1, &o->features[i]);
    }
    return hb_face_get_glyph_count(o->face) > 0 ? 0 : -1;
}

static inline void hb_kern_oracle_close(struct hb_kern_oracle *o)
{
    hb_font_destroy(o->font);
    hb_face_destroy(o->face);
    hb_blob_destroy(o->blob);
}

// Where the shaper puts the second glyph of "ab" (26.6), kern feature on or
// off; INT32_MIN when its glyphs are not the cmap's ga, gb or not left to
// right.
static inline int32_t hb_kern_oracle_second_x(struct hb_kern_oracle *o, uint32_t a, uint32_t b,
                                              hb_codepoint_t ga, hb_codepoint_t gb, int kern)
{
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t text[2] = {a, b};
    hb_buffer_add_utf32(buf, text, 2, 0, 2);
    hb_buffer_set_language(buf, hb_language_from_string("und", -1));
    hb_buffer_guess_segment_properties(buf);
    o->features[HB_KERN_ORACLE_NFEATURES - 1].value = kern ? 1 : 0;
    hb_shape(o->font, buf, o->features, HB_KERN_ORACLE_NFEATURES);
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

// The shaper's kerning of "ab" in 26.6 (kern on minus kern off), or
// INT32_MIN when its glyphs are not the cmap's.
static inline int32_t hb_kern_oracle_26_6(struct hb_kern_oracle *o, uint32_t a, uint32_t b)
{
    hb_codepoint_t ga = 0, gb = 0;
    hb_font_get_nominal_glyph(o->font, a, &ga);
    hb_font_get_nominal_glyph(o->font, b, &gb);
    int32_t on = hb_kern_oracle_second_x(o, a, b, ga, gb, 1);
    int32_t off = hb_kern_oracle_second_x(o, a, b, ga, gb, 0);
    return on == INT32_MIN || off == INT32_MIN ? INT32_MIN : on - off;
}

#endif
