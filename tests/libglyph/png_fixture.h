// Test helper: builds PNG files in memory with libpng's (non-simplified)
// write API, so the decoder is checked against every colour type, bit depth,
// interlace method and transparency chunk, and a tiny RGBA writer for the
// other image tests. Header-only; each test includes it once.
#ifndef TEST_PNG_FIXTURE_H
#define TEST_PNG_FIXTURE_H

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fixture {
    int color_type; // PNG_COLOR_TYPE_*
    int bit_depth;  // 1, 2, 4, 8, 16
    int interlace;  // PNG_INTERLACE_NONE or PNG_INTERLACE_ADAM7
    uint32_t width, height;
    const uint16_t *samples; // channels() values per pixel, row-major
    const png_color *plte;   // palette images
    int plte_n;
    const uint8_t *trns; // palette alpha, or NULL
    int trns_n;
    const png_color_16 *trns_color; // grey/RGB transparent colour, or NULL
};

struct membuf_w {
    uint8_t *data;
    size_t len, cap;
};

static void fixture_write(png_structp png, png_bytep data, png_size_t len)
{
    struct membuf_w *mb = png_get_io_ptr(png);
    if (mb->len + len > mb->cap) {
        size_t cap = (mb->len + len) * 2;
        uint8_t *p = realloc(mb->data, cap);
        if (p == NULL) {
            png_error(png, "oom");
        }
        mb->data = p;
        mb->cap = cap;
    }
    memcpy(mb->data + mb->len, data, len);
    mb->len += len;
}

static void fixture_flush(png_structp png)
{
    (void)png;
}

static int fixture_channels(int color_type)
{
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY:
    case PNG_COLOR_TYPE_PALETTE:
        return 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
        return 2;
    case PNG_COLOR_TYPE_RGB:
        return 3;
    default:
        return 4;
    }
}

// Packs one row of samples as the PNG stores them (MSB-first sub-byte
// samples, big-endian 16-bit).
static void fixture_pack_row(const struct fixture *f, const uint16_t *s, uint8_t *row)
{
    size_t n = (size_t)f->width * (size_t)fixture_channels(f->color_type);
    size_t bytes = (n * (size_t)f->bit_depth + 7) / 8;
    memset(row, 0, bytes);
    for (size_t i = 0; i < n; i++) {
        if (f->bit_depth == 16) {
            row[2 * i] = (uint8_t)(s[i] >> 8);
            row[2 * i + 1] = (uint8_t)s[i];
        } else if (f->bit_depth == 8) {
            row[i] = (uint8_t)s[i];
        } else {
            size_t bit = i * (size_t)f->bit_depth;
            unsigned shift = 8u - (unsigned)f->bit_depth - (unsigned)(bit % 8);
            row[bit / 8] |= (uint8_t)(s[i] << shift);
        }
    }
}

// Returns a malloc'd PNG or NULL.
static uint8_t *fixture_png(const struct fixture *f, size_t *len)
{
    struct membuf_w mb = {0};
    size_t ch = (size_t)fixture_channels(f->color_type);
    size_t rowbytes = (f->width * ch * (size_t)f->bit_depth + 7) / 8;
    uint8_t **rows = calloc(f->height, sizeof(*rows));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (rows == NULL || info == NULL) {
        png_destroy_write_struct(&png, &info);
        free(rows);
        return NULL;
    }
    for (uint32_t y = 0; y < f->height; y++) {
        rows[y] = malloc(rowbytes + 1);
        fixture_pack_row(f, f->samples + (size_t)y * f->width * ch, rows[y]);
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        for (uint32_t y = 0; y < f->height; y++) {
            free(rows[y]);
        }
        free(rows);
        free(mb.data);
        return NULL;
    }
    png_set_write_fn(png, &mb, fixture_write, fixture_flush);
    png_set_IHDR(png, info, f->width, f->height, f->bit_depth, f->color_type, f->interlace,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (f->plte != NULL) {
        png_set_PLTE(png, info, f->plte, f->plte_n);
    }
    if (f->trns != NULL || f->trns_color != NULL) {
        png_set_tRNS(png, info, f->trns, f->trns_n, f->trns_color);
    }
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&png, &info);
    for (uint32_t y = 0; y < f->height; y++) {
        free(rows[y]);
    }
    free(rows);
    *len = mb.len;
    return mb.data;
}

// An 8-bit RGBA PNG of the given pixels.
static uint8_t *fixture_rgba_png(const uint8_t *rgba, uint32_t w, uint32_t h, size_t *len)
{
    uint16_t *s = malloc((size_t)w * h * 4 * sizeof(uint16_t));
    if (s == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < (size_t)w * h * 4; i++) {
        s[i] = rgba[i];
    }
    struct fixture f = {
        PNG_COLOR_TYPE_RGB_ALPHA, 8, PNG_INTERLACE_NONE, w, h, s, NULL, 0, NULL, 0, NULL};
    uint8_t *png = fixture_png(&f, len);
    free(s);
    return png;
}

#endif
