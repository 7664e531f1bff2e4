// Binary emitter, docs/font-bin-format.md: a fixed header, the range table,
// the glyph table (16-byte records, or 8-byte compact ones) and the bitmaps,
// all little-endian. The record sizes below
// and the spec change together.
#include <string.h>

#include "font_kern.h"
#include "font_table.h"
#include "formats/error.h"
#include "formats/font_emit.h"

enum {
    BIN_HEADER_SIZE = 56,
    BIN_KERN_HEADER_SIZE = 64, // version 2: + kern_offset, kern_size
    BIN_KERN_VERSION = 2,
    BIN_FLAG_KERNING = 4,
    BIN_RANGE_SIZE = 8,
    BIN_GLYPH_SIZE = 16,
    BIN_COMPACT_GLYPH_SIZE = 8,
    BIN_FLAG_CELL = 1,
    BIN_FLAG_COMPACT = 2,
};

// Where the tables go; a file with kerning is version 2 (a longer header and
// the kern block after the bitmaps), one without stays version 1.
struct layout {
    uint32_t header, ranges, glyphs, bitmaps, kern, kern_size, total;
};

static void put_header(struct fmt_sink *out, const struct glyph_fontpack *pack,
                       const struct font_table *t, int compact, const struct layout *lo)
{
    const struct glyph_set_metrics *m = &pack->metrics;
    const struct glyph_pack_format *f = &pack->opts.fmt;
    int kern = lo->kern_size > 0;
    fmt_sink_write(out, "RFNT", 4);
    fmt_sink_u16le(out, kern ? BIN_KERN_VERSION : FMT_FONT_FORMAT_VERSION);
    fmt_sink_u16le(out, (uint16_t)lo->header);
    fmt_sink_u8(out, (uint8_t)f->bpp);
    fmt_sink_u8(out, (uint8_t)f->layout);
    fmt_sink_u8(out, (uint8_t)f->bit_order);
    fmt_sink_u8(out, (uint8_t)((pack->opts.cell ? BIN_FLAG_CELL : 0) |
                               (compact ? BIN_FLAG_COMPACT : 0) | (kern ? BIN_FLAG_KERNING : 0)));
    // Values below were range-checked by font_table_check.
    fmt_sink_u16le(out, (uint16_t)f->row_align);
    fmt_sink_u16le(out, (uint16_t)m->size_px);
    fmt_sink_u16le(out, (uint16_t)(int16_t)m->ascender);
    fmt_sink_u16le(out, (uint16_t)(int16_t)m->descender);
    fmt_sink_u16le(out, (uint16_t)m->line_height);
    fmt_sink_u16le(out, (uint16_t)(int16_t)m->baseline);
    fmt_sink_u16le(out, (uint16_t)m->max_advance);
    fmt_sink_u16le(out, (uint16_t)t->default_glyph);
    fmt_sink_u32le(out, (uint32_t)t->range_count);
    fmt_sink_u32le(out, (uint32_t)pack->count);
    fmt_sink_u32le(out, lo->ranges);
    fmt_sink_u32le(out, lo->glyphs);
    fmt_sink_u32le(out, lo->bitmaps);
    fmt_sink_u32le(out, (uint32_t)pack->data_len);
    fmt_sink_u32le(out, lo->total);
    if (kern) {
        fmt_sink_u32le(out, lo->kern);
        fmt_sink_u32le(out, lo->kern_size);
    }
}

static void put_value(struct fmt_sink *out, const struct font_kern *k, int16_t v)
{
    if (k->value_bytes == 1) {
        fmt_sink_u8(out, (uint8_t)(int8_t)v);
    } else {
        fmt_sink_u16le(out, (uint16_t)v);
    }
}

static void put_class(struct fmt_sink *out, const struct font_kern *k, uint16_t c)
{
    if (k->class_bytes == 1) {
        fmt_sink_u8(out, (uint8_t)c);
    } else {
        fmt_sink_u16le(out, c);
    }
}

// The kern block (docs/font-bin-format.md, "Kerning").
static void put_kern(struct fmt_sink *out, const struct glyph_fontpack *pack,
                     const struct font_kern *k)
{
    fmt_sink_u8(out, (uint8_t)k->kind);
    fmt_sink_u8(out, (uint8_t)k->value_bytes);
    fmt_sink_u8(out, (uint8_t)k->class_bytes);
    fmt_sink_u8(out, 0);
    int pairs = k->kind == FONT_KERN_PAIRS;
    fmt_sink_u32le(out, pairs ? (uint32_t)k->npairs : 0);
    fmt_sink_u16le(out, pairs ? 0 : (uint16_t)k->left_count);
    fmt_sink_u16le(out, pairs ? 0 : (uint16_t)k->right_count);
    if (pairs) {
        for (size_t i = 0; i < k->npairs; i++) {
            fmt_sink_u16le(out, k->left[i]);
            fmt_sink_u16le(out, k->right[i]);
            put_value(out, k, k->value[i]);
        }
        return;
    }
    for (size_t i = 0; i < pack->count; i++) {
        put_class(out, k, k->left_class[i]);
    }
    for (size_t i = 0; i < pack->count; i++) {
        put_class(out, k, k->right_class[i]);
    }
    for (size_t i = 0; i < k->left_count * k->right_count; i++) {
        put_value(out, k, k->values[i]);
    }
}

