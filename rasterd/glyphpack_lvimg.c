// glyphpack IMAGE.png -f lvgl|lvgl-bin: see glyphpack_lvimg.h.
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "formats/error.h"
#include "glyphpack_lvimg.h"
#include "log.h"

static int usage_error(const char *what, const char *msg)
{
    log_error("-f lvgl: %s: %s", what, msg);
    return EXIT_USAGE;
}

// LVGL's name for a libglyph format name, if some LVGL format stores those
// bytes under another name ("BGR888" -> "RGB888").
static const char *lvgl_name_of(const char *name)
{
    const struct glyph_pixfmt *f = glyph_pixfmt_find(name);
    for (size_t i = 0; f != NULL && i < fmt_lvgl_cf_count(); i++) {
        const struct fmt_lvgl_cf *cf = fmt_lvgl_cf_at(i);
        if (glyph_pixfmt_find(cf->pixfmt) == f && f->bpp % 8 == 0 &&
            !(cf->flags & (FMT_LVGL_CF_A8_PLANE | FMT_LVGL_CF_PREMULTIPLIED)) &&
            strcmp(cf->name, "XRGB8888") != 0) {
            return cf->name;
        }
    }
    return NULL;
}

int lvimg_setup(const char *name, struct glyph_convert_opts *conv, struct lvimg *lv)
{
    lv->cf = fmt_lvgl_cf_find(name);
    if (lv->cf == NULL) {
        const char *other = lvgl_name_of(name);
        if (other != NULL) {
            log_error("-p %s: LVGL calls these bytes %s: use -p %s", name, other, other);
            return EXIT_USAGE;
        }
        return usage_error(name, "not an LVGL colour format (see --help)");
    }
    const struct fmt_lvgl_cf *cf = lv->cf;
    if (conv->layout != GLYPH_LAYOUT_ROWS || conv->bit_order != GLYPH_BIT_MSB_FIRST) {
        return usage_error(cf->name, "LVGL stores rows with the first pixel in the high bits: "
                                     "drop --layout and --bit-order");
    }
    if (conv->stride_align == 0) {
        return usage_error(cf->name, "LVGL rows start on a byte: --stride-align must be 1 or more");
    }
    if (conv->palette_format != glyph_pixfmt_find("ARGB8888")) {
        return usage_error(cf->name, "LVGL palettes are ARGB8888: drop --palette-format");
    }
    if (conv->alpha == GLYPH_ALPHA_PREMULTIPLY && !(cf->flags & FMT_LVGL_CF_ALPHA)) {
        return usage_error(cf->name, "no alpha channel to premultiply");
    }
    if ((cf->flags & FMT_LVGL_CF_BIN_NEEDS_COMPRESSION) && lv->bin &&
        lv->compress == FMT_LVGL_COMPRESS_NONE) {
        log_error("-f lvgl-bin: LVGL 9.5 opens %s .bin files only compressed: add --compress "
                  "rle, lz4 or smallest (or write a C file with -f lvgl)",
                  cf->name);
        return EXIT_USAGE;
    }
    lv->premultiplied = conv->alpha == GLYPH_ALPHA_PREMULTIPLY;
    if (cf->flags & FMT_LVGL_CF_PREMULTIPLIED) {
        conv->alpha = GLYPH_ALPHA_PREMULTIPLY;
    } else if (cf->flags & FMT_LVGL_CF_FLATTEN) {
        conv->alpha = GLYPH_ALPHA_FLATTEN;
    }
    conv->format = glyph_pixfmt_find(cf->pixfmt);
    lv->stride_align = conv->stride_align;
    conv->stride_align = 1;
    return 0;
}

int lvimg_emit(const struct lvimg *lv, const struct glyph_pixels *px, const char *symbol,
               const char *path, struct fmt_sink *out)
{
    struct fmt_lvgl_image_opts o = {
        .cf = lv->cf,
        .stride_align = lv->stride_align,
        .compress = lv->compress,
        .premultiplied = lv->premultiplied,
        .symbol = symbol,
    };
    char why[256] = "";
    int err = lv->bin ? fmt_lvgl_image_write_bin(out, px, &o, NULL, why, sizeof(why))
                      : fmt_lvgl_image_write_c(out, px, &o, NULL, why, sizeof(why));
    if (err < 0) {
        log_error("%s: %s", path, why[0] != '\0' ? why : fmt_strerror(err));
        return exit_from_fmt(err);
    }
    size_t n = strlen(path);
    if (lv->bin && (n < 4 || strcmp(path + n - 4, ".bin") != 0)) {
        log_warn("%s: LVGL's decoder opens only files named *.bin", path);
    }
    return 0;
}

void lvimg_usage(FILE *f)
{
    fprintf(f, "LVGL colour formats (-f lvgl, lvgl-bin; LVGL's names):\n");
    for (size_t i = 0; i < fmt_lvgl_cf_count(); i++) {
        const struct fmt_lvgl_cf *cf = fmt_lvgl_cf_at(i);
        fprintf(f, "  %-22s %s%s\n", cf->name, cf->summary,
                (cf->flags & FMT_LVGL_CF_BIN_NEEDS_COMPRESSION) ? "; .bin: compressed only" : "");
    }
}
