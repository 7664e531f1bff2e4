// A crafted glyph_fontpack for emitter tests, built without FreeType: sparse
// code points (ASCII with a hole, Latin-1 bits, U+2026), a blank space, one
// bitmap shared by two glyphs, deterministic coverage patterns.
#ifndef TEST_FONT_FIXTURE_H
#define TEST_FONT_FIXTURE_H

#include "glyph/fontpack.h"

// Builds the fixture in the given encoding; cell != 0 makes font_to_py style
// fixed cells. Returns NULL on failure. Free with fixture_destroy.
struct glyph_fontpack *fixture_create(const struct glyph_pack_format *fmt, int cell);
void fixture_destroy(struct glyph_fontpack *pack);

// The unpacked levels of glyph i (width * height bytes, row-major); the
// caller frees the result.
unsigned char *fixture_levels(const struct glyph_fontpack *pack, size_t i);

#endif
