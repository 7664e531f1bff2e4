// Prints a string escaped by one of formats' escapers, for check_escape.py:
//   escape_driver c|asm|c_comment|py_comment|py_comment_utf8|py|include HEX
// HEX is the string's bytes in hex (so any byte but NUL reaches us intact).
// "include" prints 1 or 0 (fmt_c_include_name_valid).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sink.h"

static int unhex(const char *hex, char *out)
{
    size_t n = strlen(hex);
    if (n % 2 != 0) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1 || v == 0) {
            return -1;
        }
        out[i] = (char)v;
    }
    out[n / 2] = '\0';
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: escape_driver KIND HEX\n");
        return 2;
    }
    char *s = malloc(strlen(argv[2]) / 2 + 1);
    if (s == NULL || unhex(argv[2], s) != 0) {
        fprintf(stderr, "escape_driver: bad hex\n");
        return 2;
    }
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    const char *k = argv[1];
    if (strcmp(k, "c") == 0) {
        fmt_sink_c_string(&mb.sink, s);
    } else if (strcmp(k, "asm") == 0) {
        fmt_sink_asm_string(&mb.sink, s);
    } else if (strcmp(k, "c_comment") == 0) {
        fmt_sink_c_comment(&mb.sink, s);
    } else if (strcmp(k, "py_comment") == 0) {
        fmt_sink_py_comment(&mb.sink, s);
    } else if (strcmp(k, "py_comment_utf8") == 0) {
        fmt_sink_py_comment_utf8(&mb.sink, s, 1);
    } else if (strcmp(k, "py") == 0) {
        fmt_sink_py_string(&mb.sink, s);
    } else if (strcmp(k, "include") == 0) {
        fmt_sink_printf(&mb.sink, "%d", fmt_c_include_name_valid(s));
    } else {
        fprintf(stderr, "escape_driver: unknown kind %s\n", k);
        return 2;
    }
    int rc = fmt_sink_status(&mb.sink) == 0 ? 0 : 1;
    if (rc == 0 && mb.len > 0) {
        rc = fwrite(mb.data, 1, mb.len, stdout) == mb.len ? 0 : 1;
    }
    fmt_membuf_finish(&mb);
    free(s);
    return rc;
}
