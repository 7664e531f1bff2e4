// Build cache: keys, round trips, damaged entries, persistence.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check.h"

#include "asset_cache.h"
#include "cache.h"
#include "glyph/context.h"

static void key_of(const char *a, const char *b, uint8_t key[CACHE_KEY_SIZE])
{
    struct cache_hasher h;
    cache_hasher_init(&h, "test");
    cache_hasher_add_str(&h, a);
    cache_hasher_add_str(&h, b);
    cache_hasher_final(&h, key);
}

static void test_cache_keys_separate_fields(void)
{
    uint8_t k1[32], k2[32], k3[32];
    key_of("ab", "c", k1);
    key_of("a", "bc", k2);
    key_of("ab", "c", k3);
    CHECK(memcmp(k1, k2, 32) != 0);
    CHECK(memcmp(k1, k3, 32) == 0);
    key_of("", NULL, k1);
    key_of("", "", k2);
    CHECK(memcmp(k1, k2, 32) != 0);
}

static void test_cache_round_trip_and_damage(const char *dir)
{
    struct cache c;
    char why[256];
    CHECK(cache_open(&c, dir, why, sizeof(why)) == 0);
    uint8_t key[32], other[32];
    key_of("font", "x", key);
    key_of("font", "y", other);
    uint8_t *data = NULL;
    size_t len = 0;
    CHECK(cache_get(&c, key, &data, &len) == 0);
    CHECK(cache_put(&c, key, "hello", 5) == 0);
    CHECK(cache_get(&c, other, &data, &len) == 0);
    CHECK(cache_get(&c, key, &data, &len) == 1 && len == 5 && memcmp(data, "hello", 5) == 0);
    free(data);
    cache_close(&c);

    // Survives a restart.
    CHECK(cache_open(&c, dir, why, sizeof(why)) == 0);
    CHECK(cache_get(&c, key, &data, &len) == 1 && len == 5);
    free(data);
    // A flipped byte in the entry is a miss, not wrong data.
    char hex[65], path[512];
    for (int i = 0; i < 32; i++) {
        snprintf(hex + 2 * i, 3, "%02x", key[i]);
    }
    snprintf(path, sizeof(path), "%s/v1/%.2s/%s", dir, hex, hex);
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (f != NULL) {
        fseek(f, 13, SEEK_SET);
        fputc('X', f);
        fclose(f);
    }
    CHECK(cache_get(&c, key, &data, &len) == 0);
    CHECK(cache_put(&c, key, "", 0) == 0);
    CHECK(cache_get(&c, key, &data, &len) == 1 && len == 0);
    free(data);
    unlink(path);
    snprintf(path, sizeof(path), "%s/v1/%.2s", dir, hex);
    rmdir(path);
    snprintf(path, sizeof(path), "%s/v1", dir);
    rmdir(path);
    cache_close(&c);
}

static void test_cache_file_contents_change_key(const char *dir)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/in.bin", dir);
    uint8_t k1[32], k2[32];
    for (int round = 0; round < 2; round++) {
        FILE *f = fopen(path, "wb");
        fputs(round ? "two" : "one", f);
        fclose(f);
        struct cache_hasher h;
        cache_hasher_init(&h, "raw");
        CHECK(cache_hasher_add_file(&h, path) == 0);
        cache_hasher_final(&h, round ? k2 : k1);
    }
    CHECK(memcmp(k1, k2, 32) != 0);
    struct cache_hasher h;
    cache_hasher_init(&h, "raw");
    CHECK(cache_hasher_add_file(&h, "/nonexistent/file") == -1);
    cache_hasher_final(&h, k1);
    unlink(path);
}

// Two ASTC block sizes share the format code GLFORMAT: the cache must tell
// them apart by BITMAP_EXT_FORMAT (a regression of issue 13's first draft).
static void test_asset_cache_keys_astc_block_size(const char *dir)
{
    struct cache c;
    char why[512], path[1024];
    CHECK(cache_open(&c, dir, why, sizeof(why)) == 0);
    snprintf(path, sizeof path, "%s/examples/images/icon.png",
             getenv("SRCDIR") != NULL ? getenv("SRCDIR") : ".");
    char *files[] = {path};
    struct mf_asset a = {.kind = BUNDLE_KIND_IMAGE,
                         .files = files,
                         .nfiles = 1,
                         .format = BUNDLE_FMT_GLFORMAT,
                         .ext_format = 37808}; // 4x4
    snprintf(a.name, sizeof a.name, "icon");
    struct glyph_ctx *g = glyph_ctx_create(NULL);
    struct fmt_asset x, y;
    int hit = 1;
    CHECK(asset_cache_load(&c, g, &a, "rasterd.conf", &x, &hit, why, sizeof why) == 0 && !hit,
          "4x4 converted: %s", why);
    a.ext_format = 37812; // 6x6
    CHECK(asset_cache_load(&c, g, &a, "rasterd.conf", &y, &hit, why, sizeof why) == 0 && !hit,
          "6x6 is not the cached 4x4: %s", why);
    CHECK(x.size == 24 * 24 / 16 * 16 && y.size == 4 * 4 * 16 && y.aux0 == 37812,
          "24 x 24 px: 6 x 6 blocks of 4x4, 4 x 4 blocks of 6x6 (got %u, %u bytes)",
          (unsigned)x.size, (unsigned)y.size);
    free((void *)y.data);
    CHECK(asset_cache_load(&c, g, &a, "rasterd.conf", &y, &hit, why, sizeof why) == 0 && hit,
          "6x6 again: from the cache");
    free((void *)x.data);
    free((void *)y.data);
    glyph_ctx_destroy(g);
    cache_close(&c);
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    char dir[] = "cache-test-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    test_cache_keys_separate_fields();
    test_cache_round_trip_and_damage(dir);
    test_cache_file_contents_change_key(dir);
    char sub[64];
    snprintf(sub, sizeof sub, "%s/astc", dir);
    test_asset_cache_keys_astc_block_size(sub);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "removing %s", dir);
    return check_status();
}
