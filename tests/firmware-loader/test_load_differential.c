// Differential test: the device loader (fwl_load) against the host reader in
// formats/ (fmt_bundle_frame/parse/check_chain + libsodium's verify), which
// were written independently from the same spec. Header and directory
// fields are mutated to boundary values and the bundle is re-signed, so the
// mutations reach the rules behind the signature; both sides must accept
// exactly the same bundles. (This test found two host-reader gaps, an empty
// asset name and a payload address past the end of the address space; both
// are fixed in formats/bundle_read.c.)
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "formats/bundle.h"
#include "fwl/loader.h"

#include "bundle_gen.h"
#include "stream_gen.h"

static uint8_t seed[32], sk[64], pk[1][32];
static uint32_t rng = 0x12345678u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t interesting(uint32_t orig)
{
    static const uint32_t v[] = {
        0,    1,    4,    63,    64,         96,         100,    255,         256,        512,
        1000, 1001, 4096, 65536, 0x10000000, 0x7FFFFFFF, 0xFFFF, 0xFFFFFFFFu, 0xFFFFFF00u};
    switch (next() % 4) {
    case 0:
        return orig + 1;
    case 1:
        return orig - 1;
    case 2:
        return orig ^ (1u << (next() % 32));
    default:
        return v[next() % (sizeof v / sizeof v[0])];
    }
}

static int host_accepts(const uint8_t *b, size_t len)
{
    uint32_t sl;
    struct fmt_bundle_info in;
    uint32_t bad;
    uint8_t id[BUNDLE_KEY_ID_SIZE];
    if (fmt_bundle_frame(b, len, &sl) != 0 ||
        crypto_sign_verify_detached(b + sl, b, sl, pk[0]) != 0 ||
        fmt_bundle_parse(b, len, &in) != 0) {
        return 0;
    }
    fmt_bundle_key_id(id, pk[0]);
    return memcmp(id, in.key_id, sizeof id) == 0 && fmt_bundle_check_chain(b, &in, &bad) == 0;
}

static int no_segment(void *ctx, const struct fmt_bundle_segment *g)
{
    (void)ctx, (void)g;
    return 0;
}

// Format 2: the host also walks the segments (without inflating, like the
// device, whose sink below accepts any zlib piece).
static int host_accepts_v2(const uint8_t *b, size_t len)
{
    struct fmt_bundle_info in;
    return host_accepts(b, len) && fmt_bundle_parse(b, len, &in) == 0 &&
           fmt_bundle_segments(b, &in, no_segment, NULL) == 0;
}

static int any_piece(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                     unsigned flags)
{
    (void)ctx, (void)addr, (void)out_len, (void)buf, (void)len, (void)flags;
    return 0;
}

static int device_accepts(const uint8_t *b, size_t len, int *err)
{
    static struct sim sim;
    struct fwl_port port;
    struct fwl_ctx c;
    sim_reset(&sim, b, len);
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])pk, 1, 0);
    // Like rasterd verify: the host has no target of its own.
    port.target_id = bundle_load_u32(b + BUNDLE_OFF_TARGET_ID);
    port.ram_base = bundle_load_u32(b + BUNDLE_OFF_SPACE_BASE);
    port.ram_size = bundle_load_u32(b + BUNDLE_OFF_SPACE_SIZE);
    port.ram_size = port.ram_size ? port.ram_size : 1;
    port.xram_inflate = any_piece;
    port.get_security_version = NULL; // no anti-rollback on the host
    port.set_security_version = NULL;
    *err = fwl_load(&c, &port);
    return *err == FWL_OK;
}

