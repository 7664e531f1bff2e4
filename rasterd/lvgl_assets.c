// rasterd build: the manifest's LVGL outputs (issue 12, docs/manifest.md):
// each lvgl.fonts entry rendered with libglyph and written as an LVGL C
// font (and binary font), each lvgl.images entry converted and written as
// an lv_image_dsc_t C file (and .bin image), and one header declaring them,
// all as outputs of the same generation as the bundle.
#include "lvgl_assets.h"

#include <stdio.h>
#include <stdlib.h>

#include "assets.h"
#include "exitcodes.h"
#include "formats/error.h"
#include "fileio.h"
#include "formats/lvgl_font.h"
#include "formats/lvgl_image.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"
#include "glyph/image.h"
#include "glyph/pixfmt.h"
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
                                      .hinting = (enum glyph_hinting)f->hinting,
                                      .quantize = (enum glyph_quantize)f->quantize,
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
        struct fmt_sink *s = deploy_add(d, name, 0);
        err = s == NULL ? FMT_ERR_NOMEM
              : bin     ? fmt_lvgl_font_emit_bin(set, &o, s, &info, reason, sizeof(reason))
                        : fmt_lvgl_font_emit_c(set, &o, s, &info, reason, sizeof(reason));
    }
    if (err < 0) {
        snprintf(why, why_len, "%s:%d: lvgl.fonts: '%s': %s", m->path, f->line, f->symbol,
                 reason[0] != '\0' ? reason : fmt_strerror(err));
        return exit_from_fmt(err);
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

// Reads and decodes the PNG of `im`, converted to its colour format's
// pixels (LVGL's alpha rules: flattened onto black without alpha,
// premultiplied where the format or the manifest says).
static int image_pixels(struct glyph_ctx *ctx, const struct manifest *m,
                        const struct mf_lvgl_image *im, struct glyph_pixels **px, char *why,
                        size_t why_len)
{
    uint8_t *png = NULL;
    size_t len = 0;
    char reason[512];
    int rc = file_read(im->file, 0, &png, &len, NULL, reason, sizeof(reason));
    if (rc != 0) {
        snprintf(why, why_len, "%s:%d: LVGL image '%s': %s", m->path, im->line, im->symbol, reason);
        return rc;
    }
    struct glyph_image *img = NULL;
    int err = glyph_image_decode_memory(ctx, png, len, &img);
    free(png);
    if (err >= 0) {
        struct glyph_convert_opts o;
        glyph_convert_opts_init(&o, glyph_pixfmt_find(im->cf->pixfmt));
        o.dither = im->dither ? GLYPH_DITHER_FS : GLYPH_DITHER_NONE;
        o.stride_align = 1; // the emitter aligns LVGL's stride
        if ((im->cf->flags & FMT_LVGL_CF_PREMULTIPLIED) || im->premultiply) {
            o.alpha = GLYPH_ALPHA_PREMULTIPLY;
        } else if (im->cf->flags & FMT_LVGL_CF_FLATTEN) {
            o.alpha = GLYPH_ALPHA_FLATTEN;
        }
        err = o.format != NULL ? glyph_image_convert(ctx, img, &o, px) : GLYPH_ERR_UNSUPPORTED;
        glyph_image_destroy(img);
    }
    if (err < 0) {
        snprintf(why, why_len, "%s: %s:%d: LVGL image '%s': %s", im->file, m->path, im->line,
                 im->symbol, glyph_strerror(err));
        return exit_from_glyph(err);
    }
    return 0;
}

// Writes one image as <symbol>.c (and .bin).
static int emit_image(struct deploy *d, struct glyph_ctx *ctx, const struct manifest *m,
                      const struct mf_lvgl_image *im, char *why, size_t why_len)
{
    struct glyph_pixels *px = NULL;
    int rc = image_pixels(ctx, m, im, &px, why, why_len);
    if (rc != 0) {
        return rc;
    }
    struct fmt_lvgl_image_opts o = {
        .cf = im->cf,
        .stride_align = im->stride_align,
        .compress = (enum fmt_lvgl_compress)im->compress,
        .premultiplied = im->premultiply,
        .symbol = im->symbol,
    };
    char reason[256] = "";
    char name[FMT_NAME_WHAT];
    int err = 0;
    for (int bin = 0; bin <= im->binary && err == 0; bin++) {
        snprintf(name, sizeof(name), "%s%s", im->symbol, bin ? ".bin" : ".c");
        struct fmt_sink *s = deploy_add(d, name, 0);
        err = s == NULL ? FMT_ERR_NOMEM
              : bin     ? fmt_lvgl_image_write_bin(s, px, &o, NULL, reason, sizeof(reason))
                        : fmt_lvgl_image_write_c(s, px, &o, NULL, reason, sizeof(reason));
    }
    glyph_pixels_destroy(px);
    if (err < 0) {
        snprintf(why, why_len, "%s: %s:%d: LVGL image '%s': %s", im->file, m->path, im->line,
                 im->symbol, reason[0] != '\0' ? reason : fmt_strerror(err));
        return exit_from_fmt(err);
    }
    return 0;
}

int lvgl_assets_make(struct deploy *d, struct glyph_ctx *ctx, const struct manifest *m, char *why,
                     size_t why_len)
{
    if (m->lvgl.header == NULL) {
        return 0;
    }
    size_t ndecls = m->lvgl.nfonts + m->lvgl.nimages;
    struct fmt_lvgl_decl *decls = calloc(ndecls + 1, sizeof(*decls));
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
    for (size_t i = 0; i < m->lvgl.nimages && rc == 0; i++) {
        const struct mf_lvgl_image *im = &m->lvgl.images[i];
        rc = emit_image(d, ctx, m, im, why, why_len);
        decls[m->lvgl.nfonts + i] = (struct fmt_lvgl_decl){FMT_LVGL_DECL_IMAGE, im->symbol};
    }
    if (rc == 0) {
        char reason[256] = "";
        struct fmt_sink *s = deploy_add(d, m->lvgl.header, 0);
        int err = s != NULL ? fmt_lvgl_header_emit(s, m->lvgl.header, decls, ndecls, reason,
                                                   sizeof(reason))
                            : FMT_ERR_NOMEM;
        if (err < 0) {
            snprintf(why, why_len, "%s: %s: %s", m->path, m->lvgl.header,
                     reason[0] != '\0' ? reason : fmt_strerror(err));
            rc = exit_from_fmt(err);
        }
    }
    free(decls);
    return rc;
}
