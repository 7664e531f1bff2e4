// SHA-512 against the FIPS 180-2 examples and libsodium's crypto_hash_sha512.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../common/check.h"

#include "fwl/sha512.h"

static int hex_equal(const uint8_t *got, const char *hex)
{
    uint8_t want[64];
    size_t n = 0;
    if (sodium_hex2bin(want, sizeof want, hex, strlen(hex), NULL, &n, NULL) != 0 || n != 64) {
        return 0;
    }
    return memcmp(got, want, 64) == 0;
}

static void test_sha512_fips_abc(void)
{
    uint8_t got[64];
    fwl_sha512(got, (const uint8_t *)"abc", 3);
    CHECK(hex_equal(got, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
          "SHA-512(\"abc\")");
}

static void test_sha512_fips_896_bit_message(void)
{
    static const char msg[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                              "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    uint8_t got[64];
    fwl_sha512(got, (const uint8_t *)msg, strlen(msg));
    CHECK(hex_equal(got, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                         "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
          "SHA-512(896-bit message)");
}

static void test_sha512_fips_million_a(void)
{
    uint8_t block[1000];
    uint8_t got[64];
    struct fwl_sha512_ctx ctx;
    memset(block, 'a', sizeof block);
    fwl_sha512_init(&ctx);
    for (int i = 0; i < 1000; i++) {
        fwl_sha512_update(&ctx, block, sizeof block);
    }
    fwl_sha512_final(&ctx, got);
    CHECK(hex_equal(got, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                         "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
          "SHA-512(10^6 x 'a')");
}

static void test_sha512_matches_libsodium(void)
{
    static uint8_t data[1200];
    uint8_t got[64];
    uint8_t want[64];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i * 31 + (i >> 5));
    }
    for (size_t n = 0; n <= sizeof data; n++) {
        crypto_hash_sha512(want, data, n);
        fwl_sha512(got, data, n);
        CHECK(memcmp(got, want, 64) == 0, "one-shot length %zu", n);
        // Split into two updates around the block size.
        size_t k = n % 131;
        struct fwl_sha512_ctx ctx;
        fwl_sha512_init(&ctx);
        fwl_sha512_update(&ctx, data, k);
        fwl_sha512_update(&ctx, NULL, 0);
        fwl_sha512_update(&ctx, data + k, n - k);
        fwl_sha512_final(&ctx, got);
        CHECK(memcmp(got, want, 64) == 0, "length %zu split %zu", n, k);
    }
    // Every split of a 300-byte message.
    crypto_hash_sha512(want, data, 300);
    for (size_t k = 0; k <= 300; k++) {
        struct fwl_sha512_ctx ctx;
        fwl_sha512_init(&ctx);
        fwl_sha512_update(&ctx, data, k);
        fwl_sha512_update(&ctx, data + k, 300 - k);
        fwl_sha512_final(&ctx, got);
        CHECK(memcmp(got, want, 64) == 0, "300 split %zu", k);
    }
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    test_sha512_fips_abc();
    test_sha512_fips_896_bit_message();
    test_sha512_fips_million_a();
    test_sha512_matches_libsodium();
    return check_status();
}
