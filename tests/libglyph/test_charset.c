// Charset parser and UTF-8 input against hand-written expected code point
// lists and error messages.
#include "font_test_util.h"
#include "glyph/charset.h"
#include "glyph/error.h"

static struct glyph_ctx *ctx;

// Parses `spec` into a fresh set and compares with want[0..n).
static void expect_set(const char *spec, const uint32_t *want, size_t n)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    char why[128] = "x";
    int err = glyph_charset_parse(cs, spec, why, sizeof(why));
    CHECK(err == 0, "parse '%s': %s (%s)", spec, glyph_error_name(err), why);
    CHECK(err != 0 || why[0] == '\0', "why not cleared: '%s'", why);
    CHECK(glyph_charset_count(cs) == n, "'%s': %zu code points, want %zu", spec,
          glyph_charset_count(cs), n);
    for (size_t i = 0; i < n && i < glyph_charset_count(cs); i++) {
        CHECK(glyph_charset_at(cs, i) == want[i], "'%s' [%zu] = U+%04X, want U+%04X", spec, i,
              glyph_charset_at(cs, i), want[i]);
    }
    glyph_charset_destroy(cs);
}

static void expect_error(const char *spec, const char *why_part)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_add_range(cs, 'a', 'a') == 0, "seed");
    char why[128] = "";
    int err = glyph_charset_parse(cs, spec, why, sizeof(why));
    CHECK(err == GLYPH_ERR_CHARSET, "'%s' gave %s", spec, glyph_error_name(err));
    CHECK(strstr(why, why_part) != NULL, "'%s': why '%s' lacks '%s'", spec, why, why_part);
    CHECK(glyph_charset_count(cs) == 1, "'%s': failed parse changed the set", spec);
    glyph_charset_destroy(cs);
}

static void test_parse_numbers_and_ranges(void)
{
    expect_set("0x41", (const uint32_t[]){0x41}, 1);
    expect_set("U+263A", (const uint32_t[]){0x263A}, 1);
    expect_set("u+1f600", (const uint32_t[]){0x1F600}, 1);
    expect_set("65", (const uint32_t[]){65}, 1);
    expect_set("0x41-0x43,48-50", (const uint32_t[]){48, 49, 50, 0x41, 0x42, 0x43}, 6);
    expect_set(" 0x41 - 0x42 , U+10FFFF", (const uint32_t[]){0x41, 0x42, 0x10FFFF}, 3);
    expect_set("0x43,0x41-0x43,0x42", (const uint32_t[]){0x41, 0x42, 0x43}, 3);
    expect_set("0xD7FF-0xE000", (const uint32_t[]){0xD7FF, 0xE000}, 2); // surrogates skipped
    expect_set("0xD801-0xE001", (const uint32_t[]){0xE000, 0xE001}, 2); // starts inside them
    expect_set("0xD7FE-0xDFFE", (const uint32_t[]){0xD7FE, 0xD7FF}, 2); // ends inside them
}

static void test_parse_literals_and_escapes(void)
{
    expect_set("abc", (const uint32_t[]){'a', 'b', 'c'}, 3);
    expect_set("ÄÖÜ", (const uint32_t[]){0xC4, 0xD6, 0xDC}, 3);
    expect_set("€😀", (const uint32_t[]){0x20AC, 0x1F600}, 2);
    expect_set("a-z", (const uint32_t[]){'-', 'a', 'z'}, 3); // literal, not a range
    expect_set("\\,", (const uint32_t[]){','}, 1);
    expect_set("\\\\", (const uint32_t[]){'\\'}, 1);
    expect_set("x\\,y,0x20", (const uint32_t[]){' ', ',', 'x', 'y'}, 4);
    expect_set("\\5\\ ", (const uint32_t[]){' ', '5'}, 2); // escapes force literal digits/space
    expect_set("ab, cd", (const uint32_t[]){'a', 'b', 'c', 'd'}, 4); // blanks trimmed
    expect_set("Ux", (const uint32_t[]){'U', 'x'}, 2);
}

static void test_parse_errors(void)
{
    expect_error("0x7E-0x20", "reversed range");
    expect_error("0x110000", "above U+10FFFF");
    expect_error("0x20-0x110000", "above U+10FFFF");
    expect_error("99999999999999999999", "above U+10FFFF");
    expect_error("0xZZ", "not a number");
    expect_error("U+", "not a number");
    expect_error("0x20-", "range end is not a number");
    expect_error("0x20-0x30x", "unexpected");
    expect_error("12ab", "unexpected 'a'");
    expect_error("0x20,,0x21", "item 2");
    expect_error("0x20,", "empty item");
    expect_error("", "empty item");
    expect_error("0xD800-0xDFFF", "surrogates");
    expect_error("0xD800", "surrogates");
    expect_error("abc\\", "backslash at the end");
    expect_error("ab\xC3", "invalid UTF-8 at byte offset 2");
    expect_error("0x20,0x7E-0x21", "item 2 ('0x7E-0x21')");
}

