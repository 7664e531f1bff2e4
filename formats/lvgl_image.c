// LVGL 9 images: the colour format table, the layout of LVGL's image data
// (palette, rows, the A8 plane of RGB565A8), compression, and the C and
// .bin containers (formats/lvgl_image.h, docs/image-formats.md).
#define _POSIX_C_SOURCE 200809L // strcasecmp
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/error.h"
#include "formats/font_emit.h"
#include "formats/lvgl_image.h"
#include "lvgl_image_zip.h"

#define FL FMT_LVGL_CF_FLATTEN
#define PM FMT_LVGL_CF_PREMULTIPLIED
#define A8 FMT_LVGL_CF_A8_PLANE
#define BZ FMT_LVGL_CF_BIN_NEEDS_COMPRESSION
#define AL FMT_LVGL_CF_ALPHA

// lv_color_format_t values are LVGL 9's (src/misc/lv_color.h).
// clang-format off
static const struct fmt_lvgl_cf lvgl_cfs[] = {
    {"RGB565",                 0x12, FL,           "RGB565",
     "16-bit R5 G6 B5, little-endian (flattened onto the background)"},
    {"RGB565_SWAPPED",         0x1B, FL,           "RGB565_BE",
     "RGB565 with the two bytes swapped (SPI panels)"},
    {"RGB565A8",               0x14, AL | A8,      "ARGB8565",
     "an RGB565 plane, then an A8 plane at half its stride"},
    {"ARGB8565",               0x13, AL,           "ARGB8565",
     "24-bit: RGB565 little-endian, then alpha (GPU draw units only)"},
    {"RGB888",                 0x0F, FL,           "BGR888",
     "24-bit, bytes B, G, R (flattened)"},
    {"XRGB8888",               0x11, FL,           "ARGB8888",
     "32-bit, bytes B, G, R, 0xFF (flattened)"},
    {"ARGB8888",               0x10, AL,           "ARGB8888",
     "32-bit, bytes B, G, R, A"},
    {"ARGB8888_PREMULTIPLIED", 0x1A, AL | PM | BZ, "ARGB8888",
     "ARGB8888 with colour premultiplied by alpha"},
    {"L8",                     0x06, FL | BZ,      "L8",
     "8-bit luminance (flattened)"},
    {"AL88",                   0x15, AL | BZ,      "AL88",
     "16-bit: luminance, then alpha"},
    {"A1",                     0x0B, 0,            "A1",
     "1-bit alpha, 8 pixels per byte, first pixel in bit 7"},
    {"A2",                     0x0C, 0,            "A2",
     "2-bit alpha, 4 pixels per byte"},
    {"A4",                     0x0D, 0,            "A4",
     "4-bit alpha, 2 pixels per byte"},
    {"A8",                     0x0E, 0,            "A8",
     "8-bit alpha"},
    {"I1",                     0x07, AL,           "I1",
     "2-colour palette (B, G, R, A entries), then 1-bit indices"},
    {"I2",                     0x08, AL,           "I2",
     "4-colour palette, then 2-bit indices"},
    {"I4",                     0x09, AL,           "I4",
     "16-colour palette, then 4-bit indices"},
    {"I8",                     0x0A, AL,           "I8",
     "256-colour palette, then 8-bit indices"},
    {"ARGB1555",               0x16, AL | BZ,      "ARGB1555",
     "16-bit A1 R5 G5 B5, little-endian (GPU draw units only)"},
    {"ARGB4444",               0x17, AL | BZ,      "ARGB4444",
     "16-bit A4 R4 G4 B4, little-endian (GPU draw units only)"},
    {"ARGB2222",               0x18, AL | BZ,      "ARGB2",
     "8-bit A2 R2 G2 B2 (GPU draw units only)"},
};
// clang-format on

#define CF_COUNT (sizeof(lvgl_cfs) / sizeof(lvgl_cfs[0]))

size_t fmt_lvgl_cf_count(void)
{
    return CF_COUNT;
}

const struct fmt_lvgl_cf *fmt_lvgl_cf_at(size_t i)
{
    return i < CF_COUNT ? &lvgl_cfs[i] : NULL;
}

const struct fmt_lvgl_cf *fmt_lvgl_cf_find(const char *name)
{
    if (name == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < CF_COUNT; i++) {
        if (strcasecmp(name, lvgl_cfs[i].name) == 0) {
            return &lvgl_cfs[i];
        }
    }
    return NULL;
}

