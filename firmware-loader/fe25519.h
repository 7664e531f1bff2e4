// Arithmetic modulo p = 2^255 - 19 for the Ed25519 verifier. Private header.
//
// An element is ten signed limbs in radix 2^25.5: limb i has weight
// 2^ceil(25.5 i), so even limbs carry 26 bits and odd limbs 25. Products are
// 32x32->64 multiply-accumulates (UMULL/SMLAL on a Cortex-M4).
//
// Bounds, in units of a "tight" element (what fe_mul, fe_sq and fe_sq2
// return: |even limb| <= 2^25, |odd| <= 2^24 plus a little): fe_mul and fe_sq
// accept inputs that are the sum or difference of at most three tight
// elements. fe_frombytes returns limbs in [0, 2^26) / [0, 2^25), which counts
// as two. fe_add and fe_sub do not carry. fe_tobytes takes anything up to
// about eight units.
//
// Carries shift signed values right and rely on that being arithmetic, as it
// is on every compiler the loader targets (GCC, Clang, and the C standard
// leaves it implementation-defined, not undefined).
#ifndef FWL_FE25519_H
#define FWL_FE25519_H

#include <stdint.h>

typedef int32_t fe[10];

void fwl_fe_frombytes(fe h, const uint8_t s[32]);
void fwl_fe_tobytes(uint8_t s[32], const fe f);
void fwl_fe_add(fe h, const fe f, const fe g);
void fwl_fe_sub(fe h, const fe f, const fe g);
void fwl_fe_mul(fe h, const fe f, const fe g);
void fwl_fe_sq(fe h, const fe f);
void fwl_fe_sq2(fe h, const fe f);
// h = f^(2^n), n >= 1.
void fwl_fe_sqn(fe h, const fe f, int n);
// h = f^(p - 2) = 1/f (0 for f = 0).
void fwl_fe_invert(fe h, const fe f);
// h = f^((p - 5) / 8), the core of the square root.
void fwl_fe_pow22523(fe h, const fe f);
// 1 if f = 0 (mod p), else 0.
int fwl_fe_iszero(const fe f);
// The low bit of the canonical encoding (the "sign" of x in RFC 8032).
int fwl_fe_isodd(const fe f);

#endif
