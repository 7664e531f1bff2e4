// Fuzz target: arbitrary bytes as a charset selection (glyph_charset_parse)
// and as UTF-8 text (glyph_charset_add_utf8). Checks invariants the API
// promises: a failed call leaves the set unchanged, `why` is NUL-terminated
// and non-empty on error, the set stays sorted and surrogate-free.
//
// As a test: replays the files named on the command line (the committed
// corpus). With libFuzzer, by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DGLYPH_LIBFUZZER"
//   INC="-Ilibglyph -Ilibglyph/include $(pkg-config --cflags freetype2)"
//   LIBS="$(pkg-config --libs freetype2 libpng) -lm"
//   clang-14 $CF $INC tests/libglyph/fuzz_charset.c libglyph/*.c $LIBS -o /tmp/fuzz_charset
//   /tmp/fuzz_charset tests/libglyph/corpus/charset
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph/charset.h"
#include "glyph/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_set(const struct glyph_charset *cs, size_t before, int err, const char *why)
{
    size_t n = glyph_charset_count(cs);
    if (err != 0 && (n != before || why[0] == '\0' || strlen(why) >= 128)) {
        abort(); // failed call changed the set, or no reason given
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = glyph_charset_at(cs, i);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
            (i > 0 && cp <= glyph_charset_at(cs, i - 1))) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    struct glyph_charset *cs = ctx ? glyph_charset_create(ctx) : NULL;
    char *spec = malloc(size + 1);
    if (cs == NULL || spec == NULL) {
        goto out;
    }
    memcpy(spec, data, size);
    spec[size] = '\0';
    char why[128];
    size_t before = glyph_charset_count(cs);
    int err = glyph_charset_parse(cs, spec, why, sizeof(why));
    if (err != 0 && err != GLYPH_ERR_CHARSET) {
        abort();
    }
    check_set(cs, before, err, why);
    before = glyph_charset_count(cs);
    err = glyph_charset_add_utf8(cs, data, size, why, sizeof(why));
    if (err != 0 && err != GLYPH_ERR_CHARSET) {
        abort();
    }
    check_set(cs, before, err, why);
out:
    free(spec);
    glyph_charset_destroy(cs);
    glyph_ctx_destroy(ctx);
    return 0;
}

#ifndef GLYPH_LIBFUZZER
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (f == NULL) {
            fprintf(stderr, "cannot open %s\n", argv[a]);
            return 1;
        }
        uint8_t buf[65536];
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, n);
        for (size_t cut = 0; cut < n; cut++) {
            LLVMFuzzerTestOneInput(buf, cut);
        }
    }
    printf("replayed %d file(s)\n", argc - 1);
    return 0;
}
#endif
