// Bundle verification and streaming (docs/bundle-format.md section 5).
//
// Two passes over the source, each byte read once: the signed region
// (header + directory) streams through a small read window into the Ed25519
// hash while the same bytes are parsed; then the chunk records, each read
// once, hashed, compared and written from one place. Header and directory
// problems found while streaming are held back until the signature verified,
// so nothing in the signed region is acted on before it is authenticated.
#include "fwl/loader.h"

#include <string.h>

#include "wire/bundle_wire.h"
#include "wire/blake2s.h"
#include "loader_priv.h"

// Keeps a function's locals out of its caller's frame, so the BLAKE2s state
// of the signed-region pass and of the chunk loop is not on the stack while
// Ed25519 (the stack peak) runs.
#if defined(__GNUC__) || defined(__clang__)
#define FWL_NOINLINE __attribute__((noinline))
#else
#define FWL_NOINLINE
#endif

// Ed25519 verification over the bytes absorbed so far plus the optional
// BLAKE2s digest of the signed region (read sources, for fwl_asset_find).
static void absorb(struct fwl_ctx *c, struct fwl_stream *s, const uint8_t *p, uint32_t n)
{
    if (n == 0) {
        return;
    }
    if (s->use_ed) {
        fwl_ed25519_verify_update(&c->ed, p, n);
    }
    if (s->use_b2) {
        bundle_blake2s_update(&s->b2, p, n);
    }
}

static int port_read(struct fwl_ctx *c, uint32_t off, uint8_t *buf, uint32_t len)
{
    const struct fwl_port *p = c->port;
    int rc = p->read(p->ctx, off, buf, len);
    if (rc != 0) {
        c->detail = rc;
        return FWL_ERR_READ;
    }
    return FWL_OK;
}

// Moves the window so that [off, off + len) is contiguous in it, reading
// ahead up to `end`. Offsets only grow; every byte below the window end is
// absorbed exactly once (on eviction or by fwl_stream_drain), so the hash
// sees the file in order without reading anything twice.
const uint8_t *fwl_stream_fetch(struct fwl_ctx *c, struct fwl_stream *s, uint32_t off, uint32_t len,
                                uint32_t end, int *err)
{
    const struct fwl_port *p = c->port;
    if (p->src != NULL) {
        return p->src + off;
    }
    uint32_t win_end = c->win_off + c->win_len;
    if (off >= c->win_off && off <= win_end && len <= win_end - off) {
        return p->buf + (off - c->win_off);
    }
    absorb(c, s, p->buf + (c->hashed - c->win_off), win_end - c->hashed);
    c->hashed = win_end;
    uint32_t keep = 0;
    if (off < win_end) {
        keep = win_end - off;
        memmove(p->buf, p->buf + (off - c->win_off), keep);
    } else {
        *err = fwl_stream_drain(c, s, off);
        if (*err < 0) {
            return NULL;
        }
    }
    uint32_t n = end - (off + keep);
    if (n > p->buf_size - keep) {
        n = (uint32_t)(p->buf_size - keep);
    }
    c->win_off = off;
    c->win_len = keep;
    *err = port_read(c, off + keep, p->buf + keep, n);
    if (*err < 0) {
        return NULL;
    }
    c->win_len = keep + n;
    if (len > c->win_len) {
        *err = FWL_ERR_BAD_HEADER; // layout was checked; cannot happen
        return NULL;
    }
    return p->buf;
}

// Absorbs everything not yet absorbed below `end`.
int fwl_stream_drain(struct fwl_ctx *c, struct fwl_stream *s, uint32_t end)
{
    const struct fwl_port *p = c->port;
    if (p->src != NULL) {
        absorb(c, s, p->src + c->hashed, end - c->hashed);
        c->hashed = end;
        return FWL_OK;
    }
    uint32_t win_end = c->win_off + c->win_len;
    if (c->hashed < win_end) {
        absorb(c, s, p->buf + (c->hashed - c->win_off), win_end - c->hashed);
        c->hashed = win_end;
    }
    while (c->hashed < end) {
        uint32_t n = end - c->hashed;
        if (n > p->buf_size) {
            n = (uint32_t)p->buf_size;
        }
        c->win_off = c->hashed;
        c->win_len = 0;
        int err = port_read(c, c->hashed, p->buf, n);
        if (err < 0) {
            return err;
        }
        c->win_len = n;
        absorb(c, s, p->buf, n);
        c->hashed += n;
    }
    return FWL_OK;
}

