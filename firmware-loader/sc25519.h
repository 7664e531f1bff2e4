// Scalars modulo the Ed25519 group order L. Private header.
#ifndef FWL_SC25519_H
#define FWL_SC25519_H

#include <stdint.h>

// 1 if the 32-byte little-endian s is below L, else 0.
int fwl_sc_is_canonical(const uint8_t s[32]);

// out = in mod L for a 64-byte little-endian integer (a SHA-512 digest).
void fwl_sc_reduce64(uint8_t out[32], const uint8_t in[64]);

#endif
