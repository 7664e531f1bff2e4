// EVE extended fonts, format 1 (BT81x and later; docs/eve-fonts.md, "Extended
// fonts"): any number of code points, CMD_TEXT takes UTF-8. One asset holds
// the font block and the glyph cells after it:
//
//   +0  u32 0x0100AAFF          +20 u32 layout height (rows; ASTC: block rows)
//   +4  u32 size of the block   +24 u32 cell width (px)
//   +8  u32 glyph format        +28 u32 cell height (px)
//   +12 u32 swizzle             +32 u32 start of glyph data (absolute address)
//   +16 u32 layout width (B)    +36 u32 N, code points covered, a multiple of 128
//   +40 u32 gptr[N/128]: glyph data of page p starts at start + gptr[p];
//                        glyph of c at start + gptr[c/128] + (c%128) * width * height
//   +40 + 4N/128 u32 wptr[N/128]: width byte of c at block + wptr[c/128] + c%128
//   then the width pages: one shared page of zeros for pages without
//   characters, then one 128-byte page per page with characters; then the
//   glyph data, 4-byte aligned (64 for ASTC).
//
// A page stores the cells of its lowest to its highest character (gaps are
// empty cells); gptr[p] points (c%128) cells before them, so the data of a
// page may start late enough for that offset to stay >= 0 (padding, at most
// 127 cells in all). The start of glyph data is the one absolute address:
// asset_xfont_relocate writes it once the asset is linked.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset_font.h"
#include "exitcodes.h"
#include "formats/eve.h"
#include "formats/sink.h"
#include "glyph/astc.h"
#include "glyph/error.h"
#include "glyph/pack.h"

#define XF_SIGNATURE 0x0100AAFFu
#define XF_HEADER    40u
#define XF_OFF_START 32u
#define XF_OFF_SIZE  4u
#define XF_PAGE      128u
// BITMAP_SWIZZLE(RED, GREEN, BLUE, ALPHA): L formats unchanged. ASTC glyphs
// hold coverage in R: (ONE, ONE, ONE, RED), as EVE Asset Builder writes it.
#define XF_SWIZZLE_L    (2u << 9 | 3u << 6 | 4u << 3 | 5u)
#define XF_SWIZZLE_ASTC (1u << 9 | 1u << 6 | 1u << 3 | 2u)

struct xpage {
    uint32_t lo, hi; // lowest and highest c%128 with a character; lo > hi: empty
    uint64_t data;   // offset of cell lo in the glyph data
};

struct xfont {
    struct font_job *j;
    uint32_t npages;
    struct xpage *pages;
    uint32_t layout_w, layout_h, cell_bytes;
    uint64_t widths_off, glyphs_off, glyphs_len, total;
};

static int plan(struct xfont *x, char *why, size_t why_len)
{
    const struct glyph_charset *cs = x->j->cs;
    size_t n = glyph_charset_count(cs);
    x->npages = glyph_charset_at(cs, n - 1) / XF_PAGE + 1;
    x->pages = calloc(x->npages, sizeof(*x->pages));
    if (x->pages == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    for (uint32_t p = 0; p < x->npages; p++) {
        x->pages[p].lo = XF_PAGE;
    }
    uint32_t used = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = glyph_charset_at(cs, i);
        struct xpage *pg = &x->pages[cp / XF_PAGE];
        used += pg->lo > pg->hi;
        pg->lo = pg->lo > pg->hi ? cp % XF_PAGE : pg->lo;
        pg->hi = cp % XF_PAGE;
    }
    x->widths_off = XF_HEADER + 8ull * x->npages;
    uint32_t align = x->j->a->ext_format ? 64 : 4;
    x->glyphs_off = (x->widths_off + (uint64_t)(used + 1) * XF_PAGE + align - 1) / align * align;
    // Pages in ascending order of their lowest character need the least padding.
    uint64_t off = 0;
    for (uint32_t lo = 0; lo < XF_PAGE; lo++) {
        for (uint32_t p = 0; p < x->npages; p++) {
            struct xpage *pg = &x->pages[p];
            if (pg->lo == lo && pg->lo <= pg->hi) {
                off = off < (uint64_t)lo * x->cell_bytes ? (uint64_t)lo * x->cell_bytes : off;
                pg->data = off;
                off += (uint64_t)(pg->hi - pg->lo + 1) * x->cell_bytes;
            }
        }
    }
    x->glyphs_len = off;
    x->total = x->glyphs_off + off;
    if (x->total > UINT32_MAX) {
        snprintf(why, why_len, "font asset '%s': %llu bytes, larger than 4 GiB", x->j->a->name,
                 (unsigned long long)x->total);
        return EXIT_DATAERR;
    }
    return 0;
}