static int check_port(const struct fwl_port *p)
{
    if (p->xram_write == NULL || p->keys == NULL || p->key_count == 0 || p->ram_size == 0) {
        return FWL_ERR_ARG;
    }
    if ((p->get_security_version == NULL) != (p->set_security_version == NULL)) {
        return FWL_ERR_ARG;
    }
    if (p->src != NULL && p->read != NULL) {
        return FWL_ERR_ARG; // ambiguous source
    }
    if (p->src == NULL) {
        if (p->read == NULL || p->buf == NULL || p->buf_size < BUNDLE_CHUNK_MIN + FWL_BUF_EXTRA) {
            return FWL_ERR_ARG;
        }
    }
    return FWL_OK;
}

// Picks the trusted key whose id the (not yet authenticated) header names.
// Choosing a wrong key can only make the signature check fail.
static int select_key(struct fwl_ctx *c, const uint8_t *hdr)
{
    const struct fwl_port *p = c->port;
    for (size_t k = 0; k < p->key_count; k++) {
        uint8_t id[32];
        bundle_blake2s(id, p->keys[k], 32);
        if (memcmp(id, hdr + BUNDLE_OFF_KEY_ID, BUNDLE_KEY_ID_SIZE) == 0) {
            c->key_index = (uint32_t)k;
            return FWL_OK;
        }
    }
    return FWL_ERR_UNKNOWN_KEY;
}

// Reads the fixed header once (it stays in the window and is hashed from
// there) and checks only the framing needed to find the signature.
static int read_framing(struct fwl_ctx *c, const uint8_t **hdr)
{
    const struct fwl_port *p = c->port;
    if (p->src_len < BUNDLE_HDR_SIZE) {
        return FWL_ERR_TRUNCATED;
    }
    if (p->src != NULL) {
        *hdr = p->src;
    } else {
        int err = port_read(c, 0, p->buf, BUNDLE_HDR_SIZE);
        if (err < 0) {
            return err;
        }
        c->win_len = BUNDLE_HDR_SIZE;
        *hdr = p->buf;
    }
    const uint8_t *h = *hdr;
    if (bundle_load_u32(h + BUNDLE_OFF_MAGIC) != BUNDLE_MAGIC_U32) {
        return FWL_ERR_BAD_MAGIC;
    }
    uint16_t version = bundle_load_u16(h + BUNDLE_OFF_VERSION);
    if (version < BUNDLE_VERSION_1 || version > BUNDLE_VERSION) {
        return FWL_ERR_VERSION;
    }
    if ((bundle_load_u16(h + BUNDLE_OFF_FLAGS) & ~bundle_flags_known(version)) != 0u) {
        return FWL_ERR_FLAGS;
    }
    uint32_t signed_len = bundle_load_u32(h + BUNDLE_OFF_SIGNED_LEN);
    if (signed_len < BUNDLE_HDR_SIZE) {
        return FWL_ERR_BAD_HEADER;
    }
    if (signed_len > FWL_SIGNED_MAX) {
        return FWL_ERR_TOO_LARGE;
    }
    if (signed_len > p->src_len || BUNDLE_SIG_SIZE > p->src_len - signed_len) {
        return FWL_ERR_TRUNCATED;
    }
    c->signed_len = signed_len;
    return select_key(c, h);
}

// Gets the signature next to the header (read sources: into the buffer after
// the header; with an Ed25519 override the whole signed region too, so it is
// contiguous) and starts the streaming verifier unless overridden.
static int start_signature(struct fwl_ctx *c, const uint8_t **sig)
{
    const struct fwl_port *p = c->port;
    const uint8_t *pk = p->keys[c->key_index];
    if (p->src != NULL) {
        *sig = p->src + c->signed_len;
    } else if (p->ed25519_verify != NULL) {
        if (c->signed_len + BUNDLE_SIG_SIZE > p->buf_size) {
            return FWL_ERR_TOO_LARGE;
        }
        int err = port_read(c, BUNDLE_HDR_SIZE, p->buf + BUNDLE_HDR_SIZE,
                            c->signed_len + BUNDLE_SIG_SIZE - BUNDLE_HDR_SIZE);
        if (err < 0) {
            return err;
        }
        c->win_len = c->signed_len;
        *sig = p->buf + c->signed_len;
    } else {
        int err = port_read(c, c->signed_len, p->buf + BUNDLE_HDR_SIZE, BUNDLE_SIG_SIZE);
        if (err < 0) {
            return err;
        }
        *sig = p->buf + BUNDLE_HDR_SIZE;
    }
    if (p->ed25519_verify == NULL) {
        fwl_ed25519_verify_init(&c->ed, *sig, pk);
    }
    return FWL_OK;
}

