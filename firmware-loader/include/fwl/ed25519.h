// Ed25519 signature verification (RFC 8032, pure Ed25519) for the loader.
//
// Accepts exactly what libsodium 1.0.18's crypto_sign_verify_detached()
// accepts, so a bundle the host signed with libsodium verifies here and
// nothing libsodium would refuse does:
//   - S must be below the group order L;
//   - R and the public key A must not be one of the small-order encodings
//     libsodium blacklists (the sign bit is ignored in that comparison);
//   - A must be canonical (y < p) and a curve point;
//   - [S]B - [h]A, with h = SHA-512(R || A || M) mod L, must encode to
//     exactly the 32 bytes of R (cofactorless; a non-canonical R never matches).
//
// Only public data is involved, so the code runs in variable time. No heap;
// peak stack about 2 KiB. Freestanding C99.
#ifndef FWL_ED25519_H
#define FWL_ED25519_H

#include <stddef.h>
#include <stdint.h>

#include "fwl/sha512.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define FWL_WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#else
#define FWL_WARN_UNUSED_RESULT
#endif

// Verification results: 0 for a valid signature, negative otherwise.
enum fwl_ed25519_result {
#define X(name, value, msg) name = value,
#include "fwl/ed25519_errors.def"
#undef X
};

// Streaming verification state, for messages that arrive in pieces. The
// caller owns the storage (about 330 bytes); fields are private.
struct fwl_ed25519_verify_ctx {
    struct fwl_sha512_ctx sha; // SHA-512(R || A || M) so far
    uint8_t sig[64];           // R || S
    uint8_t pk[32];            // A
};

// Verifies a 64-byte signature over `msg_len` bytes at `msg` with the 32-byte
// public key `pk`. Returns FWL_ED25519_OK (0) only for a valid signature,
// otherwise one of the negative FWL_ED25519_ERR_* codes. `msg` may be NULL
// when `msg_len` is 0; other NULL pointers give FWL_ED25519_ERR_ARG.
FWL_WARN_UNUSED_RESULT int fwl_ed25519_verify(const uint8_t sig[64], const uint8_t *msg,
                                              size_t msg_len, const uint8_t pk[32]);

// The same check in three steps: _init() copies the signature and key,
// _update() absorbs message bytes (any number of calls), _final() returns
// what fwl_ed25519_verify() would return for the concatenated message and
// wipes the context.
void fwl_ed25519_verify_init(struct fwl_ed25519_verify_ctx *ctx, const uint8_t sig[64],
                             const uint8_t pk[32]);
void fwl_ed25519_verify_update(struct fwl_ed25519_verify_ctx *ctx, const uint8_t *msg,
                               size_t msg_len);
FWL_WARN_UNUSED_RESULT int fwl_ed25519_verify_final(struct fwl_ed25519_verify_ctx *ctx);

// Name ("FWL_ED25519_ERR_FORGED") and message of a result code; never NULL.
const char *fwl_ed25519_error_name(int err);
const char *fwl_ed25519_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
