// A code point set is a bitmap over U+0000..U+10FFFF (136 KiB) plus the
// sorted list that glyph_charset_at() indexes. Every mutator builds its
// additions in a scratch bitmap first and merges only on success, so a
// failed call leaves the set unchanged.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "utf8.h"

#define CP_LIMIT 0x110000u
#define CP_WORDS (CP_LIMIT / 64u)
#define SURR_LO  0xD800u
#define SURR_HI  0xDFFFu
#define WHY_ITEM 40 // bytes of an offending item quoted in `why`

struct glyph_charset {
    struct glyph_ctx *ctx;
    uint64_t *bits;
    uint32_t *sorted;
    size_t count;
    size_t cap;
};

struct glyph_charset *glyph_charset_create(struct glyph_ctx *ctx)
{
    struct glyph_charset *cs = glyph_calloc(ctx, 1, sizeof(*cs));
    if (cs == NULL) {
        return NULL;
    }
    cs->ctx = ctx;
    cs->bits = glyph_calloc(ctx, CP_WORDS, sizeof(uint64_t));
    if (cs->bits == NULL) {
        glyph_free(ctx, cs);
        return NULL;
    }
    return cs;
}

void glyph_charset_destroy(struct glyph_charset *cs)
{
    if (cs == NULL) {
        return;
    }
    glyph_free(cs->ctx, cs->sorted);
    glyph_free(cs->ctx, cs->bits);
    glyph_free(cs->ctx, cs);
}

size_t glyph_charset_count(const struct glyph_charset *cs)
{
    return cs->count;
}

uint32_t glyph_charset_at(const struct glyph_charset *cs, size_t i)
{
    return i < cs->count ? cs->sorted[i] : 0;
}

static void bit_set(uint64_t *bits, uint32_t cp)
{
    bits[cp / 64] |= (uint64_t)1 << (cp % 64);
}

static void bits_fill(uint64_t *bits, uint32_t first, uint32_t last)
{
    for (uint32_t cp = first; cp <= last; cp++) {
        if (cp % 64 == 0 && last - cp >= 63) {
            bits[cp / 64] = ~(uint64_t)0;
            cp += 63;
        } else {
            bit_set(bits, cp);
        }
    }
}

// Sets [first, last] except surrogates; the caller checked the bounds.
static void bits_set_range(uint64_t *bits, uint32_t first, uint32_t last)
{
    if (first < SURR_LO) {
        bits_fill(bits, first, last < SURR_LO ? last : SURR_LO - 1);
    }
    if (last > SURR_HI) {
        bits_fill(bits, first > SURR_HI ? first : SURR_HI + 1, last);
    }
}

// ORs `add` into the set and rebuilds the sorted list; allocates before
// changing anything.
static int merge(struct glyph_charset *cs, const uint64_t *add)
{
    size_t fresh = 0;
    for (size_t w = 0; w < CP_WORDS; w++) {
        // Most words are empty; without -mpopcnt each popcount is a call.
        uint64_t a = add[w] & ~cs->bits[w];
        fresh += a != 0 ? (size_t)__builtin_popcountll(a) : 0;
    }
    if (fresh == 0) {
        return 0;
    }
    size_t need = cs->count + fresh;
    if (need > cs->cap) {
        size_t ncap = need < 2 * cs->cap ? 2 * cs->cap : need;
        uint32_t *n = glyph_realloc(cs->ctx, cs->sorted, ncap * sizeof(uint32_t));
        if (n == NULL) {
            return GLYPH_ERR_NOMEM;
        }
        cs->sorted = n;
        cs->cap = ncap;
    }
    size_t k = 0;
    for (size_t w = 0; w < CP_WORDS; w++) {
        uint64_t v = cs->bits[w] | add[w];
        cs->bits[w] = v;
        while (v != 0) {
            cs->sorted[k++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(v));
            v &= v - 1;
        }
    }
    cs->count = k;
    return 0;
}

int glyph_charset_add_list(struct glyph_charset *cs, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cps[i] >= CP_LIMIT || (cps[i] >= SURR_LO && cps[i] <= SURR_HI)) {
            return GLYPH_ERR_CHARSET;
        }
    }
    uint64_t *add = glyph_calloc(cs->ctx, CP_WORDS, sizeof(uint64_t));
    if (add == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        bit_set(add, cps[i]);
    }
    int err = merge(cs, add);
    glyph_free(cs->ctx, add);
    return err;
}

int glyph_charset_add_range(struct glyph_charset *cs, uint32_t first, uint32_t last)
{
    if (first > last || last >= CP_LIMIT || (first >= SURR_LO && last <= SURR_HI)) {
        return GLYPH_ERR_CHARSET;
    }
    uint64_t *add = glyph_calloc(cs->ctx, CP_WORDS, sizeof(uint64_t));
    if (add == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    bits_set_range(add, first, last);
    int err = merge(cs, add);
    glyph_free(cs->ctx, add);
    return err;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
fail(char *why, size_t why_len, const char *fmt, ...)
{
    if (why != NULL && why_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return GLYPH_ERR_CHARSET;
}

int glyph_charset_add_utf8(struct glyph_charset *cs, const uint8_t *text, size_t len, char *why,
                           size_t why_len)
{
    if (why != NULL && why_len > 0) {
        why[0] = '\0';
    }
    if (text == NULL && len > 0) {
        return GLYPH_ERR_INVALID_ARG;
    }
    uint64_t *add = glyph_calloc(cs->ctx, CP_WORDS, sizeof(uint64_t));
    if (add == NULL) {
        return GLYPH_ERR_NOMEM;
    }
    for (size_t off = 0; off < len;) {
        uint32_t cp;
        size_t n = glyph_utf8_decode(text + off, len - off, &cp);
        if (n == 0) {
            glyph_free(cs->ctx, add);
            return fail(why, why_len, "invalid UTF-8 at byte offset %zu (byte 0x%02X)", off,
                        text[off]);
        }
        if (cp >= 0x20 && cp != 0xFEFF) {
            bit_set(add, cp);
        }
        off += n;
    }
    int err = merge(cs, add);
    glyph_free(cs->ctx, add);
    return err;
}

// One character of an item after unescaping.
struct item_char {
    uint32_t cp;
    int escaped;
};

// Parses 0xHEX, U+HEX or decimal at s[*pos]; values above U+10FFFF are
// reported as CP_LIMIT. Returns 0 when no digits follow the prefix.
static int parse_number(const char *s, size_t len, size_t *pos, uint32_t *out)
{
    size_t i = *pos;
    unsigned base = 10;
    if (len - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    } else if (len - i >= 2 && (s[i] == 'U' || s[i] == 'u') && s[i + 1] == '+') {
        base = 16;
        i += 2;
    }
    size_t start = i;
    uint32_t v = 0;
    for (; i < len; i++) {
        unsigned d;
        char c = s[i];
        if (c >= '0' && c <= '9') {
            d = (unsigned)(c - '0');
        } else if (base == 16 && c >= 'a' && c <= 'f') {
            d = (unsigned)(c - 'a' + 10);
        } else if (base == 16 && c >= 'A' && c <= 'F') {
            d = (unsigned)(c - 'A' + 10);
        } else {
            break;
        }
        v = v * base + d;
        if (v >= CP_LIMIT) {
            v = CP_LIMIT; // saturate: keeps reading digits without overflow
        }
    }
    if (i == start) {
        return 0;
    }
    *pos = i;
    *out = v;
    return 1;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    return i;
}

// A numeric item: "N" or "N-M", blanks allowed around the dash.
static int parse_numeric(uint64_t *add, const char *s, size_t len, const char *quoted, char *why,
                         size_t why_len)
{
    size_t i = 0;
    uint32_t first, last;
    if (!parse_number(s, len, &i, &first)) {
        return fail(why, why_len, "%s: not a number", quoted);
    }
    last = first;
    i = skip_blanks(s, len, i);
    if (i < len && s[i] == '-') {
        i = skip_blanks(s, len, i + 1);
        if (!parse_number(s, len, &i, &last)) {
            return fail(why, why_len, "%s: range end is not a number", quoted);
        }
    }
    if (i != len) {
        return fail(why, why_len, "%s: unexpected '%c' (literal digits need a \\)", quoted, s[i]);
    }
    if (first >= CP_LIMIT || last >= CP_LIMIT) {
        return fail(why, why_len, "%s: code point above U+10FFFF", quoted);
    }
    if (first > last) {
        return fail(why, why_len, "%s: reversed range (U+%04X > U+%04X)", quoted, first, last);
    }
    if (first >= SURR_LO && last <= SURR_HI) {
        return fail(why, why_len, "%s: surrogates (U+D800..U+DFFF) are not characters", quoted);
    }
    bits_set_range(add, first, last);
    return 0;
}

// Splits off the item at spec[*pos] up to an unescaped comma, unescaping it
// into `chars` with unescaped blanks trimmed at both ends.
static int read_item(const char *spec, size_t len, size_t *pos, struct item_char *chars,
                     size_t *nchars, char *why, size_t why_len)
{
    size_t i = *pos, n = 0;
    const uint8_t *u = (const uint8_t *)spec;
    while (i < len && spec[i] != ',') {
        int escaped = 0;
        if (spec[i] == '\\') {
            if (i + 1 == len) {
                return fail(why, why_len, "backslash at the end of the selection");
            }
            escaped = 1;
            i++;
        }
        uint32_t cp;
        size_t k = glyph_utf8_decode(u + i, len - i, &cp);
        if (k == 0) {
            return fail(why, why_len, "invalid UTF-8 at byte offset %zu (byte 0x%02X)", i, u[i]);
        }
        chars[n].cp = cp;
        chars[n].escaped = escaped;
        n++;
        i += k;
    }
    size_t lo = 0;
    while (lo < n && !chars[lo].escaped && (chars[lo].cp == ' ' || chars[lo].cp == '\t')) {
        lo++;
    }
    while (n > lo && !chars[n - 1].escaped && (chars[n - 1].cp == ' ' || chars[n - 1].cp == '\t')) {
        n--;
    }
    memmove(chars, chars + lo, (n - lo) * sizeof(*chars));
    *nchars = n - lo;
    *pos = i;
    return 0;
}

static int is_numeric(const struct item_char *c, size_t n)
{
    if (c[0].escaped) {
        return 0;
    }
    if (c[0].cp >= '0' && c[0].cp <= '9') {
        return 1;
    }
    return (c[0].cp == 'U' || c[0].cp == 'u') && n > 1 && !c[1].escaped && c[1].cp == '+';
}

static int parse_item(uint64_t *add, const struct item_char *chars, size_t n, char *ascii,
                      const char *quoted, char *why, size_t why_len)
{
    if (n == 0) {
        return fail(why, why_len, "%s: empty item", quoted);
    }
    if (!is_numeric(chars, n)) {
        for (size_t k = 0; k < n; k++) {
            bit_set(add, chars[k].cp);
        }
        return 0;
    }
    for (size_t k = 0; k < n; k++) {
        if (chars[k].escaped || chars[k].cp >= 0x80) {
            return fail(why, why_len, "%s: not a code point or range", quoted);
        }
        ascii[k] = (char)chars[k].cp;
    }
    return parse_numeric(add, ascii, n, quoted, why, why_len);
}

int glyph_charset_parse(struct glyph_charset *cs, const char *spec, char *why, size_t why_len)
{
    if (why != NULL && why_len > 0) {
        why[0] = '\0';
    }
    if (spec == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    size_t len = strlen(spec);
    struct glyph_ctx *ctx = cs->ctx;
    uint64_t *add = glyph_calloc(ctx, CP_WORDS, sizeof(uint64_t));
    struct item_char *chars = glyph_alloc_array(ctx, len + 1, sizeof(*chars));
    char *ascii = glyph_alloc(ctx, len + 1);
    int err = GLYPH_ERR_NOMEM;
    if (add == NULL || chars == NULL || ascii == NULL) {
        goto out_free;
    }
    size_t pos = 0;
    for (size_t item = 1;; item++) {
        size_t start = pos, n = 0;
        err = read_item(spec, len, &pos, chars, &n, why, why_len);
        if (err < 0) {
            goto out_free;
        }
        char quoted[WHY_ITEM + 32];
        int shown = (int)(pos - start < WHY_ITEM ? pos - start : WHY_ITEM);
        snprintf(quoted, sizeof(quoted), "item %zu ('%.*s%s')", item, shown, spec + start,
                 pos - start > WHY_ITEM ? "..." : "");
        err = parse_item(add, chars, n, ascii, quoted, why, why_len);
        if (err < 0) {
            goto out_free;
        }
        if (pos == len) {
            break;
        }
        pos++; // the comma
    }
    err = merge(cs, add);
out_free:
    glyph_free(ctx, ascii);
    glyph_free(ctx, chars);
    glyph_free(ctx, add);
    return err;
}
