// End to end with the host writer: bundles made by formats' fmt_link +
// fmt_bundle_write (what `rasterd build` runs) load through fwl_load, from
// memory and through a read callback, and land byte for byte at the linked
// addresses; fwl_asset_find returns what the writer placed. Also format 2
// (an asset, or the whole payload, zlib-compressed by the writer): the
// zlib pieces are inflated by zlib in the test's sink.
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "formats/bundle.h"
#include "formats/link.h"
#include "formats/sink.h"
#include "fwl/loader.h"

#include "bundle_gen.h"
#include <zlib.h>

static uint8_t sk[64], pk[1][32];

static int sign(void *ctx, uint8_t sig[BUNDLE_SIG_SIZE], const uint8_t *msg, size_t len)
{
    (void)ctx;
    return crypto_sign_detached(sig, NULL, msg, len, sk) == 0 ? 0 : -1;
}

static uint8_t raw[3][3000];
static struct sim sim;

// Collects a zlib segment's pieces and inflates them into the simulated
// RAM on the last one.
static struct {
    uint8_t z[16384];
    uint32_t len, segments;
} zs;

static int zlib_sink(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                     unsigned flags)
{
    struct sim *s = ctx;
    if (flags & FWL_INFLATE_FIRST) {
        zs.len = 0;
    }
    if (len > sizeof zs.z - zs.len) {
        return -1;
    }
    memcpy(zs.z + zs.len, buf, len);
    zs.len += (uint32_t)len;
    uLongf n = out_len;
    if ((flags & FWL_INFLATE_LAST) &&
        (addr > SIM_RAM_SIZE - out_len || uncompress(s->ram + addr, &n, zs.z, zs.len) != Z_OK ||
         n != out_len)) {
        return -2;
    }
    zs.segments += (flags & FWL_INFLATE_LAST) != 0;
    return 0;
}

// compress: 0 none (v1), 1 asset 0 and 2 zlib, 2 the whole payload.
static void test_load_writer_bundle(uint32_t chunk_size, int compress)
{
    struct fmt_asset a[3];
    memset(a, 0, sizeof a);
    static const uint32_t sizes[3] = {3000, 17, 1200};
    for (int i = 0; i < 3; i++) {
        snprintf(a[i].name, sizeof a[i].name, "asset%d", i);
        a[i].kind = i == 1 ? BUNDLE_KIND_RAW : BUNDLE_KIND_IMAGE;
        a[i].format = i == 1 ? BUNDLE_FMT_NONE : BUNDLE_FMT_L8;
        a[i].width = a[i].stride = i == 1 ? 0 : 100;
        a[i].height = i == 1 ? 0 : sizes[i] / 100;
        a[i].aux2 = i == 1 ? 0 : 8;
        for (uint32_t k = 0; k < sizes[i]; k++) {
            raw[i][k] = (uint8_t)(k * 7 + (uint32_t)i * 13 + (k >> 7));
        }
        a[i].data = raw[i];
        a[i].size = sizes[i];
    }
    struct fmt_link_target t = {0, SIM_RAM_SIZE, {0, 0, 16, 0}};
    struct fmt_link_result r;
    char why[256];
    CHECK(fmt_link(a, 3, &t, &r, why, sizeof why) == 0, "link: %s", why);
    uint32_t target = fmt_bundle_target_id("test-eve");
    a[0].encoding = a[2].encoding = compress == 1 ? BUNDLE_ENC_ZLIB : BUNDLE_ENC_PLAIN;
    struct fmt_bundle_params p = {target, t.base, t.size,       7, chunk_size, {0},
                                  sign,   NULL,   compress == 2};
    fmt_bundle_key_id(p.key_id, pk[0]);
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    CHECK(fmt_bundle_write(&mb.sink, &p, a, 3, &r) == 0, "write");
    static uint8_t buf[4096 + FWL_BUF_EXTRA];
    for (int mode = 0; mode < 2; mode++) {
        static struct fwl_port port;
        struct fwl_ctx c;
        sim_reset(&sim, mb.data, mb.len);
        sim_port(&port, &sim, mode ? buf : NULL, sizeof buf, (const uint8_t(*)[32])pk, 1, target);
        port.xram_inflate = zlib_sink;
        zs.segments = 0;
        int err = fwl_load(&c, &port);
        CHECK(err == FWL_OK, "chunk %u mode %d compress %d: %s", chunk_size, mode, compress,
              fwl_strerror(err));
        CHECK(c.version == (compress ? 2u : 1u) && zs.segments == (compress == 1 ? 2u
                                                                   : compress    ? 1u
                                                                                 : 0u),
              "format %u, %u zlib segments", (unsigned)c.version, (unsigned)zs.segments);
        for (int i = 0; i < 3; i++) {
            struct fwl_asset_info info;
            err = fwl_asset_find(&c, a[i].name, &info);
            CHECK(err == FWL_OK && info.addr == a[i].addr && info.size == a[i].size &&
                      info.kind == a[i].kind && info.format == a[i].format &&
                      info.width == a[i].width && info.aux[2] == a[i].aux2,
                  "find %s", a[i].name);
            CHECK(memcmp(sim.ram + a[i].addr, raw[i], a[i].size) == 0, "%s bytes", a[i].name);
        }
        CHECK(sim.stored_version == 7, "security version");
    }
    fmt_membuf_finish(&mb);
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    uint8_t seed[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(i * 5 + 9);
    }
    crypto_sign_seed_keypair(pk[0], sk, seed);
    for (int compress = 0; compress < 3; compress++) {
        test_load_writer_bundle(256, compress);
        test_load_writer_bundle(1024, compress);
        test_load_writer_bundle(4096, compress);
    }
    sodium_memzero(sk, sizeof sk);
    return check_status();
}
