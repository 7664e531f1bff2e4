// rasterd build: the manifest's LVGL outputs (issue 12, docs/manifest.md):
// each lvgl.fonts entry rendered with libglyph and written as an LVGL C
// font (and binary font), and one header declaring them, all as outputs of
// the same generation as the bundle.
#include "lvgl_assets.h"

#include <stdio.h>
#include <stdlib.h>

#include "assets.h"
#include "exitcodes.h"
#include "formats/error.h"
#include "formats/lvgl_font.h"
#include "glyph/charset.h"
#include "glyph/glyphset.h"
#include "log.h"

static int render(struct glyph_ctx *ctx, const struct manifest *m, const struct mf_lvgl_font *f,
                  struct glyph_set **set, char *why, size_t why_len)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    if (cs == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    char reason[256];
    int rc = 0;
    if (glyph_charset_parse(cs, f->keys.chars, reason, sizeof(reason)) < 0) {
        snprintf(why, why_len, "%s:%d: lvgl.fonts: '%s': chars: %s", m->path, f->line, f->symbol,
                 reason);
        rc = EXIT_CONFIG;
    } else {
        struct glyph_render_opts o = {.size_px = f->keys.size_px,
                                      .line_height_px = f->keys.line_height,
                                      .bpp = f->keys.bpp,
                                      .hinting = GLYPH_HINT_DEFAULT,
                                      .kerning = f->kerning};
        char what[FMT_NAME_WHAT];
        snprintf(what, sizeof(what), "LVGL font '%s'", f->symbol);
        rc = asset_font_render(ctx, f->files, f->nfiles, f->keys.face_index, cs, &o, what, set, why,
                               why_len);
    }
    glyph_charset_destroy(cs);
    return rc;
}

// Writes one font as <symbol>.c (and .bin).
static int emit_font(struct deploy *d, const struct manifest *m, const struct mf_lvgl_font *f,
                     const struct glyph_set *set, char *why, size_t why_len)
{
    struct fmt_lvgl_font_opts o = {f->symbol, f->fallback, (enum fmt_lvgl_bitmaps)f->bitmaps};
    struct fmt_lvgl_font_info info;
    char reason[512] = "";
    char name[FMT_NAME_WHAT];
    int err = 0;
    for (int bin = 0; bin <= f->binary && err == 0; bin++) {
        snprintf(name, sizeof(name), "%s%s", f->symbol, bin ? ".bin" : ".c");
        struct fmt_sink *s = deploy_add(d, name, NULL);
        err = s == NULL ? FMT_ERR_NOMEM
              : bin     ? fmt_lvgl_font_emit_bin(set, &o, s, &info, reason, sizeof(reason))
                        : fmt_lvgl_font_emit_c(set, &o, s, &info, reason, sizeof(reason));
    }
    if (err < 0) {
        snprintf(why, why_len, "%s:%d: lvgl.fonts: '%s': %s", m->path, f->line, f->symbol,
                 reason[0] != '\0' ? reason : fmt_strerror(err));
        return err == FMT_ERR_RANGE || err == FMT_ERR_INVALID_ARG ? EXIT_DATAERR : EXIT_SOFTWARE;
    }
    if (info.needs_large) {
        log_warn("%s: LVGL font '%s': glyphs this large need LV_FONT_FMT_TXT_LARGE 1 in LVGL's "
                 "lv_conf.h",
                 m->path, f->symbol);
    }
    if (info.kern_lossy) {
        log_warn("%s: LVGL font '%s': kerning beyond LVGL's int8_t values is stored coarser or "
                 "clamped",
                 m->path, f->symbol);
    }
    return 0;
}

int lvgl_assets_make(struct deploy *d, struct glyph_ctx *ctx, const struct manifest *m, char *why,
                     size_t why_len)
{
    if (m->lvgl.header == NULL) {
        return 0;
    }
    struct fmt_lvgl_decl *decls = calloc(m->lvgl.nfonts + 1, sizeof(*decls));
    if (decls == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    int rc = 0;
    for (size_t i = 0; i < m->lvgl.nfonts && rc == 0; i++) {
        const struct mf_lvgl_font *f = &m->lvgl.fonts[i];
        struct glyph_set *set = NULL;
        rc = render(ctx, m, f, &set, why, why_len);
        rc = rc ? rc : emit_font(d, m, f, set, why, why_len);
        glyph_set_destroy(set);
        decls[i] = (struct fmt_lvgl_decl){FMT_LVGL_DECL_FONT, f->symbol};
    }
    if (rc == 0) {
        char reason[256] = "";
        struct fmt_sink *s = deploy_add(d, m->lvgl.header, NULL);
        int err = s != NULL ? fmt_lvgl_header_emit(s, m->lvgl.header, decls, m->lvgl.nfonts, reason,
                                                   sizeof(reason))
                            : FMT_ERR_NOMEM;
        if (err < 0) {
            snprintf(why, why_len, "%s: %s: %s", m->path, m->lvgl.header,
                     reason[0] != '\0' ? reason : fmt_strerror(err));
            rc = EXIT_SOFTWARE;
        }
    }
    free(decls);
    return rc;
}
