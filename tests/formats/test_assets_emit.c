// assets.h / assets.py emitters against committed golden files. Regenerate
// after an intended change with: test_assets_emit --write GOLDEN_DIR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/assets_emit.h"
#include "formats/error.h"

static int compare(const char *dir, const char *name, const struct fmt_membuf *mb, int write)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, write ? "wb" : "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    if (write) {
        int bad = fwrite(mb->data, 1, mb->len, f) != mb->len;
        return fclose(f) != 0 || bad;
    }
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if (n != mb->len || memcmp(buf, mb->data, n) != 0) {
        fprintf(stderr, "%s differs from the emitter output:\n%.*s\n", path, (int)mb->len,
                (const char *)mb->data);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int write = argc == 3 && strcmp(argv[1], "--write") == 0;
    const char *dir = argv[argc - 1];
    static const uint8_t bytes[2048];
    struct fmt_asset a[5];
    memset(a, 0, sizeof(a));
    snprintf(a[0].name, sizeof(a[0].name), "sans16");
    a[0] = (struct fmt_asset){.kind = BUNDLE_KIND_FONT,
                              .format = BUNDLE_FMT_L4,
                              .width = 16,
                              .height = 19,
                              .stride = 8,
                              .aux0 = 32,
                              .aux1 = 95,
                              .aux2 = 4,
                              .data = bytes,
                              .size = 1500};
    snprintf(a[0].name, sizeof(a[0].name), "sans16");
    a[1] = (struct fmt_asset){.kind = BUNDLE_KIND_IMAGE,
                              .format = BUNDLE_FMT_RGB565,
                              .width = 10,
                              .height = 5,
                              .stride = 20,
                              .aux2 = 16,
                              .data = bytes,
                              .size = 100};
    snprintf(a[1].name, sizeof(a[1].name), "Logo");
    a[2] = (struct fmt_asset){.kind = BUNDLE_KIND_RAW,
                              .format = BUNDLE_FMT_NONE,
                              .data = bytes,
                              .size = 7,
                              .fixed = 1,
                              .fixed_addr = 0x80001000u};
    snprintf(a[2].name, sizeof(a[2].name), "lut");
    // A legacy font with characters in slots (a text map: 'A' U+0041 in slot
    // 65, 'Ä' U+00C4 in slot 66, 'Ω' U+03A9 in slot 64; fallback 'A') and an
    // extended font with ASTC glyphs.
    static const uint8_t map[] = {0x41, 0, 0, 65, 0xC4, 0, 0, 66, 0xA9, 0x03, 0, 64};
    a[3] = (struct fmt_asset){.kind = BUNDLE_KIND_FONT,
                              .format = BUNDLE_FMT_L2,
                              .width = 12,
                              .height = 14,
                              .stride = 3,
                              .aux0 = 64,
                              .aux1 = 3,
                              .aux2 = 2,
                              .data = bytes,
                              .size = 274,
                              .textmap = map,
                              .textmap_count = 3,
                              .fallback_slot = 65};
    snprintf(a[3].name, sizeof(a[3].name), "Umlaut");
    a[4] = (struct fmt_asset){.kind = BUNDLE_KIND_FONT,
                              .format = BUNDLE_FMT_GLFORMAT,
                              .flags = BUNDLE_ENT_FLAG_XFONT,
                              .ext_format = 37815,
                              .width = 20,
                              .height = 24,
                              .stride = 48,
                              .aux1 = 1024,
                              .aux2 = 8,
                              .data = bytes,
                              .size = 2000};
    snprintf(a[4].name, sizeof(a[4].name), "cjk");
    struct fmt_link_target t = {0x80000000u, 0x10000, {0}};
    struct fmt_link_result r;
    char why[256];
    if (fmt_link(a, 5, &t, &r, why, sizeof(why)) != 0) {
        fprintf(stderr, "link: %s\n", why);
        return 1;
    }
    struct fmt_bundle_params p = {0xA1B2C3D4u, t.base, t.size, 9, 4096, {0}, NULL, NULL, 0};
    struct fmt_assets_info info = {
        "rasterd test", "rasterd.conf", "ASSET", "eve-test", &p, &r, 12345, 0};
    struct fmt_membuf h, py;
    fmt_membuf_init(&h);
    fmt_membuf_init(&py);
    int rc = 0;
    if (fmt_emit_assets_h(&h.sink, &info, a, 5) != 0 ||
        fmt_emit_assets_py(&py.sink, &info, a, 5) != 0) {
        fprintf(stderr, "emitter failed\n");
        rc = 1;
    }
    info.prefix = "9bad";
    struct fmt_membuf bad;
    fmt_membuf_init(&bad);
    if (fmt_emit_assets_h(&bad.sink, &info, a, 3) != FMT_ERR_INVALID_ARG) {
        fprintf(stderr, "bad prefix accepted\n");
        rc = 1;
    }
    fmt_membuf_finish(&bad);
    rc |= compare(dir, "assets.h", &h, write);
    rc |= compare(dir, "assets.py", &py, write);
    fmt_membuf_finish(&h);
    fmt_membuf_finish(&py);
    return rc;
}
