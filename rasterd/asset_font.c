// Font assets: EVE legacy fonts (docs/bundle-format.md 4.1), rendered with
// libglyph. Not finished yet: waits for libglyph's font rendering.
#include <stdio.h>

#include "assets.h"
#include "exitcodes.h"

int asset_font_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                    char *why, size_t why_len)
{
    (void)ctx;
    (void)out;
    snprintf(why, why_len, "font asset '%s': font rendering is not available in this build yet",
             a->name);
    return EXIT_SOFTWARE;
}
