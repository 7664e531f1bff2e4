// glyphpack -f lvgl / lvgl-bin: the LVGL emitters and what to tell the user
// about their choices.
#include "formats/error.h"
#include "formats/lvgl_font.h"
#include "formats/sink.h"
#include "glyph/glyphset.h"
#include "glyphpack.h"

int glyphpack_lvgl_emit(const struct glyphpack_args *a, const struct glyph_set *set,
                        const char *symbol, const char *path, struct fmt_sink *out)
{
    struct fmt_lvgl_font_opts o = {
        .symbol = symbol,
        .fallback = a->lvgl_fallback,
        .bitmaps = (enum fmt_lvgl_bitmaps)a->lvgl_bitmaps,
    };
    struct fmt_lvgl_font_info info;
    char why[512] = "";
    int err = a->format == PACKOPTS_FORMAT_LVGL
                  ? fmt_lvgl_font_emit_c(set, &o, out, &info, why, sizeof(why))
                  : fmt_lvgl_font_emit_bin(set, &o, out, &info, why, sizeof(why));
    if (err < 0) {
        glyphpack_error("%s: %s", path, why);
        return err == FMT_ERR_RANGE || err == FMT_ERR_INVALID_ARG ? EXIT_DATAERR : EXIT_SOFTWARE;
    }
    glyphpack_info(a, "LVGL font: %zu bytes of bitmaps (%s), %zu cmap subtable%s",
                   info.bitmap_bytes, fmt_lvgl_bitmaps_name(info.bitmaps), info.cmaps,
                   info.cmaps == 1 ? "" : "s");
    if (info.kern_form != 0) {
        glyphpack_info(a, "LVGL kerning: %zu pairs as %s, %zu bytes", info.kern_pairs,
                       info.kern_form == 2 ? "classes" : "pairs", info.kern_bytes);
    }
    if (info.kern_lossy) {
        glyphpack_error("warning: %s: kerning beyond LVGL's int8_t values: stored in coarser "
                        "steps, or clamped so that no advance becomes negative",
                        path);
    }
    if (info.needs_large) {
        glyphpack_error("warning: %s: glyphs this large need LV_FONT_FMT_TXT_LARGE 1 in LVGL's "
                        "lv_conf.h%s",
                        path,
                        a->format == PACKOPTS_FORMAT_LVGL
                            ? " (the C file says so with #error)"
                            : " (LVGL would read this binary font wrongly without it)");
    }
    return 0;
}
