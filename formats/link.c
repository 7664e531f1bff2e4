// Linking: fixed assets first (checked for alignment, range and overlap),
// then every other asset first-fit in the caller's order, so the same input
// always gives the same layout.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/error.h"
#include "formats/link.h"

struct span {
    uint64_t start, end; // [start, end)
    size_t idx;
};

struct placer {
    struct fmt_asset *a;
    size_t n;
    const struct fmt_link_target *t;
    struct span *placed; // sorted by start
    size_t nplaced;
    char *why;
    size_t why_len;
};

static int is_pow2(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

int fmt_asset_name_valid(const char *name)
{
    size_t len = strnlen(name, BUNDLE_NAME_SIZE);
    if (len == 0 || len > FMT_NAME_MAX) {
        return 0;
    }
    // "bundle" and "bundle_*" are reserved for the emitters' global constants.
    if (strncasecmp(name, "bundle", 6) == 0 && (name[6] == '\0' || name[6] == '_')) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) {
            return 0;
        }
    }
    return 1;
}

uint32_t fmt_link_align(const struct fmt_asset *a, const struct fmt_link_target *target)
{
    uint32_t k = FMT_LINK_DEFAULT_ALIGN;
    if (a->kind < 4 && target->kind_align[a->kind] != 0) {
        k = target->kind_align[a->kind];
    }
    uint32_t own = a->align != 0 ? a->align : 1;
    if (!is_pow2(k) || !is_pow2(own)) {
        return 0;
    }
    return k > own ? k : own;
}

const char *fmt_kind_name(unsigned kind)
{
    switch (kind) {
    case BUNDLE_KIND_RAW:
        return "raw";
    case BUNDLE_KIND_IMAGE:
        return "image";
    case BUNDLE_KIND_FONT:
        return "font";
    case BUNDLE_KIND_PALETTE:
        return "palette";
    default:
        return "?";
    }
}

static uint64_t align_up(uint64_t v, uint32_t align)
{
    return (v + align - 1) / align * align;
}

static int check_inputs(struct placer *p)
{
    const struct fmt_link_target *t = p->t;
    if (t->size == 0 || (uint64_t)t->base + t->size > 0x100000000ull) {
        snprintf(p->why, p->why_len, "target address space [0x%08x, +0x%x) is empty or wraps",
                 (unsigned)t->base, (unsigned)t->size);
        return FMT_ERR_LINK_ASSET;
    }
    for (size_t i = 0; i < p->n; i++) {
        const struct fmt_asset *a = &p->a[i];
        if (!fmt_asset_name_valid(a->name)) {
            snprintf(p->why, p->why_len,
                     "asset name '%.*s' is not an identifier of 1 to %u characters (or is "
                     "reserved: bundle, bundle_*)",
                     (int)BUNDLE_NAME_SIZE, a->name, (unsigned)FMT_NAME_MAX);
            return FMT_ERR_LINK_ASSET;
        }
        if (a->size == 0) {
            snprintf(p->why, p->why_len, "asset '%s' is empty", a->name);
            return FMT_ERR_LINK_ASSET;
        }
        if (fmt_link_align(a, t) == 0) {
            snprintf(p->why, p->why_len, "asset '%s': alignment is not a power of two", a->name);
            return FMT_ERR_LINK_ASSET;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcasecmp(p->a[j].name, a->name) == 0) {
                snprintf(p->why, p->why_len,
                         "asset name '%s' is used twice (names are case-insensitive)", a->name);
                return FMT_ERR_LINK_ASSET;
            }
        }
    }
    return 0;
}

static void insert_span(struct placer *p, uint64_t start, size_t idx)
{
    size_t k = p->nplaced;
    while (k > 0 && p->placed[k - 1].start > start) {
        p->placed[k] = p->placed[k - 1];
        k--;
    }
    p->placed[k].start = start;
    p->placed[k].end = start + p->a[idx].size;
    p->placed[k].idx = idx;
    p->nplaced++;
    p->a[idx].addr = (uint32_t)start;
}

static int cmp_size_desc(const void *x, const void *y)
{
    const struct fmt_asset *a = *(const struct fmt_asset *const *)x;
    const struct fmt_asset *b = *(const struct fmt_asset *const *)y;
    if (a->size != b->size) {
        return a->size < b->size ? 1 : -1;
    }
    return strcmp(a->name, b->name);
}

// Appends "; largest assets: a (N bytes), b (M bytes), ..." to why.
static void append_largest(struct placer *p)
{
    const struct fmt_asset **byes = malloc(p->n * sizeof(*byes));
    if (byes == NULL) {
        return;
    }
    for (size_t i = 0; i < p->n; i++) {
        byes[i] = &p->a[i];
    }
    qsort(byes, p->n, sizeof(*byes), cmp_size_desc);
    size_t used = strlen(p->why);
    for (size_t i = 0; i < p->n && i < 5 && used < p->why_len; i++) {
        int w =
            snprintf(p->why + used, p->why_len - used, "%s%s (%u bytes)",
                     i == 0 ? "; largest assets: " : ", ", byes[i]->name, (unsigned)byes[i]->size);
        if (w < 0) {
            break;
        }
        used += (size_t)w;
    }
    free(byes);
}

