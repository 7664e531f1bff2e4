// font_to_py's -c/-k rules (docs/font-to-py.md): decode, keep the printable
// characters and the private use area, drop repeats, sort.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_charset.h"
#include "ftp_printable.h"
#include "glyph/charset.h"

int ftp_charset_keeps(uint32_t cp)
{
    if (cp >= 0xE000 && cp <= 0xF8FF) {
        return 1;
    }
    size_t lo = 0, hi = sizeof(ftp_printable_ranges) / sizeof(ftp_printable_ranges[0]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < ftp_printable_ranges[mid][0]) {
            hi = mid;
        } else if (cp > ftp_printable_ranges[mid][1]) {
            lo = mid + 1;
        } else {
            return 1;
        }
    }
    return 0;
}

int ftp_charset_select(const uint8_t *text, size_t len, int lenient, uint32_t **out, size_t *n,
                       char *why, size_t why_len)
{
    *out = NULL;
    *n = 0;
    // One bit per code point: repeats fall away and the order is free.
    uint64_t *seen = calloc(0x110000 / 64, sizeof(*seen));
    if (seen == NULL) {
        return -2;
    }
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t step = glyph_utf8_decode(text + i, len - i, &cp);
        if (step == 0 && !lenient) {
            snprintf(why, why_len, "not UTF-8 (byte 0x%02X at offset %zu)", text[i], i);
            free(seen);
            return -1;
        }
        i += step > 0 ? step : 1;
        if (step > 0 && ftp_charset_keeps(cp) && !(seen[cp / 64] >> (cp % 64) & 1)) {
            seen[cp / 64] |= (uint64_t)1 << (cp % 64);
            count++;
        }
    }
    uint32_t *cps = count > 0 ? malloc(count * sizeof(*cps)) : NULL;
    if (count > 0 && cps == NULL) {
        free(seen);
        return -2;
    }
    for (uint32_t w = 0, k = 0; w < 0x110000 / 64; w++) {
        for (uint64_t v = seen[w]; v != 0; v &= v - 1) {
            cps[k++] = w * 64 + (uint32_t)__builtin_ctzll(v);
        }
    }
    free(seen);
    *out = cps;
    *n = count;
    return 0;
}
