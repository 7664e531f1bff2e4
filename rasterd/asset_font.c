// Font assets rendered with libglyph, in the two EVE layouts (docs/eve-fonts.md):
//
// - eve-legacy (FT81x and later): the 148-byte metric block (docs/
//   bundle-format.md 4.1), then one fixed cell per slot from the first to the
//   last used slot. Up to 127 characters of any code points: a character in
//   U+0001..U+007F keeps its own slot, the others take the free slots
//   (inside the span of those first, then upwards, then downwards), so plain
//   ASCII text still draws as it is. The font's text map (fmt_asset.textmap;
//   only for fonts with characters past U+007F) tells the firmware's text
//   encoder which slot draws which character.
// - eve-extended (BT81x and later): extended font format 1, asset_xfont.c.
//
// A cell is the widest advance x the line height, the glyph drawn at its
// bearing with the baseline at the ascender. Limits are refused, never
// clamped: a cell wider or taller than 2047 px (one bitmap handle), an
// advance over 255 px (one width byte).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset_font.h"
#include "assets.h"
#include "exitcodes.h"
#include "formats/sink.h"
#include "fwl/eve_text.h"
#include "glyph/error.h"
#include "glyph/pack.h"

#define EVE_METRIC_SIZE 148u
#define EVE_METRIC_PTR  144u
#define EVE_SLOTS       128u // slot 0 is the end of a CMD_TEXT string

