// Kerning for the font emitters: rounded pairs, the class form from
// libglyph's class builder, and the choice between them by size.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_kern.h"
#include "font_table.h"
#include "formats/error.h"
#include "glyph/error.h"
#include "glyph/kern.h"

// What the kerning is built from: the pairs, and the glyphs' code points
// in glyph index order (sorted).
struct kern_src {
    const struct glyph_kern_pair *pairs;
    size_t npairs;
    const uint32_t *cps;
    size_t count;
};

static long glyph_index(const struct kern_src *src, uint32_t cp)
{
    size_t lo = 0, hi = src->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t c = src->cps[mid];
        if (c == cp) {
            return (long)mid;
        }
        if (c < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

static int build_pairs(struct font_kern *k, const struct kern_src *src, char *why, size_t why_len)
{
    size_t n = src->npairs;
    k->left = calloc(n > 0 ? n : 1, sizeof(*k->left));
    k->right = calloc(n > 0 ? n : 1, sizeof(*k->right));
    k->value = calloc(n > 0 ? n : 1, sizeof(*k->value));
    if (k->left == NULL || k->right == NULL || k->value == NULL) {
        return FMT_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const struct glyph_kern_pair *p = &src->pairs[i];
        int32_t v = glyph_kern_round(p->adjust, 1);
        long l = glyph_index(src, p->left), r = glyph_index(src, p->right);
        if (l < 0 || r < 0 || l > UINT16_MAX || r > UINT16_MAX) {
            font_why(why, why_len, "kerning pair U+%04" PRIX32 " U+%04" PRIX32 ": not in the font",
                     p->left, p->right);
            return FMT_ERR_INVALID_ARG;
        }
        int err = font_check_i16(v, p->left, "kerning", why, why_len);
        if (err < 0) {
            return err;
        }
        if (v != 0) {
            k->left[k->npairs] = (uint16_t)l;
            k->right[k->npairs] = (uint16_t)r;
            k->value[k->npairs++] = (int16_t)v;
        }
    }
    return 0;
}

// The class form; 1 when the classes cannot be built (too many), so that
// pairs are used.
static int build_classes(struct font_kern *k, const struct kern_src *src)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_kern_classes *kc = NULL;
    if (ctx == NULL) {
        return FMT_ERR_NOMEM;
    }
    int err = glyph_kern_classes_create_pairs(ctx, src->pairs, src->npairs, 1, &kc);
    if (err < 0) {
        glyph_ctx_destroy(ctx);
        return err == GLYPH_ERR_NOMEM ? FMT_ERR_NOMEM : 1;
    }
    size_t g = src->count, cells = kc->left_count * kc->right_count;
    k->left_class = calloc(g, sizeof(*k->left_class));
    k->right_class = calloc(g, sizeof(*k->right_class));
    k->values = calloc(cells, sizeof(*k->values));
    int rc =
        k->left_class == NULL || k->right_class == NULL || k->values == NULL ? FMT_ERR_NOMEM : 0;
    for (size_t i = 0; rc == 0 && i < g; i++) {
        k->left_class[i] = glyph_kern_classes_left(kc, src->cps[i]);
        k->right_class[i] = glyph_kern_classes_right(kc, src->cps[i]);
    }
    for (size_t i = 0; rc == 0 && i < cells; i++) {
        k->values[i] = (int16_t)kc->values[i]; // checked as pairs before
    }
    k->left_count = kc->left_count;
    k->right_count = kc->right_count;
    glyph_kern_classes_destroy(kc);
    glyph_ctx_destroy(ctx);
    return rc;
}

static int build(struct font_kern *k, const struct kern_src *src, char *why, size_t why_len)
{
    memset(k, 0, sizeof(*k));
    if (src->npairs == 0) {
        return 0;
    }
    int err = build_pairs(k, src, why, why_len);
    if (err == 0 && k->npairs == 0) {
        return 0; // every pair rounds to 0 px
    }
    if (err == 0) {
        err = build_classes(k, src);
    }
    if (err < 0) {
        if (err == FMT_ERR_NOMEM) {
            font_why(why, why_len, "out of memory");
        }
        font_kern_finish(k);
        return err;
    }
    k->value_bytes = 1;
    for (size_t i = 0; i < k->npairs; i++) {
        k->value_bytes = k->value[i] < INT8_MIN || k->value[i] > INT8_MAX ? 2 : k->value_bytes;
    }
    size_t pair_bytes = k->npairs * (4 + k->value_bytes);
    k->kind = FONT_KERN_PAIRS;
    k->bytes = pair_bytes;
    if (err == 0 && k->values != NULL) { // err 1: no class form
        unsigned cb = k->left_count > 256 || k->right_count > 256 ? 2 : 1;
        size_t class_bytes = 2 * src->count * cb + k->left_count * k->right_count * k->value_bytes;
        if (class_bytes < pair_bytes) {
            k->kind = FONT_KERN_CLASSES;
            k->class_bytes = cb;
            k->bytes = class_bytes;
        }
    }
    return 0;
}

int font_kern_build(struct font_kern *k, const struct glyph_fontpack *pack, char *why,
                    size_t why_len)
{
    memset(k, 0, sizeof(*k));
    if (pack->kern_count == 0) {
        return 0;
    }
    uint32_t *cps = malloc(sizeof(*cps) * pack->count);
    if (cps == NULL) {
        font_why(why, why_len, "out of memory");
        return FMT_ERR_NOMEM;
    }
    for (size_t i = 0; i < pack->count; i++) {
        cps[i] = pack->glyphs[i].codepoint;
    }
    struct kern_src src = {pack->kern, pack->kern_count, cps, pack->count};
    int err = build(k, &src, why, why_len);
    free(cps);
    return err;
}

int font_kern_build_set(struct font_kern *k, const struct glyph_set *set, const uint32_t *cps,
                        char *why, size_t why_len)
{
    size_t n = glyph_set_kern_count(set);
    struct kern_src src = {n > 0 ? glyph_set_kern_pair(set, 0) : NULL, n, cps,
                           glyph_set_count(set)};
    return build(k, &src, why, why_len);
}

void font_kern_finish(struct font_kern *k)
{
    free(k->left);
    free(k->right);
    free(k->value);
    free(k->left_class);
    free(k->right_class);
    free(k->values);
    memset(k, 0, sizeof(*k));
}

int16_t font_kern_value(const struct font_kern *k, size_t l, size_t r)
{
    if (k->kind == FONT_KERN_CLASSES) {
        return k->values[(size_t)k->left_class[l] * k->right_count + k->right_class[r]];
    }
    for (size_t i = 0; i < k->npairs; i++) {
        if (k->left[i] == l && k->right[i] == r) {
            return k->value[i];
        }
    }
    return 0;
}
