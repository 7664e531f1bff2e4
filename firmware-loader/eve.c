// EVE host memory writes (FT81x/BT81x datasheet: SPI host memory write).
#include "fwl/eve.h"

#include "eve_priv.h"

void fwl_eve_init(struct fwl_eve *eve, fwl_spi_transfer_fn spi_transfer, void *spi_ctx)
{
    eve->spi_transfer = spi_transfer;
    eve->spi_ctx = spi_ctx;
    eve->max_transfer = 0;
    eve->ram_base = FWL_EVE_RAM_G;
    eve->ram_size = FWL_EVE_RAM_G_SIZE;
    eve->spi_receive = NULL;
    eve->max_polls = 1000000u;
    eve->cmd_write = 0;
}

// One host memory-write transaction (no range check: callers check).
int fwl_eve_write(const struct fwl_eve *eve, uint32_t addr, const uint8_t *buf, size_t len)
{
    uint8_t hdr[3];
    hdr[0] = (uint8_t)(0x80u | ((addr >> 16) & 0x3Fu));
    hdr[1] = (uint8_t)(addr >> 8);
    hdr[2] = (uint8_t)addr;
    if (eve->spi_transfer(eve->spi_ctx, hdr, sizeof hdr, 0) != 0) {
        return FWL_EVE_ERR_SPI;
    }
    size_t max = eve->max_transfer != 0 ? eve->max_transfer : len;
    while (len > 0) {
        size_t n = len < max ? len : max;
        int end = n == len;
        if (eve->spi_transfer(eve->spi_ctx, buf, n, end) != 0) {
            return FWL_EVE_ERR_SPI;
        }
        buf += n;
        len -= n;
    }
    return 0;
}

int fwl_eve_in_range(const struct fwl_eve *eve, uint32_t addr, uint32_t len)
{
    // The EVE address is 22 bits; the range check also keeps it there.
    return addr >= eve->ram_base && addr - eve->ram_base < eve->ram_size &&
           len <= eve->ram_size - (addr - eve->ram_base) && addr <= 0x3FFFFFu && len != 0;
}

int fwl_eve_xram_write(void *ctx, uint32_t addr, const uint8_t *buf, size_t len)
{
    const struct fwl_eve *eve = ctx;
    if (len > 0xFFFFFFFFu || !fwl_eve_in_range(eve, addr, (uint32_t)len)) {
        return FWL_EVE_ERR_RANGE;
    }
    return fwl_eve_write(eve, addr, buf, len);
}
