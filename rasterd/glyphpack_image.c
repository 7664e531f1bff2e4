// glyphpack's image command: options, reading the PNG and palette files
// (through the host file reader), calling libglyph to convert and formats to
// emit, and writing every output through one outset (all files or none).
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "fileio.h"
#include "formats/error.h"
#include "formats/image.h"
#include "glyph/error.h"
#include "glyph/image.h"
#include "glyph/png.h"
#include "glyphpack_image.h"
#include "glyphpack_lvimg.h"
#include "log.h"
#include "outset.h"
#include "packopts.h"

#define PALETTE_FILE_MAX (1u << 24) // palettes are tiny; refuse absurd files

struct image_cli {
    const char *input;
    const char *output;
    const char *preview;
    const char *name;
    const char *palette_file;
    const char *pixfmt; // -p, resolved once -f is known
    enum packopts_format kind;
    struct lvimg lvgl; // -f lvgl, lvgl-bin
    int compress_set;
    uint32_t resize_w, resize_h;
    struct glyph_convert_opts conv;
    int background_set;
    char last_log[256]; // the last libglyph message, appended to errors
};

enum {
    OPT_PREVIEW = 256,
    OPT_DITHER,
    OPT_PREMULTIPLY,
    OPT_BACKGROUND,
    OPT_PALETTE,
    OPT_PALETTE_SIZE,
    OPT_PALETTE_FORMAT,
    OPT_RESIZE,
    OPT_LAYOUT,
    OPT_BIT_ORDER,
    OPT_STRIDE_ALIGN,
    OPT_NAME,
    OPT_COMPRESS,
};

const char glyphpack_image_shortopts[] = "p:f:o:qh";

const struct option glyphpack_image_longopts[] = {
    {"pixel-format", required_argument, NULL, 'p'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"preview", required_argument, NULL, OPT_PREVIEW},
    {"dither", required_argument, NULL, OPT_DITHER},
    {"premultiply", no_argument, NULL, OPT_PREMULTIPLY},
    {"background", required_argument, NULL, OPT_BACKGROUND},
    {"palette", required_argument, NULL, OPT_PALETTE},
    {"palette-size", required_argument, NULL, OPT_PALETTE_SIZE},
    {"palette-format", required_argument, NULL, OPT_PALETTE_FORMAT},
    {"resize", required_argument, NULL, OPT_RESIZE},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"bit-order", required_argument, NULL, OPT_BIT_ORDER},
    {"stride-align", required_argument, NULL, OPT_STRIDE_ALIGN},
    {"name", required_argument, NULL, OPT_NAME},
    {"compress", required_argument, NULL, OPT_COMPRESS},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: glyphpack IMAGE.png -p FORMAT [options]\n"
               "  -p, --pixel-format FMT  target pixel format (list below)\n"
               "  -f, --format c|bin|py|json|lvgl|lvgl-bin  output kind (default c); lvgl: an\n"
               "                          LVGL 9 lv_image_dsc_t C file, lvgl-bin: an LVGL .bin\n"
               "                          image (-p then takes LVGL's colour format names)\n"
               "  -o, --output OUT        output path (default: IMAGE basename + extension)\n"
               "      --preview FILE.png  also write the converted pixels decoded back to PNG\n"
               "      --dither none|ordered|fs  (default none)\n"
               "      --premultiply       multiply colour by alpha (formats with alpha)\n"
               "      --background #rrggbb  flatten onto this colour (default black for\n"
               "                          formats without alpha)\n"
               "      --palette FILE      palette for I* formats: text (#rrggbb or #aarrggbb per\n"
               "                          line) or a PNG whose pixels are the colours\n"
               "      --palette-size N    colours to quantize to, 2..2^bpp (default 2^bpp)\n"
               "      --palette-format F  RGB565, RGB888 or ARGB8888 (default ARGB8888)\n"
               "      --resize WxH        resample first (area average down, bilinear up)\n"
               "      --layout rows|pages, --bit-order msb|lsb  sub-byte and 8-bit plane formats\n"
               "      --stride-align N    row stride alignment in bytes (1..256, power of two;\n"
               "                          0 = bit-packed rows for sub-byte formats; default 1)\n"
               "      --name SYMBOL       C array prefix (default: output basename)\n"
               "      --compress none|rle|lz4|smallest  -f lvgl/lvgl-bin: LVGL's RLE or LZ4\n"
               "                          (default none; LVGL needs LV_BIN_DECODER_RAM_LOAD)\n"
               "  -q, --quiet             do not list the files written\n"
               "pixel formats:\n");
    for (size_t i = 0; i < glyph_pixfmt_count(); i++) {
        const struct glyph_pixfmt *p = glyph_pixfmt_at(i);
        fprintf(f, "  %-10s %s\n", p->name, p->summary);
    }
    lvimg_usage(f);
}

static void on_log(void *user, enum glyph_log_level level, const char *msg)
{
    struct image_cli *cli = user;
    (void)level;
    snprintf(cli->last_log, sizeof(cli->last_log), "%s", msg);
}

static int fail(const char *what, const char *msg, int code)
{
    log_error("%s: %s", what, msg);
    return code;
}

static int glyph_fail(const struct image_cli *cli, const char *what, int err)
{
    if (cli->last_log[0] != '\0') {
        log_error("%s: %s (%s)", what, glyph_strerror(err), cli->last_log);
    } else {
        log_error("%s: %s", what, glyph_strerror(err));
    }
    return exit_from_glyph(err);
}

static int parse_colour(const char *s, uint8_t rgb[3])
{
    if (*s == '#') {
        s++;
    }
    if (strlen(s) != 6) {
        return -1;
    }
    unsigned v = 0;
    for (int i = 0; i < 6; i++) {
        char ch = s[i];
        unsigned d;
        if (ch >= '0' && ch <= '9') {
            d = (unsigned)(ch - '0');
        } else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') {
            d = (unsigned)((ch | 0x20) - 'a' + 10);
        } else {
            return -1;
        }
        v = v << 4 | d;
    }
    rgb[0] = (uint8_t)(v >> 16);
    rgb[1] = (uint8_t)(v >> 8);
    rgb[2] = (uint8_t)v;
    return 0;
}

// "WxH", each side 1..GLYPH_IMAGE_MAX_SIDE.
static int parse_size(const char *s, uint32_t *w, uint32_t *h)
{
    char buf[16];
    const char *x = strpbrk(s, "xX");
    if (x == NULL || (size_t)(x - s) >= sizeof(buf)) {
        return -1;
    }
    memcpy(buf, s, (size_t)(x - s));
    buf[x - s] = '\0';
    return packopts_uint(buf, 1, GLYPH_IMAGE_MAX_SIDE, w) < 0 ||
                   packopts_uint(x + 1, 1, GLYPH_IMAGE_MAX_SIDE, h) < 0
               ? -1
               : 0;
}

// Options whose value is a word of packopts or a number; returns 0, an
// exit code, or -1 when `c` is not one of them.
static int parse_value(struct image_cli *cli, int c, const char *arg)
{
    struct glyph_convert_opts *o = &cli->conv;
    uint32_t v;
    switch (c) {
    case 'f':
        return packopts_format(arg, &cli->kind) == 0
                   ? 0
                   : fail(arg, "output kind must be c, bin, py, json, lvgl or lvgl-bin",
                          EXIT_USAGE);
    case OPT_LAYOUT:
        return packopts_layout(arg, &o->layout) == 0
                   ? 0
                   : fail(arg, "--layout must be rows or pages", EXIT_USAGE);
    case OPT_BIT_ORDER:
        return packopts_bit_order(arg, &o->bit_order) == 0
                   ? 0
                   : fail(arg, "--bit-order must be msb or lsb", EXIT_USAGE);
    case OPT_PALETTE_SIZE:
        if (packopts_uint(arg, 2, 256, &v) < 0) {
            return fail(arg, "--palette-size must be 2..256", EXIT_USAGE);
        }
        o->palette_size = v;
        return 0;
    case OPT_STRIDE_ALIGN:
        if (packopts_uint(arg, 0, 256, &v) < 0 || (v & (v - 1)) != 0) {
            return fail(arg, "--stride-align must be 0 or a power of two up to 256", EXIT_USAGE);
        }
        o->stride_align = v;
        return 0;
    case OPT_RESIZE:
        return parse_size(arg, &cli->resize_w, &cli->resize_h) == 0
                   ? 0
                   : fail(arg, "--resize wants WxH, each side 1..32768", EXIT_USAGE);
    case OPT_BACKGROUND:
        cli->background_set = 1;
        return parse_colour(arg, o->background) == 0
                   ? 0
                   : fail(arg, "--background wants #rrggbb", EXIT_USAGE);
    case OPT_COMPRESS: {
        int m = 0;
        cli->compress_set = 1;
        if (packopts_lvgl_compress(arg, &m) < 0) {
            return fail(arg, "--compress must be none, rle, lz4 or smallest", EXIT_USAGE);
        }
        cli->lvgl.compress = (enum fmt_lvgl_compress)m;
        return 0;
    }
    default:
        return -1;
    }
}

// Parses one option; returns 0 or an exit code.
static int parse_opt(struct image_cli *cli, int c, const char *arg)
{
    struct glyph_convert_opts *o = &cli->conv;
    int rc = parse_value(cli, c, arg);
    if (rc >= 0) {
        return rc;
    }
    switch (c) {
    case 'p':
        cli->pixfmt = arg;
        return 0;
    case 'o':
        cli->output = arg;
        return 0;
    case 'q':
        log_quiet = 1;
        return 0;
    case OPT_PREVIEW:
        cli->preview = arg;
        return 0;
    case OPT_DITHER:
        if (strcmp(arg, "none") == 0) {
            o->dither = GLYPH_DITHER_NONE;
        } else if (strcmp(arg, "ordered") == 0) {
            o->dither = GLYPH_DITHER_ORDERED;
        } else if (strcmp(arg, "fs") == 0) {
            o->dither = GLYPH_DITHER_FS;
        } else {
            return fail(arg, "--dither must be none, ordered or fs", EXIT_USAGE);
        }
        return 0;
    case OPT_PREMULTIPLY:
        o->alpha = GLYPH_ALPHA_PREMULTIPLY;
        return 0;
    case OPT_PALETTE:
        cli->palette_file = arg;
        return 0;
    case OPT_PALETTE_FORMAT:
        o->palette_format = glyph_pixfmt_find(arg);
        if (o->palette_format == NULL || !glyph_pixfmt_is_palette_format(o->palette_format)) {
            return fail(arg,
                        "--palette-format must be a colour format such as RGB565, "
                        "RGB888 or ARGB8888",
                        EXIT_USAGE);
        }
        return 0;
    case OPT_NAME:
        cli->name = arg;
        return 0;
    default:
        usage(stderr);
        return EXIT_USAGE;
    }
}

static int is_lvgl(const struct image_cli *cli)
{
    return cli->kind == PACKOPTS_FORMAT_LVGL || cli->kind == PACKOPTS_FORMAT_LVGL_BIN;
}

// -p: a libglyph pixel format, or LVGL's colour format name for -f lvgl and
// lvgl-bin. Returns 0 or EXIT_USAGE (reported).
static int resolve_pixfmt(struct image_cli *cli)
{
    if (cli->compress_set && !is_lvgl(cli)) {
        log_error("--compress applies to -f lvgl and lvgl-bin");
        return EXIT_USAGE;
    }
    if (is_lvgl(cli)) {
        cli->lvgl.bin = cli->kind == PACKOPTS_FORMAT_LVGL_BIN;
        return lvimg_setup(cli->pixfmt, &cli->conv, &cli->lvgl);
    }
    if ((cli->conv.format = glyph_pixfmt_find(cli->pixfmt)) == NULL) {
        return fail(cli->pixfmt, "unknown pixel format (see --help)", EXIT_USAGE);
    }
    return 0;
}

// Option combinations; returns 0 or EXIT_USAGE (reported).
static int check_args(struct image_cli *cli)
{
    if (cli->background_set) {
        cli->conv.alpha = GLYPH_ALPHA_FLATTEN;
    }
    int rc = resolve_pixfmt(cli);
    if (rc != 0) {
        return rc;
    }
    const struct glyph_pixfmt *f = cli->conv.format;
    int indexed = (f->flags & GLYPH_PIXFMT_INDEXED) != 0;
    if (!glyph_pixfmt_is_plane(f) && cli->conv.layout == GLYPH_LAYOUT_PAGES) {
        log_error("--layout pages needs an L*, A* or I* format, not %s", f->name);
    } else if (cli->conv.stride_align == 0 &&
               (f->bpp >= 8 || cli->conv.layout == GLYPH_LAYOUT_PAGES)) {
        log_error("--stride-align 0 (bit-packed rows) needs a sub-byte format in rows layout");
    } else if (!indexed && (cli->palette_file != NULL || cli->conv.palette_size != 0)) {
        log_error("--palette and --palette-size need an I1/I2/I4/I8 format");
    } else if (indexed && cli->conv.palette_size > (1u << f->bpp)) {
        log_error("--palette-size %u is more than %s holds", cli->conv.palette_size, f->name);
    } else {
        return 0;
    }
    return EXIT_USAGE;
}

static int parse_args(struct image_cli *cli, int argc, char **argv)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, glyphpack_image_shortopts, glyphpack_image_longopts,
                            NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        }
        int rc = parse_opt(cli, c, optarg);
        if (rc != 0) {
            return rc;
        }
    }
    if (optind != argc - 1) {
        log_error("give exactly one input image");
        return EXIT_USAGE;
    }
    cli->input = argv[optind];
    if (cli->pixfmt == NULL) {
        log_error("%s: -p FORMAT is required (see --help)", cli->input);
        return EXIT_USAGE;
    }
    return check_args(cli);
}