static void test_load_agrees_with_host_reader(void)
{
    static const struct gen_asset assets[] = {
        {"a", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x100, 300, 0, 0, 0, 0, 0, 0},
        {"b", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x300, 200, 0, 0, 0, 0, 0, 0},
        {"c", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x400, 90, 0, 0, 0, 0, 0, 0},
    };
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = 7;
    p.space_base = 0;
    p.space_size = SIM_RAM_SIZE;
    p.chunk_size = 256;
    p.seed = seed;
    static uint8_t base[4096], b[4096];
    size_t len = gen_bundle(base, sizeof base, &p, assets, 3, NULL);
    uint32_t sl = 96 + 3 * 64;
    int accepted = 0, rejected = 0;
    for (int iter = 0; iter < 4000; iter++) {
        memcpy(b, base, len);
        int edits = 1 + (int)(next() % 2);
        for (int e = 0; e < edits; e++) {
            uint32_t off;
            if (next() % 2) {
                off = 12 + 4 * (next() % 13); // hdr_size .. entry_size, first digest word
            } else {
                off = 96 + 64 * (next() % 3) + 24 + 4 * (next() % 3); // kind/format, addr, size
            }
            if (off == 32 || off == 36) {
                off = 44; // keep the key id
            }
            put32(b + off, interesting(bundle_load_u32(b + off)));
        }
        if (next() % 8 == 0) {
            b[96 + 64 * (next() % 3) + next() % 24] = (uint8_t)(next() % 2 ? 0 : 'x');
        }
        crypto_sign_detached(b + sl, NULL, b, sl, sk);
        int err;
        int dev = device_accepts(b, len, &err);
        int host = host_accepts(b, len);
        if (dev != host) {
            CHECK(0, "iteration %d: device %s, host %s", iter, fwl_error_name(err),
                  host ? "accepts" : "rejects");
            for (uint32_t o = 12; o < 64; o += 4) {
                if (bundle_load_u32(b + o) != bundle_load_u32(base + o)) {
                    fprintf(stderr, "  header +%u: 0x%08x (was 0x%08x)\n", o,
                            bundle_load_u32(b + o), bundle_load_u32(base + o));
                }
            }
            return;
        }
        accepted += dev;
        rejected += !dev;
    }
    printf("%d accepted, %d rejected by both\n", accepted, rejected);
    CHECK(accepted > 50 && rejected > 1000, "mutations reach both outcomes");
}

// Format 2: segment headers, the stream length and the zlib flag mutated,
// the bundle rebuilt (chain and signature valid): the loader's segment
// rules (firmware-loader/segments.c) against the host's
// (formats/bundle_segments.c).
static void test_segments_agree_with_host_reader(void)
{
    static const struct gen_asset assets[] = {
        {"a", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x100, 300, 0, 0, 0, 0, 0, 0},
        {"b", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x300, 200, 0, 0, 0, 0, 0, 0},
        {"c", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x400, 90, 0, 0, 0, 0, 0, 0},
    };
    static uint8_t data[300], b[8192];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i / 5);
    }
    static struct stream_gen base, st;
    stream_plain(&base, 0x100, data, 300);
    uint32_t second = base.len;
    stream_zlib(&base, 0x300, data, 200);
    uint32_t third = base.len;
    stream_plain(&base, 0x400, data, 90);
    const uint32_t headers[3] = {0, second, third};
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = 7;
    p.space_size = SIM_RAM_SIZE;
    p.chunk_size = 256;
    p.seed = seed;
    int accepted = 0, rejected = 0;
    for (int iter = 0; iter < 3000; iter++) {
        st = base;
        p.flags = BUNDLE_FLAG_ZLIB;
        int edits = 1 + (int)(next() % 2);
        for (int e = 0; e < edits; e++) {
            switch (next() % 8) {
            case 0:
                st.len = (uint32_t)((int)st.len + (int)(next() % 9) - 4); // cut or extend
                break;
            case 1:
                p.flags = (uint16_t)(next() % 3);
                break;
            default: {
                uint32_t off = headers[next() % 3] + 4 * (next() % 4);
                put32(st.buf + off, interesting(bundle_load_u32(st.buf + off)));
                break;
            }
            }
        }
        p.stream = st.buf;
        p.stream_len = st.len;
        size_t len = gen_bundle(b, sizeof b, &p, assets, 3, NULL);
        int err;
        int dev = len > 0 && device_accepts(b, len, &err);
        int host = len > 0 && host_accepts_v2(b, len);
        if (len > 0 && dev != host) {
            CHECK(0, "v2 iteration %d: device %s, host %s", iter, fwl_error_name(err),
                  host ? "accepts" : "rejects");
            return;
        }
        accepted += dev;
        rejected += len > 0 && !dev;
    }
    printf("format 2: %d accepted, %d rejected by both\n", accepted, rejected);
    CHECK(accepted > 50 && rejected > 1000, "mutations reach both outcomes");
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(i * 11 + 3);
    }
    crypto_sign_seed_keypair(pk[0], sk, seed);
    test_load_agrees_with_host_reader();
    test_segments_agree_with_host_reader();
    sodium_memzero(sk, sizeof sk);
    return check_status();
}
