// glyphpack's LVGL images (-f lvgl, -f lvgl-bin) decoded by LVGL 9 itself:
// every colour format, plain, RLE and LZ4, C descriptors compiled against
// LVGL's headers and .bin files opened by path. The oracle: what
// lv_image_decoder_open returns, read through LVGL's own pixel types
// (lv_color16_t, lv_color_t, lv_color32_t, lv_color16a_t) where LVGL has
// one, must equal the fixture PNG's pixels converted by the formulas of
// docs/image-formats.md, written out here (not through libglyph).
#define _DEFAULT_SOURCE // mkstemps

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check.h"
#include "lvgl_harness.h"
#include "lvgl_private.h"
#include "lvimg_case.h"

struct cf_name {
    const char *name;
    lv_color_format_t cf;
};

// LVGL's enum, by the names glyphpack takes.
static const struct cf_name cf_names[] = {
    {"RGB565", LV_COLOR_FORMAT_RGB565},
    {"RGB565_SWAPPED", LV_COLOR_FORMAT_RGB565_SWAPPED},
    {"RGB565A8", LV_COLOR_FORMAT_RGB565A8},
    {"ARGB8565", LV_COLOR_FORMAT_ARGB8565},
    {"RGB888", LV_COLOR_FORMAT_RGB888},
    {"XRGB8888", LV_COLOR_FORMAT_XRGB8888},
    {"ARGB8888", LV_COLOR_FORMAT_ARGB8888},
    {"ARGB8888_PREMULTIPLIED", LV_COLOR_FORMAT_ARGB8888_PREMULTIPLIED},
    {"L8", LV_COLOR_FORMAT_L8},
    {"AL88", LV_COLOR_FORMAT_AL88},
    {"A1", LV_COLOR_FORMAT_A1},
    {"A2", LV_COLOR_FORMAT_A2},
    {"A4", LV_COLOR_FORMAT_A4},
    {"A8", LV_COLOR_FORMAT_A8},
    {"I1", LV_COLOR_FORMAT_I1},
    {"I2", LV_COLOR_FORMAT_I2},
    {"I4", LV_COLOR_FORMAT_I4},
    {"I8", LV_COLOR_FORMAT_I8},
    {"ARGB1555", LV_COLOR_FORMAT_ARGB1555},
    {"ARGB4444", LV_COLOR_FORMAT_ARGB4444},
    {"ARGB2222", LV_COLOR_FORMAT_ARGB2222},
};

static lv_color_format_t cf_of(const char *name)
{
    for (size_t i = 0; i < sizeof(cf_names) / sizeof(cf_names[0]); i++) {
        if (strcmp(cf_names[i].name, name) == 0) {
            return cf_names[i].cf;
        }
    }
    return LV_COLOR_FORMAT_UNKNOWN;
}

// ---- The documented formulas (docs/image-formats.md, section 3) ----------

// Round an 8-bit value to `bits` bits.
static unsigned rd(unsigned v, unsigned bits)
{
    unsigned max = (1u << bits) - 1u;
    return (v * max + 127u) / 255u;
}

static unsigned premul(unsigned c, unsigned a)
{
    return (c * a + 127u) / 255u;
}

static unsigned luma(unsigned r, unsigned g, unsigned b)
{
    return (2126u * r + 7152u * g + 722u * b + 5000u) / 10000u;
}

// The pixel after alpha handling: flattened onto the background (formats
// without alpha, or --background), premultiplied, or straight.
static void prepared(const struct lvimg_case *c, int has_alpha, unsigned x, unsigned y,
                     unsigned out[4])
{
    const uint8_t *s = c->src + 4 * ((size_t)y * LVIMG_W + x);
    unsigned a = s[3];
    if (!has_alpha || c->has_background) {
        uint32_t bg = c->background;
        unsigned bgc[3] = {bg >> 16 & 255u, bg >> 8 & 255u, bg & 255u};
        for (unsigned i = 0; i < 3; i++) {
            out[i] = (s[i] * a + bgc[i] * (255u - a) + 127u) / 255u;
        }
        out[3] = 255;
        return;
    }
    int pm = c->premultiply || strcmp(c->cf, "ARGB8888_PREMULTIPLIED") == 0;
    for (unsigned i = 0; i < 3; i++) {
        out[i] = pm ? premul(s[i], a) : s[i];
    }
    out[3] = a;
}

// ---- Reading LVGL's decoded buffer --------------------------------------

// Channel values LVGL holds for pixel (x, y) of the decoded image `img`,
// and what the formulas say they must be: n values each.
struct px {
    unsigned got[4], want[4], n;
};

