// glyphpack's image command: options, reading the PNG and palette files,
// calling libglyph to convert and formats to emit, and writing every output
// through one outset (all files or none).
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/error.h"
#include "formats/image.h"
#include "glyph/error.h"
#include "glyph/image.h"
#include "glyph/png.h"
#include "glyphpack_image.h"
#include "glyphpack_lvimg.h"
#include "outset.h"

#define EX_USAGE     64
#define EX_DATAERR   65
#define EX_NOINPUT   66
#define EX_SOFTWARE  70
#define EX_CANTCREAT 73

enum out_kind { OUT_C, OUT_BIN, OUT_PY, OUT_JSON, OUT_LVGL, OUT_LVGL_BIN };

struct image_cli {
    const char *input;
    const char *output;
    const char *preview;
    const char *name;
    const char *palette_file;
    const char *pixfmt; // -p, resolved once -f is known
    enum out_kind kind;
    struct lvimg lvgl; // -f lvgl, lvgl-bin
    int compress_set;
    int quiet;
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

static const struct option long_opts[] = {
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
    fprintf(stderr, "glyphpack: %s: %s\n", what, msg);
    return code;
}

static int glyph_fail(const struct image_cli *cli, const char *what, int err)
{
    int code = EX_DATAERR;
    if (err == GLYPH_ERR_NOT_FOUND || err == GLYPH_ERR_IS_DIR || err == GLYPH_ERR_IO) {
        code = EX_NOINPUT;
    } else if (err == GLYPH_ERR_NOMEM) {
        code = EX_SOFTWARE;
    } else if (err == GLYPH_ERR_INVALID_ARG || err == GLYPH_ERR_UNSUPPORTED) {
        code = EX_USAGE;
    }
    if (cli->last_log[0] != '\0') {
        fprintf(stderr, "glyphpack: %s: %s (%s)\n", what, glyph_strerror(err), cli->last_log);
    } else {
        fprintf(stderr, "glyphpack: %s: %s\n", what, glyph_strerror(err));
    }
    return code;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (s[0] < '0' || s[0] > '9') {
        return -1;
    }
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max) {
        return -1;
    }
    *out = v;
    return 0;
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

static int parse_size(const char *s, uint32_t *w, uint32_t *h)
{
    char buf[64];
    unsigned long a, b;
    const char *x = strpbrk(s, "xX");
    if (x == NULL || (size_t)(x - s) >= sizeof(buf)) {
        return -1;
    }
    memcpy(buf, s, (size_t)(x - s));
    buf[x - s] = '\0';
    if (parse_uint(buf, GLYPH_IMAGE_MAX_SIDE, &a) < 0 ||
        parse_uint(x + 1, GLYPH_IMAGE_MAX_SIDE, &b) < 0 || a == 0 || b == 0) {
        return -1;
    }
    *w = (uint32_t)a;
    *h = (uint32_t)b;
    return 0;
}

// Parses one option; returns 0 or an exit code.
static int parse_opt(struct image_cli *cli, int c, const char *arg)
{
    unsigned long v;
    struct glyph_convert_opts *o = &cli->conv;
    switch (c) {
    case 'p':
        cli->pixfmt = arg;
        return 0;
    case 'f':
        if (strcmp(arg, "c") == 0) {
            cli->kind = OUT_C;
        } else if (strcmp(arg, "bin") == 0) {
            cli->kind = OUT_BIN;
        } else if (strcmp(arg, "py") == 0) {
            cli->kind = OUT_PY;
        } else if (strcmp(arg, "json") == 0) {
            cli->kind = OUT_JSON;
        } else if (strcmp(arg, "lvgl") == 0 || strcmp(arg, "lvgl-bin") == 0) {
            cli->kind = arg[4] == '\0' ? OUT_LVGL : OUT_LVGL_BIN;
        } else {
            return fail(arg, "output kind must be c, bin, py, json, lvgl or lvgl-bin", EX_USAGE);
        }
        return 0;
    case 'o':
        cli->output = arg;
        return 0;
    case 'q':
        cli->quiet = 1;
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
            return fail(arg, "--dither must be none, ordered or fs", EX_USAGE);
        }
        return 0;
    case OPT_PREMULTIPLY:
        o->alpha = GLYPH_ALPHA_PREMULTIPLY;
        return 0;
    case OPT_BACKGROUND:
        cli->background_set = 1;
        return parse_colour(arg, o->background) == 0
                   ? 0
                   : fail(arg, "--background wants #rrggbb", EX_USAGE);
    case OPT_PALETTE:
        cli->palette_file = arg;
        return 0;
    case OPT_PALETTE_SIZE:
        if (parse_uint(arg, 256, &v) < 0 || v < 2) {
            return fail(arg, "--palette-size must be 2..256", EX_USAGE);
        }
        o->palette_size = (unsigned)v;
        return 0;
    case OPT_PALETTE_FORMAT:
        o->palette_format = glyph_pixfmt_find(arg);
        if (o->palette_format == NULL || !glyph_pixfmt_is_palette_format(o->palette_format)) {
            return fail(arg,
                        "--palette-format must be a colour format such as RGB565, "
                        "RGB888 or ARGB8888",
                        EX_USAGE);
        }
        return 0;
    case OPT_RESIZE:
        return parse_size(arg, &cli->resize_w, &cli->resize_h) == 0
                   ? 0
                   : fail(arg, "--resize wants WxH, each side 1..32768", EX_USAGE);
    case OPT_LAYOUT:
        if (strcmp(arg, "rows") == 0 || strcmp(arg, "pages") == 0) {
            o->layout = arg[0] == 'r' ? GLYPH_LAYOUT_ROWS : GLYPH_LAYOUT_PAGES;
            return 0;
        }
        return fail(arg, "--layout must be rows or pages", EX_USAGE);
    case OPT_BIT_ORDER:
        if (strcmp(arg, "msb") == 0 || strcmp(arg, "lsb") == 0) {
            o->bit_order = arg[0] == 'm' ? GLYPH_BIT_MSB_FIRST : GLYPH_BIT_LSB_FIRST;
            return 0;
        }
        return fail(arg, "--bit-order must be msb or lsb", EX_USAGE);
    case OPT_STRIDE_ALIGN:
        if (parse_uint(arg, 256, &v) < 0 || (v & (v - 1)) != 0) {
            return fail(arg, "--stride-align must be 0 or a power of two up to 256", EX_USAGE);
        }
        o->stride_align = (unsigned)v;
        return 0;
    case OPT_NAME:
        cli->name = arg;
        return 0;
    case OPT_COMPRESS:
        cli->compress_set = 1;
        return lvimg_parse_compress(arg, &cli->lvgl.compress) == 0
                   ? 0
                   : fail(arg, "--compress must be none, rle, lz4 or smallest", EX_USAGE);
    default:
        usage(stderr);
        return EX_USAGE;
    }
}

