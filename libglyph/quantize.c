// Palettes: the colour quantizer (median cut, then k-means), the palette text
// format and palettes read from image pixels.
#include <stdlib.h>
#include <string.h>

#include "context_internal.h"
#include "glyph/error.h"
#include "glyph/palette.h"

struct colour {
    uint8_t c[4];
    uint32_t n; // pixels of this colour
};

struct box {
    size_t lo, hi; // entries [lo, hi) of the colour array
    double score;  // count-weighted variance along `axis`; 0 = cannot split
    unsigned axis;
};

static uint32_t key_of(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// LSD radix sort of 32-bit keys, 8 bits per pass.
static void radix_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) {
            count[((a[i] >> shift) & 0xFFu) + 1]++;
        }
        for (size_t i = 1; i < 257; i++) {
            count[i] += count[i - 1];
        }
        for (size_t i = 0; i < n; i++) {
            tmp[count[(a[i] >> shift) & 0xFFu]++] = a[i];
        }
        memcpy(a, tmp, n * sizeof(*a));
    }
}

// Distinct colours of the image with their pixel counts, sorted by value.
static int histogram(struct glyph_ctx *ctx, const uint8_t *rgba, uint32_t width, uint32_t height,
                     size_t stride, struct colour **out, size_t *out_n)
{
    size_t n = (size_t)width * height;
    uint32_t *keys = glyph_alloc_array(ctx, n, sizeof(uint32_t));
    uint32_t *tmp = glyph_alloc_array(ctx, n, sizeof(uint32_t));
    if (keys == NULL || tmp == NULL) {
        glyph_free(ctx, keys);
        glyph_free(ctx, tmp);
        return GLYPH_ERR_NOMEM;
    }
    for (uint32_t y = 0; y < height; y++) {
        for (uint32_t x = 0; x < width; x++) {
            keys[(size_t)y * width + x] = key_of(rgba + (size_t)y * stride + 4 * (size_t)x);
        }
    }
    radix_sort(keys, tmp, n);
    glyph_free(ctx, tmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        u += (i == 0 || keys[i] != keys[i - 1]);
    }
    struct colour *col = glyph_alloc_array(ctx, u, sizeof(*col));
    if (col == NULL) {
        glyph_free(ctx, keys);
        return GLYPH_ERR_NOMEM;
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && keys[i] == keys[i - 1]) {
            col[j - 1].n++;
            continue;
        }
        for (unsigned c = 0; c < 4; c++) {
            col[j].c[c] = (uint8_t)(keys[i] >> (24 - 8 * c));
        }
        col[j++].n = 1;
    }
    glyph_free(ctx, keys);
    *out = col;
    *out_n = u;
    return 0;
}

static void box_measure(const struct colour *col, struct box *b)
{
    double best = 0;
    b->axis = 0;
    for (unsigned c = 0; c < 4; c++) {
        double sn = 0, s1 = 0, s2 = 0;
        for (size_t i = b->lo; i < b->hi; i++) {
            double v = col[i].c[c];
            sn += col[i].n;
            s1 += col[i].n * v;
            s2 += col[i].n * v * v;
        }
        double var = s2 - s1 * s1 / sn;
        if (var > best) {
            best = var;
            b->axis = c;
        }
    }
    b->score = b->hi - b->lo >= 2 ? best : 0;
}

static int cmp_on(const void *pa, const void *pb, unsigned ch)
{
    const struct colour *a = pa, *b = pb;
    if (a->c[ch] != b->c[ch]) {
        return a->c[ch] < b->c[ch] ? -1 : 1;
    }
    uint32_t ka = key_of(a->c), kb = key_of(b->c);
    return ka < kb ? -1 : (ka > kb);
}

static int cmp_0(const void *a, const void *b)
{
    return cmp_on(a, b, 0);
}

static int cmp_1(const void *a, const void *b)
{
    return cmp_on(a, b, 1);
}

static int cmp_2(const void *a, const void *b)
{
    return cmp_on(a, b, 2);
}

static int cmp_3(const void *a, const void *b)
{
    return cmp_on(a, b, 3);
}

static int (*const cmp_channel[4])(const void *, const void *) = {cmp_0, cmp_1, cmp_2, cmp_3};

// Splits box `b` at the weighted median of its axis into b and `nb`.
static void box_split(struct colour *col, struct box *b, struct box *nb)
{
    qsort(col + b->lo, b->hi - b->lo, sizeof(*col), cmp_channel[b->axis]);
    uint64_t total = 0, run = 0;
    for (size_t i = b->lo; i < b->hi; i++) {
        total += col[i].n;
    }
    size_t m = b->lo + 1;
    for (size_t i = b->lo; i < b->hi - 1; i++) {
        run += col[i].n;
        m = i + 1;
        if (2 * run >= total) {
            break;
        }
    }
    nb->lo = m;
    nb->hi = b->hi;
    b->hi = m;
    box_measure(col, b);
    box_measure(col, nb);
}

static unsigned nearest(const double (*cent)[4], unsigned k, const uint8_t *c)
{
    unsigned best = 0;
    double best_d = 1e300;
    for (unsigned i = 0; i < k; i++) {
        double d = 0;
        for (unsigned j = 0; j < 4; j++) {
            double t = c[j] - cent[i][j];
            d += t * t;
        }
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

// Lloyd iterations on the distinct colours, weighted by their counts.
static void kmeans(const struct colour *col, size_t u, double (*cent)[4], unsigned k,
                   unsigned passes)
{
    double sum[GLYPH_PALETTE_MAX][5];
    for (unsigned p = 0; p < passes; p++) {
        memset(sum, 0, sizeof(sum));
        for (size_t i = 0; i < u; i++) {
            unsigned j = nearest((const double(*)[4])cent, k, col[i].c);
            for (unsigned c = 0; c < 4; c++) {
                sum[j][c] += (double)col[i].n * col[i].c[c];
            }
            sum[j][4] += col[i].n;
        }
        for (unsigned j = 0; j < k; j++) {
            if (sum[j][4] > 0) {
                for (unsigned c = 0; c < 4; c++) {
                    cent[j][c] = sum[j][c] / sum[j][4];
                }
            }
        }
    }
}

static int cmp_entry(const void *pa, const void *pb)
{
    uint32_t a = key_of(pa), b = key_of(pb);
    return a < b ? -1 : (a > b);
}

// Sorts entries and drops repeats.
static void palette_normalise(struct glyph_palette *p)
{
    qsort(p->rgba, p->count, 4, cmp_entry);
    unsigned j = 0;
    for (unsigned i = 0; i < p->count; i++) {
        if (j == 0 || memcmp(p->rgba[i], p->rgba[j - 1], 4) != 0) {
            memmove(p->rgba[j++], p->rgba[i], 4);
        }
    }
    p->count = j;
}

static void median_cut(struct colour *col, size_t u, unsigned k, struct glyph_palette *out)
{
    struct box boxes[GLYPH_PALETTE_MAX];
    unsigned nb = 1;
    boxes[0].lo = 0;
    boxes[0].hi = u;
    box_measure(col, &boxes[0]);
    while (nb < k) {
        unsigned pick = nb;
        for (unsigned i = 0; i < nb; i++) {
            if (boxes[i].score > 0 && (pick == nb || boxes[i].score > boxes[pick].score)) {
                pick = i;
            }
        }
        if (pick == nb) {
            break;
        }
        box_split(col, &boxes[pick], &boxes[nb]);
        nb++;
    }
    double cent[GLYPH_PALETTE_MAX][4];
    for (unsigned i = 0; i < nb; i++) {
        double s[4] = {0, 0, 0, 0}, n = 0;
        for (size_t j = boxes[i].lo; j < boxes[i].hi; j++) {
            for (unsigned c = 0; c < 4; c++) {
                s[c] += (double)col[j].n * col[j].c[c];
            }
            n += col[j].n;
        }
        for (unsigned c = 0; c < 4; c++) {
            cent[i][c] = s[c] / n;
        }
    }
    // Refinement costs u * k distance computations per pass; keep it bounded.
    double work = (double)u * nb;
    unsigned passes = work <= 2e7 ? 4 : (work <= 1e8 ? 2 : 1);
    kmeans(col, u, cent, nb, passes);
    out->count = nb;
    for (unsigned i = 0; i < nb; i++) {
        for (unsigned c = 0; c < 4; c++) {
            double v = cent[i][c] + 0.5;
            out->rgba[i][c] = (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
        }
    }
}

int glyph_palette_quantize(struct glyph_ctx *ctx, const uint8_t *rgba, uint32_t width,
                           uint32_t height, size_t stride, unsigned max_colors,
                           struct glyph_palette *out)
{
    if (ctx == NULL || rgba == NULL || out == NULL || width == 0 || height == 0 ||
        stride < (size_t)width * 4 || max_colors == 0 || max_colors > GLYPH_PALETTE_MAX) {
        return GLYPH_ERR_INVALID_ARG;
    }
    struct colour *col = NULL;
    size_t u = 0;
    int err = histogram(ctx, rgba, width, height, stride, &col, &u);
    if (err < 0) {
        return err;
    }
    memset(out, 0, sizeof(*out));
    if (u <= max_colors) {
        out->count = (unsigned)u;
        for (size_t i = 0; i < u; i++) {
            memcpy(out->rgba[i], col[i].c, 4);
        }
    } else {
        median_cut(col, u, max_colors, out);
    }
    glyph_free(ctx, col);
    palette_normalise(out);
    return 0;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
    }
    return -1;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

// Parses one line (without its newline); 1 = colour stored, 0 = skipped,
// -1 = malformed.
static int parse_line(const char *s, size_t len, uint8_t rgba[4])
{
    size_t i = 0;
    while (i < len && is_space(s[i])) {
        i++;
    }
    if (i == len || s[i] == ';' || (len - i >= 2 && s[i] == '/' && s[i + 1] == '/')) {
        return 0;
    }
    if (s[i] == '#') {
        i++;
    }
    uint32_t v = 0;
    size_t digits = 0;
    while (i < len && hexval(s[i]) >= 0 && digits < 9) {
        v = v << 4 | (uint32_t)hexval(s[i++]);
        digits++;
    }
    if ((digits != 6 && digits != 8) || (i < len && !is_space(s[i]))) {
        return -1;
    }
    uint32_t a = digits == 8 ? v >> 24 : 0xFF;
    rgba[0] = (uint8_t)(v >> 16);
    rgba[1] = (uint8_t)(v >> 8);
    rgba[2] = (uint8_t)v;
    rgba[3] = (uint8_t)a;
    return 1;
}

int glyph_palette_parse_text(const char *text, size_t len, struct glyph_palette *out,
                             unsigned *bad_line)
{
    if (bad_line != NULL) {
        *bad_line = 0;
    }
    if ((text == NULL && len > 0) || out == NULL) {
        return GLYPH_ERR_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    unsigned line = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        line++;
        uint8_t c[4];
        int r = parse_line(text + pos, end - pos, c);
        if (r < 0 || (r > 0 && out->count == GLYPH_PALETTE_MAX)) {
            if (bad_line != NULL) {
                *bad_line = line;
            }
            return GLYPH_ERR_PALETTE;
        }
        if (r > 0) {
            memcpy(out->rgba[out->count++], c, 4);
        }
        pos = end + 1;
    }
    return out->count == 0 ? GLYPH_ERR_PALETTE : 0;
}

int glyph_palette_from_pixels(const uint8_t *rgba, uint32_t width, uint32_t height, size_t stride,
                              struct glyph_palette *out)
{
    if (rgba == NULL || out == NULL || stride < (size_t)width * 4) {
        return GLYPH_ERR_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    for (uint32_t y = 0; y < height; y++) {
        for (uint32_t x = 0; x < width; x++) {
            const uint8_t *p = rgba + (size_t)y * stride + 4 * (size_t)x;
            unsigned i = 0;
            while (i < out->count && memcmp(out->rgba[i], p, 4) != 0) {
                i++;
            }
            if (i < out->count) {
                continue;
            }
            if (out->count == GLYPH_PALETTE_MAX) {
                return GLYPH_ERR_PALETTE;
            }
            memcpy(out->rgba[out->count++], p, 4);
        }
    }
    return out->count == 0 ? GLYPH_ERR_PALETTE : 0;
}
