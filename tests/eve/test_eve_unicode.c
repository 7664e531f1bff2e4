// Non-English text through the simulated EVE, compared with FreeType:
// German, Polish, Greek and Cyrillic lines with legacy fonts whose
// characters rasterd placed in slots 1..127 (FT81x; the text turned into
// slot bytes by fwl/eve_text.h with the map rasterd wrote), and the same
// languages plus CJK with extended fonts (format 1, BT81x; CMD_TEXT takes
// the UTF-8 as it is).
//
//   test_eve_unicode manifest DIR DEJAVU_DIR CJK_FONT CHIP  writes DIR/rasterd.conf
//   test_eve_unicode draw OUTDIR PUBKEY CJK_FONT CHIP       draws every case
// CHIP is FT810 (legacy fonts only: an FT81x product) or BT815 (every case).
// run_unicode.sh builds the project between the two and copies each legacy
// font's map from assets.py to OUTDIR/<name>.map (map, then the fallback
// slot), and every font's ready CMD_SETFONT2 arguments (SETFONT2_PTR,
// SETFONT2_FIRST) to OUTDIR/<name>.font: the test sets fonts up with
// nothing else, as a firmware would.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "draw_env.h"
#include "eve_frame.h"
#include "eve_sink.h"
#include "fwl/eve_text.h"
#include "oracle.h"

struct ucase {
    const char *name, *file; // file: DejaVu (in DEJAVU_DIR) or "cjk"
    unsigned size, bpp;
    int extended;
    int ascii; // chars include 0x20-0x7E; else ' ', and ! , . when `punct`
    int punct;
    const char *extra; // and these (UTF-8)
    const char *lines[4];
    const char *astc; // extended fonts: ASTC glyphs of this format (bpp 8 coverage)
};

#define DE_PL "äöüßÄÖÜąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
#define GREEK "αβγδεζηθικλμνξοπρςστυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
#define CYRIL "абвгдежзийклмнопрстуфхцчшщъыьэюяёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁ"
#define CJK   "中文字体漢字日本語你好世界東京"

#define DEJAVU_SANS "DejaVuSans.ttf"

static const struct ucase cases[] = {
    {.name = "de_pl",
     .file = DEJAVU_SANS,
     .size = 16,
     .bpp = 4,
     .ascii = 1,
     .extra = DE_PL,
     .lines = {"Grüße aus Köln: Übermaß!", "Zażółć gęślą jaźń.", "ŁÓDŹ, ŚWIĘTO, Äpfel"}},
    {.name = "greek",
     .file = DEJAVU_SANS,
     .size = 16,
     .bpp = 1,
     .punct = 1,
     .extra = GREEK,
     .lines = {"Καλημέρα κόσμε!", "ΑΒΓΔ, ψυχή, λόγος."}},
    {.name = "cyrillic",
     .file = "DejaVuSerif.ttf",
     .size = 15,
     .bpp = 2,
     .punct = 1,
     .extra = CYRIL,
     .lines = {"Съешь же ещё этих мягких", "французских булок, да выпей чаю.", "ПРИВЕТ, МИР!"}},
    {.name = "x_all",
     .file = DEJAVU_SANS,
     .size = 14,
     .bpp = 4,
     .extended = 1,
     .ascii = 1,
     .extra = DE_PL GREEK CYRIL,
     .lines = {"Grüße, Zażółć gęślą jaźń!", "Καλημέρα κόσμε, ΑΒΓΔ.", "Съешь же ещё, ПРИВЕТ!",
               "ASCII too: 0123 {}[]~"}},
    // ASTC glyphs are lossy: compared with FreeType by a PSNR floor.
    {.name = "x_astc",
     .file = DEJAVU_SANS,
     .size = 16,
     .bpp = 8,
     .extended = 1,
     .ascii = 1,
     .extra = DE_PL,
     .lines = {"Grüße aus Köln: Übermaß!", "Zażółć gęślą jaźń."},
     .astc = "ASTC_5x5"},
    // DroidSansFallbackFull has CJK and the space, no ASCII punctuation.
    {.name = "x_cjk",
     .file = "cjk",
     .size = 20,
     .bpp = 8,
     .extended = 1,
     .extra = CJK,
     .lines = {"你好世界", "中文字体 日本語", "東京 漢字"}},
};

