// glyphpack's font path: fonts -> glyph set -> fontpack -> emitter (+
// preview) -> one atomic output set. Any error leaves the previous outputs
// untouched and no temporary file behind.
#define _GNU_SOURCE // asprintf

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/error.h"
#include "formats/font_emit.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/font.h"
#include "glyph/fontpack.h"
#include "glyph/png.h"
#include "glyph/preview.h"
#include "fileio.h"
#include "glyphpack.h"
#include "log.h"
#include "outset.h"

#define CHARS_FILE_MAX (16u << 20)

struct job {
    const struct glyphpack_args *a;
    struct glyph_ctx *ctx;
    struct glyph_font **fonts;
    struct glyph_charset *cs;
    struct glyph_set *set;
    struct glyph_fontpack *pack;
    char lib_error[512]; // last error libglyph logged: detail for our message
    char *out[2];        // output paths (c: .c and .h), stem + extension (heap)
    size_t nout;
    char symbol[FMT_FONT_SYMBOL_MAX + 1];
};

static void on_log(void *user, enum glyph_log_level level, const char *msg)
{
    struct job *j = user;
    if (level == GLYPH_LOG_ERROR) {
        snprintf(j->lib_error, sizeof(j->lib_error), "%s", msg);
        if (j->a->verbose > 0) {
            log_error("%s", msg);
        }
    } else if (level == GLYPH_LOG_WARN) {
        log_warn("%s", msg);
    } else {
        log_info("%s", msg);
    }
}

// Reports a libglyph failure about `what` (a file or an option) and returns
// the exit code.
static int fail(struct job *j, const char *what, int err)
{
    if (j->lib_error[0] != '\0' && j->a->verbose == 0) {
        log_error("%s: %s (%s)", what, glyph_strerror(err), j->lib_error);
    } else {
        log_error("%s: %s", what, glyph_strerror(err));
    }
    return exit_from_glyph(err);
}

static int open_fonts(struct job *j)
{
    j->fonts = calloc(j->a->ninputs, sizeof(*j->fonts));
    if (j->fonts == NULL) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    for (size_t i = 0; i < j->a->ninputs; i++) {
        j->lib_error[0] = '\0';
        int err = glyph_font_open_file(j->ctx, j->a->inputs[i], j->a->face, &j->fonts[i]);
        if (err < 0) {
            return fail(j, j->a->inputs[i], err);
        }
    }
    return 0;
}

static int read_chars_file(struct job *j, const char *path)
{
    uint8_t *buf = NULL;
    size_t n = 0;
    char why[1024] = "";
    int rc = file_read(path, CHARS_FILE_MAX, &buf, &n, NULL, why, sizeof(why));
    if (rc != 0) {
        log_error("%s", why);
        return rc;
    }
    if (glyph_charset_add_utf8(j->cs, buf, n, why, sizeof(why)) < 0) {
        log_error("%s: %s", path, why[0] != '\0' ? why : "not UTF-8 text");
        rc = EXIT_DATAERR;
    }
    free(buf);
    return rc;
}

static int build_charset(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    j->cs = glyph_charset_create(j->ctx);
    if (j->cs == NULL) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    char why[256] = "";
    const char *spec = a->charset;
    if (spec == NULL && a->chars_file == NULL) {
        spec = "0x20-0x7E";
    }
    if (spec != NULL && glyph_charset_parse(j->cs, spec, why, sizeof(why)) < 0) {
        log_error("-c '%s': %s", spec, why[0] != '\0' ? why : "bad character set");
        return EXIT_USAGE;
    }
    if (a->chars_file != NULL) {
        int rc = read_chars_file(j, a->chars_file);
        if (rc != 0) {
            return rc;
        }
    }
    if (glyph_charset_count(j->cs) == 0) {
        if (a->chars_file != NULL) {
            log_error("%s: selects no characters", a->chars_file);
            return EXIT_DATAERR;
        }
        log_error("-c '%s': selects no code points", spec);
        return EXIT_USAGE;
    }
    return 0;
}

// "DejaVuSans.ttf" (or "x.ttf" if nothing else) for messages about the chain.
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

static int render(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    struct glyph_render_opts ro = {
        .size_px = a->size_px,
        .line_height_px = a->line_height,
        .bpp = a->fmt.bpp,
        .hinting = a->hinting,
        .quantize = a->quantize,
        .kerning = a->kerning,
    };
    j->lib_error[0] = '\0';
    int err = glyph_set_render(j->ctx, j->fonts, a->ninputs, j->cs, &ro, &j->set);
    if (err < 0) {
        return fail(j, a->ninputs == 1 ? a->inputs[0] : "fonts", err);
    }
    return 0;
}

