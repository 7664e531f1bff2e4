// libglyph private: strict UTF-8 decoding (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequences.
#ifndef GLYPH_UTF8_H
#define GLYPH_UTF8_H

#include <stddef.h>
#include <stdint.h>

// Decodes one code point from s[0..len) (len > 0). Returns the number of
// bytes used (1..4), or 0 for an invalid or truncated sequence.
size_t glyph_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp);

#endif
