// Private to the loader: the signed-region stream shared by fwl_load() and
// fwl_asset_find(), and the header/directory parser.
#ifndef FWL_LOADER_PRIV_H
#define FWL_LOADER_PRIV_H

#include <stdint.h>

#include "wire/blake2s.h"
#include "fwl/loader.h"

// Hashes fed while the signed region streams. Lives on the stack of the
// streaming function only (the Ed25519 state is in struct fwl_ctx).
struct fwl_stream {
    struct bundle_blake2s_ctx b2; // signed-region digest (read sources)
    int use_ed;                   // feed fwl_ctx.ed
    int use_b2;                   // feed b2
};

// Returns a pointer to [off, off + len) of the source (len <= 96), moving
// the read window forward and absorbing evicted bytes; NULL and *err set on
// a read error.
const uint8_t *fwl_stream_fetch(struct fwl_ctx *c, struct fwl_stream *s, uint32_t off, uint32_t len,
                                uint32_t end, int *err);
// Absorbs every byte below `end` not yet absorbed.
int fwl_stream_drain(struct fwl_ctx *c, struct fwl_stream *s, uint32_t end);

// Decodes the header into `c`. Returns FWL_OK when the directory layout is
// usable (entries may be walked), else FWL_ERR_BAD_HEADER. Other field
// errors are recorded in c->parse_err.
int fwl_parse_header(struct fwl_ctx *c, const uint8_t *hdr);
// Checks directory entry k (its first 64 bytes), recording the first
// problem in c->dir_err.
void fwl_parse_entry(struct fwl_ctx *c, const uint8_t *e, uint32_t k);

// Format v2: applies `n` verified stream bytes (one chunk's payload) as
// segments; fwl_segments_end checks the stream ended on a segment boundary.
int fwl_segments_apply(struct fwl_ctx *c, const uint8_t *p, uint32_t n);
int fwl_segments_end(const struct fwl_ctx *c);
// Format v2: decodes stored_len (at BUNDLE_OFF_STORED_LEN, 4 bytes at `p`)
// and checks the chunk count against it.
void fwl_parse_stored(struct fwl_ctx *c, const uint8_t *p);

#endif
