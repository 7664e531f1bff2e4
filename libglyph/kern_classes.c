// Kerning pairs to classes. Left glyphs are grouped by their whole row (the
// list of (right glyph, value)), right glyphs by their whole column over the
// left classes (the list of (left class, value)), so the matrix reproduces
// every rounded pair exactly. Rows and columns are compared through a hash
// table of runs.
#include <stdlib.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"
#include "glyph/kern.h"

struct classes_impl {
    struct glyph_kern_classes pub; // first: the public pointer is this struct's
    struct glyph_ctx *ctx;
    uint32_t *left_cp, *right_cp;
    uint16_t *left_class, *right_class;
    int32_t *values;
};

// A pair reduced to (owner, other, value): a row entry (left, right, value)
// or a column entry (right, left class, value).
struct item {
    uint32_t owner, other;
    int32_t value;
};

int32_t glyph_kern_round(int32_t adjust, uint32_t unit)
{
    int64_t v = (int64_t)adjust * unit;
    return (int32_t)(v >= 0 ? (v + 32) / 64 : -((-v + 32) / 64));
}

static int cmp_item(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    if (x->owner != y->owner) {
        return x->owner < y->owner ? -1 : 1;
    }
    return x->other < y->other ? -1 : x->other > y->other;
}

static uint64_t hash_run(const struct item *it, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ ((uint64_t)it[i].other << 32 | (uint32_t)it[i].value)) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 29;
    }
    return h;
}

static int same_run(const struct item *a, const struct item *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i].other != b[i].other || a[i].value != b[i].value) {
            return 0;
        }
    }
    return 1;
}

