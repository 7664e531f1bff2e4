// The manifest's EVE keys (issue 13, docs/manifest.md): target.chip, the
// image formats, and the checks that need both: a format the chip cannot
// draw, an extended font without a BT81x, a paletted image whose palette
// name is taken or too long, a target that passes the end of the chip's
// RAM_G. Errors name the manifest line.
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/eve.h"
#include "formats/format_code.h"
#include "glyph/pixfmt.h"
#include "manifest_parse.h"

// The EVE formats no libglyph format stands for: paletted layouts (an
// index plane plus a palette piece) and ASTC (GLFORMAT with its
// BITMAP_EXT_FORMAT). The plain layouts come from libglyph's table
// (formats/format_code.h), so their names and aliases are glyphpack's -p.
static const struct {
    const char *name;
    unsigned code;
    unsigned bpp; // bits per pixel; ASTC: bits of one 16-byte block
    uint32_t ext;
} eve_only_formats[] = {
    {"PALETTED565", BUNDLE_FMT_PALETTED565, 8, 0},
    {"PALETTED4444", BUNDLE_FMT_PALETTED4444, 8, 0},
    {"PALETTED8", BUNDLE_FMT_PALETTED8, 8, 0},
    {"ASTC_4x4", BUNDLE_FMT_GLFORMAT, 128, 37808},
    {"ASTC_5x4", BUNDLE_FMT_GLFORMAT, 128, 37809},
    {"ASTC_5x5", BUNDLE_FMT_GLFORMAT, 128, 37810},
    {"ASTC_6x5", BUNDLE_FMT_GLFORMAT, 128, 37811},
    {"ASTC_6x6", BUNDLE_FMT_GLFORMAT, 128, 37812},
    {"ASTC_8x5", BUNDLE_FMT_GLFORMAT, 128, 37813},
    {"ASTC_8x6", BUNDLE_FMT_GLFORMAT, 128, 37814},
    {"ASTC_8x8", BUNDLE_FMT_GLFORMAT, 128, 37815},
    {"ASTC_10x5", BUNDLE_FMT_GLFORMAT, 128, 37816},
    {"ASTC_10x6", BUNDLE_FMT_GLFORMAT, 128, 37817},
    {"ASTC_10x8", BUNDLE_FMT_GLFORMAT, 128, 37818},
    {"ASTC_10x10", BUNDLE_FMT_GLFORMAT, 128, 37819},
    {"ASTC_12x10", BUNDLE_FMT_GLFORMAT, 128, 37820},
    {"ASTC_12x12", BUNDLE_FMT_GLFORMAT, 128, 37821},
};
#define N_EVE_ONLY (sizeof(eve_only_formats) / sizeof(eve_only_formats[0]))

int manifest_image_format(const char *name, unsigned *format, unsigned *bpp, uint32_t *ext)
{
    const struct glyph_pixfmt *pf = glyph_pixfmt_find(name);
    unsigned code = fmt_format_code(pf);
    if (code != BUNDLE_FMT_NONE) {
        *format = code;
        *bpp = pf->bpp;
        *ext = 0;
        return 0;
    }
    for (size_t i = 0; i < N_EVE_ONLY; i++) {
        if (strcasecmp(eve_only_formats[i].name, name) == 0) {
            *format = eve_only_formats[i].code;
            *bpp = eve_only_formats[i].bpp;
            *ext = eve_only_formats[i].ext;
            return 0;
        }
    }
    return -1;
}

void manifest_image_formats(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < glyph_pixfmt_count() + N_EVE_ONLY && used < len; i++) {
        const char *name = NULL;
        if (i < glyph_pixfmt_count()) {
            unsigned code = fmt_format_code(glyph_pixfmt_at(i));
            name = code != BUNDLE_FMT_NONE ? fmt_format_name(code) : NULL;
        } else {
            name = eve_only_formats[i - glyph_pixfmt_count()].name;
        }
        if (name != NULL) {
            int w = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", name);
            used += w > 0 ? (size_t)w : 0;
        }
    }
}

