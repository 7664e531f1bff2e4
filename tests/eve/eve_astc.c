// ASTC bitmaps in the EVE model (BT81x; BITMAP_LAYOUT(GLFORMAT, ...) with
// BITMAP_EXT_FORMAT 37808..37821, the KHR ASTC 4x4..12x12 codes).
//
// Layout (Bridgetek EveApps Lift2 demo and gd2-asset prep.py): linestride
// is 16 bytes per block column, the layout height counts block rows. Block
// order (Bridgetek's astc_tile2 in the EveApps HAL, gd2-asset's tile2):
// pairs of block rows one after the other (2 x linestride bytes each);
// within a pair, pairs of block columns (64 bytes each), each holding its
// blocks (x, y), (x, y+1), (x+1, y+1), (x+1, y); a last odd column holds
// (x, y), (x, y+1); a last odd row is stored in raster order.
//
// Texels are what Arm's libastcenc decodes the block to (LDR profile,
// 8-bit), eve_astc_codec.cpp. The model's choices: data must be 16-byte
// aligned; wrap REPEAT is not modelled for ASTC.
#include <string.h>

#include "eve_priv.h"

static const uint8_t sizes[14][2] = {{4, 4},  {5, 4},   {5, 5},   {6, 5},  {6, 6},
                                     {8, 5},  {8, 6},   {8, 8},   {10, 5}, {10, 6},
                                     {10, 8}, {10, 10}, {12, 10}, {12, 12}};

// Byte offset of block (bx, by) from the start of the cell.
static uint32_t block_offset(uint32_t bx, uint32_t by, uint32_t cols, uint32_t rows,
                             uint32_t stride)
{
    if (rows % 2 != 0 && by == rows - 1) {
        return by * stride + bx * 16u;
    }
    uint32_t off = by / 2 * 2 * stride + bx / 2 * 64u;
    if (cols % 2 != 0 && bx == cols - 1) {
        return off + by % 2 * 16u;
    }
    static const uint8_t order[2][2] = {{0, 1}, {3, 2}}; // [dx][dy]
    return off + order[bx % 2][by % 2] * 16u;
}

// The decoded block at `addr`, from the cache or decoded now; NULL on error.
static const struct eve_rgba *block_at(struct eve_model *m, uint32_t ext, uint32_t addr)
{
    uint8_t raw[16];
    for (uint32_t i = 0; i < 16; i++) {
        raw[i] = eve_ram_g_byte(m, addr + i);
    }
    struct eve_astc_cached *c = &m->astc_cache[addr / 16u % 64u];
    if (c->ext == ext && c->addr == addr && memcmp(c->block, raw, 16) == 0) {
        return c->texel;
    }
    unsigned k = ext - 37808u;
    uint8_t rgba[144 * 4];
    char why[160];
    if (eve_astc_decode(&m->astc_ctx[k], sizes[k][0], sizes[k][1], raw, rgba, why, sizeof why) <
        0) {
        eve_fail(m, "ASTC block at 0x%x: %s", (unsigned)addr, why);
        return NULL;
    }
    c->ext = ext;
    c->addr = addr;
    memcpy(c->block, raw, 16);
    for (unsigned i = 0; i < (unsigned)sizes[k][0] * sizes[k][1]; i++) {
        c->texel[i] =
            (struct eve_rgba){rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]};
    }
    return c->texel;
}

int eve_astc_texel(struct eve_model *m, const struct eve_handle *h, uint32_t cell, int32_t u,
                   int32_t v, struct eve_rgba *out)
{
    uint32_t ext = h->ext_format;
    if (ext < 37808u || ext > 37821u) {
        eve_fail(m, "BITMAP_EXT_FORMAT %u not modelled", (unsigned)ext);
        return -1;
    }
    if (h->wrapx || h->wrapy || h->source % 16u != 0 || h->stride % 16u != 0) {
        eve_fail(m, "ASTC with REPEAT, or source/stride not 16-byte aligned, is not modelled");
        return -1;
    }
    unsigned bw = sizes[ext - 37808u][0], bh = sizes[ext - 37808u][1];
    uint32_t cols = h->stride / 16u, rows = h->layout_height;
    if (u < 0 || v < 0 || (uint32_t)u >= cols * bw || (uint32_t)v >= rows * bh) {
        *out = (struct eve_rgba){0, 0, 0, 0}; // BORDER
        return 0;
    }
    uint32_t bx = (uint32_t)u / bw, by = (uint32_t)v / bh;
    uint32_t addr =
        h->source + cell * h->stride * rows + block_offset(bx, by, cols, rows, h->stride);
    const struct eve_rgba *t = block_at(m, ext, addr & 0x3FFFFFu);
    if (t == NULL) {
        return -1;
    }
    *out = t[((uint32_t)v % bh) * bw + (uint32_t)u % bw];
    return 0;
}

void eve_astc_finish(struct eve_model *m)
{
    for (size_t k = 0; k < sizeof m->astc_ctx / sizeof m->astc_ctx[0]; k++) {
        eve_astc_free(m->astc_ctx[k]);
        m->astc_ctx[k] = NULL;
    }
}
