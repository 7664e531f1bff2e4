// rasterd: the manifest's LVGL outputs (issue 12): fonts as LVGL C (and
// binary) fonts plus one header declaring them, produced in memory as
// deployment outputs so that they switch with the rest of the generation.
#ifndef RASTERD_LVGL_ASSETS_H
#define RASTERD_LVGL_ASSETS_H

#include <stddef.h>

#include "deploy.h"
#include "glyph/context.h"
#include "manifest.h"

// Longest output file name of an LVGL font, and its messages' label.
#define FMT_NAME_WHAT 96

// Renders every lvgl.fonts entry and adds <symbol>.c (and <symbol>.bin) and
// lvgl.header to `d`; nothing without an lvgl group. Returns 0 or an exit
// code (exitcodes.h) with `why` naming the manifest line or font file and
// the reason.
int lvgl_assets_make(struct deploy *d, struct glyph_ctx *ctx, const struct manifest *m, char *why,
                     size_t why_len) __attribute__((warn_unused_result));

#endif
