// Fuzz target: arbitrary bytes as a font file, rendered and packed.
// Input: byte 0 selects bpp, hinting, size and pack format; the rest is the
// font. Any outcome but a crash, a sanitizer report or a leak is fine.
//
// As a test (built by meson): replays every file named on the command line,
// each with several selector bytes. With libFuzzer, by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DGLYPH_LIBFUZZER"
//   INC="-Ilibglyph -Ilibglyph/include $(pkg-config --cflags freetype2)"
//   LIBS="$(pkg-config --libs freetype2 libpng) -lm"
//   clang-14 $CF $INC tests/libglyph/fuzz_font.c libglyph/*.c $LIBS -o /tmp/fuzz_font
//   /tmp/fuzz_font -max_len=200000 /tmp/corpus_dir
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph/error.h"
#include "glyph/fontpack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    uint8_t sel = data[0];
    static const unsigned bpps[] = {1, 2, 4, 8};
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_font *font = NULL;
    struct glyph_charset *cs = ctx ? glyph_charset_create(ctx) : NULL;
    struct glyph_set *set = NULL;
    struct glyph_fontpack *pack = NULL;
    if (cs == NULL || glyph_charset_parse(cs, "0x20-0x7E,0xA0-0xFF,0x400-0x40F", NULL, 0) != 0) {
        goto out;
    }
    if (glyph_font_open_memory(ctx, data + 1, size - 1, 0, &font) != 0) {
        goto out;
    }
    struct glyph_render_opts ro = {.bpp = bpps[sel & 3],
                                   .hinting = (enum glyph_hinting)(sel >> 2 & 3)};
    // An odd-length input with bit 6 set takes font_to_py's sizing and cells.
    int ink = (sel & 0x40) && (size & 1);
    if (ink) {
        ro.ink_height_px = 6u + (sel >> 4 & 7) * 5u;
        ro.missing_as_notdef = 1;
    } else if (sel & 0x80) {
        ro.line_height_px = 6u + (sel >> 4 & 7) * 5u;
    } else {
        ro.size_px = 4u + (sel >> 4 & 7) * 6u;
    }
    if (glyph_set_render(ctx, &font, 1, cs, &ro, &set) != 0) {
        goto out;
    }
    struct glyph_fontpack_opts po = {
        .fmt = {ro.bpp, (enum glyph_layout)(sel >> 3 & 1), (enum glyph_bit_order)(sel >> 2 & 1), 1},
        .cell = ink ? GLYPH_CELL_INK : sel >> 6 & 1,
        .fixed_pitch = sel >> 3 & 1,
        .ftp_faults = sel >> 2 & 1};
    if (glyph_fontpack_create(ctx, set, &po, &pack) == 0) {
        // Touch every stored byte so that sanitizers see bad extents.
        unsigned sum = 0;
        for (size_t i = 0; i < pack->count; i++) {
            const struct glyph_packed_glyph *g = &pack->glyphs[i];
            for (size_t k = 0; k < g->size; k++) {
                sum += pack->data[g->offset + k];
            }
        }
        (void)sum;
    }
out:
    glyph_fontpack_destroy(pack);
    glyph_set_destroy(set);
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
    glyph_ctx_destroy(ctx);
    return 0;
}

#ifndef GLYPH_LIBFUZZER
// Replay: each file is tried whole with 16 selector bytes, and cut short.
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (f == NULL) {
            fprintf(stderr, "cannot open %s\n", argv[a]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc((size_t)n + 1);
        size_t got = fread(buf + 1, 1, (size_t)n, f);
        fclose(f);
        for (unsigned s = 0; s < 256; s += 17) {
            buf[0] = (uint8_t)s;
            LLVMFuzzerTestOneInput(buf, got + 1);
            LLVMFuzzerTestOneInput(buf, got / 3 + 1);
        }
        free(buf);
    }
    printf("replayed %d file(s)\n", argc - 1);
    return 0;
}
#endif