static int parse_args(struct image_cli *cli, int argc, char **argv)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:f:o:qh", long_opts, NULL)) != -1) {
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
        fprintf(stderr, "glyphpack: give exactly one input image\n");
        return EX_USAGE;
    }
    cli->input = argv[optind];
    if (cli->pixfmt == NULL) {
        fprintf(stderr, "glyphpack: %s: -p FORMAT is required (see --help)\n", cli->input);
        return EX_USAGE;
    }
    if (cli->background_set) {
        cli->conv.alpha = GLYPH_ALPHA_FLATTEN;
    }
    int lvgl = cli->kind == OUT_LVGL || cli->kind == OUT_LVGL_BIN;
    if (cli->compress_set && !lvgl) {
        fprintf(stderr, "glyphpack: --compress applies to -f lvgl and lvgl-bin\n");
        return EX_USAGE;
    }
    if (lvgl) {
        cli->lvgl.bin = cli->kind == OUT_LVGL_BIN;
        int rc = lvimg_setup(cli->pixfmt, &cli->conv, &cli->lvgl);
        if (rc != 0) {
            return rc;
        }
    } else if ((cli->conv.format = glyph_pixfmt_find(cli->pixfmt)) == NULL) {
        return fail(cli->pixfmt, "unknown pixel format (see --help)", EX_USAGE);
    }
    const struct glyph_pixfmt *f = cli->conv.format;
    if (!glyph_pixfmt_is_plane(f) && cli->conv.layout == GLYPH_LAYOUT_PAGES) {
        fprintf(stderr, "glyphpack: --layout pages needs an L*, A* or I* format, not %s\n",
                f->name);
        return EX_USAGE;
    }
    if (cli->conv.stride_align == 0 && (f->bpp >= 8 || cli->conv.layout == GLYPH_LAYOUT_PAGES)) {
        fprintf(stderr, "glyphpack: --stride-align 0 (bit-packed rows) needs a sub-byte "
                        "format in rows layout\n");
        return EX_USAGE;
    }
    int indexed = (f->flags & GLYPH_PIXFMT_INDEXED) != 0;
    if (!indexed && (cli->palette_file != NULL || cli->conv.palette_size != 0)) {
        fprintf(stderr, "glyphpack: --palette and --palette-size need an I1/I2/I4/I8 format\n");
        return EX_USAGE;
    }
    if (indexed && cli->conv.palette_size > (1u << cli->conv.format->bpp)) {
        fprintf(stderr, "glyphpack: --palette-size %u is more than %s holds\n",
                cli->conv.palette_size, cli->conv.format->name);
        return EX_USAGE;
    }
    return 0;
}

