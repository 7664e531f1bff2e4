// Test helper: v2 segment streams composed from docs/bundle-format.md
// section 5.1 (16-byte header, data padded to 4), zlib data compressed by
// zlib itself.
#ifndef TEST_STREAM_GEN_H
#define TEST_STREAM_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

struct stream_gen {
    uint8_t buf[1 << 18];
    uint32_t len;
};

static inline void stream_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

// Appends a segment header and `stored` data bytes, padded with zeros.
static inline void stream_raw(struct stream_gen *s, uint32_t dest, uint32_t out_len,
                              uint32_t encoding, const uint8_t *data, uint32_t stored)
{
    uint8_t *h = s->buf + s->len;
    stream_put32(h, dest);
    stream_put32(h + 4, out_len);
    stream_put32(h + 8, stored);
    stream_put32(h + 12, encoding);
    memcpy(h + 16, data, stored);
    uint32_t padded = (stored + 3u) & ~3u;
    memset(h + 16 + stored, 0, padded - stored);
    s->len += 16u + padded;
}

static inline void stream_plain(struct stream_gen *s, uint32_t dest, const uint8_t *data,
                                uint32_t n)
{
    stream_raw(s, dest, n, 0, data, n);
}

// Returns the compressed size.
static inline uint32_t stream_zlib(struct stream_gen *s, uint32_t dest, const uint8_t *data,
                                   uint32_t n)
{
    static uint8_t z[1 << 18];
    uLongf zlen = sizeof z;
    if (compress2(z, &zlen, data, n, 9) != Z_OK) {
        return 0;
    }
    stream_raw(s, dest, n, 1, z, (uint32_t)zlen);
    return (uint32_t)zlen;
}

#endif
