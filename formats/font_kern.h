// formats private: kerning as rasterd's C, binary and JSON fonts store it:
// whole pixels (glyph_kern_round with unit 1; pairs that round to 0 are
// dropped), as glyph pairs or as a class matrix, whichever takes fewer
// bytes. docs/font-bin-format.md has the layout.
#ifndef FMT_FONT_KERN_H
#define FMT_FONT_KERN_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/fontpack.h"
#include "glyph/glyphset.h"

enum font_kern_kind {
    FONT_KERN_NONE = 0,
    FONT_KERN_PAIRS = 1,
    FONT_KERN_CLASSES = 2,
};

// Bytes of the binary kern block's header.
#define FONT_KERN_HEADER_SIZE 12

struct font_kern {
    enum font_kern_kind kind;
    unsigned value_bytes; // 1 (int8_t) or 2 (int16_t)
    unsigned class_bytes; // classes: 1 (uint8_t) or 2 (uint16_t); pairs: 0
    // Pairs: glyph indices (positions in pack->glyphs), sorted.
    size_t npairs;
    uint16_t *left, *right;
    int16_t *value;
    // Classes: per glyph index, and the row-major matrix.
    size_t left_count, right_count;
    uint16_t *left_class, *right_class;
    int16_t *values;
    size_t bytes; // the chosen form's data, without the block header
};

// Builds the kerning of `pack` (kind FONT_KERN_NONE when it has none).
// Returns 0, FMT_ERR_RANGE (a value outside int16_t, naming the pair),
// FMT_ERR_INVALID_ARG (a pair naming a glyph not in the pack) or
// FMT_ERR_NOMEM, with `why` set (and nothing to free). On success free with
// font_kern_finish.
int font_kern_build(struct font_kern *k, const struct glyph_fontpack *pack, char *why,
                    size_t why_len);

// The same from a glyph set's pairs; `cps` holds the code point of each
// glyph of the set, in its order (glyph indices are positions in it).
int font_kern_build_set(struct font_kern *k, const struct glyph_set *set, const uint32_t *cps,
                        char *why, size_t why_len);
void font_kern_finish(struct font_kern *k);

// The value for glyph indices l and r (0 without kerning).
int16_t font_kern_value(const struct font_kern *k, size_t l, size_t r);

#endif
