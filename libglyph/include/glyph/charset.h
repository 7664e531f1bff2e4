// libglyph: sets of Unicode code points, from ranges, literal characters and
// UTF-8 text.
#ifndef GLYPH_CHARSET_H
#define GLYPH_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "glyph/context.h"
#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct glyph_charset;

// Creates an empty set. Returns NULL when out of memory.
GLYPH_EXPORT struct glyph_charset *glyph_charset_create(struct glyph_ctx *ctx);
// NULL is a no-op.
GLYPH_EXPORT void glyph_charset_destroy(struct glyph_charset *cs);

// Adds every code point in [first, last]. Errors: GLYPH_ERR_CHARSET when
// first > last or last > 0x10FFFF or the range contains surrogates only;
// surrogates (U+D800..U+DFFF) are never added. GLYPH_ERR_NOMEM (set
// unchanged).
GLYPH_EXPORT GLYPH_NODISCARD int glyph_charset_add_range(struct glyph_charset *cs, uint32_t first,
                                                         uint32_t last);

// Adds the `n` code points at `cps` (any order, repeats allowed) in one
// step. Errors: GLYPH_ERR_CHARSET when one is a surrogate or above
// 0x10FFFF, GLYPH_ERR_NOMEM; the set is then unchanged.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_charset_add_list(struct glyph_charset *cs,
                                                        const uint32_t *cps, size_t n);

// Parses a selection such as "0x20-0x7E,0xA0-0xFF,U+2026,0x4E00-0x4E10" or
// literal characters ("ÄÖÜäöü"). Grammar (docs/user-guide.md): items
// separated by commas; an item is a code point (0xHEX, U+HEX or decimal) or
// a range "A-B" of two code points, or else a run of literal UTF-8
// characters, each added on its own. "\," and "\\" escape a literal comma
// and backslash. On error returns GLYPH_ERR_CHARSET and writes the reason
// (with the offending item) into `why` (always NUL-terminated when
// why_len > 0).
// Details:
// - Blanks (space, tab) around an item and around the '-' of a range are
//   ignored; "\ " is a literal space.
// - An item starting with a digit, or with "U+"/"u+", must be a number or
//   range in full ("12ab" is an error, not literals); any other item is
//   literal, so "a-z" adds 'a', '-' and 'z'. A backslash before any
//   character makes it literal ("\5" is the digit 5).
// - Hex digits and the 0x/U+ prefixes are case-insensitive.
// - Errors: empty items (",," or a trailing comma), reversed ranges, values
//   above 0x10FFFF, ranges of surrogates only (surrogates inside a wider
//   range are skipped), invalid UTF-8 (with its byte offset), a trailing
//   backslash.
// On any error the set is left unchanged.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_charset_parse(struct glyph_charset *cs, const char *spec,
                                                     char *why, size_t why_len);

// Adds every distinct code point of UTF-8 `text` except C0 controls (U+0000
// to U+001F) and U+FEFF. Invalid UTF-8 (stray continuation bytes, overlong
// forms, surrogates, values above U+10FFFF, truncated sequences) gives
// GLYPH_ERR_CHARSET with the byte offset in `why`, and the set unchanged.
GLYPH_EXPORT GLYPH_NODISCARD int glyph_charset_add_utf8(struct glyph_charset *cs,
                                                        const uint8_t *text, size_t len, char *why,
                                                        size_t why_len);

// Decodes one code point from strict UTF-8 at s[0..len) (len > 0; RFC 3629:
// no overlong forms, surrogates, values above U+10FFFF or truncated
// sequences), the decoder every UTF-8 input of libglyph goes through.
// Returns the number of bytes used (1..4) and stores the code point, or
// returns 0 for an invalid sequence (*cp unchanged).
GLYPH_EXPORT size_t glyph_utf8_decode(const uint8_t *s, size_t len, uint32_t *cp);

// Number of code points, and the i-th in ascending order (i < count; 0
// otherwise). The set is a 136 KiB bitmap plus the sorted list.
GLYPH_EXPORT size_t glyph_charset_count(const struct glyph_charset *cs);
GLYPH_EXPORT uint32_t glyph_charset_at(const struct glyph_charset *cs, size_t i);

#ifdef __cplusplus
}
#endif

#endif