static lv_color16_t c16(const uint8_t *p, int swapped)
{
    uint8_t b[2] = {swapped ? p[1] : p[0], swapped ? p[0] : p[1]};
    lv_color16_t c;
    memcpy(&c, b, 2); // LVGL's bit fields on this (little-endian) host
    return c;
}

static void rgb565_px(struct px *p, lv_color16_t c, const unsigned f[4])
{
    unsigned got[3] = {c.red, c.green, c.blue}, want[3] = {rd(f[0], 5), rd(f[1], 6), rd(f[2], 5)};
    memcpy(p->got, got, sizeof(got));
    memcpy(p->want, want, sizeof(want));
    p->n = 3;
}

// Words of the GPU formats, as VG-Lite's BGRA5551/BGRA4444/BGRA2222 (which
// LVGL maps them to) lay them out from the least significant bit: B, G, R, A.
static void argb_word_px(struct px *p, unsigned w, unsigned cb, unsigned ab, const unsigned f[4])
{
    unsigned m = (1u << cb) - 1u;
    unsigned got[4] = {(w >> 2 * cb) & m, (w >> cb) & m, w & m, w >> 3 * cb};
    unsigned want[4] = {rd(f[0], cb), rd(f[1], cb), rd(f[2], cb), rd(f[3], ab)};
    memcpy(p->got, got, sizeof(got));
    memcpy(p->want, want, sizeof(want));
    p->n = 4;
}

static int read_px(const struct lvimg_case *c, const struct lvh_image *img, unsigned x, unsigned y,
                   struct px *p)
{
    lv_color_format_t cf = cf_of(c->cf);
    const uint8_t *row = img->data + (size_t)y * img->stride;
    unsigned f[4];
    prepared(c, lv_color_format_has_alpha(cf), x, y, f);
    memset(p, 0, sizeof(*p));
    if (LV_COLOR_FORMAT_IS_INDEXED(cf) || cf == LV_COLOR_FORMAT_ARGB8888 ||
        cf == LV_COLOR_FORMAT_ARGB8888_PREMULTIPLIED || cf == LV_COLOR_FORMAT_XRGB8888) {
        lv_color32_t k; // indexed: LVGL looked the palette up into ARGB8888
        memcpy(&k, row + 4 * x, 4);
        unsigned got[4] = {k.red, k.green, k.blue, k.alpha};
        memcpy(p->got, got, sizeof(got));
        memcpy(p->want, f, sizeof(got));
        p->n = 4;
    } else if (cf == LV_COLOR_FORMAT_RGB565 || cf == LV_COLOR_FORMAT_RGB565_SWAPPED) {
        rgb565_px(p, c16(row + 2 * x, cf == LV_COLOR_FORMAT_RGB565_SWAPPED), f);
    } else if (cf == LV_COLOR_FORMAT_RGB565A8 || cf == LV_COLOR_FORMAT_ARGB8565) {
        int planar = cf == LV_COLOR_FORMAT_RGB565A8;
        rgb565_px(p, c16(row + (planar ? 2 : 3) * x, 0), f);
        const uint8_t *alpha =
            planar ? img->data + (size_t)img->h * img->stride + (size_t)y * (img->stride / 2) + x
                   : row + 3 * x + 2;
        p->got[3] = *alpha;
        p->want[3] = f[3];
        p->n = 4;
    } else if (cf == LV_COLOR_FORMAT_RGB888) {
        lv_color_t k;
        memcpy(&k, row + 3 * x, 3);
        unsigned got[3] = {k.red, k.green, k.blue};
        memcpy(p->got, got, sizeof(got));
        memcpy(p->want, f, sizeof(got));
        p->n = 3;
    } else if (cf == LV_COLOR_FORMAT_L8) {
        p->got[0] = row[x];
        p->want[0] = luma(f[0], f[1], f[2]);
        p->n = 1;
    } else if (cf == LV_COLOR_FORMAT_AL88) {
        lv_color16a_t k;
        memcpy(&k, row + 2 * x, 2);
        p->got[0] = k.lumi;
        p->got[1] = k.alpha;
        p->want[0] = luma(f[0], f[1], f[2]);
        p->want[1] = f[3];
        p->n = 2;
    } else if (LV_COLOR_FORMAT_IS_ALPHA_ONLY(cf)) {
        // LVGL widened A1/A2/A4 to A8 by repeating the bits: q * 255 / max.
        unsigned bits = lv_color_format_get_bpp(cf), max = (1u << bits) - 1u;
        unsigned a = c->src[4 * ((size_t)y * LVIMG_W + x) + 3];
        p->got[0] = row[x];
        p->want[0] = rd(a, bits) * 255u / max;
        p->n = 1;
    } else if (cf == LV_COLOR_FORMAT_ARGB1555) {
        unsigned w = row[2 * x] | (unsigned)row[2 * x + 1] << 8;
        argb_word_px(p, w, 5, 1, f);
    } else if (cf == LV_COLOR_FORMAT_ARGB4444) {
        unsigned w = row[2 * x] | (unsigned)row[2 * x + 1] << 8;
        argb_word_px(p, w, 4, 4, f);
    } else if (cf == LV_COLOR_FORMAT_ARGB2222) {
        argb_word_px(p, row[x], 2, 2, f);
    } else {
        return -1;
    }
    return 0;
}

// ---- The checks -----------------------------------------------------------

static uint32_t expected_stride(const struct lvimg_case *c)
{
    uint32_t row = (LVIMG_W * lv_color_format_get_bpp(cf_of(c->cf)) + 7) / 8;
    return (row + c->align - 1) / c->align * c->align;
}

static const void *src_of(const struct lvimg_case *c)
{
    return c->dsc != NULL ? (const void *)c->dsc : (const void *)c->path;
}

static void check_header(const struct lvimg_case *c)
{
    lv_image_header_t h;
    if (lv_image_decoder_get_info(src_of(c), &h) != LV_RESULT_OK) {
        CHECK(0, "%s: no header", c->name);
        return;
    }
    int own_pm = strcmp(c->cf, "ARGB8888_PREMULTIPLIED") == 0;
    uint32_t flags = (c->compress ? LV_IMAGE_FLAGS_COMPRESSED : 0u) |
                     (c->premultiply && !own_pm ? LV_IMAGE_FLAGS_PREMULTIPLIED : 0u);
    CHECK(h.magic == LV_IMAGE_HEADER_MAGIC && h.cf == cf_of(c->cf) && h.w == LVIMG_W &&
              h.h == LVIMG_H && h.stride == expected_stride(c) &&
              (h.flags & (LV_IMAGE_FLAGS_COMPRESSED | LV_IMAGE_FLAGS_PREMULTIPLIED)) == flags,
          "%s: header cf 0x%x %ux%u stride %u flags 0x%x, want cf 0x%x stride %u flags 0x%x",
          c->name, (unsigned)h.cf, (unsigned)h.w, (unsigned)h.h, (unsigned)h.stride,
          (unsigned)h.flags, (unsigned)cf_of(c->cf), (unsigned)expected_stride(c), (unsigned)flags);
    if (c->dsc != NULL && c->compress) {
        uint32_t method, stored;
        memcpy(&method, c->dsc->data, 4);
        memcpy(&stored, c->dsc->data + 4, 4);
        CHECK((method & 15u) == (uint32_t)c->compress && stored + 12 == c->dsc->data_size,
              "%s: compression header method %u stored %u of %u", c->name, (unsigned)method,
              (unsigned)stored, (unsigned)c->dsc->data_size);
    }
}

static void check_pixels(const struct lvimg_case *c)
{
    struct lvh_image img;
    if (lvh_image_decode(src_of(c), 0, &img) != 0) {
        CHECK(0, "%s: LVGL did not decode it", c->name);
        return;
    }
    lv_color_format_t cf = cf_of(c->cf), want_cf = cf;
    if (LV_COLOR_FORMAT_IS_INDEXED(cf)) {
        want_cf = LV_COLOR_FORMAT_ARGB8888;
    } else if (LV_COLOR_FORMAT_IS_ALPHA_ONLY(cf)) {
        want_cf = LV_COLOR_FORMAT_A8;
    }
    int own_stride = want_cf == cf;
    CHECK(img.cf == want_cf && img.w == LVIMG_W && img.h == LVIMG_H &&
              (!own_stride || img.stride == expected_stride(c)) &&
              img.size >= (size_t)img.stride * LVIMG_H,
          "%s: decoded cf 0x%x %ux%u stride %u", c->name, (unsigned)img.cf, (unsigned)img.w,
          (unsigned)img.h, (unsigned)img.stride);
    int pm_flag = c->premultiply && strcmp(c->cf, "ARGB8888_PREMULTIPLIED") != 0;
    CHECK(!pm_flag || (img.flags & LV_IMAGE_FLAGS_PREMULTIPLIED) != 0,
          "%s: the decoded buffer lost the premultiplied flag", c->name);
    unsigned tol = c->dither ? 1 : 0, bad = 0;
    for (unsigned y = 0; y < LVIMG_H && img.cf == want_cf && bad == 0; y++) {
        for (unsigned x = 0; x < LVIMG_W && bad == 0; x++) {
            struct px p;
            if (read_px(c, &img, x, y, &p) != 0) {
                CHECK(0, "%s: no formula for this format", c->name);
                bad++;
                break;
            }
            for (unsigned i = 0; i < p.n; i++) {
                unsigned d = p.got[i] > p.want[i] ? p.got[i] - p.want[i] : p.want[i] - p.got[i];
                if (d > tol && bad++ == 0) {
                    CHECK(0, "%s: pixel (%u, %u) channel %u: LVGL has %u, the formula %u", c->name,
                          x, y, i, p.got[i], p.want[i]);
                }
            }
        }
    }
    lvh_image_free(&img);
}

