// glyphpack font-to-py's command line: font_to_py's grammar (argparse's
// rules for its options), written from argparse's documented behaviour.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_args.h"
#include "glyphpack.h"

static const char help_text[] =
    "usage: glyphpack font-to-py FONT HEIGHT OUTFILE [options]\n"
    "Writes micropython-font-to-py's Python font module (or with -b its binary\n"
    "font file) from a TTF, OTF, BDF or PCF font: the same arguments, the same\n"
    "file, byte for byte, except the deviations listed in docs/font-to-py.md.\n"
    "\n"
    "  FONT                  font file (anything FreeType opens)\n"
    "  HEIGHT                font_to_py's height: the ink of the selection (tallest\n"
    "                        ascent plus deepest descent), searched for as font_to_py\n"
    "                        does; ignored (use 0) for bitmap fonts (BDF, PCF)\n"
    "  OUTFILE               NAME.py (a module), or with -b any name but .py\n"
    "font_to_py's options:\n"
    "  -x, --xmap            rows, as framebuf MONO_HLSB (the default)\n"
    "  -y, --ymap            columns, LSB at the top (Writer refuses it)\n"
    "  -r, --reverse         reverse the bits in each byte (MONO_HMSB for rows)\n"
    "  -f, --fixed           every glyph as wide as the widest (max_width())\n"
    "  -s, --smallest N      first code point, default 32\n"
    "  -l, --largest N       last code point, default 126 (at most 255)\n"
    "  -e, --errchar N       default character for missing ones, default 63 ('?')\n"
    "  -c, --charset CHARS   the characters themselves (-c 0123456789:); -s/-l\n"
    "                        are then ignored; characters the font lacks are left out\n"
    "  -k, --charset_file F  the characters of a UTF-8 text file (instead of -c)\n"
    "  -i, --iterate         add glyphs(), a generator over every character\n"
    "  -b, --binary          binary font file: code points 32..126, fixed width\n"
    "glyphpack's options:\n"
    "      --bug-compatible  reproduce font_to_py's two placement faults as well\n"
    "                        (glyphs wholly below the baseline, such as '_', drawn\n"
    "                        at the baseline; with -f, ink past the cell spilling\n"
    "                        into the next row) for files identical to its own\n"
    "      --quiet           only errors and warnings\n"
    "      --verbose         more messages\n"
    "  -h, --help            this help\n"
    "Options may come anywhere; long names may be shortened to a unique prefix.\n"
    "Exit status: 0 ok, 64 usage, 65 bad input data, 66 missing input,\n"
    "70 internal error, 73 cannot create output. See glyphpack(1).\n";

enum kind { FLAG, INT, STR };

struct opt {
    char short_name; // 0: none
    const char *long_name;
    enum kind kind;
    int ours; // glyphpack's: exact long name only, not in "# Cmd:"
};

enum {
    O_XMAP,
    O_YMAP,
    O_REVERSE,
    O_FIXED,
    O_BINARY,
    O_ITERATE,
    O_SMALLEST,
    O_LARGEST,
    O_ERRCHAR,
    O_CHARSET,
    O_CHARSET_FILE,
    O_HELP,
    O_BUG,
    O_QUIET,
    O_VERBOSE,
    O_COUNT
};

static const struct opt opts[O_COUNT] = {
    [O_XMAP] = {'x', "xmap", FLAG, 0},
    [O_YMAP] = {'y', "ymap", FLAG, 0},
    [O_REVERSE] = {'r', "reverse", FLAG, 0},
    [O_FIXED] = {'f', "fixed", FLAG, 0},
    [O_BINARY] = {'b', "binary", FLAG, 0},
    [O_ITERATE] = {'i', "iterate", FLAG, 0},
    [O_SMALLEST] = {'s', "smallest", INT, 0},
    [O_LARGEST] = {'l', "largest", INT, 0},
    [O_ERRCHAR] = {'e', "errchar", INT, 0},
    [O_CHARSET] = {'c', "charset", STR, 0},
    [O_CHARSET_FILE] = {'k', "charset_file", STR, 0},
    [O_HELP] = {'h', "help", FLAG, 0},
    [O_BUG] = {0, "bug-compatible", FLAG, 1},
    [O_QUIET] = {0, "quiet", FLAG, 1},
    [O_VERBOSE] = {0, "verbose", FLAG, 1},
};

int ftp_args_usage_error(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    glyphpack_error("font-to-py: %s", msg);
    fputs("Try 'glyphpack font-to-py --help'.\n", stderr);
    return -1;
}

