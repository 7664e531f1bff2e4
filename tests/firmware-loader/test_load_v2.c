// Bundle format v2 in the loader: plain and zlib segments (headers and data
// straddling chunks) land where they say, through both sources; the zlib
// pieces reach the sink in order, in multiples of 4 bytes, with FIRST/LAST
// marks, and zlib (the oracle, in the test's sink) inflates them to the
// right bytes; a sink that cannot inflate refuses the bundle before
// writing; a damaged zlib record fails its digest and none of its bytes
// reach the sink; validly signed but malformed segments are refused.
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "bundle_gen.h"
#include "stream_gen.h"
#include "wire/bundle_wire.h"

static uint8_t seed[32];
static uint8_t keys[1][32];
static struct sim sim;

// The test's inflating sink: collects a segment's pieces and inflates them
// with zlib into the simulated RAM on the last one.
static struct {
    uint8_t z[1 << 18];
    uint32_t len, addr, out_len, segments, bad_pieces, bytes;
    int open;
} zs;

static int zlib_sink(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                     unsigned flags)
{
    struct sim *s = ctx;
    zs.bytes += (uint32_t)len;
    if (len % 4 != 0 || ((flags & FWL_INFLATE_FIRST) != 0) == zs.open ||
        (!(flags & FWL_INFLATE_FIRST) && (addr != zs.addr || out_len != zs.out_len))) {
        zs.bad_pieces++;
    }
    if (flags & FWL_INFLATE_FIRST) {
        zs.open = 1;
        zs.len = 0;
        zs.addr = addr;
        zs.out_len = out_len;
    }
    memcpy(zs.z + zs.len, buf, len);
    zs.len += (uint32_t)len;
    if (flags & FWL_INFLATE_LAST) {
        zs.open = 0;
        zs.segments++;
        uLongf n = out_len;
        if (addr > SIM_RAM_SIZE - out_len) {
            return -1;
        }
        // The padding after the stream is ignored by zlib (uncompress stops at the end).
        if (uncompress(s->ram + addr, &n, zs.z, zs.len) != Z_OK || n != out_len) {
            return -2;
        }
    }
    return 0;
}

static void pattern(uint8_t *p, size_t n, unsigned k)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)((i % 50 < 30) ? (i / 9 + k) : (i * 2654435761u >> 13));
    }
}

static const struct gen_asset assets[] = {
    {"head", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x0100, 1001, 0, 0, 0, 0, 0, 0},
    {"big", BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8, 0x0800, 20000, 200, 100, 200, 0, 0, 8},
    {"tail", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x6000, 301, 0, 0, 0, 0, 0, 0},
};

static uint8_t data_head[1001], data_big[20000], data_tail[301];
static uint8_t bundle[1 << 18];

static void params(struct gen_params *p, const struct stream_gen *st, uint16_t flags)
{
    memset(p, 0, sizeof *p);
    p->target_id = 7;
    p->space_base = 0;
    p->space_size = SIM_RAM_SIZE;
    p->chunk_size = 256;
    p->seed = seed;
    p->stream = st->buf;
    p->stream_len = st->len;
    p->flags = flags;
}

static size_t build(const struct stream_gen *st, uint16_t flags)
{
    struct gen_params p;
    params(&p, st, flags);
    return gen_bundle(bundle, sizeof bundle, &p, assets, 3, NULL);
}

static int load(size_t len, int use_read, int inflate)
{
    static uint8_t buf[256 + FWL_BUF_EXTRA];
    struct fwl_port port;
    sim_reset(&sim, bundle, len);
    memset(&zs, 0, sizeof zs);
    sim_port(&port, &sim, use_read ? buf : NULL, sizeof buf, (const uint8_t(*)[32])keys, 1, 7);
    port.xram_inflate = inflate ? zlib_sink : NULL;
    struct fwl_ctx c;
    return fwl_load(&c, &port);
}

static struct stream_gen good;

