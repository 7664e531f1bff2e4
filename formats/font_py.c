// MicroPython emitter: a module with the micropython-font-to-py API, so the
// Writer/CWriter classes drive it unchanged. Bitmaps are fixed cells (height()
// rows by the glyph's cell width, which Writer also uses as the advance, as
// font_to_py does), 1 bpp, in a layout framebuf knows. All data
// are bytes constants so a frozen module keeps them in flash.
#include <inttypes.h>

#include "font_table.h"
#include "formats/error.h"
#include "formats/font_emit.h"

int fmt_font_py_check(const struct glyph_fontpack *pack, char *why, size_t why_len)
{
    const struct glyph_pack_format *f = &pack->opts.fmt;
    if (!pack->opts.cell) {
        font_why(why, why_len, "MicroPython fonts need fixed cells");
        return FMT_ERR_INVALID_ARG;
    }
    if (f->bpp != 1) {
        font_why(why, why_len, "MicroPython fonts (font_to_py API) are 1 bpp, not %u", f->bpp);
        return FMT_ERR_INVALID_ARG;
    }
    if (f->row_align != 1) {
        font_why(why, why_len, "MicroPython fonts need byte-aligned rows");
        return FMT_ERR_INVALID_ARG;
    }
    if (f->layout == GLYPH_LAYOUT_PAGES && f->bit_order != GLYPH_BIT_LSB_FIRST) {
        font_why(why, why_len,
                 "MicroPython fonts with pages need the first pixel in the least significant "
                 "bit (framebuf.MONO_VLSB)");
        return FMT_ERR_INVALID_ARG;
    }
    if (pack->count == 0) {
        font_why(why, why_len, "the font has no glyphs");
        return FMT_ERR_INVALID_ARG;
    }
    return 0;
}

// Bytes of one cell glyph as the generated get_ch() computes them.
static size_t cell_size(const struct glyph_pack_format *f, size_t w, size_t h)
{
    if (f->layout == GLYPH_LAYOUT_PAGES) {
        return (h + 7) / 8 * w;
    }
    return (w + 7) / 8 * h;
}

static int check_glyphs(const struct glyph_fontpack *pack, char *why, size_t why_len)
{
    int err = font_check_u16(pack->cell_height, FONT_NO_CP, "height", why, why_len);
    if (err == 0) {
        err = font_check_u16(pack->cell_baseline, FONT_NO_CP, "baseline", why, why_len);
    }
    for (size_t i = 0; i < pack->count && err == 0; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        err = font_check_u32((int64_t)g->offset, g->codepoint, "offset", why, why_len);
        if (err == 0) {
            err = font_check_u16(g->width, g->codepoint, "width", why, why_len);
        }
        if (err == 0 && (g->height != pack->cell_height ||
                         g->size != cell_size(&pack->opts.fmt, g->width, g->height) ||
                         g->offset > pack->data_len || g->size > pack->data_len - g->offset)) {
            font_why(why, why_len,
                     "glyph U+%04" PRIX32 ": bitmap is not a %" PRIu32 "-row byte-aligned cell",
                     g->codepoint, pack->cell_height);
            err = FMT_ERR_INVALID_ARG;
        }
    }
    return err;
}

static void put_fn(struct fmt_sink *out, const char *name, const char *value)
{
    fmt_sink_printf(out, "def %s():\n    return %s\n\n", name, value);
}

static void put_fn_int(struct fmt_sink *out, const char *name, int64_t value)
{
    fmt_sink_printf(out, "def %s():\n    return %" PRId64 "\n\n", name, value);
}

static void put_bytes(struct fmt_sink *out, const char *name, const uint8_t *buf, size_t len)
{
    fmt_sink_printf(out, "%s = (\n", name);
    fmt_sink_py_bytes(out, buf, len, 4, 16);
    fmt_sink_puts(out, ")\n\n");
}

// Little-endian tables, written into a membuf so they can be emitted as one
// bytes constant each.
static int put_tables(struct fmt_sink *out, const struct glyph_fontpack *pack,
                      const struct font_table *t)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    for (size_t i = 0; i < t->range_count; i++) {
        fmt_sink_u32le(&mb.sink, t->ranges[i].first);
        fmt_sink_u32le(&mb.sink, t->ranges[i].count);
        fmt_sink_u32le(&mb.sink, t->ranges[i].glyph_base);
    }
    fmt_sink_puts(out, "# 12 bytes per range of consecutive code points, little-endian uint32:\n"
                       "# first code point, count, index of its first glyph.\n");
    put_bytes(out, "_ranges", mb.data, mb.len);
    int err = fmt_sink_status(&mb.sink);
    fmt_membuf_finish(&mb);
    fmt_membuf_init(&mb);
    for (size_t i = 0; i < pack->count; i++) {
        fmt_sink_u32le(&mb.sink, (uint32_t)pack->glyphs[i].offset);
        fmt_sink_u16le(&mb.sink, (uint16_t)pack->glyphs[i].width);
    }
    fmt_sink_puts(out, "# 6 bytes per glyph, little-endian: offset into _font (uint32), width\n"
                       "# (uint16). Identical bitmaps share their bytes.\n");
    put_bytes(out, "_glyphs", mb.data, mb.len);
    if (err == 0) {
        err = fmt_sink_status(&mb.sink);
    }
    fmt_membuf_finish(&mb);
    return err;
}