// The code points font `f` supplied, as ranges ("U+0020-U+007E, U+00A0"),
// cut short with ", ..." past `len` - 32 characters; returns how many.
static size_t font_ranges(const struct glyph_set *set, size_t f, char *buf, size_t len)
{
    size_t n = glyph_set_count(set), k = 0, used = 0;
    int cut = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const struct glyph_info *g = glyph_set_glyph(set, i);
        if (g->font_index != f) {
            continue;
        }
        uint32_t first = g->codepoint, last = first;
        k++;
        while (i + 1 < n && glyph_set_glyph(set, i + 1)->font_index == f &&
               glyph_set_glyph(set, i + 1)->codepoint == last + 1) {
            last = glyph_set_glyph(set, ++i)->codepoint;
            k++;
        }
        if (used + 32 > len) {
            if (!cut) {
                snprintf(buf + used, len - used, ", ...");
                cut = 1;
            }
            continue;
        }
        int w = first == last
                    ? snprintf(buf + used, len - used, "%sU+%04X", used ? ", " : "", first)
                    : snprintf(buf + used, len - used, "%sU+%04X-U+%04X", used ? ", " : "", first,
                               last);
        used += w > 0 ? (size_t)w : 0;
    }
    return k;
}

// The coverage report: which font supplied which code points; missing code
// points were listed by libglyph's warning.
static int coverage(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    size_t n = glyph_set_count(j->set), missing = glyph_set_missing_count(j->set);
    if (a->ninputs > 1 || missing > 0 || a->verbose > 0) {
        // One line per font; -v lists every range, else the line is cut.
        size_t len = a->verbose > 0 ? 24 * n + 40 : 240;
        char *list = malloc(len);
        if (list == NULL) {
            log_error("out of memory");
            return EXIT_SOFTWARE;
        }
        for (size_t f = 0; f < a->ninputs; f++) {
            size_t k = font_ranges(j->set, f, list, len);
            log_out("coverage: %s: %zu code point%s%s%s", base_name(a->inputs[f]), k,
                    k == 1 ? "" : "s", k ? ": " : "", list);
        }
        free(list);
    }
    if (missing > 0) {
        if (a->strict) {
            log_error("%zu requested code point%s in no font (--strict); nothing written", missing,
                      missing == 1 ? "" : "s");
            return EXIT_DATAERR;
        }
        log_warn("%zu of %zu requested code points missing", missing, missing + n);
    }
    return 0;
}

static int lvgl_format(const struct glyphpack_args *a)
{
    return a->format == PACKOPTS_FORMAT_LVGL || a->format == PACKOPTS_FORMAT_LVGL_BIN;
}

static int pack(struct job *j)
{
    if (lvgl_format(j->a) && j->a->preview == NULL) {
        return 0; // the LVGL emitters encode the glyph set themselves
    }
    struct glyph_fontpack_opts po = {.fmt = j->a->fmt, .cell = j->a->cell};
    j->lib_error[0] = '\0';
    int err = glyph_fontpack_create(j->ctx, j->set, &po, &j->pack);
    if (err < 0) {
        return fail(j, j->a->ninputs == 1 ? j->a->inputs[0] : "fonts", err);
    }
    return 0;
}

// 1 if both paths exist and are the same file.
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

// Refuses outputs that would replace an input (glyphpack f.ttf -o f.ttf -f bin).
static int check_not_input(const struct glyphpack_args *a, const char *out)
{
    for (size_t i = 0; i < a->ninputs; i++) {
        if (same_file(out, a->inputs[i])) {
            log_error("%s: output would overwrite the input %s", out, a->inputs[i]);
            return EXIT_USAGE;
        }
    }
    if (a->chars_file != NULL && same_file(out, a->chars_file)) {
        log_error("%s: output would overwrite the input %s", out, a->chars_file);
        return EXIT_USAGE;
    }
    return 0;
}

// `import NAME` needs an identifier: warn about "font-16.py" early.
static void warn_module_name(const char *path)
{
    const char *b = base_name(path);
    size_t n = strlen(b);
    int len = n > 3 && strcmp(b + n - 3, ".py") == 0 ? (int)(n - 3) : (int)n;
    char *mod = strndup(b, (size_t)len);
    if (mod != NULL && !fmt_font_symbol_valid(mod)) {
        log_warn("%s: '%s' cannot be imported as a Python module name", path, mod);
    }
    free(mod);
}

