// BLAKE2s (RFC 7693). Sequential and compact: one G routine driven by the
// message schedule table, so the code stays small at -Os.
#include "fwl/blake2s.h"

#include <string.h>

#include "fwl_endian.h"

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

// Column then diagonal positions of (a, b, c, d) for the eight G calls.
static const uint8_t blake2s_lanes[8][4] = {
    {0, 4, 8, 12},  {1, 5, 9, 13},  {2, 6, 10, 14}, {3, 7, 11, 15},
    {0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13},  {3, 4, 9, 14},
};

static inline uint32_t rotr32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

static void compress(struct fwl_blake2s_ctx *ctx, const uint8_t block[64], uint32_t last)
{
    uint32_t m[16];
    uint32_t v[16];
    for (int i = 0; i < 16; i++) {
        m[i] = load32_le(block + 4 * i);
    }
    for (int i = 0; i < 8; i++) {
        v[i] = ctx->h[i];
        v[i + 8] = blake2s_iv[i];
    }
    v[12] ^= ctx->t[0];
    v[13] ^= ctx->t[1];
    v[14] ^= last;
    for (int r = 0; r < 10; r++) {
        const uint8_t *s = blake2s_sigma[r];
        for (int g = 0; g < 8; g++) {
            const uint8_t *l = blake2s_lanes[g];
            uint32_t a = v[l[0]], b = v[l[1]], c = v[l[2]], d = v[l[3]];
            a = a + b + m[s[2 * g]];
            d = rotr32(d ^ a, 16);
            c = c + d;
            b = rotr32(b ^ c, 12);
            a = a + b + m[s[2 * g + 1]];
            d = rotr32(d ^ a, 8);
            c = c + d;
            b = rotr32(b ^ c, 7);
            v[l[0]] = a;
            v[l[1]] = b;
            v[l[2]] = c;
            v[l[3]] = d;
        }
    }
    for (int i = 0; i < 8; i++) {
        ctx->h[i] ^= v[i] ^ v[i + 8];
    }
}

static void counter_add(struct fwl_blake2s_ctx *ctx, uint32_t n)
{
    ctx->t[0] += n;
    if (ctx->t[0] < n) {
        ctx->t[1]++;
    }
}

void fwl_blake2s_init_keyed(struct fwl_blake2s_ctx *ctx, size_t out_len, const uint8_t *key,
                            size_t key_len)
{
    if (out_len < 1) {
        out_len = 1;
    }
    if (out_len > FWL_BLAKE2S_OUT_MAX) {
        out_len = FWL_BLAKE2S_OUT_MAX;
    }
    if (key == NULL || key_len > FWL_BLAKE2S_KEY_MAX) {
        key_len = key == NULL ? 0 : FWL_BLAKE2S_KEY_MAX;
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
        ctx->buf_len = FWL_BLAKE2S_BLOCK;
    }
}

void fwl_blake2s_init(struct fwl_blake2s_ctx *ctx, size_t out_len)
{
    fwl_blake2s_init_keyed(ctx, out_len, NULL, 0);
}

void fwl_blake2s_update(struct fwl_blake2s_ctx *ctx, const uint8_t *in, size_t len)
{
    // The last block must be compressed with the final flag, so a full buffer
    // is only compressed once more input is known to follow.
    while (len > 0) {
        if (ctx->buf_len == FWL_BLAKE2S_BLOCK) {
            counter_add(ctx, FWL_BLAKE2S_BLOCK);
            compress(ctx, ctx->buf, 0);
            ctx->buf_len = 0;
        }
        if (ctx->buf_len == 0) {
            // Whole blocks straight from the input (zero-copy for XIP flash).
            while (len > FWL_BLAKE2S_BLOCK) {
                counter_add(ctx, FWL_BLAKE2S_BLOCK);
                compress(ctx, in, 0);
                in += FWL_BLAKE2S_BLOCK;
                len -= FWL_BLAKE2S_BLOCK;
            }
        }
        size_t n = FWL_BLAKE2S_BLOCK - ctx->buf_len;
        if (n > len) {
            n = len;
        }
        memcpy(ctx->buf + ctx->buf_len, in, n);
        ctx->buf_len += n;
        in += n;
        len -= n;
    }
}

void fwl_blake2s_final(struct fwl_blake2s_ctx *ctx, uint8_t *out)
{
    uint8_t digest[32];
    counter_add(ctx, (uint32_t)ctx->buf_len);
    memset(ctx->buf + ctx->buf_len, 0, FWL_BLAKE2S_BLOCK - ctx->buf_len);
    compress(ctx, ctx->buf, 0xFFFFFFFFu);
    for (int i = 0; i < 8; i++) {
        store32_le(digest + 4 * i, ctx->h[i]);
    }
    memcpy(out, digest, ctx->out_len);
    // Keyed contexts held the key; never leave state behind.
    memset(ctx, 0, sizeof *ctx);
}

void fwl_blake2s(uint8_t out[32], const uint8_t *in, size_t len)
{
    struct fwl_blake2s_ctx ctx;
    fwl_blake2s_init(&ctx, 32);
    fwl_blake2s_update(&ctx, in, len);
    fwl_blake2s_final(&ctx, out);
}
