// The SPI side of the EVE model: transactions, the memory map and register
// side effects.
//
// A transaction is everything between chip select low and high. Its first
// three bytes are an address, most significant byte first; bits 23:22 say
// what follows (FT81x datasheet, "SPI interface", host memory read/write):
// 10 = write, data bytes follow and land at increasing addresses; 00 = read,
// one dummy byte, then the chip clocks out data from increasing addresses;
// 01 = a host command (three bytes, ignored here). Registers are 32-bit
// little-endian words; writes to REG_CMD_WRITE, REG_DLSWAP and REG_CPURESET
// take effect when the transaction ends.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eve_priv.h"

void eve_fail(struct eve_model *m, const char *fmt, ...)
{
    if (m->error[0] != '\0') {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->error, sizeof m->error, fmt, ap);
    va_end(ap);
}

uint32_t eve_load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void eve_store32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

uint8_t eve_ram_g_byte(const struct eve_model *m, uint32_t addr)
{
    addr &= 0x3FFFFFu;
    return addr < EVE_RAM_G_SIZE ? m->ram_g[addr] : 0;
}

struct eve_model *eve_model_create(void)
{
    struct eve_model *m = calloc(1, sizeof *m);
    if (m == NULL) {
        return NULL;
    }
    eve_store32(m->reg + (EVE_REG_ID - EVE_RAM_REG), 0x7C);
    eve_store32(m->reg + (EVE_REG_HSIZE - EVE_RAM_REG), 480);
    eve_store32(m->reg + (EVE_REG_VSIZE - EVE_RAM_REG), 272);
    return m;
}

void eve_model_destroy(struct eve_model *m)
{
    if (m == NULL) {
        return;
    }
    if (m->z_ready) {
        inflateEnd(&m->z);
    }
    eve_astc_finish(m);
    free(m->rgba);
    free(m->frame);
    free(m);
}

const char *eve_model_error(const struct eve_model *m)
{
    return m->error[0] != '\0' ? m->error : NULL;
}

void eve_model_expect_fault(struct eve_model *m, int expect)
{
    m->expect_fault = expect;
}

const uint8_t *eve_model_ram_g(const struct eve_model *m)
{
    return m->ram_g;
}

const struct eve_stats *eve_model_stats(const struct eve_model *m)
{
    return &m->stats;
}

const uint8_t *eve_model_frame(const struct eve_model *m, unsigned *width, unsigned *height)
{
    *width = m->width;
    *height = m->height;
    return m->frame;
}

// Register values as the chip reports them (the coprocessor's live state).
static uint32_t reg_read(const struct eve_model *m, uint32_t reg)
{
    switch (reg) {
    case EVE_REG_CMD_READ:
        return m->fault ? EVE_CMD_FAULT : m->cmd_read;
    case EVE_REG_CMD_WRITE:
        return m->cmd_write;
    case EVE_REG_CMD_DL:
        return m->cmd_dl;
    case EVE_REG_CMDB_SPACE:
        return m->fault ? 0 : (EVE_RAM_CMD_SIZE - 4u) - ((m->cmd_write - m->cmd_read) & 4095u);
    default:
        return eve_load32(m->reg + (reg - EVE_RAM_REG));
    }
}

static uint8_t mem_read(struct eve_model *m, uint32_t a)
{
    if (a < EVE_RAM_G_SIZE) {
        return m->ram_g[a];
    }
    if (a - EVE_RAM_DL < EVE_RAM_DL_SIZE) {
        return m->ram_dl[a - EVE_RAM_DL];
    }
    if (a - EVE_RAM_REG < EVE_RAM_REG_SIZE) {
        uint32_t reg = a & ~3u;
        return (uint8_t)(reg_read(m, reg) >> (8 * (a & 3u)));
    }
    if (a - EVE_RAM_CMD < EVE_RAM_CMD_SIZE) {
        return m->ram_cmd[a - EVE_RAM_CMD];
    }
    eve_fail(m, "SPI read of unmapped address 0x%06x", (unsigned)a);
    return 0;
}

static void reg_write(struct eve_model *m, uint32_t a, uint8_t v)
{
    uint32_t reg = a & ~3u;
    m->reg[a - EVE_RAM_REG] = v;
    switch (reg) {
    case EVE_REG_CMD_WRITE:
        m->touched |= TOUCH_CMD_WRITE;
        break;
    case EVE_REG_CMD_READ:
        m->touched |= TOUCH_CMD_READ;
        break;
    case EVE_REG_DLSWAP:
        m->touched |= TOUCH_DLSWAP;
        break;
    case EVE_REG_CPURESET:
        m->touched |= TOUCH_CPURESET;
        break;
    default:
        break;
    }
}

// The coprocessor owns [REG_CMD_READ, REG_CMD_WRITE): a host write there
// would change commands it has not read yet.
static void cmd_write_byte(struct eve_model *m, uint32_t off, uint8_t v)
{
    uint32_t pending = (m->cmd_write - m->cmd_read) & 4095u;
    if (!m->fault && ((off - m->cmd_read) & 4095u) < pending) {
        eve_fail(m, "host wrote RAM_CMD+0x%03x, inside the unread FIFO [0x%03x, 0x%03x)",
                 (unsigned)off, (unsigned)m->cmd_read, (unsigned)m->cmd_write);
    }
    m->ram_cmd[off] = v;
}

