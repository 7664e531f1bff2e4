// Rendering a charset through a fallback chain. Code points are assigned to
// fonts first (cmap lookups only), so that the em size can be solved from the
// fonts that are actually used, then every glyph is loaded and rendered; any
// failure fails the whole set.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_internal.h"
#include "ft_errors.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"
#include "kern.h"
#include "render.h"

// Bitmaps larger than this in either direction are treated as a broken font.
#define GLYPH_MAX_BITMAP_DIM 16384u

struct glyph_set {
    struct glyph_ctx *ctx;
    struct glyph_set_metrics metrics;
    char *family;
    char *style;
    struct glyph_info *glyphs;
    size_t count;
    uint32_t *missing;
    size_t nmissing;
    uint8_t *levels;
    struct glyph_kern_pair *kern;
    size_t nkern;
};

// Work state of one glyph_set_render call.
struct job {
    struct glyph_ctx *ctx;
    struct glyph_font *const *fonts;
    size_t nfonts;
    const struct glyph_render_opts *opts;
    struct glyph_set *set;
    FT_UInt *gids;       // glyph index per set->glyphs entry
    size_t *level_offs;  // offset into set->levels per glyph, until fix-up
    unsigned char *used; // per font: supplies at least one glyph
    size_t levels_len;
    size_t levels_cap;
    size_t levels_max; // the cap, defaulted and clamped
    uint8_t lut[256];
};

// Rounds a 26.6 value to whole pixels, half up, for either sign.
static int32_t round_26_6(FT_Pos v)
{
    FT_Pos x = v + 32;
    return (int32_t)(x >= 0 ? x / 64 : -((-x + 63) / 64));
}

static int check_opts(struct glyph_ctx *ctx, const struct glyph_render_opts *o)
{
    if (o->bpp != 1 && o->bpp != 2 && o->bpp != 4 && o->bpp != 8) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "glyph set: bpp %u is not 1, 2, 4 or 8", o->bpp);
        return GLYPH_ERR_INVALID_ARG;
    }
    if ((unsigned)o->hinting > (unsigned)GLYPH_HINT_AUTO_STRONG) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "glyph set: unknown hinting mode %d", (int)o->hinting);
        return GLYPH_ERR_INVALID_ARG;
    }
    if ((unsigned)o->quantize > (unsigned)GLYPH_QUANT_TRUNCATE) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "glyph set: unknown quantization %d", (int)o->quantize);
        return GLYPH_ERR_INVALID_ARG;
    }
    if ((o->size_px != 0) + (o->line_height_px != 0) + (o->ink_height_px != 0) != 1) {
        glyph_log(ctx, GLYPH_LOG_ERROR,
                  "glyph set: give exactly one of em size, line height and ink height");
        return GLYPH_ERR_INVALID_ARG;
    }
    uint32_t px = o->size_px | o->line_height_px | o->ink_height_px;
    if (px == 0 || px > GLYPH_MAX_SIZE_PX) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "glyph set: size %u px outside 1..%u", px,
                  GLYPH_MAX_SIZE_PX);
        return GLYPH_ERR_FONT_SIZE;
    }
    return 0;
}

// The FreeType load flags and render mode for the options.
static FT_Int32 load_flags(const struct glyph_render_opts *o, FT_Render_Mode *mode)
{
    *mode = o->bpp == 1 ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL;
    switch (o->hinting) {
    case GLYPH_HINT_NORMAL:
        return FT_LOAD_TARGET_NORMAL;
    case GLYPH_HINT_LIGHT:
        return FT_LOAD_TARGET_LIGHT;
    case GLYPH_HINT_MONO:
        return FT_LOAD_TARGET_MONO;
    case GLYPH_HINT_NONE:
        return FT_LOAD_NO_HINTING;
    case GLYPH_HINT_AUTO:
        return FT_LOAD_FORCE_AUTOHINT | (o->bpp == 1 ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_LIGHT);
    case GLYPH_HINT_AUTO_STRONG:
        return FT_LOAD_FORCE_AUTOHINT | (o->bpp == 1 ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_NORMAL);
    case GLYPH_HINT_DEFAULT:
    default:
        return o->bpp == 1 ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_NORMAL;
    }
}

static FT_UInt lookup(const struct glyph_font *font, uint32_t cp)
{
    return font->face->charmap != NULL ? FT_Get_Char_Index(font->face, cp) : 0;
}

