// Kerning the way lv_font_fmt_txt stores it: int8_t values scaled by
// kern_scale (12.4 fixed point: LVGL adds value * kern_scale / 16 sixteenths
// of a pixel to the left glyph's advance), as sorted glyph id pairs or as
// left and right classes (uint8_t per glyph id, class 0: none) with a value
// matrix, whichever takes fewer bytes. The pairs and classes themselves are
// font_kern's (whole pixels, half away from zero, from libglyph).
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "lvgl_font_model.h"

// value / unit, rounded half away from zero (as glyph_kern_round).
static int8_t scaled(int32_t v, uint32_t unit)
{
    int32_t q = (v >= 0 ? v + (int32_t)unit / 2 : v - (int32_t)unit / 2) / (int32_t)unit;
    return (int8_t)(q < INT8_MIN ? INT8_MIN : q > INT8_MAX ? INT8_MAX : q);
}

// The value LVGL applies to a kerned pair, in whole pixels.
static int32_t applied(const struct lvgl_font_model *m, int32_t v)
{
    return (int32_t)scaled(v, m->kern_unit) * (int32_t)m->kern_unit;
}

// LVGL adds kerning to an unsigned advance: a pair whose sum would be
// negative wraps to a huge advance. Pairs clamp such a value; classes
// cannot (their values are shared), so they are not used then.
static int classes_safe(const struct lvgl_font_model *m)
{
    const struct font_kern *k = &m->kern;
    for (size_t i = 0; i < m->count; i++) {
        uint16_t lc = k->left_class[i];
        for (size_t r = 0; lc != 0 && r < k->right_count; r++) {
            if ((int64_t)m->glyphs[i].adv + applied(m, k->values[lc * k->right_count + r]) < 0) {
                return 0;
            }
        }
    }
    return 1;
}

static void choose_form(struct lvgl_font_model *m)
{
    const struct font_kern *k = &m->kern;
    size_t id_bytes = m->count + 1 > 256 ? 2 : 1; // glyph_ids_size: uint8_t up to id 255
    size_t pair_bytes = k->npairs * (2 * id_bytes + 1);
    m->kern_kind = LVGL_KERN_PAIRS;
    m->kern_bytes = pair_bytes;
    // LVGL's class counts exclude class 0 and are uint8_t.
    if (k->values != NULL && k->left_count - 1 <= 255 && k->right_count - 1 <= 255 &&
        classes_safe(m)) {
        size_t class_bytes = 2 * (m->count + 1) + (k->left_count - 1) * (k->right_count - 1);
        if (class_bytes < pair_bytes) {
            m->kern_kind = LVGL_KERN_CLASSES;
            m->kern_bytes = class_bytes;
        }
    }
}

int lvgl_kern_build(struct lvgl_font_model *m, const struct glyph_set *set, char *why,
                    size_t why_len)
{
    m->kern_kind = LVGL_KERN_NONE;
    m->kern_unit = 1;
    if (glyph_set_kern_count(set) == 0) {
        return 0;
    }
    uint32_t *cps = malloc(sizeof(*cps) * m->count);
    if (cps == NULL) {
        font_why(why, why_len, "out of memory");
        return FMT_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->count; i++) {
        cps[i] = m->glyphs[i].cp;
    }
    int err = font_kern_build_set(&m->kern, set, cps, why, why_len);
    free(cps);
    if (err < 0 || m->kern.kind == FONT_KERN_NONE) {
        return err;
    }
    int32_t most = 0;
    for (size_t i = 0; i < m->kern.npairs; i++) {
        int32_t v = m->kern.value[i] < 0 ? -m->kern.value[i] : m->kern.value[i];
        most = v > most ? v : most;
    }
    // Whole pixels while they fit int8_t; beyond, coarser steps (lossy).
    m->kern_unit = (uint32_t)((most + 126) / 127);
    m->kern_unit = m->kern_unit < 1 ? 1 : m->kern_unit > 255 ? 255 : m->kern_unit; // scale: u16
    m->kern_lossy = m->kern_unit > 1;
    choose_form(m);
    for (size_t i = 0; m->kern_kind == LVGL_KERN_PAIRS && i < m->kern.npairs; i++) {
        int32_t adv = (int32_t)m->glyphs[m->kern.left[i]].adv;
        m->kern_lossy |= applied(m, m->kern.value[i]) < -adv; // clamped
    }
    return 0;
}

int8_t lvgl_kern_pair_value(const struct lvgl_font_model *m, size_t i)
{
    const struct font_kern *k = &m->kern;
    int32_t v = applied(m, k->value[i]), adv = (int32_t)m->glyphs[k->left[i]].adv;
    return scaled(v < -adv ? -adv : v, m->kern_unit);
}

int8_t lvgl_kern_class_value(const struct lvgl_font_model *m, size_t l, size_t r)
{
    const struct font_kern *k = &m->kern;
    return scaled(k->values[l * k->right_count + r], m->kern_unit);
}

uint32_t lvgl_kern_scale(const struct lvgl_font_model *m)
{
    return m->kern_kind == LVGL_KERN_NONE ? 0 : 256 * m->kern_unit;
}