static void test_add_range_checks(void)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_add_range(cs, 5, 4) == GLYPH_ERR_CHARSET, "reversed");
    CHECK(glyph_charset_add_range(cs, 0, 0x110000) == GLYPH_ERR_CHARSET, "too high");
    CHECK(glyph_charset_add_range(cs, 0xD800, 0xDBFF) == GLYPH_ERR_CHARSET, "surrogates");
    CHECK(glyph_charset_count(cs) == 0, "unchanged");
    CHECK(glyph_charset_add_range(cs, 0, 0x10FFFF) == 0, "everything");
    CHECK(glyph_charset_count(cs) == 0x110000 - 0x800, "count %zu", glyph_charset_count(cs));
    CHECK(glyph_charset_at(cs, 0xD7FF) == 0xD7FF && glyph_charset_at(cs, 0xD800) == 0xE000,
          "surrogate gap");
    CHECK(glyph_charset_at(cs, 0x110000 - 0x801) == 0x10FFFF, "last");
    glyph_charset_destroy(cs);
    glyph_charset_destroy(NULL);
}

// A list in any order with repeats gives the sorted distinct code points; a
// bad entry anywhere leaves the set as it was.
static void test_add_list(void)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    const uint32_t list[] = {0x1F600, 'b', 0, 'a', 0x10FFFF, 'b', 0xE000, 'a'};
    const uint32_t want[] = {0, 'a', 'b', 0xE000, 0x1F600, 0x10FFFF};
    CHECK(glyph_charset_add_list(cs, list, 8) == 0, "add list");
    CHECK(glyph_charset_count(cs) == 6, "count %zu", glyph_charset_count(cs));
    for (size_t i = 0; i < 6; i++) {
        CHECK(glyph_charset_at(cs, i) == want[i], "[%zu] = U+%04X", i, glyph_charset_at(cs, i));
    }
    const uint32_t bad[][2] = {{'x', 0xD800}, {0x110000, 'x'}, {'x', 0xDFFF}};
    for (size_t i = 0; i < 3; i++) {
        CHECK(glyph_charset_add_list(cs, bad[i], 2) == GLYPH_ERR_CHARSET, "bad list %zu", i);
    }
    CHECK(glyph_charset_count(cs) == 6, "bad lists changed the set");
    CHECK(glyph_charset_add_list(cs, list, 0) == 0 && glyph_charset_count(cs) == 6, "empty");
    glyph_charset_destroy(cs);
}

static void expect_utf8(const char *text, size_t len, const uint32_t *want, size_t n)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    char why[128];
    int err = glyph_charset_add_utf8(cs, (const uint8_t *)text, len, why, sizeof(why));
    CHECK(err == 0, "utf8: %s", why);
    CHECK(glyph_charset_count(cs) == n, "utf8: %zu code points, want %zu", glyph_charset_count(cs),
          n);
    for (size_t i = 0; i < n && i < glyph_charset_count(cs); i++) {
        CHECK(glyph_charset_at(cs, i) == want[i], "utf8 [%zu] = U+%04X want U+%04X", i,
              glyph_charset_at(cs, i), want[i]);
    }
    glyph_charset_destroy(cs);
}

static void expect_utf8_error(const char *text, size_t len, size_t offset)
{
    struct glyph_charset *cs = glyph_charset_create(ctx);
    char why[128] = "", want[48];
    int err = glyph_charset_add_utf8(cs, (const uint8_t *)text, len, why, sizeof(why));
    snprintf(want, sizeof(want), "byte offset %zu ", offset);
    CHECK(err == GLYPH_ERR_CHARSET, "invalid UTF-8 accepted (offset %zu)", offset);
    CHECK(strstr(why, want) != NULL, "why '%s' lacks '%s'", why, want);
    CHECK(glyph_charset_count(cs) == 0, "partial add");
    glyph_charset_destroy(cs);
}

static void test_utf8_input(void)
{
    // BOM, controls (tab, newline) skipped; duplicates once; 1-4 byte forms.
    const char text[] = "\xEF\xBB\xBFz\ta\nab\xC2\xA0\xE2\x82\xAC\xF0\x9F\x98\x80\x7F";
    expect_utf8(text, sizeof(text) - 1,
                (const uint32_t[]){'a', 'b', 'z', 0x7F, 0xA0, 0x20AC, 0x1F600}, 7);
    expect_utf8("\xEF\xBF\xBF\xF4\x8F\xBF\xBF", 7, (const uint32_t[]){0xFFFF, 0x10FFFF}, 2);
    expect_utf8_error("ab\x80", 3, 2);           // stray continuation
    expect_utf8_error("\xC0\xAF", 2, 0);         // overlong '/'
    expect_utf8_error("\xC1\xBF", 2, 0);         // overlong
    expect_utf8_error("\xE0\x80\xAF", 3, 0);     // overlong 3-byte
    expect_utf8_error("\xF0\x80\x80\xAF", 4, 0); // overlong 4-byte
    expect_utf8_error("x\xED\xA0\x80", 4, 1);    // U+D800 surrogate
    expect_utf8_error("xy\xED\xBF\xBF", 5, 2);   // U+DFFF surrogate
    expect_utf8_error("\xF4\x90\x80\x80", 4, 0); // U+110000
    expect_utf8_error("\xF5\x80\x80\x80", 4, 0); // F5 lead
    expect_utf8_error("\xFF", 1, 0);             // never valid
    expect_utf8_error("abc\xE2\x82", 5, 3);      // truncated at the end
    expect_utf8_error("\xE2\x82z", 3, 0);        // truncated mid-text
    expect_utf8_error("ok\xF0\x9F\x98", 5, 2);   // truncated 4-byte
    expect_utf8_error("\xC2\xC2\xA0", 3, 0);     // lead followed by lead
}

int main(void)
{
    ctx = glyph_ctx_create(NULL);
    test_parse_numbers_and_ranges();
    test_parse_literals_and_escapes();
    test_parse_errors();
    test_add_range_checks();
    test_add_list();
    test_utf8_input();
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
