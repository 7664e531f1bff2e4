// The EVE text maps in assets.h and assets.py (docs/eve-fonts.md, "Unicode on
// FT81x"): which slot of a legacy font draws which character, and the code
// that turns UTF-8 text into slot bytes. Only numbers and fixed text reach
// the output; asset names are identifiers (fmt_asset_name_valid).
#include <ctype.h>
#include <string.h>

#include "assets_eve_text.h"

static int any_map(const struct fmt_asset *assets, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (assets[i].textmap_count > 0) {
            return 1;
        }
    }
    return 0;
}

static void recase(char *dst, const char *src, size_t cap, int up)
{
    size_t i = 0;
    for (; src[i] != '\0' && i + 1 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[i] = (char)(up ? toupper(c) : tolower(c));
    }
    dst[i] = '\0';
}

static void emit_h_font(struct fmt_sink *s, const char *P, const char *p, const struct fmt_asset *a)
{
    char N[BUNDLE_NAME_SIZE], nl[BUNDLE_NAME_SIZE], pl[40];
    recase(N, a->name, sizeof(N), 1);
    recase(nl, a->name, sizeof(nl), 0);
    recase(pl, p, sizeof(pl), 0);
    fmt_sink_printf(s, "#define %s_%s_TEXTMAP_COUNT %uu\n", P, N, (unsigned)a->textmap_count);
    fmt_sink_printf(s, "#define %s_%s_FALLBACK_SLOT %uu\n", P, N, (unsigned)a->fallback_slot);
    fmt_sink_printf(s,
                    "// The slot bytes CMD_TEXT draws '%s' with, from `len` bytes of UTF-8\n"
                    "// `text`; characters the font lacks become slot %u and are counted in\n"
                    "// *unmapped. Returns the slots the text needs (>= out_size: cut short).\n",
                    a->name, (unsigned)a->fallback_slot);
    fmt_sink_printf(s,
                    "static inline size_t %s_%s_text(uint8_t *out, size_t out_size, const char "
                    "*text,\n    size_t len, size_t *unmapped)\n{\n",
                    pl, nl);
    fmt_sink_printf(s, "    static const uint8_t map[%u] = {", (unsigned)a->textmap_count * 4u);
    for (uint32_t i = 0; i < a->textmap_count * 4u; i++) {
        fmt_sink_printf(s, "%s0x%02x,", i % 12 == 0 ? "\n        " : " ", a->textmap[i]);
    }
    fmt_sink_printf(s,
                    "\n    };\n    return fwl_eve_text_encode(out, out_size, text, len, map, "
                    "%uu, %uu, unmapped);\n}\n\n",
                    (unsigned)a->textmap_count, (unsigned)a->fallback_slot);
}

void fmt_emit_eve_text_h(struct fmt_sink *s, const char *P, const char *p,
                         const struct fmt_asset *assets, size_t n)
{
    if (!any_map(assets, n)) {
        return;
    }
    fmt_sink_puts(s, "// Text for the legacy fonts above whose characters sit in slots\n"
                     "// 1..127 (docs/eve-fonts.md); the encoder is the loader's fwl/eve_text.h.\n"
                     "#include <stddef.h>\n#include <stdint.h>\n\n#include \"fwl/eve_text.h\"\n\n");
    for (size_t i = 0; i < n; i++) {
        if (assets[i].textmap_count > 0) {
            emit_h_font(s, P, p, &assets[i]);
        }
    }
}

static const char py_encoder[] =
    "def eve_text(s, textmap, fallback):\n"
    "    \"\"\"The slot bytes CMD_TEXT draws str `s` with, for a legacy font's\n"
    "    textmap (<NAME>_TEXTMAP): (bytes, unmapped), where unmapped counts the\n"
    "    characters the font lacks, drawn as slot `fallback`.\"\"\"\n"
    "    out = bytearray()\n"
    "    missing = 0\n"
    "    n = len(textmap) // 4\n"
    "    for ch in s:\n"
    "        cp = ord(ch)\n"
    "        lo, hi, slot = 0, n, 0\n"
    "        while lo < hi:\n"
    "            mid = (lo + hi) // 2\n"
    "            k = mid * 4\n"
    "            v = textmap[k] | textmap[k + 1] << 8 | textmap[k + 2] << 16\n"
    "            if v == cp:\n"
    "                slot = textmap[k + 3]\n"
    "                break\n"
    "            if v < cp:\n"
    "                lo = mid + 1\n"
    "            else:\n"
    "                hi = mid\n"
    "        if slot == 0:\n"
    "            slot = fallback\n"
    "            missing += 1\n"
    "        out.append(slot)\n"
    "    return bytes(out), missing\n\n";

void fmt_emit_eve_text_py(struct fmt_sink *s, const struct fmt_asset *assets, size_t n)
{
    if (!any_map(assets, n)) {
        return;
    }
    fmt_sink_puts(s, "# Text for the legacy fonts above whose characters sit in slots\n"
                     "# 1..127 (docs/eve-fonts.md); 4 bytes per character, sorted: code point\n"
                     "# (24-bit little-endian), slot.\n");
    for (size_t i = 0; i < n; i++) {
        const struct fmt_asset *a = &assets[i];
        if (a->textmap_count == 0) {
            continue;
        }
        char N[BUNDLE_NAME_SIZE];
        recase(N, a->name, sizeof(N), 1);
        fmt_sink_printf(s, "%s_FALLBACK_SLOT = const(%u)\n%s_TEXTMAP = (", N,
                        (unsigned)a->fallback_slot, N);
        for (uint32_t k = 0; k < a->textmap_count * 4u; k++) {
            if (k % 32 == 0) {
                fmt_sink_puts(s, k == 0 ? "\n    b'" : "'\n    b'");
            }
            fmt_sink_printf(s, "\\x%02x", a->textmap[k]);
        }
        fmt_sink_puts(s, "'\n)\n\n");
    }
    fmt_sink_puts(s, py_encoder);
}
