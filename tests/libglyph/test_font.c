// Font opening: file errors, hostile input (truncated, byte-flipped and
// random files must give clean error codes, never a crash: the suite also
// runs under ASan+UBSan), BDF bitmap fonts against their hand-decoded source,
// zlib-compressed WOFF against the TTF it was made from, FreeType error names, and that
// FreeType's memory goes through the context's allocator.
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_test_util.h"
#include "ft_errors.h"
#include "glyph/error.h"
#include "glyph/glyphset.h"

static struct glyph_ctx *ctx;
static struct log_capture logs;
static char tmpdir[] = "/tmp/test_font_XXXXXX";

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static void test_open_file_errors(void)
{
    struct glyph_font *font = (struct glyph_font *)1;
    char path[256];
    snprintf(path, sizeof(path), "%s/nope.ttf", tmpdir);
    CHECK(glyph_font_open_file(ctx, path, 0, &font) == GLYPH_ERR_NOT_FOUND && font == NULL,
          "missing file");
    CHECK(strstr(logs.last, "nope.ttf") != NULL, "log names the file: %s", logs.last);
    CHECK(glyph_font_open_file(ctx, tmpdir, 0, &font) == GLYPH_ERR_IS_DIR, "directory");
    CHECK(glyph_font_open_file(ctx, "/dev/null", 0, &font) == GLYPH_ERR_IO, "device");
    snprintf(path, sizeof(path), "%s/fifo.ttf", tmpdir);
    CHECK(mkfifo(path, 0600) == 0, "mkfifo");
    CHECK(glyph_font_open_file(ctx, path, 0, &font) == GLYPH_ERR_IO, "FIFO (must not block)");
    unlink(path);
    snprintf(path, sizeof(path), "%s/empty.ttf", tmpdir);
    write_file(path, "", 0);
    CHECK(glyph_font_open_file(ctx, path, 0, &font) == GLYPH_ERR_FONT_FORMAT, "empty file");
    snprintf(path, sizeof(path), "%s/text.ttf", tmpdir);
    write_file(path, "hello, this is not a font\n", 26);
    CHECK(glyph_font_open_file(ctx, path, 0, &font) == GLYPH_ERR_FONT_FORMAT, "text file");
    CHECK(strstr(logs.last, "text.ttf': FreeType: ") != NULL && strstr(logs.last, " (0x") != NULL,
          "log: %s", logs.last);
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 1, &font) ==
              GLYPH_ERR_FONT_FACE_INDEX,
          "face index 1");
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0x10000, &font) ==
              GLYPH_ERR_FONT_FACE_INDEX,
          "face index 0x10000");
    CHECK(glyph_font_open_memory(ctx, NULL, 0, 0, &font) == GLYPH_ERR_FONT_FORMAT, "no bytes");
    CHECK(glyph_font_open_file(ctx, NULL, 0, &font) == GLYPH_ERR_INVALID_ARG, "NULL path");
    glyph_font_destroy(NULL);
}

static void test_font_properties(void)
{
    struct glyph_font *font = NULL;
    CHECK(glyph_font_open_file(ctx, dejavu("DejaVuSans.ttf"), 0, &font) == 0, "open");
    if (font == NULL) {
        return;
    }
    CHECK(strcmp(glyph_font_family(font), "DejaVu Sans") == 0, "family");
    CHECK(strcmp(glyph_font_style(font), "Book") == 0, "style '%s'", glyph_font_style(font));
    CHECK(glyph_font_face_count(font) == 1 && glyph_font_is_scalable(font) == 1, "faces/scalable");
    CHECK(glyph_font_has_codepoint(font, 'A') && glyph_font_has_codepoint(font, 0x416) &&
              !glyph_font_has_codepoint(font, 0x4E00),
          "coverage");
    glyph_font_destroy(font);
}

static void test_ft_error_names(void)
{
    CHECK(strcmp(glyph_ft_error_name(FT_Err_Invalid_Table), "Invalid_Table") == 0, "0x08");
    CHECK(strcmp(glyph_ft_error_name(FT_Err_Unknown_File_Format), "Unknown_File_Format") == 0,
          "0x02");
    CHECK(strcmp(glyph_ft_error_message(FT_Err_Invalid_Table), "broken table") == 0, "message");
    CHECK(strcmp(glyph_ft_error_name(FT_Err_Ok), "Ok") == 0, "ok");
    CHECK(strcmp(glyph_ft_error_name(0xFE), "Unknown_Error") == 0, "unknown");
}

