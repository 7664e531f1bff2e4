// Linker: alignment, fixed addresses, overlap and overflow errors.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "formats/error.h"
#include "formats/link.h"

static struct fmt_asset mk(const char *name, unsigned kind, uint32_t size)
{
    static const uint8_t bytes[1] = {0};
    struct fmt_asset a;
    memset(&a, 0, sizeof(a));
    snprintf(a.name, sizeof(a.name), "%s", name);
    a.kind = kind;
    a.format = BUNDLE_FMT_NONE;
    a.size = size;
    a.data = bytes;
    return a;
}

static const struct fmt_asset *find(const struct fmt_asset *a, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(a[i].name, name) == 0) {
            return &a[i];
        }
    }
    return NULL;
}

static void test_link_aligns_per_kind_and_per_asset(void)
{
    struct fmt_asset a[4] = {mk("r1", BUNDLE_KIND_RAW, 3), mk("img", BUNDLE_KIND_IMAGE, 10),
                             mk("r2", BUNDLE_KIND_RAW, 5), mk("big", BUNDLE_KIND_RAW, 1)};
    a[3].align = 256;
    struct fmt_link_target t = {0x1000, 0x10000, {0, 0, 64, 0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 4, &t, &r, why, sizeof(why)) == 0);
    CHECK(find(a, 4, "r1")->addr == 0x1000);
    CHECK(find(a, 4, "img")->addr == 0x1040); // image kind aligned to 64
    CHECK(find(a, 4, "r2")->addr == 0x1004);  // first fit: the gap after r1, 4-aligned
    CHECK(find(a, 4, "big")->addr == 0x1100); // own alignment 256
    CHECK(r.payload_addr == 0x1000 && r.payload_len == 0x101);
    CHECK(r.used == 19);
    for (size_t i = 1; i < 4; i++) {
        CHECK(a[i - 1].addr < a[i].addr); // sorted by address
    }
}

static void test_link_fixed_addresses_and_first_fit(void)
{
    struct fmt_asset a[3] = {mk("free1", BUNDLE_KIND_RAW, 8), mk("fix", BUNDLE_KIND_RAW, 16),
                             mk("free2", BUNDLE_KIND_RAW, 100)};
    a[1].fixed = 1;
    a[1].fixed_addr = 0x10;
    struct fmt_link_target t = {0, 0x1000, {0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 3, &t, &r, why, sizeof(why)) == 0);
    CHECK(find(a, 3, "free1")->addr == 0);
    CHECK(find(a, 3, "fix")->addr == 0x10);
    CHECK(find(a, 3, "free2")->addr == 0x20); // does not fit in [8, 0x10)
}

static void test_link_high_addresses(void)
{
    struct fmt_asset a[1] = {mk("hi", BUNDLE_KIND_RAW, 16)};
    a[0].fixed = 1;
    a[0].fixed_addr = 0xFFFFFFF0u;
    struct fmt_link_target t = {0x80000000u, 0x80000000u, {0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 1, &t, &r, why, sizeof(why)) == 0);
    CHECK(r.payload_addr == 0xFFFFFFF0u && r.payload_len == 16);
}

