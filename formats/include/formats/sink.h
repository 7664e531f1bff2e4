// formats: the output sink every emitter writes through, and a growable
// memory sink. Errors are sticky: after the first failed write every further
// write is skipped and the error is kept in `err`, so an emitter can write
// freely and check once at the end (fmt_sink_status).
#ifndef FMT_SINK_H
#define FMT_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"

#ifdef __cplusplus
extern "C" {
#endif

// Writes `len` bytes; returns 0 or a negative fmt_error.
typedef int (*fmt_write_fn)(void *ctx, const void *buf, size_t len);

struct fmt_sink {
    fmt_write_fn write; // required
    void *ctx;          // passed to write
    int err;            // first error, 0 while all writes succeeded
};

// A sink writing into a growable heap buffer. `data` is owned by the membuf
// and freed by fmt_membuf_finish; `len` bytes are valid.
struct fmt_membuf {
    uint8_t *data;
    size_t len;
    size_t cap;
    struct fmt_sink sink; // write through this
};

FMT_EXPORT void fmt_membuf_init(struct fmt_membuf *mb);
FMT_EXPORT void fmt_membuf_finish(struct fmt_membuf *mb);

// Writes raw bytes.
FMT_EXPORT void fmt_sink_write(struct fmt_sink *s, const void *buf, size_t len);
// Writes formatted text (vsnprintf semantics; any length).
FMT_EXPORT
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void fmt_sink_printf(struct fmt_sink *s, const char *fmt, ...);
// Writes a NUL-terminated string.
FMT_EXPORT void fmt_sink_puts(struct fmt_sink *s, const char *str);
// Writes lowercase hex of `len` bytes, no separators.
FMT_EXPORT void fmt_sink_hex(struct fmt_sink *s, const uint8_t *buf, size_t len);
// Writes a C initializer body: "0x12, 0x34, ..." with `per_line` bytes per
// line, each line starting with `indent` spaces and ending with ",\n".
FMT_EXPORT void fmt_sink_c_bytes(struct fmt_sink *s, const uint8_t *buf, size_t len,
                                 unsigned indent, unsigned per_line);
// Writes a Python bytes literal split over lines: each line is `indent`
// spaces, then b'\x12\x34...' with `per_line` bytes, then "\n". Writes
// "b''" for an empty buffer. The caller wraps it in parentheses.
FMT_EXPORT void fmt_sink_py_bytes(struct fmt_sink *s, const uint8_t *buf, size_t len,
                                  unsigned indent, unsigned per_line);
// Writes a JSON string literal (with quotes), escaping as RFC 8259 requires;
// bytes that are not well-formed UTF-8 are written as \ufffd.
FMT_EXPORT void fmt_sink_json_string(struct fmt_sink *s, const char *str);

// ---- Strings from inputs in generated source --------------------------------
// Every string that comes from an input (the manifest, a file name, a font's
// name) and lands in generated C, assembler, Python or JSON is written by
// one of these, never with %s: whatever its bytes, the result is valid in
// that language and cannot end the literal or comment it is written into.
// Emitters for new formats use them too.

// A C string literal, quotes included: printable ASCII as is, '"' and '\'
// escaped, '?' as \077 (no trigraph can form in any C mode), every other
// byte as a three-digit octal escape (never \x, whose digits run on). The
// bytes of the literal are exactly the bytes of `str`.
FMT_EXPORT void fmt_sink_c_string(struct fmt_sink *s, const char *str);
// A GNU assembler string literal (.incbin "...", .ascii "..."), quotes
// included, with the escapes of fmt_sink_c_string: gas and the C
// preprocessor that runs over a .S file both read them as the same bytes.
FMT_EXPORT void fmt_sink_asm_string(struct fmt_sink *s, const char *str);
// Text to place inside a C comment, /* */ or //, also in a .S file: bytes
// outside printable ASCII and '\' (which would continue a // comment onto
// the next line) become '_', and so does the second character of "*/",
// "/*" (-Wcomment) and "??" (trigraphs). Never a newline. Lossy: for
// banners and notes, not for data.
FMT_EXPORT void fmt_sink_c_comment(struct fmt_sink *s, const char *str);
// Text to place inside a Python # comment: fmt_sink_c_comment's rules, and
// the ':' or '=' after "coding" becomes '_' (a PEP 263 declaration on the
// first two lines would make Python decode the file as, say, UTF-7, in
// which ASCII text can hide a newline and code).
FMT_EXPORT void fmt_sink_py_comment(struct fmt_sink *s, const char *str);
// Text to place inside a Python # comment that keeps well-formed UTF-8 as
// it is (for banners that must match another tool's byte for byte, such as
// font_to_py's): CR, LF and every byte outside a well-formed UTF-8 sequence
// are written as the four characters \xNN, so the comment ends where the
// emitter ends it and the file stays valid UTF-8; with `first_lines` (the
// comment is on line 1 or 2) the ':' or '=' after "coding" becomes '_'.
FMT_EXPORT void fmt_sink_py_comment_utf8(struct fmt_sink *s, const char *str, int first_lines);
// A Python str literal, quotes included, ASCII only: printable characters
// as is, '\'' and '\\' escaped, other ASCII as \xNN, each well-formed
// UTF-8 sequence as its \uXXXX or \UXXXXXXXX escape, every byte outside one
// as \ufffd (the code points match fmt_sink_json_string's). CPython and
// MicroPython read the same string.
FMT_EXPORT void fmt_sink_py_string(struct fmt_sink *s, const char *str);
// 1 when `name` can be written between the quotes of #include "...": 1 to
// 255 printable ASCII characters without '"' or '\' (an include's
// header-name has no escapes, so anything else must be refused, not
// escaped).
FMT_EXPORT int fmt_c_include_name_valid(const char *name);

// Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF) of 2 to 4 bytes starting at `s`, or 0
// when the byte at `s` does not start one (ASCII included). Reads no further
// than the first byte that breaks the sequence, so a NUL ends it.
FMT_EXPORT size_t fmt_utf8_len(const char *s);

// Returns the sticky error (0 or negative fmt_error).
FMT_EXPORT int fmt_sink_status(const struct fmt_sink *s) __attribute__((warn_unused_result));

// Little-endian stores into a buffer.
FMT_EXPORT void fmt_put_u16le(uint8_t *p, uint16_t v);
FMT_EXPORT void fmt_put_u32le(uint8_t *p, uint32_t v);
// Little-endian writes to a sink.
FMT_EXPORT void fmt_sink_u8(struct fmt_sink *s, uint8_t v);
FMT_EXPORT void fmt_sink_u16le(struct fmt_sink *s, uint16_t v);
FMT_EXPORT void fmt_sink_u32le(struct fmt_sink *s, uint32_t v);

#ifdef __cplusplus
}
#endif

#endif
