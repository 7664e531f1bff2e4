// rasterd verify: full host-side check of a bundle.
#ifndef RASTERD_VERIFY_H
#define RASTERD_VERIFY_H

#include <stddef.h>
#include <stdint.h>

// Runs the firmware loader's fwl_load() (memory-mapped source, discarding
// sink), so host and device verify identically: framing; the key id against
// `public_key`; the Ed25519 signature over the signed region (libsodium
// 1.0.18 acceptance) before any other field is trusted; header and directory
// rules; the exact file length; every chunk digest along the hash chain.
// Returns 0 when the bundle is valid, else -1 with the reason in `why`.
int verify_bundle(const uint8_t *buf, size_t len, const uint8_t public_key[32], char *why,
                  size_t why_len) __attribute__((warn_unused_result));

// The `rasterd verify` command; returns an exit code.
int verify_main(int argc, char **argv);

#endif
