// Draws every asset of a rasterd build through the simulated EVE and
// compares each frame with the oracle (FreeType for text, the source PNG
// converted by docs/image-formats.md for images).
//
// The bundle is verified and streamed by the firmware loader's EVE sink
// (fwl_load + fwl_eve_xram_write) over the model's SPI; then, like a
// firmware, the test sends display lists through the coprocessor FIFO:
// BITMAP_SOURCE/LAYOUT(_H)/SIZE(_H) + VERTEX2II for images, CMD_SETFONT2 +
// CMD_TEXT for fonts. Raw assets are compared byte for byte in RAM_G.
//
//   test_eve_draw examples|examples-zlib|formats OUTDIR PUBKEY SRCDIR
// examples: the assets of examples/rasterd.conf (built by run_draw.sh);
// formats:  examples/images/logo.png in every EVE format, with and without
//           dithering (manifest written by run_draw.sh), odd formats stored
//           zlib-compressed (inflated by the chip through CMD_INFLATE).
// examples-zlib: the example with bundle.compress = "zlib".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "eve_host.h"
#include "eve_model.h"
#include "wire/bundle_wire.h"
#include "draw_env.h"
#include "eve_sink.h"
#include "oracle.h"

static void draw_image(struct env *e, const char *name, const char *png, int dither)
{
    struct fwl_asset_info a;
    if (draw_env_find(e, name, &a) != FWL_OK) {
        return;
    }
    unsigned w, h;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", e->srcdir, png);
    uint8_t *rgba = oracle_png_load(path, &w, &h);
    uint8_t *shown = rgba != NULL ? oracle_image_shown(rgba, w, h, a.format, dither) : NULL;
    CHECK(shown != NULL && w == a.width && h == a.height, "%s: source %s", name, path);
    if (shown != NULL && w == a.width && h == a.height) {
        const int x = 17, y = 9;
        draw_env_start(e);
        eve_host_cmd(&e->host, eve_dl_bitmap_handle(3));
        eve_host_cmd(&e->host, eve_dl_bitmap_source(a.addr));
        eve_host_cmd(&e->host, eve_dl_bitmap_layout(a.format, a.stride, a.height));
        eve_host_cmd(&e->host, eve_dl_bitmap_layout_h(a.stride, a.height));
        eve_host_cmd(&e->host, eve_dl_bitmap_size(a.width, a.height));
        eve_host_cmd(&e->host, eve_dl_bitmap_size_h(a.width, a.height));
        eve_host_cmd(&e->host, eve_dl_begin(1));
        eve_host_cmd(&e->host, eve_dl_vertex2ii(x, y, 3, 0));
        eve_host_cmd(&e->host, eve_dl_end());
        struct oracle_canvas want;
        oracle_canvas_init(&want, 480, 272, DRAW_BG);
        oracle_draw_image(&want, shown, w, h, x, y);
        char what[128];
        snprintf(what, sizeof what, "image %s (format %u%s)", name, a.format,
                 dither ? ", dithered" : "");
        draw_env_finish(e, &want, what);
        oracle_canvas_finish(&want);
    }
    free(shown);
    free(rgba);
}

struct font_case {
    const char *name, *file;
    unsigned size, line_height, bpp;
    const char *lines[4];
};

static void draw_font(struct env *e, const struct font_case *fc)
{
    struct fwl_asset_info a;
    if (draw_env_find(e, fc->name, &a) != FWL_OK) {
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", draw_env_dejavu(), fc->file);
    uint32_t first = a.aux[0], last = a.aux[0] + a.aux[1] - 1;
    struct oracle_font *f = oracle_font_open(path, fc->size, fc->line_height, fc->bpp, first, last);
    if (f == NULL) {
        CHECK(0, "%s: oracle font", fc->name);
        return;
    }
    struct oracle_canvas want;
    draw_env_text_frame(e, a.addr, first, &want);
    int y = 4;
    for (int i = 0; i < 4 && fc->lines[i] != NULL; i++) {
        eve_host_text(&e->host, 6, (int16_t)y, 7, 0, fc->lines[i]);
        oracle_text(&want, f, 6, y, DRAW_INK, fc->lines[i]);
        y += (int)a.height + 3;
    }
    char what[160];
    snprintf(what, sizeof what, "text %s (%u px em, L%u, cell %ux%u)", fc->name, oracle_font_em(f),
             fc->bpp, (unsigned)a.width, (unsigned)a.height);
    draw_env_finish(e, &want, what);
    oracle_canvas_finish(&want);
    oracle_font_close(f);
}

static void check_raw(struct env *e, const char *name, const char *file)
{
    struct fwl_asset_info a;
    if (draw_env_find(e, name, &a) != FWL_OK) {
        return;
    }
    char path[4096];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", e->srcdir, file);
    uint8_t *data = eve_sink_slurp(path, &len);
    CHECK(data != NULL && len == a.size && memcmp(eve_model_ram_g(e->m) + a.addr, data, len) == 0,
          "raw %s: RAM_G at 0x%x holds %s", name, (unsigned)a.addr, path);
    free(data);
    printf("ok: raw %s in RAM_G\n", name);
}

static void run_examples(struct env *e)
{
    // examples/rasterd.conf, asset by asset; the count check below fails if
    // the example grows an asset this table does not draw.
    CHECK(e->ctx.asset_count == 5, "examples/ has %u assets, this test draws 5",
          (unsigned)e->ctx.asset_count);
    static const struct font_case sans = {
        "sans16",
        "DejaVuSans.ttf",
        16,
        0,
        4,
        {"The quick brown fox jumps over the lazy dog.", "0123456789 !\"#$%&'()*+,-./:;<=>?@",
         "[\\]^_`{|}~ ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz fij ffl WAVE"}};
    static const struct font_case digits = {
        "mono_digits", "DejaVuSansMono-Bold.ttf", 0, 32, 1, {"12:34", "-0.5/98.76", NULL, NULL}};
    draw_font(e, &sans);
    draw_font(e, &digits);
    draw_image(e, "logo", "images/logo.png", 1);
    draw_image(e, "icon_ok", "images/icon.png", 0);
    check_raw(e, "gamma_lut", "data/gamma.bin");
}

static void run_formats(struct env *e)
{
    static const unsigned codes[] = {0, 1, 2, 3, 4, 5, 6, 7, 17};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        for (int d = 0; d < 2; d++) {
            char name[32];
            snprintf(name, sizeof name, "logo_%u_%s", codes[i], d ? "fs" : "plain");
            draw_image(e, name, "images/logo.png", d);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s examples|formats OUTDIR PUBKEY SRCDIR\n", argv[0]);
        return 2;
    }
    struct env e = {0};
    e.srcdir = argv[4];
    if (draw_env_load(&e, argv[2], argv[3]) < 0) {
        return 1;
    }
    printf("bundle format %u, %u stored bytes for %u payload bytes\n", (unsigned)e.ctx.version,
           (unsigned)e.ctx.stored_len, (unsigned)e.ctx.payload_len);
    if (strncmp(argv[1], "examples", 8) == 0) {
        run_examples(&e);
    } else {
        run_formats(&e);
    }
    const struct eve_stats *st = eve_model_stats(e.m);
    printf("SPI: %llu bytes in %llu transactions, %llu frames\n", (unsigned long long)st->spi_bytes,
           (unsigned long long)st->transactions, (unsigned long long)st->frames);
    eve_model_destroy(e.m);
    int shared = draw_env_status();
    return check_status() | shared;
}
