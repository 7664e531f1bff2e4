// Ed25519 verification (RFC 8032) with libsodium 1.0.18's acceptance rules.
//
// Points use extended twisted Edwards coordinates (X:Y:Z:T), x = X/Z,
// y = Y/Z, T = XY/Z, on -x^2 + y^2 = 1 + d x^2 y^2 (Hisil, Wong, Carter,
// Dawson 2008). [S]B - [h]A is one interleaved double-and-add over the
// width-w NAFs of both scalars: B's odd multiples come from a flash table,
// A's are computed per call. Everything here is public, so variable time
// is fine.
#include "fwl/ed25519.h"

#include <string.h>

#include "fe25519.h"
#include "sc25519.h"
#include "ed25519_consts.h"

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

// Window width for the public key's NAF: 2^(A_WINDOW-2) precomputed points.
#define A_WINDOW 4

struct ge {
    fe X, Y, Z, T;
};

// A sum or double before the final multiplications:
// X = E F, Y = G H, Z = F G, T = E H.
struct ge_p1p1 {
    fe E, F, G, H;
};

// A point prepared for addition: (Y + X, Y - X, Z, 2 d T). Table entries of
// B are affine, with Z = 1 left implicit.
struct ge_cached {
    fe ypx, ymx, z, t2d;
};

static void ge_identity(struct ge *p)
{
    memset(p, 0, sizeof *p);
    p->Y[0] = 1;
    p->Z[0] = 1;
}

static void ge_from_p1p1(struct ge *r, const struct ge_p1p1 *p, int with_t)
{
    fwl_fe_mul(r->X, p->E, p->F);
    fwl_fe_mul(r->Y, p->G, p->H);
    fwl_fe_mul(r->Z, p->F, p->G);
    if (with_t) {
        fwl_fe_mul(r->T, p->E, p->H);
    }
}

// 2P from X, Y, Z (dbl-2008-hwcd with a = -1, signs arranged so that every
// multiplier input is a sum of at most three tight elements). The additions
// share one pass over the limbs.
static void ge_dbl(struct ge_p1p1 *r, const struct ge *p)
{
    fe a, b, c, t;
    fwl_fe_sq(a, p->X);
    fwl_fe_sq(b, p->Y);
    fwl_fe_sq2(c, p->Z);
    fwl_fe_add(t, p->X, p->Y);
    fwl_fe_sq(t, t);
    for (int i = 0; i < 10; i++) {
        int32_t h = a[i] + b[i]; // x^2 + y^2
        int32_t g = a[i] - b[i]; // x^2 - y^2
        r->H[i] = h;
        r->E[i] = h - t[i]; // -2 x y
        r->G[i] = g;
        r->F[i] = c[i] + g; // 2 z^2 + x^2 - y^2
    }
}

// P + Q, or P - Q when neg is 1 (add-2008-hwcd-3). affine: Q's Z is 1.
static void ge_add(struct ge_p1p1 *r, const struct ge *p, const struct ge_cached *q, int neg,
                   int affine)
{
    fe a, b, c, d;
    fwl_fe_sub(a, p->Y, p->X);
    fwl_fe_mul(a, a, neg ? q->ypx : q->ymx);
    fwl_fe_add(b, p->Y, p->X);
    fwl_fe_mul(b, b, neg ? q->ymx : q->ypx);
    fwl_fe_mul(c, p->T, q->t2d);
    if (affine) {
        memcpy(d, p->Z, sizeof d);
    } else {
        fwl_fe_mul(d, p->Z, q->z);
    }
    // Subtracting Q negates its x, which swaps the roles of F and G.
    fe *f = neg ? &r->G : &r->F;
    fe *g = neg ? &r->F : &r->G;
    for (int i = 0; i < 10; i++) {
        r->E[i] = b[i] - a[i];
        r->H[i] = b[i] + a[i];
        (*f)[i] = 2 * d[i] - c[i];
        (*g)[i] = 2 * d[i] + c[i];
    }
}

static void ge_to_cached(struct ge_cached *r, const struct ge *p)
{
    fwl_fe_add(r->ypx, p->Y, p->X);
    fwl_fe_sub(r->ymx, p->Y, p->X);
    memcpy(r->z, p->Z, sizeof r->z);
    fwl_fe_mul(r->t2d, p->T, fe_d2);
}

static void base_multiple(struct ge_cached *r, int index)
{
    fwl_fe_frombytes(r->ypx, base_multiples[index][0]);
    fwl_fe_frombytes(r->ymx, base_multiples[index][1]);
    fwl_fe_frombytes(r->t2d, base_multiples[index][2]);
}

