// formats private: the EVE text maps of assets.h and assets.py
// (assets_eve_text.c), called by assets_emit.c. Legacy fonts whose
// characters sit in slots get their map and an encoder; nothing is written
// when no asset has a map.
#ifndef FMT_ASSETS_EVE_TEXT_H
#define FMT_ASSETS_EVE_TEXT_H

#include <stddef.h>

#include "formats/link.h"
#include "formats/sink.h"

// C: per font PREFIX_<NAME>_TEXTMAP_COUNT, PREFIX_<NAME>_FALLBACK_SLOT and
// static inline size_t prefix_<name>_text(out, out_size, text, len,
// unmapped), which calls fwl_eve_text_encode (fwl/eve_text.h). `P` is the
// upper-case prefix, `p` the prefix as given.
void fmt_emit_eve_text_h(struct fmt_sink *s, const char *P, const char *p,
                         const struct fmt_asset *assets, size_t n);

// Python: per font <NAME>_TEXTMAP (bytes) and <NAME>_FALLBACK_SLOT, and one
// eve_text(s, textmap, fallback) -> (bytes, unmapped).
void fmt_emit_eve_text_py(struct fmt_sink *s, const struct fmt_asset *assets, size_t n);

#endif
