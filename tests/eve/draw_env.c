// What the EVE draw tests share (draw_env.h), on eve_frame.c's steps.
#include "draw_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "eve_frame.h"

const uint8_t DRAW_BG[3] = {40, 80, 120};

int draw_env_load(struct env *e, const char *outdir, const char *pubkey)
{
    e->m = eve_model_create();
    if (e->m == NULL) {
        return -1;
    }
    eve_host_init(&e->host, eve_model_spi_transfer, eve_model_spi_receive, e->m);
    char path[4096];
    snprintf(path, sizeof path, "%s/assets.bin", outdir);
    int rc = eve_frame_load(e->m, &e->host, &e->ctx, path, pubkey);
    CHECK(rc == 0, "loading %s through the EVE sink", path);
    return rc;
}

int draw_env_find(struct env *e, const char *name, struct fwl_asset_info *a)
{
    int err = fwl_asset_find(&e->ctx, name, a);
    CHECK(err == FWL_OK, "asset %s: %s", name, fwl_strerror(err));
    return err;
}

void draw_env_finish(struct env *e, struct oracle_canvas *want, const char *what)
{
    long bad = eve_frame_finish(e->m, &e->host, want, DRAW_BG, what);
    CHECK(bad == 0, "%s: %ld pixels differ from the oracle (-1: no frame)", what, bad);
}

void draw_env_start(struct env *e)
{
    eve_frame_start(&e->host, DRAW_BG);
}

const uint8_t DRAW_INK[3] = {255, 220, 64};

const char *draw_env_dejavu(void)
{
    const char *d = getenv("DEJAVU_DIR");
    return d != NULL ? d : "/usr/share/fonts/truetype/dejavu";
}

void draw_env_text_frame(struct env *e, uint32_t addr, uint32_t first, struct oracle_canvas *want)
{
    draw_env_start(e);
    eve_host_cmd(&e->host, eve_dl_color_rgb(DRAW_INK[0], DRAW_INK[1], DRAW_INK[2]));
    eve_host_cmd(&e->host, 0xFFFFFF3Bu); // CMD_SETFONT2(7, addr, first)
    eve_host_cmd(&e->host, 7);
    eve_host_cmd(&e->host, addr);
    eve_host_cmd(&e->host, first);
    oracle_canvas_init(want, 480, 272, DRAW_BG);
}

int draw_env_status(void)
{
    return check_status();
}