static int acceptable(int err)
{
    return err == 0 || err == GLYPH_ERR_FONT_FORMAT || err == GLYPH_ERR_FONT_BROKEN ||
           err == GLYPH_ERR_FONT_SIZE || err == GLYPH_ERR_GLYPH_RENDER ||
           err == GLYPH_ERR_MISSING_GLYPHS || err == GLYPH_ERR_FONT_FACE_INDEX;
}

// Opens hostile bytes and, if FreeType accepts them, renders ASCII at 16 px
// in 8 and 1 bpp. Returns the first error.
static int try_font(const uint8_t *data, size_t len, const struct glyph_charset *cs)
{
    struct glyph_font *font = NULL;
    int err = glyph_font_open_memory(ctx, data, len, 0, &font);
    CHECK(acceptable(err) && (err == 0) == (font != NULL), "open gave %s", glyph_error_name(err));
    if (err != 0) {
        return err;
    }
    for (unsigned bpp = 1; bpp <= 8; bpp += 7) {
        struct glyph_render_opts o = {.size_px = 16, .bpp = bpp};
        struct glyph_set *set = NULL;
        int rerr = glyph_set_render(ctx, &font, 1, cs, &o, &set);
        CHECK(acceptable(rerr) && (rerr == 0) == (set != NULL), "render gave %s",
              glyph_error_name(rerr));
        glyph_set_destroy(set);
        err = err != 0 ? err : rerr;
    }
    glyph_font_destroy(font);
    return err;
}

static void test_hostile_fonts(const struct glyph_charset *cs)
{
    size_t len = 0;
    uint8_t *ttf = check_read_file(dejavu("DejaVuSans.ttf"), &len);
    CHECK(ttf != NULL && len > 100000, "read DejaVuSans.ttf");
    if (ttf == NULL) {
        return;
    }
    int cut_err = try_font(ttf, 4096, cs);
    CHECK(cut_err == GLYPH_ERR_FONT_BROKEN, "TTF cut at 4096: %s", glyph_error_name(cut_err));
    int rejected = 0, tried = 0;
    for (size_t cut = 0; cut < len; cut += cut < 256 ? 1 : 3001 + cut / 7) {
        rejected += try_font(ttf, cut, cs) != 0;
        tried++;
    }
    CHECK(rejected > tried / 2, "only %d of %d truncations rejected", rejected, tried);
    printf("truncations: %d tried, %d rejected\n", tried, rejected);
    // A few truncated files through the file path too.
    for (size_t cut = 11; cut < len; cut = cut * 5 + 1) {
        char path[256];
        snprintf(path, sizeof(path), "%s/cut%zu.ttf", tmpdir, cut);
        write_file(path, ttf, cut);
        struct glyph_font *font = NULL;
        int err = glyph_font_open_file(ctx, path, 0, &font);
        CHECK(acceptable(err), "file cut %zu: %s", cut, glyph_error_name(err));
        glyph_font_destroy(font);
        unlink(path);
    }
    uint8_t *copy = malloc(len);
    int flipped_ok = 0;
    srand(12345);
    for (int round = 0; round < 300; round++) {
        memcpy(copy, ttf, len);
        int flips = 1 + rand() % 16;
        // Half the rounds hit the header and table directory, half anywhere.
        size_t span = round % 2 ? len : 1024;
        for (int k = 0; k < flips; k++) {
            copy[(size_t)rand() % span] ^= (uint8_t)(1 + rand() % 255);
        }
        flipped_ok += try_font(copy, len, cs) == 0;
    }
    printf("byte flips: 300 tried, %d rendered without error\n", flipped_ok);
    for (int round = 0; round < 50; round++) {
        size_t n = 1 + (size_t)rand() % 70000;
        for (size_t i = 0; i < n; i++) {
            copy[i] = (uint8_t)rand();
        }
        if (round % 5 == 0) {
            memcpy(copy, "\x00\x01\x00\x00", 4); // a TrueType signature on junk
        }
        try_font(copy, n, cs);
    }
    free(copy);
    free(ttf);
}

