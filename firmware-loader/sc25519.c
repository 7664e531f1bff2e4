// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493.
#include "sc25519.h"

// L - 2^252 as little-endian 32-bit words.
static const uint32_t l_low[4] = {0x5cf5d3edu, 0x5812631au, 0xa2f79cd6u, 0x14def9deu};

// Byte i of L, little-endian.
static uint8_t l_byte(int i)
{
    if (i < 16) {
        return (uint8_t)(l_low[i / 4] >> (8 * (i % 4)));
    }
    return i == 31 ? 0x10 : 0;
}

// s < L.
int fwl_sc_is_canonical(const uint8_t s[32])
{
    for (int i = 31; i >= 0; i--) {
        uint8_t l = l_byte(i);
        if (s[i] != l) {
            return s[i] < l;
        }
    }
    return 0;
}

// out = in mod L for a 64-byte little-endian integer. One byte at a time:
// r < L, so r * 256 + byte < 2^261 = q 2^252 + low with q < 2^9, and
// 2^252 = -(L - 2^252) (mod L) turns that into low - q (L - 2^252), which
// is above -2^134 and fixed by adding L once.
void fwl_sc_reduce64(uint8_t out[32], const uint8_t in[64])
{
    uint32_t r[9] = {0};
    for (int i = 63; i >= 0; i--) {
        for (int j = 8; j > 0; j--) {
            r[j] = (r[j] << 8) | (r[j - 1] >> 24);
        }
        r[0] = (r[0] << 8) | in[i];
        uint32_t q = (r[7] >> 28) | (r[8] << 4);
        r[7] &= 0x0fffffffu;
        uint64_t qc = 0;
        uint32_t borrow = 0;
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                qc += (uint64_t)q * l_low[j];
            }
            uint64_t diff = (uint64_t)r[j] - (uint32_t)qc - borrow;
            r[j] = (uint32_t)diff;
            borrow = (uint32_t)(diff >> 63);
            qc >>= 32;
        }
        if (borrow) {
            uint64_t sum = 0;
            for (int j = 0; j < 8; j++) {
                sum += (uint64_t)r[j] + (j < 4 ? l_low[j] : 0) + (j == 7 ? 0x10000000u : 0);
                r[j] = (uint32_t)sum;
                sum >>= 32;
            }
        }
        r[8] = 0;
    }
    for (int j = 0; j < 8; j++) {
        out[4 * j] = (uint8_t)r[j];
        out[4 * j + 1] = (uint8_t)(r[j] >> 8);
        out[4 * j + 2] = (uint8_t)(r[j] >> 16);
        out[4 * j + 3] = (uint8_t)(r[j] >> 24);
    }
}
