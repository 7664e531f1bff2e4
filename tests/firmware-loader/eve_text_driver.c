// Runs fwl_eve_text_encode (fwl/eve_text.h, built here with the loader's
// -Wconversion and -Werror) for check_eve_text.py. Each stdin line is
//   MAPHEX FALLBACK OUTSIZE TEXTHEX
// (MAPHEX "-" for an empty map, TEXTHEX "-" for empty text); each stdout
// line is "RETURN UNMAPPED OUTHEX" (OUTHEX: the bytes before the NUL, "-"
// when none).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwl/eve_text.h"

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (strcmp(h, "-") == 0) {
        return 0;
    }
    for (; h[0] != '\0' && h[1] != '\0' && n < cap; h += 2) {
        unsigned v;
        if (sscanf(h, "%2x", &v) != 1) {
            break;
        }
        out[n++] = (uint8_t)v;
    }
    return n;
}

int main(void)
{
    static char line[1 << 16], mh[1 << 15], th[1 << 15];
    static uint8_t map[1 << 14], text[1 << 14], out[1 << 14];
    while (fgets(line, sizeof line, stdin) != NULL) {
        unsigned fallback;
        size_t outsize;
        if (sscanf(line, "%32767s %u %zu %32767s", mh, &fallback, &outsize, th) != 4 ||
            outsize > sizeof out) {
            fprintf(stderr, "bad line: %s", line);
            return 2;
        }
        size_t mlen = unhex(mh, map, sizeof map), tlen = unhex(th, text, sizeof text);
        size_t unmapped = 99999;
        memset(out, 0xAA, sizeof out);
        size_t r = fwl_eve_text_encode(out, outsize, (const char *)text, tlen, map,
                                       mlen / FWL_EVE_TEXTMAP_ENTRY, (uint8_t)fallback, &unmapped);
        printf("%zu %zu ", r, unmapped);
        size_t k = 0;
        for (; outsize > 0 && out[k] != 0; k++) {
            printf("%02x", out[k]);
        }
        printf("%s\n", k == 0 ? "-" : "");
    }
    return 0;
}
