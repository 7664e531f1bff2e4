// font_to_py's -c/-k rules (docs/font-to-py.md): decode, keep the printable
// characters and the private use area, drop repeats, sort.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_charset.h"
#include "ftp_printable.h"

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

// Decodes the well-formed UTF-8 sequence at p[0..n) into *cp and returns its
// length, or 0 (RFC 3629: no overlongs, surrogates or values past U+10FFFF).
static size_t decode(const uint8_t *p, size_t n, uint32_t *cp)
{
    size_t len = p[0] < 0x80                    ? 1
                 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
                 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
                 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                                : 0;
    if (len == 0 || len > n) {
        return 0;
    }
    uint8_t lo = p[0] == 0xE0 ? 0xA0 : p[0] == 0xF0 ? 0x90 : 0x80;
    uint8_t hi = p[0] == 0xED ? 0x9F : p[0] == 0xF4 ? 0x8F : 0xBF;
    uint32_t v = len == 1 ? p[0] : (uint32_t)(p[0] & (0x7F >> len));
    for (size_t i = 1; i < len; i++) {
        if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xBF)) {
            return 0;
        }
        v = v << 6 | (p[i] & 0x3Fu);
    }
    *cp = v;
    return len;
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
        size_t step = decode(text + i, len - i, &cp);
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