static const char bdf_font[] = "STARTFONT 2.1\n"
                               "FONT -test-tiny-medium-r-normal--8-80-75-75-c-60-iso10646-1\n"
                               "SIZE 8 75 75\n"
                               "FONTBOUNDINGBOX 6 8 0 -2\n"
                               "STARTPROPERTIES 5\n"
                               "PIXEL_SIZE 8\n"
                               "FONT_ASCENT 6\n"
                               "FONT_DESCENT 2\n"
                               "CHARSET_REGISTRY \"ISO10646\"\n"
                               "CHARSET_ENCODING \"1\"\n"
                               "ENDPROPERTIES\n"
                               "CHARS 2\n"
                               "STARTCHAR A\n"
                               "ENCODING 65\n"
                               "SWIDTH 750 0\n"
                               "DWIDTH 6 0\n"
                               "BBX 5 6 0 0\n"
                               "BITMAP\n"
                               "20\n50\n88\nF8\n88\n88\n"
                               "ENDCHAR\n"
                               "STARTCHAR g\n"
                               "ENCODING 103\n"
                               "SWIDTH 750 0\n"
                               "DWIDTH 5 0\n"
                               "BBX 4 5 0 -2\n"
                               "BITMAP\n"
                               "70\n90\n70\n10\nE0\n"
                               "ENDCHAR\n"
                               "ENDFONT\n";

// The rows of 'A' above, one string per row.
static const char *const bdf_a[6] = {"..#..", ".#.#.", "#...#", "#####", "#...#", "#...#"};

static void test_bdf_bitmap_font(void)
{
    struct glyph_font *font = NULL;
    int err = glyph_font_open_memory(ctx, bdf_font, sizeof(bdf_font) - 1, 0, &font);
    CHECK(err == 0, "open BDF: %s (%s)", glyph_error_name(err), logs.last);
    if (font == NULL) {
        return;
    }
    CHECK(glyph_font_is_scalable(font) == 0, "BDF is not scalable");
    CHECK(glyph_font_has_codepoint(font, 'A') && !glyph_font_has_codepoint(font, 'B'), "cmap");
    struct glyph_charset *cs = glyph_charset_create(ctx);
    CHECK(glyph_charset_parse(cs, "Ag", NULL, 0) == 0, "charset");
    for (unsigned bpp = 1; bpp <= 8; bpp *= 2) {
        struct glyph_render_opts o = {.size_px = 8, .bpp = bpp};
        struct glyph_set *set = NULL;
        err = glyph_set_render(ctx, &font, 1, cs, &o, &set);
        CHECK(err == 0, "render BDF %u bpp: %s", bpp, glyph_error_name(err));
        if (set == NULL) {
            continue;
        }
        const struct glyph_set_metrics *m = glyph_set_metrics(set);
        CHECK(m->ascender == 6 && m->descender == -2 && m->line_height == 8, "BDF metrics %d %d",
              m->ascender, m->descender);
        const struct glyph_info *a = glyph_set_find(set, 'A'), *g = glyph_set_find(set, 'g');
        CHECK(a && a->width == 5 && a->height == 6 && a->left == 0 && a->top == 6 &&
                  a->advance == 6,
              "A box");
        CHECK(g && g->width == 4 && g->height == 5 && g->top == 3 && g->advance == 5, "g box");
        unsigned max = (1u << bpp) - 1, bad = 0;
        for (unsigned y = 0; a && a->levels && y < 6; y++) {
            for (unsigned x = 0; x < 5; x++) {
                bad += a->levels[y * 5 + x] != (bdf_a[y][x] == '#' ? max : 0);
            }
        }
        CHECK(bad == 0, "A pixels at %u bpp: %u differ", bpp, bad);
        glyph_set_destroy(set);
    }
    struct glyph_render_opts o = {.size_px = 9, .bpp = 1};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == GLYPH_ERR_FONT_SIZE, "no 9 px strike");
    CHECK(strstr(logs.last, "available: 8") != NULL, "log lists sizes: %s", logs.last);
    o = (struct glyph_render_opts){.line_height_px = 10, .bpp = 1};
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == 0 &&
              glyph_set_metrics(set)->size_px == 8,
          "line height 10 picks the 8 px strike");
    glyph_set_destroy(set);
    o.line_height_px = 7;
    CHECK(glyph_set_render(ctx, &font, 1, cs, &o, &set) == GLYPH_ERR_FONT_SIZE, "line height 7");
    glyph_charset_destroy(cs);
    glyph_font_destroy(font);
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// Wraps an sfnt in WOFF 1.0. Tables are zlib-compressed when that makes
// them smaller and stored as they are otherwise (compLength == origLength),
// both allowed by the WOFF spec.
static uint8_t *make_woff(const uint8_t *ttf, size_t len, size_t *out_len)
{
    unsigned n = (unsigned)ttf[4] << 8 | ttf[5];
    size_t dir_end = 44 + 20 * (size_t)n, cap = dir_end + len + 4 * (size_t)n + 64;
    size_t sfnt = 12 + 16 * (size_t)n;
    uint8_t *w = calloc(1, cap);
    memcpy(w, "wOFF", 4);
    put32(w + 4, get32(ttf));
    w[12] = (uint8_t)(n >> 8);
    w[13] = (uint8_t)n;
    w[20] = 1; // version 1.0
    size_t off = dir_end;
    for (unsigned i = 0; i < n; i++) {
        const uint8_t *e = ttf + 12 + 16 * i;
        uint32_t toff = get32(e + 8), tlen = get32(e + 12);
        if (toff > len || tlen > len - toff) {
            free(w);
            return NULL;
        }
        uLongf clen = compressBound(tlen);
        uint8_t *z = malloc(clen);
        int zok = compress2(z, &clen, ttf + toff, tlen, 9) == Z_OK && clen < tlen;
        uint32_t stored = zok ? (uint32_t)clen : tlen;
        memcpy(w + off, zok ? z : ttf + toff, stored);
        free(z);
        uint8_t *d = w + 44 + 20 * i;
        memcpy(d, e, 4);             // tag
        put32(d + 4, (uint32_t)off); // offset
        put32(d + 8, stored);        // compLength
        put32(d + 12, tlen);         // origLength
        memcpy(d + 16, e + 4, 4);    // checksum
        off += (stored + 3u) & ~3u;
        sfnt += (tlen + 3u) & ~3u;
    }
    put32(w + 8, (uint32_t)off);
    put32(w + 16, (uint32_t)sfnt);
    *out_len = off;
    return w;
}