static const char py_lookup[] =
    "_mvfont = memoryview(_font)\n"
    "\n"
    "\n"
    "def _u32(b, i):\n"
    "    return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)\n"
    "\n"
    "\n"
    "def _index(cp):\n"
    "    lo = 0\n"
    "    hi = len(_ranges) // 12\n"
    "    while lo < hi:\n"
    "        mid = (lo + hi) // 2\n"
    "        first = _u32(_ranges, mid * 12)\n"
    "        if cp < first:\n"
    "            hi = mid\n"
    "        elif cp - first >= _u32(_ranges, mid * 12 + 4):\n"
    "            lo = mid + 1\n"
    "        else:\n"
    "            return _u32(_ranges, mid * 12 + 8) + cp - first\n"
    "    return _DEFAULT\n"
    "\n"
    "\n"
    "# Returns (memoryview of the glyph's bytes, height, width); characters the\n"
    "# font lacks give the default glyph.\n"
    "def get_ch(ch):\n"
    "    i = _index(ord(ch)) * 6\n"
    "    offset = _u32(_glyphs, i)\n"
    "    width = _glyphs[i + 4] | (_glyphs[i + 5] << 8)\n";

int fmt_font_emit_py(const struct glyph_fontpack *pack, struct fmt_sink *out, char *why,
                     size_t why_len)
{
    int err = fmt_font_py_check(pack, why, why_len);
    if (err < 0) {
        return err;
    }
    err = check_glyphs(pack, why, why_len);
    if (err < 0) {
        return err;
    }
    struct font_table t;
    err = font_table_build(&t, pack, UINT32_MAX);
    if (err < 0) {
        font_why(why, why_len, "cannot index the glyphs: %s", fmt_strerror(err));
        return err;
    }
    const struct glyph_set_metrics *m = &pack->metrics;
    const struct glyph_pack_format *f = &pack->opts.fmt;
    int mono = 1;
    for (size_t i = 1; i < pack->count; i++) {
        mono &= pack->glyphs[i].width == pack->glyphs[0].width;
    }
    fmt_sink_puts(out, "# Generated by glyphpack, do not edit.\n# Font: ");
    fmt_sink_py_comment(out, m->family != NULL ? m->family : "");
    fmt_sink_puts(out, " ");
    fmt_sink_py_comment(out, m->style != NULL ? m->style : "");
    fmt_sink_printf(out, ", %" PRIu32 " px em, cell height %" PRIu32 " px, 1 bpp, %s\n", m->size_px,
                    pack->cell_height,
                    f->layout == GLYPH_LAYOUT_PAGES       ? "vertical (MONO_VLSB)"
                    : f->bit_order == GLYPH_BIT_LSB_FIRST ? "horizontal (MONO_HMSB)"
                                                          : "horizontal (MONO_HLSB)");
    fmt_sink_puts(out, "# API of micropython-font-to-py modules: usable with its Writer and "
                       "CWriter.\n\n");
    put_fn_int(out, "height", pack->cell_height);
    put_fn_int(out, "baseline", pack->cell_baseline);
    put_fn_int(out, "max_width", t.max_width);
    put_fn(out, "hmap", f->layout == GLYPH_LAYOUT_ROWS ? "True" : "False");
    put_fn(out, "reverse",
           f->layout == GLYPH_LAYOUT_ROWS && f->bit_order == GLYPH_BIT_LSB_FIRST ? "True"
                                                                                 : "False");
    put_fn(out, "monospaced", mono ? "True" : "False");
    put_fn_int(out, "min_ch", pack->glyphs[0].codepoint);
    put_fn_int(out, "max_ch", pack->glyphs[pack->count - 1].codepoint);
    fmt_sink_printf(out, "_DEFAULT = %zu  # glyph for characters the font lacks\n\n",
                    t.default_glyph);
    put_bytes(out, "_font", pack->data, pack->data_len);
    err = put_tables(out, pack, &t);
    fmt_sink_puts(out, py_lookup);
    if (f->layout == GLYPH_LAYOUT_PAGES) {
        fmt_sink_printf(out, "    size = ((%" PRIu32 " + 7) >> 3) * width\n", pack->cell_height);
    } else {
        fmt_sink_printf(out, "    size = ((width + 7) >> 3) * %" PRIu32 "\n", pack->cell_height);
    }
    fmt_sink_printf(out, "    return _mvfont[offset:offset + size], %" PRIu32 ", width\n",
                    pack->cell_height);
    if (err == 0) {
        err = fmt_sink_status(out);
    }
    if (err < 0) {
        font_why(why, why_len, "%s", fmt_strerror(err));
    }
    font_table_finish(&t);
    return err;
}
