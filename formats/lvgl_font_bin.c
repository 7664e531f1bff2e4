// LVGL 9 binary font, as lv_binfont_create() reads it (docs/lvgl.md):
// little-endian tables "head", "cmap", "loca", "glyf" (and "kern"), each
// starting with its length (label included) and a 4-character label. Glyph
// records are bit-packed: advance (unless every glyph has the same),
// x and y offset, box width and height, then the bitmap's bits directly,
// the record padded to a byte. Tables are not padded: LVGL seeks by the
// lengths, so alignment would only cost bytes.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "lvgl_font_model.h"
#include "lvgl_rle.h"

enum {
    TABLE_HEADER = 8, // u32 length + label
    HEAD_SIZE = TABLE_HEADER + 40,
    CMAP_RECORD = 16,
};

// Field widths of the glyph records.
struct widths {
    unsigned adv; // 0: every advance is default_adv
    uint32_t default_adv;
    unsigned xy, wh;
};

static struct widths field_widths(const struct lvgl_font_model *m)
{
    struct widths w = {.default_adv = m->glyphs[0].adv, .xy = 1};
    unsigned adv = 0;
    int mono = 1;
    for (size_t i = 0; i < m->count; i++) {
        const struct lvgl_glyph *g = &m->glyphs[i];
        mono = mono && g->adv == w.default_adv;
        adv = lvgl_unsigned_bits(g->adv) > adv ? lvgl_unsigned_bits(g->adv) : adv;
        unsigned xy = lvgl_signed_bits(g->ofs_x) > lvgl_signed_bits(g->ofs_y)
                          ? lvgl_signed_bits(g->ofs_x)
                          : lvgl_signed_bits(g->ofs_y);
        unsigned wh = lvgl_unsigned_bits(g->box_w) > lvgl_unsigned_bits(g->box_h)
                          ? lvgl_unsigned_bits(g->box_w)
                          : lvgl_unsigned_bits(g->box_h);
        w.xy = xy > w.xy ? xy : w.xy;
        w.wh = wh > w.wh ? wh : w.wh;
    }
    w.adv = mono ? 0 : (adv > 0 ? adv : 1);
    if (!mono) {
        w.default_adv = 0;
    }
    return w;
}

static uint32_t twos(int32_t v, unsigned bits)
{
    return (uint32_t)v & (bits >= 32 ? UINT32_MAX : ((1u << bits) - 1));
}

// Writes glyph i's record header before its bitmap (lvgl_model_encode).
struct prefix_ctx {
    const struct lvgl_font_model *m;
    const struct widths *w;
};

static void put_record_header(void *ctx, struct lvgl_bits *out, size_t i)
{
    const struct prefix_ctx *c = ctx;
    const struct lvgl_glyph *g = &c->m->glyphs[i];
    const struct widths *w = c->w;
    if (lvgl_bits_reserve(out, 4 * 32 + 32) < 0) {
        return;
    }
    if (w->adv > 0) {
        lvgl_bits_put(out, g->adv, w->adv);
    }
    lvgl_bits_put(out, twos(g->ofs_x, w->xy), w->xy);
    lvgl_bits_put(out, twos(g->ofs_y, w->xy), w->xy);
    lvgl_bits_put(out, g->box_w, w->wh);
    lvgl_bits_put(out, g->box_h, w->wh);
}

// loca offsets from the glyf table's start (id 0: an empty record before
// glyph 1's), and the bytes LVGL allocates for the bitmaps.
static int glyph_offsets(const struct lvgl_font_model *m, const struct widths *w, uint32_t *offsets,
                         size_t *bitmap_bytes)
{
    unsigned header_bits = w->adv + 2 * w->xy + 2 * w->wh;
    if (m->data_len > UINT32_MAX - TABLE_HEADER) {
        return FMT_ERR_RANGE;
    }
    *bitmap_bytes = 0;
    offsets[0] = TABLE_HEADER;
    for (size_t i = 0; i < m->count; i++) {
        const struct lvgl_glyph *g = &m->glyphs[i];
        size_t end = i + 1 < m->count ? m->glyphs[i + 1].offset : m->data_len;
        offsets[i + 1] = (uint32_t)(TABLE_HEADER + g->offset);
        if (g->box_w > 0 && g->box_h > 0) { // LVGL: record bytes less the header's whole bytes
            *bitmap_bytes += end - g->offset - header_bits / 8;
        }
    }
    return 0;
}