// Code points of a case, sorted (the chars rasterd was given).
static size_t case_chars(const struct ucase *c, uint32_t *out, size_t cap)
{
    size_t n = 0;
    if (c->ascii) {
        for (uint32_t cp = 0x20; cp <= 0x7E; cp++) {
            out[n++] = cp;
        }
    } else {
        static const uint32_t punct[] = {' ', '!', ',', '.'};
        for (size_t i = 0; i < (c->punct ? 4u : 1u); i++) {
            out[n++] = punct[i];
        }
    }
    const uint8_t *s = (const uint8_t *)c->extra;
    size_t len = strlen(c->extra);
    for (size_t i = 0; i < len && n < cap;) {
        uint32_t cp;
        i += fwl_eve_utf8_next(s + i, len - i, &cp);
        out[n++] = cp;
    }
    for (size_t i = 1; i < n; i++) { // insertion sort; the lists are short
        for (size_t k = i; k > 0 && out[k - 1] > out[k]; k--) {
            uint32_t t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    }
    return n;
}

static int on_chip(const struct ucase *c, const char *chip)
{
    return !c->extended || strcmp(chip, "BT815") == 0;
}

static int write_manifest(const char *dir, const char *dejavu, const char *cjk, const char *chip)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/rasterd.conf", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return 1;
    }
    fprintf(f,
            "target = { name = \"eve-unicode\"; base = 0x0L; size = 0x100000L; chip = \"%s\"; "
            "};\nbundle = { chunk_size = 4096; key = \"keys/k.key\"; };\nfonts = (\n",
            chip);
    int n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ucase *c = &cases[i];
        if (!on_chip(c, chip)) {
            continue;
        }
        fprintf(f, "%s  { name = \"%s\"; file = \"%s%s%s\"; size = %u; layout = \"%s\";\n",
                n++ ? ",\n" : "", c->name, strcmp(c->file, "cjk") ? dejavu : cjk,
                strcmp(c->file, "cjk") ? "/" : "", strcmp(c->file, "cjk") ? c->file : "", c->size,
                c->extended ? "eve-extended" : "eve-legacy");
        if (c->astc != NULL) {
            fprintf(f, "    format = \"%s\";\n", c->astc);
        } else {
            fprintf(f, "    bpp = %u;\n", c->bpp);
        }
        fprintf(f, "    chars = \"%s,%s\"; samples = [",
                c->ascii   ? "0x20-0x7E"
                : c->punct ? "0x20,0x21,0x2C,0x2E"
                           : "0x20",
                c->extra);
        for (int k = 0; k < 4 && c->lines[k] != NULL; k++) {
            fprintf(f, "%s\"%s\"", k ? ", " : "", c->lines[k]);
        }
        fprintf(f, "]; }");
    }
    fprintf(f, "\n);\n");
    return fclose(f) != 0;
}

// The slot bytes of a legacy font's line, from the map rasterd wrote.
static int encode_line(const char *outdir, const struct ucase *c, const char *line, char *out,
                       size_t cap)
{
    char path[4096];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s.map", outdir, c->name);
    uint8_t *m = eve_sink_slurp(path, &len);
    if (m == NULL || len < 1 || (len - 1) % FWL_EVE_TEXTMAP_ENTRY != 0) {
        free(m);
        CHECK(0, "%s: no map in %s", c->name, path);
        return -1;
    }
    size_t unmapped = 0;
    size_t n = fwl_eve_text_encode((uint8_t *)out, cap, line, strlen(line), m,
                                   (len - 1) / FWL_EVE_TEXTMAP_ENTRY, m[len - 1], &unmapped);
    free(m);
    CHECK(n < cap && unmapped == 0, "%s: '%s' encodes to %zu slots, %zu unmapped", c->name, line, n,
          unmapped);
    return n < cap && unmapped == 0 ? 0 : -1;
}

