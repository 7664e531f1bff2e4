#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "font_table.h"
#include "formats/error.h"

void font_why(char *why, size_t why_len, const char *fmt, ...)
{
    if (why == NULL || why_len == 0) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

const char *font_layout_name(enum glyph_layout layout)
{
    return layout == GLYPH_LAYOUT_PAGES ? "pages" : "rows";
}

const char *font_bit_order_name(enum glyph_bit_order order)
{
    return order == GLYPH_BIT_LSB_FIRST ? "lsb" : "msb";
}

static int check(int64_t v, int64_t lo, int64_t hi, const char *type, uint32_t cp,
                 const char *field, char *why, size_t why_len)
{
    if (v >= lo && v <= hi) {
        return 0;
    }
    if (cp == FONT_NO_CP) {
        font_why(why, why_len, "font: %s = %" PRId64 " does not fit %s (%" PRId64 "..%" PRId64 ")",
                 field, v, type, lo, hi);
    } else {
        font_why(why, why_len,
                 "glyph U+%04" PRIX32 ": %s = %" PRId64 " does not fit %s (%" PRId64 "..%" PRId64
                 ")",
                 cp, field, v, type, lo, hi);
    }
    return FMT_ERR_RANGE;
}

int font_check_u8(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len)
{
    return check(v, 0, UINT8_MAX, "uint8_t", cp, field, why, why_len);
}

int font_check_u16(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len)
{
    return check(v, 0, UINT16_MAX, "uint16_t", cp, field, why, why_len);
}

int font_check_i16(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len)
{
    return check(v, INT16_MIN, INT16_MAX, "int16_t", cp, field, why, why_len);
}

int font_check_u32(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len)
{
    return check(v, 0, UINT32_MAX, "uint32_t", cp, field, why, why_len);
}

int font_table_build(struct font_table *t, const struct glyph_fontpack *pack, uint32_t max_run)
{
    t->ranges = NULL;
    t->range_count = 0;
    t->default_glyph = 0;
    t->max_width = 0;
    if (max_run == 0) {
        return FMT_ERR_INVALID_ARG;
    }
    // At most one range per glyph: allocate that and never grow.
    size_t n = pack->count;
    t->ranges = calloc(n > 0 ? n : 1, sizeof(*t->ranges));
    if (t->ranges == NULL) {
        return FMT_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        if (i > 0 && g->codepoint <= pack->glyphs[i - 1].codepoint) {
            font_table_finish(t);
            return FMT_ERR_INVALID_ARG;
        }
        struct font_range *r = t->range_count > 0 ? &t->ranges[t->range_count - 1] : NULL;
        if (r != NULL && r->count < max_run && g->codepoint == r->first + r->count) {
            r->count++;
        } else {
            r = &t->ranges[t->range_count++];
            r->first = g->codepoint;
            r->count = 1;
            r->glyph_base = (uint32_t)i;
        }
        if (g->codepoint == '?') {
            t->default_glyph = i;
        }
        if (g->width <= INT32_MAX && (int32_t)g->width > t->max_width) {
            t->max_width = (int32_t)g->width;
        }
    }
    return 0;
}

void font_table_finish(struct font_table *t)
{
    free(t->ranges);
    t->ranges = NULL;
    t->range_count = 0;
}

int font_check_glyph_fields(const struct glyph_packed_glyph *g, unsigned offset_bits,
                            unsigned metric_bits, char *why, size_t why_len)
{
    const struct {
        int64_t v;
        const char *field;
        int is_signed;
        unsigned bits;
    } f[] = {
        {(int64_t)g->offset, "offset", 0, offset_bits},
        {g->advance, "advance", 0, metric_bits},
        {g->width, "width", 0, metric_bits},
        {g->height, "height", 0, metric_bits},
        {g->left, "left", 1, metric_bits},
        {g->top, "top", 1, metric_bits},
    };
    for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
        int64_t half = (int64_t)1 << (f[k].bits - 1);
        int64_t lo = f[k].is_signed ? -half : 0, hi = f[k].is_signed ? half - 1 : 2 * half - 1;
        if (f[k].v < lo || f[k].v > hi) { // the type name only for the message
            char type[16];
            snprintf(type, sizeof(type), "%sint%u_t", f[k].is_signed ? "" : "u", f[k].bits);
            return check(f[k].v, lo, hi, type, g->codepoint, f[k].field, why, why_len);
        }
    }
    return 0;
}

static int check_metrics(const struct glyph_fontpack *pack, char *why, size_t why_len)
{
    const struct glyph_set_metrics *m = &pack->metrics;
    int err = font_check_u16(m->size_px, FONT_NO_CP, "size_px", why, why_len);
    if (err == 0) {
        err = font_check_i16(m->ascender, FONT_NO_CP, "ascender", why, why_len);
    }
    if (err == 0) {
        err = font_check_i16(m->descender, FONT_NO_CP, "descender", why, why_len);
    }
    if (err == 0) {
        err = font_check_u16(m->line_height, FONT_NO_CP, "line_height", why, why_len);
    }
    if (err == 0) {
        err = font_check_i16(m->baseline, FONT_NO_CP, "baseline", why, why_len);
    }
    if (err == 0) {
        err = font_check_u16(m->max_advance, FONT_NO_CP, "max_advance", why, why_len);
    }
    if (err == 0) {
        err = font_check_u16(pack->opts.fmt.row_align, FONT_NO_CP, "row_align", why, why_len);
    }
    if (err == 0) {
        err = font_check_u32((int64_t)pack->data_len, FONT_NO_CP, "bitmap_size", why, why_len);
    }
    return err;
}

static int check_glyph(const struct glyph_fontpack *pack, size_t i, char *why, size_t why_len)
{
    const struct glyph_packed_glyph *g = &pack->glyphs[i];
    uint32_t cp = g->codepoint;
    if (g->offset > pack->data_len || g->size > pack->data_len - g->offset) {
        font_why(why, why_len, "glyph U+%04" PRIX32 ": bitmap outside the packed data", cp);
        return FMT_ERR_INVALID_ARG;
    }
    int err = font_check_glyph_fields(g, 32, 16, why, why_len);
    if (err == 0 && i > FONT_GLYPH_INDEX_MAX) {
        err = font_check_u16((int64_t)i, cp, "glyph index", why, why_len);
    }
    return err;
}

int font_table_check(const struct font_table *t, const struct glyph_fontpack *pack, char *why,
                     size_t why_len)
{
    int err = check_metrics(pack, why, why_len);
    if (err < 0) {
        return err;
    }
    for (size_t i = 0; i < pack->count; i++) {
        err = check_glyph(pack, i, why, why_len);
        if (err < 0) {
            return err;
        }
    }
    if (t->range_count > FONT_RANGE_INDEX_MAX) {
        const struct font_range *r = &t->ranges[FONT_RANGE_INDEX_MAX];
        return font_check_u16((int64_t)t->range_count, r->first, "range count", why, why_len);
    }
    return 0;
}

int font_table_prepare(struct font_table *t, const struct glyph_fontpack *pack, char *why,
                       size_t why_len)
{
    if (pack->count == 0) {
        font_why(why, why_len, "the font has no glyphs");
        return FMT_ERR_INVALID_ARG;
    }
    int err = font_table_build(t, pack, FONT_RANGE_COUNT_MAX);
    if (err < 0) {
        font_why(why, why_len, "cannot index the glyphs: %s", fmt_strerror(err));
        return err;
    }
    err = font_table_check(t, pack, why, why_len);
    if (err < 0) {
        font_table_finish(t);
    }
    return err;
}