// Runs of items (sorted by owner) get classes 1.. by content: owners with
// equal runs share one. Writes the owners and their classes (ascending
// owner) and returns the class count including 0, or an error.
static int group_runs(struct glyph_ctx *ctx, const struct item *it, size_t n, uint32_t *owner,
                      uint16_t *cls, size_t *nowners, size_t *count)
{
    size_t nslots = 16;
    while (nslots < 2 * n) {
        nslots *= 2;
    }
    struct slot {
        size_t start, len; // len 0: empty
        uint16_t cls;
    } *slots = glyph_calloc(ctx, nslots, sizeof(struct slot));
    if (slots == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    size_t classes = 1, k = 0;
    int err = 0;
    for (size_t i = 0; i < n && err == 0;) {
        size_t e = i + 1;
        while (e < n && it[e].owner == it[i].owner) {
            e++;
        }
        uint64_t h = hash_run(it + i, e - i);
        size_t s = (size_t)h & (nslots - 1);
        while (slots[s].len != 0 &&
               (slots[s].len != e - i || !same_run(it + slots[s].start, it + i, e - i))) {
            s = (s + 1) & (nslots - 1);
        }
        if (slots[s].len == 0) {
            if (classes > UINT16_MAX) {
                glyph_log(ctx, GLYPH_LOG_ERROR, "kerning classes: more than %u on one side",
                          UINT16_MAX);
                err = GLYPH_ERR_RANGE;
                break;
            }
            slots[s] = (struct slot){i, e - i, (uint16_t)classes++};
        }
        owner[k] = it[i].owner;
        cls[k++] = slots[s].cls;
        i = e;
    }
    glyph_free(ctx, slots);
    *nowners = k;
    *count = classes;
    return err;
}

// Left classes from the rounded pairs (rows), then right classes (columns
// over left classes), then the matrix.
static int build(struct classes_impl *kc, struct item *rows, size_t n)
{
    struct glyph_ctx *ctx = kc->ctx;
    struct glyph_kern_classes *p = &kc->pub;
    kc->left_cp = glyph_alloc_array(ctx, n, sizeof(uint32_t));
    kc->left_class = glyph_alloc_array(ctx, n, sizeof(uint16_t));
    kc->right_cp = glyph_alloc_array(ctx, n, sizeof(uint32_t));
    kc->right_class = glyph_alloc_array(ctx, n, sizeof(uint16_t));
    struct item *cols = glyph_alloc_array(ctx, n, sizeof(*cols));
    int err = GLYPH_ERR_NOMEM;
    if (kc->left_cp != NULL && kc->left_class != NULL && kc->right_cp != NULL &&
        kc->right_class != NULL && cols != NULL) {
        err = group_runs(ctx, rows, n, kc->left_cp, kc->left_class, &p->nleft, &p->left_count);
    }
    if (err == 0) {
        for (size_t i = 0, k = 0; i < n; i++) {
            while (kc->left_cp[k] != rows[i].owner) {
                k++;
            }
            cols[i] = (struct item){rows[i].other, kc->left_class[k], rows[i].value};
        }
        qsort(cols, n, sizeof(*cols), cmp_item);
        size_t m = 0; // left glyphs of one class give the same entry: keep one
        for (size_t i = 0; i < n; i++) {
            if (m == 0 || cols[m - 1].owner != cols[i].owner ||
                cols[m - 1].other != cols[i].other) {
                cols[m++] = cols[i];
            }
        }
        err = group_runs(ctx, cols, m, kc->right_cp, kc->right_class, &p->nright, &p->right_count);
        if (err == 0 && p->left_count > GLYPH_KERN_MAX_CELLS / p->right_count) {
            glyph_log(ctx, GLYPH_LOG_ERROR, "kerning classes: %zu x %zu cells exceed %zu",
                      p->left_count, p->right_count, GLYPH_KERN_MAX_CELLS);
            err = GLYPH_ERR_RANGE;
        }
        if (err == 0) {
            kc->values = glyph_calloc(ctx, p->left_count * p->right_count, sizeof(int32_t));
            err = kc->values == NULL ? GLYPH_ERR_NOMEM : 0;
        }
        for (size_t i = 0, r = 0; err == 0 && i < m; i++) {
            while (kc->right_cp[r] != cols[i].owner) {
                r++;
            }
            kc->values[cols[i].other * p->right_count + kc->right_class[r]] = cols[i].value;
        }
    }
    glyph_free(ctx, cols);
    return err;
}

int glyph_kern_classes_create_pairs(struct glyph_ctx *ctx, const struct glyph_kern_pair *pairs,
                                    size_t n, uint32_t unit, struct glyph_kern_classes **out)
{
    if (out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (ctx == NULL || (pairs == NULL && n > 0) || unit < 1 || unit > 64) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct classes_impl *kc = glyph_calloc(ctx, 1, sizeof(*kc));
    struct item *rows = glyph_alloc_array(ctx, n, sizeof(*rows));
    int err = kc == NULL || rows == NULL ? GLYPH_ERR_NOMEM : 0;
    if (kc != NULL) {
        kc->ctx = ctx;
        kc->pub.unit = unit;
    }
    size_t m = 0;
    for (size_t i = 0; err == 0 && i < n; i++) {
        if (i > 0 && cmp_item(&(struct item){pairs[i - 1].left, pairs[i - 1].right, 0},
                              &(struct item){pairs[i].left, pairs[i].right, 0}) >= 0) {
            err = GLYPH_ERR_INVALID_ARG; // not sorted, or a pair twice
        }
        int32_t v = glyph_kern_round(pairs[i].adjust, unit);
        if (v != 0) {
            rows[m++] = (struct item){pairs[i].left, pairs[i].right, v};
        }
    }
    if (err == 0) {
        err = build(kc, rows, m);
    }
    glyph_free(ctx, rows);
    if (err < 0) {
        glyph_kern_classes_destroy(kc != NULL ? &kc->pub : NULL);
        return err;
    }
    kc->pub.left_cp = kc->left_cp;
    kc->pub.left_class = kc->left_class;
    kc->pub.right_cp = kc->right_cp;
    kc->pub.right_class = kc->right_class;
    kc->pub.values = kc->values;
    *out = &kc->pub;
    return 0;
}

int glyph_kern_classes_create(struct glyph_ctx *ctx, const struct glyph_set *set, uint32_t unit,
                              struct glyph_kern_classes **out)
{
    if (set == NULL) {
        if (out != NULL) {
            *out = NULL;
        }
        return GLYPH_ERR_INVALID_ARG;
    }
    size_t n = glyph_set_kern_count(set);
    return glyph_kern_classes_create_pairs(ctx, n > 0 ? glyph_set_kern_pair(set, 0) : NULL, n, unit,
                                           out);
}

void glyph_kern_classes_destroy(struct glyph_kern_classes *pub)
{
    if (pub == NULL) {
        return;
    }
    struct classes_impl *kc = (struct classes_impl *)pub;
    struct glyph_ctx *ctx = kc->ctx;
    glyph_free(ctx, kc->left_cp);
    glyph_free(ctx, kc->left_class);
    glyph_free(ctx, kc->right_cp);
    glyph_free(ctx, kc->right_class);
    glyph_free(ctx, kc->values);
    glyph_free(ctx, kc);
}

static uint16_t find_class(const uint32_t *cps, const uint16_t *cls, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cps[mid] == cp) {
            return cls[mid];
        }
        if (cps[mid] < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

uint16_t glyph_kern_classes_left(const struct glyph_kern_classes *kc, uint32_t cp)
{
    return find_class(kc->left_cp, kc->left_class, kc->nleft, cp);
}

uint16_t glyph_kern_classes_right(const struct glyph_kern_classes *kc, uint32_t cp)
{
    return find_class(kc->right_cp, kc->right_class, kc->nright, cp);
}
