// Checks the libglyph error table: every code has a distinct name and message.
#include <stdio.h>
#include <string.h>

#include "../common/check.h"

#include "glyph/error.h"

static const int codes[] = {
#define X(name, value, msg) value,
#include "glyph/errors.def"
#undef X
};

int main(void)
{
    size_t n = sizeof(codes) / sizeof(codes[0]);
    for (size_t i = 0; i < n; i++) {
        CHECK(codes[i] == -(int)i, "code %d is out of sequence at %zu", codes[i], i);
        for (size_t j = 0; j < i; j++) {
            CHECK(strcmp(glyph_strerror(codes[i]), glyph_strerror(codes[j])) != 0,
                  "codes %d and %d share a message", codes[i], codes[j]);
        }
    }
    CHECK(strcmp(glyph_strerror(12345), "unknown error") == 0,
          "unknown code not reported as unknown");
    CHECK(strcmp(glyph_error_name(GLYPH_ERR_NOMEM), "GLYPH_ERR_NOMEM") == 0, "name table wrong");
    return check_status();
}
