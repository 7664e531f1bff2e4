// LZ4 blocks for LVGL images (lvgl_image_zip.h): liblz4's high-compression
// mode at its highest level; LVGL decodes them with LZ4_decompress_safe.
#include <lz4.h>
#include <lz4hc.h>
#include <stdlib.h>

#include "formats/error.h"
#include "lvgl_image_zip.h"

int lvgl_image_lz4_encode(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len)
{
    if (len == 0) {
        return FMT_ERR_INVALID_ARG;
    }
    if (len > (size_t)LZ4_MAX_INPUT_SIZE) {
        return FMT_ERR_RANGE;
    }
    int cap = LZ4_compressBound((int)len);
    char *buf = malloc((size_t)cap);
    if (buf == NULL) {
        return FMT_ERR_NOMEM;
    }
    int n = LZ4_compress_HC((const char *)in, buf, (int)len, cap, LZ4HC_CLEVEL_MAX);
    if (n <= 0) {
        free(buf);
        return FMT_ERR_NOMEM; // only when its state cannot be allocated
    }
    *out = (uint8_t *)buf;
    *out_len = (size_t)n;
    return 0;
}
