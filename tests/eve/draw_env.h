// The EVE draw tests' shared steps (draw_env.c): verify and stream a
// bundle into a fresh model through the loader's EVE sink (as a firmware
// does), then per frame: CMD_DLSTART with a cleared background, the test's
// commands, DISPLAY and CMD_SWAP, and the frame compared with the oracle.
#ifndef EVE_DRAW_ENV_H
#define EVE_DRAW_ENV_H

#include <stdint.h>

#include "eve_host.h"
#include "eve_model.h"
#include "fwl/loader.h"
#include "oracle.h"

struct env {
    struct eve_model *m;
    struct eve_host host;
    struct fwl_ctx ctx;
    const char *srcdir;
};

// The background colour of every frame.
extern const uint8_t DRAW_BG[3];

// Creates the model and loads OUTDIR/assets.bin verified with the key in
// file `pubkey`. Returns 0, or -1 (a CHECK failed or a file was missing).
int draw_env_load(struct env *e, const char *outdir, const char *pubkey);
// fwl_asset_find with a CHECK.
int draw_env_find(struct env *e, const char *name, struct fwl_asset_info *a);
// Starts a frame: CMD_DLSTART, CLEAR_COLOR_RGB(DRAW_BG), CLEAR.
void draw_env_start(struct env *e);
// Ends the frame (DISPLAY, CMD_SWAP), waits, and compares it with `want`
// (tolerance 1), failing the test with `what` on a difference.
void draw_env_finish(struct env *e, struct oracle_canvas *want, const char *what);

// Text frames: the ink colour, DEJAVU_DIR (or Debian's folder), and a frame
// started with COLOR_RGB(ink) and CMD_SETFONT2(7, addr, first), with `want`
// initialised to the background.
extern const uint8_t DRAW_INK[3];
const char *draw_env_dejavu(void);
void draw_env_text_frame(struct env *e, uint32_t addr, uint32_t first, struct oracle_canvas *want);

// check.h counts per file: the failures of the checks above (0 or 1).
int draw_env_status(void);

#endif
