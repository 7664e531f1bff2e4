// BLAKE2s-256 (RFC 7693): the bundle's chunk digests, key ids and the
// loader's signed-region digest (docs/bundle-format.md).
//
// Part of wire/: freestanding C99, no heap, constant stack (about 150 bytes).
// The host bundle writer (formats/) and the firmware loader both link this
// one unit (meson dependency `wire_dep`), so both sides hash with one
// implementation. A port may override the chunk digest through
// `fwl_port.blake2s` (fwl/loader.h).
//
// Usage: `bundle_blake2s_init()` (or `_init_keyed()`), any number of
// `bundle_blake2s_update()` calls with arbitrary lengths, then
// `bundle_blake2s_final()`; or the one-shot `bundle_blake2s()`.
#ifndef WIRE_BLAKE2S_H
#define WIRE_BLAKE2S_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Largest digest and key size in bytes (RFC 7693 section 2.1).
#define BUNDLE_BLAKE2S_OUT_MAX 32
#define BUNDLE_BLAKE2S_KEY_MAX 32
// Block size in bytes.
#define BUNDLE_BLAKE2S_BLOCK 64

// Hash state. The caller owns the storage; fields are private.
struct bundle_blake2s_ctx {
    uint32_t h[8];                     // chained state
    uint32_t t[2];                     // byte counter, low word first
    uint8_t buf[BUNDLE_BLAKE2S_BLOCK]; // pending input, not yet compressed
    size_t buf_len;                    // bytes used in buf, 0..64
    size_t out_len;                    // digest size in bytes, 1..32
};

// Starts an unkeyed hash with a digest of `out_len` bytes (1..32; 32 for
// BLAKE2s-256). Out-of-range sizes are clamped to 1..32.
void bundle_blake2s_init(struct bundle_blake2s_ctx *ctx, size_t out_len);

// Starts a keyed hash (MAC). `key_len` 0..32; 0 is the same as
// bundle_blake2s_init(). Longer keys are truncated to 32 bytes. The key is
// copied into the context and wiped when the context is finalised.
void bundle_blake2s_init_keyed(struct bundle_blake2s_ctx *ctx, size_t out_len, const uint8_t *key,
                               size_t key_len);

// Absorbs `len` bytes. `in` may be NULL when `len` is 0.
void bundle_blake2s_update(struct bundle_blake2s_ctx *ctx, const uint8_t *in, size_t len);

// Writes the digest (`out_len` bytes given to init) and wipes the context.
void bundle_blake2s_final(struct bundle_blake2s_ctx *ctx, uint8_t *out);

// One-shot unkeyed BLAKE2s-256 of `len` bytes at `in`.
void bundle_blake2s(uint8_t out[32], const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif
