// The oracle for ASTC images (oracle.h): Arm's libastcenc encodes the PNG
// the way docs/manifest.md says rasterd does, in plain raster order, and
// decodes it again. Nothing of rasterd is used, so a block placed anywhere
// but where the chip reads it shows up as a difference in the frame.
#define ASTCENC_DYNAMIC_LIBRARY 1
#include <astcenc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern "C" {
#include "oracle.h"
}

static int run(const uint8_t *in, uint8_t *out, unsigned w, unsigned h, unsigned bw, unsigned bh)
{
    astcenc_config cfg;
    astcenc_context *c = nullptr;
    astcenc_error e = astcenc_config_init(ASTCENC_PRF_LDR, bw, bh, 1, ASTCENC_PRE_MEDIUM,
                                          ASTCENC_FLG_USE_ALPHA_WEIGHT, &cfg);
    if (e == ASTCENC_SUCCESS) {
        e = astcenc_context_alloc(&cfg, 1, &c);
    }
    size_t len = (size_t)(w / bw) * (h / bh) * 16;
    uint8_t *blocks = static_cast<uint8_t *>(malloc(len));
    const astcenc_swizzle swz = {ASTCENC_SWZ_R, ASTCENC_SWZ_G, ASTCENC_SWZ_B, ASTCENC_SWZ_A};
    void *src = const_cast<uint8_t *>(in), *dst = out;
    astcenc_image a = {w, h, 1, ASTCENC_TYPE_U8, &src}, b = {w, h, 1, ASTCENC_TYPE_U8, &dst};
    if (e == ASTCENC_SUCCESS && blocks != nullptr) {
        e = astcenc_compress_image(c, &a, &swz, blocks, len, 0);
    }
    if (e == ASTCENC_SUCCESS && blocks != nullptr) {
        e = astcenc_decompress_image(c, blocks, len, &b, &swz, 0);
    }
    if (c != nullptr) {
        astcenc_context_free(c);
    }
    free(blocks);
    if (e != ASTCENC_SUCCESS || blocks == nullptr) {
        fprintf(stderr, "oracle: libastcenc: %s\n",
                blocks == nullptr ? "out of memory" : astcenc_get_error_string(e));
        return -1;
    }
    return 0;
}

uint8_t *oracle_astc_shown(const uint8_t *rgba, unsigned w, unsigned h, unsigned bw, unsigned bh)
{
    unsigned pw = (w + 2 * bw - 1) / (2 * bw) * 2 * bw, ph = (h + 2 * bh - 1) / (2 * bh) * 2 * bh;
    uint8_t *in = static_cast<uint8_t *>(calloc((size_t)pw * ph, 4));
    uint8_t *dec = static_cast<uint8_t *>(malloc((size_t)pw * ph * 4));
    uint8_t *out = static_cast<uint8_t *>(malloc((size_t)w * h * 4));
    int ok = in != nullptr && dec != nullptr && out != nullptr;
    for (unsigned y = 0; ok && y < h; y++) {
        memcpy(in + (size_t)y * pw * 4, rgba + (size_t)y * w * 4, (size_t)w * 4);
    }
    ok = ok && run(in, dec, pw, ph, bw, bh) == 0;
    for (unsigned y = 0; ok && y < h; y++) {
        memcpy(out + (size_t)y * w * 4, dec + (size_t)y * pw * 4, (size_t)w * 4);
    }
    free(in);
    free(dec);
    if (!ok) {
        free(out);
        return nullptr;
    }
    return out;
}