static int parse_chip(struct mctx *c, const config_setting_t *root)
{
    const config_setting_t *t = config_setting_get_member(root, "target");
    char *name = NULL;
    int rc = manifest_get_str(c, t, "chip", &name, 0);
    if (rc != 0 || name == NULL) {
        return rc;
    }
    const config_setting_t *s = config_setting_get_member(t, "chip");
    struct manifest *m = c->m;
    m->target.chip = fmt_eve_chip_parse(name);
    if (m->target.chip == 0) {
        rc = manifest_fail(c, s,
                           "unknown EVE chip '%s' (FT80x, FT800, FT801, FT81x, FT810..FT813, "
                           "BT81x, BT815..BT818)",
                           name);
    } else if ((uint64_t)m->target.base + m->target.size > fmt_eve_ram_g_size(m->target.chip)) {
        rc = manifest_fail(c, s,
                           "the target space [0x%08x, +0x%x) passes the end of the %s's RAM_G "
                           "(%u KiB)",
                           (unsigned)m->target.base, (unsigned)m->target.size,
                           fmt_eve_chip_name(m->target.chip),
                           (unsigned)(fmt_eve_ram_g_size(m->target.chip) / 1024));
    }
    free(name);
    return rc;
}

// A paletted image `name` brings its palette `name_lut`.
static int check_palette_name(struct mctx *c, const config_setting_t *g, const struct mf_asset *a)
{
    const struct manifest *m = c->m;
    size_t len = strlen(a->name);
    if (len + 4 > BUNDLE_NAME_SIZE - 1) {
        return manifest_fail(c, config_setting_get_member(g, "name"),
                             "a paletted image's name may have at most %u characters: its palette "
                             "is the asset '%s_lut'",
                             (unsigned)(BUNDLE_NAME_SIZE - 5), a->name);
    }
    for (size_t i = 0; i < m->nassets; i++) {
        const char *other = m->assets[i].name;
        if (strncasecmp(other, a->name, len) == 0 && strcasecmp(other + len, "_lut") == 0) {
            return manifest_fail(c, config_setting_get_member(g, "name"),
                                 "the palette of image '%s' is the asset '%s_lut', a name line %d "
                                 "uses already",
                                 a->name, a->name, m->assets[i].line);
        }
    }
    return 0;
}

static int check_images(struct mctx *c, const config_setting_t *root)
{
    const struct manifest *m = c->m;
    const config_setting_t *list = config_setting_get_member(root, "images");
    unsigned chip = m->target.chip != 0 ? m->target.chip : FMT_EVE_FT81X;
    int k = 0;
    for (size_t i = 0; list != NULL && i < m->nassets; i++) {
        const struct mf_asset *a = &m->assets[i];
        if (a->kind != BUNDLE_KIND_IMAGE) {
            continue;
        }
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)k++);
        if (!fmt_eve_format_supported(chip, a->format)) {
            return manifest_fail(c, config_setting_get_member(g, "format"),
                                 "the %s cannot draw %s bitmaps%s", fmt_eve_chip_name(chip),
                                 a->format == BUNDLE_FMT_GLFORMAT ? "ASTC"
                                                                  : fmt_format_name(a->format),
                                 m->target.chip == 0 ? " (set target.chip = \"BT815\" or the "
                                                       "chip you have)"
                                                     : "");
        }
        if (a->format >= BUNDLE_FMT_PALETTED565 && a->format <= BUNDLE_FMT_PALETTED8) {
            int rc = check_palette_name(c, g, a);
            if (rc != 0) {
                return rc;
            }
        }
    }
    return 0;
}

// Extended fonts (layout = "eve-extended") are drawn by the BT81x only.
static int check_fonts(struct mctx *c, const config_setting_t *root)
{
    const struct manifest *m = c->m;
    const config_setting_t *list = config_setting_get_member(root, "fonts");
    int k = 0;
    for (size_t i = 0; list != NULL && i < m->nassets; i++) {
        const struct mf_asset *a = &m->assets[i];
        if (a->kind != BUNDLE_KIND_FONT) {
            continue;
        }
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)k++);
        if (a->layout == MF_LAYOUT_EVE_EXTENDED && m->target.chip != FMT_EVE_BT81X) {
            return manifest_fail(c, config_setting_get_member(g, "layout"),
                                 "extended fonts need a BT81x%s%s (use layout \"eve-legacy\", any "
                                 "127 characters, on %s)",
                                 m->target.chip == 0 ? ": set target.chip = \"BT815\" or the "
                                                       "chip you have"
                                                     : ", not the ",
                                 m->target.chip == 0 ? "" : fmt_eve_chip_name(m->target.chip),
                                 m->target.chip == 0 ? "an FT81x" : "it");
        }
    }
    return 0;
}

int manifest_parse_eve(struct mctx *c, const config_setting_t *root)
{
    int rc = parse_chip(c, root);
    rc = rc ? rc : check_images(c, root);
    return rc ? rc : check_fonts(c, root);
}