// Decodes a point (RFC 8032 section 5.1.3). The caller has already rejected
// y >= p. Returns -1 when x^2 = (y^2 - 1) / (d y^2 + 1) has no root.
static int ge_frombytes(struct ge *r, const uint8_t s[32])
{
    fe u, v, v3, x, t;
    fe one = {1};
    fwl_fe_frombytes(r->Y, s);
    memcpy(r->Z, one, sizeof one);
    fwl_fe_sq(u, r->Y);
    fwl_fe_mul(v, u, fe_d);
    fwl_fe_sub(u, u, one); // y^2 - 1
    fwl_fe_add(v, v, one); // d y^2 + 1
    // x = u v^3 (u v^7)^((p - 5) / 8)
    fwl_fe_sq(v3, v);
    fwl_fe_mul(v3, v3, v);
    fwl_fe_sq(x, v3);
    fwl_fe_mul(x, x, v);
    fwl_fe_mul(x, x, u);
    fwl_fe_pow22523(x, x);
    fwl_fe_mul(x, x, v3);
    fwl_fe_mul(x, x, u);
    // v x^2 is u (x is a root), -u (x sqrt(-1) is) or neither.
    fwl_fe_sq(t, x);
    fwl_fe_mul(t, t, v);
    fwl_fe_sub(v3, t, u);
    if (!fwl_fe_iszero(v3)) {
        fwl_fe_add(v3, t, u);
        if (!fwl_fe_iszero(v3)) {
            return -1;
        }
        fwl_fe_mul(x, x, fe_sqrtm1);
    }
    // x = 0 with the sign bit set needs no check: y = 1 and y = -1 are
    // blacklisted before decoding, as in libsodium.
    if (fwl_fe_isodd(x) != (s[31] >> 7)) {
        fwl_fe_sub(x, (const int32_t[10]){0}, x);
    }
    memcpy(r->X, x, sizeof x);
    fwl_fe_mul(r->T, x, r->Y);
    return 0;
}

static void ge_tobytes(uint8_t s[32], const struct ge *p)
{
    fe zi, x, y;
    fwl_fe_invert(zi, p->Z);
    fwl_fe_mul(x, p->X, zi);
    fwl_fe_mul(y, p->Y, zi);
    fwl_fe_tobytes(s, y);
    s[31] = (uint8_t)(s[31] ^ (fwl_fe_isodd(x) << 7));
}

// libsodium 1.0.18's blacklist: y in {0, 1, p - 1, p, p + 1} or y of a point
// of order 8, compared on the encoding with the sign bit ignored.
static int is_small_order(const uint8_t s[32])
{
    uint8_t top = s[31] & 0x7f;
    for (int i = 0; i < 2; i++) {
        if (memcmp(s, order8_y[i], 31) == 0 && top == order8_y[i][31]) {
            return 1;
        }
    }
    // 0 and 1: bytes 1..31 zero. p - 1, p, p + 1: 0xec..0xee, then all ones.
    uint8_t fill = top == 0 ? 0x00 : 0xff;
    if (top != (fill & 0x7f)) {
        return 0;
    }
    for (int i = 1; i < 31; i++) {
        if (s[i] != fill) {
            return 0;
        }
    }
    return fill == 0 ? s[0] <= 1 : (s[0] >= 0xec && s[0] <= 0xee);
}

// y < p, ignoring the sign bit.
static int is_canonical_point(const uint8_t s[32])
{
    if ((s[31] & 0x7f) != 0x7f || s[0] < 0xed) {
        return 1;
    }
    for (int i = 1; i < 31; i++) {
        if (s[i] != 0xff) {
            return 1;
        }
    }
    return 0;
}

static int scalar_bit(const uint8_t k[32], int i)
{
    return i < 256 ? (k[i >> 3] >> (i & 7)) & 1 : 0;
}

// Width-w NAF of a scalar below 2^253: odd digits in (-2^(w-1), 2^(w-1)),
// any two nonzero digits at least w positions apart.
static void wnaf(int8_t naf[256], const uint8_t k[32], int w)
{
    int carry = 0;
    int i = 0;
    memset(naf, 0, 256);
    while (i < 256) {
        if (scalar_bit(k, i) == carry) {
            i++;
            continue;
        }
        int v = carry;
        for (int b = 0; b < w; b++) {
            v += scalar_bit(k, i + b) << b;
        }
        carry = v >> (w - 1);
        v -= carry << w;
        naf[i] = (int8_t)v;
        i += w;
    }
}