static void put_table_header(struct fmt_sink *out, size_t len, const char *label)
{
    fmt_sink_u32le(out, (uint32_t)len);
    fmt_sink_write(out, label, 4);
}

static int fail_nomem(char *why, size_t why_len)
{
    font_why(why, why_len, "%s", fmt_strerror(FMT_ERR_NOMEM));
    return FMT_ERR_NOMEM;
}

static int32_t clamp_i8(int32_t v)
{
    return v < INT8_MIN ? INT8_MIN : v > INT8_MAX ? INT8_MAX : v;
}

static void put_head(struct fmt_sink *out, const struct lvgl_font_model *m, const struct widths *w,
                     int loca32)
{
    const struct glyph_set_metrics *fm = &m->metrics;
    put_table_header(out, HEAD_SIZE, "head");
    fmt_sink_u32le(out, 1);                                      // version
    fmt_sink_u16le(out, m->kern_kind == LVGL_KERN_NONE ? 3 : 4); // tables
    fmt_sink_u16le(out, (uint16_t)fm->size_px);                  // checked by the caller
    fmt_sink_u16le(out, (uint16_t)m->ascent);                    // line: ascent, checked
    fmt_sink_u16le(out, (uint16_t)(int16_t)m->descent);          // and descent
    fmt_sink_u16le(out, (uint16_t)(fm->ascender > 0 && fm->ascender <= INT16_MAX
                                       ? fm->ascender
                                       : 0)); // typo ascent: the font's
    fmt_sink_u16le(out, (uint16_t)(int16_t)(fm->descender < 0 && fm->descender >= INT16_MIN
                                                ? fm->descender
                                                : 0));  // typo descent
    fmt_sink_u16le(out, 0);                             // typo line gap
    fmt_sink_u16le(out, (uint16_t)(int16_t)m->descent); // min y
    fmt_sink_u16le(out, (uint16_t)m->ascent);           // max y
    fmt_sink_u16le(out, (uint16_t)w->default_adv);      // checked: <= 65535
    fmt_sink_u16le(out, (uint16_t)lvgl_kern_scale(m));  // kerning scale, 12.4
    fmt_sink_u8(out, (uint8_t)loca32);                  // index_to_loc_format
    fmt_sink_u8(out, m->count + 1 > 256 ? 1 : 0);       // glyph_id_format
    fmt_sink_u8(out, 0);                                // advances in whole pixels
    fmt_sink_u8(out, (uint8_t)m->bpp);
    fmt_sink_u8(out, (uint8_t)w->xy);
    fmt_sink_u8(out, (uint8_t)w->wh);
    fmt_sink_u8(out, (uint8_t)w->adv);
    fmt_sink_u8(out, m->bitmaps == FMT_LVGL_BITMAPS_PLAIN ? 0
                     : m->bitmaps == FMT_LVGL_BITMAPS_RLE ? 1
                                                          : 2);
    fmt_sink_u8(out, 0); // subpixels
    fmt_sink_u8(out, 0); // padding
    fmt_sink_u16le(out, (uint16_t)(int16_t)clamp_i8(fm->underline_top));
    fmt_sink_u16le(out, (uint16_t)clamp_i8(fm->underline_thickness));
}

static size_t cmap_data_size(const struct lvgl_cmap *cm)
{
    return cm->type == LVGL_CMAP_FORMAT0_FULL  ? cm->range_length
           : cm->type == LVGL_CMAP_SPARSE_TINY ? 2 * cm->count
                                               : 0;
}

static size_t cmap_size(const struct lvgl_font_model *m)
{
    size_t n = TABLE_HEADER + 4 + CMAP_RECORD * m->ncmaps;
    for (size_t k = 0; k < m->ncmaps; k++) {
        n += cmap_data_size(&m->cmaps[k]);
    }
    return n;
}

