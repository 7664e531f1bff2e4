// Shared steps of the drawing tests (eve_frame.h).
#include "eve_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eve_sink.h"
#include "wire/bundle_wire.h"

int eve_frame_load(struct eve_model *m, struct eve_host *host, struct fwl_ctx *ctx,
                   const char *path, const char *pubkey)
{
    size_t len = 0, klen = 0;
    static uint8_t *bundle;
    static uint8_t keys[1][32];
    static struct fwl_eve eve;
    static struct fwl_port port;
    free(bundle);
    bundle = eve_sink_slurp(path, &len);
    uint8_t *key = eve_sink_slurp(pubkey, &klen);
    if (bundle == NULL || key == NULL || klen != 32 || len < BUNDLE_HDR_SIZE) {
        fprintf(stderr, "cannot read %s or %s\n", path, pubkey);
        free(key);
        return -1;
    }
    memcpy(keys[0], key, 32);
    free(key);
    eve_sink_port(&port, &eve, m, bundle, len, (const uint8_t(*)[32])keys);
    int err = fwl_load(ctx, &port);
    if (err != FWL_OK || eve_model_error(m) != NULL) {
        fprintf(stderr, "fwl_load through the EVE sink: %s; model: %s\n", fwl_strerror(err),
                eve_model_error(m) != NULL ? eve_model_error(m) : "ok");
        return -1;
    }
    eve_host_sync(host); // the sink's CMD_INFLATEs moved REG_CMD_WRITE
    return 0;
}

void eve_frame_start(struct eve_host *host, const uint8_t bg[3])
{
    eve_host_cmd(host, 0xFFFFFF00u); // CMD_DLSTART
    eve_host_cmd(host, eve_dl_clear_color_rgb(bg[0], bg[1], bg[2]));
    eve_host_cmd(host, eve_dl_clear(1, 1, 1));
}

const uint8_t *eve_frame_swap(struct eve_model *m, struct eve_host *host, unsigned width,
                              unsigned height, const char *what)
{
    eve_host_cmd(host, eve_dl_display());
    eve_host_cmd(host, 0xFFFFFF01u); // CMD_SWAP
    eve_host_flush(host);
    unsigned w, h;
    const uint8_t *frame = eve_model_frame(m, &w, &h);
    if (host->failed || eve_model_error(m) != NULL || frame == NULL || w != width || h != height) {
        fprintf(stderr, "%s: no %ux%u frame (coprocessor %s; model: %s)\n", what, width, height,
                host->failed ? "stuck" : "ok",
                eve_model_error(m) != NULL ? eve_model_error(m) : "ok");
        return NULL;
    }
    return frame;
}

long eve_frame_finish(struct eve_model *m, struct eve_host *host, const struct oracle_canvas *want,
                      const uint8_t bg[3], const char *what)
{
    unsigned w = want->width, h = want->height;
    const uint8_t *frame = eve_frame_swap(m, host, w, h, what);
    if (frame == NULL) {
        return -1;
    }
    unsigned drawn = 0;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        drawn += memcmp(want->rgba + 4 * i, bg, 3) != 0;
    }
    if (drawn <= 20) {
        fprintf(stderr, "%s: the oracle drew only %u pixels\n", what, drawn);
        return -1;
    }
    unsigned bad = oracle_canvas_compare(want, frame, 1, what);
    if (bad == 0) {
        printf("ok: %s (%u pixels drawn)\n", what, drawn);
    } else {
        fprintf(stderr, "%s: %u of %u pixels differ from the oracle\n", what, bad, w * h);
    }
    return (long)bad;
}
