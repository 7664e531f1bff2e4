// PCF bitmap fonts: a two-glyph PCF written here (little-endian tables,
// MSB-first bits, byte-padded rows; layout per the PCF format description
// in FontForge's documentation) opens as a bitmap font and renders its
// glyphs pixel for pixel at its one size; other sizes are refused.
#include "font_test_util.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

#define PCF_PROPERTIES    (1 << 0)
#define PCF_ACCELERATORS  (1 << 1)
#define PCF_METRICS       (1 << 2)
#define PCF_BITMAPS       (1 << 3)
#define PCF_BDF_ENCODINGS (1 << 5)
#define PCF_COMPRESSED    0x100
#define PCF_BIT_MSB       (1 << 3)

struct buf {
    uint8_t b[4096];
    size_t n;
};

static void p8(struct buf *b, unsigned v)
{
    b->b[b->n++] = (uint8_t)v;
}

static void p16(struct buf *b, unsigned v)
{
    p8(b, v & 0xFF);
    p8(b, v >> 8 & 0xFF);
}

static void p32(struct buf *b, uint32_t v)
{
    p16(b, v & 0xFFFF);
    p16(b, v >> 16);
}

static void pad4(struct buf *b)
{
    while (b->n % 4) {
        p8(b, 0);
    }
}

struct prop {
    const char *name;
    int is_string;
    const char *str;
    int32_t value;
};

static void properties(struct buf *t)
{
    static const struct prop props[] = {
        {"FAMILY_NAME", 1, "Tiny", 0},
        {"PIXEL_SIZE", 0, NULL, 8},
        {"POINT_SIZE", 0, NULL, 80},
        {"RESOLUTION_Y", 0, NULL, 75},
        {"CHARSET_REGISTRY", 1, "ISO10646", 0},
        {"CHARSET_ENCODING", 1, "1", 0},
        {"FONT_ASCENT", 0, NULL, 6},
        {"FONT_DESCENT", 0, NULL, 2},
    };
    const unsigned n = sizeof(props) / sizeof(props[0]);
    char strings[256];
    size_t slen = 0;
    p32(t, 0); // format: default, little-endian
    p32(t, n);
    for (unsigned i = 0; i < n; i++) {
        p32(t, (uint32_t)slen);
        memcpy(strings + slen, props[i].name, strlen(props[i].name) + 1);
        slen += strlen(props[i].name) + 1;
        p8(t, (unsigned)props[i].is_string);
        if (props[i].is_string) {
            p32(t, (uint32_t)slen);
            memcpy(strings + slen, props[i].str, strlen(props[i].str) + 1);
            slen += strlen(props[i].str) + 1;
        } else {
            p32(t, (uint32_t)props[i].value);
        }
    }
    pad4(t);
    p32(t, (uint32_t)slen);
    memcpy(t->b + t->n, strings, slen);
    t->n += slen;
}

// lsb, rsb, width, ascent, descent, attributes
static void metric16(struct buf *t, const int m[5])
{
    for (int i = 0; i < 5; i++) {
        p16(t, (unsigned)(m[i] & 0xFFFF));
    }
    p16(t, 0);
}

static const int metric_a[5] = {0, 5, 6, 6, 0}, metric_g[5] = {0, 4, 5, 3, 2};
static const uint8_t rows_a[6] = {0x20, 0x50, 0x88, 0xF8, 0x88, 0x88};
static const uint8_t rows_g[5] = {0x70, 0x90, 0x70, 0x10, 0xE0};

static void accelerators(struct buf *t)
{
    static const int minb[5] = {0, 4, 5, 3, 0}, maxb[5] = {0, 5, 6, 6, 2};
    p32(t, 0);
    for (int i = 0; i < 8; i++) {
        p8(t, 0); // noOverlap .. padding
    }
    p32(t, 6); // fontAscent
    p32(t, 2); // fontDescent
    p32(t, 0); // maxOverlap
    metric16(t, minb);
    metric16(t, maxb);
}

static void metrics(struct buf *t)
{
    p32(t, PCF_COMPRESSED);
    p16(t, 2);
    const int *m[2] = {metric_a, metric_g};
    for (int g = 0; g < 2; g++) {
        for (int i = 0; i < 5; i++) {
            p8(t, (unsigned)(m[g][i] + 0x80));
        }
    }
}

static void bitmaps(struct buf *t)
{
    p32(t, PCF_BIT_MSB); // glyph pad 1 byte, scan unit 1 byte
    p32(t, 2);
    p32(t, 0);
    p32(t, 6);
    // Sizes for glyph padding 1, 2, 4, 8 bytes per row.
    p32(t, 11);
    p32(t, 22);
    p32(t, 44);
    p32(t, 88);
    for (int i = 0; i < 6; i++) {
        p8(t, rows_a[i]);
    }
    for (int i = 0; i < 5; i++) {
        p8(t, rows_g[i]);
    }
}

