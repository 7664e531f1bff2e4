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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void lvgl_bits_init(struct lvgl_bits *b)
{
    memset(b, 0, sizeof(*b));
}

void lvgl_bits_finish(struct lvgl_bits *b)
{
    free(b->buf);
    memset(b, 0, sizeof(*b));
}

// Makes room for `nbits` more bits (zero-filled), and 4 spare bytes.
static int reserve(struct lvgl_bits *b, size_t nbits)
{
    if (b->err < 0) {
        return -1;
    }
    size_t need = (b->nbits + nbits + 7) / 8 + 4;
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

int lvgl_bits_reserve(struct lvgl_bits *b, size_t nbits)
{
    return reserve(b, nbits);
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
        size_t i = 0;
        for (; i + 3 <= whole; i += 3) {
            uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 | src[i + 2];
            lvgl_bits_put_fast(b, v, 24);
        }
        for (; i < whole; i++) {
            lvgl_bits_put_fast(b, src[i], 8);
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
        r->run_bits[e] = malloc(sizeof(uint32_t) * (ROW + 1));
        if (r->cost[e] == NULL || r->act[e] == NULL || r->run_bits[e] == NULL) {
            lvgl_rle_finish(r);
            return FMT_ERR_NOMEM;
        }
        solve(r, e);
        r->run_bits[e][0] = 0;
        for (uint32_t k = 1; k <= ROW; k++) {
            r->run_bits[e][k] = bpp + r->cost[e][AT(ST_SINGLE, k - 1)];
        }
    }
    return 0;
}

void lvgl_rle_finish(struct lvgl_rle *r)
{
    for (int e = 0; e < 2; e++) {
        free(r->cost[e]);
        free(r->act[e]);
        free(r->run_bits[e]);
    }
    memset(r, 0, sizeof(*r));
}

// Bits for a run of `k` equal values, its first literal included; `end`
// when nothing follows.
static uint64_t run_cost(const struct lvgl_rle *r, size_t k, int end)
{
    if (k <= ROW) {
        return r->run_bits[end][k];
    }
    size_t rem = k - 1;
    size_t cycles = (rem - LVGL_RLE_TABLE_RUN + CYCLE_VALUES - 1) / CYCLE_VALUES;
    rem -= cycles * CYCLE_VALUES;
    return (uint64_t)cycles * (2 * r->bpp + 17) + r->run_bits[end][rem + 1];
}

// Where runs start: bit j set when v[j] != v[j - 1], for j = 0..7 (v[-1]
// must be readable). Values are below 16 (bpp <= 4), so a byte of the XOR
// is nonzero exactly when one of its low four bits is; those are gathered
// into one byte by a multiplication.
static inline unsigned run_starts8(const uint8_t *v)
{
    uint64_t cur, prev;
    memcpy(&cur, v, 8);
    memcpy(&prev, v - 1, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    cur = __builtin_bswap64(cur); // byte j at bits 8j..8j+7, as on little-endian hosts
    prev = __builtin_bswap64(prev);
#endif
    uint64_t d = cur ^ prev;
    d |= d >> 2;
    d |= d >> 1;
    d &= 0x0101010101010101ull;
    return (unsigned)((d * 0x0102040810204080ull) >> 56);
}

// Bits of a run of k values in closed form, valid up to 12 (see RUN below):
// bpp for k = 1, 2 * bpp + k - 1 when another run follows.
static inline uint64_t short_run_bits(unsigned bpp, size_t k)
{
    return k == 1 ? bpp : 2 * bpp + k - 1;
}

// Cost of a long run beyond the closed form summed for every run.
static uint64_t long_run_extra(const struct lvgl_rle *r, size_t k)
{
    return run_cost(r, k, 0) - short_run_bits(r->bpp, k);
}

// The closed form summed over all runs is (2 bpp - 1) R + n - bpp R1 (R
// runs, R1 of them one value long); runs longer than 12 and the glyph's
// last run are corrected from the tables. Runs are counted 8 values at a
// time from the positions where they start.
// Set bits of a 64-bit mask (no popcount instruction is assumed).
static inline unsigned popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

// Run starts at positions base .. base + 63 (bit j: base + j), base >= 1,
// positions from n on left out (v readable to v[base + 63]).
static inline uint64_t run_starts64(const uint8_t *v, size_t base, size_t n)
{
    uint64_t w = 0;
#if defined(__SSE2__)
    for (unsigned c = 0; c < 64; c += 16) { // 16 compares in one instruction
        __m128i cur = _mm_loadu_si128((const __m128i *)(const void *)(v + base + c));
        __m128i prev = _mm_loadu_si128((const __m128i *)(const void *)(v + base + c - 1));
        uint32_t eq = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(cur, prev));
        w |= (uint64_t)(~eq & 0xFFFFu) << c;
    }
#else
    for (unsigned c = 0; c < 64; c += 8) {
        w |= (uint64_t)run_starts8(v + base + c) << c;
    }
#endif
    return n - base < 64 ? w & ((1ull << (n - base)) - 1) : w;
}

// Exact extra bits of the runs longer than 12 between the starts of `w`
// (bit j: position base + j), one start after another.
static uint64_t inner_long_runs(const struct lvgl_rle *r, uint64_t w, size_t base)
{
    uint64_t extra = 0;
    size_t prev = base + (size_t)__builtin_ctzll(w);
    for (w &= w - 1; w != 0; w &= w - 1) {
        size_t at = base + (size_t)__builtin_ctzll(w);
        if (at - prev > 12) {
            extra += long_run_extra(r, at - prev);
        }
        prev = at;
    }
    return extra;
}

// Whether 12 positions in a row below the top start of `w` start no run:
// a run longer than 12 between two of its starts.
static inline int has_inner_gap(uint64_t w)
{
    unsigned top = 63 - (unsigned)__builtin_clzll(w);
    uint64_t z = ~w & (top == 63 ? ~0ull : ((1ull << top) - 1)); // zeros below the top start
    z &= ~((1ull << __builtin_ctzll(w)) - 1);                    // and above the first
    uint64_t r2 = z & (z >> 1), r4 = r2 & (r2 >> 2), r8 = r4 & (r4 >> 4);
    return (r8 & (r4 >> 8)) != 0; // 12 zeros from some bit up
}

uint64_t lvgl_rle_cost(const struct lvgl_rle *r, const uint8_t *v, size_t n)
{
    if (n == 0) {
        return 0;
    }
    unsigned bpp = r->bpp;
    uint64_t runs = 1, singles = 0, extra = 0;
    size_t last = 0;       // start of the latest run
    uint64_t prev_top = 1; // whether the position before the word starts a run (0 does)
    for (size_t base = 1; base < n; base += 64) {
        uint64_t w = run_starts64(v, base, n);
        if (w == 0) {
            prev_top = 0;
            continue;
        }
        runs += popcount64(w);
        // A run is one value long when the next position starts a run too.
        singles += popcount64(w & (w >> 1)) + (prev_top & w & 1u);
        size_t first = base + (size_t)__builtin_ctzll(w);
        if (first - last > 12) {
            extra += long_run_extra(r, first - last);
        }
        if (has_inner_gap(w)) {
            extra += inner_long_runs(r, w, base);
        }
        last = base + 63 - (size_t)__builtin_clzll(w);
        prev_top = w >> 63;
    }
    size_t k = n - last; // the last run: followed by nothing
    singles += k == 1;
    uint64_t bits = (2 * bpp - 1) * runs + n - bpp * singles + extra;
    return bits - short_run_bits(bpp, k) + run_cost(r, k, 1);
}

// A bit accumulator writing whole 32-bit words, most significant bit first.
struct acc {
    uint8_t *p;
    uint64_t bits;
    unsigned n; // bits held, < 32 between calls
    const struct lvgl_rle *r;
};

// Appends `n` <= 25 bits of v (v < 2^n).
static inline void acc_put(struct acc *a, uint32_t v, unsigned n)
{
    a->bits = (a->bits << n) | v;
    a->n += n;
    if (a->n >= 32) {
        a->n -= 32;
        uint32_t w = (uint32_t)(a->bits >> a->n);
        a->p[0] = (uint8_t)(w >> 24);
        a->p[1] = (uint8_t)(w >> 16);
        a->p[2] = (uint8_t)(w >> 8);
        a->p[3] = (uint8_t)w;
        a->p += 4;
    }
}

static void encode_long_run(struct acc *a, uint32_t v, size_t k, int end)
{
    const struct lvgl_rle *r = a->r;
    unsigned bpp = r->bpp;
    acc_put(a, v, bpp);
    size_t rem = k - 1;
    while (rem > LVGL_RLE_TABLE_RUN) { // whole counter cycles, SINGLE to SINGLE
        acc_put(a, v, bpp);
        acc_put(a, 0x7FF, 11);
        acc_put(a, COUNTER_MAX, 6);
        acc_put(a, v, bpp);
        rem -= CYCLE_VALUES;
    }
    unsigned state = ST_SINGLE;
    while (rem > 0) {
        uint8_t act = r->act[end][AT(state, rem)];
        if (act == ACT_LITERAL) {
            acc_put(a, v, bpp);
            state = ST_REPEAT0;
            rem--;
        } else if (act == ACT_ONE) {
            acc_put(a, 1, 1);
            state++;
            rem--;
        } else if (act == ACT_ZERO_LITERAL) {
            acc_put(a, v, 1 + bpp); // the 0 bit, then v
            state = ST_SINGLE;
            rem--;
        } else { // counter `act` from REPEATED with 10 bits read
            acc_put(a, (1u << 6) | act, 7);
            if (act == rem) {
                return; // the counter's closing literal starts the next run
            }
            acc_put(a, v, bpp);
            state = ST_SINGLE;
            rem -= (size_t)act + 1;
        }
    }
    if (!end && state != ST_SINGLE) {
        acc_put(a, 0, 1);
    }
}

// An accumulator continuing `out` where it ends: the bits of its last,
// partly written byte are taken back and rewritten.
static struct acc acc_start(struct lvgl_bits *out, const struct lvgl_rle *r)
{
    unsigned used = (unsigned)(out->nbits % 8);
    uint8_t *p = out->buf + out->nbits / 8;
    struct acc a = {p, used > 0 ? (uint64_t)(p[0] >> (8 - used)) : 0, used, r};
    return a;
}

// Ends an accumulator: its last bits, left-aligned, and the bit count.
static void acc_finish(struct acc *a, struct lvgl_bits *out)
{
    if (a->n > 0) {
        uint32_t w = (uint32_t)(a->bits << (32 - a->n));
        for (unsigned i = 0; i < (a->n + 7) / 8; i++) {
            a->p[i] = (uint8_t)(w >> (24 - 8 * i));
        }
    }
    out->nbits = (size_t)(a->p - out->buf) * 8 + a->n;
}

void lvgl_plain_encode(const uint8_t *v, size_t n, unsigned bpp, struct lvgl_bits *out)
{
    if (n == 0 || lvgl_bits_reserve(out, n * bpp + 64) < 0) {
        return;
    }
    if (bpp == 8 && out->nbits % 8 == 0) {
        memcpy(out->buf + out->nbits / 8, v, n);
        out->nbits += n * 8;
        return;
    }
    struct acc a = acc_start(out, NULL);
    size_t i = 0;
    unsigned per = 8 / bpp; // values per byte
    for (; i + per <= n; i += per) {
        uint32_t byte = 0;
        for (unsigned j = 0; j < per; j++) {
            byte = (byte << bpp) | v[i + j];
        }
        acc_put(&a, byte, 8);
    }
    for (; i < n; i++) {
        acc_put(&a, v[i], bpp);
    }
    acc_finish(&a, out);
}

// acc_put on local copies of the accumulator (stores through `p` may alias
// anything, so a struct's fields would be reloaded after each).
#define PUT(value, count)                                                                          \
    do {                                                                                           \
        bits = (bits << (count)) | (value);                                                        \
        nb += (count);                                                                             \
        if (nb >= 32) {                                                                            \
            nb -= 32;                                                                              \
            uint32_t w_ = (uint32_t)(bits >> nb);                                                  \
            p[0] = (uint8_t)(w_ >> 24);                                                            \
            p[1] = (uint8_t)(w_ >> 16);                                                            \
            p[2] = (uint8_t)(w_ >> 8);                                                             \
            p[3] = (uint8_t)w_;                                                                    \
            p += 4;                                                                                \
        }                                                                                          \
    } while (0)

// One run of k values v; `end` when it ends the glyph. Runs of up to 12
// take the table's choice in closed form: the literal, once more to enter
// REPEATED, k - 2 repeat bits, and a 0 before the next run's literal.
#define RUN(v, k, end)                                                                             \
    do {                                                                                           \
        uint32_t v_ = (v);                                                                         \
        size_t k_ = (k);                                                                           \
        if (k_ == 1) {                                                                             \
            PUT(v_, bpp);                                                                          \
        } else if (k_ <= 12) {                                                                     \
            uint32_t b_ = ((((v_ << bpp) | v_) << (k_ - 2)) | ((1u << (k_ - 2)) - 1));             \
            unsigned n_ = 2 * bpp + (unsigned)k_ - 2;                                              \
            if (!(end)) {                                                                          \
                b_ <<= 1;                                                                          \
                n_++;                                                                              \
            }                                                                                      \
            PUT(b_, n_);                                                                           \
        } else {                                                                                   \
            struct acc a_ = {p, bits, nb, r};                                                      \
            encode_long_run(&a_, v_, k_, (end));                                                   \
            p = a_.p;                                                                              \
            bits = a_.bits;                                                                        \
            nb = a_.n;                                                                             \
        }                                                                                          \
    } while (0)

void lvgl_rle_encode(const struct lvgl_rle *r, const uint8_t *v, size_t n, struct lvgl_bits *out)
{
    if (n == 0 || lvgl_bits_reserve(out, n * (r->bpp + 1) + 64) < 0) {
        return;
    }
    struct acc a = acc_start(out, r);
    uint8_t *p = a.p;
    uint64_t bits = a.bits;
    unsigned nb = a.n, bpp = r->bpp;
    size_t run = 0; // start of the run not written yet
    for (size_t base = 1; base < n; base += 64) {
        for (uint64_t m = run_starts64(v, base, n); m != 0; m &= m - 1) {
            size_t at = base + (size_t)__builtin_ctzll(m);
            RUN(v[run], at - run, 0);
            run = at;
        }
    }
    RUN(v[run], n - run, 1);
    a = (struct acc){p, bits, nb, r};
    acc_finish(&a, out);
}

void lvgl_rle_prefilter(uint8_t *restrict out, const uint8_t *restrict v, uint32_t w, uint32_t h)
{
    size_t n = (size_t)w * h, i = w < n ? w : n;
    if (n == 0) {
        return;
    }
    memcpy(out, v, i);
    typedef uint8_t u8x16 __attribute__((vector_size(16)));
    for (; i + 16 <= n; i += 16) { // 16 values a step; the rest one by one
        u8x16 a, b;
        memcpy(&a, v + i, 16);
        memcpy(&b, v + i - w, 16);
        a ^= b;
        memcpy(out + i, &a, 16);
    }
    for (; i < n; i++) {
        out[i] = v[i] ^ v[i - w];
    }
}
