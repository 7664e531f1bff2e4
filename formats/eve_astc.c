// ASTC on the BT81x: block sizes and the order in which the chip reads the
// blocks. The order is that of Bridgetek's astc_tile2 (EveApps HAL, "helper
// functions for tiling ASTC") and of the Gameduino asset tools (gd2-asset
// prep.py, tile2): within each pair of block rows, each pair of block
// columns holds its four blocks going down, right, up; a last odd column
// holds its two blocks top, bottom; a last odd row follows left to right.
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

// Offset of block (x, y) in the chip's order (see the file comment); a last
// odd row is stored left to right, a last odd column as (x, y), (x, y+1).
static size_t tiled_offset(uint32_t x, uint32_t y, uint32_t cols, uint32_t rows)
{
    size_t pair_row = (size_t)(y / 2) * cols * 2 * FMT_EVE_ASTC_BLOCK;
    if (rows % 2 != 0 && y == rows - 1) {
        return pair_row + (size_t)x * FMT_EVE_ASTC_BLOCK;
    }
    size_t tile = pair_row + (size_t)(x / 2) * 4 * FMT_EVE_ASTC_BLOCK;
    if (cols % 2 != 0 && x == cols - 1) {
        return tile + (y % 2) * FMT_EVE_ASTC_BLOCK;
    }
    static const uint8_t order[2][2] = {{0, 1}, {3, 2}}; // [x % 2][y % 2]
    return tile + order[x % 2][y % 2] * FMT_EVE_ASTC_BLOCK;
}

int fmt_eve_astc_tile(uint8_t *dst, const uint8_t *src, uint32_t cols, uint32_t rows)
{
    if (cols == 0 || rows == 0) {
        return FMT_ERR_INVALID_ARG;
    }
    for (uint32_t y = 0; y < rows; y++) {
        for (uint32_t x = 0; x < cols; x++) {
            memcpy(dst + tiled_offset(x, y, cols, rows),
                   src + ((size_t)y * cols + x) * FMT_EVE_ASTC_BLOCK, FMT_EVE_ASTC_BLOCK);
        }
    }
    return 0;
}
