// Format v2 payload streams: segments, plain or zlib (level 9), each a
// 16-byte header and its data padded to 4 bytes. Runs of adjacent plain
// assets share one plain segment (the gaps between them zero-filled, as in
// v1), so only compressed assets cost a segment header of their own.
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bundle_stream.h"
#include "formats/error.h"

struct out {
    uint8_t *buf;
    size_t len, cap;
};

static int reserve(struct out *o, size_t more)
{
    if (more > UINT32_MAX - o->len) {
        return FMT_ERR_INVALID_ARG;
    }
    if (o->len + more <= o->cap) {
        return 0;
    }
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + more) {
        cap *= 2;
    }
    uint8_t *b = realloc(o->buf, cap);
    if (b == NULL) {
        return FMT_ERR_NOMEM;
    }
    o->buf = b;
    o->cap = cap;
    return 0;
}

// Appends a segment; zlib data is compressed here and kept only if smaller.
static int segment(struct out *o, uint32_t dest, const uint8_t *data, uint32_t len, int zlib,
                   unsigned *flags)
{
    uLong bound = compressBound(len);
    int err = reserve(o, BUNDLE_SEG_HDR_SIZE + (size_t)(zlib ? bound : len) + 3);
    if (err < 0) {
        return err;
    }
    uint8_t *h = o->buf + o->len;
    uint8_t *d = h + BUNDLE_SEG_HDR_SIZE;
    uLongf stored = len;
    if (zlib) {
        stored = bound;
        if (compress2(d, &stored, data, len, 9) != Z_OK) {
            return FMT_ERR_ZLIB;
        }
        zlib = stored < len;
    }
    if (!zlib) {
        stored = len;
        memcpy(d, data, len);
    }
    bundle_store_u32(h + BUNDLE_SEG_DEST, dest);
    bundle_store_u32(h + BUNDLE_SEG_OUT_LEN, len);
    bundle_store_u32(h + BUNDLE_SEG_STORED_LEN, (uint32_t)stored);
    bundle_store_u32(h + BUNDLE_SEG_ENCODING, zlib ? BUNDLE_ENC_ZLIB : BUNDLE_ENC_PLAIN);
    size_t padded = bundle_pad4((uint32_t)stored);
    memset(d + stored, 0, padded - stored);
    o->len += BUNDLE_SEG_HDR_SIZE + padded;
    *flags |= zlib ? BUNDLE_FLAG_ZLIB : 0u;
    return 0;
}

static int segments(struct out *o, const struct fmt_asset *assets, size_t n,
                    const struct fmt_link_result *link, const uint8_t *image, unsigned *flags)
{
    size_t i = 0;
    while (i < n) {
        const struct fmt_asset *a = &assets[i];
        const uint8_t *at = image + (a->addr - link->payload_addr);
        if (a->encoding == BUNDLE_ENC_ZLIB) {
            int err = segment(o, a->addr, at, a->size, 1, flags);
            if (err < 0) {
                return err;
            }
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && assets[j].encoding != BUNDLE_ENC_ZLIB) {
            j++;
        }
        uint32_t end = assets[j - 1].addr + assets[j - 1].size;
        int err = segment(o, a->addr, at, end - a->addr, 0, flags);
        if (err < 0) {
            return err;
        }
        i = j;
    }
    return 0;
}

int fmt_bundle_stream(unsigned version, const struct fmt_bundle_params *params,
                      const struct fmt_asset *assets, size_t n, const struct fmt_link_result *link,
                      const uint8_t *image, uint8_t **stream, uint32_t *len, unsigned *flags)
{
    struct out o = {0};
    *flags = 0;
    int err;
    if (version == BUNDLE_VERSION_1) {
        err = reserve(&o, link->payload_len);
        if (err == 0) {
            memcpy(o.buf, image, link->payload_len);
            o.len = link->payload_len;
        }
    } else if (params->compress_all) {
        err = segment(&o, link->payload_addr, image, link->payload_len, 1, flags);
    } else {
        err = segments(&o, assets, n, link, image, flags);
    }
    if (err < 0) {
        free(o.buf);
        return err;
    }
    *stream = o.buf;
    *len = (uint32_t)o.len;
    return 0;
}
