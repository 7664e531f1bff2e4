// zlib segments through EVE's coprocessor: CMD_INFLATE(ptr) followed by the
// zlib stream, padded to 4 bytes, in the command FIFO (FT81x programming
// guide, CMD_INFLATE and "coprocessor engine"; ../shared/reference/eve.md).
//
// The FIFO is RAM_CMD, 4096 bytes at 0x308000, a ring: the host writes
// commands at REG_CMD_WRITE and advances it; the coprocessor consumes from
// REG_CMD_READ. At most 4092 bytes may be pending (WRITE must never catch
// up with READ). REG_CMD_READ reads 0xFFF after a fault; recovery is
// REG_CPURESET = 1, REG_CMD_READ = REG_CMD_WRITE = 0, REG_CPURESET = 0.
// Register reads are host memory-read transactions: 3 address bytes (bits
// 23:22 = 00), one dummy byte, then the data.
#include "eve_priv.h"
#include "fwl/loader.h"

#define RAM_CMD       0x308000u
#define REG_CPURESET  0x302020u
#define REG_CMD_READ  0x3020F8u
#define REG_CMD_WRITE 0x3020FCu
#define REG_CMD_DL    0x302100u
#define FIFO_SIZE     4096u
#define FIFO_FAULT    0xFFFu

static int rd32(const struct fwl_eve *eve, uint32_t addr, uint32_t *v)
{
    uint8_t hdr[4] = {(uint8_t)((addr >> 16) & 0x3Fu), (uint8_t)(addr >> 8), (uint8_t)addr, 0};
    uint8_t b[4];
    if (eve->spi_transfer(eve->spi_ctx, hdr, sizeof hdr, 0) != 0 ||
        eve->spi_receive(eve->spi_ctx, b, sizeof b, 1) != 0) {
        return FWL_EVE_ERR_SPI;
    }
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int wr32(const struct fwl_eve *eve, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    return fwl_eve_write(eve, addr, b, sizeof b);
}

// The programming guide's recovery after a fault.
static int recover(struct fwl_eve *eve)
{
    eve->cmd_write = 0;
    if (wr32(eve, REG_CPURESET, 1) != 0 || wr32(eve, REG_CMD_READ, 0) != 0 ||
        wr32(eve, REG_CMD_WRITE, 0) != 0 || wr32(eve, REG_CMD_DL, 0) != 0 ||
        wr32(eve, REG_CPURESET, 0) != 0) {
        return FWL_EVE_ERR_SPI;
    }
    return FWL_EVE_ERR_FAULT;
}

// Waits until the FIFO has at least `want` free bytes (4092: empty) and
// returns the free bytes through *room.
static int wait_room(struct fwl_eve *eve, uint32_t want, uint32_t *room)
{
    for (uint32_t polls = 0; polls < eve->max_polls; polls++) {
        uint32_t rd;
        int err = rd32(eve, REG_CMD_READ, &rd);
        if (err != 0) {
            return err;
        }
        if (rd == FIFO_FAULT) {
            return recover(eve);
        }
        *room = (FIFO_SIZE - 4u) - ((eve->cmd_write - rd) & (FIFO_SIZE - 1u));
        if (*room >= want) {
            return 0;
        }
    }
    return FWL_EVE_ERR_TIMEOUT;
}

// Appends `len` bytes (a multiple of 4) to the FIFO as space frees up.
static int fifo_put(struct fwl_eve *eve, const uint8_t *p, size_t len)
{
    while (len > 0) {
        uint32_t room;
        int err = wait_room(eve, 4, &room);
        if (err != 0) {
            return err;
        }
        uint32_t to_end = FIFO_SIZE - eve->cmd_write;
        uint32_t n = room < to_end ? room : to_end;
        n = len < n ? (uint32_t)len : n;
        if (fwl_eve_write(eve, RAM_CMD + eve->cmd_write, p, n) != 0) {
            return FWL_EVE_ERR_SPI;
        }
        eve->cmd_write = (eve->cmd_write + n) & (FIFO_SIZE - 1u);
        if (wr32(eve, REG_CMD_WRITE, eve->cmd_write) != 0) {
            return FWL_EVE_ERR_SPI;
        }
        p += n;
        len -= n;
    }
    return 0;
}

int fwl_eve_inflate(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                    unsigned flags)
{
    struct fwl_eve *eve = ctx;
    if (eve->spi_receive == NULL) {
        return FWL_EVE_ERR_NO_READ;
    }
    if (!fwl_eve_in_range(eve, addr, out_len)) {
        return FWL_EVE_ERR_RANGE;
    }
    int err = 0;
    if (flags & FWL_INFLATE_FIRST) {
        uint32_t wr;
        err = rd32(eve, REG_CMD_WRITE, &wr);
        eve->cmd_write = wr & (FIFO_SIZE - 1u) & ~3u;
        uint8_t cmd[8] = {0x22,
                          0xFF,
                          0xFF,
                          0xFF, // CMD_INFLATE 0xFFFFFF22, little-endian
                          (uint8_t)addr,
                          (uint8_t)(addr >> 8),
                          (uint8_t)(addr >> 16),
                          (uint8_t)(addr >> 24)};
        err = err != 0 ? err : fifo_put(eve, cmd, sizeof cmd);
    }
    err = err != 0 ? err : fifo_put(eve, buf, len);
    if (err == 0 && (flags & FWL_INFLATE_LAST)) { // wait until all of it is inflated
        uint32_t room;
        err = wait_room(eve, FIFO_SIZE - 4u, &room);
    }
    return err;
}
