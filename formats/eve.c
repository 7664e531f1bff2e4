// EVE chip families, their bitmap limits and formats, and the ready
// display-list words of a linked asset (formats/eve.h).
#include "formats/eve.h"

#include <stdio.h>
#include <strings.h>

#include "formats/error.h"

// Display-list opcodes (bits 31:24) and fields, as Bridgetek's EVE_GpuDefs.h
// encodes them.
#define OP_BITMAP_SOURCE     0x01u
#define OP_BITMAP_LAYOUT     0x07u
#define OP_BITMAP_SIZE       0x08u
#define OP_BITMAP_LAYOUT_H   0x28u
#define OP_BITMAP_SIZE_H     0x29u
#define OP_PALETTE_SOURCE    0x2Au
#define OP_BITMAP_EXT_FORMAT 0x2Eu
#define PALETTE_SOURCE_MASK  0x3FFFFFu // 22 bits
#define FONT_METRIC_SIZE     148u      // legacy font metric block

struct limits {
    uint32_t stride_max;   // BITMAP_LAYOUT(_H) linestride
    uint32_t rows_max;     // BITMAP_LAYOUT(_H) height
    uint32_t size_max;     // BITMAP_SIZE(_H) width and height
    uint32_t source_limit; // addresses BITMAP_SOURCE reaches in RAM_G (exclusive)
    uint32_t ram_g;        // RAM_G bytes
};

static const struct limits *limits_of(unsigned chip)
{
    // FT80x: 20-bit BITMAP_SOURCE; FT81x: 22 bits; BT81x: 24 bits of which
    // bit 23 selects flash, so RAM_G reaches 2^23.
    static const struct limits ft80x = {1023u, 511u, 511u, 1u << 20, 256u * 1024u};
    static const struct limits ft81x = {4095u, 2047u, 2047u, 1u << 22, 1024u * 1024u};
    static const struct limits bt81x = {4095u, 2047u, 2047u, 1u << 23, 1024u * 1024u};
    switch (chip) {
    case FMT_EVE_FT80X:
        return &ft80x;
    case FMT_EVE_FT81X:
        return &ft81x;
    case FMT_EVE_BT81X:
        return &bt81x;
    default:
        return NULL;
    }
}

unsigned fmt_eve_chip_parse(const char *name)
{
    static const struct {
        const char *name;
        unsigned chip;
    } names[] = {
        {"FT80x", FMT_EVE_FT80X}, {"FT800", FMT_EVE_FT80X}, {"FT801", FMT_EVE_FT80X},
        {"FT81x", FMT_EVE_FT81X}, {"FT810", FMT_EVE_FT81X}, {"FT811", FMT_EVE_FT81X},
        {"FT812", FMT_EVE_FT81X}, {"FT813", FMT_EVE_FT81X}, {"BT81x", FMT_EVE_BT81X},
        {"BT815", FMT_EVE_BT81X}, {"BT816", FMT_EVE_BT81X}, {"BT817", FMT_EVE_BT81X},
        {"BT818", FMT_EVE_BT81X},
    };
    for (size_t i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            return names[i].chip;
        }
    }
    return 0;
}

const char *fmt_eve_chip_name(unsigned chip)
{
    return chip == FMT_EVE_FT80X   ? "FT80x"
           : chip == FMT_EVE_FT81X ? "FT81x"
           : chip == FMT_EVE_BT81X ? "BT81x"
                                   : "?";
}

uint32_t fmt_eve_ram_g_size(unsigned chip)
{
    const struct limits *l = limits_of(chip);
    return l != NULL ? l->ram_g : 0;
}

int fmt_eve_format_supported(unsigned chip, unsigned format)
{
    switch (format) {
    case BUNDLE_FMT_ARGB1555:
    case BUNDLE_FMT_L1:
    case BUNDLE_FMT_L4:
    case BUNDLE_FMT_L8:
    case BUNDLE_FMT_RGB332:
    case BUNDLE_FMT_ARGB2:
    case BUNDLE_FMT_ARGB4:
    case BUNDLE_FMT_RGB565:
        return limits_of(chip) != NULL;
    case BUNDLE_FMT_L2:
    case BUNDLE_FMT_PALETTED565:
    case BUNDLE_FMT_PALETTED4444:
    case BUNDLE_FMT_PALETTED8:
        return chip == FMT_EVE_FT81X || chip == FMT_EVE_BT81X;
    case BUNDLE_FMT_GLFORMAT:
        return chip == FMT_EVE_BT81X;
    default:
        return 0;
    }
}

uint32_t fmt_eve_min_align(unsigned kind, unsigned format)
{
    if (kind == BUNDLE_KIND_FONT) {
        return 4;
    }
    if (kind == BUNDLE_KIND_PALETTE) {
        return format == BUNDLE_FMT_PALETTED8 ? 4 : 2;
    }
    if (kind != BUNDLE_KIND_IMAGE) {
        return 1;
    }
    switch (format) {
    case BUNDLE_FMT_ARGB1555:
    case BUNDLE_FMT_ARGB4:
    case BUNDLE_FMT_RGB565:
        return 2;
    case BUNDLE_FMT_GLFORMAT:
        return 64;
    default:
        return 1;
    }
}

static uint32_t layout_word(unsigned format, uint32_t stride, uint32_t rows)
{
    return OP_BITMAP_LAYOUT << 24 | (format & 31u) << 19 | (stride & 1023u) << 9 | (rows & 511u);
}

static uint32_t size_word(uint32_t width, uint32_t height)
{
    // filter NEAREST (0), wrapx and wrapy BORDER (0).
    return OP_BITMAP_SIZE << 24 | (width & 511u) << 9 | (height & 511u);
}

// Bitmap words of a `format` bitmap; checks the chip's field limits.
static int bitmap_words(const struct fmt_asset *a, unsigned chip, unsigned format, uint32_t stride,
                        uint32_t rows, struct fmt_eve_words *w, char *why, size_t why_len)
{
    const struct limits *l = limits_of(chip);
    const char *what = NULL;
    uint32_t value = 0, max = 0;
    if (stride == 0 || stride > l->stride_max) {
        what = "stride (bytes per row, BITMAP_LAYOUT linestride)";
        value = stride, max = l->stride_max;
    } else if (rows == 0 || rows > l->rows_max) {
        what = "layout height (BITMAP_LAYOUT height)";
        value = rows, max = l->rows_max;
    } else if (a->width == 0 || a->width > l->size_max) {
        what = "width (BITMAP_SIZE width)";
        value = a->width, max = l->size_max;
    } else if (a->height == 0 || a->height > l->size_max) {
        what = "height (BITMAP_SIZE height)";
        value = a->height, max = l->size_max;
    }
    if (what != NULL) {
        snprintf(why, why_len,
                 "%s '%s': %s %u is over the %s limit of %u: one bitmap handle cannot draw it",
                 fmt_kind_name(a->kind), a->name, what, (unsigned)value, fmt_eve_chip_name(chip),
                 (unsigned)max);
        return FMT_ERR_RANGE;
    }
    w->flags |= FMT_EVE_W_LAYOUT;
    w->bitmap_layout = layout_word(format, stride, rows);
    w->bitmap_size = size_word(a->width, a->height);
    if (chip != FMT_EVE_FT80X) {
        w->flags |= FMT_EVE_W_H;
        w->bitmap_layout_h = OP_BITMAP_LAYOUT_H << 24 | (stride >> 10 & 3u) << 2 | (rows >> 9 & 3u);
        w->bitmap_size_h =
            OP_BITMAP_SIZE_H << 24 | (a->width >> 9 & 3u) << 2 | (a->height >> 9 & 3u);
    }
    if (chip == FMT_EVE_BT81X) {
        w->flags |= FMT_EVE_W_EXT;
        w->bitmap_ext_format = OP_BITMAP_EXT_FORMAT << 24 |
                               ((format == BUNDLE_FMT_GLFORMAT ? a->aux0 : format) & 0xFFFFu);
    }
    return 0;
}

static int source_word(const struct fmt_asset *a, unsigned chip, uint32_t addr,
                       struct fmt_eve_words *w, char *why, size_t why_len)
{
    const struct limits *l = limits_of(chip);
    if (addr >= l->source_limit) {
        snprintf(why, why_len,
                 "%s '%s': address 0x%08x is beyond what the %s's BITMAP_SOURCE reaches (0x%x)",
                 fmt_kind_name(a->kind), a->name, (unsigned)addr, fmt_eve_chip_name(chip),
                 (unsigned)l->source_limit);
        return FMT_ERR_RANGE;
    }
    w->flags |= FMT_EVE_W_SOURCE;
    w->bitmap_source = OP_BITMAP_SOURCE << 24 | addr;
    return 0;
}

static int image_words(const struct fmt_asset *a, unsigned chip, struct fmt_eve_words *w, char *why,
                       size_t why_len)
{
    if (!fmt_eve_format_supported(chip, a->format)) {
        snprintf(why, why_len, "image '%s': the %s has no %s bitmaps", a->name,
                 fmt_eve_chip_name(chip),
                 a->format == BUNDLE_FMT_GLFORMAT ? "ASTC" : fmt_format_name(a->format));
        return FMT_ERR_INVALID_ARG;
    }
    uint32_t rows = a->stride != 0 ? a->size / a->stride : 0;
    int err = source_word(a, chip, a->addr, w, why, why_len);
    err = err ? err : bitmap_words(a, chip, a->format, a->stride, rows, w, why, why_len);
    if (err == 0 && a->format >= BUNDLE_FMT_PALETTED565 && a->format <= BUNDLE_FMT_PALETTED8) {
        uint32_t lut = a->aux0; // the palette's address, set after linking
        w->flags |= FMT_EVE_W_PALETTE;
        w->palette_source = OP_PALETTE_SOURCE << 24 | (lut & PALETTE_SOURCE_MASK);
        if (a->format == BUNDLE_FMT_PALETTED8) {
            w->flags |= FMT_EVE_W_PALETTE8;
            for (uint32_t k = 0; k < 4; k++) { // A, R, G, B: entry bytes 3, 2, 1, 0
                w->palette_pass[k] =
                    OP_PALETTE_SOURCE << 24 | ((lut + 3u - k) & PALETTE_SOURCE_MASK);
            }
        }
    }
    return err;
}

// Legacy fonts: CMD_SETFONT2's arguments (FT81x, BT81x), which set up the
// glyph bitmap handle from the metric block (its stride, height and width
// are checked against the chip all the same). FT80x has only CMD_SETFONT,
// which leaves the handle to the application: its BITMAP_SOURCE is then the
// address of glyph 0, which must lie in RAM_G.
static int font_words(const struct fmt_asset *a, unsigned chip, struct fmt_eve_words *w, char *why,
                      size_t why_len)
{
    if ((a->flags & BUNDLE_ENT_FLAG_XFONT) && chip != FMT_EVE_BT81X) {
        snprintf(why, why_len,
                 "font '%s': the %s has no extended fonts (format 1, BT81x and later): use "
                 "layout \"eve-legacy\" (any 127 characters)",
                 a->name, fmt_eve_chip_name(chip));
        return FMT_ERR_INVALID_ARG;
    }
    if (!fmt_eve_format_supported(chip, a->format)) {
        snprintf(why, why_len, "font '%s': the %s has no %s bitmaps", a->name,
                 fmt_eve_chip_name(chip), fmt_format_name(a->format));
        return FMT_ERR_INVALID_ARG;
    }
    uint64_t cell = (uint64_t)a->stride * a->height;
    uint64_t first = (uint64_t)a->addr + FONT_METRIC_SIZE;
    int err = bitmap_words(a, chip, a->format, a->stride, a->height, w, why, why_len);
    if (err == 0 && chip != FMT_EVE_FT80X) {
        *w = (struct fmt_eve_words){0};
        w->flags = FMT_EVE_W_SETFONT2;
        w->setfont2_ptr = a->addr;
        w->setfont2_first = a->aux0;
        return 0;
    }
    if (err == 0 && cell * a->aux0 > first) {
        snprintf(why, why_len,
                 "font '%s': on the FT80x glyph 0 must lie in RAM_G (BITMAP_SOURCE of "
                 "CMD_SETFONT fonts), but with its first glyph U+%04X at 0x%08x it would start "
                 "%llu bytes below 0: give the font an address of at least 0x%llx",
                 a->name, (unsigned)a->aux0, (unsigned)first,
                 (unsigned long long)(cell * a->aux0 - first),
                 (unsigned long long)(cell * a->aux0 - FONT_METRIC_SIZE));
        return FMT_ERR_RANGE;
    }
    if (err == 0) {
        w->flags |= FMT_EVE_W_SETFONT;
        w->setfont_ptr = a->addr;
        err = source_word(a, chip, (uint32_t)(first - cell * a->aux0), w, why, why_len);
    }
    return err;
}

int fmt_eve_words(const struct fmt_asset *a, unsigned chip, struct fmt_eve_words *w, char *why,
                  size_t why_len)
{
    *w = (struct fmt_eve_words){0};
    if (limits_of(chip) == NULL) {
        snprintf(why, why_len, "asset '%s': unknown EVE chip", a->name);
        return FMT_ERR_INVALID_ARG;
    }
    if (a->kind == BUNDLE_KIND_IMAGE) {
        return image_words(a, chip, w, why, why_len);
    }
    if (a->kind == BUNDLE_KIND_FONT) {
        return font_words(a, chip, w, why, why_len);
    }
    return 0;
}
