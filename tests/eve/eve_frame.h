// What the drawing tests in tests/eve share (test_eve_draw.c,
// test_eve_ready.c): a bundle verified and streamed into the model through
// the loader's EVE sink, and frames started, finished and compared with the
// oracle's canvas.
#ifndef EVE_FRAME_H
#define EVE_FRAME_H

#include <stdint.h>

#include "eve_host.h"
#include "eve_model.h"
#include "fwl/loader.h"
#include "oracle.h"

// These print why they fail (stderr) and return it; the test CHECKs.

// Loads the bundle at `path` (signed by the 32-byte key in `pubkey`) into
// `m` with fwl_load through the EVE sink; the bundle stays in memory for
// fwl_asset_find on `ctx`. Takes the host's FIFO offset from the chip
// afterwards. 0, or -1.
int eve_frame_load(struct eve_model *m, struct eve_host *host, struct fwl_ctx *ctx,
                   const char *path, const char *pubkey);

// CMD_DLSTART, CLEAR_COLOR_RGB(bg), CLEAR(1, 1, 1).
void eve_frame_start(struct eve_host *host, const uint8_t bg[3]);

// DISPLAY, CMD_SWAP; the frame (RGB, the canvas' size) or NULL.
const uint8_t *eve_frame_swap(struct eve_model *m, struct eve_host *host, unsigned width,
                              unsigned height, const char *what);

// DISPLAY, CMD_SWAP, and the frame compared with `want` (each channel
// within 1). Returns the number of differing pixels, or -1 without a frame
// (or when the oracle drew fewer than 21 pixels other than `bg`).
long eve_frame_finish(struct eve_model *m, struct eve_host *host, const struct oracle_canvas *want,
                      const uint8_t bg[3], const char *what);

#endif