static void test_v2_segments_land(void)
{
    size_t len = build(&good, BUNDLE_FLAG_ZLIB);
    CHECK(len > 0, "built");
    for (int use_read = 0; use_read < 2; use_read++) {
        int err = load(len, use_read, 1);
        CHECK(err == FWL_OK, "v2 load (read %d): %s", use_read, fwl_error_name(err));
        CHECK(memcmp(sim.ram + 0x100, data_head, sizeof data_head) == 0, "plain head");
        CHECK(memcmp(sim.ram + 0x800, data_big, sizeof data_big) == 0, "zlib big inflated");
        CHECK(memcmp(sim.ram + 0x6000, data_tail, sizeof data_tail) == 0, "plain tail");
        CHECK(zs.segments == 1 && zs.bad_pieces == 0, "one zlib segment, well-formed pieces");
        CHECK(sim.ram[0x100 + 1001] == 0xEE && sim.ram[0x6000 + 301] == 0xEE,
              "segment padding is not written");
    }
}

static void test_v2_refused_without_inflate(void)
{
    size_t len = build(&good, BUNDLE_FLAG_ZLIB);
    int err = load(len, 0, 0);
    CHECK(err == FWL_ERR_NO_INFLATE, "no inflate sink: %s", fwl_error_name(err));
    CHECK(sim.writes == 0 && zs.bytes == 0, "nothing written");
}

static void test_v2_damaged_zlib_record(void)
{
    size_t len = build(&good, BUNDLE_FLAG_ZLIB);
    // A byte inside the compressed data, well into the stream: chunk k.
    uint32_t signed_len = bundle_load_u32(bundle + 8);
    uint32_t stream_off = 16 + 1004 + 16 + 700; // inside big's zlib data
    uint32_t k = stream_off / 256;
    size_t at = signed_len + 64 + (size_t)k * (256 + 32) + stream_off % 256;
    bundle[at] ^= 0x01;
    struct fwl_port port;
    sim_reset(&sim, bundle, len);
    memset(&zs, 0, sizeof zs);
    sim_port(&port, &sim, NULL, 0, (const uint8_t(*)[32])keys, 1, 7);
    port.xram_inflate = zlib_sink;
    struct fwl_ctx c;
    int err = fwl_load(&c, &port);
    CHECK(err == FWL_ERR_CHUNK_DIGEST && c.chunk == k, "damaged zlib chunk %u: %s (chunk %u)", k,
          fwl_error_name(err), (unsigned)c.chunk);
    CHECK(zs.bytes + 16 + 1004 + 16 <= k * 256u, "no byte of the damaged chunk reached the sink");
}

static void expect_segment_error(const struct stream_gen *st, uint16_t flags, const char *what)
{
    size_t len = build(st, flags);
    int err = load(len, 0, 1);
    CHECK(err == FWL_ERR_SEGMENT, "%s: %s", what, fwl_error_name(err));
}

static void test_v2_malformed_segments(void)
{
    static struct stream_gen st;
    uint8_t d[64] = {1, 2, 3};
    st.len = 0;
    stream_plain(&st, 0x7000, d, 64); // past the payload [0x100, 0x612D)
    expect_segment_error(&st, 0, "dest outside the payload");
    st.len = 0;
    stream_raw(&st, 0x100, 65, 0, d, 64);
    expect_segment_error(&st, 0, "plain stored != out");
    st.len = 0;
    stream_zlib(&st, 0x100, data_head, 200);
    expect_segment_error(&st, 0, "zlib segment without the zlib flag");
    st.len = 0;
    stream_raw(&st, 0x100, 64, 7, d, 64);
    expect_segment_error(&st, BUNDLE_FLAG_ZLIB, "unknown encoding");
    st.len = 0;
    stream_plain(&st, 0x100, d, 64);
    st.len += 8; // half a segment header at the end
    expect_segment_error(&st, 0, "stream ends inside a segment header");
    st.len = 0;
    stream_raw(&st, 0x100, 0, 0, d, 0);
    expect_segment_error(&st, 0, "empty segment");
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(7 * i + 3);
    }
    gen_public_key(keys[0], seed);
    pattern(data_head, sizeof data_head, 1);
    pattern(data_big, sizeof data_big, 2);
    pattern(data_tail, sizeof data_tail, 3);
    stream_plain(&good, 0x100, data_head, sizeof data_head);
    stream_zlib(&good, 0x800, data_big, sizeof data_big);
    stream_plain(&good, 0x6000, data_tail, sizeof data_tail);
    test_v2_segments_land();
    test_v2_refused_without_inflate();
    test_v2_damaged_zlib_record();
    test_v2_malformed_segments();
    return check_status();
}
