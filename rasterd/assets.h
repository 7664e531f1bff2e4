// rasterd: turning manifest assets into linkable bytes (fmt_asset): raw files
// verbatim, fonts through libglyph (asset_font.c), images through libglyph
// (asset_image.c).
#ifndef RASTERD_ASSETS_H
#define RASTERD_ASSETS_H

#include <stddef.h>

#include "formats/link.h"
#include "glyph/context.h"
#include "glyph/image.h"
#include "manifest.h"

// What one EVE bitmap handle can draw on any FT81x or BT81x, for fonts and
// images alike (each chip's own limits: formats/eve.h, checked after linking).
#define EVE_MAX_CELL   2047u // BITMAP_SIZE(_H) width and height
#define EVE_MAX_STRIDE 4095u // BITMAP_LAYOUT(_H) line stride

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
// ASTC images (asset_astc.c): blocks in the order the BT81x reads them.
int asset_astc_load(struct glyph_ctx *ctx, const struct mf_asset *a, struct fmt_asset *out,
                    char *why, size_t why_len) __attribute__((warn_unused_result));
// Shared by the image loaders: decodes the asset's PNG, refusing images no
// EVE bitmap handle can draw (over 2047 px); the exit code of a libglyph
// error, with `why` naming the file and the asset.
int asset_image_decode(struct glyph_ctx *ctx, const struct mf_asset *a, struct glyph_image **img,
                       char *why, size_t why_len) __attribute__((warn_unused_result));
int asset_image_error(const struct mf_asset *a, int err, char *why, size_t why_len);

// EVE (asset_eve.c, issue 13). After loading: paletted images give up their
// palette as a piece of its own (`<name>_lut`, kind palette, appended to
// *assets), every asset's alignment is raised to what an EVE needs
// (fmt_eve_min_align). After linking: paletted images learn their palette's
// address (aux0), and every asset is checked against the manifest's chip
// (formats, BITMAP_LAYOUT/_SIZE limits, addresses; FT81x field limits when
// no chip is named). Same return contract as assets_load.
int asset_eve_prepare(const struct manifest *m, struct fmt_asset **assets, size_t *n, char *why,
                      size_t why_len) __attribute__((warn_unused_result));
int asset_eve_linked(const struct manifest *m, struct fmt_asset *assets, size_t n, char *why,
                     size_t why_len) __attribute__((warn_unused_result));

#endif
