// Loader demo image for QEMU mps2-an386 (Cortex-M4), built and run by
// tests/firmware-loader/cortex_m_demo.sh (a meson test) and bench/loader.sh.
//
// Two bundles are frozen into flash as const arrays (demo_bundle.h,
// generated on the host by tests/firmware-loader/make_demo_bundle.c): a
// one-chunk bundle and a large one with the same directory. Each is loaded
// into `xram`, a RAM region standing in for external RAM, from the
// memory-mapped array (zero-copy) and through a read callback with a chunk
// buffer. Printed as "name value" lines through semihosting: results, the
// BLAKE2s-256 of the loaded region (the test compares it with the host's),
// SysTick ticks under -icount shift=0 (1 tick = 40 instructions, calibrated
// below), and peak stack from a painted stack.
#include <stdint.h>
#include <string.h>

#include "wire/blake2s.h"
#include "fwl/eve.h"
#include "fwl/loader.h"

#include "demo_bundle.h"
#include "measure.h"
#include "semihost.h"

static uint8_t xram[DEMO_XRAM_SIZE];
static uint8_t chunk_buf[DEMO_CHUNK_SIZE + FWL_BUF_EXTRA];
static struct fwl_ctx ctx;
static uint32_t stored_version;

// The sink: external RAM is a plain array here; on a board this is
// fwl_eve_xram_write or a DMA transfer.
static int xram_write(void *c, uint32_t addr, const uint8_t *buf, size_t len)
{
    (void)c;
    if (addr >= sizeof xram || len > sizeof xram - addr) {
        return -1;
    }
    memcpy(xram + addr, buf, len);
    return 0;
}

// An EVE on the SPI bus, modelled: decodes host memory-write transactions
// (3 address bytes with bits 23:22 = 10, then data) into xram, so the EVE
// sink runs on the target exactly as it would against a real FT81x.
static struct {
    uint8_t hdr[3];
    uint32_t hdr_len, addr;
    int bad;
} spi;

static int spi_transfer(void *c, const uint8_t *tx, size_t len, int end)
{
    (void)c;
    while (len > 0 && spi.hdr_len < 3) {
        spi.hdr[spi.hdr_len++] = *tx++;
        len--;
        if (spi.hdr_len == 3) {
            spi.bad |= (spi.hdr[0] & 0xC0u) != 0x80u;
            spi.addr =
                ((uint32_t)(spi.hdr[0] & 0x3Fu) << 16) | ((uint32_t)spi.hdr[1] << 8) | spi.hdr[2];
        }
    }
    if (len > 0) {
        if (spi.addr >= sizeof xram || len > sizeof xram - spi.addr) {
            spi.bad = 1;
            return -1;
        }
        memcpy(xram + spi.addr, tx, len);
        spi.addr += (uint32_t)len;
    }
    if (end) {
        spi.hdr_len = 0; // chip select released
    }
    return 0;
}

static struct fwl_eve eve;

static const uint8_t *read_src;
static int src_read(void *c, uint32_t off, uint8_t *buf, size_t len)
{
    (void)c;
    memcpy(buf, read_src + off, len);
    return 0;
}

static int get_version(void *c, uint32_t *v)
{
    (void)c;
    *v = stored_version;
    return 0;
}

static int set_version(void *c, uint32_t v)
{
    (void)c;
    stored_version = v;
    return 0;
}

// use_read: 0 memory-mapped, 1 read callback, 2 memory-mapped into the EVE sink.
static int run(const char *name, const uint8_t *bundle, uint32_t len, int use_read)
{
    struct fwl_port port;
    memset(&port, 0, sizeof port);
    port.xram_write = xram_write;
    if (use_read == 2) {
        fwl_eve_init(&eve, spi_transfer, NULL);
        eve.max_transfer = 1024; // as a DMA-sized HAL limit would
        eve.ram_size = DEMO_XRAM_SIZE;
        port.ctx = &eve;
        port.xram_write = fwl_eve_xram_write;
        use_read = 0;
    }
    port.src_len = len;
    if (use_read) {
        read_src = bundle;
        port.read = src_read;
        port.buf = chunk_buf;
        port.buf_size = sizeof chunk_buf;
    } else {
        port.src = bundle;
    }
    port.keys = demo_keys;
    port.key_count = sizeof demo_keys / sizeof demo_keys[0];
    port.target_id = DEMO_TARGET_ID;
    port.ram_base = 0;
    port.ram_size = DEMO_XRAM_SIZE;
    if (port.ctx == NULL) {
        port.get_security_version = get_version;
        port.set_security_version = set_version;
    }
    memset(xram, 0, sizeof xram);
    stored_version = 0;

    uint32_t sp = measure_sp();
    measure_paint_stack();
    uint32_t t = measure_ticks_now();
    int err = fwl_load(&ctx, &port);
    uint32_t ticks = measure_ticks_since(t);
    uint32_t stack = measure_stack_used(sp);

    // The negated result (0 = FWL_OK, 16 = FWL_ERR_CHUNK_DIGEST): printing
    // fwl_error_name() would link the error strings into the measured image.
    semihost_write(name);
    measure_report("_result", (uint32_t)-err);
    semihost_write(name);
    measure_report("_ticks", ticks);
    semihost_write(name);
    measure_report("_stack_bytes", stack);
    if (err == FWL_OK) {
        struct fwl_asset_info info;
        int f = fwl_asset_find(&ctx, "atlas", &info);
        semihost_write(name);
        measure_report("_find_atlas_addr", f == FWL_OK ? info.addr : 0xFFFFFFFFu);
        uint8_t digest[32];
        bundle_blake2s(digest, xram + DEMO_PAYLOAD_ADDR, ctx.payload_len);
        semihost_write(name);
        measure_report_hex("_xram_blake2s", digest, 32);
    }
    return err == FWL_OK;
}

int main(void)
{
    measure_systick_start();

    uint32_t t = measure_ticks_now();
    measure_spin(500000); // 1,000,000 loop instructions
    measure_report("calibration_ticks_per_1M_insns", measure_ticks_since(t));
    measure_report("sizeof_fwl_ctx", (uint32_t)sizeof(struct fwl_ctx));
    measure_report("big_payload_bytes", DEMO_BIG_PAYLOAD);
    measure_report("small_payload_bytes", DEMO_SMALL_PAYLOAD);

    int ok = 1;
    ok &= run("small_mmap", demo_small, sizeof demo_small, 0);
    ok &= run("big_mmap", demo_big, sizeof demo_big, 0);
    ok &= run("small_read", demo_small, sizeof demo_small, 1);
    ok &= run("big_read", demo_big, sizeof demo_big, 1);
    ok &= run("small_eve", demo_small, sizeof demo_small, 2);
    ok &= run("big_eve", demo_big, sizeof demo_big, 2);
    ok &= !spi.bad;

    // A damaged chunk in the last third: the loader must stop there.
    static uint8_t damaged[sizeof demo_big];
    memcpy(damaged, demo_big, sizeof demo_big);
    damaged[sizeof damaged - 100] ^= 0x10;
    ok &= !run("damaged_mmap", damaged, sizeof damaged, 0);
    measure_report("damaged_mmap_chunks_written", ctx.chunks_done);

    semihost_write(ok ? "result ok\n" : "result FAIL\n");
    return ok ? 0 : 1;
}
