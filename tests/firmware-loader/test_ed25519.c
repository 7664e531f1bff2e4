// Ed25519 verification: RFC 8032 section 7.1 vectors and a differential test
// against libsodium's crypto_sign_verify_detached (the host's signer and the
// acceptance rules the loader promises to match).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../common/check.h"

#include "fwl/ed25519.h"

static long compared;

// Deterministic generator (splitmix64) so failures reproduce.
static uint64_t rng_state = 0x5eed25519ULL;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_bytes(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)rng_next();
    }
}

static void unhex(uint8_t *out, const char *hex)
{
    size_t n = strlen(hex) / 2;
    if (sodium_hex2bin(out, n, hex, 2 * n, NULL, NULL, NULL) != 0) {
        abort();
    }
}

// Verifies with both implementations and checks they agree; returns ours.
static int verify_both(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pk[32],
                       const char *what)
{
    int ours = fwl_ed25519_verify(sig, msg, len, pk);
    int theirs = crypto_sign_verify_detached(sig, msg, len, pk);
    compared++;
    CHECK((ours == 0) == (theirs == 0), "%s: fwl %d (%s), libsodium %d", what, ours,
          fwl_ed25519_error_name(ours), theirs);
    CHECK(ours == 0 || (ours <= -40 && ours >= -46), "%s: result %d out of range", what, ours);
    return ours;
}

static void test_ed25519_rfc8032_vectors(void)
{
    static const struct {
        const char *seed, *pk, *msg, *sig;
    } v[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
         "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
         "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
         "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t seed[32], pk[32], sig[64], msg[2], pk2[32], sk[64], sig2[64];
        size_t len = strlen(v[i].msg) / 2;
        unhex(seed, v[i].seed);
        unhex(pk, v[i].pk);
        unhex(sig, v[i].sig);
        unhex(msg, v[i].msg);
        // The vectors are what libsodium produces from the seed.
        crypto_sign_seed_keypair(pk2, sk, seed);
        crypto_sign_detached(sig2, NULL, msg, len, sk);
        CHECK(memcmp(pk, pk2, 32) == 0 && memcmp(sig, sig2, 64) == 0, "vector %zu libsodium", i);
        CHECK(fwl_ed25519_verify(sig, msg, len, pk) == FWL_ED25519_OK, "vector %zu", i);
        sig[i] ^= 0x10;
        CHECK(fwl_ed25519_verify(sig, msg, len, pk) == FWL_ED25519_ERR_FORGED, "vector %zu bad", i);
    }
}

#define RANDOM_KEYS 10000

// Random keys and messages, each signature verified as signed, and every
// other one also with one mutation (signature bit, key bit, message byte, or
// a random key). Half the keys mutated keeps the ASan run short.
static void test_ed25519_matches_libsodium_on_random_signatures(void)
{
    uint8_t msg[256];
    for (int n = 0; n < RANDOM_KEYS; n++) {
        uint8_t seed[32], pk[32], sk[64], sig[64];
        size_t len = (size_t)(rng_next() % (n < 100 ? 256 : 80));
        rng_bytes(seed, sizeof seed);
        rng_bytes(msg, len);
        crypto_sign_seed_keypair(pk, sk, seed);
        crypto_sign_detached(sig, NULL, msg, len, sk);
        CHECK(verify_both(sig, msg, len, pk, "random") == FWL_ED25519_OK, "key %d rejected", n);
        if (n % 2 == 0) {
            continue;
        }
        uint64_t r = rng_next();
        switch ((n / 2) % 4) {
        case 0:
            sig[(r >> 8) % 64] ^= (uint8_t)(1u << (r % 8));
            break;
        case 1:
            pk[(r >> 8) % 32] ^= (uint8_t)(1u << (r % 8));
            break;
        case 2:
            if (len == 0) {
                len = 1;
                msg[0] = 0;
            }
            msg[(r >> 8) % len] ^= (uint8_t)(1u | r);
            break;
        default:
            rng_bytes(pk, 32); // mostly not a curve point
            break;
        }
        CHECK(verify_both(sig, msg, len, pk, "mutated") != FWL_ED25519_OK, "key %d mutation %d", n,
              n % 4);
    }
}