// The compact record's narrower fields, on top of font_table_check.
static int check_compact(const struct glyph_fontpack *pack, char *why, size_t why_len)
{
    int err = 0;
    for (size_t i = 0; i < pack->count && err == 0; i++) {
        err = font_check_glyph_fields(&pack->glyphs[i], 24, 8, why, why_len);
    }
    if (err < 0 && why != NULL && why_len > 0) {
        size_t n = strlen(why);
        font_why(why + n, why_len - n, " in a compact glyph record (drop --compact)");
    }
    return err;
}

// Values were range-checked before: the casts below cannot wrap.
static void put_compact_glyph(struct fmt_sink *out, const struct glyph_packed_glyph *g)
{
    fmt_sink_u8(out, (uint8_t)(g->offset & 0xFF));
    fmt_sink_u16le(out, (uint16_t)(g->offset >> 8));
    fmt_sink_u8(out, (uint8_t)g->advance);
    fmt_sink_u8(out, (uint8_t)g->width);
    fmt_sink_u8(out, (uint8_t)g->height);
    fmt_sink_u8(out, (uint8_t)(int8_t)g->left);
    fmt_sink_u8(out, (uint8_t)(int8_t)g->top);
}

static void put_tables(struct fmt_sink *out, const struct glyph_fontpack *pack,
                       const struct font_table *t, int compact)
{
    for (size_t i = 0; i < t->range_count; i++) {
        fmt_sink_u32le(out, t->ranges[i].first);
        fmt_sink_u16le(out, (uint16_t)t->ranges[i].count);
        fmt_sink_u16le(out, (uint16_t)t->ranges[i].glyph_base);
    }
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        if (compact) {
            put_compact_glyph(out, g);
            continue;
        }
        fmt_sink_u32le(out, (uint32_t)g->offset);
        fmt_sink_u16le(out, (uint16_t)g->advance);
        fmt_sink_u16le(out, (uint16_t)g->width);
        fmt_sink_u16le(out, (uint16_t)g->height);
        fmt_sink_u16le(out, (uint16_t)(int16_t)g->left);
        fmt_sink_u16le(out, (uint16_t)(int16_t)g->top);
        fmt_sink_u16le(out, 0); // reserved
    }
}

// Offsets of every part. Counts are at most 65535, so the tables stay far
// below 4 GiB; the bitmaps and the kern class matrix can push the total past
// uint32_t, which is FMT_ERR_RANGE.
static int place(const struct glyph_fontpack *pack, const struct font_table *t, int compact,
                 const struct font_kern *k, struct layout *lo, char *why, size_t why_len)
{
    uint64_t header = k->kind != FONT_KERN_NONE ? BIN_KERN_HEADER_SIZE : BIN_HEADER_SIZE;
    uint64_t glyphs = header + (uint64_t)t->range_count * BIN_RANGE_SIZE;
    uint64_t bitmaps =
        glyphs + (uint64_t)pack->count * (compact ? BIN_COMPACT_GLYPH_SIZE : BIN_GLYPH_SIZE);
    uint64_t kern = bitmaps + pack->data_len;
    uint64_t kern_size = k->kind != FONT_KERN_NONE ? FONT_KERN_HEADER_SIZE + k->bytes : 0;
    int err = font_check_u32((int64_t)(kern + kern_size), FONT_NO_CP, "file size", why, why_len);
    *lo = (struct layout){(uint32_t)header,
                          (uint32_t)header,
                          (uint32_t)glyphs,
                          (uint32_t)bitmaps,
                          (uint32_t)kern,
                          (uint32_t)kern_size,
                          (uint32_t)(kern + kern_size)};
    return err;
}

static int emit_bin(const struct glyph_fontpack *pack, int compact, struct fmt_sink *out, char *why,
                    size_t why_len)
{
    struct font_table t;
    struct font_kern k;
    struct layout lo;
    int err = font_table_prepare(&t, pack, why, why_len);
    if (err < 0) {
        return err;
    }
    if (compact) {
        err = check_compact(pack, why, why_len);
    }
    if (err == 0) {
        err = font_kern_build(&k, pack, why, why_len);
        if (err == 0 && (err = place(pack, &t, compact, &k, &lo, why, why_len)) == 0) {
            put_header(out, pack, &t, compact, &lo);
            put_tables(out, pack, &t, compact);
            fmt_sink_write(out, pack->data, pack->data_len);
            if (k.kind != FONT_KERN_NONE) {
                put_kern(out, pack, &k);
            }
            err = fmt_sink_status(out);
            if (err < 0) {
                font_why(why, why_len, "%s", fmt_strerror(err));
            }
        }
        font_kern_finish(&k);
    }
    font_table_finish(&t);
    return err;
}

int fmt_font_emit_bin(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                      size_t why_len)
{
    return emit_bin(pack, 0, out, why, why_len);
}

int fmt_font_emit_bin_compact(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                              size_t why_len)
{
    return emit_bin(pack, 1, out, why, why_len);
}
