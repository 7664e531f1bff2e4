// rasterd and glyphpack: the one table of process exit codes (sysexits.h
// values, spelled out so the meaning is in one place and matches
// docs/rasterd.1.scd and docs/glyphpack.1.scd), and the one mapping from
// the libraries' error codes to them.
#ifndef RASTERD_EXITCODES_H
#define RASTERD_EXITCODES_H

#define EXIT_USAGE     64 // bad command line, an option combination refused
#define EXIT_DATAERR   65 // bad input data: broken asset, bundle fails verification
#define EXIT_NOINPUT   66 // an input file is missing, unreadable or not a regular file
#define EXIT_SOFTWARE  70 // internal error (out of memory, unfinished feature)
#define EXIT_CANTCREAT 73 // cannot create an output file
#define EXIT_NOPERM    77 // secret key file permissions too open
#define EXIT_CONFIG    78 // bad manifest

// The exit code for a libglyph error (glyph/error.h) met while converting
// an input: the file missing or unreadable (66), out of memory or a call the
// program should not have made (70), an option combination libglyph does
// not support (64), anything else wrong with the input (65).
int exit_from_glyph(int err);

// The exit code for a formats error (formats/error.h): out of memory or a
// failed signature (70), the output sink (73), asset placement the manifest
// asked for (78), anything else wrong with the data (65).
int exit_from_fmt(int err);

#endif
