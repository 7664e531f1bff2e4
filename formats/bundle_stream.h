// The payload stream of a bundle (private to formats/): v1's linked image,
// or v2's segments (docs/bundle-format.md section 5.1).
#ifndef FMT_BUNDLE_STREAM_H
#define FMT_BUNDLE_STREAM_H

#include "formats/bundle.h"

// Builds the bytes the chunk records carry from the linked payload image
// `image` (link->payload_len bytes). `version` from fmt_bundle_version. On
// success *stream is malloc'd (caller frees), *len its size, *flags the
// header flags. Errors: FMT_ERR_NOMEM, FMT_ERR_ZLIB, FMT_ERR_INVALID_ARG
// (a stream over 4 GiB).
int fmt_bundle_stream(unsigned version, const struct fmt_bundle_params *params,
                      const struct fmt_asset *assets, size_t n, const struct fmt_link_result *link,
                      const uint8_t *image, uint8_t **stream, uint32_t *len, unsigned *flags);

#endif
