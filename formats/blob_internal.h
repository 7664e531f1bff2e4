// Shared by the blob emitters (private to formats/).
#ifndef FMT_BLOB_INTERNAL_H
#define FMT_BLOB_INTERNAL_H

#include "formats/blob.h"

#define BLOB_SYMBOL_MAX 64

// Checks symbol, align and section; returns 0 or FMT_ERR_INVALID_ARG.
int blob_check_options(const struct fmt_blob_options *opt);
// Upper-case form of opt->symbol into `up` (BLOB_SYMBOL_MAX + 1 bytes).
void blob_upper(char *up, const char *symbol);
// Writes the banner as C (// lines) or Python (# lines) comments.
void blob_banner(struct fmt_sink *s, int python, const struct fmt_blob_options *opt, size_t len);

#endif
