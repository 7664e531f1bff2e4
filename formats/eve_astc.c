// ASTC on the BT81x: block sizes and the order in which the chip reads the
// blocks. The order is that of Bridgetek's astc_tile2 (EveApps HAL, "helper
// functions for tiling ASTC") and of the Gameduino asset tools (gd2-asset
// prep.py, tile2): within each pair of block rows, each pair of block
// columns holds its four blocks going down, right, up.
#include <string.h>

#include "formats/error.h"
#include "formats/eve.h"

// Block sizes in code order: 37808 + index (Khronos KHR_texture_compression_astc_ldr).
static const uint8_t blocks[][2] = {
    {4, 4}, {5, 4},  {5, 5},  {6, 5},  {6, 6},   {8, 5},   {8, 6},
    {8, 8}, {10, 5}, {10, 6}, {10, 8}, {10, 10}, {12, 10}, {12, 12},
};

int fmt_eve_astc_block(uint32_t ext, unsigned *bw, unsigned *bh)
{
    *bw = *bh = 0;
    if (ext < FMT_EVE_ASTC_FIRST || ext > FMT_EVE_ASTC_LAST) {
        return 0;
    }
    *bw = blocks[ext - FMT_EVE_ASTC_FIRST][0];
    *bh = blocks[ext - FMT_EVE_ASTC_FIRST][1];
    return 1;
}

uint32_t fmt_eve_astc_code(unsigned bw, unsigned bh)
{
    for (uint32_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
        if (blocks[i][0] == bw && blocks[i][1] == bh) {
            return FMT_EVE_ASTC_FIRST + i;
        }
    }
    return 0;
}

int fmt_eve_astc_tile(uint8_t *dst, const uint8_t *src, uint32_t cols, uint32_t rows)
{
    if (cols == 0 || rows == 0 || cols % 2 != 0 || rows % 2 != 0) {
        return FMT_ERR_INVALID_ARG;
    }
    static const uint8_t dx[4] = {0, 0, 1, 1}, dy[4] = {0, 1, 1, 0};
    size_t out = 0;
    for (uint32_t y = 0; y < rows; y += 2) {
        for (uint32_t x = 0; x < cols; x += 2) {
            for (int k = 0; k < 4; k++) {
                size_t in = ((size_t)(y + dy[k]) * cols + x + dx[k]) * FMT_EVE_ASTC_BLOCK;
                memcpy(dst + out, src + in, FMT_EVE_ASTC_BLOCK);
                out += FMT_EVE_ASTC_BLOCK;
            }
        }
    }
    return 0;
}
