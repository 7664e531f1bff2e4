// libglyph private: strict UTF-8 decoding (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequences.
#ifndef GLYPH_UTF8_H
#define GLYPH_UTF8_H

#include <stddef.h>
#include <stdint.h>

// glyph_utf8_decode is public (glyph/charset.h).
#include "glyph/charset.h"

#endif
