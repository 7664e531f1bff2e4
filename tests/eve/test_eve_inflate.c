// The loader's EVE sink on the zlib path, against the simulated EVE: a v2
// bundle (plain and zlib segments, composed from the spec and compressed by
// zlib) streamed by fwl_load through fwl_eve_xram_write and fwl_eve_inflate
// (CMD_INFLATE through the coprocessor FIFO) leaves RAM_G holding exactly the
// original bytes, in fewer SPI bytes than the plain bundle; the sink picks
// the FIFO up where the firmware left it; a validly signed stream that is
// not zlib makes the chip fault, and the sink reports it and resets the
// coprocessor so it works again; without spi_receive the sink refuses.
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "bundle_gen.h"
#include "eve_host.h"
#include "eve_model.h"
#include "eve_sink.h"
#include "stream_gen.h"
#include "wire/bundle_wire.h"

static uint8_t seed[32], keys[1][32];
static uint8_t data_a[3001], data_b[60000];
static uint8_t bundle[1 << 18];

static const struct gen_asset assets[] = {
    {"a", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x10000, 3001, 0, 0, 0, 0, 0, 0},
    {"b", BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8, 0x12000, 60000, 300, 200, 300, 0, 0, 8},
};

static size_t build(const struct stream_gen *st, uint16_t flags, uint32_t chunk)
{
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = 9;
    p.space_base = FWL_EVE_RAM_G;
    p.space_size = FWL_EVE_RAM_G_SIZE;
    p.chunk_size = chunk;
    p.seed = seed;
    p.stream = st->buf;
    p.stream_len = st->len;
    p.flags = flags;
    return gen_bundle(bundle, sizeof bundle, &p, assets, 2, NULL);
}

static int load(struct eve_model *m, size_t len, int with_receive, struct fwl_ctx *c)
{
    static struct fwl_eve eve;
    struct fwl_port port;
    eve_sink_port(&port, &eve, m, bundle, len, (const uint8_t(*)[32])keys);
    eve.max_transfer = 1000;
    if (!with_receive) {
        eve.spi_receive = NULL;
    }
    return fwl_load(c, &port);
}

static void pattern(uint8_t *p, size_t n, unsigned k)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)((i % 64 < 48) ? (i / 13 + k) : (i * 2654435761u >> 11));
    }
}

static void test_inflate_through_the_chip(void)
{
    static struct stream_gen plain, zl;
    stream_plain(&plain, 0x10000, data_a, sizeof data_a);
    stream_plain(&plain, 0x12000, data_b, sizeof data_b);
    stream_plain(&zl, 0x10000, data_a, sizeof data_a);
    stream_zlib(&zl, 0x12000, data_b, sizeof data_b);
    uint64_t spi[2] = {0, 0};
    for (int z = 0; z < 2; z++) {
        static const uint32_t chunks[] = {256, 4096};
        for (int k = 0; k < 2; k++) {
            struct eve_model *m = eve_model_create();
            struct eve_host h;
            eve_host_init(&h, eve_model_spi_transfer, eve_model_spi_receive, m);
            // The firmware used the coprocessor before: the FIFO is not at 0.
            eve_host_cmd(&h, 0xFFFFFF00u); // CMD_DLSTART
            eve_host_cmd(&h, 0x26000007u); // CLEAR(1,1,1)
            eve_host_flush(&h);
            size_t len = build(z ? &zl : &plain, z ? BUNDLE_FLAG_ZLIB : 0, chunks[k]);
            struct fwl_ctx c;
            int err = load(m, len, 1, &c);
            CHECK(err == FWL_OK, "load (zlib %d, chunk %u): %s detail %d", z, chunks[k],
                  fwl_error_name(err), c.detail);
            CHECK(eve_model_error(m) == NULL, "model: %s", eve_model_error(m));
            const uint8_t *ram = eve_model_ram_g(m);
            CHECK(memcmp(ram + 0x10000, data_a, sizeof data_a) == 0 &&
                      memcmp(ram + 0x12000, data_b, sizeof data_b) == 0,
                  "RAM_G holds the assets (zlib %d, chunk %u)", z, chunks[k]);
            CHECK(z == 0 || eve_model_stats(m)->inflated == sizeof data_b, "the chip inflated b");
            if (k == 1) {
                spi[z] = eve_model_stats(m)->spi_bytes;
            }
            eve_model_destroy(m);
        }
    }
    CHECK(spi[1] < spi[0] / 2, "zlib moves fewer SPI bytes: %llu vs %llu",
          (unsigned long long)spi[1], (unsigned long long)spi[0]);
    printf("SPI bytes, 4 KiB chunks: plain %llu, zlib %llu\n", (unsigned long long)spi[0],
           (unsigned long long)spi[1]);
}

static void test_fault_is_reported_and_cleared(void)
{
    static struct stream_gen bad;
    static uint8_t junk[2000];
    pattern(junk, sizeof junk, 9);
    junk[0] = 0x78; // a zlib header, then garbage
    junk[1] = 0x9C;
    stream_raw(&bad, 0x12000, 60000, BUNDLE_ENC_ZLIB, junk, sizeof junk);
    size_t len = build(&bad, BUNDLE_FLAG_ZLIB, 4096);
    struct eve_model *m = eve_model_create();
    eve_model_expect_fault(m, 1);
    struct fwl_ctx c;
    int err = load(m, len, 1, &c);
    CHECK(err == FWL_ERR_WRITE && c.detail == FWL_EVE_ERR_FAULT, "fault: %s detail %d",
          fwl_error_name(err), c.detail);
    CHECK(eve_model_stats(m)->faults == 1, "the chip faulted once");
    struct eve_host h;
    eve_host_init(&h, eve_model_spi_transfer, eve_model_spi_receive, m);
    CHECK(eve_host_rd32(&h, EVE_REG_CMD_READ) == 0, "coprocessor reset by the sink");
    CHECK(eve_host_memwrite_check(&h, eve_model_ram_g(m), 0x100, "abcd", 4),
          "the coprocessor works after the sink's reset");
    CHECK(eve_model_error(m) == NULL, "model: %s", eve_model_error(m));
    eve_model_destroy(m);
}

static void test_needs_receive(void)
{
    static struct stream_gen zl;
    stream_zlib(&zl, 0x12000, data_b, sizeof data_b);
    size_t len = build(&zl, BUNDLE_FLAG_ZLIB, 4096);
    struct eve_model *m = eve_model_create();
    struct fwl_ctx c;
    int err = load(m, len, 0, &c);
    CHECK(err == FWL_ERR_WRITE && c.detail == FWL_EVE_ERR_NO_READ, "no spi_receive: %s %d",
          fwl_error_name(err), c.detail);
    eve_model_destroy(m);
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(5 * i + 1);
    }
    gen_public_key(keys[0], seed);
    pattern(data_a, sizeof data_a, 1);
    pattern(data_b, sizeof data_b, 2);
    test_inflate_through_the_chip();
    test_fault_is_reported_and_cleared();
    test_needs_receive();
    return check_status();
}
