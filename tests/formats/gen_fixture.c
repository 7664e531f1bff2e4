// Build-time generator: writes the crafted fixture font through every emitter
// into OUTDIR, so the tests can compile, parse and import the results.
//   fixture.c/.h, fixture.bin, fixture.json: 2 bpp, rows, LSB first, bit-packed
//   fixture_hmap.py/.json, fixture_vmap.py/.json: 1 bpp cells for MicroPython
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"
#include "formats/font_emit.h"

static int save(const char *dir, const char *name, struct fmt_membuf *mb)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(mb->data, 1, mb->len, f) != mb->len || fclose(f) != 0) {
        fprintf(stderr, "gen_fixture: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

static int emit_py(const char *dir, const char *stem, const struct glyph_pack_format *fmt)
{
    struct glyph_fontpack *pack = fixture_create(fmt, 1);
    struct fmt_membuf py, js;
    fmt_membuf_init(&py);
    fmt_membuf_init(&js);
    char why[256] = "", name[64];
    int rc = pack == NULL;
    if (!rc && (fmt_font_emit_py(pack, &py.sink, why, sizeof(why)) != 0 ||
                fmt_font_emit_json(pack, &js.sink, why, sizeof(why)) != 0)) {
        fprintf(stderr, "gen_fixture: %s: %s\n", stem, why);
        rc = 1;
    }
    snprintf(name, sizeof(name), "%s.py", stem);
    rc = rc || save(dir, name, &py);
    snprintf(name, sizeof(name), "%s.json", stem);
    rc = rc || save(dir, name, &js);
    fmt_membuf_finish(&py);
    fmt_membuf_finish(&js);
    fixture_destroy(pack);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_fixture OUTDIR\n");
        return 64;
    }
    const struct glyph_pack_format fmt = {2, GLYPH_LAYOUT_ROWS, GLYPH_BIT_LSB_FIRST, 0};
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    if (pack == NULL) {
        return 1;
    }
    struct fmt_membuf c, h, bin, js;
    fmt_membuf_init(&c);
    fmt_membuf_init(&h);
    fmt_membuf_init(&bin);
    fmt_membuf_init(&js);
    char why[256] = "";
    int rc = 0;
    if (fmt_font_emit_c(pack, "fixture_font", "fixture.h", &c.sink, &h.sink, why, sizeof(why)) !=
            0 ||
        fmt_font_emit_bin(pack, &bin.sink, why, sizeof(why)) != 0 ||
        fmt_font_emit_json(pack, &js.sink, why, sizeof(why)) != 0) {
        fprintf(stderr, "gen_fixture: %s\n", why);
        rc = 1;
    }
    rc = rc || save(argv[1], "fixture.c", &c) || save(argv[1], "fixture.h", &h) ||
         save(argv[1], "fixture.bin", &bin) || save(argv[1], "fixture.json", &js);
    fmt_membuf_finish(&c);
    fmt_membuf_finish(&h);
    fmt_membuf_finish(&bin);
    fmt_membuf_finish(&js);
    fixture_destroy(pack);
    const struct glyph_pack_format hmap = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    const struct glyph_pack_format vmap = {1, GLYPH_LAYOUT_PAGES, GLYPH_BIT_LSB_FIRST, 1};
    rc = rc || emit_py(argv[1], "fixture_hmap", &hmap) || emit_py(argv[1], "fixture_vmap", &vmap);
    return rc;
}