static void test_woff_renders_like_ttf(const struct glyph_charset *cs)
{
    size_t len = 0, wlen = 0;
    uint8_t *ttf = check_read_file(dejavu("DejaVuSans.ttf"), &len);
    uint8_t *woff = ttf ? make_woff(ttf, len, &wlen) : NULL;
    CHECK(woff != NULL && wlen < len * 3 / 4, "WOFF not compressed (%zu of %zu)", wlen, len);
    struct glyph_font *ft = NULL, *fw = NULL;
    CHECK(glyph_font_open_memory(ctx, ttf, len, 0, &ft) == 0, "ttf");
    int err = glyph_font_open_memory(ctx, woff, wlen, 0, &fw);
    CHECK(err == 0, "WOFF: %s (%s)", glyph_error_name(err), logs.last);
    if (ft != NULL && fw != NULL) {
        struct glyph_render_opts o = {.size_px = 20, .bpp = 8};
        struct glyph_set *st = NULL, *sw = NULL;
        CHECK(glyph_set_render(ctx, &ft, 1, cs, &o, &st) == 0 &&
                  glyph_set_render(ctx, &fw, 1, cs, &o, &sw) == 0,
              "render");
        for (size_t i = 0; st && sw && i < glyph_set_count(st); i++) {
            const struct glyph_info *a = glyph_set_glyph(st, i), *b = glyph_set_glyph(sw, i);
            CHECK(b && a->width == b->width && a->height == b->height && a->top == b->top &&
                      (a->levels == NULL ||
                       memcmp(a->levels, b->levels, (size_t)a->width * a->height) == 0),
                  "U+%04X differs between TTF and WOFF", a->codepoint);
        }
        glyph_set_destroy(st);
        glyph_set_destroy(sw);
    }
    glyph_font_destroy(ft);
    glyph_font_destroy(fw);
    // Broken WOFF: truncated, and damaged compressed data.
    for (size_t cut = 0; woff != NULL && cut < wlen; cut += 1 + cut * 2) {
        CHECK(try_font(woff, cut, cs) != 0, "WOFF cut at %zu accepted", cut);
    }
    srand(99);
    for (int round = 0; woff != NULL && round < 40; round++) {
        uint8_t *bad = malloc(wlen);
        memcpy(bad, woff, wlen);
        for (int k = 0; k < 8; k++) {
            bad[(size_t)rand() % wlen] ^= (uint8_t)(1 + rand() % 255);
        }
        try_font(bad, wlen, cs);
        free(bad);
    }
    free(woff);
    free(ttf);
}

// A TrueType collection of two whole TTF files, each copied as is after
// the 'ttcf' header with its table offsets moved by its new position.
static uint8_t *make_ttc(uint8_t *const ttf[2], const size_t len[2], size_t *out_len)
{
    size_t base[2] = {20, 20 + ((len[0] + 3) & ~(size_t)3)};
    size_t total = base[1] + len[1];
    uint8_t *c = calloc(1, total);
    memcpy(c, "ttcf", 4);
    put32(c + 4, 0x00010000);
    put32(c + 8, 2);
    for (int f = 0; f < 2; f++) {
        put32(c + 12 + 4 * f, (uint32_t)base[f]);
        memcpy(c + base[f], ttf[f], len[f]);
        unsigned n = (unsigned)ttf[f][4] << 8 | ttf[f][5];
        for (unsigned i = 0; i < n; i++) {
            uint8_t *e = c + base[f] + 12 + 16 * i;
            put32(e + 8, get32(e + 8) + (uint32_t)base[f]);
        }
    }
    *out_len = total;
    return c;
}

