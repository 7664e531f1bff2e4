// The ready EVE words of assets.h and assets.py (formats/eve.h): each word
// complete with its opcode, so firmware sends them as they are.
#include <stdio.h>

#include "assets_eve.h"
#include "formats/eve.h"

struct word {
    const char *suffix;
    uint32_t value;
    int decimal; // a number, not a word
};

// The words `w` holds, in the order a display list uses them.
static size_t words_of(const struct fmt_eve_words *w, struct word *out)
{
    static const char *const pass[4] = {"PALETTE_SOURCE_A", "PALETTE_SOURCE_R", "PALETTE_SOURCE_G",
                                        "PALETTE_SOURCE_B"};
    size_t n = 0;
    if (w->flags & FMT_EVE_W_SOURCE) {
        out[n++] = (struct word){"BITMAP_SOURCE", w->bitmap_source, 0};
    }
    if (w->flags & FMT_EVE_W_LAYOUT) {
        out[n++] = (struct word){"BITMAP_LAYOUT", w->bitmap_layout, 0};
    }
    if (w->flags & FMT_EVE_W_H) {
        out[n++] = (struct word){"BITMAP_LAYOUT_H", w->bitmap_layout_h, 0};
    }
    if (w->flags & FMT_EVE_W_LAYOUT) {
        out[n++] = (struct word){"BITMAP_SIZE", w->bitmap_size, 0};
    }
    if (w->flags & FMT_EVE_W_H) {
        out[n++] = (struct word){"BITMAP_SIZE_H", w->bitmap_size_h, 0};
    }
    if (w->flags & FMT_EVE_W_EXT) {
        out[n++] = (struct word){"BITMAP_EXT_FORMAT", w->bitmap_ext_format, 0};
    }
    if (w->flags & FMT_EVE_W_PALETTE) {
        out[n++] = (struct word){"PALETTE_SOURCE", w->palette_source, 0};
    }
    for (int k = 0; k < 4 && (w->flags & FMT_EVE_W_PALETTE8); k++) {
        out[n++] = (struct word){pass[k], w->palette_pass[k], 0};
    }
    if (w->flags & FMT_EVE_W_SETFONT2) {
        out[n++] = (struct word){"SETFONT2_PTR", w->setfont2_ptr, 0};
        out[n++] = (struct word){"SETFONT2_FIRST", w->setfont2_first, 1};
    }
    if (w->flags & FMT_EVE_W_SETFONT) {
        out[n++] = (struct word){"SETFONT_PTR", w->setfont_ptr, 0};
    }
    return n;
}

static int words(const struct fmt_asset *a, unsigned chip, struct word *out, size_t *n)
{
    struct fmt_eve_words w;
    char why[256];
    *n = 0;
    if (chip == 0) {
        return 0;
    }
    int err = fmt_eve_words(a, chip, &w, why, sizeof(why));
    if (err == 0) {
        *n = words_of(&w, out);
    }
    return err;
}

int assets_eve_h(struct fmt_sink *s, const char *P, const char *N, const struct fmt_asset *a,
                 unsigned chip)
{
    struct word w[16];
    size_t n;
    int err = words(a, chip, w, &n);
    if (n > 0) {
        fmt_sink_printf(s, "// %s: ready display-list words and coprocessor arguments\n",
                        fmt_eve_chip_name(chip));
    }
    for (size_t k = 0; k < n; k++) {
        fmt_sink_printf(s, w[k].decimal ? "#define %s_%s_%s %uu\n" : "#define %s_%s_%s 0x%08xu\n",
                        P, N, w[k].suffix, (unsigned)w[k].value);
    }
    return err;
}

int assets_eve_py(struct fmt_sink *s, const char *N, const struct fmt_asset *a, unsigned chip)
{
    struct word w[16];
    size_t n;
    int err = words(a, chip, w, &n);
    for (size_t k = 0; k < n; k++) {
        fmt_sink_printf(s, w[k].decimal ? "%s_%s = const(%u)\n" : "%s_%s = const(0x%08x)\n", N,
                        w[k].suffix, (unsigned)w[k].value);
    }
    return err;
}

void assets_eve_chip_h(struct fmt_sink *s, const char *P, unsigned chip)
{
    if (chip != 0) {
        fmt_sink_printf(s, "#define %s_BUNDLE_EVE_CHIP %uu // %s\n\n", P, chip,
                        fmt_eve_chip_name(chip));
    }
}

void assets_eve_chip_py(struct fmt_sink *s, unsigned chip)
{
    if (chip != 0) {
        fmt_sink_printf(s, "BUNDLE_EVE_CHIP = const(%u)  # %s\n\n", chip, fmt_eve_chip_name(chip));
    }
}
