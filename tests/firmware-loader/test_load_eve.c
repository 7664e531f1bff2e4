// The EVE sink: host memory-write framing (address bytes with bits 23:22 =
// 10, chip select held across header and data), splitting at the maximum
// transfer size, the RAM_G range check, and a whole bundle loaded through it
// into a model of RAM_G that decodes the SPI byte stream.
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "wire/bundle_wire.h"
#include "fwl/eve.h"
#include "fwl/loader.h"

#include "bundle_gen.h"

// A model of the EVE's SPI slave: bytes between chip-select low and high
// form one transaction.
struct eve_model {
    uint8_t ram_g[FWL_EVE_RAM_G_SIZE];
    uint8_t txn[4096 + 3];
    size_t txn_len;
    unsigned transactions, calls, bad_frames;
    size_t largest_call;
    int fail_on_call; // 1-based call that fails, 0 never
};

static struct eve_model model;

static int spi_transfer(void *ctx, const uint8_t *tx, size_t len, int end)
{
    struct eve_model *m = ctx;
    m->calls++;
    if (len > m->largest_call) {
        m->largest_call = len;
    }
    if (m->fail_on_call != 0 && (int)m->calls == m->fail_on_call) {
        m->txn_len = 0; // chip select released
        return -1;
    }
    if (len > sizeof m->txn - m->txn_len) {
        m->bad_frames++;
        return -1;
    }
    memcpy(m->txn + m->txn_len, tx, len);
    m->txn_len += len;
    if (end) {
        m->transactions++;
        if (m->txn_len < 4 || (m->txn[0] & 0xC0u) != 0x80u) {
            m->bad_frames++;
        } else {
            uint32_t addr =
                ((uint32_t)(m->txn[0] & 0x3Fu) << 16) | ((uint32_t)m->txn[1] << 8) | m->txn[2];
            if (addr + (m->txn_len - 3) <= sizeof m->ram_g) {
                memcpy(m->ram_g + addr, m->txn + 3, m->txn_len - 3);
            } else {
                m->bad_frames++;
            }
        }
        m->txn_len = 0;
    }
    return 0;
}

static void test_eve_write_framing(void)
{
    struct fwl_eve eve;
    memset(&model, 0, sizeof model);
    fwl_eve_init(&eve, spi_transfer, &model);
    static const uint8_t data[5] = {1, 2, 3, 4, 5};
    CHECK(fwl_eve_xram_write(&eve, 0x0ABCDE, data, 5) == 0, "write");
    CHECK(model.transactions == 1 && model.calls == 2 && model.bad_frames == 0, "one transaction");
    CHECK(memcmp(model.ram_g + 0x0ABCDE, data, 5) == 0, "data at address");
    // Split at the maximum transfer size, still one transaction.
    eve.max_transfer = 2;
    model.calls = model.transactions = 0;
    model.largest_call = 0;
    CHECK(fwl_eve_xram_write(&eve, 0x10, data, 5) == 0, "split write");
    CHECK(model.transactions == 1 && model.calls == 4 && model.largest_call == 3,
          "header + 3 data calls");
    CHECK(memcmp(model.ram_g + 0x10, data, 5) == 0, "split data");
}

static void test_eve_range(void)
{
    struct fwl_eve eve;
    memset(&model, 0, sizeof model);
    fwl_eve_init(&eve, spi_transfer, &model);
    static const uint8_t data[2] = {9, 9};
    CHECK(fwl_eve_xram_write(&eve, 0x0FFFFF, data, 2) == FWL_EVE_ERR_RANGE, "past RAM_G end");
    CHECK(fwl_eve_xram_write(&eve, 0x100000, data, 1) == FWL_EVE_ERR_RANGE, "RAM_G + 1 MiB");
    CHECK(fwl_eve_xram_write(&eve, 0x302000, data, 1) == FWL_EVE_ERR_RANGE, "registers");
    CHECK(fwl_eve_xram_write(&eve, 0x0FFFFF, data, 1) == 0, "last byte");
    CHECK(model.calls == 2, "nothing sent for rejected writes (%u calls)", model.calls);
    model.fail_on_call = 3;
    CHECK(fwl_eve_xram_write(&eve, 0, data, 2) == FWL_EVE_ERR_SPI, "spi error");
}

static void test_eve_load_bundle(void)
{
    uint8_t seed[32];
    uint8_t keys[1][32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(3 * i + 1);
    }
    gen_public_key(keys[0], seed);
    static const struct gen_asset assets[] = {
        {"logo", BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8, 0x0F0000, 5000, 100, 50, 100, 0, 0, 8},
        {"blob", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x0F2000, 3000, 0, 0, 0, 0, 0, 0},
    };
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = 0xE7E81500u;
    p.space_base = FWL_EVE_RAM_G;
    p.space_size = FWL_EVE_RAM_G_SIZE;
    p.chunk_size = 1024;
    p.seed = seed;
    static uint8_t bundle[16384], payload[16384];
    size_t len = gen_bundle(bundle, sizeof bundle, &p, assets, 2, payload);
    CHECK(len > 0, "bundle built");
    uint32_t payload_len = 0x2000 + 3000;

    struct fwl_eve eve;
    memset(&model, 0, sizeof model);
    fwl_eve_init(&eve, spi_transfer, &model);
    eve.max_transfer = 500;
    struct fwl_port port;
    memset(&port, 0, sizeof port);
    port.ctx = &eve;
    port.src_len = (uint32_t)len;
    port.src = bundle;
    port.xram_write = fwl_eve_xram_write;
    port.keys = (const uint8_t(*)[32])keys;
    port.key_count = 1;
    port.target_id = 0xE7E81500u;
    port.ram_base = FWL_EVE_RAM_G;
    port.ram_size = FWL_EVE_RAM_G_SIZE;
    struct fwl_ctx c;
    int err = fwl_load(&c, &port);
    CHECK(err == FWL_OK, "load through EVE sink: %s", fwl_strerror(err));
    CHECK(model.bad_frames == 0 && model.largest_call <= 500, "framing");
    CHECK(model.transactions == 11, "one transaction per chunk (%u)", model.transactions);
    CHECK(memcmp(model.ram_g + 0x0F0000, payload, payload_len) == 0, "RAM_G holds the payload");
    // An SPI failure mid-load is a write error with the sink's code.
    memset(&model, 0, sizeof model);
    model.fail_on_call = 9; // the fifth chunk's data
    err = fwl_load(&c, &port);
    CHECK(err == FWL_ERR_WRITE && c.detail == FWL_EVE_ERR_SPI, "spi failure: %s",
          fwl_error_name(err));
}

int main(void)
{
    if (sodium_init() < 0) {
        return 1;
    }
    test_eve_write_framing();
    test_eve_range();
    test_eve_load_bundle();
    return check_status();
}
