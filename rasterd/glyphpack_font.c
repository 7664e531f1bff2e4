// glyphpack's font path: fonts -> glyph set -> fontpack -> emitter (+
// preview) -> one atomic output set. Any error leaves the previous outputs
// untouched and no temporary file behind.
#define _POSIX_C_SOURCE 200809L

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
#include "glyphpack.h"
#include "outset.h"

#define CHARS_FILE_MAX (16u << 20)

struct job {
    const struct glyphpack_args *a;
    struct glyph_ctx *ctx;
    struct glyph_font **fonts;
    struct glyph_charset *cs;
    struct glyph_set *set;
    struct glyph_fontpack *pack;
    char lib_error[512];    // last error libglyph logged: detail for our message
    char out[2][4096 + 16]; // output paths (c: .c and .h), stem + extension
    size_t nout;
    char symbol[FMT_FONT_SYMBOL_MAX + 1];
};

static void on_log(void *user, enum glyph_log_level level, const char *msg)
{
    struct job *j = user;
    if (level == GLYPH_LOG_ERROR) {
        snprintf(j->lib_error, sizeof(j->lib_error), "%s", msg);
        if (j->a->verbose > 0) {
            glyphpack_error("%s", msg);
        }
    } else if (level == GLYPH_LOG_WARN) {
        glyphpack_error("warning: %s", msg);
    } else {
        glyphpack_error("%s", msg);
    }
}

int glyphpack_exit_code(int err)
{
    switch (err) {
    case GLYPH_ERR_NOT_FOUND:
    case GLYPH_ERR_IS_DIR:
    case GLYPH_ERR_IO:
        return EXIT_NOINPUT;
    case GLYPH_ERR_NOMEM:
    case GLYPH_ERR_INVALID_ARG:
    case GLYPH_ERR_PNG_WRITE:
        return EXIT_SOFTWARE;
    case GLYPH_ERR_UNSUPPORTED:
        return EXIT_USAGE;
    default:
        return EXIT_DATAERR;
    }
}

// Reports a libglyph failure about `what` (a file or an option) and returns
// the exit code.
static int fail(struct job *j, const char *what, int err)
{
    if (j->lib_error[0] != '\0' && j->a->verbose == 0) {
        glyphpack_error("%s: %s (%s)", what, glyph_strerror(err), j->lib_error);
    } else {
        glyphpack_error("%s: %s", what, glyph_strerror(err));
    }
    return glyphpack_exit_code(err);
}

static int open_fonts(struct job *j)
{
    j->fonts = calloc(j->a->ninputs, sizeof(*j->fonts));
    if (j->fonts == NULL) {
        glyphpack_error("out of memory");
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
    // Regular files only, opened without blocking: a FIFO must not hang us.
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    int e = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (e == 0 && !S_ISREG(st.st_mode)) {
        glyphpack_error("%s: not a regular file", path);
        close(fd);
        return EXIT_NOINPUT;
    }
    FILE *f = e == 0 ? fdopen(fd, "rb") : NULL;
    if (f == NULL) {
        glyphpack_error("%s: %s", path, strerror(e != 0 ? e : errno));
        if (fd >= 0) {
            close(fd);
        }
        return EXIT_NOINPUT;
    }
    uint8_t *buf = malloc(CHARS_FILE_MAX + 1);
    size_t n = buf != NULL ? fread(buf, 1, CHARS_FILE_MAX + 1, f) : 0;
    int rc = 0;
    char why[256] = "";
    if (buf == NULL) {
        glyphpack_error("out of memory");
        rc = EXIT_SOFTWARE;
    } else if (ferror(f)) {
        glyphpack_error("%s: read error", path);
        rc = EXIT_NOINPUT;
    } else if (n > CHARS_FILE_MAX) {
        glyphpack_error("%s: larger than %u bytes", path, CHARS_FILE_MAX);
        rc = EXIT_DATAERR;
    } else if (glyph_charset_add_utf8(j->cs, buf, n, why, sizeof(why)) < 0) {
        glyphpack_error("%s: %s", path, why[0] != '\0' ? why : "not UTF-8 text");
        rc = EXIT_DATAERR;
    }
    free(buf);
    fclose(f);
    return rc;
}

static int build_charset(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    j->cs = glyph_charset_create(j->ctx);
    if (j->cs == NULL) {
        glyphpack_error("out of memory");
        return EXIT_SOFTWARE;
    }
    char why[256] = "";
    const char *spec = a->charset;
    if (spec == NULL && a->chars_file == NULL) {
        spec = "0x20-0x7E";
    }
    if (spec != NULL && glyph_charset_parse(j->cs, spec, why, sizeof(why)) < 0) {
        glyphpack_error("-c '%s': %s", spec, why[0] != '\0' ? why : "bad character set");
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
            glyphpack_error("%s: selects no characters", a->chars_file);
            return EXIT_DATAERR;
        }
        glyphpack_error("-c '%s': selects no code points", spec);
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
            glyphpack_error("out of memory");
            return EXIT_SOFTWARE;
        }
        for (size_t f = 0; f < a->ninputs; f++) {
            size_t k = font_ranges(j->set, f, list, len);
            glyphpack_info(a, "coverage: %s: %zu code point%s%s%s", base_name(a->inputs[f]), k,
                           k == 1 ? "" : "s", k ? ": " : "", list);
        }
        free(list);
    }
    if (missing > 0) {
        if (a->strict) {
            glyphpack_error("%zu requested code point%s in no font (--strict); nothing written",
                            missing, missing == 1 ? "" : "s");
            return EXIT_DATAERR;
        }
        glyphpack_error("warning: %zu of %zu requested code points missing", missing, missing + n);
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
            glyphpack_error("%s: output would overwrite the input %s", out, a->inputs[i]);
            return EXIT_USAGE;
        }
    }
    if (a->chars_file != NULL && same_file(out, a->chars_file)) {
        glyphpack_error("%s: output would overwrite the input %s", out, a->chars_file);
        return EXIT_USAGE;
    }
    return 0;
}

