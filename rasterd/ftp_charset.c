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

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int ftp_charset_select(const uint8_t *text, size_t len, int lenient, uint32_t **out, size_t *n,
                       char *why, size_t why_len)
{
    *out = NULL;
    *n = 0;
    uint32_t *cps = malloc((len > 0 ? len : 1) * sizeof(*cps));
    if (cps == NULL) {
        return -2;
    }
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t step = glyph_utf8_decode(text + i, len - i, &cp);
        if (step == 0) {
            if (!lenient) {
                snprintf(why, why_len, "not UTF-8 (byte 0x%02X at offset %zu)", text[i], i);
                free(cps);
                return -1;
            }
            i++;
            continue;
        }
        i += step;
        if (ftp_charset_keeps(cp)) {
            cps[k++] = cp;
        }
    }
    qsort(cps, k, sizeof(*cps), cmp_u32);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m == 0 || cps[m - 1] != cps[i]) {
            cps[m++] = cps[i];
        }
    }
    if (m == 0) {
        free(cps);
        return 0;
    }
    *out = cps;
    *n = m;
    return 0;
}