static void encodings(struct buf *t)
{
    p32(t, 0);
    p16(t, 'A'); // first column
    p16(t, 'g'); // last column
    p16(t, 0);   // first row
    p16(t, 0);   // last row
    p16(t, 'A'); // default char
    for (unsigned c = 'A'; c <= 'g'; c++) {
        p16(t, c == 'A' ? 0 : c == 'g' ? 1 : 0xFFFF);
    }
}

static size_t make_pcf(uint8_t *out, size_t cap)
{
    void (*const makers[5])(struct buf *) = {properties, accelerators, metrics, bitmaps, encodings};
    static const uint32_t types[5] = {PCF_PROPERTIES, PCF_ACCELERATORS, PCF_METRICS, PCF_BITMAPS,
                                      PCF_BDF_ENCODINGS};
    static struct buf tables[5], file;
    file.n = 0;
    memcpy(file.b, "\1fcp", 4);
    file.n = 4;
    p32(&file, 5);
    size_t off = 8 + 5 * 16;
    for (int i = 0; i < 5; i++) {
        tables[i].n = 0;
        makers[i](&tables[i]);
        pad4(&tables[i]);
        uint32_t format = (uint32_t)tables[i].b[0] | (uint32_t)tables[i].b[1] << 8;
        p32(&file, types[i]);
        p32(&file, format);
        p32(&file, (uint32_t)tables[i].n);
        p32(&file, (uint32_t)off);
        off += tables[i].n;
    }
    for (int i = 0; i < 5; i++) {
        memcpy(file.b + file.n, tables[i].b, tables[i].n);
        file.n += tables[i].n;
    }
    if (file.n > cap) {
        return 0;
    }
    memcpy(out, file.b, file.n);
    return file.n;
}

static void check_rows(const struct glyph_info *g, const uint8_t *rows, unsigned bpp)
{
    unsigned max = (1u << bpp) - 1, bad = 0;
    for (uint32_t y = 0; g->levels && y < g->height; y++) {
        for (uint32_t x = 0; x < g->width; x++) {
            unsigned bit = rows[y] >> (7 - x) & 1;
            bad += g->levels[y * g->width + x] != (bit ? max : 0);
        }
    }
    CHECK(g->levels != NULL && bad == 0, "U+%04X at %u bpp: %u pixels differ", g->codepoint, bpp,
          bad);
}

int main(void)
{
    struct log_capture logs = {0};
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    glyph_ctx_set_log(ctx, capture_log, &logs, GLYPH_LOG_DEBUG);
    uint8_t pcf[4096];
    size_t len = make_pcf(pcf, sizeof(pcf));
    struct glyph_font *font = NULL;
    int err = glyph_font_open_memory(ctx, pcf, len, 0, &font);
    CHECK(err == 0, "open PCF: %s (%s)", glyph_error_name(err), logs.last);
    if (font == NULL) {
        return 1;
    }
    CHECK(!glyph_font_is_scalable(font) && strcmp(glyph_font_family(font), "Tiny") == 0,
          "PCF face '%s'", glyph_font_family(font));
    CHECK(glyph_font_has_codepoint(font, 'A') && glyph_font_has_codepoint(font, 'g') &&
              !glyph_font_has_codepoint(font, 'B'),
          "PCF cmap");
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_parse(cs, "Agx", NULL, 0) == 0, "charset");
    for (unsigned bpp = 1; bpp <= 8; bpp *= 2) {
        struct glyph_render_opts o = {.size_px = 8, .bpp = bpp};
        struct glyph_set *set = NULL;
        err = glyph_set_render(ctx, &font, 1, cs, &o, &set);
        CHECK(err == 0, "render %u bpp: %s (%s)", bpp, glyph_error_name(err), logs.last);
        if (set == NULL) {
            continue;
        }
        const struct glyph_info *a = glyph_set_find(set, 'A'), *g = glyph_set_find(set, 'g');
        CHECK(a && a->width == 5 && a->height == 6 && a->top == 6 && a->left == 0 &&
                  a->advance == 6,
              "A metrics");
        CHECK(g && g->width == 4 && g->height == 5 && g->top == 3 && g->advance == 5, "g metrics");
        if (a && g) {
            check_rows(a, rows_a, bpp);
            check_rows(g, rows_g, bpp);
        }
        CHECK(glyph_set_missing_count(set) == 1 && glyph_set_missing(set, 0) == 'x', "x missing");
        const struct glyph_set_metrics *m = glyph_set_metrics(set);
        CHECK(m->ascender == 6 && m->descender == -2, "PCF line metrics %d %d", m->ascender,
              m->descender);
        glyph_set_destroy(set);
    }
    struct glyph_render_opts o = {.size_px = 12, .bpp = 4};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == GLYPH_ERR_FONT_SIZE, "12 px refused");
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
