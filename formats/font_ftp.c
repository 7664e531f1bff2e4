// micropython-font-to-py's Python font module and binary font file. The
// generated text (banner, functions, lookup code) is font_to_py's output
// format, reproduced byte for byte so that its users get the same files;
// the layout rules are in docs/font-to-py.md.
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "font_table.h"
#include "formats/error.h"
#include "formats/font_ftp.h"
#include "glyph/charset.h"
#include "glyph/pack.h"

// The encoding of the pack's bitmaps (GLYPH_CELL_INK cells).
static const struct glyph_pack_format pack_fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};

// font_to_py's normal (non-sparse) index serves at most this many entries:
// the default character plus one per code point from min_ch to max_ch.
#define FTP_NORMAL_INDEX_MAX 96

static const char hexdigits[] = "0123456789abcdef";

static int check_pack(const struct glyph_fontpack *pack, char *why, size_t why_len)
{
    if (why_len > 0) {
        why[0] = '\0';
    }
    const struct glyph_pack_format *f = &pack->opts.fmt;
    if (pack->opts.cell != GLYPH_CELL_INK || f->bpp != 1 || f->layout != pack_fmt.layout ||
        f->bit_order != pack_fmt.bit_order || f->row_align != 1) {
        font_why(why, why_len,
                 "font_to_py output needs GLYPH_CELL_INK cells, 1 bpp, MSB-first "
                 "byte-aligned rows");
        return FMT_ERR_INVALID_ARG;
    }
    if (pack->count == 0) {
        font_why(why, why_len, "the font has no glyphs");
        return FMT_ERR_INVALID_ARG;
    }
    return 0;
}

