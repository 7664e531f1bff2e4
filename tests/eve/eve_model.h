// A model of an EVE display controller (FT81x / BT81x) for tests: it takes
// the SPI traffic a host sends (host memory reads and writes, register
// writes, the coprocessor command FIFO) and renders frames as the published
// rules say. Written from Bridgetek's programming guides and example code;
// the facts and where they come from are listed in tests/eve/README.md.
//
// One file per concern, so new formats and commands join cleanly:
//   eve_spi.c     SPI transactions, the memory map, register side effects
//   eve_copro.c   the coprocessor: FIFO, CMD_* commands, faults
//   eve_text.c    fonts: CMD_SETFONT2 and CMD_TEXT (legacy fonts)
//   eve_dl.c      the display list: graphics state and rasterization
//   eve_bitmap.c  bitmap formats: texel fetch and colour expansion
//
// Not modelled (a display list or command using them is reported as an
// error, never silently drawn wrong): ROM fonts, bilinear filtering, bitmap
// transforms, stencil and alpha tests, primitives other than BITMAPS,
// subpixel vertex positions, widgets.
#ifndef EVE_MODEL_H
#define EVE_MODEL_H

#include <stddef.h>
#include <stdint.h>

// FT81x / BT81x memory map (FT81x programming guide, memory map table).
#define EVE_RAM_G        0x000000u
#define EVE_RAM_G_SIZE   0x100000u
#define EVE_RAM_DL       0x300000u
#define EVE_RAM_DL_SIZE  8192u
#define EVE_RAM_REG      0x302000u
#define EVE_RAM_REG_SIZE 4096u
#define EVE_RAM_CMD      0x308000u
#define EVE_RAM_CMD_SIZE 4096u

// Registers (offsets as in Bridgetek's EVE_GpuDefs and RudolphRiedel's EVE.h).
#define EVE_REG_ID         0x302000u
#define EVE_REG_CPURESET   0x302020u
#define EVE_REG_HSIZE      0x302034u
#define EVE_REG_VSIZE      0x302048u
#define EVE_REG_DLSWAP     0x302054u
#define EVE_REG_CMD_READ   0x3020F8u
#define EVE_REG_CMD_WRITE  0x3020FCu
#define EVE_REG_CMD_DL     0x302100u
#define EVE_REG_CMDB_SPACE 0x302574u

// REG_CMD_READ reads this after a coprocessor fault (FT81x programming guide,
// "coprocessor faults").
#define EVE_CMD_FAULT 0xFFFu

struct eve_model;

// Statistics the tests and bench read.
struct eve_stats {
    uint64_t spi_bytes;    // every byte clocked on MOSI or MISO, headers and dummies included
    uint64_t transactions; // chip-select low..high periods
    uint64_t cmd_bytes;    // bytes the coprocessor consumed from the FIFO
    uint64_t inflated;     // bytes CMD_INFLATE wrote
    uint64_t frames;       // display lists rendered (DLSWAP)
    uint64_t faults;       // coprocessor faults
};

// Allocates a model in its reset state (RAM zero, HSIZE 480, VSIZE 272).
// NULL when out of memory.
struct eve_model *eve_model_create(void);
void eve_model_destroy(struct eve_model *m);

// The SPI wires, in the shape of fwl_spi_transfer_fn: `len` bytes on MOSI
// with chip select low; chip select goes high after them if `end`. Returns 0;
// protocol errors are recorded (eve_model_error), not returned, so the host
// sees what a real chip would let it see.
int eve_model_spi_transfer(void *model, const uint8_t *tx, size_t len, int end);
// `len` bytes clocked in from MISO (the host sends dummies) inside the
// current transaction; chip select goes high after them if `end`.
int eve_model_spi_receive(void *model, uint8_t *rx, size_t len, int end);

// The first protocol, coprocessor or display-list error, or NULL if none.
// Tests fail on any error: the model never guesses.
const char *eve_model_error(const struct eve_model *m);

// With `expect` set, a coprocessor fault is counted (eve_stats.faults) but
// not recorded as an error: for tests that provoke one.
void eve_model_expect_fault(struct eve_model *m, int expect);

// Memory as the chip holds it (for checks; the host only sees it over SPI).
const uint8_t *eve_model_ram_g(const struct eve_model *m);
const struct eve_stats *eve_model_stats(const struct eve_model *m);

// The last rendered frame: width x height pixels, RGB, 3 bytes each, rows
// top first. NULL before the first DLSWAP.
const uint8_t *eve_model_frame(const struct eve_model *m, unsigned *width, unsigned *height);

#endif