static void test_ttc_face_index(void)
{
    size_t len[2] = {0, 0}, clen = 0;
    uint8_t *ttf[2] = {check_read_file(dejavu("DejaVuSans.ttf"), &len[0]),
                       check_read_file(dejavu("DejaVuSerif-Bold.ttf"), &len[1])};
    uint8_t *ttc = ttf[0] && ttf[1] ? make_ttc(ttf, len, &clen) : NULL;
    char path[256];
    snprintf(path, sizeof(path), "%s/two.ttc", tmpdir);
    if (ttc != NULL) {
        write_file(path, ttc, clen);
    }
    struct glyph_font *font = NULL;
    int err = glyph_font_open_file(ctx, path, 1, &font);
    CHECK(err == 0, "TTC face 1: %s (%s)", glyph_error_name(err), logs.last);
    if (font != NULL) {
        CHECK(glyph_font_face_count(font) == 2, "face count %u", glyph_font_face_count(font));
        CHECK(strcmp(glyph_font_family(font), "DejaVu Serif") == 0 &&
                  strcmp(glyph_font_style(font), "Bold") == 0,
              "face 1 is '%s' '%s'", glyph_font_family(font), glyph_font_style(font));
        glyph_font_destroy(font);
    }
    CHECK(glyph_font_open_file(ctx, path, 0, &font) == 0 &&
              strcmp(glyph_font_family(font), "DejaVu Sans") == 0,
          "TTC face 0");
    glyph_font_destroy(font);
    CHECK(glyph_font_open_file(ctx, path, 2, &font) == GLYPH_ERR_FONT_FACE_INDEX,
          "TTC face 2 does not exist");
    CHECK(strstr(logs.last, "has 2") != NULL, "log: %s", logs.last);
    unlink(path);
    free(ttc);
    free(ttf[0]);
    free(ttf[1]);
}

struct counting {
    long live;
    long total;
};

static void *count_realloc(void *user, void *p, size_t n)
{
    struct counting *c = user;
    if (p == NULL) {
        c->live++;
        c->total++;
    }
    return realloc(p, n);
}

static void count_free(void *user, void *p)
{
    struct counting *c = user;
    c->live--;
    free(p);
}

static void test_freetype_memory_uses_context_allocator(const struct glyph_charset *cs)
{
    struct counting c = {0, 0};
    struct glyph_allocator a = {count_realloc, count_free, &c};
    struct glyph_ctx *cctx = glyph_ctx_create(&a);
    struct glyph_font *font = NULL;
    CHECK(glyph_font_open_file(cctx, dejavu("DejaVuSans.ttf"), 0, &font) == 0, "open");
    long after_open = c.total;
    struct glyph_render_opts o = {.size_px = 16, .bpp = 4};
    struct glyph_set *set = NULL;
    CHECK(glyph_set_render(cctx, &font, 1, cs, &o, &set) == 0, "render");
    glyph_set_destroy(set);
    glyph_font_destroy(font);
    CHECK(after_open > 20, "FreeType allocations not routed (%ld)", after_open);
    CHECK(c.live == 1, "%ld blocks leaked besides the context", c.live - 1);
    glyph_ctx_destroy(cctx);
}

int main(void)
{
    ctx = glyph_ctx_create(NULL);
    glyph_ctx_set_log(ctx, capture_log, &logs, GLYPH_LOG_DEBUG);
    if (ctx == NULL || mkdtemp(tmpdir) == NULL) {
        return 1;
    }
    struct glyph_charset *ascii = glyph_charset_create(ctx);
    CHECK(glyph_charset_add_range(ascii, 0x20, 0x7E) == 0, "ascii");
    test_open_file_errors();
    test_font_properties();
    test_ft_error_names();
    test_bdf_bitmap_font();
    test_woff_renders_like_ttf(ascii);
    test_ttc_face_index();
    test_freetype_memory_uses_context_allocator(ascii);
    test_hostile_fonts(ascii);
    glyph_charset_destroy(ascii);
    char path[256];
    snprintf(path, sizeof(path), "%s/empty.ttf", tmpdir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/text.ttf", tmpdir);
    unlink(path);
    rmdir(tmpdir);
    glyph_ctx_destroy(ctx);
    if (check_failures == 0) {
        printf("ok\n");
    }
    return check_status();
}
