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
#include "eve_priv.h"

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

// An EVE on the SPI bus, stood in for on the target: host memory writes
// (3 address bytes with bits 23:22 = 10, then data) to RAM_G land in xram;
// host memory reads (bits 23:22 = 00, a dummy byte, then data clocked in)
// of REG_CMD_READ/REG_CMD_WRITE answer as a coprocessor that consumed the
// FIFO at once (no inflating here: the host replays the captured traffic
// into the simulated EVE, tests/eve, which does). With `capture` open,
// every transfer is logged to a host file through semihosting: a record is
// 'T' (sent) or 'R' (received), an end-of-transaction byte, a u32 length
// and the bytes.
#define REG_CMD_READ  0x3020F8u
#define REG_CMD_WRITE 0x3020FCu
static struct {
    uint8_t hdr[4];
    uint32_t hdr_len, addr, cmd_write;
    int write, bad, capture;
} spi = {.capture = -1};

static void spi_log(char kind, const uint8_t *p, size_t len, int end)
{
    if (spi.capture < 0) {
        return;
    }
    uint8_t rec[6] = {(uint8_t)kind,       (uint8_t)(end != 0),  (uint8_t)len,
                      (uint8_t)(len >> 8), (uint8_t)(len >> 16), (uint8_t)(len >> 24)};
    spi.bad |= semihost_fwrite(spi.capture, rec, sizeof rec) != 0;
    spi.bad |= semihost_fwrite(spi.capture, p, (uint32_t)len) != 0;
}

static void spi_write_byte(uint8_t v)
{
    uint32_t a = spi.addr++;
    if (a < sizeof xram) {
        xram[a] = v;
    } else if (a - REG_CMD_WRITE < 4u) {
        uint32_t shift = 8u * (a - REG_CMD_WRITE);
        spi.cmd_write = (spi.cmd_write & ~(0xFFu << shift)) | (uint32_t)v << shift;
    } else if (a < 0x300000u) {
        spi.bad = 1; // not RAM_G, RAM_DL, registers or RAM_CMD
    }
}

static int spi_transfer(void *c, const uint8_t *tx, size_t len, int end)
{
    (void)c;
    spi_log('T', tx, len, end);
    for (size_t i = 0; i < len; i++) {
        if (spi.hdr_len < 3 || (spi.hdr_len == 3 && !spi.write)) {
            spi.hdr[spi.hdr_len++] = tx[i]; // address bytes; a read's dummy byte
            if (spi.hdr_len == 3) {
                spi.write = (spi.hdr[0] & 0xC0u) == 0x80u;
                spi.bad |= (spi.hdr[0] & 0x40u) != 0;
                spi.addr = ((uint32_t)(spi.hdr[0] & 0x3Fu) << 16) | ((uint32_t)spi.hdr[1] << 8) |
                           spi.hdr[2];
            }
        } else if (spi.write && spi.addr < sizeof xram && len - i <= sizeof xram - spi.addr) {
            memcpy(xram + spi.addr, tx + i, len - i); // RAM_G data: the bulk of the traffic
            spi.addr += (uint32_t)(len - i);
            break;
        } else if (spi.write) {
            spi_write_byte(tx[i]);
        } else {
            spi.bad = 1;
        }
    }
    if (end) {
        spi.hdr_len = 0; // chip select released
    }
    return 0;
}

