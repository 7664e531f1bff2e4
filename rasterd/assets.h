// rasterd: turning manifest assets into linkable bytes (fmt_asset): raw files
// verbatim, fonts through libglyph (asset_font.c), images through libglyph
// (asset_image.c).
#ifndef RASTERD_ASSETS_H
#define RASTERD_ASSETS_H

#include <stddef.h>

#include "formats/link.h"
#include "glyph/context.h"
#include "manifest.h"

// EVE BITMAP_LAYOUT / BITMAP_SIZE limits every font cell and image obeys:
// a row of at most 4095 bytes, at most 2047 rows (issue 11 refines this per
// target).
#define ASSETS_EVE_MAX_STRIDE 4095u
#define ASSETS_EVE_MAX_HEIGHT 2047u

// Fills `out` (data owned by the caller afterwards: free(out->data)) for
// manifest asset `a`. Returns 0 or an exit code (EXIT_NOINPUT, EXIT_DATAERR,
// EXIT_SOFTWARE) with `why` naming the file and the reason.
int assets_load(struct glyph_ctx *ctx, const struct mf_asset *a, const char *manifest,
                struct fmt_asset *out, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// After linking: patches address-dependent bytes (the EVE font metric
// block's glyph pointer). No-op for other kinds.
void assets_relocate(struct fmt_asset *a);

// Per kind; same contract as assets_load.
int asset_font_load(struct glyph_ctx *ctx, const struct mf_asset *a, const char *manifest,
                    struct fmt_asset *out, char *why, size_t why_len)
    __attribute__((warn_unused_result));
void asset_font_relocate(struct fmt_asset *a);
// Opens the fallback chain `files` (face `face` of each), renders `cs` into
// *out and closes the fonts. Returns 0 or an exit code with `why` naming the
// file, `what` ("font asset 'x'") and the reason.
struct glyph_charset;
struct glyph_render_opts;
struct glyph_set;
int asset_font_render(struct glyph_ctx *ctx, char *const *files, size_t nfiles, unsigned face,
                      const struct glyph_charset *cs, const struct glyph_render_opts *o,
                      const char *what, struct glyph_set **out, char *why, size_t why_len)
    __attribute__((warn_unused_result));
int asset_image_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                     char *why, size_t why_len) __attribute__((warn_unused_result));

#endif
