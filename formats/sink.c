#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "formats/sink.h"

static int membuf_write(void *ctx, const void *buf, size_t len)
{
    struct fmt_membuf *mb = ctx;
    if (len > mb->cap - mb->len) {
        size_t need = mb->len + len;
        if (need < mb->len) {
            return FMT_ERR_NOMEM;
        }
        size_t cap = mb->cap < 256 ? 256 : mb->cap;
        while (cap < need) {
            if (cap > SIZE_MAX / 2) {
                cap = need;
                break;
            }
            cap *= 2;
        }
        uint8_t *p = realloc(mb->data, cap);
        if (p == NULL) {
            return FMT_ERR_NOMEM;
        }
        mb->data = p;
        mb->cap = cap;
    }
    if (len > 0) {
        memcpy(mb->data + mb->len, buf, len);
    }
    mb->len += len;
    return 0;
}

void fmt_membuf_init(struct fmt_membuf *mb)
{
    memset(mb, 0, sizeof(*mb));
    mb->sink.write = membuf_write;
    mb->sink.ctx = mb;
}

void fmt_membuf_finish(struct fmt_membuf *mb)
{
    free(mb->data);
    memset(mb, 0, sizeof(*mb));
}

void fmt_sink_write(struct fmt_sink *s, const void *buf, size_t len)
{
    if (s->err < 0 || len == 0) {
        return;
    }
    int err = s->write(s->ctx, buf, len);
    if (err < 0) {
        s->err = err;
    }
}

void fmt_sink_printf(struct fmt_sink *s, const char *fmt, ...)
{
    if (s->err < 0) {
        return;
    }
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->err = FMT_ERR_INVALID_ARG;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        fmt_sink_write(s, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        s->err = FMT_ERR_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    fmt_sink_write(s, big, (size_t)n);
    free(big);
}

void fmt_sink_puts(struct fmt_sink *s, const char *str)
{
    fmt_sink_write(s, str, strlen(str));
}

static const char hexdigits[] = "0123456789abcdef";

void fmt_sink_hex(struct fmt_sink *s, const uint8_t *buf, size_t len)
{
    char out[128];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        out[n++] = hexdigits[buf[i] >> 4];
        out[n++] = hexdigits[buf[i] & 15];
        if (n == sizeof(out)) {
            fmt_sink_write(s, out, n);
            n = 0;
        }
    }
    fmt_sink_write(s, out, n);
}

void fmt_sink_c_bytes(struct fmt_sink *s, const uint8_t *buf, size_t len, unsigned indent,
                      unsigned per_line)
{
    // Six characters per byte ("0xab, "); the limits keep a line in `line`.
    if (per_line == 0) {
        per_line = 16;
    }
    if (per_line > 160) {
        per_line = 160;
    }
    if (indent > 64) {
        indent = 64;
    }
    char line[6 * 160 + 64 + 1];
    memset(line, ' ', indent);
    for (size_t i = 0; i < len; i += per_line) {
        size_t end = len - i < per_line ? len : i + per_line;
        char *p = line + indent;
        for (size_t j = i; j < end; j++) {
            p[0] = '0';
            p[1] = 'x';
            p[2] = hexdigits[buf[j] >> 4];
            p[3] = hexdigits[buf[j] & 15];
            p[4] = ',';
            p[5] = ' ';
            p += 6;
        }
        p[-1] = '\n';
        fmt_sink_write(s, line, (size_t)(p - line));
    }
}

void fmt_sink_py_bytes(struct fmt_sink *s, const uint8_t *buf, size_t len, unsigned indent,
                       unsigned per_line)
{
    if (per_line == 0) {
        per_line = 16;
    }
    if (len == 0) {
        fmt_sink_printf(s, "%*sb''\n", (int)indent, "");
        return;
    }
    char line[1024];
    for (size_t i = 0; i < len; i += per_line) {
        size_t n = 0;
        for (unsigned k = 0; k < indent && n < 64; k++) {
            line[n++] = ' ';
        }
        line[n++] = 'b';
        line[n++] = '\'';
        for (size_t j = i; j < len && j < i + per_line && n + 8 < sizeof(line); j++) {
            line[n++] = '\\';
            line[n++] = 'x';
            line[n++] = hexdigits[buf[j] >> 4];
            line[n++] = hexdigits[buf[j] & 15];
        }
        line[n++] = '\'';
        line[n++] = '\n';
        fmt_sink_write(s, line, n);
    }
}

size_t fmt_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        lo = p[0] == 0xE0 ? 0xA0 : 0x80;
        hi = p[0] == 0xED ? 0x9F : 0xBF;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        lo = p[0] == 0xF0 ? 0x90 : 0x80;
        hi = p[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (p[i] < 0x80 || p[i] > 0xBF) {
            return 0;
        }
    }
    return n;
}

// JSON text must be UTF-8 (RFC 8259 section 8.1), and the strings come from
// files (bundle entry names, font names, paths) that need not be: each byte
// that does not belong to a well-formed sequence becomes U+FFFD.
void fmt_sink_json_string(struct fmt_sink *s, const char *str)
{
    fmt_sink_write(s, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)str; *p != '\0';) {
        size_t n = 1;
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            fmt_sink_write(s, esc, 2);
        } else if (*p < 0x20 || *p == 0x7F) {
            fmt_sink_printf(s, "\\u%04x", (unsigned)*p);
        } else if (*p < 0x80) {
            fmt_sink_write(s, p, 1);
        } else if ((n = fmt_utf8_len((const char *)p)) > 0) {
            fmt_sink_write(s, p, n);
        } else {
            n = 1;
            fmt_sink_puts(s, "\\ufffd");
        }
        p += n;
    }
    fmt_sink_write(s, "\"", 1);
}

