// fwl_load on the host with a simulated port: happy paths for memory-mapped
// and read-callback sources, and fault injection (every single-bit flip,
// every truncation, read error at every byte, write error at every chunk).
// After every failure the sink must hold exactly the chunks before the
// damaged one, byte for byte, and nothing else.
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "wire/bundle_wire.h"
#include "wire/blake2s.h"
#include "fwl/loader.h"

#include "bundle_gen.h"

#define TARGET 0x54474554u

static uint8_t seed_a[32], seed_b[32];
static uint8_t keys[2][32];
static struct sim sim;
static uint8_t bundle[8192], work[8192], payload[4096];
static size_t bundle_len;
static struct gen_params params;

static const struct gen_asset assets[] = {
    {"font_a", BUNDLE_KIND_FONT, BUNDLE_FMT_L4, 0x100, 300, 10, 16, 5, 32, 95, 4},
    {"img_b", BUNDLE_KIND_IMAGE, BUNDLE_FMT_RGB565, 0x300, 400, 10, 20, 20, 0, 0, 16},
};

static void default_params(struct gen_params *p)
{
    memset(p, 0, sizeof *p);
    p->target_id = TARGET;
    p->space_base = 0;
    p->space_size = SIM_RAM_SIZE;
    p->security_version = 3;
    p->chunk_size = 256;
    p->seed = seed_a;
}

static size_t build(const struct gen_params *p, const struct gen_asset *a, size_t n)
{
    return gen_bundle(bundle, sizeof bundle, p, a, n, payload);
}

// Loads `data` through a memory-mapped port (buf NULL) or a read port.
static int load(struct fwl_ctx *c, const uint8_t *data, size_t len, uint8_t *buf, size_t buf_size)
{
    static struct fwl_port port; // fwl_asset_find uses it after the load
    sim_reset(&sim, data, len);
    sim_port(&port, &sim, buf, buf_size, (const uint8_t(*)[32])keys, 1, TARGET);
    return fwl_load(c, &port);
}

// The sink got exactly chunks [0, n) of the default bundle, correct bytes.
static int sink_has_prefix(uint32_t n, uint32_t payload_addr, uint32_t payload_len, uint32_t cs)
{
    if (sim.writes != n) {
        return 0;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t clen = bundle_chunk_len(payload_len, cs, i);
        if (sim.log_addr[i] != payload_addr + i * cs || sim.log_len[i] != clen ||
            memcmp(sim.ram + payload_addr + i * cs, payload + i * cs, clen) != 0) {
            return 0;
        }
    }
    return 1;
}

// Index of the chunk record containing byte `off`, or -1 before the records.
static int record_of(size_t off, uint32_t signed_len, uint32_t payload_len, uint32_t cs)
{
    size_t at = signed_len + 64u;
    if (off < at) {
        return -1;
    }
    for (uint32_t i = 0;; i++) {
        at += bundle_record_len(payload_len, cs, i);
        if (off < at) {
            return (int)i;
        }
    }
}

static void test_load_mmap_and_read_sources(void)
{
    static uint8_t buf[256 + 32];
    for (int mode = 0; mode < 2; mode++) {
        struct fwl_ctx c;
        int err = load(&c, bundle, bundle_len, mode ? buf : NULL, sizeof buf);
        CHECK(err == FWL_OK, "mode %d: %s", mode, fwl_strerror(err));
        CHECK(sink_has_prefix(4, 0x100, 912, 256), "mode %d: sink content", mode);
        CHECK(sim.progress_calls == 4 && sim.last_done == 912, "progress");
        CHECK(sim.set_calls == 1 && sim.stored_version == 3, "security version stored");
        if (mode == 1) {
            CHECK(sim.bytes_read == bundle_len, "read source: every byte read once (%u of %zu)",
                  sim.bytes_read, bundle_len);
        }
        struct fwl_asset_info info;
        err = fwl_asset_find(&c, "img_b", &info);
        CHECK(err == FWL_OK, "find img_b: %s", fwl_strerror(err));
        CHECK(info.addr == 0x300 && info.size == 400 && info.kind == BUNDLE_KIND_IMAGE &&
                  info.format == BUNDLE_FMT_RGB565 && info.width == 10 && info.height == 20 &&
                  info.stride == 20 && info.aux[2] == 16 && strcmp(info.name, "img_b") == 0,
              "img_b fields");
        err = fwl_asset_find(&c, "font_a", &info);
        CHECK(err == FWL_OK && info.aux[0] == 32 && info.aux[1] == 95, "find font_a");
        CHECK(fwl_asset_find(&c, "font", &info) == FWL_ERR_NOT_FOUND, "prefix is not a match");
        CHECK(fwl_asset_find(&c, "", &info) == FWL_ERR_NOT_FOUND, "empty name");
        // By index, in directory order, against the generator's list.
        for (uint32_t k = 0; k < 2; k++) {
            err = fwl_asset_at(&c, k, &info);
            CHECK(err == FWL_OK && strcmp(info.name, assets[k].name) == 0 &&
                      info.addr == assets[k].addr && info.size == assets[k].size &&
                      info.kind == assets[k].kind && info.format == assets[k].format,
                  "mode %d: entry %u: %s", mode, k, fwl_strerror(err));
        }
        CHECK(fwl_asset_at(&c, 2, &info) == FWL_ERR_NOT_FOUND, "index past the directory");
        CHECK(fwl_asset_at(&c, UINT32_MAX, &info) == FWL_ERR_NOT_FOUND, "huge index");
        CHECK(fwl_asset_at(NULL, 0, &info) == FWL_ERR_ARG, "no ctx");
        CHECK(fwl_asset_at(&c, 0, NULL) == FWL_ERR_ARG, "no info");
    }
}

static void test_load_rejects_every_bit_flip(int mode)
{
    static uint8_t buf[256 + 32];
    uint32_t signed_len = 96 + 2 * 64;
    size_t ok_sig = 0, ok_chunk = 0;
    for (size_t bit = 0; bit < bundle_len * 8; bit++) {
        memcpy(work, bundle, bundle_len);
        work[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        struct fwl_ctx c;
        int err = load(&c, work, bundle_len, mode ? buf : NULL, sizeof buf);
        int rec = record_of(bit / 8, signed_len, 912, 256);
        uint32_t want = rec < 0 ? 0u : (uint32_t)rec;
        if (err == FWL_OK || !sink_has_prefix(want, 0x100, 912, 256) || c.chunks_done != want) {
            CHECK(0, "mode %d bit %zu: %s, %u writes (want %u)", mode, bit, fwl_error_name(err),
                  sim.writes, want);
            return;
        }
        ok_sig += err == FWL_ERR_BAD_SIGNATURE;
        if (rec >= 0) {
            ok_chunk += err == FWL_ERR_CHUNK_DIGEST && c.chunk == want;
        }
    }
    // Every flip inside the records is a digest mismatch at its own chunk.
    size_t rec_bits = (bundle_len - signed_len - 64) * 8;
    CHECK(ok_chunk == rec_bits, "mode %d: %zu of %zu record flips give CHUNK_DIGEST", mode,
          ok_chunk, rec_bits);
    CHECK(ok_sig > 0, "signature failures seen");
}

static void test_load_rejects_every_truncation_and_extension(void)
{
    static uint8_t buf[256 + 32];
    for (int mode = 0; mode < 2; mode++) {
        for (size_t len = 0; len < bundle_len; len++) {
            struct fwl_ctx c;
            int err = load(&c, bundle, len, mode ? buf : NULL, sizeof buf);
            if (err != FWL_ERR_TRUNCATED || sim.writes != 0) {
                CHECK(0, "mode %d len %zu: %s, %u writes", mode, len, fwl_error_name(err),
                      sim.writes);
                break;
            }
        }
        memcpy(work, bundle, bundle_len);
        work[bundle_len] = 0;
        struct fwl_ctx c;
        int err = load(&c, work, bundle_len + 1, mode ? buf : NULL, sizeof buf);
        CHECK(err == FWL_ERR_TRAILING && sim.writes == 0, "one byte more: %s", fwl_error_name(err));
    }
}

static void test_load_read_error_at_every_byte(void)
{
    static uint8_t buf[256 + 32];
    uint32_t signed_len = 96 + 2 * 64;
    for (uint32_t n = 0; n < bundle_len; n++) {
        struct fwl_port port;
        struct fwl_ctx c;
        sim_reset(&sim, bundle, bundle_len);
        sim.read_fail_at = n;
        sim_port(&port, &sim, buf, sizeof buf, (const uint8_t(*)[32])keys, 1, TARGET);
        int err = fwl_load(&c, &port);
        int rec = record_of(n, signed_len, 912, 256);
        uint32_t want = rec < 0 ? 0u : (uint32_t)rec;
        if (err != FWL_ERR_READ || c.detail != -5 || !sink_has_prefix(want, 0x100, 912, 256)) {
            CHECK(0, "read error at %u: %s, %u writes (want %u)", n, fwl_error_name(err),
                  sim.writes, want);
            return;
        }
    }
}

static void test_load_write_error_at_every_chunk(void)
{
    for (uint32_t k = 0; k < 4; k++) {
        struct fwl_port port;
        struct fwl_ctx c;
        sim_reset(&sim, bundle, bundle_len);
        sim.write_fail_at = k;
        sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, TARGET);
        int err = fwl_load(&c, &port);
        CHECK(err == FWL_ERR_WRITE && c.chunk == k && c.chunks_done == k && c.detail == -7,
              "write error at %u: %s chunk %u", k, fwl_error_name(err), c.chunk);
        CHECK(sim.set_calls == 0, "no security version stored after a failed load");
        struct fwl_asset_info info;
        CHECK(fwl_asset_find(&c, "img_b", &info) == FWL_ERR_NOT_LOADED, "not loaded");
        CHECK(fwl_asset_at(&c, 0, &info) == FWL_ERR_NOT_LOADED, "not loaded, by index");
    }
}

static void test_load_keys(void)
{
    struct fwl_port port;
    struct fwl_ctx c;
    struct gen_params p;
    // Signed with key B; the device trusts only A: unknown key.
    default_params(&p);
    p.seed = seed_b;
    size_t len = build(&p, assets, 2);
    sim_reset(&sim, bundle, len);
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, TARGET);
    CHECK(fwl_load(&c, &port) == FWL_ERR_UNKNOWN_KEY && sim.writes == 0, "unknown key");
    // Key rotation: trusts A and B.
    port.key_count = 2;
    CHECK(fwl_load(&c, &port) == FWL_OK, "second trusted key");
    // Signed with B but naming A's id: the signature check catches it.
    p.key_id_pk = keys[0];
    len = build(&p, assets, 2);
    sim_reset(&sim, bundle, len);
    port.key_count = 1;
    int err = fwl_load(&c, &port);
    CHECK(err == FWL_ERR_BAD_SIGNATURE && c.detail == -40 && sim.writes == 0, "forged key id: %s",
          fwl_error_name(err));
}

static void test_load_rollback(void)
{
    struct fwl_port port;
    struct fwl_ctx c;
    sim_reset(&sim, bundle, bundle_len); // security version 3
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, TARGET);
    sim.stored_version = 4;
    CHECK(fwl_load(&c, &port) == FWL_ERR_ROLLBACK && sim.writes == 0, "rollback");
    sim.stored_version = 3;
    CHECK(fwl_load(&c, &port) == FWL_OK && sim.set_calls == 0, "equal version accepted");
    sim.stored_version = 2;
    sim.writes = 0;
    CHECK(fwl_load(&c, &port) == FWL_OK && sim.stored_version == 3, "raised to 3");
    sim.stored_version = 0;
    sim.storage_fail = -3;
    CHECK(fwl_load(&c, &port) == FWL_ERR_STORAGE && c.detail == -3, "storage error");
    port.set_security_version = NULL;
    CHECK(fwl_load(&c, &port) == FWL_ERR_ARG, "get without set");
    port.get_security_version = NULL;
    CHECK(fwl_load(&c, &port) == FWL_OK, "no anti-rollback storage");
}

static void test_load_target(void)
{
    struct fwl_port port;
    struct fwl_ctx c;
    sim_reset(&sim, bundle, bundle_len);
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, TARGET + 1);
    CHECK(fwl_load(&c, &port) == FWL_ERR_WRONG_TARGET && sim.writes == 0, "target id");
    port.target_id = TARGET;
    port.ram_size = SIM_RAM_SIZE - 1; // bundle space is bigger than the RAM
    CHECK(fwl_load(&c, &port) == FWL_ERR_WRONG_TARGET && sim.writes == 0, "space > RAM");
    port.ram_base = 0x10;
    port.ram_size = SIM_RAM_SIZE;
    CHECK(fwl_load(&c, &port) == FWL_ERR_WRONG_TARGET, "space below RAM base");
}

// Signed bundles whose header or directory breaks a rule.
static void expect_signed_error(const struct gen_params *p, const struct gen_asset *a, size_t n,
                                int want, const char *what)
{
    static uint8_t buf[256 + 32];
    size_t len = build(p, a, n);
    for (int mode = 0; mode < 2; mode++) {
        struct fwl_ctx c;
        int err = load(&c, bundle, len, mode ? buf : NULL, sizeof buf);
        CHECK(err == want && sim.writes == 0, "%s (mode %d): got %s", what, mode,
              fwl_error_name(err));
    }
}

static void test_load_rejects_bad_directory(void)
{
    struct gen_params p;
    struct gen_asset a[2];
    memcpy(a, assets, sizeof a);
    default_params(&p);
    a[1].addr = 0x100 + 299; // overlaps font_a by one byte
    expect_signed_error(&p, a, 2, FWL_ERR_DIR_OVERLAP, "overlap");
    a[1].addr = 0x40; // below font_a: not in address order
    p.payload_addr = 0x40;
    p.payload_len = 0x300;
    expect_signed_error(&p, a, 2, FWL_ERR_DIR_OVERLAP, "out of order");
    memcpy(a, assets, sizeof a);
    p.payload_addr = 0x100;
    p.payload_len = 0x300; // img_b ends past the payload
    expect_signed_error(&p, a, 2, FWL_ERR_DIR_RANGE, "entry past payload");
    default_params(&p);
    p.bad_name = 1;
    expect_signed_error(&p, assets, 2, FWL_ERR_BAD_ENTRY, "name without NUL");
    a[0].size = 0;
    default_params(&p);
    expect_signed_error(&p, a, 2, FWL_ERR_BAD_ENTRY, "empty asset");
}

static void test_load_rejects_bad_header(void)
{
    struct gen_params p;
    default_params(&p);
    p.tamper_chunk_count = 1;
    expect_signed_error(&p, assets, 2, FWL_ERR_BAD_HEADER, "chunk_count");
    default_params(&p);
    p.flags = 0x0001;
    expect_signed_error(&p, assets, 2, FWL_ERR_FLAGS, "unknown flag");
    default_params(&p);
    p.version = 3; // 2 is the segment format (tests/firmware-loader/test_load_v2.c)
    expect_signed_error(&p, assets, 2, FWL_ERR_VERSION, "version 3");
    default_params(&p);
    p.space_size = 0x200; // payload leaves the space
    expect_signed_error(&p, assets, 2, FWL_ERR_BAD_HEADER, "payload outside space");
    default_params(&p);
    p.chunk_size = 384;
    expect_signed_error(&p, assets, 2, FWL_ERR_BAD_HEADER, "chunk size not a power of two");
    default_params(&p);
    p.hdr_size = 98;
    expect_signed_error(&p, assets, 2, FWL_ERR_BAD_HEADER, "hdr_size not a multiple of 4");
    default_params(&p);
    p.chunk_size = 512; // bigger than the 288-byte read buffer
    size_t len = build(&p, assets, 2);
    static uint8_t buf[256 + 32];
    struct fwl_ctx c;
    CHECK(load(&c, bundle, len, buf, sizeof buf) == FWL_ERR_TOO_LARGE && sim.writes == 0,
          "chunk larger than the buffer");
    CHECK(load(&c, bundle, len, NULL, 0) == FWL_OK, "memory-mapped has no buffer limit");
    memcpy(work, bundle, len);
    work[0] = 'X';
    CHECK(load(&c, work, len, NULL, 0) == FWL_ERR_BAD_MAGIC, "magic");
}

// hdr_size and entry_size above v1's (appended fields), many entries, a read
// buffer much smaller than the signed region: exercises the read window.
static void test_load_extended_layout(void)
{
    static struct gen_asset many[40];
    static char names[40][24];
    struct gen_params p;
    default_params(&p);
    p.hdr_size = 160;
    p.entry_size = 100;
    for (int k = 0; k < 40; k++) {
        snprintf(names[k], sizeof names[k], "asset_%02d", k);
        many[k] = (struct gen_asset){names[k],
                                     BUNDLE_KIND_RAW,
                                     BUNDLE_FMT_NONE,
                                     (uint32_t)(0x1000 + 40 * k),
                                     37,
                                     0,
                                     0,
                                     0,
                                     0,
                                     0,
                                     0};
    }
    size_t len = build(&p, many, 40);
    static uint8_t buf[256 + 32];
    for (int mode = 0; mode < 2; mode++) {
        struct fwl_ctx c;
        int err = load(&c, bundle, len, mode ? buf : NULL, sizeof buf);
        CHECK(err == FWL_OK, "mode %d: %s", mode, fwl_error_name(err));
        CHECK(mode == 0 || sim.bytes_read == len, "every byte read once: %u of %zu", sim.bytes_read,
              len);
        struct fwl_asset_info info;
        err = fwl_asset_find(&c, "asset_39", &info);
        CHECK(err == FWL_OK && info.addr == 0x1000 + 40 * 39 && info.size == 37, "find last");
        err = fwl_asset_at(&c, 39, &info);
        CHECK(err == FWL_OK && strcmp(info.name, "asset_39") == 0, "last by index");
        CHECK(fwl_asset_at(&c, 40, &info) == FWL_ERR_NOT_FOUND, "past the last");
        if (mode == 1) {
            // The source changes after the load: lookups refuse it.
            memcpy(work, bundle, len);
            work[160 + 100 * 7 + 80] ^= 1; // an ignored, appended entry byte
            sim.bundle = work;
            CHECK(fwl_asset_find(&c, "asset_01", &info) == FWL_ERR_DIR_CHANGED, "changed");
            CHECK(fwl_asset_at(&c, 1, &info) == FWL_ERR_DIR_CHANGED, "changed, by index");
            sim.read_fail_at = 200;
            CHECK(fwl_asset_find(&c, "asset_01", &info) == FWL_ERR_READ, "read error");
        }
    }
}

static int hw_b2_calls, hw_ed_calls;
static void hw_blake2s(void *ctx, uint8_t out[32], const uint8_t *in, size_t len)
{
    (void)ctx;
    hw_b2_calls++; // stands in for a hardware hash unit
    bundle_blake2s(out, in, len);
}

static int hw_ed25519(void *ctx, const uint8_t sig[64], const uint8_t *msg, size_t len,
                      const uint8_t pk[32])
{
    (void)ctx;
    hw_ed_calls++;
    return crypto_sign_verify_detached(sig, msg, len, pk) == 0 ? 0 : -40;
}

static void test_load_primitive_overrides(void)
{
    static uint8_t buf[256 + 32];
    static uint8_t big[1024];
    for (int mode = 0; mode < 3; mode++) {
        struct fwl_port port;
        struct fwl_ctx c;
        sim_reset(&sim, bundle, bundle_len);
        sim_port(&port, &sim,
                 mode == 0   ? NULL
                 : mode == 1 ? big
                             : buf,
                 mode == 1 ? sizeof big : sizeof buf, (const uint8_t(*)[32])keys, 1, TARGET);
        port.blake2s = hw_blake2s;
        port.ed25519_verify = hw_ed25519;
        hw_b2_calls = hw_ed_calls = 0;
        int err = fwl_load(&c, &port);
        if (mode == 2) {
            // Signed region + signature (224 + 64) fit the 288-byte buffer.
            CHECK(err == FWL_OK, "override, small buffer: %s", fwl_error_name(err));
            continue;
        }
        CHECK(err == FWL_OK && hw_b2_calls == 4 && hw_ed_calls == 1, "overrides mode %d: %s", mode,
              fwl_error_name(err));
        CHECK(sink_has_prefix(4, 0x100, 912, 256), "sink");
        struct fwl_asset_info info;
        CHECK(fwl_asset_find(&c, "font_a", &info) == FWL_OK, "find");
        memcpy(work, bundle, bundle_len);
        work[100] ^= 4;
        sim_reset(&sim, work, bundle_len);
        if (port.src != NULL) {
            port.src = work;
        }
        CHECK(fwl_load(&c, &port) == FWL_ERR_BAD_SIGNATURE && sim.writes == 0, "hw reject");
    }
}

static void test_load_rejects_reordered_records_and_bad_config(void)
{
    static uint8_t buf[256 + 32];
    // Records 1 and 2 have the same length (256 + 32): swap them.
    size_t r1 = 96 + 128 + 64 + 288;
    memcpy(work, bundle, bundle_len);
    memcpy(work + r1, bundle + r1 + 288, 288);
    memcpy(work + r1 + 288, bundle + r1, 288);
    for (int mode = 0; mode < 2; mode++) {
        struct fwl_ctx c;
        int err = load(&c, work, bundle_len, mode ? buf : NULL, sizeof buf);
        CHECK(err == FWL_ERR_CHUNK_DIGEST && c.chunk == 1 && sink_has_prefix(1, 0x100, 912, 256),
              "reordered (mode %d): %s", mode, fwl_error_name(err));
    }
    // signed_len above the loader's limit (unsigned change: framing check).
    memcpy(work, bundle, bundle_len);
    work[10] = 0x02; // signed_len = 0x200E0
    struct fwl_ctx c;
    CHECK(load(&c, work, bundle_len, NULL, 0) == FWL_ERR_TOO_LARGE, "signed_len > 64 KiB");
    // Port mistakes.
    struct fwl_port port;
    sim_reset(&sim, bundle, bundle_len);
    sim_port(&port, &sim, buf, 100, (const uint8_t(*)[32])keys, 1, TARGET);
    CHECK(fwl_load(&c, &port) == FWL_ERR_ARG, "buffer below 288 bytes");
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 0, TARGET);
    CHECK(fwl_load(&c, &port) == FWL_ERR_ARG, "no keys");
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, TARGET);
    port.xram_write = NULL;
    CHECK(fwl_load(&c, &port) == FWL_ERR_ARG, "no sink");
    port.xram_write = sim_write;
    port.read = sim_read;
    CHECK(fwl_load(&c, &port) == FWL_ERR_ARG, "both src and read");
    port.read = NULL;
    CHECK(fwl_load(&c, NULL) == FWL_ERR_ARG && fwl_load(NULL, &port) == FWL_ERR_ARG, "NULL");
    CHECK(sim.writes == 0 && sim.reads == 0, "nothing touched");
}

static void test_strerror_covers_every_code(void)
{
    for (int e = -60; e <= 0; e++) {
        const char *n = fwl_error_name(e);
        CHECK(n != NULL && fwl_strerror(e) != NULL, "strings for %d", e);
    }
    CHECK(strcmp(fwl_error_name(FWL_ERR_ROLLBACK), "FWL_ERR_ROLLBACK") == 0, "name");
    CHECK((int)FWL_ERR_BAD_SIGNATURE == (int)FWL_ED25519_ERR_FORGED, "signature range shared");
}

int main(int argc, char **argv)
{
    (void)argv;
    if (sodium_init() < 0) {
        return 1;
    }
    for (int i = 0; i < 32; i++) {
        seed_a[i] = (uint8_t)(i + 1);
        seed_b[i] = (uint8_t)(200 - i);
    }
    gen_public_key(keys[0], seed_a);
    gen_public_key(keys[1], seed_b);
    default_params(&params);
    bundle_len = build(&params, assets, 2);
    test_load_mmap_and_read_sources();
    test_load_rejects_every_bit_flip(0);
    test_load_rejects_every_bit_flip(1);
    test_load_rejects_every_truncation_and_extension();
    test_load_read_error_at_every_byte();
    test_load_write_error_at_every_chunk();
    test_load_rollback();
    test_load_target();
    test_load_keys();
    bundle_len = build(&params, assets, 2);
    test_load_rejects_bad_directory();
    test_load_rejects_bad_header();
    test_load_extended_layout();
    bundle_len = build(&params, assets, 2);
    test_load_primitive_overrides();
    test_load_rejects_reordered_records_and_bad_config();
    test_strerror_covers_every_code();
    (void)argc;
    return check_status();
}