static int spi_receive(void *c, uint8_t *rx, size_t len, int end)
{
    (void)c;
    for (size_t i = 0; i < len; i++, spi.addr++) {
        uint32_t reg = spi.addr & ~3u, shift = 8u * (spi.addr & 3u);
        uint32_t v = reg == REG_CMD_READ || reg == REG_CMD_WRITE ? spi.cmd_write : 0u;
        rx[i] = (uint8_t)(v >> shift);
    }
    spi.bad |= spi.write || spi.hdr_len != 4;
    spi_log('R', rx, len, end);
    if (end) {
        spi.hdr_len = 0;
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

// use_read: 0 memory-mapped, 1 read callback, 2 memory-mapped into the EVE
// sink (3: with the zlib path, fwl_eve_inflate).
static int run(const char *name, const uint8_t *bundle, uint32_t len, int use_read)
{
    struct fwl_port port;
    memset(&port, 0, sizeof port);
    port.xram_write = xram_write;
    if (use_read >= 2) {
        fwl_eve_init(&eve, spi_transfer, NULL);
        eve.max_transfer = 1024; // as a DMA-sized HAL limit would
        eve.ram_size = DEMO_XRAM_SIZE;
        eve.spi_receive = spi_receive;
        port.ctx = &eve;
        port.xram_write = fwl_eve_xram_write;
        port.xram_inflate = use_read == 3 ? fwl_eve_inflate : NULL;
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

#ifdef DEMO_CAPTURE_DIR
// Draws the atlas (L8, at DEMO_PAYLOAD_ADDR) at (0, 0): a display list
// written straight into RAM_DL, then REG_DLSWAP (FT81x programming guide,
// chapter 4): what a firmware does after loading.
static void draw_atlas(void)
{
    static const uint32_t dl[] = {
        0x02000000u,                               // CLEAR_COLOR_RGB(0, 0, 0)
        0x26000007u,                               // CLEAR(1, 1, 1)
        0x05000001u,                               // BITMAP_HANDLE(1)
        0x01000000u | DEMO_PAYLOAD_ADDR,           // BITMAP_SOURCE
        0x07000000u | 3u << 19 | 200u << 9 | 200u, // BITMAP_LAYOUT(L8, 200, 200)
        0x28000000u,                               // BITMAP_LAYOUT_H(0, 0)
        0x08000000u | 200u << 9 | 200u,            // BITMAP_SIZE(NEAREST, 200, 200)
        0x29000000u,                               // BITMAP_SIZE_H(0, 0)
        0x1F000001u,                               // BEGIN(BITMAPS)
        0x80000000u | 1u << 7,                     // VERTEX2II(0, 0, 1, 0)
        0x21000000u,                               // END
        0x00000000u,                               // DISPLAY
    };
    uint8_t b[sizeof dl];
    for (size_t i = 0; i < sizeof dl / 4; i++) {
        for (size_t k = 0; k < 4; k++) {
            b[4 * i + k] = (uint8_t)(dl[i] >> (8 * k));
        }
    }
    static const uint8_t swap[4] = {2, 0, 0, 0};
    int err = 0;
    err |= fwl_eve_write(&eve, 0x300000u, b, sizeof b); // RAM_DL
    err |= fwl_eve_write(&eve, 0x302054u, swap, 4);     // REG_DLSWAP = DLSWAP_FRAME
    spi.bad |= err != 0;
}

// Loads `bundle` through the EVE sink with the SPI traffic captured to a
// host file for tests/eve's replay, then draws the atlas.
static int capture(const char *name, const char *path, const uint8_t *bundle, uint32_t len)
{
    spi.capture = semihost_open_write(path);
    spi.cmd_write = 0; // the replay starts from a chip out of reset
    if (spi.capture < 0) {
        semihost_write("cannot open the capture file\n");
        return 0;
    }
    int ok = run(name, bundle, len, 3);
    draw_atlas();
    semihost_close(spi.capture);
    spi.capture = -1;
    return ok;
}
#endif

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
    ok &= run("small_eve_zlib", demo_small_z, sizeof demo_small_z, 3);
    ok &= run("big_eve_zlib", demo_big_z, sizeof demo_big_z, 3);
    // A zlib bundle and a sink that cannot inflate: refused, nothing written.
    ok &= !run("big_nozlib", demo_big_z, sizeof demo_big_z, 0);
#ifdef DEMO_CAPTURE_DIR
    ok &= capture("capture_plain", DEMO_CAPTURE_DIR "/spi_plain.log", demo_big, sizeof demo_big);
    ok &= capture("capture_zlib", DEMO_CAPTURE_DIR "/spi_zlib.log", demo_big_z, sizeof demo_big_z);
#endif
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
