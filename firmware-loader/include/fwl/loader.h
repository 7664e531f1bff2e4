// firmware-loader: verify a signed rasterd bundle and stream it into a
// display controller's external RAM (docs/bundle-format.md, docs/porting.md).
//
// Freestanding C99: no heap, no recursion, no VLAs, only <stdint.h>,
// <stddef.h> and <string.h>. The caller owns every byte of state: a
// `struct fwl_port` (configuration and callbacks, littlefs `lfs_config`
// style, may be const and shared), a `struct fwl_ctx` (about 540 bytes on
// Cortex-M, most of it the SHA-512 state of the signature check) and, for a
// read-callback source, one chunk buffer.
//
// Order of work in fwl_load(): framing (magic, version, flags, signed_len),
// key selection by key id, Ed25519 over the signed region (header and
// directory hashed exactly once, from the bytes that are parsed), then every
// other header and directory rule, the source length, the security version,
// the target id and address space, the directory ranges; then for each chunk
// record: BLAKE2s-256, compare with the expected digest, write the chunk,
// take the next expected digest from the same bytes. Nothing is written
// before the signature verified; nothing from a chunk is written before its
// digest matched; no byte is read twice.
#ifndef FWL_LOADER_H
#define FWL_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "fwl/ed25519.h"
#include "fwl/version.h"