static int why_set(char *why, size_t why_len, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int why_set(char *why, size_t why_len, int err, const char *fmt, ...)
{
    if (why != NULL && why_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return err;
}

// LVGL's image data before compression.
struct raw {
    uint8_t *data;
    size_t size;
    uint32_t stride;
    unsigned blk; // RLE block: bytes per pixel, 1 below 8 bpp, 2 for RGB565A8
};

static int check_pixels(const struct glyph_pixels *px, const struct fmt_lvgl_image_opts *o,
                        char *why, size_t why_len)
{
    const struct fmt_lvgl_cf *cf = o->cf;
    unsigned a = o->stride_align;
    if (cf == NULL || px == NULL || px->data == NULL || a == 0 || a > 256 || (a & (a - 1)) != 0 ||
        (unsigned)o->compress > FMT_LVGL_COMPRESS_SMALLEST) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG, "bad LVGL image options");
    }
    const struct glyph_pixfmt *f = px->format;
    if (f != glyph_pixfmt_find(cf->pixfmt) || px->pack.layout != GLYPH_LAYOUT_ROWS ||
        px->pack.bit_order != GLYPH_BIT_MSB_FIRST || px->stride == 0 ||
        px->stride < ((size_t)px->width * f->bpp + 7) / 8 || px->size / px->stride < px->height) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG,
                       "LVGL %s wants %s pixels in byte-aligned rows, first pixel in the high bits",
                       cf->name, cf->pixfmt);
    }
    if ((f->flags & GLYPH_PIXFMT_INDEXED) &&
        (px->palette_format != glyph_pixfmt_find("ARGB8888") ||
         px->palette_count > (1u << f->bpp) || px->palette_size != (size_t)px->palette_count * 4)) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG,
                       "LVGL palettes are ARGB8888 (bytes B, G, R, A)");
    }
    if (o->premultiplied && !(cf->flags & FMT_LVGL_CF_ALPHA)) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG, "LVGL %s has no alpha to premultiply",
                       cf->name);
    }
    return 0;
}

static size_t align_up(size_t v, size_t a)
{
    return (v + a - 1) / a * a;
}

// Palette (2^bpp entries, unused ones 0), rows `stride` bytes apart, and for
// RGB565A8 the A8 plane.
static int lay_out(const struct glyph_pixels *px, const struct fmt_lvgl_image_opts *o,
                   struct raw *r, char *why, size_t why_len)
{
    const struct glyph_pixfmt *f = px->format;
    int a8 = (o->cf->flags & FMT_LVGL_CF_A8_PLANE) != 0;
    size_t row = a8 ? 2u * px->width : ((size_t)px->width * f->bpp + 7) / 8;
    size_t stride = align_up(row, o->stride_align);
    if (px->width > 0xFFFF || px->height > 0xFFFF || stride > 0xFFFF) {
        return why_set(why, why_len, FMT_ERR_RANGE,
                       "%u x %u pixels make rows of %zu bytes: LVGL's header holds at most 65535",
                       (unsigned)px->width, (unsigned)px->height, stride);
    }
    size_t pal = (f->flags & GLYPH_PIXFMT_INDEXED) ? (size_t)4 << f->bpp : 0;
    size_t plane = stride * px->height; // at most 65535 * 65535
    r->size = pal + plane + (a8 ? stride / 2 * px->height : 0);
    if (r->size > UINT32_MAX - FMT_LVGL_IMAGE_ZIP_HEADER) {
        return why_set(why, why_len, FMT_ERR_RANGE, "image data past 4 GiB");
    }
    r->stride = (uint32_t)stride;
    r->blk = a8 ? 2 : (f->bpp + 7u) / 8u;
    r->data = calloc(1, r->size);
    if (r->data == NULL) {
        return why_set(why, why_len, FMT_ERR_NOMEM, "out of memory");
    }
    if (pal > 0 && px->palette_size > 0) {
        memcpy(r->data, px->palette, px->palette_size);
    }
    uint8_t *rows = r->data + pal, *alpha = rows + plane;
    for (uint32_t y = 0; y < px->height; y++) {
        const uint8_t *src = px->data + (size_t)y * px->stride;
        uint8_t *dst = rows + (size_t)y * stride;
        if (!a8) {
            memcpy(dst, src, row);
            continue;
        }
        uint8_t *da = alpha + (size_t)y * (stride / 2);
        for (uint32_t x = 0; x < px->width; x++) { // ARGB8565: RGB565 low, high, A
            dst[2 * x] = src[3 * x];
            dst[2 * x + 1] = src[3 * x + 1];
            da[x] = src[3 * x + 2];
        }
    }
    return 0;
}

