// The legacy kern table: OpenType (version 0) and Apple (version 1.0)
// headers, format 0 subtables (sorted glyph pairs). Subtables that are
// vertical, cross-stream or variation subtables move nothing horizontally
// and are skipped, as are formats 1 to 3 (state tables and class arrays that
// only Apple's layout engine applies); horizontal format 0 subtables add up.
#include "glyph/error.h"
#include "kern_internal.h"

// Format 0 pairs from `at` to `end`.
static int format0(struct kern_work *w, const struct otl_table *t, size_t at, size_t end,
                   const struct kern_sel *sel, struct kern_raw_list *out)
{
    uint16_t n;
    const struct otl_table sub = {t->p, end};
    if (otl_u16(&sub, at, &n) < 0 || !otl_fits(&sub, at + 8, n, 6)) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "kern: pairs run past their subtable");
    }
    int err = kern_step(w, n);
    if (err < 0) {
        return err;
    }
    size_t first = at + 8;
    for (size_t e = 0; e < n; e++) {
        size_t rec = first + e * 6;
        uint16_t left = otl_u16_at(t, rec), right = otl_u16_at(t, rec + 2);
        uint32_t li = kern_sel_find(sel, left), ri = kern_sel_find(sel, right);
        // Shapers look for the second glyph skipping marks (a mark there
        // never kerns); the first glyph may be one.
        if (li == 0 || ri == 0 || sel->gclass[ri - 1] == KERN_CLASS_MARK) {
            continue;
        }
        // Binary search for the pair, as shapers look it up: of duplicates
        // only the one found counts.
        uint32_t key = (uint32_t)left << 16 | right;
        size_t lo = 0, hi = n, found = SIZE_MAX;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            size_t m = first + mid * 6;
            uint32_t k = (uint32_t)otl_u16_at(t, m) << 16 | otl_u16_at(t, m + 2);
            if (k == key) {
                found = m;
                break;
            }
            *(k < key ? &lo : &hi) = k < key ? mid + 1 : mid;
        }
        int16_t v = (int16_t)otl_u16_at(t, rec + 4);
        if (found != rec || v == 0) {
            continue;
        }
        struct kern_raw r = {(uint16_t)(li - 1), (uint16_t)(ri - 1), KERN_LOOKUP_LEGACY, v};
        if ((err = kern_raw_add(w, out, r)) < 0) {
            return err;
        }
    }
    return 0;
}

// One subtable's extent: [*at, *end) after its header. The last subtable of
// an OpenType table runs to the table's end: its 16-bit length overflows
// in large tables, and shapers read it that way.
static int subtable(struct kern_work *w, const struct otl_table *t, int apple, size_t at, int last,
                    size_t *body, size_t *end, int *use)
{
    uint32_t length;
    uint16_t coverage, l16;
    size_t header = apple ? 8 : 6;
    if (apple ? otl_u32(t, at, &length) < 0 || otl_u16(t, at + 4, &coverage) < 0
              : otl_u16(t, at + 2, &l16) < 0 || otl_u16(t, at + 4, &coverage) < 0) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "kern: subtable header outside the table");
    }
    if (!apple) {
        length = l16;
    }
    if (length < header || length > t->len - at) {
        if (apple || !last) {
            return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "kern: subtable length %u", length);
        }
    }
    *end = !apple && last ? t->len : at + length;
    *body = at + header;
    if (apple) {
        *use = (coverage & 0xE0FF) == 0; // not vertical, cross-stream, variation; format 0
    } else {
        *use = (coverage & 0xFF05) == 0x0001; // format 0, horizontal, not cross-stream
    }
    return 0;
}

int kern_table_pairs(struct kern_work *w, const uint8_t *p, size_t len, const struct kern_sel *sel,
                     struct kern_raw_list *out)
{
    const struct otl_table t = {p, len};
    uint16_t v16, n16;
    uint32_t n;
    if (otl_u16(&t, 0, &v16) < 0) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "kern: no header");
    }
    int apple = v16 == 1;
    size_t at = apple ? 8 : 4;
    if (apple ? otl_u32(&t, 4, &n) < 0 : v16 != 0 || otl_u16(&t, 2, &n16) < 0) {
        return kern_fail(w, GLYPH_ERR_FONT_BROKEN, "kern: unknown version %u", v16);
    }
    if (!apple) {
        n = n16;
    }
    for (uint32_t i = 0; i < n; i++) {
        size_t body = 0, end = 0;
        int use = 0, err = kern_step(w, 1);
        if (err < 0 || (err = subtable(w, &t, apple, at, i + 1 == n, &body, &end, &use)) < 0) {
            return err;
        }
        if (use && (err = format0(w, &t, body, end, sel, out)) < 0) {
            return err;
        }
        at = end;
    }
    return 0;
}
