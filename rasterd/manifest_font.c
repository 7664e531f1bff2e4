// The manifest's EVE font keys (docs/manifest.md, "fonts"): `layout`
// (eve-legacy: up to 127 code points in slots 1..127, FT81x and later;
// eve-extended: extended font format 1, BT81x and later), `format` (L1..L8,
// or ASTC glyphs for extended fonts), `fallback` (the character a legacy
// font's text encoder draws for characters it lacks) and `samples` (text the
// font must cover, checked when the font is built). The strings stay in the
// manifest's structs: none of them reaches generated code.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwl/eve_text.h"
#include "manifest_parse.h"

// One whole UTF-8 string, well formed, without U+0000; returns its
// character count, or 0 when it is not (empty, ill-formed).
static size_t utf8_chars(const char *s, uint32_t *first)
{
    size_t len = strlen(s), n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += fwl_eve_utf8_next((const uint8_t *)s + i, len - i, &cp);
        if (cp == FWL_EVE_TEXT_INVALID) {
            return 0;
        }
        if (n++ == 0) {
            *first = cp;
        }
    }
    return n;
}

static int parse_layout(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    char *v = NULL;
    int rc = manifest_get_str(c, g, "layout", &v, 0);
    if (rc == 0 && v != NULL) {
        if (strcmp(v, "eve-extended") == 0) {
            a->layout = MF_LAYOUT_EVE_EXTENDED;
        } else if (strcmp(v, "eve-legacy") != 0) {
            rc = manifest_fail(c, config_setting_get_member(g, "layout"),
                               "unknown layout '%s' (\"eve-legacy\": up to 127 characters, FT81x "
                               "and later; \"eve-extended\": any number, BT81x and later)",
                               v);
        }
    }
    free(v);
    return rc;
}

static int parse_format(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    static const unsigned lcodes[] = {0, BUNDLE_FMT_L1, BUNDLE_FMT_L2, 0, BUNDLE_FMT_L4, 0, 0,
                                      0, BUNDLE_FMT_L8};
    const config_setting_t *s = config_setting_get_member(g, "format");
    char *v = NULL;
    int rc = manifest_get_str(c, g, "format", &v, 0);
    if (rc != 0 || v == NULL) {
        return rc;
    }
    unsigned bpp = 0, code = 0;
    uint32_t ext = 0;
    if (manifest_image_format(v, &code, &bpp, &ext) == 0 && code == BUNDLE_FMT_GLFORMAT) {
        if (a->layout != MF_LAYOUT_EVE_EXTENDED) {
            rc = manifest_fail(c, s, "%s glyphs need layout = \"eve-extended\" (BT81x)", v);
        }
        a->ext_format = ext;
        bpp = 8; // coverage is rendered at 8 bits and then ASTC-encoded
    } else if (v[0] == 'L' && (v[1] == '1' || v[1] == '2' || v[1] == '4' || v[1] == '8') &&
               v[2] == '\0') {
        bpp = (unsigned)(v[1] - '0');
    } else {
        rc = manifest_fail(c, s,
                           "unknown glyph format '%s' (L1, L2, L4, L8; ASTC_4x4 .. "
                           "ASTC_12x12 for eve-extended)",
                           v);
    }
    if (rc == 0 && a->ext_format == 0 && config_setting_get_member(g, "bpp") != NULL &&
        bpp != a->bpp) {
        rc = manifest_fail(c, s, "format '%s' contradicts bpp = %u", v, a->bpp);
    }
    if (rc == 0) {
        a->bpp = bpp;
        a->format = a->ext_format != 0 ? BUNDLE_FMT_GLFORMAT : lcodes[bpp];
    }
    free(v);
    return rc;
}

// `fallback`: one character (a string) or a code point (an integer).
static int parse_fallback(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    const config_setting_t *s = config_setting_get_member(g, "fallback");
    if (s == NULL) {
        return 0;
    }
    if (a->layout != MF_LAYOUT_EVE_LEGACY) {
        return manifest_fail(c, s,
                             "only eve-legacy fonts have a fallback (an extended font takes "
                             "UTF-8 as it is; use samples to check the text)");
    }
    a->has_fallback = 1;
    if (config_setting_type(s) == CONFIG_TYPE_STRING) {
        uint32_t cp = 0;
        if (utf8_chars(config_setting_get_string(s), &cp) != 1) {
            return manifest_fail(c, s, "expected one character (UTF-8) or a code point");
        }
        a->fallback = cp;
        return 0;
    }
    return manifest_get_u32(c, g, "fallback", &a->fallback, 1, 0x10FFFF, 1);
}

static int parse_samples(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    const config_setting_t *l = config_setting_get_member(g, "samples");
    if (l == NULL) {
        return 0;
    }
    if (config_setting_type(l) != CONFIG_TYPE_ARRAY || config_setting_length(l) == 0) {
        return manifest_fail(c, l, "expected a non-empty array of strings [\"Grüße\", \"Zażółć\"]");
    }
    size_t n = (size_t)config_setting_length(l);
    a->samples = calloc(n, sizeof(*a->samples));
    if (a->samples == NULL) {
        return manifest_fail(c, l, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        uint32_t first = 0;
        if (config_setting_type(e) != CONFIG_TYPE_STRING ||
            utf8_chars(config_setting_get_string(e), &first) == 0) {
            return manifest_fail(c, e, "expected a non-empty, well-formed UTF-8 string");
        }
        a->samples[i] = strdup(config_setting_get_string(e));
        if (a->samples[i] == NULL) {
            return manifest_fail(c, e, "out of memory");
        }
        a->nsamples = i + 1;
    }
    return 0;
}

int manifest_parse_font_eve(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    int rc = parse_layout(c, g, a);
    rc = rc ? rc : parse_format(c, g, a);
    rc = rc ? rc : parse_fallback(c, g, a);
    return rc ? rc : parse_samples(c, g, a);
}

void manifest_finish_font_eve(struct mf_asset *a)
{
    for (size_t i = 0; i < a->nsamples; i++) {
        free(a->samples[i]);
    }
    free(a->samples);
    a->samples = NULL;
    a->nsamples = 0;
}
