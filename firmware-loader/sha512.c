// SHA-512 (FIPS 180-4). Rolled loops with a 16-word message schedule, so the
// code stays small; it only hashes the short signed metadata.
#include "fwl/sha512.h"

#include <string.h>

#include "fwl_endian.h"

// FIPS 180-4 section 4.2.3: first 64 bits of the fractional parts of the
// cube roots of the first 80 primes.
static const uint64_t sha512_k[80] = {
    UINT64_C(0x428a2f98d728ae22), UINT64_C(0x7137449123ef65cd), UINT64_C(0xb5c0fbcfec4d3b2f),
    UINT64_C(0xe9b5dba58189dbbc), UINT64_C(0x3956c25bf348b538), UINT64_C(0x59f111f1b605d019),
    UINT64_C(0x923f82a4af194f9b), UINT64_C(0xab1c5ed5da6d8118), UINT64_C(0xd807aa98a3030242),
    UINT64_C(0x12835b0145706fbe), UINT64_C(0x243185be4ee4b28c), UINT64_C(0x550c7dc3d5ffb4e2),
    UINT64_C(0x72be5d74f27b896f), UINT64_C(0x80deb1fe3b1696b1), UINT64_C(0x9bdc06a725c71235),
    UINT64_C(0xc19bf174cf692694), UINT64_C(0xe49b69c19ef14ad2), UINT64_C(0xefbe4786384f25e3),
    UINT64_C(0x0fc19dc68b8cd5b5), UINT64_C(0x240ca1cc77ac9c65), UINT64_C(0x2de92c6f592b0275),
    UINT64_C(0x4a7484aa6ea6e483), UINT64_C(0x5cb0a9dcbd41fbd4), UINT64_C(0x76f988da831153b5),
    UINT64_C(0x983e5152ee66dfab), UINT64_C(0xa831c66d2db43210), UINT64_C(0xb00327c898fb213f),
    UINT64_C(0xbf597fc7beef0ee4), UINT64_C(0xc6e00bf33da88fc2), UINT64_C(0xd5a79147930aa725),
    UINT64_C(0x06ca6351e003826f), UINT64_C(0x142929670a0e6e70), UINT64_C(0x27b70a8546d22ffc),
    UINT64_C(0x2e1b21385c26c926), UINT64_C(0x4d2c6dfc5ac42aed), UINT64_C(0x53380d139d95b3df),
    UINT64_C(0x650a73548baf63de), UINT64_C(0x766a0abb3c77b2a8), UINT64_C(0x81c2c92e47edaee6),
    UINT64_C(0x92722c851482353b), UINT64_C(0xa2bfe8a14cf10364), UINT64_C(0xa81a664bbc423001),
    UINT64_C(0xc24b8b70d0f89791), UINT64_C(0xc76c51a30654be30), UINT64_C(0xd192e819d6ef5218),
    UINT64_C(0xd69906245565a910), UINT64_C(0xf40e35855771202a), UINT64_C(0x106aa07032bbd1b8),
    UINT64_C(0x19a4c116b8d2d0c8), UINT64_C(0x1e376c085141ab53), UINT64_C(0x2748774cdf8eeb99),
    UINT64_C(0x34b0bcb5e19b48a8), UINT64_C(0x391c0cb3c5c95a63), UINT64_C(0x4ed8aa4ae3418acb),
    UINT64_C(0x5b9cca4f7763e373), UINT64_C(0x682e6ff3d6b2b8a3), UINT64_C(0x748f82ee5defb2fc),
    UINT64_C(0x78a5636f43172f60), UINT64_C(0x84c87814a1f0ab72), UINT64_C(0x8cc702081a6439ec),
    UINT64_C(0x90befffa23631e28), UINT64_C(0xa4506cebde82bde9), UINT64_C(0xbef9a3f7b2c67915),
    UINT64_C(0xc67178f2e372532b), UINT64_C(0xca273eceea26619c), UINT64_C(0xd186b8c721c0c207),
    UINT64_C(0xeada7dd6cde0eb1e), UINT64_C(0xf57d4f7fee6ed178), UINT64_C(0x06f067aa72176fba),
    UINT64_C(0x0a637dc5a2c898a6), UINT64_C(0x113f9804bef90dae), UINT64_C(0x1b710b35131c471b),
    UINT64_C(0x28db77f523047d84), UINT64_C(0x32caab7b40c72493), UINT64_C(0x3c9ebe0a15c9bebc),
    UINT64_C(0x431d67c49c100d4c), UINT64_C(0x4cc5d4becb3e42b6), UINT64_C(0x597f299cfc657e2a),
    UINT64_C(0x5fcb6fab3ad6faec), UINT64_C(0x6c44198c4a475817)};

