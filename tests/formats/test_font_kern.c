// Kerning in the binary, C and JSON emitters, on the crafted fixture font:
// the kern block's exact bytes per docs/font-bin-format.md (pairs and
// classes, each chosen where it is smaller), rounding to whole pixels, and
// errors naming the pair instead of wrapped values.
#define _GNU_SOURCE // memmem
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "font_fixture.h"
#include "formats/error.h"
#include "formats/font_emit.h"

static const struct glyph_pack_format fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1};

static long glyph_index(const struct glyph_fontpack *pack, uint32_t cp)
{
    for (size_t i = 0; i < pack->count; i++) {
        if (pack->glyphs[i].codepoint == cp) {
            return (long)i;
        }
    }
    return -1;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

// The binary font of `pack`; its kern block in *k (NULL without one).
static int emit(const struct glyph_fontpack *pack, struct fmt_membuf *mb, const uint8_t **k,
                char *why)
{
    fmt_membuf_init(mb);
    int err = fmt_font_emit_bin(pack, &mb->sink, why, 256);
    *k = NULL;
    if (err == 0 && mb->data[4] == 2) {
        *k = mb->data + le32(mb->data + 56);
        CHECK(le32(mb->data + 56) + le32(mb->data + 60) == mb->len, "kern block not at the end");
        CHECK(mb->data[6] == 64 && mb->data[11] == 4, "header size %u, flags %u", mb->data[6],
              mb->data[11]);
    }
    return err;
}

// Three pairs, one of which rounds to 0 px: a pair block of two 5-byte
// records with values rounded half away from zero.
static void test_font_kern_pairs_block_bytes(void)
{
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    struct glyph_kern_pair pairs[] = {{'A', 'B', -96}, {'A', 'C', 31}, {'B', 'A', 160}};
    pack->kern = pairs;
    pack->kern_count = 3;
    struct fmt_membuf mb;
    const uint8_t *k;
    char why[256] = "";
    int err = emit(pack, &mb, &k, why);
    CHECK(err == 0 && k != NULL, "emit: %d %s", err, why);
    if (k != NULL) {
        long a = glyph_index(pack, 'A'), b = glyph_index(pack, 'B');
        const uint8_t want[] = {
            1, 1,          0, 0,          2, 0,           0,          0, 0,          0, 0,
            0, (uint8_t)a, 0, (uint8_t)b, 0, (uint8_t)-2, (uint8_t)b, 0, (uint8_t)a, 0, 3};
        for (size_t i = 0; getenv("TEST_VERBOSE") && i < sizeof(want); i++) {
            fprintf(stderr, "%zu: %u %u\n", i, k[i], want[i]);
        }
        CHECK(le32(mb.data + 60) == sizeof(want) && memcmp(k, want, sizeof(want)) == 0,
              "pair block differs (%u bytes)", le32(mb.data + 60));
    }
    fmt_membuf_finish(&mb);
    // The same in JSON: code points and pixels.
    fmt_membuf_init(&mb);
    err = fmt_font_emit_json(pack, &mb.sink, why, sizeof(why));
    CHECK(err == 0 && mb.len > 0, "json: %s", why);
    const char *want_json = "\"kerning\": {\"unit\": 1, \"pairs\": [[65, 66, -2], [66, 65, 3]]}";
    CHECK(memmem(mb.data, mb.len, want_json, strlen(want_json)) != NULL, "JSON kerning differs");
    fmt_membuf_finish(&mb);
    fixture_destroy(pack);
}

// Every glyph kerns every other by -1 px: one class each side beats
// n * n pairs.
static void test_font_kern_classes_when_smaller(void)
{
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    size_t n = pack->count;
    struct glyph_kern_pair *pairs = calloc(n * n, sizeof(*pairs));
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            pairs[i * n + j] =
                (struct glyph_kern_pair){pack->glyphs[i].codepoint, pack->glyphs[j].codepoint, -64};
        }
    }
    pack->kern = pairs;
    pack->kern_count = n * n;
    struct fmt_membuf mb;
    const uint8_t *k;
    char why[256] = "";
    int err = emit(pack, &mb, &k, why);
    CHECK(err == 0 && k != NULL, "emit: %d %s", err, why);
    if (k != NULL) {
        // kind 2, i8 values, u8 classes; 2 x 2 classes; all class 1; matrix 0 0 0 -1.
        CHECK(k[0] == 2 && k[1] == 1 && k[2] == 1 && le32(k + 4) == 0 && k[8] == 2 && k[10] == 2,
              "class block header %u %u %u", k[0], k[1], k[2]);
        int ok = le32(mb.data + 60) == 12 + 2 * n + 4;
        for (size_t i = 0; ok && i < 2 * n; i++) {
            ok = k[12 + i] == 1;
        }
        const uint8_t *m = k + 12 + 2 * n;
        CHECK(ok && m[0] == 0 && m[1] == 0 && m[2] == 0 && m[3] == 0xFF, "class block differs");
    }
    fmt_membuf_finish(&mb);
    free(pairs);
    fixture_destroy(pack);
}

static void test_font_kern_errors_name_the_pair(void)
{
    struct glyph_fontpack *pack = fixture_create(&fmt, 0);
    struct glyph_kern_pair big[] = {{'A', 'B', 40000 * 64}};
    struct glyph_kern_pair absent[] = {{'A', 0x4E00, -64}};
    struct fmt_membuf c, h, bin;
    char why[256] = "";
    pack->kern = big;
    pack->kern_count = 1;
    fmt_membuf_init(&c);
    fmt_membuf_init(&h);
    fmt_membuf_init(&bin);
    int ec = fmt_font_emit_c(pack, "f", "f.h", &c.sink, &h.sink, why, sizeof(why));
    CHECK(ec == FMT_ERR_RANGE && strstr(why, "U+0041") && strstr(why, "kerning"), "%d %s", ec, why);
    int eb = fmt_font_emit_bin(pack, &bin.sink, why, sizeof(why));
    CHECK(eb == FMT_ERR_RANGE, "bin %d", eb);
    pack->kern = absent;
    eb = fmt_font_emit_json(pack, &bin.sink, why, sizeof(why));
    CHECK(eb == FMT_ERR_INVALID_ARG && strstr(why, "U+4E00"), "%d %s", eb, why);
    fmt_membuf_finish(&c);
    fmt_membuf_finish(&h);
    fmt_membuf_finish(&bin);
    fixture_destroy(pack);
}

int main(void)
{
    test_font_kern_pairs_block_bytes();
    test_font_kern_classes_when_smaller();
    test_font_kern_errors_name_the_pair();
    return check_status();
}
