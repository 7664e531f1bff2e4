// glyphpack font-to-py: font_to_py's character selection from -c or -k
// text: the distinct characters that Python's str.isprintable() accepts or
// that lie in the private use area U+E000..U+F8FF, in code point order.
#ifndef RASTERD_FTP_CHARSET_H
#define RASTERD_FTP_CHARSET_H

#include <stddef.h>
#include <stdint.h>

// 1 if font_to_py keeps code point `cp` of a -c/-k text.
int ftp_charset_keeps(uint32_t cp);

// Selects the characters of UTF-8 `text`. With `lenient`, bytes that are
// not part of well-formed UTF-8 are skipped (what font_to_py's Python does
// with a command-line argument: they become lone surrogates, which are not
// printable); otherwise they are an error (font_to_py cannot read such a
// -k file). On success *out (malloc'd, NULL when empty) holds *n code
// points. Returns 0, -1 with the reason in `why`, or -2 out of memory.
int ftp_charset_select(const uint8_t *text, size_t len, int lenient, uint32_t **out, size_t *n,
                       char *why, size_t why_len) __attribute__((warn_unused_result));

#endif
