// EVE (FT81x/BT81x) sink for the firmware loader: turns fwl_port.xram_write
// calls into EVE host memory-write transactions over SPI, and (bundle format
// v2) fwl_port.xram_inflate calls into CMD_INFLATE through the coprocessor
// command FIFO, so the chip inflates zlib-stored assets itself.
//
// One transaction per xram_write call: chip select goes low, 3 address bytes
// (bits 23:22 = 10 for "write", then address bits 21:0, most significant
// byte first), then the data; chip select goes high after the last byte.
// The data is handed to `spi_transfer` in pieces of at most `max_transfer`
// bytes with `end` = 0 except on the last piece, which is the shape of most
// HAL SPI drivers (HAL_SPI_Transmit + a GPIO chip select, Zephyr spi_write
// with SPI_HOLD_ON_CS, a DMA with a 16-bit count).
#ifndef FWL_EVE_H
#define FWL_EVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// RAM_G on FT81x/BT81x: 1 MiB at 0x000000 (FT80x: 256 KiB).
#define FWL_EVE_RAM_G      0x000000u
#define FWL_EVE_RAM_G_SIZE 0x100000u

// Errors returned by fwl_eve_xram_write (the loader reports them as
// FWL_ERR_WRITE with this value in fwl_ctx.detail).
#define FWL_EVE_ERR_RANGE (-1) // write outside [ram_base, ram_base + ram_size)
#define FWL_EVE_ERR_SPI   (-2) // spi_transfer or spi_receive returned nonzero
// fwl_eve_inflate only:
#define FWL_EVE_ERR_FAULT   (-3) // the coprocessor faulted (REG_CMD_READ read 0xFFF); it was reset
#define FWL_EVE_ERR_TIMEOUT (-4) // the coprocessor did not free FIFO space within max_polls reads
#define FWL_EVE_ERR_NO_READ (-5) // spi_receive is not set

// Sends `len` bytes of `tx` with chip select asserted (asserting it first if
// it is not). If `end` is nonzero, releases chip select after the last byte.
// Return 0 on success, nonzero on failure (the sink then stops; a well-behaved
// callback also releases chip select on failure).
typedef int (*fwl_spi_transfer_fn)(void *ctx, const uint8_t *tx, size_t len, int end);
// Receives `len` bytes (clocking out anything, e.g. zeros) with chip select
// still asserted from the preceding spi_transfer; releases it after the last
// byte if `end`. Return 0 on success, nonzero on failure. HAL:
// HAL_SPI_Receive; Zephyr: spi_read_dt.
typedef int (*fwl_spi_receive_fn)(void *ctx, uint8_t *rx, size_t len, int end);

// Sink state; fill it with fwl_eve_init() and adjust fields if needed.
struct fwl_eve {
    fwl_spi_transfer_fn spi_transfer; // required
    void *spi_ctx;                    // first argument of spi_transfer, default NULL
    // Largest number of bytes per spi_transfer call (0 = no limit). Default
    // 0; set 65535 for a HAL with a 16-bit count, or the DMA buffer size.
    size_t max_transfer;
    // Writable range; default RAM_G of FT81x/BT81x (0, 1 MiB). Writes that
    // leave it fail with FWL_EVE_ERR_RANGE before anything is sent.
    uint32_t ram_base;
    uint32_t ram_size;
    // Register reads for the zlib path (REG_CMD_READ: FIFO space, faults).
    // Required by fwl_eve_inflate; default NULL (plain bundles need none).
    fwl_spi_receive_fn spi_receive;
    // REG_CMD_READ reads fwl_eve_inflate makes while waiting for FIFO space
    // or for the coprocessor to finish, before FWL_EVE_ERR_TIMEOUT. Default
    // 1000000 (seconds at any SPI clock; the chip inflates megabytes/s).
    uint32_t max_polls;
    // Private: the coprocessor FIFO write offset (REG_CMD_WRITE).
    uint32_t cmd_write;
};

// Fills `eve` with the defaults above.
void fwl_eve_init(struct fwl_eve *eve, fwl_spi_transfer_fn spi_transfer, void *spi_ctx);

// An fwl_write_fn: set fwl_port.xram_write = fwl_eve_xram_write and
// fwl_port.ctx = &eve (or call it from your own xram_write with your ctx).
// Returns 0, FWL_EVE_ERR_RANGE or FWL_EVE_ERR_SPI.
int fwl_eve_xram_write(void *eve, uint32_t addr, const uint8_t *buf, size_t len);

// An fwl_inflate_fn (bundle format v2): set fwl_port.xram_inflate =
// fwl_eve_inflate next to xram_write. On the first piece of a segment it
// reads REG_CMD_WRITE and queues CMD_INFLATE(addr); every piece goes into
// the 4 KiB FIFO (RAM_CMD) as space frees up, REG_CMD_WRITE after each
// write; after the last piece it waits until the coprocessor has consumed
// everything (REG_CMD_READ == REG_CMD_WRITE), so the inflated bytes are in
// RAM_G when fwl_load returns. A fault (REG_CMD_READ = 0xFFF, e.g. data that
// is not zlib) resets the coprocessor (REG_CPURESET, FIFO pointers to 0) and
// returns FWL_EVE_ERR_FAULT. Other errors: FWL_EVE_ERR_RANGE (the inflated
// range leaves [ram_base, ram_base + ram_size)), FWL_EVE_ERR_SPI,
// FWL_EVE_ERR_TIMEOUT, FWL_EVE_ERR_NO_READ. Do not use the coprocessor from
// elsewhere while fwl_load runs.
int fwl_eve_inflate(void *eve, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                    unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
