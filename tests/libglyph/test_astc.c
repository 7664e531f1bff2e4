// glyph_astc_encode against the ASTC specification and its own contract:
// the 14 block sizes, the block count and buffer check, one-thread
// determinism, and a uniform image, which astcenc must store as ASTC
// "void-extent" blocks whose constant colour the specification fixes
// (bytes FC FD FF FF FF FF FF FF, then R, G, B, A as UNORM16, c * 257).
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/astc.h"
#include "glyph/context.h"
#include "glyph/error.h"
#include "glyph/image.h"

static struct glyph_image *make(struct glyph_ctx *ctx, uint32_t w, uint32_t h, int uniform)
{
    struct glyph_image *img = NULL;
    if (glyph_image_create(ctx, w, h, &img) != 0) {
        return NULL;
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        uint8_t *p = img->rgba + 4 * i;
        p[0] = uniform ? 200 : (uint8_t)(i * 7);
        p[1] = uniform ? 100 : (uint8_t)(i * 13);
        p[2] = uniform ? 50 : (uint8_t)(i / 3);
        p[3] = uniform ? 255 : (uint8_t)(255 - i % 200);
    }
    return img;
}

int main(void)
{
    static const unsigned sizes[14][2] = {{4, 4},  {5, 4},   {5, 5},   {6, 5},  {6, 6},
                                          {8, 5},  {8, 6},   {8, 8},   {10, 5}, {10, 6},
                                          {10, 8}, {10, 10}, {12, 10}, {12, 12}};
    for (int i = 0; i < 14; i++) {
        CHECK(glyph_astc_block_valid(sizes[i][0], sizes[i][1]), "%ux%u", sizes[i][0], sizes[i][1]);
    }
    CHECK(!glyph_astc_block_valid(4, 5) && !glyph_astc_block_valid(7, 7) &&
              !glyph_astc_block_valid(3, 3),
          "no other block sizes");

    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_image *img = make(ctx, 10, 7, 0); // 3 x 2 blocks of 4x4
    uint8_t a[96], b[96];
    CHECK(glyph_astc_encode(ctx, img, 4, 4, GLYPH_ASTC_FAST, a, 95) == GLYPH_ERR_INVALID_ARG,
          "a buffer one byte short is refused");
    CHECK(glyph_astc_encode(ctx, img, 7, 7, GLYPH_ASTC_FAST, a, 96) == GLYPH_ERR_INVALID_ARG,
          "7x7 is refused");
    CHECK(glyph_astc_encode(ctx, img, 4, 4, GLYPH_ASTC_MEDIUM, a, sizeof a) == 0, "encodes");
    CHECK(glyph_astc_encode(ctx, img, 4, 4, GLYPH_ASTC_MEDIUM, b, sizeof b) == 0 &&
              memcmp(a, b, sizeof a) == 0,
          "the same bytes twice");
    glyph_image_destroy(img);

    img = make(ctx, 12, 10, 1); // uniform: 2 x 2 blocks of 6x5
    uint8_t u[64];
    CHECK(glyph_astc_encode(ctx, img, 6, 5, GLYPH_ASTC_MEDIUM, u, sizeof u) == 0, "uniform");
    static const uint8_t head[8] = {0xFC, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    for (int k = 0; k < 4; k++) {
        const uint8_t *blk = u + 16 * k;
        unsigned r = blk[8] | blk[9] << 8, g = blk[10] | blk[11] << 8;
        unsigned bl = blk[12] | blk[13] << 8, al = blk[14] | blk[15] << 8;
        CHECK(memcmp(blk, head, 8) == 0 && r == 200 * 257 && g == 100 * 257 && bl == 50 * 257 &&
                  al == 65535,
              "block %d: void-extent block of (200, 100, 50, 255)", k);
    }
    glyph_image_destroy(img);
    glyph_ctx_destroy(ctx);
    return check_status();
}
