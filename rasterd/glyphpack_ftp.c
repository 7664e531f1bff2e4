// glyphpack font-to-py: font_to_py's arguments -> the characters it would
// select -> glyphs rendered and sized as it does (libglyph's ink height and
// GLYPH_CELL_INK cells) -> its module or binary file (formats/font_ftp.c),
// written atomically. font_to_py's checks are kept where they guard its
// file format; where it would crash, hang or write a broken file, a clear
// error is given instead (docs/font-to-py.md).
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fileio.h"
#include "formats/error.h"
#include "formats/font_ftp.h"
#include "ftp_args.h"
#include "ftp_charset.h"
#include "glyph/charset.h"
#include "glyph/error.h"
#include "glyph/font.h"
#include "glyph/fontpack.h"
#include "glyphpack.h"
#include "glyphpack_ftp.h"
#include "log.h"
#include "outset.h"

// Largest -k file (bytes): far more than every Unicode character once.
#define FTP_CHARSET_FILE_MAX (16u << 20)

struct ftp_job {
    struct ftp_args a;
    struct glyph_ctx *ctx;
    struct glyph_font *font;
    uint32_t *cset; // -c/-k after font_to_py's filtering; NULL for a range
    size_t ncset;
    struct glyph_charset *keys; // every character of the output
    struct glyph_set *set;
    struct glyph_fontpack *pack;
    char lib_error[512]; // libglyph's last error message
};