// `import NAME` needs an identifier: warn about "font-16.py" early.
static void warn_module_name(const char *path)
{
    char mod[4096 + 16];
    snprintf(mod, sizeof(mod), "%s", base_name(path));
    size_t n = strlen(mod);
    if (n > 3 && strcmp(mod + n - 3, ".py") == 0) {
        mod[n - 3] = '\0';
    }
    if (!fmt_font_symbol_valid(mod)) {
        glyphpack_error("warning: %s: '%s' cannot be imported as a Python module name", path, mod);
    }
}

// Fills j->out and j->symbol from -o / the default name.
static int name_outputs(struct job *j)
{
    const struct glyphpack_args *a = j->a;
    char stem[4096];
    int from_default = a->out == NULL;
    if (from_default) {
        const char *b = base_name(a->inputs[0]);
        const char *dot = strrchr(b, '.');
        int len = dot != NULL && dot != b ? (int)(dot - b) : (int)strlen(b);
        snprintf(stem, sizeof(stem), "%.*s_%s%u", len, b, a->size_px ? "" : "lh",
                 a->size_px ? a->size_px : a->line_height);
    } else if (snprintf(stem, sizeof(stem), "%s", a->out) >= (int)sizeof(stem)) {
        glyphpack_error("-o: path too long");
        return EXIT_USAGE;
    }
    size_t len = strlen(stem);
    if (a->format == PACKOPTS_FORMAT_C) {
        if (len > 2 && (strcmp(stem + len - 2, ".c") == 0 || strcmp(stem + len - 2, ".h") == 0)) {
            stem[len - 2] = '\0';
        }
        snprintf(j->out[0], sizeof(j->out[0]), "%s.c", stem);
        snprintf(j->out[1], sizeof(j->out[1]), "%s.h", stem);
        j->nout = 2;
    } else if (a->format == PACKOPTS_FORMAT_LVGL) {
        if (len > 2 && strcmp(stem + len - 2, ".c") == 0) {
            stem[len - 2] = '\0';
        }
        snprintf(j->out[0], sizeof(j->out[0]), "%s.c", stem);
        j->nout = 1;
    } else {
        snprintf(j->out[0], sizeof(j->out[0]), "%s%s", stem,
                 from_default ? packopts_format_ext(a->format) : "");
        j->nout = 1;
    }
    if (a->name != NULL) {
        if (!fmt_font_symbol_valid(a->name)) {
            glyphpack_error("--name '%s': not a C identifier of at most %d characters", a->name,
                            FMT_FONT_SYMBOL_MAX);
            return EXIT_USAGE;
        }
        snprintf(j->symbol, sizeof(j->symbol), "%s", a->name);
    } else {
        fmt_font_symbol_from(base_name(stem), j->symbol, sizeof(j->symbol));
    }
    for (size_t i = 0; i < j->nout; i++) {
        if (a->preview != NULL && strcmp(a->preview, j->out[i]) == 0) {
            glyphpack_error("--preview: '%s' is also the output file", a->preview);
            return EXIT_USAGE;
        }
        int rc = check_not_input(a, j->out[i]);
        if (rc != 0) {
            return rc;
        }
    }
    if (a->format == PACKOPTS_FORMAT_PY) {
        warn_module_name(j->out[0]);
    }
    return a->preview != NULL ? check_not_input(a, a->preview) : 0;
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
        glyphpack_error("%s: %s", j->out[0], why);
        return err == FMT_ERR_RANGE || err == FMT_ERR_INVALID_ARG ? EXIT_DATAERR : EXIT_SOFTWARE;
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
        glyphpack_error("%s", set.why);
    }
    outset_finish(&set);
    for (size_t i = 0; rc == 0 && i < j->nout; i++) {
        glyphpack_info(j->a, "wrote %s (%zu bytes)", j->out[i], mb[i].len);
    }
    if (rc == 0 && png != NULL) {
        glyphpack_info(j->a, "preview %s", j->a->preview);
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
        glyphpack_info(j->a, "%zu glyphs, %u px em, %u bpp", glyph_set_count(j->set),
                       (unsigned)m->size_px, m->bpp);
        return;
    }
    glyphpack_info(j->a,
                   "%zu glyphs (%zu distinct bitmaps, %zu bytes), %u px em, line height %d px, "
                   "%u bpp",
                   j->pack->count, j->pack->unique_bitmaps, j->pack->data_len, (unsigned)m->size_px,
                   (int)m->line_height, m->bpp);
    if (j->a->kerning) {
        glyphpack_info(j->a, "%zu kerning pairs", j->pack->kern_count);
    }
}

int glyphpack_font_run(const struct glyphpack_args *a)
{
    struct job j = {.a = a};
    j.ctx = glyph_ctx_create(NULL);
    if (j.ctx == NULL) {
        glyphpack_error("out of memory");
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
    glyph_ctx_destroy(j.ctx);
    return rc;
}