// The stored data: r itself, or the 12-byte compression header and the
// compressed bytes (in *zip, malloc'd). Picks the method for SMALLEST.
static int compress(const struct raw *r, enum fmt_lvgl_compress want, int need_zip, uint8_t **zip,
                    size_t *zip_len, enum fmt_lvgl_compress *used)
{
    uint8_t *best = NULL;
    size_t best_len = need_zip ? SIZE_MAX : r->size; // what "none" would store
    *used = FMT_LVGL_COMPRESS_NONE;
    for (int m = FMT_LVGL_COMPRESS_RLE; m <= FMT_LVGL_COMPRESS_LZ4; m++) {
        if (want != FMT_LVGL_COMPRESS_SMALLEST && (int)want != m) {
            continue;
        }
        uint8_t *z = NULL;
        size_t n = 0;
        int err = m == FMT_LVGL_COMPRESS_RLE
                      ? lvgl_image_rle_encode(r->data, r->size, r->blk, &z, &n)
                      : lvgl_image_lz4_encode(r->data, r->size, &z, &n);
        if (err < 0) {
            free(best);
            return err;
        }
        if (n > UINT32_MAX - FMT_LVGL_IMAGE_ZIP_HEADER) {
            free(z);
            free(best);
            return FMT_ERR_RANGE;
        }
        // Forced methods are kept even when larger than the data.
        if (want != FMT_LVGL_COMPRESS_SMALLEST || FMT_LVGL_IMAGE_ZIP_HEADER + n < best_len) {
            free(best);
            best = z;
            best_len = FMT_LVGL_IMAGE_ZIP_HEADER + n;
            *used = (enum fmt_lvgl_compress)m;
        } else {
            free(z);
        }
    }
    if (*used == FMT_LVGL_COMPRESS_NONE) {
        return 0;
    }
    uint8_t *out = malloc(best_len);
    if (out == NULL) {
        free(best);
        return FMT_ERR_NOMEM;
    }
    size_t n = best_len - FMT_LVGL_IMAGE_ZIP_HEADER;
    fmt_put_u32le(out, (uint32_t)*used); // method in bits 0..3, the rest reserved (0)
    fmt_put_u32le(out + 4, (uint32_t)n);
    fmt_put_u32le(out + 8, (uint32_t)r->size);
    memcpy(out + FMT_LVGL_IMAGE_ZIP_HEADER, best, n);
    free(best);
    *zip = out;
    *zip_len = best_len;
    return 0;
}

// The image as LVGL stores it: header fields and the bytes after the header.
struct image {
    struct raw raw;
    uint8_t *zip; // NULL: uncompressed, the data is raw.data
    size_t zip_len;
    enum fmt_lvgl_compress used;
    uint16_t flags;
};

static void image_free(struct image *im)
{
    free(im->raw.data);
    free(im->zip);
}

static const uint8_t *image_data(const struct image *im, size_t *len)
{
    *len = im->zip != NULL ? im->zip_len : im->raw.size;
    return im->zip != NULL ? im->zip : im->raw.data;
}

static int image_make(const struct glyph_pixels *px, const struct fmt_lvgl_image_opts *o,
                      int need_zip, struct image *im, struct fmt_lvgl_image_info *info, char *why,
                      size_t why_len)
{
    memset(im, 0, sizeof(*im));
    int err = check_pixels(px, o, why, why_len);
    if (err == 0) {
        err = lay_out(px, o, &im->raw, why, why_len);
    }
    if (err == 0 && (o->compress != FMT_LVGL_COMPRESS_NONE || need_zip)) {
        enum fmt_lvgl_compress want = o->compress;
        if (want == FMT_LVGL_COMPRESS_NONE) {
            err = why_set(why, why_len, FMT_ERR_INVALID_ARG,
                          "LVGL 9.5 opens %s .bin files only compressed: use RLE or LZ4 (or a "
                          "C file)",
                          o->cf->name);
        } else {
            err = compress(&im->raw, want, need_zip, &im->zip, &im->zip_len, &im->used);
            if (err < 0) {
                why_set(why, why_len, err, "compressing: %s", fmt_strerror(err));
            }
        }
    }
    if (err < 0) {
        image_free(im);
        return err;
    }
    if (o->premultiplied && !(o->cf->flags & FMT_LVGL_CF_PREMULTIPLIED)) {
        im->flags |= FMT_LVGL_IMAGE_FLAG_PREMULTIPLIED;
    }
    if (im->zip != NULL) {
        im->flags |= FMT_LVGL_IMAGE_FLAG_COMPRESSED;
    }
    if (info != NULL) {
        info->stride = im->raw.stride;
        info->raw_size = im->raw.size;
        image_data(im, &info->data_size);
        info->compress = im->used;
    }
    return 0;
}

