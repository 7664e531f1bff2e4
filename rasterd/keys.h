// rasterd: Ed25519 signing keys (libsodium). The secret key never leaves
// rasterd: formats gets the keys_sign callback and an opaque context.
#ifndef RASTERD_KEYS_H
#define RASTERD_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "wire/bundle_wire.h"

// Environment variable naming a secret key file; overrides the manifest
// (for CI). The --key option overrides both.
#define KEYS_ENV "RASTERD_SIGNING_KEY_FILE"

#define KEYS_SECRET_SIZE 64 // libsodium crypto_sign_SECRETKEYBYTES: seed || public key
#define KEYS_PUBLIC_SIZE 32

struct signing_key {
    uint8_t secret[KEYS_SECRET_SIZE];
    uint8_t public_key[KEYS_PUBLIC_SIZE];
    uint8_t key_id[BUNDLE_KEY_ID_SIZE];
};

// Creates a key pair for `base` ("keys/dev"): base.key (secret, mode 0600),
// base.pub (raw 32 bytes), base.pub.h (C array) and base_pub.py (Python
// bytes). Refuses to overwrite any of them. Creates the parent folder (mode
// 0700) if it is missing. Returns 0 or an exit code with `why`.
int keys_generate(const char *base, char *why, size_t why_len) __attribute__((warn_unused_result));

// Loads a secret key file: a regular file of exactly 64 bytes, not readable
// or writable by group or others (else EXIT_NOPERM), whose public half
// matches its seed. Returns 0 or an exit code with `why`. On success the
// caller must keys_wipe() the key.
int keys_load_secret(const char *path, struct signing_key *key, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Loads a public key: 32 raw bytes, or 64 hex digits (whitespace allowed
// around them). Returns 0 or an exit code with `why`.
int keys_load_public(const char *path, uint8_t public_key[KEYS_PUBLIC_SIZE], char *why,
                     size_t why_len) __attribute__((warn_unused_result));

// fmt_sign_fn: `ctx` is a struct signing_key.
int keys_sign(void *ctx, uint8_t sig[BUNDLE_SIG_SIZE], const uint8_t *msg, size_t len);

// Wipes the key (sodium_memzero).
void keys_wipe(struct signing_key *key);

#endif
