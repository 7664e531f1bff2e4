// formats: the bundle's format codes (BUNDLE_FMT_*, the EVE BITMAP_LAYOUT
// values of wire/bundle_wire.h) and libglyph's pixel formats. libglyph's
// table (glyph/pixfmt.h) is the one list of formats, names and layouts; it
// also names each format's EVE layout. What formats adds is only the number
// EVE gives each layout name, so a manifest name, a bundle code and the
// format that converts the pixels are always found from one another:
//   name -> format: glyph_pixfmt_find (names and aliases, any case)
//   format -> code: fmt_format_code
//   code -> name:   fmt_format_name;  code -> format: fmt_format_pixfmt
#ifndef FMT_FORMAT_CODE_H
#define FMT_FORMAT_CODE_H

#include "formats/export.h"
#include "glyph/pixfmt.h"

#ifdef __cplusplus
extern "C" {
#endif

// The bundle code of `pf` (BUNDLE_FMT_*), or BUNDLE_FMT_NONE (0xFF) when a
// bundle cannot carry it: no EVE layout, or one whose bytes EVE reads as
// another format (alpha-only A8 is not L8 data; indexed I8 needs a palette
// the bundle has no field for). NULL gives BUNDLE_FMT_NONE.
FMT_EXPORT unsigned fmt_format_code(const struct glyph_pixfmt *pf);

// The libglyph format a bundle code stands for, or NULL when unknown.
FMT_EXPORT const struct glyph_pixfmt *fmt_format_pixfmt(unsigned code);

// The EVE name of a bundle code ("RGB565", "L4", "ARGB4", "PALETTED8",
// "GLFORMAT"), "none" for BUNDLE_FMT_NONE (raw assets), "?" when unknown.
FMT_EXPORT const char *fmt_format_name(unsigned code);

#ifdef __cplusplus
}
#endif

#endif