// Streams the signed region through the hashes, parsing it on the way, and
// keeps its BLAKE2s digest for read sources. Separate from the signature
// check so the BLAKE2s state is off the stack before Ed25519 runs.
FWL_NOINLINE static int stream_signed(struct fwl_ctx *c, const uint8_t *hdr)
{
    const struct fwl_port *p = c->port;
    struct fwl_stream s;
    s.use_ed = p->ed25519_verify == NULL;
    s.use_b2 = p->src == NULL;
    if (s.use_b2) {
        bundle_blake2s_init(&s.b2, 32);
    }
    int err = fwl_parse_header(c, hdr);
    if (err == FWL_OK && c->version == BUNDLE_VERSION_2) {
        const uint8_t *f = fwl_stream_fetch(c, &s, BUNDLE_OFF_STORED_LEN, 4, c->signed_len, &err);
        if (f != NULL) {
            fwl_parse_stored(c, f);
        }
    }
    for (uint32_t k = 0; err == FWL_OK && k < c->asset_count; k++) {
        const uint8_t *e = fwl_stream_fetch(c, &s, c->hdr_size + k * c->entry_size,
                                            BUNDLE_ENTRY_SIZE, c->signed_len, &err);
        if (e != NULL) {
            fwl_parse_entry(c, e, k);
        }
    }
    if (err == FWL_ERR_BAD_HEADER) {
        c->parse_err = err; // held back until the signature verified
        err = FWL_OK;
    }
    if (err == FWL_OK) {
        err = fwl_stream_drain(c, &s, c->signed_len);
    }
    if (s.use_b2) {
        bundle_blake2s_final(&s.b2, c->dir_digest);
    }
    return err;
}

static int verify_signature(struct fwl_ctx *c, const uint8_t *sig)
{
    const struct fwl_port *p = c->port;
    int v;
    if (p->ed25519_verify != NULL) {
        const uint8_t *region = p->src != NULL ? p->src : p->buf;
        v = p->ed25519_verify(p->ctx, sig, region, c->signed_len, p->keys[c->key_index]);
    } else {
        v = fwl_ed25519_verify_final(&c->ed);
    }
    if (v != FWL_ED25519_OK) {
        c->detail = v;
        return FWL_ERR_BAD_SIGNATURE;
    }
    return FWL_OK;
}

// Rules that need authenticated fields, in the documented order.
static int check_verified(struct fwl_ctx *c)
{
    const struct fwl_port *p = c->port;
    if (c->parse_err < 0) {
        return c->parse_err;
    }
    uint64_t need = (uint64_t)c->signed_len + BUNDLE_SIG_SIZE + c->stored_len +
                    (uint64_t)BUNDLE_DIGEST_SIZE * (c->chunk_count - 1u);
    if (p->src_len < need) {
        return FWL_ERR_TRUNCATED;
    }
    if (p->src_len > need) {
        return FWL_ERR_TRAILING;
    }
    if (p->src == NULL && c->chunk_size + FWL_BUF_EXTRA > p->buf_size) {
        return FWL_ERR_TOO_LARGE;
    }
    c->stored_version = 0;
    if (p->get_security_version != NULL) {
        int rc = p->get_security_version(p->ctx, &c->stored_version);
        if (rc != 0) {
            c->detail = rc;
            return FWL_ERR_STORAGE;
        }
    }
    if (c->security_version < c->stored_version) {
        return FWL_ERR_ROLLBACK;
    }
    if ((c->flags & BUNDLE_FLAG_ZLIB) != 0u && p->xram_inflate == NULL) {
        return FWL_ERR_NO_INFLATE;
    }
    if (c->target_id != p->target_id || c->space_base < p->ram_base ||
        c->space_base - p->ram_base >= p->ram_size ||
        c->space_size > p->ram_size - (c->space_base - p->ram_base)) {
        return FWL_ERR_WRONG_TARGET;
    }
    return c->dir_err;
}

