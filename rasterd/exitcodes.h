// rasterd: process exit codes (sysexits.h values, spelled out so the meaning
// is in one place and matches docs/rasterd.1.scd).
#ifndef RASTERD_EXITCODES_H
#define RASTERD_EXITCODES_H

#define EXIT_USAGE     64 // bad command line
#define EXIT_DATAERR   65 // bad input data: broken asset, bundle fails verification
#define EXIT_NOINPUT   66 // an input file is missing or unreadable
#define EXIT_SOFTWARE  70 // internal error (out of memory, unfinished feature)
#define EXIT_CANTCREAT 73 // cannot create an output file
#define EXIT_NOPERM    77 // secret key file permissions too open
#define EXIT_CONFIG    78 // bad manifest

#endif
