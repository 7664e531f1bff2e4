#include <string.h>

#include "formats/lvgl_font.h"
#include "formats/lvgl_image.h"
#include "packopts.h"

struct word {
    const char *name;
    int value;
};

static int lookup(const struct word *words, size_t n, const char *s, int *out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(words[i].name, s) == 0) {
            *out = words[i].value;
            return 0;
        }
    }
    return -1;
}

#define LOOKUP(words, s, out_type, out)                                                            \
    do {                                                                                           \
        int v_;                                                                                    \
        if (lookup(words, sizeof(words) / sizeof(words[0]), s, &v_) < 0) {                         \
            return -1;                                                                             \
        }                                                                                          \
        *(out) = (out_type)v_;                                                                     \
        return 0;                                                                                  \
    } while (0)

int packopts_format(const char *s, enum packopts_format *out)
{
    static const struct word w[] = {
        {"c", PACKOPTS_FORMAT_C},       {"bin", PACKOPTS_FORMAT_BIN},
        {"py", PACKOPTS_FORMAT_PY},     {"json", PACKOPTS_FORMAT_JSON},
        {"lvgl", PACKOPTS_FORMAT_LVGL}, {"lvgl-bin", PACKOPTS_FORMAT_LVGL_BIN}};
    LOOKUP(w, s, enum packopts_format, out);
}

int packopts_lvgl_bitmaps(const char *s, int *out)
{
    static const struct word w[] = {{"smallest", FMT_LVGL_BITMAPS_SMALLEST},
                                    {"plain", FMT_LVGL_BITMAPS_PLAIN},
                                    {"rle", FMT_LVGL_BITMAPS_RLE},
                                    {"rle-no-prefilter", FMT_LVGL_BITMAPS_RLE_NO_PREFILTER}};
    LOOKUP(w, s, int, out);
}

int packopts_lvgl_compress(const char *s, int *out)
{
    static const struct word w[] = {{"none", FMT_LVGL_COMPRESS_NONE},
                                    {"rle", FMT_LVGL_COMPRESS_RLE},
                                    {"lz4", FMT_LVGL_COMPRESS_LZ4},
                                    {"smallest", FMT_LVGL_COMPRESS_SMALLEST}};
    LOOKUP(w, s, int, out);
}

const char *packopts_format_ext(enum packopts_format f)
{
    switch (f) {
    case PACKOPTS_FORMAT_BIN:
    case PACKOPTS_FORMAT_LVGL_BIN:
        return ".bin";
    case PACKOPTS_FORMAT_PY:
        return ".py";
    case PACKOPTS_FORMAT_JSON:
        return ".json";
    case PACKOPTS_FORMAT_C:
    default:
        return ".c";
    }
}

int packopts_layout(const char *s, enum glyph_layout *out)
{
    static const struct word w[] = {{"rows", GLYPH_LAYOUT_ROWS}, {"pages", GLYPH_LAYOUT_PAGES}};
    LOOKUP(w, s, enum glyph_layout, out);
}

int packopts_bit_order(const char *s, enum glyph_bit_order *out)
{
    static const struct word w[] = {{"msb", GLYPH_BIT_MSB_FIRST}, {"lsb", GLYPH_BIT_LSB_FIRST}};
    LOOKUP(w, s, enum glyph_bit_order, out);
}

int packopts_hinting(const char *s, int *out)
{
    static const struct word w[] = {
        {"normal", GLYPH_HINT_NORMAL}, {"light", GLYPH_HINT_LIGHT},
        {"mono", GLYPH_HINT_MONO},     {"none", GLYPH_HINT_NONE},
        {"auto", GLYPH_HINT_AUTO},     {"auto-strong", GLYPH_HINT_AUTO_STRONG}};
    LOOKUP(w, s, int, out);
}

int packopts_quantize(const char *s, int *out)
{
    static const struct word w[] = {{"round", GLYPH_QUANT_ROUND},
                                    {"truncate", GLYPH_QUANT_TRUNCATE}};
    LOOKUP(w, s, int, out);
}

int packopts_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
    if (s == NULL || *s == '\0' || strlen(s) > 10) {
        return -1;
    }
    uint64_t v = 0;
    for (const char *p = s; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return -1;
        }
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (v < min || v > max) {
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

int packopts_bpp(const char *s, unsigned *out)
{
    uint32_t v;
    if (packopts_uint(s, 1, 8, &v) < 0 || (v != 1 && v != 2 && v != 4 && v != 8)) {
        return -1;
    }
    *out = v;
    return 0;
}

int packopts_row_align(const char *s, unsigned *out)
{
    if (strcmp(s, "packed") == 0) {
        *out = 0;
        return 0;
    }
    if (strcmp(s, "byte") == 0) {
        *out = 1;
        return 0;
    }
    uint32_t v;
    if (packopts_uint(s, 1, 256, &v) < 0 || (v & (v - 1)) != 0) {
        return -1;
    }
    *out = v;
    return 0;
}

int packopts_takes_value(const char *arg, const char *shortopts, const struct option *longopts)
{
    if (arg[0] != '-' || arg[1] == '\0') {
        return 0;
    }
    if (arg[1] != '-') {
        const char *o = arg[2] == '\0' ? strchr(shortopts, arg[1]) : NULL;
        return o != NULL && arg[1] != ':' && o[1] == ':';
    }
    if (strchr(arg, '=') != NULL) {
        return 0;
    }
    for (const struct option *o = longopts; o->name != NULL; o++) {
        if (strcmp(arg + 2, o->name) == 0) {
            return o->has_arg == required_argument;
        }
    }
    return 0;
}
