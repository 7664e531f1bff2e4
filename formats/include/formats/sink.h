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
