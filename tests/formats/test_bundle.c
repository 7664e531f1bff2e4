// Bundle writer and reader: layout at the documented offsets, the hash
// chain, determinism, truncation and length checks. Signing here is a fake
// callback (formats never sees a key); tests/rasterd checks real Ed25519.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "formats/bundle.h"
#include "formats/error.h"
#include "wire/blake2s.h"

// Fake signature: BLAKE2s of the message, twice. Lets the test check what
// the callback was given.
static int fake_sign(void *ctx, uint8_t sig[64], const uint8_t *msg, size_t len)
{
    size_t *calls = ctx;
    (*calls)++;
    bundle_blake2s(sig, msg, len);
    bundle_blake2s(sig + 32, sig, 32);
    return 0;
}

static int failing_sign(void *ctx, uint8_t sig[64], const uint8_t *msg, size_t len)
{
    (void)ctx;
    (void)msg;
    (void)len;
    memset(sig, 0, 64);
    return -1;
}

static uint8_t blob_a[700], blob_b[1500], blob_c[3];

static size_t make_assets(struct fmt_asset *a, struct fmt_link_result *r)
{
    for (size_t i = 0; i < sizeof(blob_a); i++) {
        blob_a[i] = (uint8_t)(i * 7 + 1);
    }
    for (size_t i = 0; i < sizeof(blob_b); i++) {
        blob_b[i] = (uint8_t)(i * 13 + 5);
    }
    blob_c[0] = 0xAA;
    blob_c[1] = 0xBB;
    blob_c[2] = 0xCC;
    memset(a, 0, 3 * sizeof(*a));
    const char *names[3] = {"alpha", "beta", "gamma"};
    const uint8_t *data[3] = {blob_a, blob_b, blob_c};
    uint32_t sizes[3] = {sizeof(blob_a), sizeof(blob_b), sizeof(blob_c)};
    for (int i = 0; i < 3; i++) {
        snprintf(a[i].name, sizeof(a[i].name), "%s", names[i]);
        a[i].kind = BUNDLE_KIND_RAW;
        a[i].format = BUNDLE_FMT_NONE;
        a[i].data = data[i];
        a[i].size = sizes[i];
    }
    a[1].kind = BUNDLE_KIND_IMAGE;
    a[1].format = BUNDLE_FMT_RGB565;
    a[1].width = 25;
    a[1].height = 30;
    a[1].stride = 50;
    a[1].aux2 = 16;
    struct fmt_link_target t = {0x100000, 0x4000, {0, 0, 16, 0}};
    char why[256];
    int err = fmt_link(a, 3, &t, r, why, sizeof(why));
    CHECK(err == 0);
    return 3;
}

static int write_bundle(struct fmt_membuf *mb, uint32_t chunk, size_t *calls)
{
    struct fmt_asset a[3];
    struct fmt_link_result r;
    size_t n = make_assets(a, &r);
    struct fmt_bundle_params p = {0x12345678u, 0x100000, 0x4000, 7, chunk, {1, 2, 3, 4, 5, 6, 7, 8},
                                  fake_sign,   calls,    0};
    fmt_membuf_init(mb);
    return fmt_bundle_write(&mb->sink, &p, a, n, &r);
}

