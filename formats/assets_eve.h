// formats private: the ready EVE words of one asset in assets.h and
// assets.py (assets_eve.c), called by assets_emit.c per asset.
#ifndef FMT_ASSETS_EVE_H
#define FMT_ASSETS_EVE_H

#include "formats/link.h"
#include "formats/sink.h"

// `P` is the upper-case macro prefix and `N` the upper-case asset name;
// `chip` a FMT_EVE_* value, 0 for none (then nothing is written). Returns 0
// or fmt_eve_words' error.
int assets_eve_h(struct fmt_sink *s, const char *P, const char *N, const struct fmt_asset *a,
                 unsigned chip);
int assets_eve_py(struct fmt_sink *s, const char *N, const struct fmt_asset *a, unsigned chip);
// The chip line of the globals (nothing for chip 0).
void assets_eve_chip_h(struct fmt_sink *s, const char *P, unsigned chip);
void assets_eve_chip_py(struct fmt_sink *s, unsigned chip);

#endif
