// LVGL's compressed glyph bitmaps. The format, as LVGL 9's decoder
// (lv_font_fmt_txt.c) reads it, one glyph at a time, values of `bpp` bits
// MSB first, rows concatenated:
//
// - SINGLE state (the start): read a literal value and output it. If it is
//   not the glyph's first value and equals the previous one, switch to
//   REPEATED with a bit count of 0.
// - REPEATED: read one bit, count it. A 1 outputs the previous value again;
//   the 11th such bit is followed by a 6-bit counter c: c > 0 outputs the
//   previous value c - 1 more times and then a fresh literal (COUNTER
//   state); c = 0 outputs a fresh literal instead. A 0 bit is followed by a
//   literal, output, and back to SINGLE.
//
// The decoder's choices are forced by the values except where a run may
// end early ("0" + the same literal) and how long counters are, so an
// encoder is free only there. lvgl_rle_init solves that choice exactly for
// every run length up to LVGL_RLE_TABLE_RUN by dynamic programming over the
// decoder's states; longer runs first take whole 75-value counter cycles.
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "lvgl_rle.h"

void lvgl_bits_init(struct lvgl_bits *b)
{
    memset(b, 0, sizeof(*b));
}

void lvgl_bits_finish(struct lvgl_bits *b)
{
    free(b->buf);
    memset(b, 0, sizeof(*b));
}

// Makes room for `nbits` more bits (zero-filled).
static int reserve(struct lvgl_bits *b, size_t nbits)
{
    if (b->err < 0) {
        return -1;
    }
    size_t need = (b->nbits + nbits + 7) / 8 + 1;
    if (need <= b->cap) {
        return 0;
    }
    size_t cap = b->cap < 256 ? 256 : b->cap;
    while (cap < need) {
        cap *= 2;
    }
    uint8_t *p = realloc(b->buf, cap);
    if (p == NULL) {
        b->err = FMT_ERR_NOMEM;
        return -1;
    }
    memset(p + b->cap, 0, cap - b->cap);
    b->buf = p;
    b->cap = cap;
    return 0;
}

void lvgl_bits_put(struct lvgl_bits *b, uint32_t v, unsigned n)
{
    if (n == 0 || reserve(b, n) < 0) {
        return;
    }
    for (unsigned i = n; i > 0;) {
        size_t byte = b->nbits / 8;
        unsigned used = (unsigned)(b->nbits % 8), room = 8 - used;
        unsigned take = i < room ? i : room;
        uint32_t chunk = (v >> (i - take)) & ((1u << take) - 1);
        b->buf[byte] = (uint8_t)(b->buf[byte] | (chunk << (room - take)));
        b->nbits += take;
        i -= take;
    }
}

void lvgl_bits_append(struct lvgl_bits *b, const uint8_t *src, size_t nbits)
{
    if (nbits == 0 || reserve(b, nbits) < 0) {
        return;
    }
    size_t whole = nbits / 8;
    if (b->nbits % 8 == 0) {
        memcpy(b->buf + b->nbits / 8, src, whole);
        b->nbits += whole * 8;
    } else {
        for (size_t i = 0; i < whole; i++) {
            lvgl_bits_put(b, src[i], 8);
        }
    }
    unsigned rest = (unsigned)(nbits % 8);
    if (rest > 0) {
        lvgl_bits_put(b, (uint32_t)(src[whole] >> (8 - rest)), rest);
    }
}

void lvgl_bits_align(struct lvgl_bits *b)
{
    unsigned used = (unsigned)(b->nbits % 8);
    if (used != 0 && reserve(b, 8 - used) == 0) {
        b->nbits += 8 - used;
    }
}

size_t lvgl_bits_bytes(const struct lvgl_bits *b)
{
    return (b->nbits + 7) / 8;
}

// Decoder states at a step boundary: after a literal, or REPEATED with j
// bits read (j = 0..10).
enum { ST_SINGLE = 0, ST_REPEAT0 = 1, ST_COUNT = 12 };
// Actions: a literal (from SINGLE), a repeat bit, "0" + a literal, and
// counter values 1..63 (from REPEATED with 10 bits read).
enum { ACT_LITERAL = 0, ACT_ONE = 64, ACT_ZERO_LITERAL = 65 };
#define COUNTER_MAX  63u
#define CYCLE_VALUES 75u // from SINGLE: literal, 10 ones, one + counter 63, literal

#define ROW            (LVGL_RLE_TABLE_RUN + 1)
#define AT(state, rem) ((size_t)(state)*ROW + (rem))

// Fills the tables for one ending: `end` 1 when nothing follows the run.
static void solve(struct lvgl_rle *r, int end)
{
    uint32_t *c = r->cost[end];
    uint8_t *a = r->act[end];
    uint32_t lit = r->bpp;
    for (unsigned s = 0; s < ST_COUNT; s++) {
        // A run left in REPEATED needs the "0" before the next literal.
        c[AT(s, 0)] = (!end && s != ST_SINGLE) ? 1 : 0;
        a[AT(s, 0)] = ACT_LITERAL;
    }
    for (uint32_t rem = 1; rem <= LVGL_RLE_TABLE_RUN; rem++) {
        uint32_t restart = 1 + lit + c[AT(ST_SINGLE, rem - 1)]; // "0" + literal
        c[AT(ST_SINGLE, rem)] = lit + c[AT(ST_REPEAT0, rem - 1)];
        a[AT(ST_SINGLE, rem)] = ACT_LITERAL;
        for (unsigned j = 0; j < 10; j++) {
            uint32_t one = 1 + c[AT(ST_REPEAT0 + j + 1, rem - 1)];
            c[AT(ST_REPEAT0 + j, rem)] = one <= restart ? one : restart;
            a[AT(ST_REPEAT0 + j, rem)] = one <= restart ? ACT_ONE : ACT_ZERO_LITERAL;
        }
        uint32_t best = restart;
        uint8_t act = ACT_ZERO_LITERAL;
        for (uint32_t k = 1; k <= COUNTER_MAX && k <= rem; k++) {
            // The 11th one and counter k emit k values; then a literal, which
            // is the run's own value unless the run ends exactly there.
            uint32_t cost = 7 + (k == rem ? 0 : lit + c[AT(ST_SINGLE, rem - k - 1)]);
            if (cost < best) {
                best = cost;
                act = (uint8_t)k;
            }
        }
        c[AT(ST_REPEAT0 + 10, rem)] = best;
        a[AT(ST_REPEAT0 + 10, rem)] = act;
    }
}

int lvgl_rle_init(struct lvgl_rle *r, unsigned bpp)
{
    memset(r, 0, sizeof(*r));
    if (bpp < 2 || bpp > 4) {
        return FMT_ERR_INVALID_ARG;
    }
    r->bpp = bpp;
    for (int e = 0; e < 2; e++) {
        r->cost[e] = malloc(sizeof(uint32_t) * ST_COUNT * ROW);
        r->act[e] = malloc(ST_COUNT * ROW);
        if (r->cost[e] == NULL || r->act[e] == NULL) {
            lvgl_rle_finish(r);
            return FMT_ERR_NOMEM;
        }
        solve(r, e);
    }
    return 0;
}

void lvgl_rle_finish(struct lvgl_rle *r)
{
    for (int e = 0; e < 2; e++) {
        free(r->cost[e]);
        free(r->act[e]);
    }
    memset(r, 0, sizeof(*r));
}

// Bits for a run of `k` equal values after its first literal... and the
// literal itself; `end` when nothing follows.
static uint64_t run_cost(const struct lvgl_rle *r, size_t k, int end)
{
    uint64_t bits = r->bpp;
    size_t rem = k - 1;
    if (rem > LVGL_RLE_TABLE_RUN) {
        size_t cycles = (rem - LVGL_RLE_TABLE_RUN + CYCLE_VALUES - 1) / CYCLE_VALUES;
        bits += (uint64_t)cycles * (2 * r->bpp + 17);
        rem -= cycles * CYCLE_VALUES;
    }
    return bits + r->cost[end][AT(ST_SINGLE, rem)];
}

uint64_t lvgl_rle_cost(const struct lvgl_rle *r, const uint8_t *v, size_t n)
{
    uint64_t bits = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && v[j] == v[i]) {
            j++;
        }
        bits += run_cost(r, j - i, j == n);
        i = j;
    }
    return bits;
}

static void encode_run(const struct lvgl_rle *r, uint32_t v, size_t k, int end,
                       struct lvgl_bits *out)
{
    unsigned bpp = r->bpp;
    lvgl_bits_put(out, v, bpp);
    size_t rem = k - 1;
    while (rem > LVGL_RLE_TABLE_RUN) { // whole counter cycles, SINGLE to SINGLE
        lvgl_bits_put(out, v, bpp);
        lvgl_bits_put(out, 0x7FF, 11);
        lvgl_bits_put(out, COUNTER_MAX, 6);
        lvgl_bits_put(out, v, bpp);
        rem -= CYCLE_VALUES;
    }
    unsigned state = ST_SINGLE;
    while (rem > 0) {
        uint8_t act = r->act[end][AT(state, rem)];
        if (act == ACT_LITERAL) {
            lvgl_bits_put(out, v, bpp);
            state = ST_REPEAT0;
            rem--;
        } else if (act == ACT_ONE) {
            lvgl_bits_put(out, 1, 1);
            state++;
            rem--;
        } else if (act == ACT_ZERO_LITERAL) {
            lvgl_bits_put(out, v, 1 + bpp); // the 0 bit, then v
            state = ST_SINGLE;
            rem--;
        } else { // counter `act` from REPEATED with 10 bits read
            lvgl_bits_put(out, (1u << 6) | act, 7);
            if (act == rem) {
                return; // the counter's closing literal starts the next run
            }
            lvgl_bits_put(out, v, bpp);
            state = ST_SINGLE;
            rem -= (size_t)act + 1;
        }
    }
    if (!end && state != ST_SINGLE) {
        lvgl_bits_put(out, 0, 1);
    }
}

void lvgl_rle_encode(const struct lvgl_rle *r, const uint8_t *v, size_t n, struct lvgl_bits *out)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && v[j] == v[i]) {
            j++;
        }
        encode_run(r, v[i], j - i, j == n, out);
        i = j;
    }
}

void lvgl_rle_prefilter(uint8_t *v, uint32_t w, uint32_t h)
{
    for (uint32_t y = h; y-- > 1;) {
        uint8_t *row = v + (size_t)y * w;
        const uint8_t *above = row - w;
        for (uint32_t x = 0; x < w; x++) {
            row[x] ^= above[x];
        }
    }
}
