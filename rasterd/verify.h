// rasterd verify: full host-side check of a bundle.
#ifndef RASTERD_VERIFY_H
#define RASTERD_VERIFY_H

#include <stddef.h>
#include <stdint.h>

// Checks, in this order: framing; the Ed25519 signature over the signed
// region (libsodium crypto_sign_verify_detached) before any other field is
// trusted; header and directory rules; the key id against `public_key`; the
// exact file length; every chunk digest along the hash chain. Returns 0 when
// the bundle is valid, else -1 with the reason in `why`.
int verify_bundle(const uint8_t *buf, size_t len, const uint8_t public_key[32], char *why,
                  size_t why_len) __attribute__((warn_unused_result));

// The `rasterd verify` command; returns an exit code.
int verify_main(int argc, char **argv);

#endif
