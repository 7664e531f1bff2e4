// Font assets: EVE legacy fonts (docs/bundle-format.md 4.1) rendered with
// libglyph. One fixed cell (widest advance x line height) per code point from
// the first to the last selected one, the glyph drawn at its bearing with the
// baseline at the ascender; cells packed as EVE L1/L2/L4/L8 rows (leftmost
// pixel in the most significant bits). The 148-byte metric block holds an
// absolute pointer, patched by asset_font_relocate once the address is known.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "exitcodes.h"
#include "formats/sink.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/font.h"
#include "glyph/glyphset.h"
#include "glyph/pack.h"

#define EVE_METRIC_SIZE  148u
#define EVE_METRIC_PTR   144u
#define EVE_LEGACY_CHARS 128u

struct font_job {
    struct glyph_charset *cs;
    struct glyph_set *set;
};

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

static int select_chars(struct glyph_ctx *ctx, const struct mf_asset *a, const char *manifest,
                        struct font_job *j, char *why, size_t why_len)
{
    j->cs = glyph_charset_create(ctx);
    if (j->cs == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    char reason[256];
    if (glyph_charset_parse(j->cs, a->chars, reason, sizeof(reason)) < 0) {
        snprintf(why, why_len, "%s:%d: fonts: '%s': chars: %s", manifest, a->line, a->name, reason);
        return EXIT_CONFIG;
    }
    size_t n = glyph_charset_count(j->cs);
    if (n == 0 || glyph_charset_at(j->cs, n - 1) >= EVE_LEGACY_CHARS ||
        glyph_charset_at(j->cs, 0) == 0) {
        snprintf(why, why_len,
                 "%s:%d: fonts: '%s': chars: the eve-legacy layout holds code points U+0001 to "
                 "U+007F only",
                 manifest, a->line, a->name);
        return EXIT_CONFIG;
    }
    return 0;
}

// Draws glyph `g` into a cell of w x h levels, baseline at row `base`,
// clipping whatever falls outside.
static void draw_cell(uint8_t *cell, uint32_t w, uint32_t h, int32_t base,
                      const struct glyph_info *g)
{
    for (uint32_t y = 0; y < g->height; y++) {
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

static void put_u32(uint8_t *p, uint32_t v)
{
    fmt_put_u32le(p, v);
}

static int pack_font(const struct mf_asset *a, struct font_job *j, struct fmt_asset *out, char *why,
                     size_t why_len)
{
    const struct glyph_set_metrics *m = glyph_set_metrics(j->set);
    uint32_t first = glyph_charset_at(j->cs, 0);
    uint32_t last = glyph_charset_at(j->cs, glyph_charset_count(j->cs) - 1);
    uint32_t w = m->max_advance > 0 ? (uint32_t)m->max_advance : 1;
    uint32_t h = m->line_height > 0 ? (uint32_t)m->line_height : 1;
    struct glyph_pack_format fmt = {a->bpp, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    size_t stride = glyph_pack_stride(&fmt, w);
    size_t cell_bytes = glyph_pack_size(&fmt, w, h);
    if (stride == 0 || stride > ASSETS_EVE_MAX_STRIDE || h > ASSETS_EVE_MAX_HEIGHT) {
        snprintf(why, why_len, "font asset '%s': cell %ux%u exceeds EVE bitmap limits", a->name,
                 (unsigned)w, (unsigned)h);
        return EXIT_DATAERR;
    }
    uint32_t count = last - first + 1;
    size_t total = EVE_METRIC_SIZE + (size_t)count * cell_bytes;
    uint8_t *data = calloc(1, total);
    uint8_t *cell = malloc((size_t)w * h);
    if (data == NULL || cell == NULL) {
        free(data);
        free(cell);
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    for (uint32_t c = first; c <= last; c++) {
        const struct glyph_info *g = glyph_set_find(j->set, c);
        if (g == NULL) {
            continue;
        }
        data[c] = (uint8_t)(g->advance < 0 ? 0 : g->advance > 255 ? 255 : g->advance);
        memset(cell, 0, (size_t)w * h);
        draw_cell(cell, w, h, m->ascender, g);
        uint8_t *dst = data + EVE_METRIC_SIZE + (size_t)(c - first) * cell_bytes;
        if (glyph_pack_plane(&fmt, cell, w, w, h, dst, cell_bytes) < 0) {
            free(data);
            free(cell);
            snprintf(why, why_len, "font asset '%s': packing U+%04X failed", a->name, (unsigned)c);
            return EXIT_SOFTWARE;
        }
    }
    free(cell);
    put_u32(data + 128, a->format);
    put_u32(data + 132, (uint32_t)stride);
    put_u32(data + 136, w);
    put_u32(data + 140, h);
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
    struct font_job j = {0};
    int rc = select_chars(ctx, a, manifest, &j, why, why_len);
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
    rc = rc ? rc : pack_font(a, &j, out, why, why_len);
    glyph_set_destroy(j.set);
    glyph_charset_destroy(j.cs);
    return rc;
}

void asset_font_relocate(struct fmt_asset *a)
{
    if (a->kind == BUNDLE_KIND_FONT && a->size >= EVE_METRIC_SIZE) {
        put_u32((uint8_t *)a->data + EVE_METRIC_PTR, a->addr + EVE_METRIC_SIZE);
    }
}
