// libastcenc's decoder for the EVE model (eve_astc.c): one block at a time.
// C++ only because astcenc.h is; the calls are C (Debian's shared library,
// ASTCENC_DYNAMIC_LIBRARY).
#define ASTCENC_DYNAMIC_LIBRARY 1
#include <astcenc.h>

#include <stdio.h>

extern "C" {
#include "eve_priv.h"
}

int eve_astc_decode(void **ctx, unsigned bw, unsigned bh, const uint8_t block[16], uint8_t *rgba,
                    char *why, size_t why_len)
{
    astcenc_error e = ASTCENC_SUCCESS;
    if (*ctx == nullptr) {
        astcenc_config cfg;
        astcenc_context *c = nullptr;
        e = astcenc_config_init(ASTCENC_PRF_LDR, bw, bh, 1, ASTCENC_PRE_FAST,
                                ASTCENC_FLG_DECOMPRESS_ONLY, &cfg);
        if (e == ASTCENC_SUCCESS) {
            e = astcenc_context_alloc(&cfg, 1, &c);
        }
        *ctx = c;
    }
    if (e == ASTCENC_SUCCESS) {
        void *slice = rgba;
        astcenc_image img = {bw, bh, 1, ASTCENC_TYPE_U8, &slice};
        const astcenc_swizzle swz = {ASTCENC_SWZ_R, ASTCENC_SWZ_G, ASTCENC_SWZ_B, ASTCENC_SWZ_A};
        e = astcenc_decompress_image(static_cast<astcenc_context *>(*ctx), block, 16, &img, &swz,
                                     0);
    }
    if (e != ASTCENC_SUCCESS) {
        snprintf(why, why_len, "libastcenc: %s", astcenc_get_error_string(e));
        return -1;
    }
    return 0;
}

void eve_astc_free(void *ctx)
{
    if (ctx != nullptr) {
        astcenc_context_free(static_cast<astcenc_context *>(ctx));
    }
}
