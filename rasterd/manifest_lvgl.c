// The manifest's `lvgl` group (issue 12, docs/manifest.md): LVGL fonts and
// images written into output.dir with the rest of the build, and one header
// that declares them. Every name that reaches generated C is checked here to be
// a C identifier; the output file names join the others in
// manifest_outputs.c, which refuses a name another output takes and a
// header name that cannot be #included.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/font_emit.h"
#include "exitcodes.h"
#include "formats/lvgl_font.h"
#include "formats/lvgl_image.h"
#include "manifest_parse.h"
#include "packopts.h"

#define LVGL_FONTS_MAX  64  // LVGL fonts per build (each: .c, maybe .bin)
#define LVGL_IMAGES_MAX 256 // LVGL images per build (each: .c, maybe .bin)

// An optional word of group g (`key`) through `parse` (packopts: the words
// glyphpack's options take); *out is `dflt` when absent.
static int parse_word(struct mctx *c, const config_setting_t *g, const char *key,
                      int (*parse)(const char *, int *), const char *words, int dflt, int *out)
{
    char *s = NULL;
    int rc = manifest_get_str(c, g, key, &s, 0);
    *out = dflt;
    if (rc == 0 && s != NULL && parse(s, out) < 0) {
        rc = manifest_fail(c, config_setting_get_member(g, key), "unknown %s '%s' (%s)", key, s,
                           words);
    }
    free(s);
    return rc;
}

// The rendering keys: lv_font_conv's (the auto-hinter, truncated coverage)
// when absent.
static int parse_rendering(struct mctx *c, const config_setting_t *g, struct mf_lvgl_font *f)
{
    int rc = parse_word(c, g, "hinting", packopts_hinting, PACKOPTS_HINTING_WORDS, GLYPH_HINT_AUTO,
                        &f->hinting);
    return rc ? rc
              : parse_word(c, g, "quantize", packopts_quantize, "round, truncate",
                           GLYPH_QUANT_TRUNCATE, &f->quantize);
}

static int parse_bitmaps(struct mctx *c, const config_setting_t *g, int *out)
{
    return parse_word(c, g, "bitmaps", packopts_lvgl_bitmaps,
                      "smallest, plain, rle, rle-no-prefilter", FMT_LVGL_BITMAPS_SMALLEST, out);
}

// A C identifier for generated code (`key` of group g, required or not).
static int get_symbol(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                      int required)
{
    int rc = manifest_get_str(c, g, key, out, required);
    if (rc == 0 && *out != NULL && !fmt_font_symbol_valid(*out)) {
        rc = manifest_fail(c, config_setting_get_member(g, key),
                           "'%s' is not a C identifier of at most %d characters", *out,
                           FMT_FONT_SYMBOL_MAX);
    }
    return rc;
}

static int parse_font(struct mctx *c, const config_setting_t *g, struct mf_lvgl_font *f)
{
    static const char *const keys[] = {"name",     "file",   "files",   "size",     "line_height",
                                       "chars",    "bpp",    "face",    "kerning",  "bitmaps",
                                       "fallback", "binary", "hinting", "quantize", NULL};
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : get_symbol(c, g, "name", &f->symbol, 1);
    rc = rc ? rc : manifest_get_files(c, g, &f->files, &f->nfiles, 1);
    rc = rc ? rc : manifest_get_font_keys(c, g, &f->keys);
    rc = rc ? rc : manifest_get_bool(c, g, "kerning", &f->kerning);
    rc = rc ? rc : parse_bitmaps(c, g, &f->bitmaps);
    rc = rc ? rc : parse_rendering(c, g, f);
    rc = rc ? rc : get_symbol(c, g, "fallback", &f->fallback, 0);
    rc = rc ? rc : manifest_get_bool(c, g, "binary", &f->binary);
    if (rc == 0 && f->bitmaps >= FMT_LVGL_BITMAPS_RLE && f->keys.bpp != 2 && f->keys.bpp != 4) {
        rc = manifest_fail(c, config_setting_get_member(g, "bitmaps"),
                           "LVGL decompresses 2 and 4 bpp bitmaps only, not %u bpp", f->keys.bpp);
    }
    if (rc == 0 && f->fallback != NULL && strcmp(f->fallback, f->symbol) == 0) {
        rc = manifest_fail(c, config_setting_get_member(g, "fallback"),
                           "a font cannot be its own fallback");
    }
    return rc;
}

// A list of groups of at most `max` entries; returns its length or -1.
static int group_list(struct mctx *c, const config_setting_t *list, int max, const char *what)
{
    if (config_setting_type(list) != CONFIG_TYPE_LIST) {
        manifest_fail(c, list, "expected a list ( { ... }, { ... } ), got %s",
                      manifest_type_name(config_setting_type(list)));
        return -1;
    }
    int n = config_setting_length(list);
    if (n > max) {
        manifest_fail(c, list, "more than %d LVGL %s", max, what);
        return -1;
    }
    return n;
}