// Every single-bit flip of a few signatures and keys.
static void test_ed25519_matches_libsodium_on_every_bit_flip(void)
{
    for (int n = 0; n < 3; n++) {
        uint8_t seed[32], pk[32], sk[64], sig[64], msg[40];
        rng_bytes(seed, sizeof seed);
        rng_bytes(msg, sizeof msg);
        crypto_sign_seed_keypair(pk, sk, seed);
        crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
        for (int bit = 0; bit < 512; bit++) {
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            verify_both(sig, msg, sizeof msg, pk, "signature bit flip");
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (int bit = 0; bit < 256; bit++) {
            pk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            verify_both(sig, msg, sizeof msg, pk, "key bit flip");
            pk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    }
}

// L as little-endian bytes.
static const uint8_t group_order[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

// a += b (32-byte little-endian); returns the carry out.
static int add256(uint8_t a[32], const uint8_t b[32])
{
    unsigned c = 0;
    for (int i = 0; i < 32; i++) {
        c += (unsigned)a[i] + b[i];
        a[i] = (uint8_t)c;
        c >>= 8;
    }
    return (int)c;
}

static void test_ed25519_rejects_noncanonical_s(void)
{
    for (int n = 0; n < 50; n++) {
        uint8_t seed[32], pk[32], sk[64], sig[64], msg[16];
        rng_bytes(seed, sizeof seed);
        rng_bytes(msg, sizeof msg);
        crypto_sign_seed_keypair(pk, sk, seed);
        crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
        // S + L, S + 2L, ... while it fits in 256 bits: same point, never accepted.
        for (int k = 1; k <= 16; k++) {
            if (add256(sig + 32, group_order)) {
                break;
            }
            CHECK(verify_both(sig, msg, sizeof msg, pk, "S + kL") == FWL_ED25519_ERR_S_RANGE,
                  "S + %dL", k);
        }
    }
    // S = L - 1 is in range (and wrong), S = L is not.
    uint8_t sig[64] = {0}, pk[32], sk[64], seed[32] = {1};
    crypto_sign_seed_keypair(pk, sk, seed);
    memcpy(sig + 32, group_order, 32);
    CHECK(verify_both(sig, NULL, 0, pk, "S = L") == FWL_ED25519_ERR_S_RANGE, "S = L");
    sig[32]--;
    sig[0] = 0x58; // R: some valid-looking encoding, not small order
    CHECK(verify_both(sig, NULL, 0, pk, "S = L - 1") == FWL_ED25519_ERR_FORGED, "S = L - 1");
}

// libsodium 1.0.18's small-order blacklist (the sign bit is ignored).
static const char *const small_order_hex[] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

// Secret scalar a of a libsodium key (pk = aB), reduced mod L.
static void secret_scalar(uint8_t a[32], const uint8_t sk[64])
{
    uint8_t h[64];
    crypto_hash_sha512(h, sk, 32);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
    memset(h + 32, 0, 32);
    crypto_core_ed25519_scalar_reduce(a, h);
}

// Signs msg as R = rB, S = r + h a with h over (R, pk, msg): lets the tests
// pair a secret with an arbitrary key encoding or pick R. r may be NULL for
// R given in sig[0..31] with r = 0 (S = h a).
static void sign_raw(uint8_t sig[64], const uint8_t *r, const uint8_t a[32], const uint8_t pk[32],
                     const uint8_t *msg, size_t len)
{
    uint8_t h64[64], h[32], ha[32];
    crypto_hash_sha512_state st;
    if (r != NULL) {
        crypto_scalarmult_ed25519_base_noclamp(sig, r);
    }
    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, sig, 32);
    crypto_hash_sha512_update(&st, pk, 32);
    crypto_hash_sha512_update(&st, msg, len);
    crypto_hash_sha512_final(&st, h64);
    crypto_core_ed25519_scalar_reduce(h, h64);
    crypto_core_ed25519_scalar_mul(ha, h, a);
    if (r != NULL) {
        crypto_core_ed25519_scalar_add(sig + 32, r, ha);
    } else {
        memcpy(sig + 32, ha, 32);
    }
}

static void test_ed25519_rejects_small_order_r_and_a(void)
{
    uint8_t seed[32] = {7}, pk[32], sk[64], a[32], sig[64], msg[8] = "fwl-test";
    crypto_sign_seed_keypair(pk, sk, seed);
    secret_scalar(a, sk);
    for (size_t i = 0; i < sizeof small_order_hex / sizeof small_order_hex[0]; i++) {
        for (int sign = 0; sign < 2; sign++) {
            uint8_t enc[32];
            unhex(enc, small_order_hex[i]);
            enc[31] = (uint8_t)(enc[31] | (sign << 7));
            // R small order, S = h a so that [S]B - [h]A = 0 = R for R = 0.
            memcpy(sig, enc, 32);
            sign_raw(sig, NULL, a, pk, msg, sizeof msg);
            CHECK(verify_both(sig, msg, sizeof msg, pk, "small-order R") ==
                      FWL_ED25519_ERR_R_SMALL_ORDER,
                  "R %zu sign %d", i, sign);
            // A small order, with an otherwise well-formed signature.
            crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
            int want = i >= 5 ? FWL_ED25519_ERR_KEY_NONCANONICAL : FWL_ED25519_ERR_KEY_SMALL_ORDER;
            CHECK(verify_both(sig, msg, sizeof msg, enc, "small-order A") == want, "A %zu sign %d",
                  i, sign);
        }
    }
}

// Encodings next to the blacklist (y = 2, p - 2, p + 2, ...) are not small
// order for libsodium: both verifiers must treat them alike as R and as A.
static void test_ed25519_near_small_order_matches_libsodium(void)
{
    uint8_t seed[32] = {11}, pk[32], sk[64], sig[64], msg[4] = "near";
    static const uint8_t low[] = {0x02, 0x03, 0xff, 0xeb, 0xef, 0xf0, 0xec, 0xee};
    crypto_sign_seed_keypair(pk, sk, seed);
    for (size_t i = 0; i < sizeof low; i++) {
        for (int fill = 0; fill < 2; fill++) {
            for (int sign = 0; sign < 2; sign++) {
                uint8_t enc[32];
                memset(enc, fill ? 0xff : 0x00, 32);
                enc[0] = low[i];
                enc[31] = (uint8_t)((fill ? 0x7f : 0x00) | (sign << 7));
                crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
                verify_both(sig, msg, sizeof msg, enc, "near-small-order A");
                memcpy(sig, enc, 32);
                verify_both(sig, msg, sizeof msg, pk, "near-small-order R");
                // One byte in the middle off the pattern.
                enc[15] ^= 1;
                verify_both(sig, msg, sizeof msg, enc, "off-pattern A");
            }
        }
    }
}

static void test_ed25519_rejects_noncanonical_a(void)
{
    uint8_t seed[32] = {9}, pk[32], sk[64], sig[64], msg[3] = "abc";
    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    // y = p + k for k = 0..18, both sign bits.
    for (int k = 0; k <= 18; k++) {
        for (int sign = 0; sign < 2; sign++) {
            uint8_t enc[32];
            memset(enc, 0xff, 32);
            enc[0] = (uint8_t)(0xed + k);
            enc[31] = (uint8_t)(0x7f | (sign << 7));
            int got = verify_both(sig, msg, sizeof msg, enc, "non-canonical A");
            CHECK(got == FWL_ED25519_ERR_KEY_NONCANONICAL || got == FWL_ED25519_ERR_KEY_SMALL_ORDER,
                  "y = p + %d sign %d: %d", k, sign, got);
        }
    }
    // A valid key with a signature whose R is a non-canonical encoding never
    // verifies: the recomputed R is canonical.
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    sig[31] ^= 0x80;
    verify_both(sig, msg, sizeof msg, pk, "negated R");
}

// A' = A + T (T of order 8): libsodium accepts when 8 divides h, so must we.
static void test_ed25519_mixed_order_key_matches_libsodium(void)
{
    uint8_t seed[32] = {42}, pk[32], sk[64], a[32], t8[32], mixed[32];
    int accepted = 0, rejected = 0;
    crypto_sign_seed_keypair(pk, sk, seed);
    secret_scalar(a, sk);
    unhex(t8, small_order_hex[2]);
    CHECK(crypto_core_ed25519_add(mixed, pk, t8) == 0, "A + T8");
    for (int n = 0; n < 400 && (accepted < 8 || rejected < 8); n++) {
        uint8_t r[32], sig[64], msg[4];
        crypto_core_ed25519_scalar_random(r);
        rng_bytes(msg, sizeof msg);
        sign_raw(sig, r, a, mixed, msg, sizeof msg);
        if (verify_both(sig, msg, sizeof msg, mixed, "mixed-order A") == FWL_ED25519_OK) {
            accepted++;
        } else {
            rejected++;
        }
    }
    CHECK(accepted >= 8 && rejected >= 8, "mixed-order A: %d accepted, %d rejected", accepted,
          rejected);
}

static void test_ed25519_streaming_matches_one_shot(void)
{
    uint8_t seed[32] = {3}, pk[32], sk[64], sig[64], msg[300];
    rng_bytes(msg, sizeof msg);
    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    for (size_t k = 0; k <= sizeof msg; k += 7) {
        struct fwl_ed25519_verify_ctx ctx;
        fwl_ed25519_verify_init(&ctx, sig, pk);
        fwl_ed25519_verify_update(&ctx, msg, k);
        fwl_ed25519_verify_update(&ctx, msg + k, sizeof msg - k);
        CHECK(fwl_ed25519_verify_final(&ctx) == FWL_ED25519_OK, "split %zu", k);
    }
    struct fwl_ed25519_verify_ctx ctx;
    fwl_ed25519_verify_init(&ctx, sig, pk);
    fwl_ed25519_verify_update(&ctx, msg, sizeof msg - 1);
    CHECK(fwl_ed25519_verify_final(&ctx) == FWL_ED25519_ERR_FORGED, "truncated message");
}

static void test_ed25519_rejects_null_arguments(void)
{
    uint8_t sig[64] = {0}, pk[32] = {0};
    CHECK(fwl_ed25519_verify(NULL, NULL, 0, pk) == FWL_ED25519_ERR_ARG, "sig NULL");
    CHECK(fwl_ed25519_verify(sig, NULL, 0, NULL) == FWL_ED25519_ERR_ARG, "pk NULL");
    CHECK(fwl_ed25519_verify(sig, NULL, 1, pk) == FWL_ED25519_ERR_ARG, "msg NULL");
    CHECK(strcmp(fwl_ed25519_error_name(FWL_ED25519_ERR_S_RANGE), "FWL_ED25519_ERR_S_RANGE") == 0,
          "error name");
    CHECK(strcmp(fwl_ed25519_strerror(12345), "unknown error") == 0, "unknown error");
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    test_ed25519_rfc8032_vectors();
    test_ed25519_rejects_noncanonical_s();
    test_ed25519_rejects_small_order_r_and_a();
    test_ed25519_near_small_order_matches_libsodium();
    test_ed25519_rejects_noncanonical_a();
    test_ed25519_mixed_order_key_matches_libsodium();
    test_ed25519_streaming_matches_one_shot();
    test_ed25519_rejects_null_arguments();
    test_ed25519_matches_libsodium_on_every_bit_flip();
    test_ed25519_matches_libsodium_on_random_signatures();
    if (check_failures) {
        fprintf(stderr, "%d failure(s) in %ld comparisons\n", check_failures, compared);
        return 1;
    }
    printf("ok: %ld comparisons with libsodium\n", compared);
    return 0;
}