static int overflow(struct placer *p, size_t idx, uint64_t start)
{
    const struct fmt_asset *a = &p->a[idx];
    uint64_t limit = (uint64_t)p->t->base + p->t->size;
    uint64_t total = 0;
    for (size_t i = 0; i < p->n; i++) {
        total += p->a[i].size;
    }
    snprintf(p->why, p->why_len,
             "asset '%s' (%s, %u bytes) does not fit: placed at 0x%08llx it overflows the "
             "target address space [0x%08x, 0x%08llx) by %llu bytes (all assets: %llu bytes "
             "in a %u-byte space)",
             a->name, fmt_kind_name(a->kind), (unsigned)a->size, (unsigned long long)start,
             (unsigned)p->t->base, (unsigned long long)limit,
             (unsigned long long)(start + a->size - limit), (unsigned long long)total,
             (unsigned)p->t->size);
    append_largest(p);
    return FMT_ERR_LINK_OVERFLOW;
}

static int place_fixed(struct placer *p)
{
    uint64_t limit = (uint64_t)p->t->base + p->t->size;
    for (size_t i = 0; i < p->n; i++) {
        const struct fmt_asset *a = &p->a[i];
        if (!a->fixed) {
            continue;
        }
        uint32_t align = fmt_link_align(a, p->t);
        if (a->fixed_addr % align != 0) {
            snprintf(p->why, p->why_len,
                     "asset '%s': fixed address 0x%08x is not aligned to %u bytes", a->name,
                     (unsigned)a->fixed_addr, (unsigned)align);
            return FMT_ERR_LINK_ALIGN;
        }
        uint64_t start = a->fixed_addr;
        if (start < p->t->base || start + a->size > limit) {
            if (start >= p->t->base) {
                return overflow(p, i, start);
            }
            snprintf(p->why, p->why_len,
                     "asset '%s': fixed address 0x%08x is below the target address space "
                     "base 0x%08x",
                     a->name, (unsigned)a->fixed_addr, (unsigned)p->t->base);
            return FMT_ERR_LINK_OVERFLOW;
        }
        for (size_t k = 0; k < p->nplaced; k++) {
            const struct span *s = &p->placed[k];
            if (start < s->end && s->start < start + a->size) {
                uint64_t lo = start > s->start ? start : s->start;
                uint64_t hi = start + a->size < s->end ? start + a->size : s->end;
                snprintf(p->why, p->why_len,
                         "assets '%s' [0x%08llx, 0x%08llx) and '%s' [0x%08llx, 0x%08llx) "
                         "overlap by %llu bytes",
                         p->a[s->idx].name, (unsigned long long)s->start,
                         (unsigned long long)s->end, a->name, (unsigned long long)start,
                         (unsigned long long)(start + a->size), (unsigned long long)(hi - lo));
                return FMT_ERR_LINK_OVERLAP;
            }
        }
        insert_span(p, start, i);
    }
    return 0;
}

static int place_free(struct placer *p)
{
    uint64_t limit = (uint64_t)p->t->base + p->t->size;
    for (size_t i = 0; i < p->n; i++) {
        const struct fmt_asset *a = &p->a[i];
        if (a->fixed) {
            continue;
        }
        uint32_t align = fmt_link_align(a, p->t);
        uint64_t start = align_up(p->t->base, align);
        for (size_t k = 0; k < p->nplaced; k++) {
            const struct span *s = &p->placed[k];
            if (start < s->end && s->start < start + a->size) {
                start = align_up(s->end, align);
            }
        }
        if (start + a->size > limit) {
            return overflow(p, i, start);
        }
        insert_span(p, start, i);
    }
    return 0;
}

static int cmp_addr(const void *x, const void *y)
{
    const struct fmt_asset *a = x;
    const struct fmt_asset *b = y;
    return a->addr < b->addr ? -1 : a->addr > b->addr;
}

int fmt_link(struct fmt_asset *assets, size_t n, const struct fmt_link_target *target,
             struct fmt_link_result *result, char *why, size_t why_len)
{
    char dummy[1];
    struct placer p = {assets, n, target, NULL, 0, why, why_len};
    if (why == NULL || why_len == 0) {
        p.why = dummy;
        p.why_len = sizeof(dummy);
    }
    p.why[0] = '\0';
    memset(result, 0, sizeof(*result));
    if (n == 0) {
        snprintf(p.why, p.why_len, "no assets to link");
        return FMT_ERR_LINK_ASSET;
    }
    int err = check_inputs(&p);
    if (err < 0) {
        return err;
    }
    p.placed = calloc(n, sizeof(*p.placed));
    if (p.placed == NULL) {
        return FMT_ERR_NOMEM;
    }
    err = place_fixed(&p);
    if (err == 0) {
        err = place_free(&p);
    }
    if (err == 0) {
        // placed[] is sorted by start, and spans never overlap.
        uint64_t lo = p.placed[0].start;
        uint64_t hi = 0;
        for (size_t k = 0; k < p.nplaced; k++) {
            hi = p.placed[k].end > hi ? p.placed[k].end : hi;
            result->used += p.placed[k].end - p.placed[k].start;
        }
        if (hi - lo > UINT32_MAX) {
            snprintf(p.why, p.why_len, "linked image is larger than 4 GiB - 1");
            free(p.placed);
            return FMT_ERR_LINK_OVERFLOW;
        }
        result->payload_addr = (uint32_t)lo;
        result->payload_len = (uint32_t)(hi - lo);
        qsort(assets, n, sizeof(*assets), cmp_addr);
    }
    free(p.placed);
    return err;
}
