// Benchmark helper (not a test): the bare-FreeType counterpart of one
// glyphpack run, as a whole program: FT_Init_FreeType, FT_New_Face, set the
// em size, then per code point of DejaVuSans set B FT_Get_Char_Index,
// FT_Load_Glyph(FT_LOAD_DEFAULT) and FT_Render_Glyph(FT_RENDER_MODE_NORMAL),
// nothing else (no quantizing, packing, emitting or writing); then FT_Done_*.
// bench/glyphpack.sh times it against glyphpack end to end.
//
// usage: ft_render_once FONT PX [RANGES [auto]]
// RANGES: hexadecimal code point ranges as glyphpack -c takes them
// ("0x20-0x7E,0x4E00-0x9FFF"); default set B. "auto": load with
// FT_LOAD_FORCE_AUTOHINT | FT_LOAD_TARGET_LIGHT instead, as glyphpack's LVGL
// outputs (--hinting auto) and lv_font_conv do.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

static unsigned long set_b[64][2] = {{0x20, 0x7E}, {0xA0, 0x17F}, {0x370, 0x3FF}, {0x400, 0x4FF}};
static size_t nranges = 4;

// "0x20-0x7E,0x4E00-0x9FFF" into set_b; returns 0 or -1.
static int parse_ranges(const char *s)
{
    nranges = 0;
    while (*s != '\0' && nranges < sizeof(set_b) / sizeof(set_b[0])) {
        char *end;
        unsigned long a = strtoul(s, &end, 16), b = a;
        if (end == s) {
            return -1;
        }
        if (*end == '-') {
            b = strtoul(end + 1, &end, 16);
        }
        set_b[nranges][0] = a;
        set_b[nranges++][1] = b;
        s = *end == ',' ? end + 1 : end;
    }
    return *s == '\0' ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5 || (argc >= 4 && parse_ranges(argv[3]) < 0) ||
        (argc == 5 && strcmp(argv[4], "auto") != 0)) {
        fprintf(stderr, "usage: ft_render_once FONT PX [RANGES [auto]]\n");
        return 64;
    }
    FT_Int32 flags = argc == 5 ? FT_LOAD_FORCE_AUTOHINT | FT_LOAD_TARGET_LIGHT : FT_LOAD_DEFAULT;
    FT_Library lib;
    FT_Face face;
    unsigned px = (unsigned)strtoul(argv[2], NULL, 10);
    if (FT_Init_FreeType(&lib) != 0 || FT_New_Face(lib, argv[1], 0, &face) != 0 ||
        FT_Set_Pixel_Sizes(face, px, px) != 0) {
        fprintf(stderr, "ft_render_once: cannot open %s at %u px\n", argv[1], px);
        return 66;
    }
    unsigned long pixels = 0, glyphs = 0;
    for (size_t r = 0; r < nranges; r++) {
        for (unsigned long cp = set_b[r][0]; cp <= set_b[r][1]; cp++) {
            FT_UInt gid = FT_Get_Char_Index(face, cp);
            if (gid == 0 || FT_Load_Glyph(face, gid, flags) != 0 ||
                FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
                continue;
            }
            pixels += face->glyph->bitmap.rows * face->glyph->bitmap.width;
            glyphs++;
        }
    }
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    // Printed so the work cannot be optimized away and the two sides can be
    // seen to render the same glyphs.
    printf("%lu glyphs, %lu pixels\n", glyphs, pixels);
    return 0;
}