// Section 5.3.5: square roots of the first 8 primes.
static const uint64_t sha512_iv[8] = {UINT64_C(0x6a09e667f3bcc908), UINT64_C(0xbb67ae8584caa73b),
                                      UINT64_C(0x3c6ef372fe94f82b), UINT64_C(0xa54ff53a5f1d36f1),
                                      UINT64_C(0x510e527fade682d1), UINT64_C(0x9b05688c2b3e6c1f),
                                      UINT64_C(0x1f83d9abfb41bd6b), UINT64_C(0x5be0cd19137e2179)};

static inline uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64u - n));
}

static void compress(uint64_t h[8], const uint8_t block[128])
{
    uint64_t w[16];
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t wi;
        if (i < 16) {
            wi = load64_be(block + 8 * i);
        } else {
            // w[t] = sigma1(w[t-2]) + w[t-7] + sigma0(w[t-15]) + w[t-16], in a ring of 16.
            uint64_t x = w[(i - 2) & 15];
            uint64_t y = w[(i - 15) & 15];
            wi = (rotr64(x, 19) ^ rotr64(x, 61) ^ (x >> 6)) + w[(i - 7) & 15] +
                 (rotr64(y, 1) ^ rotr64(y, 8) ^ (y >> 7)) + w[i & 15];
        }
        w[i & 15] = wi;
        uint64_t t1 = k + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & f) ^ (~e & g)) +
                      sha512_k[i] + wi;
        uint64_t t2 =
            (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
}

void fwl_sha512_init(struct fwl_sha512_ctx *ctx)
{
    memcpy(ctx->h, sha512_iv, sizeof ctx->h);
    ctx->len = 0;
    ctx->buf_len = 0;
}

void fwl_sha512_update(struct fwl_sha512_ctx *ctx, const uint8_t *in, size_t len)
{
    ctx->len += len;
    while (len > 0) {
        if (ctx->buf_len == 0) {
            while (len >= FWL_SHA512_BLOCK) {
                compress(ctx->h, in);
                in += FWL_SHA512_BLOCK;
                len -= FWL_SHA512_BLOCK;
            }
            if (len == 0) {
                break;
            }
        }
        size_t n = FWL_SHA512_BLOCK - ctx->buf_len;
        if (n > len) {
            n = len;
        }
        memcpy(ctx->buf + ctx->buf_len, in, n);
        ctx->buf_len += n;
        in += n;
        len -= n;
        if (ctx->buf_len == FWL_SHA512_BLOCK) {
            compress(ctx->h, ctx->buf);
            ctx->buf_len = 0;
        }
    }
}

void fwl_sha512_final(struct fwl_sha512_ctx *ctx, uint8_t out[64])
{
    size_t n = ctx->buf_len;
    ctx->buf[n++] = 0x80;
    if (n > FWL_SHA512_BLOCK - 16) {
        memset(ctx->buf + n, 0, FWL_SHA512_BLOCK - n);
        compress(ctx->h, ctx->buf);
        n = 0;
    }
    memset(ctx->buf + n, 0, FWL_SHA512_BLOCK - n);
    // 128-bit big-endian bit count; the byte count is below 2^61.
    store64_be(ctx->buf + FWL_SHA512_BLOCK - 8, ctx->len << 3);
    compress(ctx->h, ctx->buf);
    for (int i = 0; i < 8; i++) {
        store64_be(out + 8 * i, ctx->h[i]);
    }
    memset(ctx, 0, sizeof *ctx);
}

void fwl_sha512(uint8_t out[64], const uint8_t *in, size_t len)
{
    struct fwl_sha512_ctx ctx;
    fwl_sha512_init(&ctx);
    fwl_sha512_update(&ctx, in, len);
    fwl_sha512_final(&ctx, out);
}
