// A test host driving an EVE over SPI (FT81x datasheet SPI framing,
// programming guide chapter 5 for the FIFO).
#include "eve_host.h"

#include <string.h>

#include "eve_model.h"

// Coprocessor command code (FT81x programming guide, CMD_TEXT).
#define HOST_CMD_TEXT 0xFFFFFF0Cu

static void store32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

void eve_host_init(struct eve_host *h, eve_host_tx_fn tx, eve_host_rx_fn rx, void *ctx)
{
    memset(h, 0, sizeof *h);
    h->tx = tx;
    h->rx = rx;
    h->ctx = ctx;
}

static void header(uint8_t hdr[3], uint32_t addr, unsigned write)
{
    hdr[0] = (uint8_t)((write ? 0x80u : 0u) | (addr >> 16 & 0x3Fu));
    hdr[1] = (uint8_t)(addr >> 8);
    hdr[2] = (uint8_t)addr;
}

void eve_host_write(struct eve_host *h, uint32_t addr, const void *data, size_t len)
{
    uint8_t hdr[3];
    header(hdr, addr, 1);
    h->tx(h->ctx, hdr, 3, 0);
    h->tx(h->ctx, data, len, 1);
}

void eve_host_wr32(struct eve_host *h, uint32_t addr, uint32_t v)
{
    uint8_t b[4];
    store32(b, v);
    eve_host_write(h, addr, b, 4);
}

uint32_t eve_host_rd32(struct eve_host *h, uint32_t addr)
{
    uint8_t hdr[4], b[4];
    header(hdr, addr, 0);
    hdr[3] = 0; // dummy byte
    h->tx(h->ctx, hdr, 4, 0);
    h->rx(h->ctx, b, 4, 1);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

void eve_host_cmd_bytes(struct eve_host *h, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t padded = (len + 3) & ~(size_t)3;
    for (size_t i = 0; i < padded; i++) {
        if (h->npending == sizeof h->pending) {
            eve_host_flush(h);
        }
        h->pending[h->npending++] = i < len ? p[i] : 0;
    }
}

void eve_host_cmd(struct eve_host *h, uint32_t word)
{
    uint8_t b[4];
    store32(b, word);
    eve_host_cmd_bytes(h, b, 4);
}

void eve_host_text(struct eve_host *h, int16_t x, int16_t y, uint16_t font, uint16_t options,
                   const char *s)
{
    eve_host_cmd(h, HOST_CMD_TEXT);
    eve_host_cmd(h, (uint32_t)(uint16_t)x | (uint32_t)(uint16_t)y << 16);
    eve_host_cmd(h, (uint32_t)font | (uint32_t)options << 16);
    eve_host_cmd_bytes(h, s, strlen(s) + 1);
}

// Waits until the coprocessor has room for `need` bytes (the FIFO holds at
// most 4092 unread bytes, so that WRITE never catches up with READ).
static int wait_space(struct eve_host *h, uint32_t need)
{
    for (int tries = 0; tries < 1000; tries++) {
        uint32_t rd = eve_host_rd32(h, EVE_REG_CMD_READ);
        if (rd == EVE_CMD_FAULT) {
            return -1;
        }
        uint32_t used = (h->cmd_write - rd) & 4095u;
        if (4092u - used >= need) {
            return 0;
        }
    }
    return -1;
}

void eve_host_flush(struct eve_host *h)
{
    size_t off = 0;
    while (off < h->npending && !h->failed) {
        uint32_t n = (uint32_t)(h->npending - off);
        if (n > 2048u) {
            n = 2048u;
        }
        if (wait_space(h, n) < 0) {
            h->failed = 1;
            break;
        }
        uint32_t first = 4096u - h->cmd_write < n ? 4096u - h->cmd_write : n;
        eve_host_write(h, EVE_RAM_CMD + h->cmd_write, h->pending + off, first);
        if (first < n) {
            eve_host_write(h, EVE_RAM_CMD, h->pending + off + first, n - first);
        }
        h->cmd_write = (h->cmd_write + n) & 4095u;
        eve_host_wr32(h, EVE_REG_CMD_WRITE, h->cmd_write);
        off += n;
    }
    h->npending = 0;
    if (!h->failed && wait_space(h, 4092u) < 0) {
        h->failed = 1;
    }
}

int eve_host_memwrite_check(struct eve_host *h, const uint8_t *ram, uint32_t addr, const void *data,
                            size_t len)
{
    eve_host_cmd(h, 0xFFFFFF1Au); // CMD_MEMWRITE
    eve_host_cmd(h, addr);
    eve_host_cmd(h, (uint32_t)len);
    eve_host_cmd_bytes(h, data, len);
    eve_host_flush(h);
    return !h->failed && memcmp(ram + addr, data, len) == 0;
}

void eve_host_sync(struct eve_host *h)
{
    h->cmd_write = eve_host_rd32(h, EVE_REG_CMD_WRITE) & 4095u;
}

uint32_t eve_dl_clear_color_rgb(unsigned r, unsigned g, unsigned b)
{
    return 0x02000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

uint32_t eve_dl_clear(unsigned c, unsigned s, unsigned t)
{
    return 0x26000000u | (uint32_t)c << 2 | (uint32_t)s << 1 | t;
}

uint32_t eve_dl_color_rgb(unsigned r, unsigned g, unsigned b)
{
    return 0x04000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

uint32_t eve_dl_bitmap_handle(unsigned handle)
{
    return 0x05000000u | (handle & 31u);
}

uint32_t eve_dl_bitmap_source(uint32_t addr)
{
    return 0x01000000u | (addr & 0x3FFFFFu);
}

uint32_t eve_dl_bitmap_layout(unsigned format, uint32_t stride, uint32_t height)
{
    return 0x07000000u | (uint32_t)(format & 31u) << 19 | (stride & 1023u) << 9 | (height & 511u);
}

uint32_t eve_dl_bitmap_layout_h(uint32_t stride, uint32_t height)
{
    return 0x28000000u | (stride >> 10 & 3u) << 2 | (height >> 9 & 3u);
}

uint32_t eve_dl_bitmap_size(uint32_t width, uint32_t height)
{
    return 0x08000000u | (width & 511u) << 9 | (height & 511u); // NEAREST, BORDER, BORDER
}

uint32_t eve_dl_bitmap_size_h(uint32_t width, uint32_t height)
{
    return 0x29000000u | (width >> 9 & 3u) << 2 | (height >> 9 & 3u);
}

uint32_t eve_dl_begin(unsigned prim)
{
    return 0x1F000000u | (prim & 15u);
}

uint32_t eve_dl_vertex2ii(unsigned x, unsigned y, unsigned handle, unsigned cell)
{
    return 0x80000000u | (uint32_t)(x & 511u) << 21 | (uint32_t)(y & 511u) << 12 |
           (uint32_t)(handle & 31u) << 7 | (cell & 127u);
}

uint32_t eve_dl_vertex2f(int x16, int y16)
{
    return 0x40000000u | ((uint32_t)x16 & 0x7FFFu) << 15 | ((uint32_t)y16 & 0x7FFFu);
}

uint32_t eve_dl_end(void)
{
    return 0x21000000u;
}

uint32_t eve_dl_display(void)
{
    return 0;
}
