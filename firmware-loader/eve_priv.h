// Private to the EVE sink (eve.c, eve_inflate.c).
#ifndef FWL_EVE_PRIV_H
#define FWL_EVE_PRIV_H

#include "fwl/eve.h"

// One host memory-write transaction of `len` bytes at `addr` (any EVE
// address: RAM_G, registers, RAM_CMD). Returns 0 or FWL_EVE_ERR_SPI.
int fwl_eve_write(const struct fwl_eve *eve, uint32_t addr, const uint8_t *buf, size_t len);
// 1 if [addr, addr + len) is a non-empty range inside the sink's RAM.
int fwl_eve_in_range(const struct fwl_eve *eve, uint32_t addr, uint32_t len);

#endif
