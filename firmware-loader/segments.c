// Bundle format v2: applying the segment stream the verified chunks carry
// (docs/bundle-format.md section 5.1). Each call gets the payload of one
// chunk that has already matched its digest; a segment header may straddle
// chunks, so the few bytes of it are collected in the context. Plain data
// goes to xram_write at its address, zlib data to xram_inflate with the
// segment's address and size. Every length is checked by subtraction.
#include <string.h>

#include "loader_priv.h"
#include "wire/bundle_wire.h"

// The header is complete: check it against the payload range and the port.
static int start_segment(struct fwl_ctx *c)
{
    struct fwl_segments *s = &c->seg;
    uint32_t dest = bundle_load_u32(s->hdr + BUNDLE_SEG_DEST);
    uint32_t out_len = bundle_load_u32(s->hdr + BUNDLE_SEG_OUT_LEN);
    uint32_t stored = bundle_load_u32(s->hdr + BUNDLE_SEG_STORED_LEN);
    uint32_t enc = bundle_load_u32(s->hdr + BUNDLE_SEG_ENCODING);
    uint32_t rel = dest - c->payload_addr;
    if (dest < c->payload_addr || rel >= c->payload_len || out_len == 0u ||
        out_len > c->payload_len - rel || stored == 0u || stored > UINT32_MAX - 3u) {
        return FWL_ERR_SEGMENT;
    }
    if (enc == BUNDLE_ENC_PLAIN ? stored != out_len
                                : enc != BUNDLE_ENC_ZLIB || (c->flags & BUNDLE_FLAG_ZLIB) == 0u) {
        return FWL_ERR_SEGMENT;
    }
    s->have = 0;
    s->stored = stored;
    s->left = bundle_pad4(stored);
    s->dest = dest;
    s->out_len = out_len;
    s->encoding = enc;
    s->first = 1;
    return FWL_OK;
}

static int sink_error(struct fwl_ctx *c, int rc)
{
    c->detail = rc;
    return FWL_ERR_WRITE;
}

// `n` bytes of the current segment's data (and padding).
static int segment_data(struct fwl_ctx *c, const uint8_t *p, uint32_t n)
{
    const struct fwl_port *port = c->port;
    struct fwl_segments *s = &c->seg;
    uint32_t pos = bundle_pad4(s->stored) - s->left; // offset in the segment's data
    s->left -= n;
    if (s->encoding == BUNDLE_ENC_ZLIB) {
        unsigned flags =
            (s->first ? FWL_INFLATE_FIRST : 0u) | (s->left == 0u ? FWL_INFLATE_LAST : 0u);
        s->first = 0;
        int rc = port->xram_inflate(port->ctx, s->dest, s->out_len, p, n, flags);
        return rc != 0 ? sink_error(c, rc) : FWL_OK;
    }
    uint32_t data = pos < s->stored ? s->stored - pos : 0u; // the rest is padding
    if (data > n) {
        data = n;
    }
    if (data > 0u) {
        int rc = port->xram_write(port->ctx, s->dest, p, data);
        if (rc != 0) {
            return sink_error(c, rc);
        }
        s->dest += data;
    }
    return FWL_OK;
}

int fwl_segments_apply(struct fwl_ctx *c, const uint8_t *p, uint32_t n)
{
    struct fwl_segments *s = &c->seg;
    while (n > 0u) {
        uint32_t take;
        int err;
        if (s->left == 0u) {
            take = BUNDLE_SEG_HDR_SIZE - s->have;
            take = take < n ? take : n;
            memcpy(s->hdr + s->have, p, take);
            s->have += take;
            err = s->have == BUNDLE_SEG_HDR_SIZE ? start_segment(c) : FWL_OK;
        } else {
            take = s->left < n ? s->left : n;
            err = segment_data(c, p, take);
        }
        if (err < 0) {
            return err;
        }
        p += take;
        n -= take;
    }
    return FWL_OK;
}

int fwl_segments_end(const struct fwl_ctx *c)
{
    return c->seg.left == 0u && c->seg.have == 0u ? FWL_OK : FWL_ERR_SEGMENT;
}