int ftp_args_int(const char *s, int64_t *out)
{
    while (*s == ' ' || (*s >= '\t' && *s <= '\r')) {
        s++;
    }
    int neg = *s == '-';
    s += *s == '-' || *s == '+';
    uint64_t v = 0;
    int digits = 0;
    for (; (*s >= '0' && *s <= '9') || (*s == '_' && digits && s[1] >= '0' && s[1] <= '9'); s++) {
        if (*s == '_') {
            continue;
        }
        if (v > (UINT64_C(1) << 63) / 10) {
            return -1;
        }
        v = v * 10 + (uint64_t)(*s - '0');
        digits++;
    }
    while (*s == ' ' || (*s >= '\t' && *s <= '\r')) {
        s++;
    }
    if (!digits || *s != '\0' || v > (uint64_t)INT64_MAX + (uint64_t)neg) {
        return -1;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

// argparse's test for a value that looks like a negative number.
static int negative_number(const char *s)
{
    if (s[0] != '-') {
        return 0;
    }
    s++;
    size_t n = strspn(s, "0123456789");
    if (s[n] == '\0') {
        return n > 0;
    }
    return s[n] == '.' && s[n + 1] != '\0' && s[n + 1 + strspn(s + n + 1, "0123456789")] == '\0';
}

static int find_short(char c)
{
    for (int i = 0; i < O_COUNT; i++) {
        if (c != 0 && opts[i].short_name == c) {
            return i;
        }
    }
    return -1;
}

// The option a "--name" argument names (`len` characters): an exact long
// name, else the one of font_to_py's long names it is a prefix of. Returns
// the index, -1 for none, -2 when ambiguous.
static int find_long(const char *name, size_t len)
{
    int found = -1;
    for (int i = 0; i < O_COUNT; i++) {
        if (strlen(opts[i].long_name) == len && strncmp(opts[i].long_name, name, len) == 0) {
            return i;
        }
    }
    for (int i = 0; i < O_COUNT; i++) {
        if (!opts[i].ours && strncmp(opts[i].long_name, name, len) == 0) {
            if (found >= 0) {
                return -2;
            }
            found = i;
        }
    }
    return found;
}

// Whether argparse takes `s` for an option rather than a value.
static int looks_like_option(const char *s)
{
    if (s[0] != '-' || s[1] == '\0') {
        return 0;
    }
    if (s[1] == '-') {
        return 1;
    }
    if (find_short(s[1]) >= 0) {
        return 1;
    }
    return !negative_number(s) && strchr(s, ' ') == NULL;
}

struct parser {
    struct ftp_args *a;
    int argc;
    char **argv;
    int i; // index of the argument being read
    const char *pos[3];
    int npos;
};

static const char *opt_name(int o, char *buf, size_t len)
{
    if (opts[o].short_name != 0) {
        snprintf(buf, len, "-%c/--%s", opts[o].short_name, opts[o].long_name);
    } else {
        snprintf(buf, len, "--%s", opts[o].long_name);
    }
    return buf;
}

static int set_int(int64_t *dst, int o, const char *v)
{
    char name[40];
    if (ftp_args_int(v, dst) < 0) {
        return ftp_args_usage_error("argument %s: invalid int value: '%s'",
                                    opt_name(o, name, sizeof(name)), v);
    }
    return 0;
}

// Applies option `o`; `value` is its argument (NULL for flags).
static int apply(struct parser *p, int o, const char *value)
{
    struct ftp_args *a = p->a;
    switch (o) {
    case O_XMAP:
        return a->xmap = 1, 0;
    case O_YMAP:
        return a->ymap = 1, 0;
    case O_REVERSE:
        return a->reverse = 1, 0;
    case O_FIXED:
        return a->fixed = 1, 0;
    case O_BINARY:
        return a->binary = 1, 0;
    case O_ITERATE:
        return a->iterate = 1, 0;
    case O_SMALLEST:
        return set_int(&a->smallest, o, value);
    case O_LARGEST:
        return set_int(&a->largest, o, value);
    case O_ERRCHAR:
        return set_int(&a->errchar, o, value);
    case O_CHARSET:
        return a->charset = value, 0;
    case O_CHARSET_FILE:
        return a->charset_file = value, 0;
    case O_BUG:
        return a->bug_compatible = 1, 0;
    case O_QUIET:
        return a->quiet = 1, 0;
    case O_VERBOSE:
        return a->verbose++, 0;
    case O_HELP:
    default:
        fputs(help_text, stdout);
        return 1;
    }
}

// Option `o` with its value: `attached` (text after the option in the same
// argument, or NULL), else the next argument.
static int take(struct parser *p, int o, const char *attached)
{
    char name[40];
    if (opts[o].kind == FLAG) {
        if (attached != NULL) {
            return ftp_args_usage_error("argument %s: ignored explicit argument '%s'",
                                        opt_name(o, name, sizeof(name)), attached);
        }
        return apply(p, o, NULL);
    }
    if (attached == NULL) {
        if (p->i + 1 >= p->argc || looks_like_option(p->argv[p->i + 1]) ||
            strcmp(p->argv[p->i + 1], "--") == 0) {
            return ftp_args_usage_error("argument %s: expected one argument",
                                        opt_name(o, name, sizeof(name)));
        }
        attached = p->argv[++p->i];
    }
    return apply(p, o, attached);
}

static int long_option(struct parser *p, const char *arg)
{
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
    int o = find_long(name, len);
    if (o == -2) {
        return ftp_args_usage_error("ambiguous option: %s (give more of its name)", arg);
    }
    if (o < 0) {
        return ftp_args_usage_error("unrecognized argument: %s", arg);
    }
    return take(p, o, eq != NULL ? eq + 1 : NULL);
}

// "-xrc0123": flags, then at most one option with a value, which takes the
// rest ("-c=0123" is "0123" when -c comes first, as in argparse).
static int short_options(struct parser *p, const char *arg)
{
    for (const char *c = arg + 1; *c != '\0'; c++) {
        int o = find_short(*c);
        if (o < 0) {
            return ftp_args_usage_error("unrecognized argument: %s", arg);
        }
        if (opts[o].kind == FLAG) {
            int r = apply(p, o, NULL);
            if (r != 0) {
                return r;
            }
            continue;
        }
        const char *rest = c + 1;
        if (c == arg + 1 && *rest == '=') {
            rest++;
        }
        return take(p, o, *rest != '\0' ? rest : NULL);
    }
    return 0;
}

// The "# Cmd:" text: font_to_py's program name and every argument but ours.
static int build_cmd(struct ftp_args *a, int argc, char **argv)
{
    size_t len = sizeof("font_to_py.py");
    for (int i = 1; i < argc; i++) {
        len += strlen(argv[i]) + 1;
    }
    a->cmd = malloc(len);
    if (a->cmd == NULL) {
        fputs("glyphpack font-to-py: out of memory\n", stderr);
        return -1;
    }
    strcpy(a->cmd, "font_to_py.py");
    int only_positional = 0;
    for (int i = 1; i < argc; i++) {
        if (!only_positional && strncmp(argv[i], "--", 2) == 0 && argv[i][2] != '\0') {
            int o = find_long(argv[i] + 2, strlen(argv[i] + 2));
            if (o >= 0 && opts[o].ours) {
                continue;
            }
        }
        only_positional |= strcmp(argv[i], "--") == 0;
        strcat(a->cmd, " ");
        strcat(a->cmd, argv[i]);
    }
    return 0;
}

static int positionals(struct parser *p)
{
    static const char *const names[3] = {"infile", "height", "outfile"};
    if (p->npos < 3) {
        char list[40] = "";
        for (int k = p->npos; k < 3; k++) {
            strcat(list, k > p->npos ? ", " : "");
            strcat(list, names[k]);
        }
        return ftp_args_usage_error("the following arguments are required: %s", list);
    }
    p->a->infile = p->pos[0];
    p->a->outfile = p->pos[2];
    if (ftp_args_int(p->pos[1], &p->a->height) < 0) {
        return ftp_args_usage_error("argument height: invalid int value: '%s'", p->pos[1]);
    }
    return 0;
}

int ftp_args_parse(struct ftp_args *a, int argc, char **argv)
{
    *a = (struct ftp_args){
        .smallest = 32, .largest = 126, .errchar = 63, .charset = "", .charset_file = ""};
    struct parser p = {.a = a, .argc = argc, .argv = argv};
    int only_positional = 0;
    for (p.i = 1; p.i < argc; p.i++) {
        const char *arg = argv[p.i];
        int r = 0;
        if (!only_positional && strcmp(arg, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (!only_positional && looks_like_option(arg)) {
            r = arg[1] == '-' ? long_option(&p, arg) : short_options(&p, arg);
        } else if (p.npos < 3) {
            p.pos[p.npos++] = arg;
        } else {
            r = ftp_args_usage_error("unrecognized argument: %s", arg);
        }
        if (r != 0) {
            return r;
        }
    }
    if (positionals(&p) < 0) {
        return -1;
    }
    return build_cmd(a, argc, argv);
}

void ftp_args_finish(struct ftp_args *a)
{
    free(a->cmd);
    a->cmd = NULL;
}
