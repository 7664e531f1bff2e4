// BLAKE2s (RFC 7693). Sequential and compact: one G routine driven by the
// message schedule table, so the code stays small at -Os.
#include "wire/blake2s.h"

#include <string.h>

#include "wire/bundle_wire.h"

static const uint32_t blake2s_iv[8] = {
    0x6A09E667u, 0xBB67AE85u, 0x3C6EF372u, 0xA54FF53Au,
    0x510E527Fu, 0x9B05688Cu, 0x1F83D9ABu, 0x5BE0CD19u,
};

// RFC 7693 section 2.7, rows 0..9 (rounds 10..11 reuse rows 0..1).
static const uint8_t blake2s_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

static inline uint32_t rotr32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

// The mixing function G on four named state words, message words x and y.
#define G(a, b, c, d, x, y)                                                                        \
    do {                                                                                           \
        a += b + (x);                                                                              \
        d = rotr32(d ^ a, 16);                                                                     \
        c += d;                                                                                    \
        b = rotr32(b ^ c, 12);                                                                     \
        a += b + (y);                                                                              \
        d = rotr32(d ^ a, 8);                                                                      \
        c += d;                                                                                    \
        b = rotr32(b ^ c, 7);                                                                      \
    } while (0)

// The ten rounds on chained state h and message words m. One round is
// unrolled (state in locals, so mostly in registers) and the rounds are a loop
// over the schedule table, which keeps the code small. m arrives as a pointer
// so it stays in a register as the base of the indexed loads.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static void
rounds(uint32_t h[8], const uint32_t *m, const uint32_t t[2], uint32_t last)
{
    uint32_t v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3];
    uint32_t v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
    uint32_t v8 = blake2s_iv[0], v9 = blake2s_iv[1], v10 = blake2s_iv[2], v11 = blake2s_iv[3];
    uint32_t v12 = blake2s_iv[4] ^ t[0], v13 = blake2s_iv[5] ^ t[1];
    uint32_t v14 = blake2s_iv[6] ^ last, v15 = blake2s_iv[7];
    for (int r = 0; r < 10; r++) {
        const uint8_t *s = blake2s_sigma[r];
        G(v0, v4, v8, v12, m[s[0]], m[s[1]]);
        G(v1, v5, v9, v13, m[s[2]], m[s[3]]);
        G(v2, v6, v10, v14, m[s[4]], m[s[5]]);
        G(v3, v7, v11, v15, m[s[6]], m[s[7]]);
        G(v0, v5, v10, v15, m[s[8]], m[s[9]]);
        G(v1, v6, v11, v12, m[s[10]], m[s[11]]);
        G(v2, v7, v8, v13, m[s[12]], m[s[13]]);
        G(v3, v4, v9, v14, m[s[14]], m[s[15]]);
    }
    h[0] ^= v0 ^ v8;
    h[1] ^= v1 ^ v9;
    h[2] ^= v2 ^ v10;
    h[3] ^= v3 ^ v11;
    h[4] ^= v4 ^ v12;
    h[5] ^= v5 ^ v13;
    h[6] ^= v6 ^ v14;
    h[7] ^= v7 ^ v15;
}

static void compress(struct bundle_blake2s_ctx *ctx, const uint8_t block[64], uint32_t last)
{
    uint32_t m[16];
    for (int i = 0; i < 16; i++) {
        m[i] = bundle_load_u32(block + 4 * i);
    }
    rounds(ctx->h, m, ctx->t, last);
}

static void counter_add(struct bundle_blake2s_ctx *ctx, uint32_t n)
{
    ctx->t[0] += n;
    if (ctx->t[0] < n) {
        ctx->t[1]++;
    }
}

void bundle_blake2s_init_keyed(struct bundle_blake2s_ctx *ctx, size_t out_len, const uint8_t *key,
                               size_t key_len)
{
    if (out_len < 1) {
        out_len = 1;
    }
    if (out_len > BUNDLE_BLAKE2S_OUT_MAX) {
        out_len = BUNDLE_BLAKE2S_OUT_MAX;
    }
    if (key == NULL || key_len > BUNDLE_BLAKE2S_KEY_MAX) {
        key_len = key == NULL ? 0 : BUNDLE_BLAKE2S_KEY_MAX;
    }
    for (int i = 0; i < 8; i++) {
        ctx->h[i] = blake2s_iv[i];
    }
    // Parameter block word 0: digest length, key length, fanout 1, depth 1.
    ctx->h[0] ^= 0x01010000u ^ ((uint32_t)key_len << 8) ^ (uint32_t)out_len;
    ctx->t[0] = 0;
    ctx->t[1] = 0;
    ctx->out_len = out_len;
    ctx->buf_len = 0;
    memset(ctx->buf, 0, sizeof ctx->buf);
    if (key_len > 0) {
        // The key is one zero-padded block of input.
        memcpy(ctx->buf, key, key_len);
        ctx->buf_len = BUNDLE_BLAKE2S_BLOCK;
    }
}

void bundle_blake2s_init(struct bundle_blake2s_ctx *ctx, size_t out_len)
{
    bundle_blake2s_init_keyed(ctx, out_len, NULL, 0);
}

void bundle_blake2s_update(struct bundle_blake2s_ctx *ctx, const uint8_t *in, size_t len)
{
    // The last block must be compressed with the final flag, so a full buffer
    // is only compressed once more input is known to follow.
    while (len > 0) {
        if (ctx->buf_len == BUNDLE_BLAKE2S_BLOCK) {
            counter_add(ctx, BUNDLE_BLAKE2S_BLOCK);
            compress(ctx, ctx->buf, 0);
            ctx->buf_len = 0;
        }
        if (ctx->buf_len == 0) {
            // Whole blocks straight from the input (zero-copy for XIP flash).
            while (len > BUNDLE_BLAKE2S_BLOCK) {
                counter_add(ctx, BUNDLE_BLAKE2S_BLOCK);
                compress(ctx, in, 0);
                in += BUNDLE_BLAKE2S_BLOCK;
                len -= BUNDLE_BLAKE2S_BLOCK;
            }
        }
        size_t n = BUNDLE_BLAKE2S_BLOCK - ctx->buf_len;
        if (n > len) {
            n = len;
        }
        memcpy(ctx->buf + ctx->buf_len, in, n);
        ctx->buf_len += n;
        in += n;
        len -= n;
    }
}

void bundle_blake2s_final(struct bundle_blake2s_ctx *ctx, uint8_t *out)
{
    uint8_t digest[32];
    counter_add(ctx, (uint32_t)ctx->buf_len);
    memset(ctx->buf + ctx->buf_len, 0, BUNDLE_BLAKE2S_BLOCK - ctx->buf_len);
    compress(ctx, ctx->buf, 0xFFFFFFFFu);
    for (int i = 0; i < 8; i++) {
        bundle_store_u32(digest + 4 * i, ctx->h[i]);
    }
    memcpy(out, digest, ctx->out_len);
    // Keyed contexts held the key; never leave state behind.
    memset(ctx, 0, sizeof *ctx);
}

void bundle_blake2s(uint8_t out[32], const uint8_t *in, size_t len)
{
    struct bundle_blake2s_ctx ctx;
    bundle_blake2s_init(&ctx, 32);
    bundle_blake2s_update(&ctx, in, len);
    bundle_blake2s_final(&ctx, out);
}
