// formats' LVGL image RLE encoder (formats/lvgl_image_rle.c, compiled in)
// against LVGL's own decoder, lv_rle_decompress: every input comes back
// byte for byte, at block sizes 1 to 4, for runs past the 127-block limit,
// literals past it, and lengths that end in a partial block (where LVGL
// drops an overflowing repeat), also when that block's bytes continue a run.
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"
#include "lvgl.h"
#include "lvgl_image_zip.h"
#include "src/libs/rle/lv_rle.h"

static uint32_t rng = 12345;

static unsigned next(unsigned n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) % n;
}

static void round_trip(const char *what, const uint8_t *in, size_t len, unsigned blk)
{
    uint8_t *z = NULL;
    size_t zlen = 0;
    if (lvgl_image_rle_encode(in, len, blk, &z, &zlen) != 0) {
        CHECK(0, "%s blk %u len %zu: encoder failed", what, blk, len);
        return;
    }
    uint8_t *out = malloc(len + 4);
    memset(out, 0xEE, len + 4);
    uint32_t n = lv_rle_decompress(z, (uint32_t)zlen, out, (uint32_t)len, (uint8_t)blk);
    CHECK(n == len && memcmp(out, in, len) == 0 && out[len] == 0xEE,
          "%s blk %u len %zu: LVGL decoded %u bytes%s", what, blk, len, (unsigned)n,
          n == len ? ", different" : "");
    // Never larger than all-literal: one control byte per 127 blocks.
    size_t blocks = (len + blk - 1) / blk;
    CHECK(zlen <= blocks * blk + (blocks + 126) / 127, "%s blk %u len %zu: %zu bytes", what, blk,
          len, zlen);
    free(out);
    free(z);
}

int main(void)
{
    static uint8_t buf[4 * 1000 + 3];
    for (unsigned blk = 1; blk <= 4; blk++) {
        for (size_t len = 1; len <= 4 * 300 + 3; len += 1 + len / 16) {
            memset(buf, 0x42, len); // one long run (several repeats of 127)
            round_trip("run", buf, len, blk);
            for (size_t i = 0; i < len; i++) {
                buf[i] = (uint8_t)(i * 7 + i / 5); // few repeats: long literals
            }
            round_trip("literal", buf, len, blk);
            for (size_t i = 0; i < len; i++) {
                buf[i] = (uint8_t)next(3); // short runs of every length
            }
            round_trip("random", buf, len, blk);
            for (size_t i = 0; i < len; i++) {
                buf[i] = (uint8_t)(i / (blk * (1 + next(6))) % 2 ? 0 : 0x11);
            }
            round_trip("blocks", buf, len, blk);
            // A partial last block whose bytes equal the previous block's
            // start, and zeros before it: zero padding would join the run.
            memset(buf, 0, len);
            round_trip("zeros", buf, len, blk);
        }
    }
    // Compression pays: 1000 equal RGB565 pixels take 8 repeats.
    memset(buf, 0x5A, 2000);
    uint8_t *z = NULL;
    size_t zlen = 0;
    CHECK(lvgl_image_rle_encode(buf, 2000, 2, &z, &zlen) == 0 && zlen == 8 * 3, "run of 1000: %zu",
          zlen);
    free(z);
    return check_status();
}