// The shared escapes of C and assembler string literals.
static void put_quoted(struct fmt_sink *s, const char *str)
{
    fmt_sink_write(s, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)str; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            fmt_sink_write(s, esc, 2);
        } else if (*p >= 0x20 && *p < 0x7F && *p != '?') {
            fmt_sink_write(s, p, 1);
        } else {
            char esc[4] = {'\\', (char)('0' + (*p >> 6)), (char)('0' + ((*p >> 3) & 7)),
                           (char)('0' + (*p & 7))};
            fmt_sink_write(s, esc, 4);
        }
    }
    fmt_sink_write(s, "\"", 1);
}

void fmt_sink_c_string(struct fmt_sink *s, const char *str)
{
    put_quoted(s, str);
}

void fmt_sink_asm_string(struct fmt_sink *s, const char *str)
{
    put_quoted(s, str);
}

// Comment text, one output byte per input byte (see sink.h); `py` also
// breaks a PEP 263 coding declaration.
static void put_comment(struct fmt_sink *s, const char *str, int py)
{
    size_t n = strlen(str);
    char *out = malloc(n + 1);
    if (out == NULL) {
        s->err = s->err < 0 ? s->err : FMT_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)str[i];
        char prev = i > 0 ? out[i - 1] : '\0';
        int bad = c < 0x20 || c >= 0x7F || c == '\\' || (c == '/' && prev == '*') ||
                  (c == '*' && prev == '/') || (c == '?' && prev == '?') ||
                  (py && (c == ':' || c == '=') && i >= 6 && memcmp(out + i - 6, "coding", 6) == 0);
        out[i] = bad ? '_' : (char)c;
    }
    fmt_sink_write(s, out, n);
    free(out);
}

void fmt_sink_c_comment(struct fmt_sink *s, const char *str)
{
    put_comment(s, str, 0);
}

void fmt_sink_py_comment(struct fmt_sink *s, const char *str)
{
    put_comment(s, str, 1);
}

void fmt_sink_py_comment_utf8(struct fmt_sink *s, const char *str, int first_lines)
{
    for (size_t i = 0; str[i] != '\0';) {
        unsigned char c = (unsigned char)str[i];
        size_t n = c >= 0x80 ? fmt_utf8_len(str + i) : 1;
        if (n == 0 || c == '\r' || c == '\n') {
            fmt_sink_printf(s, "\\x%02x", (unsigned)c);
            n = 1;
        } else if (first_lines && (c == ':' || c == '=') && i >= 6 &&
                   memcmp(str + i - 6, "coding", 6) == 0) {
            fmt_sink_write(s, "_", 1);
        } else {
            fmt_sink_write(s, str + i, n);
        }
        i += n;
    }
}

// The code point of the well-formed UTF-8 sequence of `n` bytes at p.
static uint32_t utf8_decode(const unsigned char *p, size_t n)
{
    uint32_t cp = n == 2 ? (p[0] & 0x1Fu) : n == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t i = 1; i < n; i++) {
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    return cp;
}

void fmt_sink_py_string(struct fmt_sink *s, const char *str)
{
    fmt_sink_write(s, "'", 1);
    for (const unsigned char *p = (const unsigned char *)str; *p != '\0';) {
        size_t n = 1;
        if (*p == '\'' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            fmt_sink_write(s, esc, 2);
        } else if (*p >= 0x20 && *p < 0x7F) {
            fmt_sink_write(s, p, 1);
        } else if (*p < 0x80) {
            fmt_sink_printf(s, "\\x%02x", (unsigned)*p);
        } else if ((n = fmt_utf8_len((const char *)p)) > 0) {
            uint32_t cp = utf8_decode(p, n);
            fmt_sink_printf(s, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
        } else {
            n = 1;
            fmt_sink_puts(s, "\\ufffd");
        }
        p += n;
    }
    fmt_sink_write(s, "'", 1);
}

int fmt_c_include_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
            return 0;
        }
    }
    return 1;
}

int fmt_sink_status(const struct fmt_sink *s)
{
    return s->err;
}

void fmt_put_u16le(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)(v >> 8);
}

void fmt_put_u32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)((v >> 8) & 0xff);
    p[2] = (uint8_t)((v >> 16) & 0xff);
    p[3] = (uint8_t)(v >> 24);
}

void fmt_sink_u8(struct fmt_sink *s, uint8_t v)
{
    fmt_sink_write(s, &v, 1);
}

void fmt_sink_u16le(struct fmt_sink *s, uint16_t v)
{
    uint8_t b[2];
    fmt_put_u16le(b, v);
    fmt_sink_write(s, b, 2);
}

void fmt_sink_u32le(struct fmt_sink *s, uint32_t v)
{
    uint8_t b[4];
    fmt_put_u32le(b, v);
    fmt_sink_write(s, b, 4);
}
