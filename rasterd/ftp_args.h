// glyphpack font-to-py: micropython-font-to-py's command line, read as
// font_to_py (Python's argparse) reads it, so that a build script can swap
// the program name and keep its arguments:
//   FONT HEIGHT OUTFILE, options anywhere; -x -y -r -f -b -i flags, which
//   cluster (-xr); -s -l -e (Python integers) and -c -k (strings), their
//   value attached (-c0123, -c=0123), after '=' (--charset=0123) or as the
//   next argument (unless that looks like an option: "-c -x" is an error, a
//   negative number is a value); long names may be abbreviated to any unique
//   prefix of font_to_py's own long names (--char is ambiguous, --charset_
//   is --charset_file); "--" ends the options; a repeated option's last
//   value counts.
// glyphpack's own options (--quiet, --verbose, --bug-compatible, --help) are
// spelled in full and left out of the "# Cmd:" comment.
#ifndef RASTERD_FTP_ARGS_H
#define RASTERD_FTP_ARGS_H

#include <stdint.h>

struct ftp_args {
    const char *infile;
    int64_t height;
    const char *outfile;
    int xmap, ymap, reverse, fixed, binary, iterate;
    int64_t smallest;         // -s, default 32
    int64_t largest;          // -l, default 126
    int64_t errchar;          // -e, default 63 ('?')
    const char *charset;      // -c, default ""
    const char *charset_file; // -k, default ""
    int bug_compatible;       // --bug-compatible
    int quiet;                // --quiet
    int verbose;              // --verbose (count)
    // "# Cmd:" text: "font_to_py.py" and the arguments as given, glyphpack's
    // own options left out (font_to_py writes its sys.argv). Owned; freed by
    // ftp_args_finish.
    char *cmd;
};

// Parses argv[1..argc) (argv[0] is the subcommand's name). Returns 0, 1 when
// --help was printed (exit 0), or -1 after printing a usage error to stderr.
int ftp_args_parse(struct ftp_args *a, int argc, char **argv) __attribute__((warn_unused_result));

void ftp_args_finish(struct ftp_args *a);

// Prints "glyphpack: font-to-py: " + the message and a pointer to --help to
// stderr; returns -1.
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int ftp_args_usage_error(const char *fmt, ...);

// Python's int() of an argument: ASCII blanks around, an optional sign,
// decimal digits with single underscores between them. Returns 0, or -1 when
// it is not such a number or does not fit int64_t.
int ftp_args_int(const char *s, int64_t *out) __attribute__((warn_unused_result));

#endif