static void test_link_rejects_misaligned_fixed_address(void)
{
    struct fmt_asset a[1] = {mk("x", BUNDLE_KIND_RAW, 4)};
    a[0].fixed = 1;
    a[0].fixed_addr = 0x102;
    struct fmt_link_target t = {0, 0x1000, {0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ALIGN);
    CHECK(strstr(why, "'x'") != NULL && strstr(why, "0x00000102") != NULL);
}

static void test_link_rejects_overlapping_fixed_assets(void)
{
    struct fmt_asset a[2] = {mk("one", BUNDLE_KIND_RAW, 32), mk("two", BUNDLE_KIND_RAW, 32)};
    a[0].fixed = a[1].fixed = 1;
    a[0].fixed_addr = 0x100;
    a[1].fixed_addr = 0x110;
    struct fmt_link_target t = {0, 0x1000, {0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 2, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_OVERLAP);
    CHECK(strstr(why, "'one'") != NULL && strstr(why, "'two'") != NULL);
    CHECK(strstr(why, "overlap by 16 bytes") != NULL);
}

static void test_link_overflow_names_asset_and_bytes(void)
{
    struct fmt_asset a[3] = {mk("small", BUNDLE_KIND_RAW, 100), mk("huge", BUNDLE_KIND_RAW, 1000),
                             mk("tail", BUNDLE_KIND_RAW, 50)};
    struct fmt_link_target t = {0, 1024, {0}};
    struct fmt_link_result r;
    char why[1024];
    CHECK(fmt_link(a, 3, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_OVERFLOW);
    // small at 0..100, huge at 100..1100: 76 bytes past 1024.
    CHECK(strstr(why, "'huge'") != NULL);
    CHECK(strstr(why, "by 76 bytes") != NULL);
    CHECK(strstr(why, "largest assets: huge (1000 bytes), small (100 bytes), tail (50 bytes)") !=
          NULL);
    fprintf(stderr, "overflow message: %s\n", why);
}

static void test_link_fixed_outside_space_overflows(void)
{
    struct fmt_asset a[1] = {mk("late", BUNDLE_KIND_RAW, 64)};
    a[0].fixed = 1;
    a[0].fixed_addr = 0x1000 - 32;
    struct fmt_link_target t = {0, 0x1000, {0}};
    struct fmt_link_result r;
    char why[1024];
    CHECK(fmt_link(a, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_OVERFLOW);
    CHECK(strstr(why, "'late'") != NULL && strstr(why, "by 32 bytes") != NULL);
}

static void test_link_rejects_bad_names_and_duplicates(void)
{
    struct fmt_asset a[2] = {mk("dup", BUNDLE_KIND_RAW, 4), mk("DUP", BUNDLE_KIND_RAW, 4)};
    struct fmt_link_target t = {0, 0x1000, {0}};
    struct fmt_link_result r;
    char why[512];
    CHECK(fmt_link(a, 2, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ASSET);
    struct fmt_asset b[1] = {mk("9lives", BUNDLE_KIND_RAW, 4)};
    CHECK(fmt_link(b, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ASSET);
    struct fmt_asset c[1] = {mk("bundle_x", BUNDLE_KIND_RAW, 4)};
    CHECK(fmt_link(c, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ASSET);
    struct fmt_asset d[1] = {mk("empty", BUNDLE_KIND_RAW, 0)};
    CHECK(fmt_link(d, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ASSET);
    struct fmt_asset e[1] = {mk("odd", BUNDLE_KIND_RAW, 4)};
    e[0].align = 3;
    CHECK(fmt_link(e, 1, &t, &r, why, sizeof(why)) == FMT_ERR_LINK_ASSET);
}

static void test_link_is_deterministic(void)
{
    struct fmt_asset a[5], b[5];
    for (int i = 0; i < 5; i++) {
        char n[8];
        snprintf(n, sizeof(n), "a%d", i);
        a[i] = mk(n, (unsigned)(1 + i % 3), (uint32_t)(17 * (i + 1)));
    }
    memcpy(b, a, sizeof(a));
    struct fmt_link_target t = {0, 0x1000, {0, 0, 16, 32}};
    struct fmt_link_result r1, r2;
    char why[512];
    CHECK(fmt_link(a, 5, &t, &r1, why, sizeof(why)) == 0);
    CHECK(fmt_link(b, 5, &t, &r2, why, sizeof(why)) == 0);
    CHECK(memcmp(a, b, sizeof(a)) == 0);
    CHECK(memcmp(&r1, &r2, sizeof(r1)) == 0);
}

int main(void)
{
    test_link_aligns_per_kind_and_per_asset();
    test_link_fixed_addresses_and_first_fit();
    test_link_high_addresses();
    test_link_rejects_misaligned_fixed_address();
    test_link_rejects_overlapping_fixed_assets();
    test_link_overflow_names_asset_and_bytes();
    test_link_fixed_outside_space_overflows();
    test_link_rejects_bad_names_and_duplicates();
    test_link_is_deterministic();
    return check_status();
}
