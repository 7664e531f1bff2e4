// LVGL cmap subtables: the cheapest split of a font's code points, by
// dynamic programming over prefixes, in linear time. Glyph ids follow code
// point order, so the "tiny" kinds (no glyph id list) always suffice:
// - format 0 tiny: a run of consecutive code points, 16 bytes;
// - format 0 full: code points within 256 of each other, 16 bytes plus one
//   byte per code point of the range (0 marks the missing ones);
// - sparse tiny: code points within 65535, 16 bytes plus 2 per code point.
// The byte counts are the binary format's (lv_binfont_loader); the C
// structures grow alike. Equal costs prefer the kinds LVGL looks up
// without a search (tiny, then format 0).
#include <stdlib.h>

#include "formats/error.h"
#include "lvgl_font_model.h"

#define TABLE_BYTES 16
#define RANGE_MAX   65535u // range_length is a uint16_t
#define FULL_SPAN   256u   // glyph id offsets of format 0 full are uint8_t

struct choice {
    size_t from; // the subtable covers code points from .. i - 1
    enum lvgl_cmap_type type;
};

// Sliding-window minimum of key[j] over a window whose both ends only move
// right: a deque of candidate indices with increasing keys.
struct window {
    size_t *idx;
    size_t head, tail;
};

static void window_push(struct window *w, const int64_t *key, size_t j)
{
    while (w->tail > w->head && key[w->idx[w->tail - 1]] >= key[j]) {
        w->tail--;
    }
    w->idx[w->tail++] = j;
}

// Drops candidates whose code point is more than `span` - 1 below `last`.
static void window_trim(struct window *w, const uint32_t *cps, uint32_t last, uint32_t span)
{
    while (w->head < w->tail && last - cps[w->idx[w->head]] >= span) {
        w->head++;
    }
}

// best[i]: cost of the first i code points; keys of the windows: the part of
// a subtable's cost that depends on where it starts.
static void solve(const uint32_t *cps, size_t n, int64_t *best, struct choice *ch,
                  struct window *sparse, int64_t *sparse_key, struct window *full,
                  int64_t *full_key)
{
    size_t run_start = 0; // first index of the consecutive run holding i - 1
    best[0] = 0;
    for (size_t i = 1; i <= n; i++) {
        size_t j = i - 1; // a subtable may start at code point j
        uint32_t last = cps[i - 1];
        if (j > 0 && cps[j] != cps[j - 1] + 1) {
            run_start = j;
        }
        sparse_key[j] = best[j] - 2 * (int64_t)j;
        full_key[j] = best[j] - (int64_t)cps[j];
        window_push(sparse, sparse_key, j);
        window_push(full, full_key, j);
        window_trim(sparse, cps, last, RANGE_MAX);
        window_trim(full, cps, last, FULL_SPAN);

        // best[] never decreases, so the earliest start is the best tiny one.
        size_t t = i - run_start > RANGE_MAX ? i - RANGE_MAX : run_start;
        best[i] = best[t] + TABLE_BYTES;
        ch[i] = (struct choice){t, LVGL_CMAP_FORMAT0_TINY};
        size_t f = full->idx[full->head];
        int64_t cost = full_key[f] + TABLE_BYTES + (int64_t)last + 1;
        if (cost < best[i]) {
            best[i] = cost;
            ch[i] = (struct choice){f, LVGL_CMAP_FORMAT0_FULL};
        }
        size_t s = sparse->idx[sparse->head];
        cost = sparse_key[s] + TABLE_BYTES + 2 * (int64_t)i;
        if (cost < best[i]) {
            best[i] = cost;
            ch[i] = (struct choice){s, LVGL_CMAP_SPARSE_TINY};
        }
    }
}

int lvgl_cmap_split(const uint32_t *cps, size_t n, struct lvgl_cmap **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    int64_t *best = malloc(sizeof(*best) * (n + 1));
    int64_t *keys = malloc(sizeof(*keys) * 2 * (n + 1));
    struct choice *ch = malloc(sizeof(*ch) * (n + 1));
    size_t *idx = malloc(sizeof(*idx) * 2 * (n + 1));
    struct lvgl_cmap *cm = NULL;
    int err = FMT_ERR_NOMEM;
    if (best == NULL || keys == NULL || ch == NULL || idx == NULL) {
        goto out;
    }
    struct window sparse = {idx, 0, 0}, full = {idx + n + 1, 0, 0};
    solve(cps, n, best, ch, &sparse, keys, &full, keys + n + 1);
    size_t count = 0;
    for (size_t i = n; i > 0; i = ch[i].from) {
        count++;
    }
    cm = malloc(sizeof(*cm) * (count > 0 ? count : 1));
    if (cm == NULL) {
        goto out;
    }
    size_t k = count;
    for (size_t i = n; i > 0; i = ch[i].from) {
        size_t from = ch[i].from;
        cm[--k] = (struct lvgl_cmap){
            .type = ch[i].type,
            .first = from,
            .count = i - from,
            .range_start = cps[from],
            .range_length = cps[i - 1] - cps[from] + 1,
        };
    }
    *out = cm;
    *nout = count;
    err = 0;
out:
    free(best);
    free(keys);
    free(ch);
    free(idx);
    return err;
}