static void chunk_digest(const struct fwl_port *p, uint8_t out[32], const uint8_t *rec,
                         uint32_t len)
{
    if (p->blake2s != NULL) {
        p->blake2s(p->ctx, out, rec, len);
    } else {
        bundle_blake2s(out, rec, len);
    }
}

// A verified chunk: v1 writes it where it belongs, v2 applies its segments.
static int write_chunk(struct fwl_ctx *c, uint32_t i, const uint8_t *rec, uint32_t clen)
{
    const struct fwl_port *p = c->port;
    if (c->version == BUNDLE_VERSION_2) {
        return fwl_segments_apply(c, rec, clen);
    }
    int rc = p->xram_write(p->ctx, c->payload_addr + i * c->chunk_size, rec, clen);
    if (rc != 0) {
        c->detail = rc;
        return FWL_ERR_WRITE;
    }
    return FWL_OK;
}

// The hash chain: each record is read once, hashed, compared, and only then
// its chunk is written and its trailing digest carried forward, all from the
// same bytes.
FWL_NOINLINE static int stream_chunks(struct fwl_ctx *c)
{
    const struct fwl_port *p = c->port;
    uint32_t off = c->signed_len + BUNDLE_SIG_SIZE;
    for (uint32_t i = 0; i < c->chunk_count; i++) {
        uint32_t clen = bundle_chunk_len(c->stored_len, c->chunk_size, i);
        uint32_t rlen = bundle_record_len(c->stored_len, c->chunk_size, i);
        const uint8_t *rec = p->src != NULL ? p->src + off : p->buf;
        c->chunk = i;
        if (p->src == NULL) {
            int err = port_read(c, off, p->buf, rlen);
            if (err < 0) {
                return err;
            }
        }
        uint8_t digest[32];
        chunk_digest(p, digest, rec, rlen);
        if (memcmp(digest, c->expected, sizeof digest) != 0) {
            return FWL_ERR_CHUNK_DIGEST;
        }
        int err = write_chunk(c, i, rec, clen);
        if (err < 0) {
            return err;
        }
        c->chunks_done = i + 1u;
        if (rlen > clen) {
            memcpy(c->expected, rec + clen, BUNDLE_DIGEST_SIZE);
        }
        if (p->progress != NULL) {
            uint32_t done = i + 1u == c->chunk_count ? c->stored_len : (i + 1u) * c->chunk_size;
            p->progress(p->ctx, done, c->stored_len);
        }
        off += rlen;
    }
    return c->version == BUNDLE_VERSION_2 ? fwl_segments_end(c) : FWL_OK;
}

static int commit_version(struct fwl_ctx *c)
{
    const struct fwl_port *p = c->port;
    if (p->set_security_version == NULL || c->security_version <= c->stored_version) {
        return FWL_OK;
    }
    int rc = p->set_security_version(p->ctx, c->security_version);
    if (rc != 0) {
        c->detail = rc;
        return FWL_ERR_STORAGE;
    }
    return FWL_OK;
}

static int run(struct fwl_ctx *c)
{
    const uint8_t *hdr = NULL;
    const uint8_t *sig = NULL;
    int err = check_port(c->port);
    if (err == FWL_OK) {
        err = read_framing(c, &hdr);
    }
    if (err == FWL_OK) {
        err = start_signature(c, &sig);
    }
    if (err == FWL_OK) {
        err = stream_signed(c, hdr);
    }
    if (err == FWL_OK) {
        err = verify_signature(c, sig);
    }
    if (err == FWL_OK) {
        err = check_verified(c);
    }
    if (err == FWL_OK) {
        err = stream_chunks(c);
    }
    if (err == FWL_OK) {
        err = commit_version(c);
    }
    return err;
}

int fwl_load(struct fwl_ctx *ctx, const struct fwl_port *port)
{
    // Fail closed: the result is a failure until the one assignment below.
    int result = FWL_ERR_FAIL;
    if (ctx == NULL) {
        return FWL_ERR_ARG;
    }
    memset(ctx, 0, sizeof *ctx);
    ctx->result = FWL_ERR_FAIL;
    ctx->port = port;
    if (port == NULL) {
        result = FWL_ERR_ARG;
        goto out;
    }
    int err = run(ctx);
    if (err < 0) {
        result = err;
        goto out;
    }
    if (err == FWL_OK && ctx->chunks_done == ctx->chunk_count && ctx->chunk_count != 0u) {
        ctx->loaded = 1;
        result = FWL_OK;
    }
out:
    ctx->result = result;
    return result;
}