int asset_font_render(struct glyph_ctx *ctx, char *const *files, size_t nfiles, unsigned face,
                      const struct glyph_charset *cs, const struct glyph_render_opts *o,
                      const char *what, struct glyph_set **out, char *why, size_t why_len)
{
    *out = NULL;
    struct glyph_font **fonts = calloc(nfiles, sizeof(*fonts));
    if (fonts == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    int rc = 0;
    for (size_t i = 0; i < nfiles && rc == 0; i++) {
        int err = glyph_font_open_file(ctx, files[i], face, &fonts[i]);
        if (err < 0) {
            snprintf(why, why_len, "%s: %s: %s", files[i], what, glyph_strerror(err));
            rc = exit_from_glyph(err);
        }
    }
    if (rc == 0) {
        int err = glyph_set_render(ctx, fonts, nfiles, cs, o, out);
        if (err < 0) {
            snprintf(why, why_len, "%s: %s: %s", files[0], what, glyph_strerror(err));
            rc = exit_from_glyph(err);
        }
    }
    for (size_t i = 0; i < nfiles; i++) {
        glyph_font_destroy(fonts[i]);
    }
    free(fonts);
    return rc;
}

static int select_chars(struct glyph_ctx *ctx, struct font_job *j, char *why, size_t why_len)
{
    const struct mf_asset *a = j->a;
    j->cs = glyph_charset_create(ctx);
    if (j->cs == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    char reason[256];
    if (glyph_charset_parse(j->cs, a->chars, reason, sizeof(reason)) < 0) {
        snprintf(why, why_len, "%s:%d: fonts: '%s': chars: %s", j->manifest, a->line, a->name,
                 reason);
        return EXIT_CONFIG;
    }
    size_t n = glyph_charset_count(j->cs);
    if (n == 0 || glyph_charset_at(j->cs, 0) == 0) {
        snprintf(why, why_len, "%s:%d: fonts: '%s': chars: %s", j->manifest, a->line, a->name,
                 n == 0 ? "selects no character"
                        : "U+0000 ends CMD_TEXT strings, it cannot be drawn");
        return EXIT_CONFIG;
    }
    if (a->layout == MF_LAYOUT_EVE_LEGACY && n > EVE_SLOTS - 1) {
        snprintf(why, why_len,
                 "%s:%d: fonts: '%s': chars: %zu characters, but an eve-legacy font holds at "
                 "most %u (slots 1..127); layout = \"eve-extended\" holds any number (BT81x)",
                 j->manifest, a->line, a->name, n, EVE_SLOTS - 1);
        return EXIT_CONFIG;
    }
    return 0;
}

static int selected(const struct glyph_charset *cs, uint32_t cp)
{
    size_t lo = 0, hi = glyph_charset_count(cs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t v = glyph_charset_at(cs, mid);
        if (v == cp) {
            return 1;
        }
        if (v < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

// Every character of every sample must be selected and have a glyph.
static int check_samples(const struct font_job *j, char *why, size_t why_len)
{
    const struct mf_asset *a = j->a;
    for (size_t i = 0; i < a->nsamples; i++) {
        const uint8_t *s = (const uint8_t *)a->samples[i];
        size_t len = strlen(a->samples[i]), used = 0, missing = 0;
        int w = snprintf(why, why_len, "%s:%d: fonts: '%s': samples[%zu]: the font lacks",
                         j->manifest, a->line, a->name, i);
        used = w > 0 ? (size_t)w : 0;
        for (size_t k = 0; k < len;) {
            uint32_t cp;
            k += fwl_eve_utf8_next(s + k, len - k, &cp);
            if (selected(j->cs, cp) && glyph_set_find(j->set, cp) != NULL) {
                continue;
            }
            if (missing++ < 8 && used < why_len) {
                w = snprintf(why + used, why_len - used, " U+%04X", (unsigned)cp);
                used += w > 0 ? (size_t)w : 0;
            }
        }
        if (missing > 0) {
            if (used < why_len) {
                snprintf(why + used, why_len - used, "%s (%zu characters); add them to chars",
                         missing > 8 ? " ..." : "", missing);
            }
            return EXIT_CONFIG;
        }
    }
    return 0;
}

int font_cell_check(struct font_job *j, char *why, size_t why_len)
{
    const struct glyph_set_metrics *m = glyph_set_metrics(j->set);
    for (size_t i = 0; i < glyph_set_count(j->set); i++) {
        const struct glyph_info *g = glyph_set_glyph(j->set, i);
        if (g->advance < 0 || (uint32_t)g->advance > EVE_MAX_ADVANCE) {
            snprintf(why, why_len,
                     "%s: font asset '%s': U+%04X advances %d px; an EVE width entry holds "
                     "0..%u px (use a smaller size)",
                     j->a->files[0], j->a->name, (unsigned)g->codepoint, (int)g->advance,
                     EVE_MAX_ADVANCE);
            return EXIT_DATAERR;
        }
    }
    j->cell_w = m->max_advance > 0 ? (uint32_t)m->max_advance : 1;
    j->cell_h = m->line_height > 0 ? (uint32_t)m->line_height : 1;
    if (j->cell_w > EVE_MAX_CELL || j->cell_h > EVE_MAX_CELL) {
        snprintf(why, why_len,
                 "%s: font asset '%s': cell %ux%u px exceeds the %u px one EVE bitmap handle draws",
                 j->a->files[0], j->a->name, (unsigned)j->cell_w, (unsigned)j->cell_h,
                 EVE_MAX_CELL);
        return EXIT_DATAERR;
    }
    return 0;
}

void font_cell_draw(const struct font_job *j, uint8_t *cell, const struct glyph_info *g)
{
    uint32_t w = j->cell_w, h = j->cell_h;
    int32_t base = glyph_set_metrics(j->set)->ascender;
    memset(cell, 0, (size_t)w * h);
    for (uint32_t y = 0; g != NULL && y < g->height; y++) {
        int64_t cy = (int64_t)base - g->top + y;
        if (cy < 0 || cy >= h) {
            continue;
        }
        for (uint32_t x = 0; x < g->width; x++) {
            int64_t cx = (int64_t)(g->left > 0 ? g->left : 0) + x;
            if (cx < w) {
                cell[(size_t)cy * w + (size_t)cx] = g->levels[(size_t)y * g->width + x];
            }
        }
    }
}

// slot_cp[s]: the code point slot s draws, 0 for none. ASCII keeps its
// slot; the rest fill the free slots inside [lo, hi] of the ASCII ones, then
// hi+1 upwards, then lo-1 downwards (no ASCII: from 0x20 up, then 0x1F down).
static void assign_slots(const struct glyph_charset *cs, uint32_t slot_cp[EVE_SLOTS])
{
    memset(slot_cp, 0, EVE_SLOTS * sizeof(*slot_cp));
    size_t n = glyph_charset_count(cs), k = 0;
    uint32_t lo = 0x20, hi = 0x1F;
    for (; k < n && glyph_charset_at(cs, k) < EVE_SLOTS; k++) {
        uint32_t cp = glyph_charset_at(cs, k);
        slot_cp[cp] = cp;
        lo = k == 0 ? cp : lo;
        hi = cp;
    }
    uint32_t order[EVE_SLOTS], m = 0;
    for (uint32_t s = lo; s <= hi; s++) {
        order[m++] = s;
    }
    for (uint32_t s = hi + 1; s < EVE_SLOTS; s++) {
        order[m++] = s;
    }
    for (uint32_t s = lo - 1; s >= 1 && s < EVE_SLOTS; s--) {
        order[m++] = s;
    }
    for (uint32_t i = 0; i < m && k < n; i++) {
        if (slot_cp[order[i]] == 0) {
            slot_cp[order[i]] = glyph_charset_at(cs, k++);
        }
    }
}

// The text map (sorted by code point) and the fallback slot.
// The text map (sorted by code point) and the fallback slot. A selected
// character no font of the chain has is left out: text with it counts it as
// unmapped instead of drawing an empty cell.
static int build_textmap(const struct font_job *j, const uint32_t slot_cp[EVE_SLOTS],
                         struct fmt_asset *out, char *why, size_t why_len)
{
    const struct mf_asset *a = j->a;
    uint8_t *map = malloc(EVE_SLOTS * FWL_EVE_TEXTMAP_ENTRY);
    if (map == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    uint32_t fb_cp = a->has_fallback ? a->fallback : selected(j->cs, '?') ? '?' : 0;
    uint32_t fb_slot = 0, lowest = 0, n = 0;
    for (size_t i = 0; i < glyph_charset_count(j->cs); i++) {
        uint32_t cp = glyph_charset_at(j->cs, i), slot = 0;
        for (uint32_t s = 1; s < EVE_SLOTS; s++) {
            slot = slot_cp[s] == cp ? s : slot;
        }
        if (glyph_set_find(j->set, cp) == NULL) {
            continue;
        }
        fmt_put_u32le(map + n++ * FWL_EVE_TEXTMAP_ENTRY, cp | slot << 24);
        fb_slot = cp == fb_cp ? slot : fb_slot;
        lowest = lowest == 0 || slot < lowest ? slot : lowest;
    }
    if ((a->has_fallback && fb_slot == 0) || n == 0) {
        free(map);
        snprintf(why, why_len, "%s:%d: fonts: '%s': %s", j->manifest, a->line, a->name,
                 n == 0 ? "no selected character has a glyph"
                        : "fallback is not among the chars the font has");
        return EXIT_CONFIG;
    }
    out->textmap = map;
    out->textmap_count = n;
    out->fallback_slot = fb_slot != 0 ? fb_slot : lowest;
    return 0;
}

static int pack_legacy(struct font_job *j, struct fmt_asset *out, char *why, size_t why_len)
{
    const struct mf_asset *a = j->a;
    uint32_t slot_cp[EVE_SLOTS];
    assign_slots(j->cs, slot_cp);
    uint32_t first = 1, last = EVE_SLOTS - 1;
    while (slot_cp[first] == 0) {
        first++;
    }
    while (slot_cp[last] == 0) {
        last--;
    }
    uint32_t w = j->cell_w, h = j->cell_h;
    struct glyph_pack_format fmt = {a->bpp, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    size_t stride = glyph_pack_stride(&fmt, w), cell_bytes = glyph_pack_size(&fmt, w, h);
    uint32_t count = last - first + 1;
    size_t total = EVE_METRIC_SIZE + (size_t)count * cell_bytes;
    if (stride == 0 || stride > EVE_MAX_STRIDE || total > UINT32_MAX) {
        snprintf(why, why_len, "font asset '%s': cell %ux%u exceeds EVE bitmap limits", a->name,
                 (unsigned)w, (unsigned)h);
        return EXIT_DATAERR;
    }
    uint8_t *data = calloc(1, total);
    uint8_t *cell = malloc((size_t)w * h);
    int rc = data != NULL && cell != NULL ? 0 : EXIT_SOFTWARE;
    for (uint32_t s = first; rc == 0 && s <= last; s++) {
        const struct glyph_info *g = slot_cp[s] ? glyph_set_find(j->set, slot_cp[s]) : NULL;
        data[s] = g != NULL ? (uint8_t)g->advance : 0;
        font_cell_draw(j, cell, g);
        uint8_t *dst = data + EVE_METRIC_SIZE + (size_t)(s - first) * cell_bytes;
        if (glyph_pack_plane(&fmt, cell, w, w, h, dst, cell_bytes) < 0) {
            rc = EXIT_SOFTWARE;
        }
    }
    free(cell);
    // Only a font with characters past U+007F needs a map: ASCII is its own slots.
    size_t n = glyph_charset_count(j->cs);
    if (rc == 0 && glyph_charset_at(j->cs, n - 1) >= EVE_SLOTS) {
        rc = build_textmap(j, slot_cp, out, why, why_len);
    } else if (rc == 0 && a->has_fallback && !selected(j->cs, a->fallback)) {
        snprintf(why, why_len, "%s:%d: fonts: '%s': fallback U+%04X is not among the chars",
                 j->manifest, a->line, a->name, (unsigned)a->fallback);
        rc = EXIT_CONFIG;
    }
    if (rc != 0) {
        free(data);
        if (rc == EXIT_SOFTWARE) {
            snprintf(why, why_len, "font asset '%s': out of memory", a->name);
        }
        return rc;
    }
    fmt_put_u32le(data + 128, a->format);
    fmt_put_u32le(data + 132, (uint32_t)stride);
    fmt_put_u32le(data + 136, w);
    fmt_put_u32le(data + 140, h);
    out->data = data;
    out->size = (uint32_t)total;
    out->width = w;
    out->height = h;
    out->stride = (uint32_t)stride;
    out->aux0 = first;
    out->aux1 = count;
    out->aux2 = a->bpp;
    return 0;
}

int asset_font_load(struct glyph_ctx *ctx, const struct mf_asset *a, const char *manifest,
                    struct fmt_asset *out, char *why, size_t why_len)
{
    struct font_job j = {.ctx = ctx, .a = a, .manifest = manifest};
    int rc = select_chars(ctx, &j, why, why_len);
    if (rc == 0) {
        struct glyph_render_opts o = {.size_px = a->size_px,
                                      .line_height_px = a->line_height,
                                      .bpp = a->bpp,
                                      .hinting = GLYPH_HINT_DEFAULT};
        char what[64];
        snprintf(what, sizeof(what), "font asset '%s'", a->name);
        rc = asset_font_render(ctx, a->files, a->nfiles, a->face_index, j.cs, &o, what, &j.set, why,
                               why_len);
    }
    rc = rc ? rc : check_samples(&j, why, why_len);
    rc = rc ? rc : font_cell_check(&j, why, why_len);
    if (rc == 0) {
        rc = a->layout == MF_LAYOUT_EVE_EXTENDED ? asset_xfont_pack(&j, out, why, why_len)
                                                 : pack_legacy(&j, out, why, why_len);
    }
    glyph_set_destroy(j.set);
    glyph_charset_destroy(j.cs);
    return rc;
}

void asset_font_relocate(struct fmt_asset *a)
{
    if (a->kind != BUNDLE_KIND_FONT) {
        return;
    }
    if (a->flags & BUNDLE_ENT_FLAG_XFONT) {
        asset_xfont_relocate(a);
    } else if (a->size >= EVE_METRIC_SIZE) {
        fmt_put_u32le((uint8_t *)a->data + EVE_METRIC_PTR, a->addr + EVE_METRIC_SIZE);
    }
}
