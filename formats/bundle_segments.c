// Reading the payload segments of a bundle (docs/bundle-format.md section
// 5.1) on the host: rasterd inspect lists them, rasterd verify and the tests
// inflate zlib segments with zlib. The rules are the loader's
// (firmware-loader/segments.c), checked by subtraction.
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "formats/bundle.h"
#include "formats/error.h"

static uint8_t *gather(const uint8_t *buf, const struct fmt_bundle_info *in)
{
    uint8_t *s = malloc(in->stored_len);
    if (s == NULL) {
        return NULL;
    }
    size_t off = in->records_off, at = 0;
    for (uint32_t i = 0; i < in->chunk_count; i++) {
        uint32_t n = bundle_chunk_len(in->stored_len, in->chunk_size, i);
        memcpy(s + at, buf + off, n);
        at += n;
        off += bundle_record_len(in->stored_len, in->chunk_size, i);
    }
    return s;
}

static int check(const struct fmt_bundle_info *in, const struct fmt_bundle_segment *g)
{
    uint32_t rel = g->dest - in->payload_addr;
    if (g->dest < in->payload_addr || rel >= in->payload_len || g->out_len == 0 ||
        g->out_len > in->payload_len - rel || g->stored_len == 0) {
        return FMT_ERR_BUNDLE_SEGMENT;
    }
    if (g->encoding == BUNDLE_ENC_PLAIN) {
        return g->stored_len == g->out_len ? 0 : FMT_ERR_BUNDLE_SEGMENT;
    }
    return g->encoding == BUNDLE_ENC_ZLIB && (in->flags & BUNDLE_FLAG_ZLIB) != 0
               ? 0
               : FMT_ERR_BUNDLE_SEGMENT;
}

static int walk(const uint8_t *s, const struct fmt_bundle_info *in, fmt_segment_fn fn, void *ctx)
{
    uint32_t pos = 0;
    while (pos < in->stored_len) {
        if (in->stored_len - pos < BUNDLE_SEG_HDR_SIZE) {
            return FMT_ERR_BUNDLE_SEGMENT;
        }
        const uint8_t *h = s + pos;
        struct fmt_bundle_segment g = {
            bundle_load_u32(h + BUNDLE_SEG_DEST), bundle_load_u32(h + BUNDLE_SEG_OUT_LEN),
            bundle_load_u32(h + BUNDLE_SEG_STORED_LEN), bundle_load_u32(h + BUNDLE_SEG_ENCODING),
            h + BUNDLE_SEG_HDR_SIZE};
        pos += BUNDLE_SEG_HDR_SIZE;
        int err = check(in, &g);
        if (err == 0 &&
            (g.stored_len > UINT32_MAX - 3u || bundle_pad4(g.stored_len) > in->stored_len - pos)) {
            err = FMT_ERR_BUNDLE_SEGMENT;
        }
        err = err < 0 ? err : fn(ctx, &g);
        if (err < 0) {
            return err;
        }
        pos += bundle_pad4(g.stored_len);
    }
    return 0;
}

int fmt_bundle_segments(const uint8_t *buf, const struct fmt_bundle_info *info, fmt_segment_fn fn,
                        void *ctx)
{
    uint8_t *s = gather(buf, info);
    if (s == NULL) {
        return FMT_ERR_NOMEM;
    }
    int err;
    if (info->version == BUNDLE_VERSION_1) {
        struct fmt_bundle_segment g = {info->payload_addr, info->payload_len, info->payload_len,
                                       BUNDLE_ENC_PLAIN, s};
        err = fn(ctx, &g);
    } else {
        err = walk(s, info, fn, ctx);
    }
    free(s);
    return err;
}

int fmt_bundle_inflate(const struct fmt_bundle_segment *seg, uint8_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) {
        return FMT_ERR_ZLIB;
    }
    z.next_in = (Bytef *)(uintptr_t)seg->data;
    z.avail_in = seg->stored_len;
    z.next_out = out;
    z.avail_out = seg->out_len;
    int rc = inflate(&z, Z_FINISH);
    int ok = rc == Z_STREAM_END && z.avail_out == 0 && z.avail_in == 0;
    inflateEnd(&z);
    return ok ? 0 : FMT_ERR_ZLIB;
}
