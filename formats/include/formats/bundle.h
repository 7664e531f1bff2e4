// formats: writing and reading rasterd bundles (docs/bundle-format.md).
//
// The writer never sees a secret key: it hands the signed region to a
// signing callback that the program (rasterd) provides.
#ifndef FMT_BUNDLE_H
#define FMT_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "wire/bundle_wire.h"
#include "formats/export.h"
#include "formats/link.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

// Signs `len` bytes at `msg` into `sig` (pure Ed25519). Returns 0, or a
// negative value on failure (the writer then returns FMT_ERR_SIGN).
typedef int (*fmt_sign_fn)(void *ctx, uint8_t sig[BUNDLE_SIG_SIZE], const uint8_t *msg, size_t len);

struct fmt_bundle_params {
    uint32_t target_id;        // see fmt_bundle_target_id
    uint32_t space_base;       // target address space
    uint32_t space_size;       // bytes
    uint32_t security_version; // anti-rollback counter
    uint32_t chunk_size;       // power of two, BUNDLE_CHUNK_MIN..BUNDLE_CHUNK_MAX
    uint8_t key_id[BUNDLE_KEY_ID_SIZE];
    fmt_sign_fn sign; // required
    void *sign_ctx;
    // Store the whole payload as one zlib segment (format v2). Assets can
    // also ask for it one by one (fmt_asset.encoding). Default 0.
    int compress_all;
};

// Writes a complete bundle for `n` linked assets (fmt_link output: sorted by
// address, non-overlapping, inside the space) to `out`: format v1, or v2
// when something is to be compressed (fmt_bundle_version): runs of plain
// assets become plain segments, each zlib asset (or, with compress_all, the
// whole payload) one zlib segment (zlib level 9; kept plain when that is
// not smaller). Errors: FMT_ERR_ZLIB,
// FMT_ERR_INVALID_ARG (bad chunk size, no assets, too many assets, an asset
// outside the space or link result), FMT_ERR_SIGN, FMT_ERR_NOMEM, or the
// sink's error. Deterministic: same inputs and key, same bytes.
FMT_EXPORT int fmt_bundle_write(struct fmt_sink *out, const struct fmt_bundle_params *params,
                                const struct fmt_asset *assets, size_t n,
                                const struct fmt_link_result *link)
    __attribute__((warn_unused_result));

// The format version fmt_bundle_write uses: BUNDLE_VERSION_2 when anything
// is to be stored compressed, else BUNDLE_VERSION_1 (readable by every
// loader).
FMT_EXPORT unsigned fmt_bundle_version(const struct fmt_bundle_params *params,
                                       const struct fmt_asset *assets, size_t n);

// Key id: the first 8 bytes of BLAKE2s-256 of the 32-byte public key.
FMT_EXPORT void fmt_bundle_key_id(uint8_t out[BUNDLE_KEY_ID_SIZE], const uint8_t public_key[32]);

// Default target id for a target name: the first 4 bytes of
// BLAKE2s-256(name) as a little-endian u32.
FMT_EXPORT uint32_t fmt_bundle_target_id(const char *name);

// Total size of a bundle with these parameters (for overhead reports).
FMT_EXPORT uint64_t fmt_bundle_size(size_t n_assets, uint32_t payload_len, uint32_t chunk_size);

// ---- Reading -----------------------------------------------------------

struct fmt_bundle_info {
    uint16_t version, flags;
    uint32_t signed_len, hdr_size, target_id, space_base, space_size, security_version;
    uint8_t key_id[BUNDLE_KEY_ID_SIZE];
    uint32_t chunk_size, chunk_count, payload_addr, payload_len, asset_count, entry_size;
    uint8_t first_digest[BUNDLE_DIGEST_SIZE];
    uint32_t stored_len; // bytes the chunk records carry (v1: payload_len)
    size_t records_off;  // offset of chunk record 0
    size_t total_len;    // exact file size the header implies
};

struct fmt_bundle_entry {
    char name[BUNDLE_NAME_SIZE];
    unsigned kind, format, flags;
    uint32_t addr, size, width, height, stride, aux0, aux1, aux2;
};

// Checks only the fixed framing (magic, version, flags, signed_len fits the
// buffer with the signature after it) and returns signed_len through
// *signed_len: enough to verify the signature before trusting anything else.
FMT_EXPORT int fmt_bundle_frame(const uint8_t *buf, size_t len, uint32_t *signed_len)
    __attribute__((warn_unused_result));

// Parses and checks the header and every directory entry against the rules
// of docs/bundle-format.md, including the exact file length. Does not check
// the signature or the chunk digests. Errors: FMT_ERR_BUNDLE_*.
FMT_EXPORT int fmt_bundle_parse(const uint8_t *buf, size_t len, struct fmt_bundle_info *info)
    __attribute__((warn_unused_result));

// Decodes directory entry `k` (< asset_count) of a parsed bundle.
FMT_EXPORT void fmt_bundle_entry_get(const uint8_t *buf, const struct fmt_bundle_info *info,
                                     uint32_t k, struct fmt_bundle_entry *e);

// Walks the hash chain from first_digest through every chunk record.
// Returns 0, or FMT_ERR_BUNDLE_DIGEST with the failing chunk in *bad_chunk.
FMT_EXPORT int fmt_bundle_check_chain(const uint8_t *buf, const struct fmt_bundle_info *info,
                                      uint32_t *bad_chunk) __attribute__((warn_unused_result));

// One segment of the payload as the loader applies it (docs/bundle-format.md
// section 5.1). A v1 bundle is one plain segment: its whole payload.
struct fmt_bundle_segment {
    uint32_t dest;       // target address of the first byte produced
    uint32_t out_len;    // bytes produced
    uint32_t stored_len; // bytes in the bundle (zlib: the compressed stream)
    uint32_t encoding;   // BUNDLE_ENC_PLAIN or BUNDLE_ENC_ZLIB
    const uint8_t *data; // stored_len bytes, valid during the callback
};
typedef int (*fmt_segment_fn)(void *ctx, const struct fmt_bundle_segment *seg);

// Reassembles the stream of a parsed bundle from its chunk records (without
// checking digests: see fmt_bundle_check_chain) and calls `fn` for each
// segment in order. Checks the segment rules (range, sizes, encoding, flag,
// the stream ending on a segment) but not the zlib data. Returns 0,
// FMT_ERR_BUNDLE_SEGMENT, FMT_ERR_NOMEM, or the first negative value of fn.
FMT_EXPORT int fmt_bundle_segments(const uint8_t *buf, const struct fmt_bundle_info *info,
                                   fmt_segment_fn fn, void *ctx)
    __attribute__((warn_unused_result));

// Inflates a zlib segment into `out` (seg->out_len bytes) and checks that
// the stream is valid and produces exactly out_len bytes. Returns 0 or
// FMT_ERR_ZLIB.
FMT_EXPORT int fmt_bundle_inflate(const struct fmt_bundle_segment *seg, uint8_t *out)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
