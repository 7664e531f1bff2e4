// rasterd private: what the two EVE font layouts share (asset_font.c): the
// rendered glyph set, the cell every glyph is drawn into, and the limits a
// bitmap handle and a width byte impose. asset_font.c packs legacy fonts,
// asset_xfont.c extended fonts (format 1, BT81x).
#ifndef RASTERD_ASSET_FONT_H
#define RASTERD_ASSET_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "formats/link.h"
#include "glyph/charset.h"
#include "glyph/font.h"
#include "assets.h"
#include "glyph/glyphset.h"
#include "manifest.h"

#define EVE_MAX_ADVANCE 255u // a width table entry is one byte

struct font_job {
    struct glyph_ctx *ctx;
    const struct mf_asset *a;
    const char *manifest;
    struct glyph_charset *cs;
    struct glyph_set *set;
    uint32_t cell_w, cell_h; // the cell every glyph is drawn into
};

// Checks the cell and every advance against the EVE limits (refused, never
// clamped) and sets j->cell_w/cell_h. Returns 0 or EXIT_DATAERR with `why`
// naming the asset, the character and the limit.
int font_cell_check(struct font_job *j, char *why, size_t why_len);

// Draws glyph `g` (or nothing for NULL) into `cell` (cell_w x cell_h levels,
// zeroed first), baseline at the ascender, clipping what falls outside.
void font_cell_draw(const struct font_job *j, uint8_t *cell, const struct glyph_info *g);

// Extended fonts (asset_xfont.c): packs j into `out` (kind font, flag
// BUNDLE_ENT_FLAG_XFONT). Same contract as asset_font_load.
int asset_xfont_pack(struct font_job *j, struct fmt_asset *out, char *why, size_t why_len);
void asset_xfont_relocate(struct fmt_asset *a);

#endif
