// Signed bundles end to end in-process: the signature checked independently
// with libsodium over the documented range, every single-bit flip and every
// truncation rejected by verify_bundle, deterministic signing, and the key
// file rules (0600 on creation, refusal of group/world-readable keys).
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/check.h"

#include "exitcodes.h"
#include "formats/bundle.h"
#include "keys.h"
#include "verify.h"

static uint8_t raw1[300], raw2[517], raw3[40];

static void make_key(struct signing_key *key)
{
    uint8_t seed[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(i * 3 + 1);
    }
    crypto_sign_seed_keypair(key->public_key, key->secret, seed);
    fmt_bundle_key_id(key->key_id, key->public_key);
}

static void build(struct fmt_membuf *mb, struct signing_key *key)
{
    for (size_t i = 0; i < sizeof(raw1); i++) {
        raw1[i] = (uint8_t)i;
    }
    memset(raw2, 0x5A, sizeof(raw2));
    memset(raw3, 0xC3, sizeof(raw3));
    struct fmt_asset a[3];
    memset(a, 0, sizeof(a));
    const uint8_t *data[3] = {raw1, raw2, raw3};
    uint32_t size[3] = {sizeof(raw1), sizeof(raw2), sizeof(raw3)};
    for (int i = 0; i < 3; i++) {
        snprintf(a[i].name, sizeof(a[i].name), "blob%d", i);
        a[i].kind = BUNDLE_KIND_RAW;
        a[i].format = BUNDLE_FMT_NONE;
        a[i].data = data[i];
        a[i].size = size[i];
    }
    struct fmt_link_target t = {0x80000000u, 0x100000, {0}};
    struct fmt_link_result r;
    char why[256];
    CHECK(fmt_link(a, 3, &t, &r, why, sizeof(why)) == 0);
    struct fmt_bundle_params p = {0xEEEE0001u, t.base, t.size, 5, 256, {0}, keys_sign, key, 0};
    memcpy(p.key_id, key->key_id, sizeof(p.key_id));
    fmt_membuf_init(mb);
    CHECK(fmt_bundle_write(&mb->sink, &p, a, 3, &r) == 0);
}

static void test_signature_verifies_independently(void)
{
    struct signing_key key;
    make_key(&key);
    struct fmt_membuf mb;
    build(&mb, &key);
    // Documented: signed_len at byte 8, signature right after [0, signed_len).
    uint32_t sl = (uint32_t)mb.data[8] | (uint32_t)mb.data[9] << 8 | (uint32_t)mb.data[10] << 16 |
                  (uint32_t)mb.data[11] << 24;
    CHECK(sl + 64 <= mb.len);
    CHECK(crypto_sign_verify_detached(mb.data + sl, mb.data, sl, key.public_key) == 0);
    uint8_t other_pk[32], other_sk[64];
    crypto_sign_keypair(other_pk, other_sk);
    CHECK(crypto_sign_verify_detached(mb.data + sl, mb.data, sl, other_pk) != 0);
    char why[256];
    CHECK(verify_bundle(mb.data, mb.len, key.public_key, why, sizeof(why)) == 0);
    CHECK(verify_bundle(mb.data, mb.len, other_pk, why, sizeof(why)) != 0);
    fmt_membuf_finish(&mb);
    keys_wipe(&key);
}

static void test_every_bit_flip_is_rejected(void)
{
    struct signing_key key;
    make_key(&key);
    struct fmt_membuf mb;
    build(&mb, &key);
    char why[256];
    size_t rejected = 0, total = 0;
    for (size_t off = 0; off < mb.len; off++) {
        for (int bit = 0; bit < 8; bit++) {
            mb.data[off] ^= (uint8_t)(1u << bit);
            total++;
            if (verify_bundle(mb.data, mb.len, key.public_key, why, sizeof(why)) != 0) {
                rejected++;
            } else {
                fprintf(stderr, "flip of bit %d at offset %zu accepted\n", bit, off);
            }
            mb.data[off] ^= (uint8_t)(1u << bit);
        }
    }
    CHECK(rejected == total);
    printf("bit flips: %zu of %zu rejected (%zu-byte bundle)\n", rejected, total, mb.len);
    CHECK(verify_bundle(mb.data, mb.len, key.public_key, why, sizeof(why)) == 0);
    fmt_membuf_finish(&mb);
    keys_wipe(&key);
}

static void test_every_truncation_is_rejected(void)
{
    struct signing_key key;
    make_key(&key);
    struct fmt_membuf mb;
    build(&mb, &key);
    char why[256];
    for (size_t len = 0; len < mb.len; len++) {
        CHECK(verify_bundle(mb.data, len, key.public_key, why, sizeof(why)) != 0);
    }
    fmt_membuf_finish(&mb);
    keys_wipe(&key);
}

static void test_signing_is_deterministic(void)
{
    struct signing_key key;
    make_key(&key);
    struct fmt_membuf a, b;
    build(&a, &key);
    build(&b, &key);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    fmt_membuf_finish(&a);
    fmt_membuf_finish(&b);
    keys_wipe(&key);
}

static void test_key_files(void)
{
    char dir[] = "/tmp/rasterd-keys-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char base[256], path[300], why[512];
    snprintf(base, sizeof(base), "%s/sub/dev", dir);
    CHECK(keys_generate(base, why, sizeof(why)) == 0);
    snprintf(path, sizeof(path), "%s.key", base);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 64);
    CHECK(keys_generate(base, why, sizeof(why)) == EXIT_CANTCREAT); // refuses to overwrite
    struct signing_key key;
    CHECK(keys_load_secret(path, &key, why, sizeof(why)) == 0);
    uint8_t pk[32];
    char pub[300];
    snprintf(pub, sizeof(pub), "%s.pub", base);
    CHECK(keys_load_public(pub, pk, why, sizeof(why)) == 0);
    CHECK(memcmp(pk, key.public_key, 32) == 0);
    keys_wipe(&key);
    CHECK(chmod(path, 0644) == 0);
    CHECK(keys_load_secret(path, &key, why, sizeof(why)) == EXIT_NOPERM);
    CHECK(strstr(why, "0644") != NULL);
    CHECK(chmod(path, 0640) == 0);
    CHECK(keys_load_secret(path, &key, why, sizeof(why)) == EXIT_NOPERM);
    CHECK(chmod(path, 0400) == 0);
    CHECK(keys_load_secret(path, &key, why, sizeof(why)) == 0);
    keys_wipe(&key);
    // A corrupted secret key (public half does not match the seed) is refused.
    CHECK(chmod(path, 0600) == 0);
    int fd = open(path, O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, "X", 1, 40) == 1);
    close(fd);
    CHECK(keys_load_secret(path, &key, why, sizeof(why)) == EXIT_DATAERR);
    const char *suffix[4] = {".key", ".pub", ".pub.h", "_pub.py"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof(path), "%s%s", base, suffix[i]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    test_signature_verifies_independently();
    test_every_bit_flip_is_rejected();
    test_every_truncation_is_rejected();
    test_signing_is_deterministic();
    test_key_files();
    return check_status();
}
