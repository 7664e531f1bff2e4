// LVGL's image RLE (lvgl_image_zip.h). The encoder is greedy: a run of
// equal blocks becomes a repeat when that is shorter than carrying it
// inside a literal, counting the control byte a broken literal costs to
// restart.
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "lvgl_image_zip.h"

#define RLE_MAX 127u

struct rle {
    const uint8_t *in; // whole blocks, the last one possibly padded (`tail`)
    size_t nblocks;
    unsigned blk;
    uint8_t tail[4]; // the padded last block when len % blk != 0
    int padded;
    uint8_t *out;
    size_t n;
};

static const uint8_t *block(const struct rle *r, size_t i)
{
    return r->padded && i == r->nblocks - 1 ? r->tail : r->in + i * r->blk;
}

// Equal blocks starting at i, at most RLE_MAX; a padded last block never
// joins a run.
static size_t run_at(const struct rle *r, size_t i)
{
    size_t end = r->padded ? r->nblocks - 1 : r->nblocks;
    if (i >= end) {
        return 1;
    }
    size_t k = 1;
    while (k < RLE_MAX && i + k < end && memcmp(block(r, i), block(r, i + k), r->blk) == 0) {
        k++;
    }
    return k;
}

static void put_literal(struct rle *r, size_t first, size_t count)
{
    while (count > 0) {
        size_t k = count < RLE_MAX ? count : RLE_MAX;
        r->out[r->n++] = (uint8_t)(0x80u | k);
        for (size_t i = 0; i < k; i++) {
            memcpy(r->out + r->n, block(r, first + i), r->blk);
            r->n += r->blk;
        }
        first += k;
        count -= k;
    }
}

int lvgl_image_rle_encode(const uint8_t *in, size_t len, unsigned blk, uint8_t **out,
                          size_t *out_len)
{
    if (blk < 1 || blk > 4 || len == 0) {
        return FMT_ERR_INVALID_ARG;
    }
    struct rle r = {.in = in, .blk = blk, .nblocks = (len + blk - 1) / blk};
    if (len % blk != 0) {
        r.padded = 1;
        memset(r.tail, 0, sizeof(r.tail));
        memcpy(r.tail, in + (r.nblocks - 1) * blk, len % blk);
    }
    // Worst case: everything literal, one control byte per RLE_MAX blocks.
    size_t cap = r.nblocks * blk + r.nblocks / RLE_MAX + 1;
    r.out = malloc(cap);
    if (r.out == NULL) {
        return FMT_ERR_NOMEM;
    }
    // Inside a literal, a repeat of k blocks saves k * blk - (1 + blk) bytes
    // but the literal after it needs a new control byte.
    size_t mid = blk == 1 ? 4 : blk == 2 ? 3 : 2;
    size_t lit = 0, lit_len = 0;
    for (size_t i = 0; i < r.nblocks;) {
        size_t k = run_at(&r, i);
        if (k >= (lit_len > 0 ? mid : 2)) {
            put_literal(&r, lit, lit_len);
            lit_len = 0;
            r.out[r.n++] = (uint8_t)k;
            memcpy(r.out + r.n, block(&r, i), blk);
            r.n += blk;
            i += k;
            continue;
        }
        if (lit_len == 0) {
            lit = i;
        }
        lit_len += k; // k < the threshold: these blocks join the literal
        i += k;
    }
    put_literal(&r, lit, lit_len);
    *out = r.out;
    *out_len = r.n;
    return 0;
}