// A palette: text (#rrggbb lines) or a PNG whose pixels are the colours.
static int load_palette(struct image_cli *cli, struct glyph_ctx *ctx, struct glyph_palette *pal)
{
    const char *path = cli->palette_file;
    uint8_t *data = NULL;
    size_t len = 0;
    char why[1024];
    int rc = file_read(path, PALETTE_FILE_MAX, &data, &len, NULL, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    int err;
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (len >= 8 && memcmp(data, sig, 8) == 0) {
        struct glyph_image *img = NULL;
        err = glyph_image_decode_memory(ctx, data, len, &img);
        if (err == 0) {
            err = glyph_palette_from_pixels(img->rgba, img->width, img->height, img->stride, pal);
            glyph_image_destroy(img);
        }
    } else {
        unsigned line = 0;
        err = glyph_palette_parse_text((const char *)data, len, pal, &line);
        if (err < 0 && line > 0) {
            snprintf(cli->last_log, sizeof(cli->last_log), "line %u", line);
        }
    }
    free(data);
    if (err < 0) {
        return glyph_fail(cli, path, err);
    }
    if (pal->count > (1u << cli->conv.format->bpp)) {
        log_error("%s: %u colours, %s holds %u", path, pal->count, cli->conv.format->name,
                  1u << cli->conv.format->bpp);
        return EXIT_DATAERR;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

// Copies `path` without its extension (the last '.' of the file name).
static char *strip_ext(const char *path)
{
    char *s = strdup(path);
    if (s != NULL) {
        char *dot = strrchr(s, '.');
        if (dot != NULL && dot > s + (base_name(s) - s)) {
            *dot = '\0';
        }
    }
    return s;
}

static char *concat(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s != NULL) {
        snprintf(s, n, "%s%s", a, b);
    }
    return s;
}

struct out_paths {
    char *main;   // .c, .bin, .py or .json
    char *header; // .h for -f c (-f lvgl writes no header)
    char *symbol_base;
};

static void paths_free(struct out_paths *p)
{
    free(p->main);
    free(p->header);
    free(p->symbol_base);
}

static int make_paths(const struct image_cli *cli, struct out_paths *p)
{
    memset(p, 0, sizeof(*p));
    char *out = NULL;
    if (cli->output != NULL) {
        out = strdup(cli->output);
    } else {
        char *stem = strip_ext(base_name(cli->input));
        out = stem != NULL ? concat(stem, packopts_format_ext(cli->kind)) : NULL;
        free(stem);
    }
    if (out == NULL) {
        return -1;
    }
    if (cli->kind == PACKOPTS_FORMAT_C || cli->kind == PACKOPTS_FORMAT_LVGL) {
        size_t n = strlen(out);
        if (n > 2 && (strcmp(out + n - 2, ".c") == 0 || strcmp(out + n - 2, ".h") == 0)) {
            out[n - 2] = '\0';
        }
        p->main = concat(out, ".c");
        p->header = cli->kind == PACKOPTS_FORMAT_C ? concat(out, ".h") : NULL;
        p->symbol_base = strdup(base_name(out));
        free(out);
    } else {
        p->main = out;
        p->symbol_base = strip_ext(base_name(out));
    }
    if (p->main == NULL || p->symbol_base == NULL ||
        (cli->kind == PACKOPTS_FORMAT_C && p->header == NULL)) {
        paths_free(p);
        return -1;
    }
    return 0;
}

static int stage(struct outset *set, const char *path, const struct fmt_membuf *mb)
{
    if (outset_add(set, path, mb->data, mb->len) != 0) {
        log_error("%s", set->why);
        return EXIT_CANTCREAT;
    }
    return 0;
}

// Emits the chosen output kind into the outset.
static int stage_outputs(const struct image_cli *cli, const struct glyph_pixels *px,
                         const struct out_paths *paths, struct outset *set)
{
    struct fmt_membuf a, b;
    fmt_membuf_init(&a);
    fmt_membuf_init(&b);
    int err = 0, rc = 0;
    char symbol[256];
    switch (cli->kind) {
    case PACKOPTS_FORMAT_C:
        err = fmt_image_symbol(cli->name != NULL ? cli->name : paths->symbol_base, symbol,
                               sizeof(symbol));
        if (err == 0) {
            err = fmt_image_write_c(&a.sink, &b.sink, px, symbol, base_name(paths->header));
        }
        break;
    case PACKOPTS_FORMAT_BIN:
        err = fmt_image_write_bin(&a.sink, px);
        break;
    case PACKOPTS_FORMAT_PY:
        err = fmt_image_write_py(&a.sink, px);
        break;
    case PACKOPTS_FORMAT_JSON:
        err = fmt_image_write_json(&a.sink, px);
        break;
    case PACKOPTS_FORMAT_LVGL:
    case PACKOPTS_FORMAT_LVGL_BIN:
        err = fmt_image_symbol(cli->name != NULL ? cli->name : paths->symbol_base, symbol,
                               sizeof(symbol));
        if (err == 0) {
            rc = lvimg_emit(&cli->lvgl, px, symbol, paths->main, &a.sink);
        }
        break;
    }
    if (err < 0) {
        rc = fail(paths->main, fmt_strerror(err), exit_from_fmt(err));
    } else if (rc == 0) {
        rc = stage(set, paths->main, &a);
        if (rc == 0 && cli->kind == PACKOPTS_FORMAT_C) {
            rc = stage(set, paths->header, &b);
        }
    }
    fmt_membuf_finish(&a);
    fmt_membuf_finish(&b);
    return rc;
}

static int stage_preview(struct image_cli *cli, struct glyph_ctx *ctx,
                         const struct glyph_pixels *px, struct outset *set)
{
    struct glyph_image *back = NULL;
    int err = glyph_pixels_decode(ctx, px, &back);
    if (err < 0) {
        return glyph_fail(cli, cli->preview, err);
    }
    uint8_t *png = NULL;
    size_t len = 0;
    err =
        glyph_png_encode_rgba(ctx, back->rgba, back->width, back->height, back->stride, &png, &len);
    glyph_image_destroy(back);
    if (err < 0) {
        return glyph_fail(cli, cli->preview, err);
    }
    int rc = 0;
    if (outset_add(set, cli->preview, png, len) != 0) {
        log_error("%s", set->why);
        rc = EXIT_CANTCREAT;
    }
    glyph_buffer_free(ctx, png);
    return rc;
}

// The input through the host file reader (a FIFO or folder fails at once),
// decoded and resized.
static int load_image(struct image_cli *cli, struct glyph_ctx *ctx, struct glyph_image **out)
{
    uint8_t *data = NULL;
    size_t len = 0;
    char why[1024];
    int rc = file_read(cli->input, 0, &data, &len, NULL, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    struct glyph_image *img = NULL;
    int err = glyph_image_decode_memory(ctx, data, len, &img);
    free(data);
    if (err < 0) {
        return glyph_fail(cli, cli->input, err);
    }
    if (cli->resize_w != 0) {
        struct glyph_image *r = NULL;
        err = glyph_image_resize(ctx, img, cli->resize_w, cli->resize_h, &r);
        glyph_image_destroy(img);
        if (err < 0) {
            return glyph_fail(cli, cli->input, err);
        }
        img = r;
    }
    *out = img;
    return 0;
}

// Palette, image, conversion: the pixels to emit, or an exit code.
static int convert(struct image_cli *cli, struct glyph_ctx *ctx, struct glyph_pixels **px)
{
    struct glyph_palette pal;
    if (cli->palette_file != NULL) {
        int rc = load_palette(cli, ctx, &pal);
        if (rc != 0) {
            return rc;
        }
        cli->conv.palette = &pal;
    }
    struct glyph_image *img = NULL;
    int rc = load_image(cli, ctx, &img);
    if (rc != 0) {
        return rc;
    }
    int err = glyph_image_convert(ctx, img, &cli->conv, px);
    glyph_image_destroy(img);
    cli->conv.palette = NULL;
    return err < 0 ? glyph_fail(cli, cli->input, err) : 0;
}

// The output names, checked before any work.
static int name_outputs(const struct image_cli *cli, struct out_paths *paths)
{
    if (make_paths(cli, paths) < 0) {
        return fail(cli->input, "out of memory", EXIT_SOFTWARE);
    }
    if (paths->header != NULL && !fmt_c_include_name_valid(base_name(paths->header))) {
        log_error("-o: the header name '%s' cannot be written in #include \"...\" (a quote, a "
                  "backslash or a non-printable character)",
                  base_name(paths->header));
        paths_free(paths);
        return EXIT_USAGE;
    }
    return 0;
}

static int run(struct image_cli *cli, struct glyph_ctx *ctx)
{
    struct out_paths paths;
    int rc = name_outputs(cli, &paths);
    if (rc != 0) {
        return rc;
    }
    struct glyph_pixels *px = NULL;
    rc = convert(cli, ctx, &px);
    struct outset set;
    outset_init(&set);
    rc = rc ? rc : stage_outputs(cli, px, &paths, &set);
    if (rc == 0 && cli->preview != NULL) {
        rc = stage_preview(cli, ctx, px, &set);
    }
    if (rc == 0 && outset_commit(&set) != 0) {
        log_error("%s", set.why);
        rc = EXIT_CANTCREAT;
    }
    for (size_t i = 0; rc == 0 && i < set.count; i++) {
        log_out("%s", set.path[i]);
    }
    outset_finish(&set);
    paths_free(&paths);
    glyph_pixels_destroy(px);
    return rc;
}

int glyphpack_image_main(int argc, char **argv)
{
    struct image_cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.kind = PACKOPTS_FORMAT_C;
    glyph_convert_opts_init(&cli.conv, NULL);
    int rc = parse_args(&cli, argc, argv);
    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    if (ctx == NULL) {
        return fail(cli.input, "out of memory", EXIT_SOFTWARE);
    }
    glyph_ctx_set_log(ctx, on_log, &cli, GLYPH_LOG_ERROR);
    rc = run(&cli, ctx);
    glyph_ctx_destroy(ctx);
    return rc;
}