static int parse_fonts(struct mctx *c, const config_setting_t *list)
{
    struct manifest *m = c->m;
    int n = group_list(c, list, LVGL_FONTS_MAX, "fonts");
    if (n < 0) {
        return EXIT_CONFIG;
    }
    m->lvgl.fonts = calloc(n > 0 ? (size_t)n : 1, sizeof(*m->lvgl.fonts));
    if (m->lvgl.fonts == NULL) {
        return manifest_fail(c, list, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        struct mf_lvgl_font f = {.line = (int)config_setting_source_line(g)};
        int rc = parse_font(c, g, &f);
        // Parsed fields are freed with the manifest, even on failure.
        m->lvgl.fonts[m->lvgl.nfonts++] = f;
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

// An LVGL colour format by LVGL's name (key `format`, required).
static int parse_cf(struct mctx *c, const config_setting_t *g, const struct fmt_lvgl_cf **out)
{
    char *s = NULL;
    int rc = manifest_get_str(c, g, "format", &s, 1);
    if (rc == 0 && (*out = fmt_lvgl_cf_find(s)) == NULL) {
        rc = manifest_fail(c, config_setting_get_member(g, "format"),
                           "'%s' is not an LVGL colour format (docs/image-formats.md)", s);
    }
    free(s);
    return rc;
}

static int parse_compress(struct mctx *c, const config_setting_t *g, int *out)
{
    return parse_word(c, g, "compress", packopts_lvgl_compress, "none, rle, lz4, smallest",
                      FMT_LVGL_COMPRESS_NONE, out);
}

static int parse_image(struct mctx *c, const config_setting_t *g, struct mf_lvgl_image *im)
{
    static const char *const keys[] = {"name",   "file",         "format",
                                       "dither", "stride_align", "premultiply",
                                       "binary", "compress",     NULL};
    uint32_t align = 1;
    char **files = NULL;
    size_t nfiles = 0;
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : get_symbol(c, g, "name", &im->symbol, 1);
    rc = rc ? rc : manifest_get_files(c, g, &files, &nfiles, 0);
    if (files != NULL) {
        im->file = nfiles > 0 ? files[0] : NULL;
        free(files);
    }
    rc = rc ? rc : parse_cf(c, g, &im->cf);
    rc = rc ? rc : manifest_get_bool(c, g, "dither", &im->dither);
    rc = rc ? rc : manifest_get_pow2(c, g, "stride_align", &align, 1, 256);
    rc = rc ? rc : manifest_get_bool(c, g, "premultiply", &im->premultiply);
    rc = rc ? rc : manifest_get_bool(c, g, "binary", &im->binary);
    rc = rc ? rc : parse_compress(c, g, &im->compress);
    im->stride_align = align;
    if (rc == 0 && im->premultiply && !(im->cf->flags & FMT_LVGL_CF_ALPHA)) {
        rc = manifest_fail(c, config_setting_get_member(g, "premultiply"),
                           "%s has no alpha channel to premultiply", im->cf->name);
    }
    if (rc == 0 && im->binary && im->compress == FMT_LVGL_COMPRESS_NONE &&
        (im->cf->flags & FMT_LVGL_CF_BIN_NEEDS_COMPRESSION)) {
        rc = manifest_fail(c, config_setting_get_member(g, "binary"),
                           "LVGL 9.5 opens %s .bin files only compressed: set compress to rle, "
                           "lz4 or smallest",
                           im->cf->name);
    }
    return rc;
}

static int parse_images(struct mctx *c, const config_setting_t *list)
{
    struct manifest *m = c->m;
    int n = group_list(c, list, LVGL_IMAGES_MAX, "images");
    if (n < 0) {
        return EXIT_CONFIG;
    }
    m->lvgl.images = calloc(n > 0 ? (size_t)n : 1, sizeof(*m->lvgl.images));
    if (m->lvgl.images == NULL) {
        return manifest_fail(c, list, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        struct mf_lvgl_image im = {.line = (int)config_setting_source_line(g)};
        int rc = parse_image(c, g, &im);
        m->lvgl.images[m->lvgl.nimages++] = im;
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int parse_header(struct mctx *c, const config_setting_t *g)
{
    struct manifest *m = c->m;
    int rc = manifest_get_str(c, g, "header", &m->lvgl.header, 0);
    if (rc == 0 && m->lvgl.header == NULL) {
        m->lvgl.header = strdup("lvgl_assets.h");
        rc = m->lvgl.header == NULL ? manifest_fail(c, g, "out of memory") : 0;
    }
    const char *h = m->lvgl.header;
    const config_setting_t *s = config_setting_get_member(g, "header");
    if (rc == 0 && (h[0] == '\0' || h[0] == '.' || strchr(h, '/') != NULL || strlen(h) > 128)) {
        return manifest_fail(c, s != NULL ? s : g, "'%s' is not a plain file name", h);
    }
    return rc;
}

int manifest_parse_lvgl(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"header", "fonts", "images", NULL};
    const config_setting_t *g = config_setting_get_member(root, "lvgl");
    if (g == NULL) {
        return 0;
    }
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : parse_header(c, g);
    const config_setting_t *fonts = config_setting_get_member(g, "fonts");
    if (rc == 0 && fonts != NULL) {
        rc = parse_fonts(c, fonts);
    }
    const config_setting_t *images = config_setting_get_member(g, "images");
    if (rc == 0 && images != NULL) {
        rc = parse_images(c, images);
    }
    return rc;
}

void manifest_finish_lvgl(struct manifest *m)
{
    for (size_t i = 0; i < m->lvgl.nfonts; i++) {
        struct mf_lvgl_font *f = &m->lvgl.fonts[i];
        for (size_t k = 0; k < f->nfiles; k++) {
            free(f->files[k]);
        }
        free(f->files);
        free(f->symbol);
        free(f->keys.chars);
        free(f->fallback);
    }
    free(m->lvgl.fonts);
    for (size_t i = 0; i < m->lvgl.nimages; i++) {
        free(m->lvgl.images[i].symbol);
        free(m->lvgl.images[i].file);
    }
    free(m->lvgl.images);
    free(m->lvgl.header);
}
