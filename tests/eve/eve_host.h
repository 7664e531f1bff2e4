// The host side of the EVE tests: what a firmware's EVE driver does over
// SPI (memory writes and reads, coprocessor commands through RAM_CMD and
// REG_CMD_WRITE), written against the datasheet's SPI framing and driving
// any SPI slave with the fwl_spi_transfer_fn shape (the model here).
#ifndef EVE_HOST_H
#define EVE_HOST_H

#include <stddef.h>
#include <stdint.h>

typedef int (*eve_host_tx_fn)(void *ctx, const uint8_t *tx, size_t len, int end);
typedef int (*eve_host_rx_fn)(void *ctx, uint8_t *rx, size_t len, int end);

struct eve_host {
    eve_host_tx_fn tx;
    eve_host_rx_fn rx;
    void *ctx;
    uint32_t cmd_write; // our copy of REG_CMD_WRITE
    uint8_t pending[4096];
    size_t npending;
    int failed; // a wait for the coprocessor timed out or saw a fault
};

void eve_host_init(struct eve_host *h, eve_host_tx_fn tx, eve_host_rx_fn rx, void *ctx);
void eve_host_write(struct eve_host *h, uint32_t addr, const void *data, size_t len);
void eve_host_wr32(struct eve_host *h, uint32_t addr, uint32_t v);
uint32_t eve_host_rd32(struct eve_host *h, uint32_t addr);

// Queues a coprocessor word / bytes (padded to 4) / a CMD_TEXT string;
// eve_host_flush sends the queue through RAM_CMD and waits until the
// coprocessor has consumed it (REG_CMD_READ == REG_CMD_WRITE).
void eve_host_cmd(struct eve_host *h, uint32_t word);
void eve_host_cmd_bytes(struct eve_host *h, const void *data, size_t len);
void eve_host_text(struct eve_host *h, int16_t x, int16_t y, uint16_t font, uint16_t options,
                   const char *s);
void eve_host_flush(struct eve_host *h);
// Queues CMD_MEMWRITE(addr, len) and the data, flushes, and returns 1 if
// the coprocessor finished and RAM at `addr` reads back as `data` (through
// the model's RAM_G view `ram`, for the tests).
int eve_host_memwrite_check(struct eve_host *h, const uint8_t *ram, uint32_t addr, const void *data,
                            size_t len);
// Takes the FIFO write offset from REG_CMD_WRITE: needed after anything
// else used the coprocessor (the loader's zlib path does).
void eve_host_sync(struct eve_host *h);

// Display-list word builders (FT81x programming guide, chapter 4).
uint32_t eve_dl_clear_color_rgb(unsigned r, unsigned g, unsigned b);
uint32_t eve_dl_clear(unsigned c, unsigned s, unsigned t);
uint32_t eve_dl_color_rgb(unsigned r, unsigned g, unsigned b);
uint32_t eve_dl_bitmap_handle(unsigned handle);
uint32_t eve_dl_bitmap_source(uint32_t addr);
uint32_t eve_dl_bitmap_layout(unsigned format, uint32_t stride, uint32_t height);
uint32_t eve_dl_bitmap_layout_h(uint32_t stride, uint32_t height);
uint32_t eve_dl_bitmap_size(uint32_t width, uint32_t height);
uint32_t eve_dl_bitmap_size_h(uint32_t width, uint32_t height);
uint32_t eve_dl_begin(unsigned prim);
uint32_t eve_dl_vertex2ii(unsigned x, unsigned y, unsigned handle, unsigned cell);
uint32_t eve_dl_vertex2f(int x16, int y16);
uint32_t eve_dl_end(void);
uint32_t eve_dl_display(void);

#endif