static void test_bundle_layout_matches_spec(void)
{
    struct fmt_membuf mb;
    size_t calls = 0;
    CHECK(write_bundle(&mb, 256, &calls) == 0);
    CHECK(calls == 1);
    const uint8_t *b = mb.data;
    CHECK(memcmp(b, "RBND", 4) == 0);
    CHECK(bundle_load_u16(b + 4) == 1 && bundle_load_u16(b + 6) == 0);
    uint32_t sl = bundle_load_u32(b + 8);
    CHECK(sl == 96 + 3 * 64);
    CHECK(bundle_load_u32(b + 12) == 96);
    CHECK(bundle_load_u32(b + 16) == 0x12345678u);
    CHECK(bundle_load_u32(b + 20) == 0x100000 && bundle_load_u32(b + 24) == 0x4000);
    CHECK(bundle_load_u32(b + 28) == 7);
    CHECK(b[32] == 1 && b[39] == 8);
    CHECK(bundle_load_u32(b + 40) == 256);
    // alpha @0x100000 (700), beta (image, 16-aligned) @0x1002c0 (1500), gamma first-fit
    // into the alignment gap before beta @0x1002bc (3).
    uint32_t payload_len = 0x2c0 + 1500;
    CHECK(bundle_load_u32(b + 48) == 0x100000);
    CHECK(bundle_load_u32(b + 52) == payload_len);
    uint32_t nc = (payload_len + 255) / 256;
    CHECK(bundle_load_u32(b + 44) == nc);
    CHECK(bundle_load_u32(b + 56) == 3 && bundle_load_u32(b + 60) == 64);
    const uint8_t *e1 = b + 96 + 2 * 64;
    CHECK(strcmp((const char *)b + 96 + 64, "gamma") == 0);
    CHECK(bundle_load_u32(b + 96 + 64 + 28) == 0x1002bc);
    CHECK(strcmp((const char *)e1, "beta") == 0);
    CHECK(e1[24] == BUNDLE_KIND_IMAGE && e1[25] == BUNDLE_FMT_RGB565);
    CHECK(bundle_load_u32(e1 + 28) == 0x1002c0 && bundle_load_u32(e1 + 32) == 1500);
    CHECK(bundle_load_u32(e1 + 36) == 25 && bundle_load_u32(e1 + 44) == 50);
    // signature = fake_sign over exactly [0, signed_len)
    uint8_t sig[64];
    size_t dummy = 0;
    fake_sign(&dummy, sig, b, sl);
    CHECK(memcmp(sig, b + sl, 64) == 0);
    CHECK(mb.len == sl + 64 + payload_len + (nc - 1) * 32);
    CHECK(mb.len == fmt_bundle_size(3, payload_len, 256));
    // Chain: digest_i = BLAKE2s(record_i); record 0 digest in header.
    size_t off = sl + 64;
    const uint8_t *expect = b + 64;
    for (uint32_t i = 0; i < nc; i++) {
        uint32_t rl = bundle_record_len(payload_len, 256, i);
        uint8_t d[32];
        bundle_blake2s(d, b + off, rl);
        CHECK(memcmp(d, expect, 32) == 0);
        expect = b + off + rl - 32;
        off += rl;
    }
    CHECK(off == mb.len);
    // Payload bytes land at addr - payload_addr; gaps are zero.
    CHECK(b[sl + 64 + 0] == blob_a[0]);
    // payload offset 700 is in chunk 2, after two carried digests
    CHECK(b[sl + 64 + 700 + 2 * 32] == 0xAA); // gamma
    CHECK(b[sl + 64 + 703 + 2 * 32] == 0);    // padding before beta
    fmt_membuf_finish(&mb);
}

static void test_bundle_parse_and_chain_roundtrip(void)
{
    struct fmt_membuf mb;
    size_t calls = 0;
    CHECK(write_bundle(&mb, 512, &calls) == 0);
    struct fmt_bundle_info in;
    CHECK(fmt_bundle_parse(mb.data, mb.len, &in) == 0);
    CHECK(in.asset_count == 3 && in.chunk_size == 512 && in.total_len == mb.len);
    struct fmt_bundle_entry e;
    fmt_bundle_entry_get(mb.data, &in, 1, &e);
    CHECK(strcmp(e.name, "gamma") == 0 && e.size == 3);
    uint32_t bad = 99;
    CHECK(fmt_bundle_check_chain(mb.data, &in, &bad) == 0);
    // Any flipped byte in any record breaks the chain at that record.
    for (size_t off = in.records_off; off < mb.len; off += 97) {
        mb.data[off] ^= 0x40;
        CHECK(fmt_bundle_check_chain(mb.data, &in, &bad) == FMT_ERR_BUNDLE_DIGEST);
        mb.data[off] ^= 0x40;
    }
    fmt_membuf_finish(&mb);
}