// Assigns each code point to the first font that maps it; records the rest.
static void assign_fonts(struct job *j, const struct glyph_charset *cs)
{
    struct glyph_set *set = j->set;
    size_t n = glyph_charset_count(cs);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = glyph_charset_at(cs, i);
        size_t f = 0;
        FT_UInt gid = 0;
        for (; f < j->nfonts; f++) {
            gid = lookup(j->fonts[f], cp);
            if (gid != 0) {
                break;
            }
        }
        if (gid == 0) {
            set->missing[set->nmissing++] = cp;
            if (!j->opts->missing_as_notdef) {
                continue;
            }
            f = 0; // drawn as the first font's .notdef, glyph 0
        }
        struct glyph_info *g = &set->glyphs[set->count];
        g->codepoint = cp;
        g->notdef = gid == 0;
        g->font_index = (unsigned)f;
        j->gids[set->count] = gid;
        j->used[f] = 1;
        set->count++;
    }
}

// Lists the missing code points as ranges in one warning line.
static void log_missing(struct glyph_ctx *ctx, const struct glyph_set *set)
{
    if (set->nmissing == 0) {
        return;
    }
    char list[400];
    size_t used = 0;
    for (size_t i = 0; i < set->nmissing && used < sizeof(list) - 40;) {
        size_t k = i;
        while (k + 1 < set->nmissing && set->missing[k + 1] == set->missing[k] + 1) {
            k++;
        }
        int w = k == i ? snprintf(list + used, sizeof(list) - used, "%sU+%04X", i ? ", " : "",
                                  set->missing[i])
                       : snprintf(list + used, sizeof(list) - used, "%sU+%04X-U+%04X",
                                  i ? ", " : "", set->missing[i], set->missing[k]);
        used += w > 0 ? (size_t)w : 0;
        i = k + 1;
        if (i < set->nmissing && used >= sizeof(list) - 40) {
            snprintf(list + used, sizeof(list) - used, ", ...");
        }
    }
    glyph_log(ctx, GLYPH_LOG_WARN, "%zu code point%s in no font of the chain: %s", set->nmissing,
              set->nmissing == 1 ? "" : "s", list);
}

// Em size of a bitmap strike, or 0.
static uint32_t strike_px(const FT_Bitmap_Size *s)
{
    int32_t px = round_26_6(s->y_ppem);
    if (px <= 0) {
        px = s->height;
    }
    return px > 0 ? (uint32_t)px : 0;
}