static void put_cmap(struct fmt_sink *out, const struct lvgl_font_model *m)
{
    put_table_header(out, cmap_size(m), "cmap");
    fmt_sink_u32le(out, (uint32_t)m->ncmaps);
    size_t data = TABLE_HEADER + 4 + CMAP_RECORD * m->ncmaps;
    for (size_t k = 0; k < m->ncmaps; k++) {
        const struct lvgl_cmap *cm = &m->cmaps[k];
        size_t n = cmap_data_size(cm);
        fmt_sink_u32le(out, n > 0 ? (uint32_t)data : 0);
        fmt_sink_u32le(out, cm->range_start);
        fmt_sink_u16le(out, (uint16_t)cm->range_length); // <= 65535: lvgl_cmap.c
        fmt_sink_u16le(out, (uint16_t)(cm->first + 1));  // ids <= 65534: checked
        fmt_sink_u16le(out, (uint16_t)(cm->type == LVGL_CMAP_FORMAT0_FULL  ? cm->range_length
                                       : cm->type == LVGL_CMAP_SPARSE_TINY ? cm->count
                                                                           : 0));
        fmt_sink_u8(out, (uint8_t)cm->type);
        fmt_sink_u8(out, 0);
        data += n;
    }
    for (size_t k = 0; k < m->ncmaps; k++) {
        const struct lvgl_cmap *cm = &m->cmaps[k];
        if (cm->type == LVGL_CMAP_FORMAT0_FULL) {
            uint8_t ids[256] = {0}; // range_length <= 256 for format 0 full
            for (size_t i = 0; i < cm->count; i++) {
                ids[m->glyphs[cm->first + i].cp - cm->range_start] = (uint8_t)i;
            }
            fmt_sink_write(out, ids, cm->range_length);
        } else if (cm->type == LVGL_CMAP_SPARSE_TINY) {
            for (size_t i = 0; i < cm->count; i++) {
                fmt_sink_u16le(out, (uint16_t)(m->glyphs[cm->first + i].cp - cm->range_start));
            }
        }
    }
}

static size_t kern_size(const struct lvgl_font_model *m)
{
    size_t ids = m->count + 1 > 256 ? 2 : 1, n = m->kern.npairs;
    if (m->kern_kind == LVGL_KERN_PAIRS) {
        return TABLE_HEADER + 4 + 4 + n * (2 * ids + 1);
    }
    if (m->kern_kind == LVGL_KERN_CLASSES) {
        return TABLE_HEADER + 4 + 4 + 2 * (m->count + 1) +
               (m->kern.left_count - 1) * (m->kern.right_count - 1);
    }
    return 0;
}

// The kern table: format 0 (sorted glyph id pairs, then their values) or
// format 3 (class of each glyph id, left then right, then the matrix).
static void put_kern(struct fmt_sink *out, const struct lvgl_font_model *m)
{
    const struct font_kern *k = &m->kern;
    int wide = m->count + 1 > 256; // ids as in the head's glyph_id_format
    put_table_header(out, kern_size(m), "kern");
    fmt_sink_u32le(out, m->kern_kind == LVGL_KERN_PAIRS ? 0 : 3); // format, 3 padding bytes
    if (m->kern_kind == LVGL_KERN_PAIRS) {
        fmt_sink_u32le(out, (uint32_t)k->npairs);
        for (size_t i = 0; i < k->npairs; i++) {
            uint16_t ids[2] = {(uint16_t)(k->left[i] + 1), (uint16_t)(k->right[i] + 1)};
            for (int j = 0; j < 2; j++) {
                if (wide) {
                    fmt_sink_u16le(out, ids[j]);
                } else {
                    fmt_sink_u8(out, (uint8_t)ids[j]);
                }
            }
        }
        for (size_t i = 0; i < k->npairs; i++) {
            fmt_sink_u8(out, (uint8_t)lvgl_kern_pair_value(m, i));
        }
        return;
    }
    size_t rows = k->left_count - 1, cols = k->right_count - 1; // <= 255: lvgl_kern.c
    fmt_sink_u16le(out, (uint16_t)(m->count + 1));
    fmt_sink_u8(out, (uint8_t)rows);
    fmt_sink_u8(out, (uint8_t)cols);
    for (int side = 0; side < 2; side++) {
        const uint16_t *cls = side == 0 ? k->left_class : k->right_class;
        fmt_sink_u8(out, 0); // glyph id 0
        for (size_t i = 0; i < m->count; i++) {
            fmt_sink_u8(out, (uint8_t)cls[i]);
        }
    }
    for (size_t l = 1; l <= rows; l++) {
        for (size_t r = 1; r <= cols; r++) {
            fmt_sink_u8(out, (uint8_t)lvgl_kern_class_value(m, l, r));
        }
    }
}

