// glyphpack: convert fonts or one PNG image to display-native data. This
// file is the font command line: options, help, messages. The work is in
// glyphpack_font.c; a PNG input goes to the image command (glyphpack_image.c).
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "glyphpack.h"
#include "formats/font_emit.h"
#include "formats/lvgl_font.h"
#include "glyphpack_ftp.h"
#include "glyphpack_image.h"
#include "log.h"
#include "rasterd_version.h"

static const char usage_text[] =
    "usage: glyphpack FONT... (-s PX | --line-height PX) [options]\n"
    "       glyphpack IMAGE.png -p FORMAT [options]   (see glyphpack IMAGE.png --help)\n"
    "       glyphpack font-to-py FONT HEIGHT OUT.py [font_to_py's options]\n"
    "Converts fonts to display-native bitmap fonts. Several FONTs form a fallback\n"
    "chain: each code point comes from the first font that has it.\n"
    "\n"
    "Size (exactly one):\n"
    "  -s, --size PX            em size in pixels (as FreeType and lv_font_conv)\n"
    "      --line-height PX     largest em size whose line height (ascender -\n"
    "                           descender) fits PX (not font_to_py's 'height',\n"
    "                           which measures the ink: glyphpack font-to-py)\n"
    "Selection:\n"
    "  -c, --chars RANGES       code points: 0x20-0x7E,U+2026,65,\"ÄÖÜ\" (default 0x20-0x7E)\n"
    "      --chars-file FILE    add every character of a UTF-8 text file\n"
    "      --face N             face index in a font collection (TTC), default 0\n"
    "      --hinting MODE       normal, light, mono, none, auto (FreeType's auto-hinter,\n"
    "                           light) or auto-strong (default: auto for -f lvgl and\n"
    "                           lvgl-bin, as lv_font_conv; else mono at 1 bpp,\n"
    "                           FreeType's default otherwise)\n"
    "      --strict             missing code points are an error (exit 65)\n"
    "Encoding:\n"
    "  -b, --bpp N              bits per pixel: 1, 2, 4 or 8 (default 1)\n"
    "      --quantize Q         2 and 4 bpp coverage: round (nearest level) or\n"
    "                           truncate (v >> (8 - bpp)); default truncate for\n"
    "                           -f lvgl and lvgl-bin (as lv_font_conv), else round\n"
    "      --layout L           rows (default) or pages (SSD1306 / MONO_VLSB)\n"
    "      --bit-order O        msb (default) or lsb: where the first pixel goes\n"
    "      --row-align A        packed, byte (default) or N bytes (power of two)\n"
    "      --cell               fixed cells (font_to_py): line height x advance,\n"
    "                           widened so that no ink is clipped\n"
    "Output:\n"
    "  -f, --format F           c (default: .c + .h), bin, py (MicroPython), json,\n"
    "                           lvgl (LVGL 9 C font) or lvgl-bin (lv_binfont_create)\n"
    "  -o, --output OUT         output name (default FONT_PX in the current directory)\n"
    "      --name SYMBOL        C symbol of the font (default from OUT)\n"
    "      --compact            -f bin: 8-byte glyph records (8-bit metrics)\n"
    "      --kerning            -f c, bin, json, lvgl, lvgl-bin: kerning pairs (GPOS or\n"
    "                           kern table), whole pixels, as pairs or classes (the\n"
    "                           smaller)\n"
    "      --lvgl-bitmaps M     -f lvgl/lvgl-bin: smallest (default), plain, rle or\n"
    "                           rle-no-prefilter (RLE at 2 and 4 bpp only)\n"
    "      --lvgl-fallback F    -f lvgl: lv_font_t to fall back to for missing glyphs\n"
    "      --preview PNG        also write a preview sheet decoded from the output\n"
    "  -v, --verbose            more messages (repeat for more)\n"
    "  -q, --quiet              only errors and warnings\n"
    "  -h, --help               this help\n"
    "  -V, --version            version\n"
    "\n"
    "-f py implies --cell and needs -b 1 and byte-aligned rows; font_to_py's Writer\n"
    "takes --layout rows modules only. Its cells span the font's line: for\n"
    "font_to_py's own module and height use glyphpack font-to-py (--help there).\n"
    "Outputs replace their previous versions together, or not at all on error.\n"
    "Exit status: 0 ok, 64 usage, 65 bad input data, 66 missing input,\n"
    "70 internal error, 73 cannot create output. See glyphpack(1).\n";

