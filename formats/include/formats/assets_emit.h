// formats: the asset directory as a C header (assets.h) and a MicroPython
// module (assets.py): each asset's address, size, kind, format and
// kind-specific metadata, plus the bundle's target and security version.
// Deterministic output with a "generated, do not edit" banner.
#ifndef FMT_ASSETS_EMIT_H
#define FMT_ASSETS_EMIT_H

#include <stddef.h>
#include <stdint.h>

#include "formats/bundle.h"
#include "formats/export.h"
#include "formats/link.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fmt_assets_info {
    const char *generator;   // e.g. "rasterd 0.1.0"; printed in the banner
    const char *source;      // manifest name, printed in the banner
    const char *prefix;      // C macro prefix, an identifier, e.g. "ASSET"
    const char *target_name; // e.g. "eve-ft813"
    const struct fmt_bundle_params *params;
    const struct fmt_link_result *link;
    uint64_t bundle_size; // bytes of the .bin
    // FMT_EVE_* (formats/eve.h): per asset, the ready display-list words and
    // CMD_SETFONT2 arguments for this chip (_BITMAP_SOURCE, _BITMAP_LAYOUT,
    // ...); 0: none.
    unsigned eve_chip;
};

// Writes assets.h for `n` linked assets. Names become upper case:
// PREFIX_<NAME>_ADDR, _SIZE, _KIND, _FORMAT, _WIDTH, _HEIGHT, _STRIDE,
// _FIRST_CHAR/_GLYPHS/_BPP for fonts, _BPP for images, _ENTRIES for
// palettes, then the EVE words of info->eve_chip. Returns 0 or the sink's
// error (FMT_ERR_INVALID_ARG for a bad prefix; fmt_eve_words' error for an
// asset the chip cannot draw).
FMT_EXPORT int fmt_emit_assets_h(struct fmt_sink *s, const struct fmt_assets_info *info,
                                 const struct fmt_asset *assets, size_t n)
    __attribute__((warn_unused_result));

// Writes assets.py: the same constants via micropython.const (falling back to
// plain ints on CPython) and an ASSETS dict name -> tuple.
FMT_EXPORT int fmt_emit_assets_py(struct fmt_sink *s, const struct fmt_assets_info *info,
                                  const struct fmt_asset *assets, size_t n)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