// The output stem: -o (without a .c/.h for -f c, .c for -f lvgl) or FONT_PX from the first
// input. Heap string, NULL when out of memory.
static char *output_stem(const struct glyphpack_args *a)
{
    char *stem = NULL;
    if (a->out == NULL) {
        const char *b = base_name(a->inputs[0]);
        const char *dot = strrchr(b, '.');
        int len = dot != NULL && dot != b ? (int)(dot - b) : (int)strlen(b);
        size_t cap = (size_t)len + 16; // "_lh" and up to 10 digits
        if ((stem = malloc(cap)) != NULL) {
            snprintf(stem, cap, "%.*s_%s%u", len, b, a->size_px ? "" : "lh",
                     a->size_px ? a->size_px : a->line_height);
        }
    } else if ((stem = strdup(a->out)) != NULL && a->format == PACKOPTS_FORMAT_C) {
        size_t len = strlen(stem);
        if (len > 2 && (strcmp(stem + len - 2, ".c") == 0 || strcmp(stem + len - 2, ".h") == 0)) {
            stem[len - 2] = '\0';
        }
    } else if (stem != NULL && a->format == PACKOPTS_FORMAT_LVGL) {
        size_t len = strlen(stem);
        if (len > 2 && strcmp(stem + len - 2, ".c") == 0) {
            stem[len - 2] = '\0';
        }
    }
    return stem;
}

// The output paths from the stem: .c and .h, or one file (the format's
// extension added to a default name only).
static int output_paths(struct job *j, const char *stem)
{
    const struct glyphpack_args *a = j->a;
    int rc;
    if (a->format == PACKOPTS_FORMAT_C) {
        j->nout = 2;
        rc = asprintf(&j->out[0], "%s.c", stem) < 0 || asprintf(&j->out[1], "%s.h", stem) < 0;
    } else if (a->format == PACKOPTS_FORMAT_LVGL) {
        j->nout = 1;
        rc = asprintf(&j->out[0], "%s.c", stem) < 0;
    } else {
        j->nout = 1;
        rc = asprintf(&j->out[0], "%s%s", stem,
                      a->out == NULL ? packopts_format_ext(a->format) : "") < 0;
    }
    if (rc != 0) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    if (j->nout == 2 && !fmt_c_include_name_valid(base_name(j->out[1]))) {
        log_error("-o: the header name '%s' cannot be written in #include \"...\" (a quote, a "
                  "backslash or a non-printable character)",
                  base_name(j->out[1]));
        return EXIT_USAGE;
    }
    return 0;
}

// Fills j->out and j->symbol from -o / the default name.
static int name_outputs(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    char *stem = output_stem(a);
    int rc = stem != NULL ? output_paths(j, stem) : EXIT_SOFTWARE;
    if (rc == 0 && a->name != NULL && !fmt_font_symbol_valid(a->name)) {
        log_error("--name '%s': not a C identifier of at most %d characters", a->name,
                  FMT_FONT_SYMBOL_MAX);
        rc = EXIT_USAGE;
    } else if (rc == 0) {
        if (a->name != NULL) {
            snprintf(j->symbol, sizeof(j->symbol), "%s", a->name);
        } else {
            fmt_font_symbol_from(base_name(stem), j->symbol, sizeof(j->symbol));
        }
    }
    free(stem);
    for (size_t i = 0; rc == 0 && i < j->nout; i++) {
        if (a->preview != NULL && strcmp(a->preview, j->out[i]) == 0) {
            log_error("--preview: '%s' is also the output file", a->preview);
            rc = EXIT_USAGE;
        } else {
            rc = check_not_input(a, j->out[i]);
        }
    }
    if (rc == 0 && a->format == PACKOPTS_FORMAT_PY) {
        warn_module_name(j->out[0]);
    }
    return rc == 0 && a->preview != NULL ? check_not_input(a, a->preview) : rc;
}

static int emit(struct job *j, struct fmt_membuf *mb)
{
    char why[512] = "";
    int err;
    switch (j->a->format) {
    case PACKOPTS_FORMAT_C:
        err = fmt_font_emit_c(j->pack, j->symbol, base_name(j->out[1]), &mb[0].sink, &mb[1].sink,
                              why, sizeof(why));
        break;
    case PACKOPTS_FORMAT_BIN:
        err = j->a->compact ? fmt_font_emit_bin_compact(j->pack, &mb[0].sink, why, sizeof(why))
                            : fmt_font_emit_bin(j->pack, &mb[0].sink, why, sizeof(why));
        break;
    case PACKOPTS_FORMAT_PY:
        err = fmt_font_emit_py(j->pack, &mb[0].sink, why, sizeof(why));
        break;
    case PACKOPTS_FORMAT_LVGL:
    case PACKOPTS_FORMAT_LVGL_BIN:
        return glyphpack_lvgl_emit(j->a, j->set, j->symbol, j->out[0], &mb[0].sink);
    case PACKOPTS_FORMAT_JSON:
    default:
        err = fmt_font_emit_json(j->pack, &mb[0].sink, why, sizeof(why));
        break;
    }
    if (err < 0) {
        // The library says what does not fit; the option that caused it is ours to name.
        log_error("%s: %s%s", j->out[0], why,
                  j->a->compact && err == FMT_ERR_RANGE ? " (drop --compact)" : "");
        return exit_from_fmt(err);
    }
    return 0;
}