static int emit(struct fmt_sink *out, const struct lvgl_font_model *m, const struct widths *w,
                const uint32_t *offsets, char *why, size_t why_len)
{
    int loca32 = offsets[m->count] > UINT16_MAX;
    size_t loca = TABLE_HEADER + 4 + (m->count + 1) * (loca32 ? 4u : 2u);
    size_t glyf_len = TABLE_HEADER + m->data_len;
    if (glyf_len > INT32_MAX || cmap_size(m) + loca + glyf_len > INT32_MAX) {
        font_why(why, why_len, "the font would exceed 2 GiB");
        return FMT_ERR_RANGE;
    }
    put_head(out, m, w, loca32);
    put_cmap(out, m);
    put_table_header(out, loca, "loca");
    fmt_sink_u32le(out, (uint32_t)(m->count + 1));
    for (size_t i = 0; i <= m->count; i++) {
        if (loca32) {
            fmt_sink_u32le(out, offsets[i]);
        } else {
            fmt_sink_u16le(out, (uint16_t)offsets[i]);
        }
    }
    put_table_header(out, glyf_len, "glyf");
    fmt_sink_write(out, m->data, m->data_len);
    if (m->kern_kind != LVGL_KERN_NONE) {
        put_kern(out, m);
    }
    return fmt_sink_status(out);
}

int fmt_lvgl_font_emit_bin(const struct glyph_set *set, const struct fmt_lvgl_font_opts *opts,
                           struct fmt_sink *out, struct fmt_lvgl_font_info *info, char *why,
                           size_t why_len)
{
    struct lvgl_font_model m;
    int err = font_check_u16(glyph_set_metrics(set)->size_px, FONT_NO_CP, "size_px", why, why_len);
    if (err == 0) {
        err = lvgl_model_measure(&m, set, opts, LVGL_TARGET_BIN, why, why_len);
    }
    if (err < 0) {
        return err;
    }
    struct widths w = field_widths(&m);
    struct prefix_ctx pc = {&m, &w};
    size_t bitmap_bytes = 0;
    uint32_t *offsets = malloc(sizeof(*offsets) * (m.count + 1));
    err = offsets == NULL ? fail_nomem(why, why_len)
                          : lvgl_model_encode(&m, set, put_record_header, &pc, why, why_len);
    if (err == 0 && glyph_offsets(&m, &w, offsets, &bitmap_bytes) < 0) {
        font_why(why, why_len, "the glyph table would exceed 4 GiB");
        err = FMT_ERR_RANGE;
    }
    if (err == 0) {
        m.needs_large = m.needs_large || bitmap_bytes >= ((size_t)1 << 20);
        err = emit(out, &m, &w, offsets, why, why_len);
        if (err < 0 && err != FMT_ERR_RANGE) {
            font_why(why, why_len, "%s", fmt_strerror(err));
        }
    }
    if (err == 0 && info != NULL) {
        *info = (struct fmt_lvgl_font_info){m.bitmaps,   bitmap_bytes,  m.ncmaps,     m.needs_large,
                                            m.kern_kind, m.kern.npairs, m.kern_bytes, m.kern_lossy};
    }
    free(offsets);
    lvgl_model_finish(&m);
    return err;
}