static int usage(const char *msg)
{
    ftp_args_usage_error("%s", msg);
    return EXIT_USAGE;
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    // Python's splitext: a leading dot of the base name starts no extension.
    return n > e && strcasecmp(path + n - e, ext) == 0 && path + n - e > base;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

// font_to_py's argument rules for binary files.
static int check_binary(const struct ftp_args *a)
{
    if (has_ext(a->outfile, ".py")) {
        return usage("-b: the binary file must not have a .py extension");
    }
    if (a->smallest != 32 || a->largest != 126 || a->errchar != '?' || a->charset[0] != '\0') {
        return usage("-b: binary font files hold code points 32..126 and no error character; "
                     "drop -s, -l, -e and -c");
    }
    if (a->charset_file[0] != '\0') {
        log_warn("-k is ignored with -b (as font_to_py ignores it)");
    }
    if (a->iterate) {
        log_warn("-i is ignored with -b (as font_to_py ignores it)");
    }
    return 0;
}

static int check_module(const struct ftp_args *a)
{
    if (!has_ext(a->outfile, ".py")) {
        return usage("OUTFILE must have a .py extension (or give -b for a binary file)");
    }
    if (a->smallest < 0) {
        return usage("-s must be >= 0");
    }
    if (a->largest > 255) {
        return usage("-l must be < 256");
    }
    if (a->errchar < 0 || a->errchar > 255) {
        return usage("-e must be between 0 and 255");
    }
    // `import NAME` needs an identifier (font_to_py only checks the first
    // character of the whole path, and refuses paths such as ./x.py).
    const char *b = base_name(a->outfile);
    size_t n = strlen(b) - 3;
    int ok = n > 0 && !(b[0] >= '0' && b[0] <= '9');
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        ok &=
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (!ok) {
        log_warn("%s: '%.*s' cannot be imported as a Python module name", a->outfile, (int)n, b);
    }
    return 0;
}

static int check_args(const struct ftp_args *a)
{
    if (a->xmap && a->ymap) {
        return usage("-x and -y: cannot be both horizontally and vertically mapped");
    }
    return a->binary ? check_binary(a) : check_module(a);
}

static void on_log(void *user, enum glyph_log_level level, const char *msg)
{
    struct ftp_job *j = user;
    if (level == GLYPH_LOG_ERROR) {
        snprintf(j->lib_error, sizeof(j->lib_error), "%s", msg);
    } else if (level == GLYPH_LOG_WARN) {
        // Missing code points are reported below, in font_to_py's terms.
        if (j->a.verbose > 0) {
            log_warn("%s", msg);
        }
    } else if (j->a.verbose > 0) {
        log_error("%s", msg);
    }
}

static int fail(struct ftp_job *j, const char *what, int err)
{
    if (j->lib_error[0] != '\0') {
        log_error("%s: %s (%s)", what, glyph_strerror(err), j->lib_error);
    } else {
        log_error("%s: %s", what, glyph_strerror(err));
    }
    return exit_from_glyph(err);
}

static int open_font(struct ftp_job *j)
{
    int err = glyph_font_open_file(j->ctx, j->a.infile, 0, &j->font);
    if (err < 0) {
        return fail(j, j->a.infile, err);
    }
    if (glyph_font_is_scalable(j->font)) {
        if (j->a.height < 1 || j->a.height > GLYPH_MAX_SIZE_PX) {
            log_error("HEIGHT %lld: give 1 to %u pixels for a scalable font",
                      (long long)j->a.height, GLYPH_MAX_SIZE_PX);
            return EXIT_USAGE;
        }
    } else if (j->a.height != 0) {
        log_warn("HEIGHT is ignored for bitmap fonts (give 0): the font's own size is used");
    }
    return 0;
}

// -c or -k text -> j->cset.
static int read_charset(struct ftp_job *j)
{
    const struct ftp_args *a = &j->a;
    uint8_t *text = (uint8_t *)a->charset;
    size_t len = strlen(a->charset);
    char why[512] = "";
    if (a->charset_file[0] != '\0') {
        int rc =
            file_read(a->charset_file, FTP_CHARSET_FILE_MAX, &text, &len, NULL, why, sizeof(why));
        if (rc != 0) {
            log_error("-k: %s", why);
            return rc;
        }
    }
    int r = ftp_charset_select(text, len, a->charset_file[0] == '\0', &j->cset, &j->ncset, why,
                               sizeof(why));
    if (text != (const uint8_t *)a->charset) {
        free(text);
    }
    if (r == -2) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    if (r < 0) {
        log_error("-k %s: %s", a->charset_file, why);
        return EXIT_DATAERR;
    }
    return 0;
}

// The output's characters, as font_to_py selects them: the default one
// first (always, drawn as .notdef when the font lacks it), then with a
// charset the characters the font has, else every code point of the range.
static int select_keys(struct ftp_job *j)
{
    const struct ftp_args *a = &j->a;
    j->keys = glyph_charset_create(j->ctx);
    if (j->keys == NULL) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    int64_t first = a->binary ? 32 : a->smallest, last = a->binary ? 126 : a->largest;
    int err = a->binary
                  ? 0
                  : glyph_charset_add_range(j->keys, (uint32_t)a->errchar, (uint32_t)a->errchar);
    size_t dropped = 0;
    if (j->ncset > 0) {
        if (a->smallest != 32 || a->largest != 126) {
            log_warn("-s and -l are ignored with a character set (as font_to_py does)");
        }
        uint32_t *have = malloc(j->ncset * sizeof(*have));
        size_t n = 0;
        for (size_t i = 0; have != NULL && i < j->ncset; i++) {
            if (glyph_font_has_codepoint(j->font, j->cset[i])) {
                have[n++] = j->cset[i];
            }
        }
        dropped = j->ncset - n;
        err = have == NULL ? GLYPH_ERR_NOMEM
              : err != 0   ? err
                           : glyph_charset_add_list(j->keys, have, n);
        free(have);
    } else if (first > last) {
        log_error("-s %lld is above -l %lld: no characters selected", (long long)first,
                  (long long)last);
        return EXIT_USAGE;
    } else if (err == 0) {
        err = glyph_charset_add_range(j->keys, (uint32_t)first, (uint32_t)last);
    }
    if (err < 0) {
        log_error("character selection: %s", glyph_strerror(err));
        return exit_from_glyph(err);
    }
    if (dropped > 0) {
        log_out("%zu of the %zu selected characters are not in %s and are left out", dropped,
                j->ncset, base_name(a->infile));
    }
    return 0;
}

static int render(struct ftp_job *j)
{
    int scalable = glyph_font_is_scalable(j->font);
    struct glyph_render_opts ro = {
        .ink_height_px = scalable ? (uint32_t)j->a.height : 1,
        .bpp = 1,
        .hinting = GLYPH_HINT_MONO,
        .missing_as_notdef = 1,
    };
    int err = glyph_set_render(j->ctx, &j->font, 1, j->keys, &ro, &j->set);
    if (err < 0) {
        return fail(j, j->a.infile, err);
    }
    size_t missing = glyph_set_missing_count(j->set);
    if (missing > 0) {
        log_out("%zu code point%s not in %s drawn as its .notdef glyph (as font_to_py does)",
                missing, missing == 1 ? "" : "s", base_name(j->a.infile));
    }
    struct glyph_fontpack_opts po = {
        .fmt = {1, GLYPH_LAYOUT_ROWS, GLYPH_BIT_MSB_FIRST, 1},
        .cell = GLYPH_CELL_INK,
        .fixed_pitch = j->a.fixed || j->a.binary,
        .ftp_faults = j->a.bug_compatible,
    };
    err = glyph_fontpack_create(j->ctx, j->set, &po, &j->pack);
    if (err < 0) {
        return fail(j, j->a.infile, err);
    }
    return 0;
}

static int emit(struct ftp_job *j, struct fmt_membuf *mb)
{
    const struct ftp_args *a = &j->a;
    struct fmt_ftp_mapping map = {.hmap = !a->ymap, .reverse = a->reverse};
    char why[512] = "";
    int err;
    if (a->binary) {
        err = fmt_ftp_emit_binary(j->pack, map, &mb->sink, why, sizeof(why));
    } else {
        struct fmt_ftp_module m = {
            .pack = j->pack,
            .default_cp = (uint32_t)a->errchar,
            .charset = j->cset,
            .charset_len = j->ncset,
            .first = (uint32_t)a->smallest,
            .last = (uint32_t)a->largest,
            .font_name = base_name(a->infile),
            .cmd = a->cmd,
            .map = map,
            .fixed = a->fixed,
            .iterate = a->iterate,
        };
        err = fmt_ftp_emit_module(&m, &mb->sink, why, sizeof(why));
    }
    if (err < 0) {
        log_error("%s: %s", a->outfile, why[0] != '\0' ? why : fmt_strerror(err));
        return exit_from_fmt(err);
    }
    return 0;
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static int write_output(struct ftp_job *j)
{
    const struct ftp_args *a = &j->a;
    if (same_file(a->outfile, a->infile) ||
        (a->charset_file[0] != '\0' && same_file(a->outfile, a->charset_file))) {
        log_error("%s: the output would overwrite an input", a->outfile);
        return EXIT_USAGE;
    }
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    struct outset set;
    outset_init(&set);
    int rc = emit(j, &mb);
    if (rc == 0 && (outset_add(&set, a->outfile, mb.data, mb.len) < 0 || outset_commit(&set) < 0)) {
        log_error("%s", set.why);
        rc = EXIT_CANTCREAT;
    }
    outset_finish(&set);
    if (rc == 0) {
        const struct glyph_fontpack *p = j->pack;
        log_out("wrote %s (%zu bytes): %zu glyph%s, height %u px (em %u px), baseline %d, max "
                "width %u px",
                a->outfile, mb.len, p->count, p->count == 1 ? "" : "s", p->cell_height,
                p->metrics.size_px, p->cell_baseline, p->ink_max_width);
    }
    fmt_membuf_finish(&mb);
    return rc;
}

static int run(struct ftp_job *j)
{
    int rc = check_args(&j->a);
    rc = rc != 0 ? rc : open_font(j);
    if (rc == 0 && !j->a.binary) {
        rc = read_charset(j);
    }
    rc = rc != 0 ? rc : select_keys(j);
    rc = rc != 0 ? rc : render(j);
    return rc != 0 ? rc : write_output(j);
}

void glyphpack_ftp_hint(int vertical, int quiet)
{
    if (quiet) {
        return;
    }
    log_info("hint: -f py cells span the font's line (not font_to_py's ink height); for "
             "font_to_py's own module, height and arguments run: glyphpack font-to-py FONT "
             "HEIGHT OUT.py (glyphpack(1))");
    if (vertical) {
        log_info("hint: font_to_py's Writer and CWriter refuse vertical modules (hmap() is "
                 "False); draw them with framebuf.MONO_VLSB blits");
    }
}

int glyphpack_ftp_main(int argc, char **argv)
{
    struct ftp_job j = {0};
    int r = ftp_args_parse(&j.a, argc, argv);
    if (r != 0) {
        ftp_args_finish(&j.a);
        return r > 0 ? 0 : EXIT_USAGE;
    }
    log_quiet = j.a.quiet;
    j.ctx = glyph_ctx_create(NULL);
    int rc = EXIT_SOFTWARE;
    if (j.ctx == NULL) {
        log_error("out of memory");
    } else {
        glyph_ctx_set_log(j.ctx, on_log, &j,
                          j.a.verbose > 1 ? GLYPH_LOG_DEBUG
                          : j.a.verbose   ? GLYPH_LOG_INFO
                                          : GLYPH_LOG_WARN);
        rc = run(&j);
    }
    glyph_fontpack_destroy(j.pack);
    glyph_set_destroy(j.set);
    glyph_charset_destroy(j.keys);
    glyph_font_destroy(j.font);
    glyph_ctx_destroy(j.ctx);
    free(j.cset);
    ftp_args_finish(&j.a);
    return rc;
}
