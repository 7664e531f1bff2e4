// The host programs' logger; see log.h.
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "formats/sink.h"

int log_quiet;

static const char *program = "rasterd";

void log_init(const char *name)
{
    program = name;
}

// Writes `s` with everything a terminal could act on escaped (see log.h).
static void put_safe(FILE *f, const char *s)
{
    for (const char *p = s; *p != '\0';) {
        unsigned char c = (unsigned char)*p;
        size_t n = c >= 0x80 ? fmt_utf8_len(p) : 0;
        // C1 controls (U+0080..U+009F) are two bytes, 0xC2 0x80..0x9F.
        int c1 = n == 2 && c == 0xC2 && (unsigned char)p[1] < 0xA0;
        if ((c >= 0x20 && c < 0x7F) || c == '\t') {
            fputc(c, f);
            p++;
        } else if (n > 0 && !c1) {
            fwrite(p, 1, n, f);
            p += n;
        } else {
            fprintf(f, "\\x%02x", c);
            p++;
        }
    }
}

static void emit(FILE *f, const char *prefix, const char *level, const char *fmt, va_list ap)
{
    char small[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof(small), fmt, copy);
    va_end(copy);
    char *text = small;
    if (n >= (int)sizeof(small) && (text = malloc((size_t)n + 1)) != NULL) {
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    }
    if (prefix != NULL) {
        fprintf(f, "%s: %s", prefix, level);
    }
    put_safe(f, text != NULL ? text : small);
    fputc('\n', f);
    if (text != small) {
        free(text);
    }
}

void log_error(const char *fmt, ...)
{
    if (log_quiet > 1) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    emit(stderr, program, "error: ", fmt, ap);
    va_end(ap);
}

void log_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(stderr, program, "warning: ", fmt, ap);
    va_end(ap);
}

void log_info(const char *fmt, ...)
{
    if (log_quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    emit(stderr, program, "", fmt, ap);
    va_end(ap);
}

void log_out(const char *fmt, ...)
{
    if (log_quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    emit(stdout, NULL, "", fmt, ap);
    va_end(ap);
}
