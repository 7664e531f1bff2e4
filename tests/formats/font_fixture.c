#include <stdlib.h>
#include <string.h>

#include "font_fixture.h"
#include "glyph/pack.h"

enum { ASC = 9, DESC = -3 };

static size_t codepoints(uint32_t *cps)
{
    size_t n = 0;
    for (uint32_t cp = 0x20; cp <= 0x7E; cp++) {
        if (cp != 0x60) { // a hole, so ASCII is two ranges
            cps[n++] = cp;
        }
    }
    for (uint32_t cp = 0xA0; cp <= 0xA5; cp++) {
        cps[n++] = cp;
    }
    cps[n++] = 0x2026;
    return n;
}

static void shape(uint32_t cp, int cell, struct glyph_packed_glyph *g)
{
    uint32_t w = cp == 0x20 || cp == 0xA0 ? 0 : cp % 7 + 1;
    uint32_t h = w == 0 ? 0 : cp % 5 + 3;
    g->codepoint = cp;
    g->advance = (int32_t)w + 2;
    g->left = (int32_t)(cp % 3) - 1;
    g->top = (int32_t)h - 1 - (int32_t)(cp % 2);
    g->width = w;
    g->height = h;
    if (cell) {
        g->width = (uint32_t)g->advance;
        g->height = ASC - DESC;
        g->left = 0;
        g->top = ASC;
    }
}

static uint8_t level(uint32_t cp, uint32_t x, uint32_t y, unsigned bpp, int cell)
{
    if (cp == 0x20 || cp == 0xA0) {
        return 0;
    }
    if (cell && (x == 0 || x + 1 >= (cp % 7 + 3) || y < 2 || y > 10)) {
        return 0; // a margin of blank pixels like a real cell glyph
    }
    return (uint8_t)((x * 3 + y * 5 + cp) % (1u << bpp));
}

struct glyph_fontpack *fixture_create(const struct glyph_pack_format *fmt, int cell)
{
    uint32_t cps[200];
    size_t n = codepoints(cps);
    struct glyph_fontpack *pack = calloc(1, sizeof(*pack));
    struct glyph_packed_glyph *glyphs = calloc(n, sizeof(*glyphs));
    uint8_t *data = calloc(1, 1 << 16);
    uint8_t levels[64 * 64];
    if (pack == NULL || glyphs == NULL || data == NULL) {
        goto fail;
    }
    size_t off = 0, shared_off = 0;
    for (size_t i = 0; i < n; i++) {
        struct glyph_packed_glyph *g = &glyphs[i];
        shape(cps[i], cell, g);
        g->size = glyph_pack_size(fmt, g->width, g->height);
        if (cps[i] == 0xA1) { // same dimensions and bits as 'A' (0x41 % 7 == 0xA1 % 7)
            struct glyph_packed_glyph *a = &glyphs['A' - 0x20];
            g->width = a->width;
            g->height = a->height;
            g->size = a->size;
            g->offset = shared_off;
            continue;
        }
        for (uint32_t y = 0; y < g->height; y++) {
            for (uint32_t x = 0; x < g->width; x++) {
                levels[y * g->width + x] = level(cps[i], x, y, fmt->bpp, cell);
            }
        }
        if (g->size > 0 && glyph_pack_plane(fmt, levels, g->width, g->width, g->height, data + off,
                                            g->size) != 0) {
            goto fail;
        }
        g->offset = off;
        if (cps[i] == 'A') {
            shared_off = off;
        }
        off += g->size;
    }
    pack->metrics = (struct glyph_set_metrics){.size_px = 12,
                                               .bpp = fmt->bpp,
                                               .ascender = ASC,
                                               .descender = DESC,
                                               .line_height = ASC - DESC,
                                               .max_advance = 9,
                                               .baseline = ASC,
                                               .family = "Fixture \"Sans\"",
                                               .style = "Book"};
    pack->opts.fmt = *fmt;
    pack->opts.cell = cell;
    pack->cell_height = cell ? (uint32_t)(ASC - DESC) : 0;
    pack->cell_baseline = cell ? ASC : 0;
    pack->count = n;
    pack->glyphs = glyphs;
    pack->data = data;
    pack->data_len = off;
    pack->unique_bitmaps = n - 1;
    return pack;
fail:
    free(pack);
    free(glyphs);
    free(data);
    return NULL;
}

void fixture_destroy(struct glyph_fontpack *pack)
{
    if (pack != NULL) {
        free((void *)pack->glyphs);
        free((void *)pack->data);
        free(pack);
    }
}

unsigned char *fixture_levels(const struct glyph_fontpack *pack, size_t i)
{
    const struct glyph_packed_glyph *g = &pack->glyphs[i];
    unsigned char *out = malloc((size_t)g->width * g->height + 1);
    if (out != NULL && g->size > 0 &&
        glyph_unpack_plane(&pack->opts.fmt, pack->data + g->offset, g->size, g->width, g->height,
                           out, g->width) != 0) {
        free(out);
        return NULL;
    }
    return out;
}
