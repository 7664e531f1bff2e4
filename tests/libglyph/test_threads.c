// No global state: two contexts rendering and packing in two threads at once
// give the same bytes as one thread alone.
#include <pthread.h>

#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/fontpack.h"

struct job {
    const char *font;
    unsigned size;
    uint8_t *data;
    size_t len;
    int err;
};

static void *run(void *arg)
{
    struct job *j = arg;
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_font *font = NULL;
    struct glyph_charset *cs = glyph_charset_create(ctx);
    struct glyph_set *set = NULL;
    struct glyph_fontpack *pack = NULL;
    struct glyph_render_opts ro = {.size_px = j->size, .bpp = 4};
    struct glyph_fontpack_opts po = {.fmt = {4, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
                                     .cell = 0};
    j->err = glyph_font_open_file(ctx, j->font, 0, &font);
    if (j->err == 0) {
        j->err = glyph_charset_parse(cs, "0x20-0x7E,0xA0-0x17F,0x370-0x3FF,0x400-0x4FF", NULL, 0);
    }
    if (j->err == 0) {
        j->err = glyph_set_render(ctx, &font, 1, cs, &ro, &set);
    }
    if (j->err == 0) {
        j->err = glyph_fontpack_create(ctx, set, &po, &pack);
    }
    if (j->err == 0) {
        j->len = pack->data_len;
        j->data = malloc(j->len);
        memcpy(j->data, pack->data, j->len);
    }
    glyph_fontpack_destroy(pack);
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    return NULL;
}

int main(void)
{
    char sans[4096], serif[4096];
    snprintf(sans, sizeof(sans), "%s", dejavu("DejaVuSans.ttf"));
    snprintf(serif, sizeof(serif), "%s", dejavu("DejaVuSerif.ttf"));
    struct job alone[2] = {{sans, 24, NULL, 0, 0}, {serif, 17, NULL, 0, 0}};
    struct job par[2] = {{sans, 24, NULL, 0, 0}, {serif, 17, NULL, 0, 0}};
    run(&alone[0]);
    run(&alone[1]);
    for (int round = 0; round < 5; round++) {
        pthread_t t[2];
        for (int i = 0; i < 2; i++) {
            CHECK(pthread_create(&t[i], NULL, run, &par[i]) == 0, "thread");
        }
        for (int i = 0; i < 2; i++) {
            pthread_join(t[i], NULL);
            CHECK(par[i].err == 0 && alone[i].err == 0, "errors %d %d", par[i].err, alone[i].err);
            CHECK(par[i].len == alone[i].len && par[i].data && alone[i].data &&
                      memcmp(par[i].data, alone[i].data, par[i].len) == 0,
                  "thread %d differs", i);
            free(par[i].data);
            par[i].data = NULL;
        }
    }
    free(alone[0].data);
    free(alone[1].data);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
