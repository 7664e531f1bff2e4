// GDEF, as far as kerning needs it: glyph classes and mark attachment
// classes (which glyphs a lookup's flags skip) and mark glyph sets.
#include <string.h>

#include "glyph/error.h"
#include "kern_internal.h"

int kern_gdef_open(struct kern_work *w, struct kern_gdef *d, const uint8_t *p, size_t len)
{
    memset(d, 0, sizeof(*d));
    d->t.p = p;
    d->t.len = len;
    if (len == 0) {
        return 0;
    }
    uint16_t major, minor, off;
    size_t at;
    if (otl_u16(&d->t, 0, &major) < 0 || otl_u16(&d->t, 2, &minor) < 0 || major != 1) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GDEF: no version 1 header");
    }
    if (otl_u16(&d->t, 4, &off) < 0 ||
        (off != 0 &&
         (otl_follow16(&d->t, 0, 4, &at) < 0 || otl_class_open(&d->t, at, &d->glyph_class) < 0))) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GDEF: glyph classes outside the table");
    }
    d->has_classes = off != 0;
    if (otl_u16(&d->t, 10, &off) < 0 ||
        (off != 0 &&
         (otl_follow16(&d->t, 0, 10, &at) < 0 || otl_class_open(&d->t, at, &d->mark_attach) < 0))) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GDEF: mark attachment classes outside");
    }
    if (minor >= 2 && otl_u16(&d->t, 12, &off) == 0 && off != 0) {
        uint16_t format;
        if (otl_follow16(&d->t, 0, 12, &at) < 0 || otl_u16(&d->t, at, &format) < 0 ||
            otl_u16(&d->t, at + 2, &d->nmark_sets) < 0 ||
            !otl_fits(&d->t, at + 4, d->nmark_sets, 4)) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "GDEF: mark glyph sets outside the table");
        }
        d->mark_sets = format == 1 ? at : 0;
    }
    return 0;
}

int kern_gdef_mark_set_covers(const struct kern_gdef *d, uint16_t set, uint16_t gid)
{
    if (d->mark_sets == 0 || set >= d->nmark_sets) {
        return 0;
    }
    uint32_t off;
    size_t rec = d->mark_sets + 4 + (size_t)set * 4;
    struct otl_coverage cov;
    if (otl_u32(&d->t, rec, &off) < 0 || off > d->t.len - d->mark_sets ||
        otl_coverage_open(&d->t, d->mark_sets + off, &cov) < 0) {
        return 0; // a broken set covers nothing
    }
    return otl_coverage_index(&d->t, &cov, gid) >= 0;
}