enum {
    OPT_LINE_HEIGHT = 256,
    OPT_CHARS_FILE,
    OPT_LAYOUT,
    OPT_BIT_ORDER,
    OPT_CELL,
    OPT_PREVIEW,
    OPT_STRICT,
    OPT_HINTING,
    OPT_QUANTIZE,
    OPT_FACE,
    OPT_ROW_ALIGN,
    OPT_NAME,
    OPT_COMPACT,
    OPT_KERNING,
    OPT_LVGL_BITMAPS,
    OPT_LVGL_FALLBACK,
};

static const char font_shortopts[] = "s:c:b:f:o:vqhV";

static const struct option font_longopts[] = {
    {"size", required_argument, NULL, 's'},
    {"line-height", required_argument, NULL, OPT_LINE_HEIGHT},
    {"chars", required_argument, NULL, 'c'},
    {"chars-file", required_argument, NULL, OPT_CHARS_FILE},
    {"bpp", required_argument, NULL, 'b'},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"bit-order", required_argument, NULL, OPT_BIT_ORDER},
    {"cell", no_argument, NULL, OPT_CELL},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"preview", required_argument, NULL, OPT_PREVIEW},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"hinting", required_argument, NULL, OPT_HINTING},
    {"quantize", required_argument, NULL, OPT_QUANTIZE},
    {"face", required_argument, NULL, OPT_FACE},
    {"row-align", required_argument, NULL, OPT_ROW_ALIGN},
    {"name", required_argument, NULL, OPT_NAME},
    {"compact", no_argument, NULL, OPT_COMPACT},
    {"kerning", no_argument, NULL, OPT_KERNING},
    {"lvgl-bitmaps", required_argument, NULL, OPT_LVGL_BITMAPS},
    {"lvgl-fallback", required_argument, NULL, OPT_LVGL_FALLBACK},
    {"verbose", no_argument, NULL, 'v'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static int bad_value(const char *opt, const char *value, const char *want)
{
    log_error("%s: invalid value '%s' (%s)", opt, value, want);
    return -1;
}

// Options with a parsed value (sizes, encoding, format). Returns 0, -1 for a
// bad value (reported), or 2 when `c` is not one of them.
static int apply_value(struct glyphpack_args *a, int c, const char *v)
{
    switch (c) {
    case 's':
        return packopts_uint(v, 1, GLYPH_MAX_SIZE_PX, &a->size_px) < 0
                   ? bad_value("-s", v, "pixels, 1 to 2048")
                   : 0;
    case OPT_LINE_HEIGHT:
        return packopts_uint(v, 1, GLYPH_MAX_SIZE_PX, &a->line_height) < 0
                   ? bad_value("--line-height", v, "pixels, 1 to 2048")
                   : 0;
    case 'b':
        a->bpp_set = 1;
        return packopts_bpp(v, &a->fmt.bpp) < 0 ? bad_value("-b", v, "1, 2, 4 or 8") : 0;
    case OPT_LAYOUT:
        return packopts_layout(v, &a->fmt.layout) < 0 ? bad_value("--layout", v, "rows or pages")
                                                      : 0;
    case OPT_BIT_ORDER:
        a->bit_order_set = 1;
        return packopts_bit_order(v, &a->fmt.bit_order) < 0
                   ? bad_value("--bit-order", v, "msb or lsb")
                   : 0;
    case OPT_ROW_ALIGN:
        a->row_align_set = 1;
        return packopts_row_align(v, &a->fmt.row_align) < 0
                   ? bad_value("--row-align", v, "packed, byte or a power of two up to 256")
                   : 0;
    case 'f':
        return packopts_format(v, &a->format) < 0
                   ? bad_value("-f", v, "c, bin, py, json, lvgl or lvgl-bin")
                   : 0;
    case OPT_LVGL_BITMAPS:
        a->lvgl_bitmaps_set = 1;
        return packopts_lvgl_bitmaps(v, &a->lvgl_bitmaps) < 0
                   ? bad_value("--lvgl-bitmaps", v, "smallest, plain, rle or rle-no-prefilter")
                   : 0;
    case OPT_HINTING:
    case OPT_QUANTIZE: {
        int w;
        int hint = c == OPT_HINTING;
        if ((hint ? packopts_hinting(v, &w) : packopts_quantize(v, &w)) < 0) {
            return hint ? bad_value("--hinting", v, PACKOPTS_HINTING_WORDS)
                        : bad_value("--quantize", v, "round or truncate");
        }
        if (hint) {
            a->hinting = (enum glyph_hinting)w;
            a->hinting_set = 1;
        } else {
            a->quantize = (enum glyph_quantize)w;
            a->quantize_set = 1;
        }
        return 0;
    }
    case OPT_FACE: {
        uint32_t face;
        if (packopts_uint(v, 0, 65535, &face) < 0) {
            return bad_value("--face", v, "a face index, 0 to 65535");
        }
        a->face = face;
        return 0;
    }
    default:
        return 2;
    }
}

// Applies one option; returns 0, 1 to exit 0 (help, version), -1 for a usage
// error (already reported).
static int apply(struct glyphpack_args *a, int c, const char *v)
{
    int r = apply_value(a, c, v);
    if (r != 2) {
        return r;
    }
    switch (c) {
    case 'c':
        a->charset = v;
        return 0;
    case OPT_CHARS_FILE:
        a->chars_file = v;
        return 0;
    case OPT_CELL:
        a->cell = 1;
        return 0;
    case OPT_COMPACT:
        a->compact = 1;
        return 0;
    case OPT_KERNING:
        a->kerning = 1;
        return 0;
    case 'o':
        a->out = v;
        return 0;
    case OPT_PREVIEW:
        a->preview = v;
        return 0;
    case OPT_NAME:
        a->name = v;
        return 0;
    case OPT_LVGL_FALLBACK:
        a->lvgl_fallback = v;
        return 0;
    case OPT_STRICT:
        a->strict = 1;
        return 0;
    case 'v':
        a->verbose++;
        return 0;
    case 'q':
        a->quiet = 1;
        log_quiet = 1;
        return 0;
    case 'h':
        fputs(usage_text, stdout);
        return 1;
    case 'V':
        printf("glyphpack %s\n", RASTERD_VERSION);
        return 1;
    default:
        return -1; // getopt_long printed the reason
    }
}

// -f lvgl / lvgl-bin: LVGL's layout, tight boxes; returns 0 or -1 (reported).
static int check_lvgl(struct glyphpack_args *a)
{
    int lvgl = a->format == PACKOPTS_FORMAT_LVGL || a->format == PACKOPTS_FORMAT_LVGL_BIN;
    if (!lvgl) {
        if (a->lvgl_bitmaps_set || a->lvgl_fallback != NULL) {
            log_error("--lvgl-bitmaps and --lvgl-fallback apply to -f lvgl and lvgl-bin");
            return -1;
        }
        return 0;
    }
    if (a->cell || a->fmt.layout != GLYPH_LAYOUT_ROWS || a->bit_order_set || a->row_align_set) {
        log_error("-f %s: LVGL fonts have their own bitmap layout; drop --cell, --layout, "
                  "--bit-order and --row-align",
                  a->format == PACKOPTS_FORMAT_LVGL ? "lvgl" : "lvgl-bin");
        return -1;
    }
    if (a->lvgl_fallback != NULL && a->format != PACKOPTS_FORMAT_LVGL) {
        log_error("--lvgl-fallback applies to -f lvgl (a binary font's fallback is set at "
                  "run time)");
        return -1;
    }
    if (a->lvgl_fallback != NULL && !fmt_font_symbol_valid(a->lvgl_fallback)) {
        log_error("--lvgl-fallback '%s': not a C identifier of at most %d characters",
                  a->lvgl_fallback, FMT_FONT_SYMBOL_MAX);
        return -1;
    }
    if (a->lvgl_bitmaps >= FMT_LVGL_BITMAPS_RLE && a->fmt.bpp != 2 && a->fmt.bpp != 4) {
        log_error("--lvgl-bitmaps: LVGL decompresses 2 and 4 bpp bitmaps only, not -b %u",
                  a->fmt.bpp);
        return -1;
    }
    // LVGL's rows: MSB first, bit-packed (how the pack stores them is ours).
    a->fmt.row_align = 0;
    // lv_font_conv's rendering unless asked otherwise: the same pixels.
    a->hinting = a->hinting_set ? a->hinting : GLYPH_HINT_AUTO;
    a->quantize = a->quantize_set ? a->quantize : GLYPH_QUANT_TRUNCATE;
    return 0;
}

// Cross-option rules; returns 0 or -1 (reported).
static int check(struct glyphpack_args *a)
{
    if ((a->size_px == 0) == (a->line_height == 0)) {
        log_error("give exactly one of -s PX and --line-height PX");
        return -1;
    }
    if (a->format == PACKOPTS_FORMAT_PY) {
        if (a->fmt.bpp != 1) {
            log_error("-f py: MicroPython fonts (font_to_py API) are 1 bpp; drop -b %u",
                      a->fmt.bpp);
            return -1;
        }
        if (a->fmt.row_align != 1) {
            log_error("-f py: rows must be byte-aligned (--row-align byte)");
            return -1;
        }
        if (a->fmt.layout == GLYPH_LAYOUT_PAGES && !a->bit_order_set) {
            a->fmt.bit_order = GLYPH_BIT_LSB_FIRST; // framebuf.MONO_VLSB
        }
        if (a->fmt.layout == GLYPH_LAYOUT_PAGES && a->fmt.bit_order != GLYPH_BIT_LSB_FIRST) {
            log_error("-f py: pages must be LSB first (framebuf.MONO_VLSB)");
            return -1;
        }
        a->cell = 1;
    }
    if (check_lvgl(a) < 0) {
        return -1;
    }
    if (a->kerning && a->format == PACKOPTS_FORMAT_PY) {
        log_error(
            "--kerning: the font_to_py API has no kerning; use -f c, bin, json, lvgl or lvgl-bin");
        return -1;
    }
    if (a->compact && a->format != PACKOPTS_FORMAT_BIN) {
        log_error("--compact applies to -f bin only");
        return -1;
    }
    if (a->fmt.layout == GLYPH_LAYOUT_PAGES && a->fmt.row_align == 0) {
        log_error("--row-align packed works with --layout rows only");
        return -1;
    }
    if (a->out != NULL && (a->out[0] == '\0' || a->out[strlen(a->out) - 1] == '/')) {
        log_error("-o: '%s' is not a file name", a->out);
        return -1;
    }
    if (a->preview != NULL &&
        (a->preview[0] == '\0' || a->preview[strlen(a->preview) - 1] == '/')) {
        log_error("--preview: '%s' is not a file name", a->preview);
        return -1;
    }
    if (a->quiet && a->verbose) {
        log_error("-q and -v contradict each other");
        return -1;
    }
    return 0;
}

// 1 if `path` is a regular file starting with the PNG signature. The host
// file reader opens without blocking, so a FIFO given as a font never hangs.
static int starts_with_png_signature(const char *path)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    int fd;
    struct stat st;
    char why[16];
    if (file_open(path, &fd, &st, why, sizeof(why)) != 0) {
        return 0;
    }
    uint8_t head[8];
    int png = file_read_exact(fd, head, sizeof(head)) == 0 && memcmp(head, sig, 8) == 0;
    close(fd);
    return png;
}