// ASTC text against FreeType: the PSNR of the lines' rows (40 dB floor; the
// glyphs' mean coverage error is about 1 of 255, tests/rasterd), and some ink.
static void draw_astc_finish(struct env *e, struct oracle_canvas *want, const char *what, int rows)
{
    const uint8_t *frame = eve_frame_swap(e->m, &e->host, want->width, want->height, what);
    CHECK(frame != NULL, "%s: no frame", what);
    if (frame == NULL) {
        return;
    }
    unsigned inked = 0;
    for (size_t i = 0; i < (size_t)want->width * want->height; i++) {
        inked += memcmp(frame + 3 * i, DRAW_BG, 3) != 0;
    }
    double psnr = oracle_canvas_psnr(want, frame, 0, 0, want->width, (unsigned)rows);
    printf("psnr: %s: %.1f dB against FreeType (%u pixels inked)\n", what, psnr, inked);
    CHECK(psnr >= 40.0 && inked > 500, "%s: PSNR %.1f dB under 40, or only %u pixels inked", what,
          psnr, inked);
}

// The font's ready CMD_SETFONT2 arguments, from assets.py (run_unicode.sh).
static int ready_font(const char *outdir, const struct ucase *c, uint32_t *ptr, uint32_t *first)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.font", outdir, c->name);
    FILE *f = fopen(path, "r");
    int ok = f != NULL && fscanf(f, "%" SCNu32 " %" SCNu32, ptr, first) == 2;
    if (f != NULL) {
        fclose(f);
    }
    CHECK(ok, "%s: no ready words in %s", c->name, path);
    return ok ? 0 : -1;
}

static void draw_case(struct env *e, const char *outdir, const struct ucase *c, const char *cjk)
{
    struct fwl_asset_info a;
    if (draw_env_find(e, c->name, &a) != FWL_OK) {
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", draw_env_dejavu(), c->file);
    static uint32_t set[512];
    size_t nset = case_chars(c, set, 512);
    struct oracle_font *f = oracle_font_open_set(strcmp(c->file, "cjk") ? path : cjk, c->size, 0,
                                                 c->bpp, 0, 0, set, nset);
    if (f == NULL) {
        CHECK(0, "%s: oracle font", c->name);
        return;
    }
    struct oracle_canvas want;
    uint32_t ptr = 0, first = 0;
    if (ready_font(outdir, c, &ptr, &first) < 0) {
        oracle_font_close(f);
        return;
    }
    CHECK(ptr == a.addr && first == (c->extended ? 0 : a.aux[0]),
          "%s: the ready CMD_SETFONT2 arguments name the loaded font", c->name);
    draw_env_text_frame(e, ptr, first, &want);
    int y = 4;
    for (int i = 0; i < 4 && c->lines[i] != NULL; i++) {
        char slots[256];
        if (c->extended) {
            eve_host_text(&e->host, 6, (int16_t)y, 7, 0, c->lines[i]);
        } else if (encode_line(outdir, c, c->lines[i], slots, sizeof slots) == 0) {
            eve_host_text(&e->host, 6, (int16_t)y, 7, 0, slots);
        }
        oracle_text(&want, f, 6, y, DRAW_INK, c->lines[i]);
        y += (int)a.height + 3;
    }
    char what[160];
    char fmt[16];
    snprintf(fmt, sizeof fmt, "L%u", c->bpp);
    snprintf(what, sizeof what, "%s text %s (%u px em, %s, cell %ux%u)",
             c->extended ? "extended" : "legacy", c->name, oracle_font_em(f),
             c->astc != NULL ? c->astc : fmt, (unsigned)a.width, (unsigned)a.height);
    if (c->astc != NULL) {
        draw_astc_finish(e, &want, what, y);
    } else {
        draw_env_finish(e, &want, what);
    }
    oracle_canvas_finish(&want);
    oracle_font_close(f);
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "manifest") == 0) {
        return write_manifest(argv[2], argv[3], argv[4], argv[5]);
    }
    if (argc != 6 || strcmp(argv[1], "draw") != 0) {
        fprintf(
            stderr,
            "usage: %s manifest DIR DEJAVU_DIR CJK_FONT CHIP | draw OUTDIR PUBKEY CJK_FONT CHIP\n",
            argv[0]);
        return 2;
    }
    struct env e = {0};
    if (draw_env_load(&e, argv[2], argv[3]) < 0) {
        return 1;
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (on_chip(&cases[i], argv[5])) {
            draw_case(&e, argv[2], &cases[i], argv[4]);
        }
    }
    eve_model_destroy(e.m);
    int shared = draw_env_status();
    return check_status() | shared;
}
