// Image assets: PNG decoded and converted to an EVE bitmap format by
// libglyph. Not finished yet: waits for libglyph's image support.
#include <stdio.h>

#include "assets.h"
#include "exitcodes.h"

int asset_image_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                     char *why, size_t why_len)
{
    (void)ctx;
    (void)out;
    snprintf(why, why_len, "image asset '%s': image conversion is not available in this build yet",
             a->name);
    return EXIT_SOFTWARE;
}
