// libglyph private: bounded reading of OpenType layout data (GPOS, GDEF, the
// legacy kern table). Every table is untrusted: every read goes through
// otl_u16/otl_u32, which check the position against the table's length, and
// every offset is checked by subtraction before it is followed. Coverage and
// class definition tables are validated once (otl_coverage_open,
// otl_class_open) so that per-glyph queries cannot fail.
#ifndef GLYPH_OTL_H
#define GLYPH_OTL_H

#include <stddef.h>
#include <stdint.h>

// One table's bytes.
struct otl_table {
    const uint8_t *p;
    size_t len;
};

// Reads a big-endian value at `off`; 0 or -1 when it does not fit.
static inline int otl_u16(const struct otl_table *t, size_t off, uint16_t *v)
{
    if (off > t->len || t->len - off < 2) {
        return -1;
    }
    *v = (uint16_t)(t->p[off] << 8 | t->p[off + 1]);
    return 0;
}

static inline int otl_u32(const struct otl_table *t, size_t off, uint32_t *v)
{
    if (off > t->len || t->len - off < 4) {
        return -1;
    }
    *v = (uint32_t)t->p[off] << 24 | (uint32_t)t->p[off + 1] << 16 | (uint32_t)t->p[off + 2] << 8 |
         t->p[off + 3];
    return 0;
}

// Reads without a check: only after the caller checked the range.
static inline uint16_t otl_u16_at(const struct otl_table *t, size_t off)
{
    return (uint16_t)(t->p[off] << 8 | t->p[off + 1]);
}

// 1 if `count` records of `size` bytes fit from `off` to the table's end.
static inline int otl_fits(const struct otl_table *t, size_t off, uint64_t count, size_t size)
{
    return off <= t->len && count <= (uint64_t)(t->len - off) / size;
}

// Follows the 16-bit offset stored at `field`, relative to `base`: the
// absolute position in *to. 0, or -1 when the field or the target lies outside.
static inline int otl_follow16(const struct otl_table *t, size_t base, size_t field, size_t *to)
{
    uint16_t off;
    if (otl_u16(t, field, &off) < 0 || base > t->len || off > t->len - base) {
        return -1;
    }
    *to = base + off;
    return 0;
}

// A validated Coverage table (formats 1 and 2). Unknown formats cover
// nothing, as shapers treat them.
struct otl_coverage {
    size_t items; // position of the first glyph id or range record
    uint16_t format;
    uint16_t count;
};

// A validated ClassDef table (formats 1 and 2); unknown formats: class 0.
struct otl_class {
    size_t items;
    uint16_t format;
    uint16_t count;
    uint16_t start; // format 1: first glyph
};

// 0, or -1 when the table's header or records run past the end.
int otl_coverage_open(const struct otl_table *t, size_t at, struct otl_coverage *c);
int otl_class_open(const struct otl_table *t, size_t at, struct otl_class *c);

// Coverage index of `gid`, or -1 when not covered. Binary search, as shapers
// do: an unsorted (hostile) table gives some answer, never a bad read.
long otl_coverage_index(const struct otl_table *t, const struct otl_coverage *c, uint16_t gid);

// Class of `gid` (0 when not listed).
uint16_t otl_class_of(const struct otl_table *t, const struct otl_class *c, uint16_t gid);

#endif
