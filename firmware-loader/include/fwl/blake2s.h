// BLAKE2s-256 (RFC 7693) for the firmware loader: chunk digests of the bundle.
//
// Freestanding C99, no heap, constant stack (about 150 bytes). The host's
// bundle writer links the same unit through the meson dependency
// `fwl_blake2s_dep`, so both sides hash with one implementation.
//
// Usage: `fwl_blake2s_init()` (or `_init_keyed()`), any number of
// `fwl_blake2s_update()` calls with arbitrary lengths, then
// `fwl_blake2s_final()`; or the one-shot `fwl_blake2s()`.
#ifndef FWL_BLAKE2S_H
#define FWL_BLAKE2S_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Largest digest and key size in bytes (RFC 7693 section 2.1).
#define FWL_BLAKE2S_OUT_MAX 32
#define FWL_BLAKE2S_KEY_MAX 32
// Block size in bytes.
#define FWL_BLAKE2S_BLOCK 64

// Hash state. The caller owns the storage; fields are private.
struct fwl_blake2s_ctx {
    uint32_t h[8];                  // chained state
    uint32_t t[2];                  // byte counter, low word first
    uint8_t buf[FWL_BLAKE2S_BLOCK]; // pending input, not yet compressed
    size_t buf_len;                 // bytes used in buf, 0..64
    size_t out_len;                 // digest size in bytes, 1..32
};

// Starts an unkeyed hash with a digest of `out_len` bytes (1..32; 32 for
// BLAKE2s-256). Out-of-range sizes are clamped to 1..32.
void fwl_blake2s_init(struct fwl_blake2s_ctx *ctx, size_t out_len);

// Starts a keyed hash (MAC). `key_len` 0..32; 0 is the same as
// fwl_blake2s_init(). Longer keys are truncated to 32 bytes. The key is
// copied into the context and wiped when the context is finalised.
void fwl_blake2s_init_keyed(struct fwl_blake2s_ctx *ctx, size_t out_len, const uint8_t *key,
                            size_t key_len);

// Absorbs `len` bytes. `in` may be NULL when `len` is 0.
void fwl_blake2s_update(struct fwl_blake2s_ctx *ctx, const uint8_t *in, size_t len);

// Writes the digest (`out_len` bytes given to init) and wipes the context.
void fwl_blake2s_final(struct fwl_blake2s_ctx *ctx, uint8_t *out);

// One-shot unkeyed BLAKE2s-256 of `len` bytes at `in`.
void fwl_blake2s(uint8_t out[32], const uint8_t *in, size_t len);

// Signature of fwl_blake2s(), for a port that swaps in a hardware or SDK
// implementation of the chunk digest.
typedef void (*fwl_blake2s_fn)(uint8_t out[32], const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif
