// Format v2 payload streams: segments, plain or zlib (level 9), each a
// 16-byte header and its data padded to 4 bytes. Runs of adjacent plain
// assets share one plain segment (the gaps between them zero-filled, as in
// v1), so only compressed assets cost a segment header of their own.
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bundle_stream.h"
#include "formats/error.h"
#include "formats/sink.h"

// Appends a segment; zlib data is compressed here and kept only if smaller.
static int segment(struct fmt_membuf *o, uint32_t dest, const uint8_t *data, uint32_t len, int zlib,
                   unsigned *flags)
{
    uint8_t *z = NULL;
    uLongf stored = len;
    if (zlib) {
        stored = compressBound(len);
        z = malloc(stored);
        if (z == NULL) {
            return FMT_ERR_NOMEM;
        }
        if (compress2(z, &stored, data, len, 9) != Z_OK) {
            free(z);
            return FMT_ERR_ZLIB;
        }
        zlib = stored < len;
        stored = zlib ? stored : len;
    }
    static const uint8_t zeros[3];
    uint8_t h[BUNDLE_SEG_HDR_SIZE];
    bundle_store_u32(h + BUNDLE_SEG_DEST, dest);
    bundle_store_u32(h + BUNDLE_SEG_OUT_LEN, len);
    bundle_store_u32(h + BUNDLE_SEG_STORED_LEN, (uint32_t)stored);
    bundle_store_u32(h + BUNDLE_SEG_ENCODING, zlib ? BUNDLE_ENC_ZLIB : BUNDLE_ENC_PLAIN);
    fmt_sink_write(&o->sink, h, sizeof h);
    fmt_sink_write(&o->sink, zlib ? z : data, stored);
    fmt_sink_write(&o->sink, zeros, bundle_pad4((uint32_t)stored) - stored);
    free(z);
    *flags |= zlib ? BUNDLE_FLAG_ZLIB : 0u;
    return fmt_sink_status(&o->sink);
}

static int segments(struct fmt_membuf *o, const struct fmt_asset *assets, size_t n,
                    const struct fmt_link_result *link, const uint8_t *image, unsigned *flags)
{
    int err = 0;
    for (size_t i = 0; i < n && err == 0;) {
        const struct fmt_asset *a = &assets[i];
        const uint8_t *at = image + (a->addr - link->payload_addr);
        size_t j = i + 1;
        if (a->encoding != BUNDLE_ENC_ZLIB) {
            while (j < n && assets[j].encoding != BUNDLE_ENC_ZLIB) {
                j++;
            }
        }
        uint32_t end = assets[j - 1].addr + assets[j - 1].size;
        err = segment(o, a->addr, at, end - a->addr, a->encoding == BUNDLE_ENC_ZLIB, flags);
        i = j;
    }
    return err;
}

int fmt_bundle_stream(unsigned version, const struct fmt_bundle_params *params,
                      const struct fmt_asset *assets, size_t n, const struct fmt_link_result *link,
                      const uint8_t *image, uint8_t **stream, uint32_t *len, unsigned *flags)
{
    struct fmt_membuf o;
    fmt_membuf_init(&o);
    *flags = 0;
    int err;
    if (version == BUNDLE_VERSION_1) {
        fmt_sink_write(&o.sink, image, link->payload_len);
        err = fmt_sink_status(&o.sink);
    } else if (params->compress_all) {
        err = segment(&o, link->payload_addr, image, link->payload_len, 1, flags);
    } else {
        err = segments(&o, assets, n, link, image, flags);
    }
    if (err == 0 && o.len > UINT32_MAX) {
        err = FMT_ERR_INVALID_ARG;
    }
    if (err < 0) {
        fmt_membuf_finish(&o);
        return err;
    }
    *stream = o.data; // handed to the caller, who frees it
    *len = (uint32_t)o.len;
    return 0;
}