// Emits, renders the preview and replaces all outputs together.
static int write_outputs(struct job *j)
{
    struct fmt_membuf mb[2];
    fmt_membuf_init(&mb[0]);
    fmt_membuf_init(&mb[1]);
    uint8_t *png = NULL;
    size_t png_len = 0;
    struct outset set;
    outset_init(&set);
    int rc = emit(j, mb);
    if (rc == 0 && j->a->preview != NULL) {
        j->lib_error[0] = '\0';
        int err = glyph_preview_font(j->ctx, j->pack, NULL, &png, &png_len);
        if (err < 0) {
            rc = fail(j, j->a->preview, err);
        }
    }
    for (size_t i = 0; rc == 0 && i < j->nout; i++) {
        if (outset_add(&set, j->out[i], mb[i].data, mb[i].len) < 0) {
            rc = EXIT_CANTCREAT;
        }
    }
    if (rc == 0 && png != NULL && outset_add(&set, j->a->preview, png, png_len) < 0) {
        rc = EXIT_CANTCREAT;
    }
    if (rc == 0 && outset_commit(&set) < 0) {
        rc = EXIT_CANTCREAT;
    }
    if (rc == EXIT_CANTCREAT) {
        log_error("%s", set.why);
    }
    outset_finish(&set);
    for (size_t i = 0; rc == 0 && i < j->nout; i++) {
        log_out("wrote %s (%zu bytes)", j->out[i], mb[i].len);
    }
    if (rc == 0 && png != NULL) {
        log_out("preview %s", j->a->preview);
    }
    glyph_buffer_free(j->ctx, png);
    fmt_membuf_finish(&mb[0]);
    fmt_membuf_finish(&mb[1]);
    return rc;
}

static void summary(const struct job *j)
{
    const struct glyph_set_metrics *m = glyph_set_metrics(j->set);
    if (j->pack == NULL) {
        log_out("%zu glyphs, %u px em, %u bpp", glyph_set_count(j->set), (unsigned)m->size_px,
                m->bpp);
        return;
    }
    log_out("%zu glyphs (%zu distinct bitmaps, %zu bytes), %u px em, line height %d px, "
            "%u bpp",
            j->pack->count, j->pack->unique_bitmaps, j->pack->data_len, (unsigned)m->size_px,
            (int)m->line_height, m->bpp);
    if (j->a->kerning) {
        log_out("%zu kerning pairs", j->pack->kern_count);
    }
}

int glyphpack_font_run(const struct glyphpack_args *a)
{
    struct job j = {.a = a};
    j.ctx = glyph_ctx_create(NULL);
    if (j.ctx == NULL) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    enum glyph_log_level level = a->verbose >= 2   ? GLYPH_LOG_DEBUG
                                 : a->verbose == 1 ? GLYPH_LOG_INFO
                                                   : GLYPH_LOG_WARN;
    glyph_ctx_set_log(j.ctx, on_log, &j, level);
    int rc = name_outputs(&j);
    if (rc == 0) {
        rc = open_fonts(&j);
    }
    if (rc == 0) {
        rc = build_charset(&j);
    }
    if (rc == 0) {
        rc = render(&j);
    }
    if (rc == 0) {
        rc = coverage(&j);
    }
    if (rc == 0) {
        rc = pack(&j);
    }
    if (rc == 0) {
        rc = write_outputs(&j);
    }
    if (rc == 0) {
        summary(&j);
    }
    glyph_fontpack_destroy(j.pack);
    glyph_set_destroy(j.set);
    glyph_charset_destroy(j.cs);
    for (size_t i = 0; j.fonts != NULL && i < a->ninputs; i++) {
        glyph_font_destroy(j.fonts[i]);
    }
    free(j.fonts);
    free(j.out[0]);
    free(j.out[1]);
    glyph_ctx_destroy(j.ctx);
    return rc;
}
