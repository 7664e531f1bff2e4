// Checks the libglyph error table: every code has a distinct name and message.
#include <stdio.h>
#include <string.h>

#include "glyph/error.h"

static const int codes[] = {
#define X(name, value, msg) value,
#include "glyph/errors.def"
#undef X
};

int main(void)
{
    int failed = 0;
    size_t n = sizeof(codes) / sizeof(codes[0]);
    for (size_t i = 0; i < n; i++) {
        if (codes[i] != -(int)i) {
            fprintf(stderr, "code %d is out of sequence at %zu\n", codes[i], i);
            failed = 1;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(glyph_strerror(codes[i]), glyph_strerror(codes[j])) == 0) {
                fprintf(stderr, "codes %d and %d share a message\n", codes[i], codes[j]);
                failed = 1;
            }
        }
    }
    if (strcmp(glyph_strerror(12345), "unknown error") != 0) {
        fprintf(stderr, "unknown code not reported as unknown\n");
        failed = 1;
    }
    if (strcmp(glyph_error_name(GLYPH_ERR_NOMEM), "GLYPH_ERR_NOMEM") != 0) {
        fprintf(stderr, "name table wrong\n");
        failed = 1;
    }
    return failed;
}
