// ASTC glyph cells through Debian's libastcenc (a C++ library; this file is
// the only C++ in rasterd and exposes asset_astc.h's C interface). One
// context per call keeps it stateless; cells are small.
// Debian ships the shared library, whose symbols have C linkage: the header
// declares them so only with ASTCENC_DYNAMIC_LIBRARY.
#define ASTCENC_DYNAMIC_LIBRARY 1
#include <astcenc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "asset_xfont_astc.h"
#include "exitcodes.h"

int xfont_astc_encode(const struct mf_asset *a, const uint8_t *cell, uint32_t w, uint32_t h,
                      uint8_t *dst, uint32_t len, char *why, size_t why_len)
{
    uint32_t bw, bh;
    xfont_astc_block(a->astc, &bw, &bh);
    uint32_t nbx = (w + bw - 1) / bw, nby = (h + bh - 1) / bh;
    if ((uint64_t)nbx * nby * 16u != len) {
        std::snprintf(why, why_len, "font asset '%s': ASTC cell size mismatch", a->name);
        return EXIT_SOFTWARE;
    }
    astcenc_config cfg;
    astcenc_context *ctx = nullptr;
    astcenc_error err =
        astcenc_config_init(ASTCENC_PRF_LDR, bw, bh, 1, ASTCENC_PRE_MEDIUM, 0, &cfg);
    if (err == ASTCENC_SUCCESS) {
        err = astcenc_context_alloc(&cfg, 1, &ctx);
    }
    std::vector<uint8_t> rgba((size_t)w * h * 4), blocks(len);
    for (size_t i = 0; i < (size_t)w * h; i++) {
        rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = cell[i]; // coverage, read as R
        rgba[4 * i + 3] = 255;
    }
    void *slices[1] = {rgba.data()};
    astcenc_image img = {w, h, 1, ASTCENC_TYPE_U8, slices};
    const astcenc_swizzle swz = {ASTCENC_SWZ_R, ASTCENC_SWZ_G, ASTCENC_SWZ_B, ASTCENC_SWZ_A};
    if (err == ASTCENC_SUCCESS) {
        err = astcenc_compress_image(ctx, &img, &swz, blocks.data(), blocks.size(), 0);
    }
    if (ctx != nullptr) {
        astcenc_context_free(ctx);
    }
    if (err != ASTCENC_SUCCESS) {
        std::snprintf(why, why_len,
                      "font asset '%s': libastcenc cannot encode a %ux%u cell as "
                      "%ux%u blocks: %s",
                      a->name, (unsigned)w, (unsigned)h, (unsigned)bw, (unsigned)bh,
                      astcenc_get_error_string(err));
        return EXIT_DATAERR;
    }
    // libastcenc writes blocks row by row; the BT81x reads them in tiles.
    for (uint32_t by = 0; by < nby; by++) {
        for (uint32_t bx = 0; bx < nbx; bx++) {
            std::memcpy(dst + xfont_astc_block_offset(bx, by, nbx, nby),
                        blocks.data() + ((size_t)by * nbx + bx) * 16u, 16);
        }
    }
    return 0;
}