#ifdef __cplusplus
extern "C" {
#endif

// Results: FWL_OK (0) or a negative FWL_ERR_* code (fwl/errors.def).
enum fwl_result {
#define X(name, value, msg) name = value,
#include "fwl/errors.def"
#undef X
};

// Largest signed region (header + directory) the loader accepts, in bytes.
#define FWL_SIGNED_MAX 65536u
// Extra buffer bytes a read-callback source needs beyond the chunk size: the
// next record's digest travels at the end of each record.
#define FWL_BUF_EXTRA 32u

// Source read: copy `len` bytes at byte offset `off` of the bundle into
// `buf`. Return 0 on success, anything else is a read error (FWL_ERR_READ;
// the value is kept in fwl_ctx.detail). Never asked for bytes past src_len.
typedef int (*fwl_read_fn)(void *ctx, uint32_t off, uint8_t *buf, size_t len);
// Sink: write `len` bytes to target address `addr` (external RAM). Return 0
// on success, anything else is a write error (FWL_ERR_WRITE, value kept in
// fwl_ctx.detail). `buf` is only valid during the call.
typedef int (*fwl_write_fn)(void *ctx, uint32_t addr, const uint8_t *buf, size_t len);
// Sink for zlib-compressed segments (bundle format v2 with the zlib flag):
// the pieces of one RFC 1950 stream that inflates to `out_len` bytes at
// target address `addr`, in order. Each piece is a multiple of 4 bytes; the
// last one ends with the zero padding to 4 bytes that follows the stream
// (exactly what EVE's CMD_INFLATE expects). `flags`: FWL_INFLATE_FIRST on
// the first piece of a segment, FWL_INFLATE_LAST on the last, both on a
// segment that fits one piece. Every piece was verified before the call.
// Return 0 on success, anything else is a write error (FWL_ERR_WRITE, value
// kept in fwl_ctx.detail). `buf` is only valid during the call.
typedef int (*fwl_inflate_fn)(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf,
                              size_t len, unsigned flags);
#define FWL_INFLATE_FIRST 1u
#define FWL_INFLATE_LAST  2u
// Progress after each written chunk: `done` and `total` payload bytes.
typedef void (*fwl_progress_fn)(void *ctx, uint32_t done, uint32_t total);
// Anti-rollback storage: read the highest accepted security version into
// *version / store a higher one. Return 0 on success, else FWL_ERR_STORAGE.
typedef int (*fwl_get_version_fn)(void *ctx, uint32_t *version);
typedef int (*fwl_set_version_fn)(void *ctx, uint32_t version);
// Optional BLAKE2s-256 override (hardware or SDK): one-shot digest of `len`
// contiguous bytes. Used for chunk records only. Like bundle_blake2s()
// (wire/blake2s.h) plus the port context.
typedef void (*fwl_port_blake2s_fn)(void *ctx, uint8_t out[32], const uint8_t *in, size_t len);
// Optional Ed25519 override (fwl_ed25519_verify_fn plus the port context):
// return 0 only if `sig` is a valid pure Ed25519 signature of `msg` under
// `pk`, with libsodium 1.0.18's acceptance rules or stricter. Needs the
// signed region contiguous (see fwl_port.ed25519_verify).
typedef int (*fwl_port_ed25519_fn)(void *ctx, const uint8_t sig[64], const uint8_t *msg, size_t len,
                                   const uint8_t pk[32]);

// The port: everything the loader needs from the platform. Zero-initialise
// it, then fill in what you use; every field says its default (the value 0).
// The loader never writes to it; one port may serve several loads.
struct fwl_port {
    // Passed unchanged as the first argument of every callback. Default NULL.
    void *ctx;

    // ---- Source: exactly one of `src` or `read` (both: FWL_ERR_ARG) -------
    // Memory-mapped bundle (internal flash, XIP QSPI, a const array): hashed
    // in place and written from flash, zero-copy. Must not change during
    // fwl_load() or while fwl_asset_find() results are used. Default NULL.
    const uint8_t *src;
    // Bundle length in bytes, for both kinds of source: the exact file size
    // (the loader rejects shorter and longer files before writing). Required.
    uint32_t src_len;
    // Read callback for sources that are not memory-mapped (SPI flash, a
    // file). Used when `src` is NULL. Default NULL.
    fwl_read_fn read;
    // Chunk buffer for a read-callback source, owned by the caller, at least
    // chunk_size + FWL_BUF_EXTRA bytes of the bundles it will load (bundles
    // with bigger chunks fail with FWL_ERR_TOO_LARGE). Each chunk record is
    // read once into it, hashed there and written from there. Unused with
    // `src`. Default NULL / 0.
    uint8_t *buf;
    size_t buf_size;

    // ---- Sink -------------------------------------------------------------
    // Writes verified chunks to external RAM (see fwl/eve.h for an EVE SPI
    // sink). Required. Called once per chunk with up to chunk_size bytes,
    // at ascending addresses.
    fwl_write_fn xram_write;
    // Sends zlib-compressed segments (fwl_eve_inflate for an EVE: the chip
    // inflates them with CMD_INFLATE). Default NULL: a sink that cannot
    // inflate, so a bundle with the zlib flag fails with FWL_ERR_NO_INFLATE
    // before anything is written. Plain segments always go to xram_write.
    fwl_inflate_fn xram_inflate;
    // Called after each chunk is written. Optional, default NULL.
    fwl_progress_fn progress;

    // ---- Trust and target -------------------------------------------------
    // Trusted Ed25519 public keys, 32 bytes each; a bundle names its key by
    // key id (first 8 bytes of BLAKE2s-256 of the key). Several keys allow
    // rotation. Required, key_count >= 1.
    const uint8_t (*keys)[32];
    size_t key_count;
    // Target id the bundle must carry (docs/bundle-format.md section 6).
    // Default 0 (a bundle for target 0).
    uint32_t target_id;
    // The external memory the loader may write: [ram_base, ram_base +
    // ram_size). The bundle's address space must lie inside it. For EVE
    // RAM_G on FT81x/BT81x: 0x000000 and 0x100000 (1 MiB). ram_size 0 is
    // invalid (FWL_ERR_ARG).
    uint32_t ram_base;
    uint32_t ram_size;

    // ---- Anti-rollback ----------------------------------------------------
    // Stored security version: a bundle below it fails with FWL_ERR_ROLLBACK;
    // after a complete load of a higher version the loader stores that one.
    // Both NULL (default): no anti-rollback, every version is accepted.
    // Setting only one of them is FWL_ERR_ARG.
    fwl_get_version_fn get_security_version;
    fwl_set_version_fn set_security_version;

    // ---- Optional primitive overrides -------------------------------------
    // BLAKE2s-256 for chunk records (the signed-region digest kept for
    // fwl_asset_find() stays in software). Default NULL: built-in BLAKE2s.
    fwl_port_blake2s_fn blake2s;
    // Ed25519 verification over the whole signed region in one call. Needs it
    // contiguous: always true for `src`; with `read`, the signed region plus
    // its signature must fit the buffer (else FWL_ERR_TOO_LARGE). Default
    // NULL: built-in streaming verifier (any signed region size).
    fwl_port_ed25519_fn ed25519_verify;
};

// Decoded directory entry (docs/bundle-format.md section 4).
struct fwl_asset_info {
    char name[24];   // NUL-terminated
    uint8_t kind;    // BUNDLE_KIND_RAW 1, _IMAGE 2, _FONT 3 (others: newer kinds)
    uint8_t format;  // EVE BITMAP_LAYOUT format code, 255 for raw
    uint32_t addr;   // target address of the first byte
    uint32_t size;   // bytes
    uint32_t width;  // image: px; font: cell width px; raw: 0
    uint32_t height; // image: px; font: line height px; raw: 0
    uint32_t stride; // bytes per bitmap row; raw: 0
    uint32_t aux[3]; // font: first code point, glyph count, bpp; image: aux2 = bpp
};

// Where the v2 segment stream stands (private to the loader).
struct fwl_segments {
    uint8_t hdr[16];   // segment header being collected
    uint32_t have;     // header bytes collected
    uint32_t left;     // data + padding bytes of the current segment still to come
    uint32_t stored;   // data bytes of the current segment
    uint32_t dest;     // plain: next target address; zlib: the segment's address
    uint32_t out_len;  // zlib: inflated size
    uint32_t encoding; // BUNDLE_ENC_*
    unsigned first;    // next zlib piece is the first
};

// Loader state, owned by the caller (static or on a stack), no
// initialisation needed before fwl_load() (which clears it). Read-only for
// the caller: the first block (results of the last fwl_load()) and, once
// the signature has verified (from FWL_ERR_BAD_HEADER on in the order of
// work), the header fields of the second block. The rest is private.
struct fwl_ctx {
    const struct fwl_port *port; // the port of the last fwl_load()
    int result;                  // last fwl_load() result
    int detail;                  // callback return value, or Ed25519 code for BAD_SIGNATURE
    uint32_t chunk;              // failing chunk index (CHUNK_DIGEST, READ, WRITE errors)
    uint32_t chunks_done;        // chunks written so far
    uint32_t security_version;   // of the bundle (valid as the header fields below)
    // Header fields, authenticated once the signature verified.
    uint32_t signed_len, hdr_size, entry_size, asset_count;
    uint32_t chunk_size, chunk_count, payload_addr, payload_len;
    uint32_t space_base, space_size, target_id;
    uint32_t version, flags; // bundle format version (1 or 2) and flags
    uint32_t stored_len;     // bytes the chunks carry (v1: payload_len)
    // Private.
    uint8_t expected[32];              // digest the next chunk record must have
    uint8_t dir_digest[32];            // BLAKE2s-256 of the signed region (read sources)
    int loaded;                        // 1 after FWL_OK
    uint32_t win_off, win_len, hashed; // read window over the signed region
    int parse_err, dir_err;
    uint32_t prev_end, key_index, stored_version;
    struct fwl_ed25519_verify_ctx ed; // signed-region verification
    struct fwl_segments seg;          // v2 segment being applied
};

// Verifies the bundle the port describes and streams it into external RAM.
// Returns FWL_OK only when the signature, every header and directory rule and
// every chunk digest checked and every chunk was written. On error,
// ctx->chunk and ctx->chunks_done say how far it got: chunks [0,
// chunks_done) were written, nothing else. Errors: every FWL_ERR_* except
// NOT_LOADED, NOT_FOUND and DIR_CHANGED.
FWL_WARN_UNUSED_RESULT int fwl_load(struct fwl_ctx *ctx, const struct fwl_port *port);

// Looks `name` up in the directory of the bundle loaded by the last
// successful fwl_load() on `ctx` (same port, still valid). Memory-mapped
// sources: read from the mapping. Read-callback sources: the signed region
// is read again through the port buffer and only trusted if its BLAKE2s-256
// equals the digest taken while the signature was checked (so a source that
// changed gives FWL_ERR_DIR_CHANGED, never unverified data). Errors:
// FWL_ERR_NOT_LOADED, FWL_ERR_NOT_FOUND, FWL_ERR_READ, FWL_ERR_DIR_CHANGED,
// FWL_ERR_ARG.
FWL_WARN_UNUSED_RESULT int fwl_asset_find(struct fwl_ctx *ctx, const char *name,
                                          struct fwl_asset_info *info);

// Directory entry number `index` (0 .. asset_count - 1, in directory order)
// of the bundle loaded by the last successful fwl_load() on `ctx`, with the
// same guarantees as fwl_asset_find(): for read-callback sources the
// directory is read and checked again on every call. Lists the directory
// with `for (i = 0; i < ctx->asset_count; i++)`. Errors: FWL_ERR_NOT_LOADED,
// FWL_ERR_NOT_FOUND (index >= asset_count), FWL_ERR_READ,
// FWL_ERR_DIR_CHANGED, FWL_ERR_ARG.
FWL_WARN_UNUSED_RESULT int fwl_asset_at(struct fwl_ctx *ctx, uint32_t index,
                                        struct fwl_asset_info *info);

// Symbolic name ("FWL_ERR_ROLLBACK") and message of a result; never NULL.
const char *fwl_error_name(int err);
const char *fwl_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
