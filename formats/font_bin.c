// Binary emitter, docs/font-bin-format.md: a fixed header, the range table,
// the glyph table (16-byte records, or 8-byte compact ones) and the bitmaps,
// all little-endian. The record sizes below
// and the spec change together.
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "formats/font_emit.h"

enum {
    BIN_HEADER_SIZE = 56,
    BIN_RANGE_SIZE = 8,
    BIN_GLYPH_SIZE = 16,
    BIN_COMPACT_GLYPH_SIZE = 8,
    BIN_FLAG_CELL = 1,
    BIN_FLAG_COMPACT = 2,
};

static void put_header(struct fmt_sink *out, const struct glyph_fontpack *pack,
                       const struct font_table *t, int compact, uint32_t ranges_off,
                       uint32_t glyphs_off, uint32_t bitmaps_off, uint32_t total)
{
    const struct glyph_set_metrics *m = &pack->metrics;
    const struct glyph_pack_format *f = &pack->opts.fmt;
    fmt_sink_write(out, "RFNT", 4);
    fmt_sink_u16le(out, FMT_FONT_FORMAT_VERSION);
    fmt_sink_u16le(out, BIN_HEADER_SIZE);
    fmt_sink_u8(out, (uint8_t)f->bpp);
    fmt_sink_u8(out, (uint8_t)f->layout);
    fmt_sink_u8(out, (uint8_t)f->bit_order);
    fmt_sink_u8(
        out, (uint8_t)((pack->opts.cell ? BIN_FLAG_CELL : 0) | (compact ? BIN_FLAG_COMPACT : 0)));
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
    fmt_sink_u32le(out, ranges_off);
    fmt_sink_u32le(out, glyphs_off);
    fmt_sink_u32le(out, bitmaps_off);
    fmt_sink_u32le(out, (uint32_t)pack->data_len);
    fmt_sink_u32le(out, total);
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

static int emit_bin(const struct glyph_fontpack *pack, int compact, struct fmt_sink *out, char *why,
                    size_t why_len)
{
    struct font_table t;
    int err = font_table_prepare(&t, pack, why, why_len);
    if (err < 0) {
        return err;
    }
    if (compact) {
        err = check_compact(pack, why, why_len);
    }
    if (err == 0) {
        // Counts are at most 65535 here, so the tables stay far below 4 GiB;
        // only the bitmap size can push the total past uint32_t.
        uint64_t ranges_off = BIN_HEADER_SIZE;
        uint64_t glyphs_off = ranges_off + (uint64_t)t.range_count * BIN_RANGE_SIZE;
        uint64_t bitmaps_off = glyphs_off + (uint64_t)pack->count *
                                                (compact ? BIN_COMPACT_GLYPH_SIZE : BIN_GLYPH_SIZE);
        uint64_t total = bitmaps_off + pack->data_len;
        err = font_check_u32((int64_t)total, FONT_NO_CP, "file size", why, why_len);
        if (err == 0) {
            put_header(out, pack, &t, compact, (uint32_t)ranges_off, (uint32_t)glyphs_off,
                       (uint32_t)bitmaps_off, (uint32_t)total);
            put_tables(out, pack, &t, compact);
            fmt_sink_write(out, pack->data, pack->data_len);
            err = fmt_sink_status(out);
            if (err < 0) {
                font_why(why, why_len, "%s", fmt_strerror(err));
            }
        }
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
