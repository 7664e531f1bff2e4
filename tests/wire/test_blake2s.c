// BLAKE2s against RFC 7693 and Python's hashlib (generated blake2s_vectors.h).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "wire/blake2s.h"

#include "blake2s_vectors.h"

static void fill_pattern(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)((i * i + 13 * i + 7) % 251);
    }
}

static void test_blake2s_rfc7693_abc(void)
{
    // RFC 7693 appendix B.
    static const uint8_t want[32] = {
        0x50, 0x8C, 0x5E, 0x8C, 0x32, 0x7C, 0x14, 0xE2, 0xE1, 0xA7, 0x2B,
        0xA3, 0x4E, 0xEB, 0x45, 0x2F, 0x37, 0x45, 0x8B, 0x20, 0x9E, 0xD6,
        0x3A, 0x29, 0x4D, 0x99, 0x9B, 0x4C, 0x86, 0x67, 0x59, 0x82,
    };
    uint8_t got[32];
    bundle_blake2s(got, (const uint8_t *)"abc", 3);
    CHECK(memcmp(got, want, 32) == 0, "BLAKE2s-256(\"abc\")");
}

static void test_blake2s_matches_hashlib_every_length(void)
{
    uint8_t data[BLAKE2S_VEC_MAX_LEN];
    uint8_t got[32];
    fill_pattern(data, sizeof data);
    for (size_t n = 0; n <= BLAKE2S_VEC_MAX_LEN; n++) {
        bundle_blake2s(got, data, n);
        CHECK(memcmp(got, blake2s_vec_unkeyed[n], 32) == 0, "length %zu", n);
    }
}

static void test_blake2s_split_updates_match_one_shot(void)
{
    uint8_t data[BLAKE2S_VEC_MAX_LEN];
    uint8_t got[32];
    fill_pattern(data, sizeof data);
    // Two updates, split at every boundary, for a few total lengths.
    static const size_t totals[] = {1, 63, 64, 65, 128, 129, 300, BLAKE2S_VEC_MAX_LEN};
    for (size_t t = 0; t < sizeof totals / sizeof totals[0]; t++) {
        size_t n = totals[t];
        for (size_t k = 0; k <= n; k++) {
            struct bundle_blake2s_ctx ctx;
            bundle_blake2s_init(&ctx, 32);
            bundle_blake2s_update(&ctx, data, k);
            bundle_blake2s_update(&ctx, data + k, n - k);
            bundle_blake2s_final(&ctx, got);
            CHECK(memcmp(got, blake2s_vec_unkeyed[n], 32) == 0, "len %zu split %zu", n, k);
        }
    }
    // Many small updates of every step size, including empty ones.
    for (size_t step = 1; step <= 130; step++) {
        struct bundle_blake2s_ctx ctx;
        bundle_blake2s_init(&ctx, 32);
        for (size_t off = 0; off < BLAKE2S_VEC_MAX_LEN; off += step) {
            size_t m = BLAKE2S_VEC_MAX_LEN - off < step ? BLAKE2S_VEC_MAX_LEN - off : step;
            bundle_blake2s_update(&ctx, data + off, m);
            bundle_blake2s_update(&ctx, NULL, 0);
        }
        bundle_blake2s_final(&ctx, got);
        CHECK(memcmp(got, blake2s_vec_unkeyed[BLAKE2S_VEC_MAX_LEN], 32) == 0, "step %zu", step);
    }
}

static void test_blake2s_keyed_and_short_digests_match_hashlib(void)
{
    uint8_t data[BLAKE2S_VEC_MAX_LEN];
    uint8_t key[64];
    fill_pattern(data, sizeof data);
    fill_pattern(key, sizeof key);
    size_t count = sizeof blake2s_vec_keyed / sizeof blake2s_vec_keyed[0];
    for (size_t i = 0; i < count; i++) {
        const struct blake2s_keyed_vec *v = &blake2s_vec_keyed[i];
        uint8_t got[32];
        struct bundle_blake2s_ctx ctx;
        memset(got, 0xEE, sizeof got);
        bundle_blake2s_init_keyed(&ctx, v->out_len, key + 32, v->key_len);
        bundle_blake2s_update(&ctx, data, v->msg_len);
        bundle_blake2s_final(&ctx, got);
        CHECK(memcmp(got, v->digest, v->out_len) == 0, "key %zu out %zu msg %zu", v->key_len,
              v->out_len, v->msg_len);
        // Nothing is written past out_len.
        for (size_t j = v->out_len; j < 32; j++) {
            CHECK(got[j] == 0xEE, "wrote past out_len %zu", v->out_len);
        }
    }
}

int main(void)
{
    test_blake2s_rfc7693_abc();
    test_blake2s_matches_hashlib_every_length();
    test_blake2s_split_updates_match_one_shot();
    test_blake2s_keyed_and_short_digests_match_hashlib();
    return check_status();
}
