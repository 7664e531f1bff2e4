// What the EVE draw tests share (draw_env.h): the bundle streamed into the
// model through the loader's EVE sink, frames started and compared.
#include "draw_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "eve_sink.h"
#include "wire/bundle_wire.h"

const uint8_t DRAW_BG[3] = {40, 80, 120};

int draw_env_load(struct env *e, const char *outdir, const char *pubkey)
{
    e->m = eve_model_create();
    if (e->m == NULL) {
        return -1;
    }
    eve_host_init(&e->host, eve_model_spi_transfer, eve_model_spi_receive, e->m);
    char path[4096];
    size_t len = 0, klen = 0;
    snprintf(path, sizeof path, "%s/assets.bin", outdir);
    static uint8_t *bundle;
    bundle = eve_sink_slurp(path, &len);
    uint8_t *key = eve_sink_slurp(pubkey, &klen);
    if (bundle == NULL || key == NULL || klen != 32 || len < BUNDLE_HDR_SIZE) {
        fprintf(stderr, "cannot read %s or %s\n", path, pubkey);
        free(key);
        return -1;
    }
    static uint8_t keys[1][32];
    memcpy(keys[0], key, 32);
    free(key);
    static struct fwl_eve eve;
    static struct fwl_port port;
    eve_sink_port(&port, &eve, e->m, bundle, len, (const uint8_t(*)[32])keys);
    int err = fwl_load(&e->ctx, &port);
    CHECK(err == FWL_OK, "fwl_load through the EVE sink: %s", fwl_strerror(err));
    CHECK(eve_model_error(e->m) == NULL, "model: %s", eve_model_error(e->m));
    eve_host_sync(&e->host); // the sink's CMD_INFLATEs moved REG_CMD_WRITE
    return err == FWL_OK ? 0 : -1;
}

int draw_env_find(struct env *e, const char *name, struct fwl_asset_info *a)
{
    int err = fwl_asset_find(&e->ctx, name, a);
    CHECK(err == FWL_OK, "asset %s: %s", name, fwl_strerror(err));
    return err;
}

void draw_env_finish(struct env *e, struct oracle_canvas *want, const char *what)
{
    eve_host_cmd(&e->host, eve_dl_display());
    eve_host_cmd(&e->host, 0xFFFFFF01u); // CMD_SWAP
    eve_host_flush(&e->host);
    CHECK(!e->host.failed, "%s: coprocessor did not finish", what);
    CHECK(eve_model_error(e->m) == NULL, "%s: model: %s", what, eve_model_error(e->m));
    unsigned w, h;
    const uint8_t *frame = eve_model_frame(e->m, &w, &h);
    if (frame == NULL || w != want->width || h != want->height) {
        CHECK(0, "%s: no %ux%u frame", what, want->width, want->height);
        return;
    }
    unsigned drawn = 0;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        drawn += memcmp(want->rgba + 4 * i, DRAW_BG, 3) != 0;
    }
    CHECK(drawn > 20, "%s: the oracle drew only %u pixels", what, drawn);
    unsigned bad = oracle_canvas_compare(want, frame, 1, what);
    CHECK(bad == 0, "%s: %u of %u pixels differ from the oracle", what, bad, w * h);
    if (bad == 0) {
        printf("ok: %s (%u pixels drawn)\n", what, drawn);
    }
}

void draw_env_start(struct env *e)
{
    eve_host_cmd(&e->host, 0xFFFFFF00u); // CMD_DLSTART
    eve_host_cmd(&e->host, eve_dl_clear_color_rgb(DRAW_BG[0], DRAW_BG[1], DRAW_BG[2]));
    eve_host_cmd(&e->host, eve_dl_clear(1, 1, 1));
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
