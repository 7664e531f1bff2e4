// rasterd private: ASTC glyph cells for EVE extended fonts (BT81x), encoded
// with Debian's libastcenc (asset_xfont_astc.cc) and laid out in the block order the
// BT81x reads: 2x2 tiles of blocks, each tile top-left, bottom-left,
// bottom-right, top-right; a last odd column or row of blocks in tiles of
// two (docs/eve-fonts.md, "ASTC").
#ifndef RASTERD_ASSET_XFONT_ASTC_H
#define RASTERD_ASSET_XFONT_ASTC_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

#ifdef __cplusplus
extern "C" {
#endif

// Block footprint of an EVE ASTC format (37808..37821, COMPRESSED_RGBA_ASTC_*).
static inline void xfont_astc_block(uint32_t ext_format, uint32_t *bw, uint32_t *bh)
{
    static const uint8_t w[14] = {4, 5, 5, 6, 6, 8, 8, 8, 10, 10, 10, 10, 12, 12};
    static const uint8_t h[14] = {4, 4, 5, 5, 6, 5, 6, 8, 5, 6, 8, 10, 10, 12};
    uint32_t i = ext_format - 37808u < 14u ? ext_format - 37808u : 0u;
    *bw = w[i];
    *bh = h[i];
}

// Offset of block (bx, by) in an image of nbx x nby blocks, in the BT81x
// order (16 bytes per block).
static inline uint32_t xfont_astc_block_offset(uint32_t bx, uint32_t by, uint32_t nbx, uint32_t nby)
{
    uint32_t row = (by / 2u) * nbx * 32u; // a row of tiles holds two rows of blocks
    if ((nby & 1u) && by == nby - 1u) {
        return row + bx * 16u; // last odd row: blocks left to right
    }
    uint32_t tile = (bx / 2u) * 64u, v = by & 1u;
    if ((nbx & 1u) && bx == nbx - 1u) {
        return row + tile + v * 16u; // last odd column: top, bottom
    }
    return row + tile + ((bx & 1u) ? 3u - v : v) * 16u;
}

// Encodes `w` x `h` coverage levels (0..255) as one ASTC image of
// a->astc's footprint into `dst` (`len` bytes: the cell's blocks). Returns 0,
// or an exit code with `why` naming the asset and the reason (EXIT_DATAERR:
// libastcenc refused; EXIT_SOFTWARE: built without libastcenc).
int xfont_astc_encode(const struct mf_asset *a, const uint8_t *cell, uint32_t w, uint32_t h,
                      uint8_t *dst, uint32_t len, char *why, size_t why_len);

#ifdef __cplusplus
}
#endif

#endif