static int set_font_size(struct job *j, size_t f, uint32_t em, int quiet)
{
    FT_Face face = j->fonts[f]->face;
    if (FT_IS_SCALABLE(face)) {
        FT_Error fterr = FT_Set_Pixel_Sizes(face, em, em);
        if (fterr != 0) {
            if (!quiet) {
                char what[64];
                snprintf(what, sizeof(what), "font %zu at %u px", f, em);
                glyph_ft_log(j->ctx, GLYPH_LOG_ERROR, fterr, what);
            }
            return GLYPH_ERR_FONT_SIZE;
        }
        return 0;
    }
    if (j->opts->ink_height_px != 0 && face->num_fixed_sizes > 0) {
        return FT_Select_Size(face, 0) == 0 ? 0 : GLYPH_ERR_FONT_SIZE; // the first strike
    }
    char sizes[128] = "";
    size_t used = 0;
    for (int i = 0; i < face->num_fixed_sizes; i++) {
        uint32_t px = strike_px(&face->available_sizes[i]);
        if (px == em && FT_Select_Size(face, i) == 0) {
            return 0;
        }
        if (used < sizeof(sizes) - 16) {
            int w = snprintf(sizes + used, sizeof(sizes) - used, "%s%u", i ? ", " : "", px);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (!quiet) {
        glyph_log(j->ctx, GLYPH_LOG_ERROR,
                  "font %zu (%s): bitmap font has no %u px size (available: %s)", f,
                  glyph_font_family(j->fonts[f]), em, sizes[0] ? sizes : "none");
    }
    return GLYPH_ERR_FONT_SIZE;
}

static int set_size_all(struct job *j, uint32_t em, int quiet)
{
    for (size_t f = 0; f < j->nfonts; f++) {
        if (j->used[f]) {
            int err = set_font_size(j, f, em, quiet);
            if (err < 0) {
                return err;
            }
        }
    }
    return 0;
}

// Ascender and descender of the current size over the fonts in use, from
// FT_Size_Metrics rounded to whole pixels.
static void line_metrics(const struct job *j, int32_t *asc, int32_t *desc)
{
    *asc = 0;
    *desc = 0;
    for (size_t f = 0; f < j->nfonts; f++) {
        if (!j->used[f]) {
            continue;
        }
        const FT_Size_Metrics *m = &j->fonts[f]->face->size->metrics;
        int32_t a = round_26_6(m->ascender), d = round_26_6(m->descender);
        *asc = a > *asc ? a : *asc;
        *desc = d < *desc ? d : *desc;
    }
}

// Underline of the first scalable font in use, at the current size.
static void underline_metrics(const struct job *j, int32_t *top, int32_t *thickness)
{
    *top = 0;
    *thickness = 0;
    for (size_t f = 0; f < j->nfonts; f++) {
        FT_Face face = j->fonts[f]->face;
        if (j->used[f] && FT_IS_SCALABLE(face) && face->underline_thickness > 0) {
            FT_Fixed ys = face->size->metrics.y_scale;
            FT_Pos centre = FT_MulFix(face->underline_position, ys);
            FT_Pos thick = FT_MulFix(face->underline_thickness, ys);
            *thickness = round_26_6(thick) > 0 ? round_26_6(thick) : 1;
            *top = round_26_6(centre + thick / 2);
            return;
        }
    }
}

static int32_t line_height_at(struct job *j, uint32_t em, int *err)
{
    int32_t asc, desc;
    *err = set_size_all(j, em, 1);
    line_metrics(j, &asc, &desc);
    return asc - desc;
}

// Largest em size whose line height <= want: over the strikes of the first
// bitmap font in use if there is one, else by bisection over 1..max.
static int solve_line_height(struct job *j, uint32_t want, uint32_t *em_out)
{
    uint32_t best = 0;
    int err = 0;
    const struct glyph_font *bitmap_font = NULL;
    for (size_t f = 0; f < j->nfonts && bitmap_font == NULL; f++) {
        if (j->used[f] && !FT_IS_SCALABLE(j->fonts[f]->face)) {
            bitmap_font = j->fonts[f];
        }
    }
    if (bitmap_font != NULL) {
        for (int i = 0; i < bitmap_font->face->num_fixed_sizes; i++) {
            uint32_t px = strike_px(&bitmap_font->face->available_sizes[i]);
            int32_t lh = px > best ? line_height_at(j, px, &err) : 0;
            if (px > best && err == 0 && lh <= (int32_t)want) {
                best = px;
            }
        }
    } else {
        uint32_t lo = 0, hi = GLYPH_MAX_SIZE_PX + 1; // lo fits (0: none yet), hi does not
        while (hi - lo > 1) {
            uint32_t mid = lo + (hi - lo) / 2;
            int32_t lh = line_height_at(j, mid, &err);
            if (err < 0) {
                return set_size_all(j, mid, 0); // logs why
            }
            *(lh <= (int32_t)want ? &lo : &hi) = mid;
        }
        best = lo;
    }
    if (best == 0) {
        glyph_log(j->ctx, GLYPH_LOG_ERROR, "glyph set: no size gives a line height <= %u px", want);
        return GLYPH_ERR_FONT_SIZE;
    }
    *em_out = best;
    return set_size_all(j, best, 0);
}

static int glyph_fail(struct job *j, const struct glyph_info *g, FT_Error fterr, const char *why)
{
    char what[96];
    snprintf(what, sizeof(what), "U+%04X (font %u, glyph %u): %s", g->codepoint, g->font_index,
             j->gids[g - j->set->glyphs], why);
    if (fterr != 0) {
        glyph_ft_log(j->ctx, GLYPH_LOG_ERROR, fterr, what);
    } else {
        glyph_log(j->ctx, GLYPH_LOG_ERROR, "%s", what);
    }
    return GLYPH_ERR_GLYPH_RENDER;
}

// Loads (and renders, unless the font gave a bitmap) glyph i of the set.
static FT_Error load_glyph(struct job *j, size_t i, FT_Int32 flags, FT_Render_Mode mode)
{
    FT_Face face = j->fonts[j->set->glyphs[i].font_index]->face;
    FT_Error fterr = FT_Load_Glyph(face, j->gids[i], flags);
    if (fterr == 0 && face->glyph->format != FT_GLYPH_FORMAT_BITMAP) {
        fterr = FT_Render_Glyph(face->glyph, mode);
    }
    return fterr;
}

// The set's ink height at the current size (glyph_render_opts.ink_height_px).
// FT_Load_Glyph presets an outline's bitmap metrics (left, top, width, rows)
// to those of its rendering in the load flags' target mode, so measuring
// needs no rendering.
static int ink_height_now(struct job *j, int64_t *ink)
{
    FT_Render_Mode mode;
    FT_Int32 flags = load_flags(j->opts, &mode);
    int64_t asc = 0, desc = 0;
    for (size_t i = 0; i < j->set->count; i++) {
        FT_Face face = j->fonts[j->set->glyphs[i].font_index]->face;
        FT_Error fterr = FT_Load_Glyph(face, j->gids[i], flags);
        if (fterr != 0) {
            return glyph_fail(j, &j->set->glyphs[i], fterr, "load");
        }
        const FT_GlyphSlot slot = j->fonts[j->set->glyphs[i].font_index]->face->glyph;
        int64_t top = slot->bitmap_top, rows = slot->bitmap.rows;
        asc = top > asc ? top : asc;
        desc = rows - top > desc ? rows - top : desc;
    }
    *ink = asc + desc;
    return 0;
}

// font_to_py's search for the em size whose ink height is `want` (see
// glyph_render_opts.ink_height_px).
static int solve_ink_height(struct job *j, uint32_t want, uint32_t *em_out)
{
    const FT_Face first = j->fonts[j->set->glyphs[0].font_index]->face;
    int scalable = 0;
    for (size_t f = 0; f < j->nfonts; f++) {
        scalable |= j->used[f] && FT_IS_SCALABLE(j->fonts[f]->face);
    }
    if (!scalable) { // bitmap fonts: their first strikes, no search
        *em_out = first->num_fixed_sizes > 0 ? strike_px(&first->available_sizes[0]) : 0;
        return set_size_all(j, 0, 0);
    }
    int64_t size = want, step = 0, ink = 0;
    for (int pass = 0; pass < 10; pass++) {
        size += step;
        if (size < 0 || size > GLYPH_MAX_SIZE_PX) {
            glyph_log(j->ctx, GLYPH_LOG_ERROR,
                      "glyph set: searching the em size for an ink height of %u px reached %lld "
                      "px, outside 0..%u",
                      want, (long long)size, GLYPH_MAX_SIZE_PX);
            return GLYPH_ERR_FONT_SIZE;
        }
        int err = set_size_all(j, (uint32_t)size, 0);
        if (err == 0) {
            err = ink_height_now(j, &ink);
        }
        if (err < 0) {
            return err;
        }
        int64_t next = (int64_t)want - ink;
        if (next == 0 || llabs(next) == llabs(step)) {
            break;
        }
        step = next;
    }
    *em_out = size > 0 ? (uint32_t)size : 1; // FreeType renders 0 px as 1
    return 0;
}

// A data error, not out-of-memory: the request (size x code points) is what
// is too large, and the caller must be able to tell the user so.
static int grow_levels(struct job *j, uint32_t cp, size_t need)
{
    if (need > j->levels_max - j->levels_len) {
        glyph_log(j->ctx, GLYPH_LOG_ERROR,
                  "glyph set: U+%04X: the bitmaps would exceed the limit of %zu bytes "
                  "(%zu MiB, one byte per pixel); select fewer code points or a smaller size",
                  cp, j->levels_max, j->levels_max >> 20);
        return GLYPH_ERR_RANGE;
    }
    if (j->levels_len + need <= j->levels_cap) {
        return 0;
    }
    size_t cap = j->levels_cap < 4096 ? 4096 : j->levels_cap;
    while (cap < j->levels_len + need) {
        cap *= 2;
    }
    uint8_t *p = glyph_realloc(j->ctx, j->set->levels, cap);
    if (p == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    j->set->levels = p;
    j->levels_cap = cap;
    return 0;
}

static int render_glyph(struct job *j, size_t i, FT_Int32 flags, FT_Render_Mode mode)
{
    struct glyph_info *g = &j->set->glyphs[i];
    FT_Error fterr = load_glyph(j, i, flags, mode);
    if (fterr != 0) {
        return glyph_fail(j, g, fterr, "load or render");
    }
    FT_GlyphSlot slot = j->fonts[g->font_index]->face->glyph;
    g->advance = round_26_6(slot->advance.x);
    g->advance_x64 = slot->advance.x > INT32_MAX    ? INT32_MAX
                     : slot->advance.x < -INT32_MAX ? -INT32_MAX
                                                    : (int32_t)slot->advance.x;
    g->left = slot->bitmap_left;
    g->top = slot->bitmap_top;
    const FT_Bitmap *bm = &slot->bitmap;
    j->level_offs[i] = SIZE_MAX;
    if (bm->width == 0 || bm->rows == 0) {
        g->width = g->height = 0;
        return 0;
    }
    if (bm->width > GLYPH_MAX_BITMAP_DIM || bm->rows > GLYPH_MAX_BITMAP_DIM) {
        return glyph_fail(j, g, 0, "bitmap too large");
    }
    size_t n = (size_t)bm->width * bm->rows;
    int err = grow_levels(j, g->codepoint, n);
    if (err < 0) {
        return err;
    }
    if (glyph_bitmap_to_levels(bm, j->opts->bpp, j->opts->quantize, j->lut,
                               j->set->levels + j->levels_len) != 0) {
        return glyph_fail(j, g, 0, "unsupported bitmap pixel mode");
    }
    g->width = bm->width;
    g->height = bm->rows;
    j->level_offs[i] = j->levels_len;
    j->levels_len += n;
    return 0;
}

static int render_all(struct job *j)
{
    FT_Render_Mode mode;
    FT_Int32 flags = load_flags(j->opts, &mode);
    glyph_quant_table(j->opts->bpp, j->opts->quantize, j->lut);
    for (size_t i = 0; i < j->set->count; i++) {
        int err = render_glyph(j, i, flags, mode);
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

static int finish_set(struct job *j, uint32_t em)
{
    struct glyph_set *set = j->set;
    struct glyph_set_metrics *m = &set->metrics;
    for (size_t i = 0; i < set->count; i++) {
        struct glyph_info *g = &set->glyphs[i];
        g->levels = j->level_offs[i] == SIZE_MAX ? NULL : set->levels + j->level_offs[i];
        m->max_advance = g->advance > m->max_advance ? g->advance : m->max_advance;
    }
    m->size_px = em;
    m->bpp = j->opts->bpp;
    line_metrics(j, &m->ascender, &m->descender);
    m->line_height = m->ascender - m->descender;
    m->baseline = m->ascender;
    underline_metrics(j, &m->underline_top, &m->underline_thickness);
    set->family = glyph_strdup(j->ctx, glyph_font_family(j->fonts[0]));
    set->style = glyph_strdup(j->ctx, glyph_font_style(j->fonts[0]));
    if (set->family == NULL || set->style == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    m->family = set->family;
    m->style = set->style;
    return 0;
}

static int check_args(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                      const struct glyph_charset *cs, const struct glyph_render_opts *opts)
{
    if (ctx == NULL || fonts == NULL || nfonts == 0 || cs == NULL || opts == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    for (size_t f = 0; f < nfonts; f++) {
        if (fonts[f] == NULL) {
            return GLYPH_ERR_INVALID_ARG;
        }
    }
    int err = check_opts(ctx, opts);
    if (err < 0) {
        return err;
    }
    if (glyph_charset_count(cs) == 0) {
        glyph_log(ctx, GLYPH_LOG_ERROR, "glyph set: the character set is empty");
        return GLYPH_ERR_EMPTY;
    }
    return 0;
}

static int render_job(struct job *j, const struct glyph_charset *cs)
{
    assign_fonts(j, cs);
    log_missing(j->ctx, j->set);
    if (j->set->count == 0) {
        glyph_log(j->ctx, GLYPH_LOG_ERROR, "glyph set: no font has any selected code point");
        return GLYPH_ERR_MISSING_GLYPHS;
    }
    uint32_t em = j->opts->size_px;
    int err;
    if (em != 0) {
        err = set_size_all(j, em, 0);
    } else if (j->opts->ink_height_px != 0) {
        err = solve_ink_height(j, j->opts->ink_height_px, &em);
    } else {
        err = solve_line_height(j, j->opts->line_height_px, &em);
    }
    if (err < 0) {
        return err;
    }
    err = render_all(j);
    if (err == 0 && j->opts->kerning) {
        err = glyph_kern_collect(j->ctx, j->fonts, j->nfonts, j->set->glyphs, j->gids,
                                 j->set->count, &j->set->kern, &j->set->nkern);
    }
    if (err < 0) {
        return err;
    }
    return finish_set(j, em);
}

int glyph_set_render(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                     const struct glyph_charset *cs, const struct glyph_render_opts *opts,
                     struct glyph_set **out)
{
    return glyph_set_render_capped(ctx, fonts, nfonts, cs, opts, 0, out);
}

int glyph_set_render_capped(struct glyph_ctx *ctx, struct glyph_font *const *fonts, size_t nfonts,
                            const struct glyph_charset *cs, const struct glyph_render_opts *opts,
                            size_t max_bitmap_bytes, struct glyph_set **out)
{
    if (out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    *out = NULL;
    int err = check_args(ctx, fonts, nfonts, cs, opts);
    if (err < 0) {
        return err;
    }
    size_t n = glyph_charset_count(cs);
    struct job j = {.ctx = ctx, .fonts = fonts, .nfonts = nfonts, .opts = opts};
    j.levels_max = max_bitmap_bytes != 0 && max_bitmap_bytes < GLYPH_SET_MAX_BITMAP_BYTES
                       ? max_bitmap_bytes
                       : GLYPH_SET_MAX_BITMAP_BYTES;
    j.set = glyph_calloc(ctx, 1, sizeof(*j.set));
    if (j.set == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    j.set->ctx = ctx;
    j.set->glyphs = glyph_calloc(ctx, n, sizeof(*j.set->glyphs));
    j.set->missing = glyph_alloc_array(ctx, n, sizeof(uint32_t));
    j.gids = glyph_alloc_array(ctx, n, sizeof(*j.gids));
    j.level_offs = glyph_alloc_array(ctx, n, sizeof(size_t));
    j.used = glyph_calloc(ctx, nfonts, 1);
    err = GLYPH_ERR_NOMEM;
    if (j.set->glyphs != NULL && j.set->missing != NULL && j.gids != NULL && j.level_offs != NULL &&
        j.used != NULL) {
        err = render_job(&j, cs);
    }
    glyph_free(ctx, j.used);
    glyph_free(ctx, j.level_offs);
    glyph_free(ctx, j.gids);
    if (err < 0) {
        glyph_set_destroy(j.set);
        return err;
    }
    *out = j.set;
    return 0;
}

void glyph_set_destroy(struct glyph_set *set)
{
    if (set == NULL) {
        return;
    }
    struct glyph_ctx *ctx = set->ctx;
    glyph_free(ctx, set->family);
    glyph_free(ctx, set->style);
    glyph_free(ctx, set->glyphs);
    glyph_free(ctx, set->missing);
    glyph_free(ctx, set->levels);
    glyph_free(ctx, set->kern);
    glyph_free(ctx, set);
}

const struct glyph_set_metrics *glyph_set_metrics(const struct glyph_set *set)
{
    return &set->metrics;
}

size_t glyph_set_count(const struct glyph_set *set)
{
    return set->count;
}

const struct glyph_info *glyph_set_glyph(const struct glyph_set *set, size_t i)
{
    return i < set->count ? &set->glyphs[i] : NULL;
}

const struct glyph_info *glyph_set_find(const struct glyph_set *set, uint32_t cp)
{
    size_t lo = 0, hi = set->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t c = set->glyphs[mid].codepoint;
        if (c == cp) {
            return &set->glyphs[mid];
        }
        if (c < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

size_t glyph_set_missing_count(const struct glyph_set *set)
{
    return set->nmissing;
}

uint32_t glyph_set_missing(const struct glyph_set *set, size_t i)
{
    return i < set->nmissing ? set->missing[i] : 0;
}

size_t glyph_set_kern_count(const struct glyph_set *set)
{
    return set->nkern;
}

const struct glyph_kern_pair *glyph_set_kern_pair(const struct glyph_set *set, size_t i)
{
    return i < set->nkern ? &set->kern[i] : NULL;
}

int32_t glyph_set_kern_find(const struct glyph_set *set, uint32_t left, uint32_t right)
{
    size_t lo = 0, hi = set->nkern;
    uint64_t key = (uint64_t)left << 32 | right;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t k = (uint64_t)set->kern[mid].left << 32 | set->kern[mid].right;
        if (k == key) {
            return set->kern[mid].adjust;
        }
        if (k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}
