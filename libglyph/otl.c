// Coverage and ClassDef tables, shared by the GPOS, GDEF and kern readers.
#include "otl.h"

int otl_coverage_open(const struct otl_table *t, size_t at, struct otl_coverage *c)
{
    uint16_t format, count;
    if (otl_u16(t, at, &format) < 0 || otl_u16(t, at + 2, &count) < 0) {
        return -1;
    }
    c->format = format;
    c->count = count;
    c->items = at + 4;
    if (format == 1) {
        return otl_fits(t, c->items, count, 2) ? 0 : -1;
    }
    if (format == 2) {
        return otl_fits(t, c->items, count, 6) ? 0 : -1;
    }
    c->count = 0; // unknown format: covers nothing
    return 0;
}

int otl_class_open(const struct otl_table *t, size_t at, struct otl_class *c)
{
    uint16_t format;
    if (otl_u16(t, at, &format) < 0) {
        return -1;
    }
    c->format = format;
    c->start = 0;
    c->count = 0;
    if (format == 1) {
        if (otl_u16(t, at + 2, &c->start) < 0 || otl_u16(t, at + 4, &c->count) < 0) {
            return -1;
        }
        c->items = at + 6;
        return otl_fits(t, c->items, c->count, 2) ? 0 : -1;
    }
    if (format == 2) {
        if (otl_u16(t, at + 2, &c->count) < 0) {
            return -1;
        }
        c->items = at + 4;
        return otl_fits(t, c->items, c->count, 6) ? 0 : -1;
    }
    c->items = at;
    return 0;
}

// Binary search over `count` range records of 6 bytes (start, end, value)
// from `items`: the record holding gid, or -1.
static long find_range(const struct otl_table *t, size_t items, uint16_t count, uint16_t gid)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t r = items + mid * 6;
        if (gid < otl_u16_at(t, r)) {
            hi = mid;
        } else if (gid > otl_u16_at(t, r + 2)) {
            lo = mid + 1;
        } else {
            return (long)mid;
        }
    }
    return -1;
}

long otl_coverage_index(const struct otl_table *t, const struct otl_coverage *c, uint16_t gid)
{
    if (c->format == 1) {
        size_t lo = 0, hi = c->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            uint16_t g = otl_u16_at(t, c->items + mid * 2);
            if (g == gid) {
                return (long)mid;
            }
            if (g < gid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return -1;
    }
    if (c->format == 2) {
        long r = find_range(t, c->items, c->count, gid);
        if (r < 0) {
            return -1;
        }
        size_t rec = c->items + (size_t)r * 6;
        return (long)otl_u16_at(t, rec + 4) + (gid - otl_u16_at(t, rec));
    }
    return -1;
}

uint16_t otl_class_of(const struct otl_table *t, const struct otl_class *c, uint16_t gid)
{
    if (c->format == 1) {
        if (gid < c->start || gid - c->start >= c->count) {
            return 0;
        }
        return otl_u16_at(t, c->items + (size_t)(gid - c->start) * 2);
    }
    if (c->format == 2) {
        long r = find_range(t, c->items, c->count, gid);
        return r < 0 ? 0 : otl_u16_at(t, c->items + (size_t)r * 6 + 4);
    }
    return 0;
}
