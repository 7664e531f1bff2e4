// SHA-512 (FIPS 180-4) for the firmware loader's Ed25519 verifier.
//
// Freestanding C99, no heap. The context is about 210 bytes and owned by the
// caller. Inputs up to 2^61 - 1 bytes.
#ifndef FWL_SHA512_H
#define FWL_SHA512_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Digest and block sizes in bytes.
#define FWL_SHA512_OUT   64
#define FWL_SHA512_BLOCK 128

// Hash state. The caller owns the storage; fields are private.
struct fwl_sha512_ctx {
    uint64_t h[8];                 // chained state
    uint64_t len;                  // bytes absorbed so far
    uint8_t buf[FWL_SHA512_BLOCK]; // pending input
    size_t buf_len;                // bytes used in buf, 0..127
};

// Starts a hash.
void fwl_sha512_init(struct fwl_sha512_ctx *ctx);

// Absorbs `len` bytes. `in` may be NULL when `len` is 0.
void fwl_sha512_update(struct fwl_sha512_ctx *ctx, const uint8_t *in, size_t len);

// Writes the 64-byte digest and wipes the context.
void fwl_sha512_final(struct fwl_sha512_ctx *ctx, uint8_t out[64]);

// One-shot SHA-512 of `len` bytes at `in`.
void fwl_sha512(uint8_t out[64], const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif
