// rasterd: assets_load through the build cache (cache.h). The key covers
// the asset's kind and every manifest option that shapes its bytes, and the
// contents of its input files; the value is the converted fmt_asset
// (metadata + bytes, before linking).
#ifndef RASTERD_ASSET_CACHE_H
#define RASTERD_ASSET_CACHE_H

#include "assets.h"
#include "cache.h"

// Same contract as assets_load. `c` may be NULL (no caching). *hit is set
// to 1 when the bytes came from the cache.
int asset_cache_load(struct cache *c, struct glyph_ctx *ctx, const struct mf_asset *a,
                     const char *manifest, struct fmt_asset *out, int *hit, char *why,
                     size_t why_len) __attribute__((warn_unused_result));

#endif
