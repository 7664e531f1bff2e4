// libglyph private: the font object, shared by font.c and the glyph set
// renderer. Each font owns its FT_Library (no global FreeType state), whose
// memory goes through the context's allocator.
#ifndef GLYPH_FONT_INTERNAL_H
#define GLYPH_FONT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "context_internal.h"
#include "glyph/font.h"

struct glyph_font {
    struct glyph_ctx *ctx;
    struct FT_MemoryRec_ memory; // must outlive `library`
    FT_Library library;
    FT_Face face;
    uint8_t *data; // the font file; FreeType reads it in place
    size_t len;
    unsigned num_faces;
    int unicode; // 1 when a Unicode charmap is selected
};

#endif