static void mem_write(struct eve_model *m, uint32_t a, uint8_t v)
{
    if (a < EVE_RAM_G_SIZE) {
        m->ram_g[a] = v;
    } else if (a - EVE_RAM_DL < EVE_RAM_DL_SIZE) {
        m->ram_dl[a - EVE_RAM_DL] = v;
    } else if (a - EVE_RAM_REG < EVE_RAM_REG_SIZE) {
        reg_write(m, a, v);
    } else if (a - EVE_RAM_CMD < EVE_RAM_CMD_SIZE) {
        cmd_write_byte(m, a - EVE_RAM_CMD, v);
    } else {
        eve_fail(m, "SPI write to unmapped address 0x%06x", (unsigned)a);
    }
}

static uint32_t reg_value(const struct eve_model *m, uint32_t reg)
{
    return eve_load32(m->reg + (reg - EVE_RAM_REG));
}

// Register writes take effect at the end of the transaction, in the order a
// host uses them: reset first, then the FIFO pointer, then the swap.
static void end_transaction(struct eve_model *m)
{
    unsigned t = m->touched;
    m->touched = 0;
    if (t & TOUCH_CPURESET) {
        int reset = (reg_value(m, EVE_REG_CPURESET) & 1u) != 0;
        if (reset) {
            m->in_reset = 1;
        } else if (m->in_reset) {
            m->in_reset = 0;
            eve_copro_reset(m);
        }
    }
    if (t & TOUCH_CMD_READ) {
        if (!m->in_reset) {
            eve_fail(m, "host wrote REG_CMD_READ outside a coprocessor reset");
        }
        m->cmd_read = reg_value(m, EVE_REG_CMD_READ) & 4095u;
    }
    if (t & TOUCH_CMD_WRITE) {
        uint32_t w = reg_value(m, EVE_REG_CMD_WRITE);
        if (w > 4095u || (w & 3u) != 0) {
            eve_fail(m, "REG_CMD_WRITE 0x%x is not a 4-byte aligned FIFO offset", (unsigned)w);
        } else if (!m->fault && !m->in_reset &&
                   ((w - m->cmd_read) & 4095u) < ((m->cmd_write - m->cmd_read) & 4095u)) {
            eve_fail(m, "REG_CMD_WRITE moved backwards over unread commands");
        } else {
            m->cmd_write = w;
        }
        if (m->in_reset) {
            m->cmd_read = m->cmd_write;
        } else {
            eve_copro_run(m);
        }
    }
    if ((t & TOUCH_DLSWAP) && reg_value(m, EVE_REG_DLSWAP) != 0) {
        eve_dl_render(m);
        eve_store32(m->reg + (EVE_REG_DLSWAP - EVE_RAM_REG), 0);
    }
}

static void header_done(struct eve_model *m)
{
    uint32_t a = (uint32_t)(m->hdr[0] & 0x3Fu) << 16 | (uint32_t)m->hdr[1] << 8 | m->hdr[2];
    m->addr = a;
    switch (m->hdr[0] >> 6) {
    case 2:
        m->spi = SPI_WRITE;
        break;
    case 0:
        m->spi = SPI_DUMMY;
        break;
    case 1:
        m->spi = SPI_COMMAND; // host command (ACTIVE, CLKEXT, ...): nothing to model
        break;
    default:
        eve_fail(m, "SPI header 0x%02x%02x%02x: bits 23:22 = 11 is reserved", m->hdr[0], m->hdr[1],
                 m->hdr[2]);
        m->spi = SPI_COMMAND;
        break;
    }
}

int eve_model_spi_transfer(void *model, const uint8_t *tx, size_t len, int end)
{
    struct eve_model *m = model;
    if (m->spi == SPI_IDLE) {
        m->spi = SPI_HEADER;
        m->hdr_len = 0;
        m->stats.transactions++;
    }
    m->stats.spi_bytes += len;
    for (size_t i = 0; i < len; i++) {
        switch (m->spi) {
        case SPI_HEADER:
            m->hdr[m->hdr_len++] = tx[i];
            if (m->hdr_len == 3) {
                header_done(m);
            }
            break;
        case SPI_WRITE:
            mem_write(m, m->addr++, tx[i]);
            break;
        case SPI_DUMMY:
            m->spi = SPI_READ;
            break;
        case SPI_READ:
            eve_fail(m, "host sent data in a read transaction (use the receive path)");
            break;
        default:
            break;
        }
    }
    if (end) {
        if (m->spi == SPI_HEADER) {
            eve_fail(m, "transaction ended after %u address bytes", m->hdr_len);
        }
        m->spi = SPI_IDLE;
        end_transaction(m);
    }
    return 0;
}

int eve_model_spi_receive(void *model, uint8_t *rx, size_t len, int end)
{
    struct eve_model *m = model;
    m->stats.spi_bytes += len;
    if (m->spi != SPI_READ) {
        eve_fail(m, "host clocked in data outside a read transaction (after the dummy byte)");
        memset(rx, 0, len);
    } else {
        for (size_t i = 0; i < len; i++) {
            rx[i] = mem_read(m, m->addr++);
        }
    }
    if (end) {
        m->spi = SPI_IDLE;
        end_transaction(m);
    }
    return 0;
}