static int read_whole(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        if (cap >= (1u << 24)) { // palettes are tiny; refuse absurd files
            free(buf);
            fclose(f);
            errno = EFBIG;
            return -1;
        }
        uint8_t *nb = realloc(buf, cap * 2);
        if (nb == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f) || buf == NULL;
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

static int load_palette(struct image_cli *cli, struct glyph_ctx *ctx, struct glyph_palette *pal)
{
    const char *path = cli->palette_file;
    uint8_t *data = NULL;
    size_t len = 0;
    if (read_whole(path, &data, &len) < 0) {
        return fail(path, strerror(errno), EX_NOINPUT);
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
        fprintf(stderr, "glyphpack: %s: %u colours, %s holds %u\n", path, pal->count,
                cli->conv.format->name, 1u << cli->conv.format->bpp);
        return EX_DATAERR;
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
    char *header; // .h for -f c
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
    static const char *const ext[] = {".c", ".bin", ".py", ".json", ".c", ".bin"};
    memset(p, 0, sizeof(*p));
    char *out = NULL;
    if (cli->output != NULL) {
        out = strdup(cli->output);
    } else {
        char *stem = strip_ext(base_name(cli->input));
        out = stem != NULL ? concat(stem, ext[cli->kind]) : NULL;
        free(stem);
    }
    if (out == NULL) {
        return -1;
    }
    if (cli->kind == OUT_C || cli->kind == OUT_LVGL) {
        size_t n = strlen(out);
        if (n > 2 && (strcmp(out + n - 2, ".c") == 0 || strcmp(out + n - 2, ".h") == 0)) {
            out[n - 2] = '\0';
        }
        p->main = concat(out, ".c");
        p->header = cli->kind == OUT_C ? concat(out, ".h") : NULL;
        p->symbol_base = strdup(base_name(out));
        free(out);
    } else {
        p->main = out;
        p->symbol_base = strip_ext(base_name(out));
    }
    if (p->main == NULL || p->symbol_base == NULL || (cli->kind == OUT_C && p->header == NULL)) {
        paths_free(p);
        return -1;
    }
    return 0;
}

static int stage(struct outset *set, const char *path, const struct fmt_membuf *mb)
{
    if (outset_add(set, path, mb->data, mb->len) != 0) {
        fprintf(stderr, "glyphpack: %s\n", set->why);
        return EX_CANTCREAT;
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
    case OUT_C:
        err = fmt_image_symbol(cli->name != NULL ? cli->name : paths->symbol_base, symbol,
                               sizeof(symbol));
        if (err == 0) {
            err = fmt_image_write_c(&a.sink, &b.sink, px, symbol, base_name(paths->header));
        }
        break;
    case OUT_BIN:
        err = fmt_image_write_bin(&a.sink, px);
        break;
    case OUT_PY:
        err = fmt_image_write_py(&a.sink, px);
        break;
    case OUT_JSON:
        err = fmt_image_write_json(&a.sink, px);
        break;
    case OUT_LVGL:
    case OUT_LVGL_BIN:
        err = fmt_image_symbol(cli->name != NULL ? cli->name : paths->symbol_base, symbol,
                               sizeof(symbol));
        if (err == 0) {
            rc = lvimg_emit(&cli->lvgl, px, symbol, paths->main, &a.sink);
        }
        break;
    }
    if (err < 0) {
        rc = fail(paths->main, fmt_strerror(err), EX_SOFTWARE);
    } else if (rc == 0) {
        rc = stage(set, paths->main, &a);
        if (rc == 0 && cli->kind == OUT_C) {
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
        fprintf(stderr, "glyphpack: %s\n", set->why);
        rc = EX_CANTCREAT;
    }
    glyph_buffer_free(ctx, png);
    return rc;
}

static int load_image(struct image_cli *cli, struct glyph_ctx *ctx, struct glyph_image **out)
{
    struct glyph_image *img = NULL;
    int err = glyph_image_decode_file(ctx, cli->input, &img);
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

static int run(struct image_cli *cli, struct glyph_ctx *ctx)
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
    struct glyph_pixels *px = NULL;
    int err = glyph_image_convert(ctx, img, &cli->conv, &px);
    glyph_image_destroy(img);
    if (err < 0) {
        return glyph_fail(cli, cli->input, err);
    }
    struct out_paths paths;
    if (make_paths(cli, &paths) < 0) {
        glyph_pixels_destroy(px);
        return fail(cli->input, "out of memory", EX_SOFTWARE);
    }
    struct outset set;
    outset_init(&set);
    rc = stage_outputs(cli, px, &paths, &set);
    if (rc == 0 && cli->preview != NULL) {
        rc = stage_preview(cli, ctx, px, &set);
    }
    if (rc == 0 && outset_commit(&set) != 0) {
        fprintf(stderr, "glyphpack: %s\n", set.why);
        rc = EX_CANTCREAT;
    }
    if (rc == 0 && !cli->quiet) {
        for (size_t i = 0; i < set.count; i++) {
            printf("%s\n", set.path[i]);
        }
    }
    outset_finish(&set);
    paths_free(&paths);
    glyph_pixels_destroy(px);
    return rc;
}

// The font command's options that take a value and that the image command
// does not have (glyphpack.c): their values are not inputs either.
static const char *const font_value_opts[] = {
    "size", "line-height", "chars", "chars-file", "bpp", "hinting", "face", "row-align",
};

// 1 when argv[i] is an option that takes its value from argv[i + 1] (as
// "-o OUT" or "--preview FILE"), so that value is not mistaken for the input.
static int takes_next(const char *arg)
{
    if (arg[0] != '-' || arg[1] == '\0') {
        return 0;
    }
    if (arg[1] != '-') {
        return arg[2] == '\0' && strchr("pfoscb", arg[1]) != NULL;
    }
    if (strchr(arg, '=') != NULL) {
        return 0;
    }
    for (const struct option *o = long_opts; o->name != NULL; o++) {
        if (strcmp(arg + 2, o->name) == 0) {
            return o->has_arg == required_argument;
        }
    }
    for (size_t i = 0; i < sizeof(font_value_opts) / sizeof(font_value_opts[0]); i++) {
        if (strcmp(arg + 2, font_value_opts[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

// 1 if `path` is a regular file starting with the PNG signature. Opens
// without blocking, so a FIFO or device given as a font never hangs here.
static int starts_with_png_signature(const char *path)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    struct stat st;
    uint8_t head[8];
    int png = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && read(fd, head, 8) == 8 &&
              memcmp(head, sig, 8) == 0;
    close(fd);
    return png;
}

int glyphpack_image_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (takes_next(argv[i])) {
            i++;
            continue;
        }
        if (argv[i][0] == '-') {
            continue;
        }
        // A missing or broken "x.png" still gets the image command's errors.
        size_t n = strlen(argv[i]);
        if (n > 4 && strcasecmp(argv[i] + n - 4, ".png") == 0) {
            return 1;
        }
        if (starts_with_png_signature(argv[i])) {
            return 1;
        }
    }
    return 0;
}

int glyphpack_image_main(int argc, char **argv)
{
    struct image_cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.kind = OUT_C;
    glyph_convert_opts_init(&cli.conv, NULL);
    int rc = parse_args(&cli, argc, argv);
    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    if (ctx == NULL) {
        return fail(cli.input, "out of memory", EX_SOFTWARE);
    }
    glyph_ctx_set_log(ctx, on_log, &cli, GLYPH_LOG_ERROR);
    rc = run(&cli, ctx);
    glyph_ctx_destroy(ctx);
    return rc;
}
