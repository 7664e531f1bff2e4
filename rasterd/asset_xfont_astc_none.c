// ASTC glyphs when rasterd is built without libastcenc (asset_xfont_astc.cc is
// the real one): every request is refused with the reason.
#include <stdio.h>

#include "asset_xfont_astc.h"
#include "exitcodes.h"

int xfont_astc_encode(const struct mf_asset *a, const uint8_t *cell, uint32_t w, uint32_t h,
                      uint8_t *dst, uint32_t len, char *why, size_t why_len)
{
    (void)cell, (void)w, (void)h, (void)dst, (void)len;
    snprintf(why, why_len,
             "font asset '%s': ASTC glyphs need rasterd built with libastcenc (Debian: "
             "libastcenc-dev)",
             a->name);
    return EXIT_SOFTWARE;
}