// Indexed images kept indexed (use_indexed): LVGL's palette of 2^bpp
// ARGB8888 entries, then rows of MSB-first indices.
static void check_indexed(const struct lvimg_case *c)
{
    lv_color_format_t cf = cf_of(c->cf);
    struct lvh_image img;
    if (lvh_image_decode(src_of(c), 1, &img) != 0) {
        CHECK(0, "%s: LVGL did not load it indexed", c->name);
        return;
    }
    unsigned bpp = lv_color_format_get_bpp(cf), entries = 1u << bpp;
    size_t pal = (size_t)entries * 4;
    CHECK(img.cf == cf && img.stride == expected_stride(c) &&
              img.size >= pal + (size_t)img.stride * LVIMG_H,
          "%s: indexed buffer cf 0x%x stride %u size %zu", c->name, (unsigned)img.cf,
          (unsigned)img.stride, img.size);
    const lv_color32_t *palette = (const lv_color32_t *)img.data;
    unsigned bad = 0;
    for (unsigned y = 0; y < LVIMG_H && img.cf == cf && bad == 0; y++) {
        const uint8_t *row = img.data + pal + (size_t)y * img.stride;
        for (unsigned x = 0; x < LVIMG_W; x++) {
            unsigned per = 8 / bpp, shift = 8 - bpp * (x % per + 1);
            unsigned idx = (row[x / per] >> shift) & (entries - 1u);
            unsigned f[4];
            prepared(c, 1, x, y, f);
            lv_color32_t k = palette[idx];
            if ((k.red != f[0] || k.green != f[1] || k.blue != f[2] || k.alpha != f[3]) &&
                bad++ == 0) {
                CHECK(0, "%s: pixel (%u, %u) index %u is %02x%02x%02x%02x, want %02x%02x%02x%02x",
                      c->name, x, y, idx, k.alpha, k.red, k.green, k.blue, f[3], f[0], f[1], f[2]);
            }
        }
    }
    lvh_image_free(&img);
}

// The formats glyphpack writes as .bin only compressed: LVGL 9.5's binary
// decoder does not open them plain. When this starts failing, LVGL learnt
// to, and FMT_LVGL_CF_BIN_NEEDS_COMPRESSION can go.
static void test_plain_bin_of_formats_lvgl_cannot_open(void)
{
    static const char *const names[] = {
        "ARGB8888_PREMULTIPLIED", "L8", "AL88", "ARGB1555", "ARGB4444", "ARGB2222"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        lv_color_format_t cf = cf_of(names[i]);
        uint32_t stride = (4 * lv_color_format_get_bpp(cf) + 7) / 8;
        uint8_t file[12 + 4 * 16] = {0x19, (uint8_t)cf, 0, 0, 4, 0, 4, 0, (uint8_t)stride, 0, 0, 0};
        memset(file + 12, 0x5A, stride * 4);
        char path[] = "/tmp/lvimg_plainXXXXXX.bin";
        int fd = mkstemps(path, 4);
        CHECK(fd >= 0 && write(fd, file, 12 + stride * 4) == (ssize_t)(12 + stride * 4),
              "temp file");
        close(fd);
        char lvpath[sizeof(path) + 2];
        snprintf(lvpath, sizeof(lvpath), "A:%s", path);
        struct lvh_image img;
        int rc = lvh_image_decode(lvpath, 0, &img);
        CHECK(rc != 0, "%s: LVGL now opens plain .bin files: lift the refusal", names[i]);
        if (rc == 0) {
            lvh_image_free(&img);
        }
        unlink(path);
    }
}

int main(void)
{
    lvh_init();
    size_t indexed = 0;
    for (size_t i = 0; i < lvimg_case_count; i++) {
        const struct lvimg_case *c = &lvimg_cases[i];
        check_header(c);
        check_pixels(c);
        if (LV_COLOR_FORMAT_IS_INDEXED(cf_of(c->cf))) {
            check_indexed(c);
            indexed++;
        }
    }
    test_plain_bin_of_formats_lvgl_cannot_open();
    lvh_finish();
    printf("%zu cases (%zu indexed), %d failure(s)\n", lvimg_case_count, indexed, check_failures);
    return check_status();
}