// r = [s]B - [h]A, A decoded from pk; -1 if pk is not a curve point.
static int double_scalarmult(struct ge *r, const uint8_t s[32], const uint8_t h[32],
                             const uint8_t pk[32])
{
    int8_t naf_s[256], naf_h[256];
    struct ge_cached a_odd[1 << (A_WINDOW - 2)]; // A, 3A, 5A, ...
    struct ge_cached q;
    struct ge_p1p1 t;
    int i;

    if (ge_frombytes(r, pk) != 0) {
        return -1;
    }
    // Odd multiples of A: 3A = 2A + A, then add 2A each time. r is the
    // running sum, so A itself needs no second copy on the stack.
    ge_to_cached(&a_odd[0], r);
    ge_dbl(&t, r);
    ge_from_p1p1(r, &t, 1);
    ge_to_cached(&q, r);
    for (i = 1; i < (1 << (A_WINDOW - 2)); i++) {
        ge_add(&t, r, i == 1 ? &a_odd[0] : &q, 0, 0);
        ge_from_p1p1(r, &t, 1);
        ge_to_cached(&a_odd[i], r);
    }

    wnaf(naf_s, s, B_WINDOW);
    wnaf(naf_h, h, A_WINDOW);
    ge_identity(r);
    i = 255;
    while (i >= 0 && naf_s[i] == 0 && naf_h[i] == 0) {
        i--;
    }
    for (; i >= 0; i--) {
        ge_dbl(&t, r);
        if (naf_h[i] != 0) {
            int d = naf_h[i];
            ge_from_p1p1(r, &t, 1);
            // Subtracting: digits of h apply to -A.
            ge_add(&t, r, &a_odd[(d < 0 ? -d : d) / 2], d > 0, 0);
        }
        if (naf_s[i] != 0) {
            int d = naf_s[i];
            ge_from_p1p1(r, &t, 1);
            base_multiple(&q, (d < 0 ? -d : d) / 2);
            ge_add(&t, r, &q, d < 0, 1);
        }
        ge_from_p1p1(r, &t, 0);
    }
    return 0;
}

void fwl_ed25519_verify_init(struct fwl_ed25519_verify_ctx *ctx, const uint8_t sig[64],
                             const uint8_t pk[32])
{
    memcpy(ctx->sig, sig, 64);
    memcpy(ctx->pk, pk, 32);
    fwl_sha512_init(&ctx->sha);
    fwl_sha512_update(&ctx->sha, sig, 32);
    fwl_sha512_update(&ctx->sha, pk, 32);
}

void fwl_ed25519_verify_update(struct fwl_ed25519_verify_ctx *ctx, const uint8_t *msg,
                               size_t msg_len)
{
    fwl_sha512_update(&ctx->sha, msg, msg_len);
}

// The checks in libsodium 1.0.18's order, then the equation. Fails closed:
// the result starts as a failure and is set to OK in one place, after the
// recomputed R matched.
static int verify_digest(const uint8_t sig[64], const uint8_t pk[32], const uint8_t digest[64])
{
    int result = FWL_ED25519_ERR_FORGED;
    struct ge r;
    uint8_t h[32], check[32];
    if (!fwl_sc_is_canonical(sig + 32)) {
        return FWL_ED25519_ERR_S_RANGE;
    }
    if (is_small_order(sig)) {
        return FWL_ED25519_ERR_R_SMALL_ORDER;
    }
    if (!is_canonical_point(pk)) {
        return FWL_ED25519_ERR_KEY_NONCANONICAL;
    }
    if (is_small_order(pk)) {
        return FWL_ED25519_ERR_KEY_SMALL_ORDER;
    }
    fwl_sc_reduce64(h, digest);
    if (double_scalarmult(&r, sig + 32, h, pk) != 0) {
        return FWL_ED25519_ERR_KEY_INVALID;
    }
    ge_tobytes(check, &r);
    if (memcmp(check, sig, 32) == 0) {
        result = FWL_ED25519_OK;
    }
    return result;
}

int fwl_ed25519_verify_final(struct fwl_ed25519_verify_ctx *ctx)
{
    uint8_t digest[64];
    fwl_sha512_final(&ctx->sha, digest);
    int result = verify_digest(ctx->sig, ctx->pk, digest);
    memset(ctx, 0, sizeof *ctx);
    return result;
}

// SHA-512(R || A || M) in its own frame, so the hash state is off the stack
// before the scalar multiplication starts.
static NOINLINE void hash_ram(uint8_t digest[64], const uint8_t sig[64], const uint8_t pk[32],
                              const uint8_t *msg, size_t msg_len)
{
    struct fwl_sha512_ctx sha;
    fwl_sha512_init(&sha);
    fwl_sha512_update(&sha, sig, 32);
    fwl_sha512_update(&sha, pk, 32);
    fwl_sha512_update(&sha, msg, msg_len);
    fwl_sha512_final(&sha, digest);
}

int fwl_ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t msg_len,
                       const uint8_t pk[32])
{
    uint8_t digest[64];
    if (sig == NULL || pk == NULL || (msg == NULL && msg_len != 0)) {
        return FWL_ED25519_ERR_ARG;
    }
    hash_ram(digest, sig, pk, msg, msg_len);
    return verify_digest(sig, pk, digest);
}
