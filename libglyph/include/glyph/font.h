// libglyph: font faces. Anything FreeType opens: TrueType, OpenType (CFF),
// TrueType collections (choose a face index), WOFF (when FreeType was built
// with zlib), BDF and PCF bitmap fonts. No FreeType type appears here.
#ifndef GLYPH_FONT_H
#define GLYPH_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glyph_font;

// Opens face `face_index` (0 for single-face files) of the font file at
// `path`. The file is read whole into memory (up to 1 GiB) and handed to
// FreeType, which keeps reading it in place. Each font has its own
// FT_Library, whose memory goes through the context's allocator; FreeType's
// FREETYPE_PROPERTIES environment variable is not read, so output does not
// depend on the environment. On success stores a new font in *out (NULL on
// error). Errors: GLYPH_ERR_NOT_FOUND, GLYPH_ERR_IS_DIR, GLYPH_ERR_IO (errno
// logged; also devices and FIFOs, which are refused without blocking),
// GLYPH_ERR_FONT_FORMAT (empty, or FreeType cannot open it and it
// does not start with a font signature), GLYPH_ERR_FONT_BROKEN (starts like
// a TrueType/OpenType/WOFF/BDF/PCF/Type 1 file but FreeType cannot open it,
// e.g. truncated), GLYPH_ERR_FONT_FACE_INDEX (face_index >= the file's face
// count, or above 0xFFFF), GLYPH_ERR_INVALID_ARG, GLYPH_ERR_NOMEM. The
// FreeType error behind a failure is logged through the context by name:
// "'x.ttf': FreeType: Invalid_Table (0x08, broken table)". Fonts without a
// Unicode charmap are opened with a warning; their default charmap is used.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_font_open_file(struct glyph_ctx *ctx, const char *path,
                                                      unsigned face_index, struct glyph_font **out);

// As glyph_font_open_file, from `len` bytes at `data`, which are copied.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_font_open_memory(struct glyph_ctx *ctx, const void *data,
                                                        size_t len, unsigned face_index,
                                                        struct glyph_font **out);

// Closes a font; NULL is a no-op.
GLYPH_EXPORT void glyph_font_destroy(struct glyph_font *font);

// Family and style names ("DejaVu Sans", "Book"); never NULL, may be "".
// Valid while the font lives.
GLYPH_EXPORT const char *glyph_font_family(const struct glyph_font *font);
GLYPH_EXPORT const char *glyph_font_style(const struct glyph_font *font);

// Number of faces in the file the font came from.
GLYPH_EXPORT unsigned glyph_font_face_count(const struct glyph_font *font);

// 1 if the font is scalable (outlines), 0 for bitmap-only fonts (BDF/PCF),
// which render only at their fixed sizes.
GLYPH_EXPORT int glyph_font_is_scalable(const struct glyph_font *font);

// 1 if the font maps Unicode code point `cp` to a glyph other than .notdef
// (the rule the fallback chain of glyph_set_render uses).
GLYPH_EXPORT int glyph_font_has_codepoint(const struct glyph_font *font, uint32_t cp);

#ifdef __cplusplus
}
#endif

#endif
