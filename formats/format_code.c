// Bundle format codes and libglyph's pixel formats; see format_code.h.
#include <string.h>

#include "formats/format_code.h"
#include "wire/bundle_wire.h"

// The numbers EVE gives its layout names (BT81x programming guide,
// BITMAP_LAYOUT; also wire/bundle_wire.h). Names as libglyph's table writes
// them in glyph_pixfmt.eve.
static const struct {
    const char *eve;
    unsigned code;
} eve_codes[] = {
    {"ARGB1555", BUNDLE_FMT_ARGB1555},
    {"L1", BUNDLE_FMT_L1},
    {"L4", BUNDLE_FMT_L4},
    {"L8", BUNDLE_FMT_L8},
    {"RGB332", BUNDLE_FMT_RGB332},
    {"ARGB2", BUNDLE_FMT_ARGB2},
    {"ARGB4", BUNDLE_FMT_ARGB4},
    {"RGB565", BUNDLE_FMT_RGB565},
    {"L2", BUNDLE_FMT_L2},
};

unsigned fmt_format_code(const struct glyph_pixfmt *pf)
{
    if (pf == NULL || pf->eve == NULL ||
        (pf->flags & (GLYPH_PIXFMT_ALPHA_ONLY | GLYPH_PIXFMT_INDEXED)) != 0) {
        return BUNDLE_FMT_NONE;
    }
    for (size_t i = 0; i < sizeof(eve_codes) / sizeof(eve_codes[0]); i++) {
        if (strcmp(eve_codes[i].eve, pf->eve) == 0) {
            return eve_codes[i].code;
        }
    }
    return BUNDLE_FMT_NONE;
}

const struct glyph_pixfmt *fmt_format_pixfmt(unsigned code)
{
    for (size_t i = 0; code != BUNDLE_FMT_NONE && i < glyph_pixfmt_count(); i++) {
        const struct glyph_pixfmt *pf = glyph_pixfmt_at(i);
        if (fmt_format_code(pf) == code) {
            return pf;
        }
    }
    return NULL;
}

// Bundle codes whose pixels no libglyph format converts to by itself: the
// paletted layouts (an index plane plus a palette asset) and GLFORMAT (its
// BITMAP_EXT_FORMAT says which ASTC block size).
static const struct {
    unsigned code;
    const char *name;
} other_names[] = {
    {BUNDLE_FMT_PALETTED565, "PALETTED565"},
    {BUNDLE_FMT_PALETTED4444, "PALETTED4444"},
    {BUNDLE_FMT_PALETTED8, "PALETTED8"},
    {BUNDLE_FMT_GLFORMAT, "GLFORMAT"},
};

const char *fmt_format_name(unsigned code)
{
    if (code == BUNDLE_FMT_NONE) {
        return "none";
    }
    for (size_t i = 0; i < sizeof(other_names) / sizeof(other_names[0]); i++) {
        if (other_names[i].code == code) {
            return other_names[i].name;
        }
    }
    const struct glyph_pixfmt *pf = fmt_format_pixfmt(code);
    return pf != NULL ? pf->eve : "?";
}