static int layout(struct xfont *x, char *why, size_t why_len)
{
    const struct mf_asset *a = x->j->a;
    uint32_t w = x->j->cell_w, h = x->j->cell_h;
    unsigned bw, bh;
    if (fmt_eve_astc_block(a->ext_format, &bw, &bh)) {
        x->layout_w = (w + bw - 1) / bw * FMT_EVE_ASTC_BLOCK;
        x->layout_h = (h + bh - 1) / bh;
    } else {
        struct glyph_pack_format fmt = {a->bpp, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
        x->layout_w = (uint32_t)glyph_pack_stride(&fmt, w);
        x->layout_h = h;
    }
    if (x->layout_w == 0 || x->layout_w > EVE_MAX_STRIDE) {
        snprintf(why, why_len,
                 "font asset '%s': cell %ux%u needs a %u-byte line stride; one EVE "
                 "bitmap handle reads at most %u",
                 a->name, (unsigned)w, (unsigned)h, (unsigned)x->layout_w, EVE_MAX_STRIDE);
        return EXIT_DATAERR;
    }
    x->cell_bytes = x->layout_w * x->layout_h;
    return 0;
}

// ASTC glyphs (docs/eve-fonts.md, "ASTC glyphs"): the cell's coverage in R,
// G and B (the font's swizzle makes R the alpha), encoded by libglyph
// (astcenc) and put in the block order the BT81x reads (fmt_eve_astc_tile).
static int encode_astc(const struct xfont *x, const uint8_t *cell, uint8_t *dst, char *why,
                       size_t why_len)
{
    const struct mf_asset *a = x->j->a;
    uint32_t w = x->j->cell_w, h = x->j->cell_h;
    unsigned bw, bh;
    (void)fmt_eve_astc_block(a->ext_format, &bw, &bh);
    uint8_t *rgba = malloc((size_t)w * h * 4), *raster = malloc(x->cell_bytes);
    int err = rgba == NULL || raster == NULL ? GLYPH_ERR_NOMEM : 0;
    for (size_t i = 0; err == 0 && i < (size_t)w * h; i++) {
        rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = cell[i];
        rgba[4 * i + 3] = 255;
    }
    struct glyph_image img = {w, h, (size_t)w * 4, rgba, x->j->ctx};
    if (err == 0) {
        err = glyph_astc_encode(x->j->ctx, &img, bw, bh, GLYPH_ASTC_MEDIUM, raster, x->cell_bytes);
    }
    if (err == 0 &&
        fmt_eve_astc_tile(dst, raster, x->layout_w / FMT_EVE_ASTC_BLOCK, x->layout_h) != 0) {
        err = GLYPH_ERR_INVALID_ARG;
    }
    free(rgba);
    free(raster);
    if (err != 0) {
        snprintf(why, why_len, "font asset '%s': a %ux%u cell as ASTC %ux%u blocks: %s", a->name,
                 (unsigned)w, (unsigned)h, bw, bh, glyph_strerror(err));
        return err == GLYPH_ERR_NOMEM ? EXIT_SOFTWARE : EXIT_DATAERR;
    }
    return 0;
}

// Encodes one cell of coverage levels into `dst` (cell_bytes bytes).
static int encode_cell(const struct xfont *x, const uint8_t *cell, uint8_t *dst, char *why,
                       size_t why_len)
{
    const struct mf_asset *a = x->j->a;
    uint32_t w = x->j->cell_w, h = x->j->cell_h;
    if (a->ext_format != 0) {
        return encode_astc(x, cell, dst, why, why_len);
    }
    struct glyph_pack_format fmt = {a->bpp, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};
    if (glyph_pack_plane(&fmt, cell, w, w, h, dst, x->cell_bytes) < 0) {
        snprintf(why, why_len, "font asset '%s': packing failed", a->name);
        return EXIT_SOFTWARE;
    }
    return 0;
}

static void put_header(const struct xfont *x, uint8_t *d)
{
    const struct mf_asset *a = x->j->a;
    fmt_put_u32le(d + 0, XF_SIGNATURE);
    fmt_put_u32le(d + XF_OFF_SIZE, (uint32_t)x->glyphs_off);
    fmt_put_u32le(d + 8, a->ext_format != 0 ? a->ext_format : a->format);
    fmt_put_u32le(d + 12, a->ext_format != 0 ? XF_SWIZZLE_ASTC : XF_SWIZZLE_L);
    fmt_put_u32le(d + 16, x->layout_w);
    fmt_put_u32le(d + 20, x->layout_h);
    fmt_put_u32le(d + 24, x->j->cell_w);
    fmt_put_u32le(d + 28, x->j->cell_h);
    fmt_put_u32le(d + 36, x->npages * XF_PAGE);
}

// Width pages, gptr/wptr tables and the cells of every page.
static int fill(const struct xfont *x, uint8_t *d, char *why, size_t why_len)
{
    uint8_t *cell = malloc((size_t)x->j->cell_w * x->j->cell_h);
    if (cell == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    uint64_t wpage = x->widths_off + XF_PAGE; // the first is the shared page of zeros
    int rc = 0;
    for (uint32_t p = 0; p < x->npages && rc == 0; p++) {
        const struct xpage *pg = &x->pages[p];
        uint8_t *gptr = d + XF_HEADER + 4u * p, *wptr = gptr + 4u * x->npages;
        if (pg->lo > pg->hi) {
            fmt_put_u32le(wptr, (uint32_t)x->widths_off);
            continue;
        }
        fmt_put_u32le(gptr, (uint32_t)(pg->data - (uint64_t)pg->lo * x->cell_bytes));
        fmt_put_u32le(wptr, (uint32_t)wpage);
        for (uint32_t c = pg->lo; c <= pg->hi && rc == 0; c++) {
            uint32_t cp = p * XF_PAGE + c;
            const struct glyph_info *g = glyph_set_find(x->j->set, cp);
            d[wpage + c] = g != NULL ? (uint8_t)g->advance : 0;
            font_cell_draw(x->j, cell, g);
            uint64_t at = x->glyphs_off + pg->data + (uint64_t)(c - pg->lo) * x->cell_bytes;
            rc = encode_cell(x, cell, d + at, why, why_len);
        }
        wpage += XF_PAGE;
    }
    free(cell);
    return rc;
}

int asset_xfont_pack(struct font_job *j, struct fmt_asset *out, char *why, size_t why_len)
{
    struct xfont x = {.j = j};
    int rc = layout(&x, why, why_len);
    rc = rc ? rc : plan(&x, why, why_len);
    uint8_t *d = rc == 0 ? calloc(1, (size_t)x.total) : NULL;
    if (rc == 0 && d == NULL) {
        snprintf(why, why_len, "font asset '%s': out of memory", j->a->name);
        rc = EXIT_SOFTWARE;
    }
    rc = rc ? rc : fill(&x, d, why, why_len);
    free(x.pages);
    if (rc != 0) {
        free(d);
        return rc;
    }
    put_header(&x, d);
    out->data = d;
    out->size = (uint32_t)x.total;
    out->flags = BUNDLE_ENT_FLAG_XFONT;
    if (j->a->ext_format != 0 && out->align < 64) {
        out->align = 64; // ASTC blocks from a 64-byte boundary (the block's +32)
    }
    out->format = j->a->format;
    out->ext_format = j->a->ext_format;
    out->width = j->cell_w;
    out->height = j->cell_h;
    out->stride = x.layout_w;
    out->aux0 = 0;
    out->aux1 = x.npages * XF_PAGE;
    out->aux2 = j->a->bpp;
    return 0;
}

void asset_xfont_relocate(struct fmt_asset *a)
{
    if (a->size >= XF_HEADER) {
        uint8_t *d = (uint8_t *)a->data;
        uint32_t block =
            (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
        fmt_put_u32le(d + XF_OFF_START, a->addr + block);
    }
}