int fmt_lvgl_image_write_bin(struct fmt_sink *s, const struct glyph_pixels *px,
                             const struct fmt_lvgl_image_opts *o, struct fmt_lvgl_image_info *info,
                             char *why, size_t why_len)
{
    if (s == NULL || o == NULL) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG, "bad arguments");
    }
    int need_zip = o->cf != NULL && (o->cf->flags & FMT_LVGL_CF_BIN_NEEDS_COMPRESSION) != 0;
    struct image im;
    int err = image_make(px, o, need_zip, &im, info, why, why_len);
    if (err < 0) {
        return err;
    }
    uint8_t hdr[FMT_LVGL_IMAGE_HEADER] = {0x19, o->cf->cf};
    fmt_put_u16le(hdr + 2, im.flags);
    fmt_put_u16le(hdr + 4, (uint16_t)px->width);
    fmt_put_u16le(hdr + 6, (uint16_t)px->height);
    fmt_put_u16le(hdr + 8, (uint16_t)im.raw.stride);
    fmt_sink_write(s, hdr, sizeof(hdr)); // bytes 10..11 reserved, 0
    size_t len;
    const uint8_t *data = image_data(&im, &len);
    fmt_sink_write(s, data, len);
    image_free(&im);
    err = fmt_sink_status(s);
    return err < 0 ? why_set(why, why_len, err, "writing: %s", fmt_strerror(err)) : 0;
}

static const char *method_name(enum fmt_lvgl_compress m)
{
    return m == FMT_LVGL_COMPRESS_RLE ? "RLE" : m == FMT_LVGL_COMPRESS_LZ4 ? "LZ4" : "none";
}

static void c_head(struct fmt_sink *c, const struct glyph_pixels *px,
                   const struct fmt_lvgl_image_opts *o, const struct image *im)
{
    const char *sym = o->symbol;
    size_t len;
    image_data(im, &len);
    fmt_sink_printf(c,
                    "// Generated by glyphpack, do not edit.\n"
                    "// LVGL 9 image %s: %u x %u, LV_COLOR_FORMAT_%s, stride %u, %zu bytes",
                    sym, (unsigned)px->width, (unsigned)px->height, o->cf->name,
                    (unsigned)im->raw.stride, im->raw.size);
    if (im->zip != NULL) {
        fmt_sink_printf(c, " stored as %zu (%s)", len, method_name(im->used));
    }
    fmt_sink_printf(c, ".\n// Use: LV_IMAGE_DECLARE(%s); then lv_image_set_src(obj, &%s);\n\n", sym,
                    sym);
    fmt_sink_puts(c, "#ifdef LV_LVGL_H_INCLUDE_SIMPLE\n#include \"lvgl.h\"\n#else\n"
                     "#include \"lvgl/lvgl.h\"\n#endif\n\n");
    fmt_sink_printf(c, "#if LVGL_VERSION_MAJOR < 9\n#error \"%s: generated for LVGL 9\"\n#endif\n",
                    sym);
    if (im->zip != NULL) {
        int rle = im->used == FMT_LVGL_COMPRESS_RLE;
        fmt_sink_printf(c,
                        "#if !(%s) || !LV_BIN_DECODER_RAM_LOAD\n#error \"%s: %s-compressed image "
                        "data needs %s 1 and LV_BIN_DECODER_RAM_LOAD 1 in lv_conf.h\"\n#endif\n",
                        rle ? "LV_USE_RLE" : "LV_USE_LZ4_INTERNAL || LV_USE_LZ4_EXTERNAL", sym,
                        method_name(im->used),
                        rle ? "LV_USE_RLE" : "LV_USE_LZ4_INTERNAL or LV_USE_LZ4_EXTERNAL");
    }
    fmt_sink_puts(c, "\n#ifndef LV_ATTRIBUTE_MEM_ALIGN\n#define LV_ATTRIBUTE_MEM_ALIGN\n#endif\n"
                     "#ifndef LV_ATTRIBUTE_LARGE_CONST\n#define LV_ATTRIBUTE_LARGE_CONST\n"
                     "#endif\n\n");
}

static void c_data(struct fmt_sink *c, const struct glyph_pixels *px, const char *sym,
                   const struct image *im)
{
    fmt_sink_printf(c,
                    "static LV_ATTRIBUTE_MEM_ALIGN LV_ATTRIBUTE_LARGE_CONST const uint8_t "
                    "%s_map[] = {\n",
                    sym);
    size_t len;
    const uint8_t *data = image_data(im, &len);
    size_t pal = (px->format->flags & GLYPH_PIXFMT_INDEXED) ? (size_t)4 << px->format->bpp : 0;
    if (im->zip != NULL) {
        fmt_sink_puts(c, "    // compression header: method, stored size, original size\n");
        fmt_sink_c_bytes(c, data, FMT_LVGL_IMAGE_ZIP_HEADER, 4, 12);
        fmt_sink_puts(c, "    // compressed data\n");
        fmt_sink_c_bytes(c, data + FMT_LVGL_IMAGE_ZIP_HEADER, len - FMT_LVGL_IMAGE_ZIP_HEADER, 4,
                         16);
    } else {
        if (pal > 0) {
            fmt_sink_printf(c, "    // palette: %zu entries B, G, R, A\n", pal / 4);
            fmt_sink_c_bytes(c, data, pal, 4, 16);
            fmt_sink_puts(c, "    // pixels\n");
        }
        fmt_sink_c_bytes(c, data + pal, len - pal, 4, 16);
    }
    fmt_sink_puts(c, "};\n\n");
}

int fmt_lvgl_image_write_c(struct fmt_sink *c, const struct glyph_pixels *px,
                           const struct fmt_lvgl_image_opts *o, struct fmt_lvgl_image_info *info,
                           char *why, size_t why_len)
{
    if (c == NULL || o == NULL) {
        return why_set(why, why_len, FMT_ERR_INVALID_ARG, "bad arguments");
    }
    if (o->symbol == NULL || !fmt_font_symbol_valid(o->symbol)) {
        return why_set(
            why, why_len, FMT_ERR_INVALID_ARG,
            "the image's name is not a C identifier of at most %d characters (set --name)",
            FMT_FONT_SYMBOL_MAX);
    }
    struct image im;
    int err = image_make(px, o, 0, &im, info, why, why_len);
    if (err < 0) {
        return err;
    }
    const char *sym = o->symbol;
    c_head(c, px, o, &im);
    c_data(c, px, sym, &im);
    fmt_sink_printf(c, "const lv_image_dsc_t %s = {\n    .header = {\n", sym);
    fmt_sink_printf(c,
                    "        .magic = LV_IMAGE_HEADER_MAGIC,\n"
                    "        .cf = LV_COLOR_FORMAT_%s,\n",
                    o->cf->name);
    const char *flags = "0";
    if (im.flags == FMT_LVGL_IMAGE_FLAG_COMPRESSED) {
        flags = "LV_IMAGE_FLAGS_COMPRESSED";
    } else if (im.flags == FMT_LVGL_IMAGE_FLAG_PREMULTIPLIED) {
        flags = "LV_IMAGE_FLAGS_PREMULTIPLIED";
    } else if (im.flags != 0) {
        flags = "LV_IMAGE_FLAGS_PREMULTIPLIED | LV_IMAGE_FLAGS_COMPRESSED";
    }
    fmt_sink_printf(c, "        .flags = %s,\n", flags);
    fmt_sink_printf(c, "        .w = %u,\n        .h = %u,\n        .stride = %u,\n    },\n",
                    (unsigned)px->width, (unsigned)px->height, (unsigned)im.raw.stride);
    fmt_sink_printf(c, "    .data_size = sizeof(%s_map),\n    .data = %s_map,\n};\n", sym, sym);
    image_free(&im);
    err = fmt_sink_status(c);
    return err < 0 ? why_set(why, why_len, err, "writing: %s", fmt_strerror(err)) : 0;
}