// 1 when an input names a PNG (by its signature, or a name ending in
// ".png", so a missing "x.png" still gets the image command's errors).
// Values of either command's options ("-o OUT", "--preview FILE.png") are
// not inputs: both getopt tables say which options take one.
static int wants_image(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (packopts_takes_value(argv[i], font_shortopts, font_longopts) ||
            packopts_takes_value(argv[i], glyphpack_image_shortopts, glyphpack_image_longopts)) {
            i++;
            continue;
        }
        size_t n = strlen(argv[i]);
        if (argv[i][0] == '-') {
            continue;
        }
        if ((n > 4 && strcasecmp(argv[i] + n - 4, ".png") == 0) ||
            starts_with_png_signature(argv[i])) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    log_init("glyphpack");
    if (argc > 1 && strcmp(argv[1], GLYPHPACK_FTP_COMMAND) == 0) {
        return glyphpack_ftp_main(argc - 1, argv + 1);
    }
    if (wants_image(argc, argv)) { // PNG input: the image command
        return glyphpack_image_main(argc, argv);
    }
    struct glyphpack_args a = {
        .fmt = {.bpp = 1,
                .layout = GLYPH_LAYOUT_ROWS,
                .bit_order = GLYPH_BIT_MSB_FIRST,
                .row_align = 1},
        .format = PACKOPTS_FORMAT_C,
        .hinting = GLYPH_HINT_DEFAULT,
        .quantize = GLYPH_QUANT_ROUND,
    };
    argv[0] = "glyphpack"; // getopt_long's messages name the program, not its path
    int c;
    while ((c = getopt_long(argc, argv, font_shortopts, font_longopts, NULL)) != -1) {
        int r = apply(&a, c, optarg);
        if (r != 0) {
            if (r < 0) {
                fputs("Try 'glyphpack --help'.\n", stderr);
            }
            return r > 0 ? 0 : EXIT_USAGE;
        }
    }
    a.inputs = argv + optind;
    a.ninputs = (size_t)(argc - optind);
    if (a.ninputs == 0) {
        log_error("no input file given");
        fputs("Try 'glyphpack --help'.\n", stderr);
        return EXIT_USAGE;
    }
    if (check(&a) < 0) {
        fputs("Try 'glyphpack --help'.\n", stderr);
        return EXIT_USAGE;
    }
    if (a.format == PACKOPTS_FORMAT_PY) {
        glyphpack_ftp_hint(a.fmt.layout == GLYPH_LAYOUT_PAGES, a.quiet);
    }
    return glyphpack_font_run(&a);
}