static const struct glyph_packed_glyph *find(const struct glyph_fontpack *pack, uint32_t cp)
{
    size_t lo = 0, hi = pack->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t c = pack->glyphs[mid].codepoint;
        if (c == cp) {
            return &pack->glyphs[mid];
        }
        if (c < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static int in_charset(const struct fmt_ftp_module *m, uint32_t cp)
{
    size_t lo = 0, hi = m->charset_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->charset[mid] == cp) {
            return 1;
        }
        if (m->charset[mid] < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

// Scratch space for re-mapping one glyph.
struct scratch {
    uint8_t *levels; // unpacked pixels, w * h
    uint8_t *bytes;  // the re-mapped cell
    size_t cap;      // of each
};

static int reserve(struct scratch *sc, size_t n)
{
    if (n <= sc->cap) {
        return 0;
    }
    uint8_t *a = realloc(sc->levels, n);
    if (a == NULL) {
        return FMT_ERR_NOMEM;
    }
    sc->levels = a;
    uint8_t *b = realloc(sc->bytes, n);
    if (b == NULL) {
        return FMT_ERR_NOMEM;
    }
    sc->bytes = b;
    sc->cap = n;
    return 0;
}

static uint8_t reverse_bits(uint8_t b)
{
    b = (uint8_t)((b & 0xF0) >> 4 | (b & 0x0F) << 4);
    b = (uint8_t)((b & 0xCC) >> 2 | (b & 0x33) << 2);
    return (uint8_t)((b & 0xAA) >> 1 | (b & 0x55) << 1);
}

// Columns of ceil(h / 8) bytes, the top pixel of a byte in its LSB (MSB
// with reverse), from the unpacked pixels.
static size_t columns(const uint8_t *px, uint32_t w, uint32_t h, int reverse, uint8_t *out)
{
    size_t n = 0;
    for (uint32_t x = 0; x < w; x++) {
        for (uint32_t y0 = 0; y0 < h; y0 += 8) {
            unsigned byte = 0;
            for (uint32_t k = 0; k < 8 && y0 + k < h; k++) {
                byte |= px[(size_t)(y0 + k) * w + x] ? (reverse ? 0x80u >> k : 1u << k) : 0u;
            }
            out[n++] = (uint8_t)byte;
        }
    }
    return n;
}

// Writes the glyph's cell in `map`: rows of ceil(w / 8) bytes, first pixel
// in the MSB (the pack's own layout) or, with reverse, the LSB; or columns.
static int put_bitmap(struct fmt_sink *out, const struct glyph_fontpack *pack,
                      const struct glyph_packed_glyph *g, struct fmt_ftp_mapping map,
                      struct scratch *sc)
{
    uint32_t w = g->width, h = g->height;
    if (g->size == 0) {
        return 0; // a 0-wide or 0-high cell: no bytes
    }
    if (g->offset > pack->data_len || g->size > pack->data_len - g->offset) {
        return FMT_ERR_INVALID_ARG;
    }
    const uint8_t *src = pack->data + g->offset;
    if (map.hmap && !map.reverse) {
        fmt_sink_write(out, src, g->size);
        return 0;
    }
    size_t n = (size_t)w * h;
    int err = reserve(sc, n > g->size ? n : g->size);
    if (err < 0) {
        return err;
    }
    if (map.hmap) {
        for (size_t i = 0; i < g->size; i++) {
            sc->bytes[i] = reverse_bits(src[i]);
        }
        n = g->size;
    } else {
        if (glyph_unpack_plane(&pack_fmt, src, g->size, w, h, sc->levels, w) != 0) {
            return FMT_ERR_INVALID_ARG;
        }
        n = columns(sc->levels, w, h, map.reverse, sc->bytes);
    }
    fmt_sink_write(out, sc->bytes, n);
    return 0;
}

// font_to_py's byte-string constant: "NAME =\", then lines of up to 16
// bytes b'\x..' continued with a backslash, a blank line after.
static void put_bytes_const(struct fmt_sink *out, const char *name, const uint8_t *d, size_t n)
{
    fmt_sink_printf(out, "%s =\\\n", name);
    char line[2 + 16 * 4 + 3];
    for (size_t i = 0; i < n; i += 16) {
        size_t k = 0, end = n - i < 16 ? n : i + 16;
        line[k++] = 'b';
        line[k++] = '\'';
        for (size_t j = i; j < end; j++) {
            line[k++] = '\\';
            line[k++] = 'x';
            line[k++] = hexdigits[d[j] >> 4];
            line[k++] = hexdigits[d[j] & 15];
        }
        line[k++] = '\'';
        if (end - i == 16) {
            line[k++] = '\\';
        }
        line[k++] = '\n';
        fmt_sink_write(out, line, k);
    }
    fmt_sink_puts(out, "\n");
}

// A string in a comment line: UTF-8 as it is; CR, LF and bytes outside
// well-formed sequences as \xNN, so the comment ends where it should. On the
// first two lines Python reads "coding:" or "coding=" as the file's encoding
// (PEP 263; in UTF-7 ASCII text can hide a newline), so with `line2` the ':'
// or '=' after "coding" becomes '_'.
static void put_comment(struct fmt_sink *out, const char *s, int line2)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = glyph_utf8_decode(p + i, n - i, &cp);
        if (len == 0 || p[i] == '\r' || p[i] == '\n') {
            fmt_sink_printf(out, "\\x%02x", p[i]);
            len = 1;
        } else if (line2 && (p[i] == ':' || p[i] == '=') && i >= 6 &&
                   memcmp(p + i - 6, "coding", 6) == 0) {
            fmt_sink_puts(out, "_");
        } else {
            fmt_sink_write(out, p + i, len);
        }
        i += len;
    }
}

static void put_utf8(struct fmt_sink *out, uint32_t cp)
{
    uint8_t b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (uint8_t)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (uint8_t)(0xC0 | cp >> 6);
        b[1] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (uint8_t)(0xE0 | cp >> 12);
        b[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (uint8_t)(0xF0 | cp >> 18);
        b[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fmt_sink_write(out, b, n);
}

static void put_func(struct fmt_sink *out, const char *name, const char *value)
{
    fmt_sink_printf(out, "def %s():\n    return %s\n\n", name, value);
}

static void put_func_int(struct fmt_sink *out, const char *name, int64_t value)
{
    fmt_sink_printf(out, "def %s():\n    return %" PRId64 "\n\n", name, value);
}

static const char *py_bool(int v)
{
    return v ? "True" : "False";
}

// glyphs(): the module's characters in a triple-quoted string, as
// font_to_py writes them (raw), except where that literal would not hold
// them: a backslash that would start an escape with the next character (or
// the closing quotes) is doubled, CR and NUL are escaped, and so is a '"'
// just before the closing quotes.
static void put_glyphs_fn(struct fmt_sink *out, const struct glyph_fontpack *pack)
{
    fmt_sink_puts(out, "\ndef glyphs():\n    for c in \"\"\"");
    for (size_t i = 0; i < pack->count; i++) {
        uint32_t cp = pack->glyphs[i].codepoint;
        uint32_t next = i + 1 < pack->count ? pack->glyphs[i + 1].codepoint : '"';
        if (cp == '\\' && next != 0 && next < 0x80 &&
            strchr("\\'\"abfnrtvxuUN01234567\n", (int)next)) {
            fmt_sink_puts(out, "\\\\");
        } else if (cp == '\r') {
            fmt_sink_puts(out, "\\r");
        } else if (cp == 0) {
            fmt_sink_puts(out, "\\x00");
        } else if (cp == '"' && i + 1 == pack->count) {
            fmt_sink_puts(out, "\\\"");
        } else {
            put_utf8(out, cp);
        }
    }
    fmt_sink_puts(out, "\"\"\":\n        yield c, get_ch(c)\n\n");
}

// The module's code point range (min_ch/max_ch): the selection's span, or
// with a charset the span of the characters the font has, the default
// character included when the font has it.
static int char_range(const struct fmt_ftp_module *m, uint32_t *lo, uint32_t *hi, char *why,
                      size_t why_len)
{
    const struct glyph_fontpack *pack = m->pack;
    if (m->charset_len == 0) {
        *lo = m->first;
        *hi = m->last;
        if (m->first > m->last || m->last - m->first >= pack->count) {
            font_why(why, why_len, "the glyphs do not cover code points %" PRIu32 "..%" PRIu32,
                     m->first, m->last);
            return FMT_ERR_INVALID_ARG;
        }
        return 0;
    }
    int any = 0;
    for (size_t i = 0; i < pack->count; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        if (g->codepoint != m->default_cp && !in_charset(m, g->codepoint)) {
            font_why(why, why_len, "glyph U+%04" PRIX32 " is not in the character set",
                     g->codepoint);
            return FMT_ERR_INVALID_ARG;
        }
        if (!g->notdef) {
            *lo = any ? *lo : g->codepoint;
            *hi = g->codepoint;
            any = 1;
        }
    }
    if (!any) {
        font_why(why, why_len, "the font has none of the characters, nor the default character");
        return FMT_ERR_INVALID_ARG;
    }
    return 0;
}

// Appends one glyph record to the font data: its cell width, 16-bit
// little-endian, then its bitmap.
static int put_record(struct fmt_membuf *data, const struct fmt_ftp_module *m,
                      const struct glyph_packed_glyph *g, struct scratch *sc)
{
    fmt_sink_u16le(&data->sink, (uint16_t)g->width);
    return put_bitmap(&data->sink, m->pack, g, m->map, sc);
}

static int offset_fits(size_t offset, uint32_t cp, char *why, size_t why_len)
{
    if (offset > UINT16_MAX) {
        font_why(why, why_len,
                 "U+%04" PRIX32 ": font data offset %zu exceeds the 16-bit index (fewer "
                 "characters or a smaller height)",
                 cp, offset);
        return FMT_ERR_RANGE;
    }
    return 0;
}

// The normal index: one 16-bit data offset per entry (the default
// character, then min_ch..max_ch; 0 for characters not in the font, which
// finds the default), and the end offset.
static int build_normal(const struct fmt_ftp_module *m, uint32_t lo, uint32_t hi,
                        struct fmt_membuf *data, struct fmt_membuf *index, struct scratch *sc,
                        char *why, size_t why_len)
{
    for (int64_t e = -1; e <= (int64_t)hi - lo; e++) {
        uint32_t cp = e < 0 ? m->default_cp : lo + (uint32_t)e;
        const struct glyph_packed_glyph *g = find(m->pack, cp);
        int present =
            g != NULL && (e < 0 || m->charset_len == 0 || (in_charset(m, cp) && !g->notdef));
        if (!present) {
            fmt_sink_u16le(&index->sink, 0);
            continue;
        }
        int err = offset_fits(data->len, cp, why, why_len);
        if (err < 0) {
            return err;
        }
        fmt_sink_u16le(&index->sink, (uint16_t)data->len);
        err = put_record(data, m, g, sc);
        if (err < 0) {
            return err;
        }
    }
    int err = offset_fits(data->len, hi, why, why_len);
    fmt_sink_u16le(&index->sink, (uint16_t)data->len);
    return err;
}

// The sparse index: the default character's record first, then for every
// glyph by code point a 16-bit code point and a 16-bit offset / 8 of its
// record (records start on 8-byte boundaries).
static int build_sparse(const struct fmt_ftp_module *m, struct fmt_membuf *data,
                        struct fmt_membuf *sparse, struct scratch *sc, char *why, size_t why_len)
{
    static const uint8_t zeros[8] = {0};
    int err = put_record(data, m, find(m->pack, m->default_cp), sc);
    for (size_t i = 0; err == 0 && i < m->pack->count; i++) {
        const struct glyph_packed_glyph *g = &m->pack->glyphs[i];
        if (g->codepoint > UINT16_MAX) {
            font_why(why, why_len,
                     "U+%04" PRIX32 ": font_to_py's sparse index holds 16-bit code points only",
                     g->codepoint);
            return FMT_ERR_RANGE;
        }
        fmt_sink_u16le(&sparse->sink, (uint16_t)g->codepoint);
        fmt_sink_write(&data->sink, zeros, (8 - data->len % 8) % 8);
        if (data->len >> 3 > UINT16_MAX) {
            font_why(why, why_len,
                     "U+%04" PRIX32 ": font data exceed the sparse index's 524287 bytes (fewer "
                     "characters or a smaller height)",
                     g->codepoint);
            return FMT_ERR_RANGE;
        }
        fmt_sink_u16le(&sparse->sink, (uint16_t)(data->len >> 3));
        err = put_record(data, m, g, sc);
    }
    return err;
}

static const char code_normal[] =
    "_mvfont = memoryview(_font)\n"
    "_mvi = memoryview(_index)\n"
    "ifb = lambda l : l[0] | (l[1] << 8)\n"
    "\n"
    "def get_ch(ch):\n"
    "    oc = ord(ch)\n"
    "    ioff = 2 * (oc - %" PRIu32 " + 1) if oc >= %" PRIu32 " and oc <= %" PRIu32 " else 0\n"
    "    doff = ifb(_mvi[ioff : ])\n"
    "    width = ifb(_mvfont[doff : ])\n";

static const char code_sparse[] = "_mvfont = memoryview(_font)\n"
                                  "_mvsp = memoryview(_sparse)\n"
                                  "ifb = lambda l : l[0] | (l[1] << 8)\n"
                                  "\n"
                                  "def bs(lst, val):\n"
                                  "    while True:\n"
                                  "        m = (len(lst) & ~ 7) >> 1\n"
                                  "        v = ifb(lst[m:])\n"
                                  "        if v == val:\n"
                                  "            return ifb(lst[m + 2:])\n"
                                  "        if not m:\n"
                                  "            return 0\n"
                                  "        lst = lst[m:] if v < val else lst[:m]\n"
                                  "\n"
                                  "def get_ch(ch):\n"
                                  "    doff = bs(_mvsp, ord(ch)) << 3\n"
                                  "    width = ifb(_mvfont[doff : ])\n";

static const char code_hmap[] = "\n"
                                "    next_offs = doff + 2 + ((width - 1)//8 + 1) * %" PRIu32 "\n"
                                "    return _mvfont[doff + 2:next_offs], %" PRIu32 ", width\n"
                                "\n";

static const char code_vmap[] = "\n"
                                "    next_offs = doff + 2 + ((%" PRIu32 " - 1)//8 + 1) * width\n"
                                "    return _mvfont[doff + 2:next_offs], %" PRIu32 ", width\n"
                                "\n";

static void put_header(struct fmt_sink *out, const struct fmt_ftp_module *m, uint32_t lo,
                       uint32_t hi)
{
    const struct glyph_fontpack *pack = m->pack;
    fmt_sink_puts(out, "# Code generated by font_to_py.py.\n# Font: ");
    put_comment(out, m->font_name, 1);
    if (m->charset_len > 0) {
        fmt_sink_puts(out, " Char set: ");
        for (size_t i = 0; i < m->charset_len; i++) {
            if (m->charset[i] == '\r' || m->charset[i] == '\n' || m->charset[i] == 0 ||
                m->charset[i] > 0x10FFFF || (m->charset[i] >= 0xD800 && m->charset[i] < 0xE000)) {
                fmt_sink_printf(out, "\\x%02" PRIx32, m->charset[i]);
            } else {
                put_utf8(out, m->charset[i]);
            }
        }
    }
    fmt_sink_puts(out, "\n# Cmd: ");
    put_comment(out, m->cmd, 0);
    fmt_sink_puts(out, "\nversion = '0.42'\n\n");
    put_func_int(out, "height", pack->cell_height);
    put_func_int(out, "baseline", pack->cell_baseline);
    put_func_int(out, "max_width", pack->ink_max_width);
    put_func(out, "hmap", py_bool(m->map.hmap));
    put_func(out, "reverse", py_bool(m->map.reverse));
    put_func(out, "monospaced", py_bool(m->fixed));
    put_func_int(out, "min_ch", lo);
    put_func_int(out, "max_ch", hi);
    if (m->iterate) {
        put_glyphs_fn(out, pack);
    }
}

static int emit_module(const struct fmt_ftp_module *m, struct fmt_sink *out,
                       struct fmt_membuf *data, struct fmt_membuf *index, struct scratch *sc,
                       char *why, size_t why_len)
{
    uint32_t lo = 0, hi = 0;
    int err = char_range(m, &lo, &hi, why, why_len);
    if (err < 0) {
        return err;
    }
    if (find(m->pack, m->default_cp) == NULL) {
        font_why(why, why_len, "no glyph for the default character U+%04" PRIX32, m->default_cp);
        return FMT_ERR_INVALID_ARG;
    }
    int sparse = (uint64_t)hi - lo + 2 > FTP_NORMAL_INDEX_MAX;
    err = sparse ? build_sparse(m, data, index, sc, why, why_len)
                 : build_normal(m, lo, hi, data, index, sc, why, why_len);
    if (err == 0) {
        err = fmt_sink_status(&data->sink);
    }
    if (err == 0) {
        err = fmt_sink_status(&index->sink);
    }
    if (err < 0) {
        return err;
    }
    put_header(out, m, lo, hi);
    put_bytes_const(out, "_font", data->data, data->len);
    put_bytes_const(out, sparse ? "_sparse" : "_index", index->data, index->len);
    if (sparse) {
        fmt_sink_puts(out, code_sparse);
    } else {
        fmt_sink_printf(out, code_normal, lo, lo, hi);
    }
    uint32_t h = m->pack->cell_height;
    fmt_sink_printf(out, m->map.hmap ? code_hmap : code_vmap, h, h);
    return fmt_sink_status(out);
}

int fmt_ftp_emit_module(const struct fmt_ftp_module *m, struct fmt_sink *out, char *why,
                        size_t why_len)
{
    int err = check_pack(m->pack, why, why_len);
    if (err < 0) {
        return err;
    }
    struct fmt_membuf data, index;
    fmt_membuf_init(&data);
    fmt_membuf_init(&index);
    struct scratch sc = {NULL, NULL, 0};
    err = emit_module(m, out, &data, &index, &sc, why, why_len);
    if (err < 0 && (why_len == 0 || why[0] == '\0')) {
        font_why(why, why_len, "%s", fmt_strerror(err));
    }
    free(sc.levels);
    free(sc.bytes);
    fmt_membuf_finish(&data);
    fmt_membuf_finish(&index);
    return err;
}

int fmt_ftp_emit_binary(const struct glyph_fontpack *pack, struct fmt_ftp_mapping map,
                        struct fmt_sink *out, char *why, size_t why_len)
{
    int err = check_pack(pack, why, why_len);
    if (err < 0) {
        return err;
    }
    if (pack->count != 95 || pack->glyphs[0].codepoint != 32 || pack->glyphs[94].codepoint != 126) {
        font_why(why, why_len, "binary fonts hold exactly the code points 32..126");
        return FMT_ERR_INVALID_ARG;
    }
    err = font_check_u8(pack->ink_max_width, FONT_NO_CP, "max_width", why, why_len);
    if (err == 0) {
        err = font_check_u8(pack->cell_height, FONT_NO_CP, "height", why, why_len);
    }
    uint8_t head[4] = {(uint8_t)(0x3F + (map.hmap ? 1 : 0) + (map.reverse ? 2 : 0)), 0xE7,
                       (uint8_t)pack->ink_max_width, (uint8_t)pack->cell_height};
    fmt_sink_write(out, head, sizeof(head));
    struct scratch sc = {NULL, NULL, 0};
    for (size_t i = 0; err == 0 && i < pack->count; i++) {
        const struct glyph_packed_glyph *g = &pack->glyphs[i];
        err = font_check_u8(g->advance, g->codepoint, "width", why, why_len);
        if (err == 0) {
            fmt_sink_u8(out, (uint8_t)g->advance);
            err = put_bitmap(out, pack, g, map, &sc);
        }
    }
    free(sc.levels);
    free(sc.bytes);
    if (err == 0) {
        err = fmt_sink_status(out);
    }
    if (err < 0 && (why_len == 0 || why[0] == '\0')) {
        font_why(why, why_len, "%s", fmt_strerror(err));
    }
    return err;
}
