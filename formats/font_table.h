// formats private: the code-point lookup and range checks shared by the C,
// binary and MicroPython font emitters.
#ifndef FMT_FONT_TABLE_H
#define FMT_FONT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "formats/sink.h"
#include "glyph/fontpack.h"

// A run of consecutive code points whose glyphs are consecutive in the
// glyph table: code point first + k is glyph glyph_base + k, k < count.
struct font_range {
    uint32_t first;
    uint32_t count;
    uint32_t glyph_base;
};

struct font_table {
    struct font_range *ranges;
    size_t range_count;
    // Glyph shown for code points not in the font: '?' when present, else
    // the first glyph.
    size_t default_glyph;
    int32_t max_width; // widest packed bitmap
};

// Limits of the fields the C and binary layouts store (both use the same
// widths, docs/font-formats.md).
#define FONT_RANGE_COUNT_MAX UINT16_MAX // code points per range (longer runs are split)
#define FONT_GLYPH_INDEX_MAX UINT16_MAX // glyph count and indices
#define FONT_RANGE_INDEX_MAX UINT16_MAX // range count

// Builds the ranges of `pack`, splitting runs at `max_run` code points.
// Returns 0, FMT_ERR_NOMEM or FMT_ERR_INVALID_ARG (glyphs not sorted).
int font_table_build(struct font_table *t, const struct glyph_fontpack *pack, uint32_t max_run);
void font_table_finish(struct font_table *t);

// Range checks: each returns 0 or FMT_ERR_RANGE with `why` set to
// "U+0041: <field> = <value> does not fit <type>" (or "font: ..." for font
// metrics when cp is FONT_NO_CP).
#define FONT_NO_CP UINT32_MAX
int font_check_u8(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len);
int font_check_u16(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len);
int font_check_i16(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len);
int font_check_u32(int64_t v, uint32_t cp, const char *field, char *why, size_t why_len);

// Checks one glyph record's fields: offset unsigned in `offset_bits`,
// advance, width and height unsigned and left and top signed in
// `metric_bits` (32/16 for the C and binary records, 24/8 for compact ones).
int font_check_glyph_fields(const struct glyph_packed_glyph *g, unsigned offset_bits,
                            unsigned metric_bits, char *why, size_t why_len);

// Checks every font and glyph value against the C/binary field types
// (docs/font-formats.md); returns 0 or FMT_ERR_RANGE with the reason.
int font_table_check(const struct font_table *t, const struct glyph_fontpack *pack, char *why,
                     size_t why_len);

// What the C and binary emitters do first: refuses an empty font, builds the
// ranges (runs split at FONT_RANGE_COUNT_MAX) and range-checks every value.
// Returns 0, or an error with `why` set; on error `t` needs no finish.
int font_table_prepare(struct font_table *t, const struct glyph_fontpack *pack, char *why,
                       size_t why_len);

// Writes a formatted reason into why (when why_len > 0).
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void font_why(char *why, size_t why_len, const char *fmt, ...);

// Layout and bit order names as used in JSON and docs ("rows", "msb").
const char *font_layout_name(enum glyph_layout layout);
const char *font_bit_order_name(enum glyph_bit_order order);

#endif