static void test_bundle_rejects_truncation_and_trailing_bytes(void)
{
    struct fmt_membuf mb;
    size_t calls = 0;
    CHECK(write_bundle(&mb, 256, &calls) == 0);
    struct fmt_bundle_info in;
    for (size_t len = 0; len < mb.len; len++) {
        CHECK(fmt_bundle_parse(mb.data, len, &in) < 0);
    }
    uint8_t *longer = malloc(mb.len + 1);
    memcpy(longer, mb.data, mb.len);
    longer[mb.len] = 0;
    CHECK(fmt_bundle_parse(longer, mb.len + 1, &in) == FMT_ERR_BUNDLE_LENGTH);
    free(longer);
    fmt_membuf_finish(&mb);
}

static void test_bundle_rejects_bad_header_fields(void)
{
    struct fmt_membuf mb;
    size_t calls = 0;
    CHECK(write_bundle(&mb, 256, &calls) == 0);
    struct fmt_bundle_info in;
    struct {
        size_t off;
        uint8_t xor ;
        int err;
    } cases[] = {
        {0, 1, FMT_ERR_BUNDLE_MAGIC},
        {4, 2, FMT_ERR_BUNDLE_VERSION},
        {6, 1, FMT_ERR_BUNDLE_FLAGS},
        {41, 1, FMT_ERR_BUNDLE_HEADER}, // chunk size
        {44, 1, FMT_ERR_BUNDLE_HEADER},
        {56, 1, FMT_ERR_BUNDLE_HEADER},
        {96 + 28, 0x10, FMT_ERR_BUNDLE_DIRECTORY}, // entry 0 address
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mb.data[cases[i].off] ^= cases[i].xor ;
        CHECK(fmt_bundle_parse(mb.data, mb.len, &in) == cases[i].err);
        mb.data[cases[i].off] ^= cases[i].xor ;
    }
    CHECK(fmt_bundle_parse(mb.data, mb.len, &in) == 0);
    fmt_membuf_finish(&mb);
}

static void test_bundle_is_deterministic(void)
{
    struct fmt_membuf a, b;
    size_t calls = 0;
    CHECK(write_bundle(&a, 1024, &calls) == 0);
    CHECK(write_bundle(&b, 1024, &calls) == 0);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    fmt_membuf_finish(&a);
    fmt_membuf_finish(&b);
}

static void test_bundle_writer_rejects_bad_params(void)
{
    struct fmt_asset a[3];
    struct fmt_link_result r;
    size_t n = make_assets(a, &r);
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    struct fmt_bundle_params p = {1, 0x100000, 0x4000, 0, 1000, {0}, failing_sign, NULL, 0};
    CHECK(fmt_bundle_write(&mb.sink, &p, a, n, &r) == FMT_ERR_INVALID_ARG); // not a power of 2
    p.chunk_size = 128;
    CHECK(fmt_bundle_write(&mb.sink, &p, a, n, &r) == FMT_ERR_INVALID_ARG); // below 256
    p.chunk_size = 256;
    CHECK(fmt_bundle_write(&mb.sink, &p, a, n, &r) == FMT_ERR_SIGN);
    CHECK(mb.len == 0); // nothing written when signing fails
    p.space_base = 0x100001;
    CHECK(fmt_bundle_write(&mb.sink, &p, a, n, &r) == FMT_ERR_INVALID_ARG);
    fmt_membuf_finish(&mb);
}

static void test_bundle_ids(void)
{
    uint8_t pk[32] = {0};
    uint8_t id[8], d[32];
    fmt_bundle_key_id(id, pk);
    bundle_blake2s(d, pk, 32);
    CHECK(memcmp(id, d, 8) == 0);
    bundle_blake2s(d, (const uint8_t *)"eve-ft813", 9);
    CHECK(fmt_bundle_target_id("eve-ft813") == bundle_load_u32(d));
}

int main(void)
{
    test_bundle_layout_matches_spec();
    test_bundle_parse_and_chain_roundtrip();
    test_bundle_rejects_truncation_and_trailing_bytes();
    test_bundle_rejects_bad_header_fields();
    test_bundle_is_deterministic();
    test_bundle_writer_rejects_bad_params();
    test_bundle_ids();
    return check_status();
}
