// Header and directory rules (docs/bundle-format.md sections 3 and 4) and
// asset lookup in the verified directory.
//
// Every length is checked by subtraction so nothing can wrap; target ranges
// are compared as offsets from payload_addr because payload_addr +
// payload_len may equal 2^32.
#include <string.h>

#include "wire/bundle_wire.h"
#include "fwl/loader.h"
#include "loader_priv.h"

static void note(int *slot, int err)
{
    if (*slot == FWL_OK) {
        *slot = err;
    }
}

// Layout of the signed region: can the directory be walked?
static int check_layout(const struct fwl_ctx *c)
{
    uint32_t min_hdr = c->version == BUNDLE_VERSION_2 ? BUNDLE_HDR_SIZE_V2 : BUNDLE_HDR_SIZE;
    if (c->hdr_size < min_hdr || c->hdr_size % 4u != 0u || c->entry_size < BUNDLE_ENTRY_SIZE ||
        c->entry_size % 4u != 0u || c->asset_count < 1u || c->asset_count > BUNDLE_ASSETS_MAX ||
        c->hdr_size > c->signed_len || c->entry_size > c->signed_len) {
        return FWL_ERR_BAD_HEADER;
    }
    // Both factors are at most 65536 and 1000: no overflow.
    if (c->signed_len - c->hdr_size != c->asset_count * c->entry_size) {
        return FWL_ERR_BAD_HEADER;
    }
    return FWL_OK;
}

// The chunk records must carry exactly stored_len bytes.
static int check_chunks(const struct fwl_ctx *c)
{
    if (!bundle_chunk_size_valid(c->chunk_size)) {
        return FWL_ERR_BAD_HEADER;
    }
    uint32_t count = c->stored_len / c->chunk_size + (c->stored_len % c->chunk_size != 0u);
    return c->stored_len == 0u || c->chunk_count != count ? FWL_ERR_BAD_HEADER : FWL_OK;
}

static int check_payload(const struct fwl_ctx *c)
{
    if (c->space_size == 0u || c->space_size - 1u > UINT32_MAX - c->space_base) {
        return FWL_ERR_BAD_HEADER;
    }
    if (!bundle_chunk_size_valid(c->chunk_size) || c->payload_len == 0u) {
        return FWL_ERR_BAD_HEADER;
    }
    if (c->payload_addr < c->space_base || c->payload_addr - c->space_base >= c->space_size ||
        c->payload_len > c->space_size - (c->payload_addr - c->space_base)) {
        return FWL_ERR_BAD_HEADER;
    }
    return FWL_OK;
}

int fwl_parse_header(struct fwl_ctx *c, const uint8_t *h)
{
    c->hdr_size = bundle_load_u32(h + BUNDLE_OFF_HDR_SIZE);
    c->target_id = bundle_load_u32(h + BUNDLE_OFF_TARGET_ID);
    c->space_base = bundle_load_u32(h + BUNDLE_OFF_SPACE_BASE);
    c->space_size = bundle_load_u32(h + BUNDLE_OFF_SPACE_SIZE);
    c->security_version = bundle_load_u32(h + BUNDLE_OFF_SECURITY_VER);
    c->chunk_size = bundle_load_u32(h + BUNDLE_OFF_CHUNK_SIZE);
    c->chunk_count = bundle_load_u32(h + BUNDLE_OFF_CHUNK_COUNT);
    c->payload_addr = bundle_load_u32(h + BUNDLE_OFF_PAYLOAD_ADDR);
    c->payload_len = bundle_load_u32(h + BUNDLE_OFF_PAYLOAD_LEN);
    c->asset_count = bundle_load_u32(h + BUNDLE_OFF_ASSET_COUNT);
    c->entry_size = bundle_load_u32(h + BUNDLE_OFF_ENTRY_SIZE);
    memcpy(c->expected, h + BUNDLE_OFF_FIRST_DIGEST, BUNDLE_DIGEST_SIZE);
    c->version = bundle_load_u16(h + BUNDLE_OFF_VERSION);
    c->flags = bundle_load_u16(h + BUNDLE_OFF_FLAGS);
    c->stored_len = c->payload_len; // v2: fwl_parse_stored
    note(&c->parse_err, check_payload(c));
    if (c->version == BUNDLE_VERSION_1) {
        note(&c->parse_err, check_chunks(c));
    }
    int err = check_layout(c);
    if (err < 0) {
        c->asset_count = 0;
    }
    return err;
}

void fwl_parse_stored(struct fwl_ctx *c, const uint8_t *p)
{
    c->stored_len = bundle_load_u32(p);
    note(&c->parse_err, check_chunks(c));
}

// A name is 1..23 characters followed by NUL padding.
static int name_ok(const uint8_t *name)
{
    const uint8_t *nul = memchr(name, 0, BUNDLE_NAME_SIZE);
    return nul != NULL && nul != name;
}

void fwl_parse_entry(struct fwl_ctx *c, const uint8_t *e, uint32_t k)
{
    uint32_t addr = bundle_load_u32(e + BUNDLE_ENT_ADDR);
    uint32_t size = bundle_load_u32(e + BUNDLE_ENT_SIZE);
    if (!name_ok(e + BUNDLE_ENT_NAME) || size == 0u) {
        note(&c->dir_err, FWL_ERR_BAD_ENTRY);
        return;
    }
    uint32_t rel = addr - c->payload_addr;
    if (addr < c->payload_addr || rel >= c->payload_len || size > c->payload_len - rel) {
        note(&c->dir_err, FWL_ERR_DIR_RANGE);
        return;
    }
    if (k > 0u && rel < c->prev_end) {
        note(&c->dir_err, FWL_ERR_DIR_OVERLAP);
    }
    c->prev_end = rel + size;
}

static void decode_entry(const uint8_t *e, struct fwl_asset_info *info)
{
    memcpy(info->name, e + BUNDLE_ENT_NAME, BUNDLE_NAME_SIZE);
    info->kind = e[BUNDLE_ENT_KIND];
    info->format = e[BUNDLE_ENT_FORMAT];
    info->addr = bundle_load_u32(e + BUNDLE_ENT_ADDR);
    info->size = bundle_load_u32(e + BUNDLE_ENT_SIZE);
    info->width = bundle_load_u32(e + BUNDLE_ENT_WIDTH);
    info->height = bundle_load_u32(e + BUNDLE_ENT_HEIGHT);
    info->stride = bundle_load_u32(e + BUNDLE_ENT_STRIDE);
    info->aux[0] = bundle_load_u32(e + BUNDLE_ENT_AUX0);
    info->aux[1] = bundle_load_u32(e + BUNDLE_ENT_AUX1);
    info->aux[2] = bundle_load_u32(e + BUNDLE_ENT_AUX2);
}

// What a lookup asks for: an entry by name (`name` not NULL) or by index.
struct lookup {
    const char *name;
    size_t len;
    uint32_t index;
};

static int matches(const uint8_t *e, uint32_t k, const struct lookup *q)
{
    if (q->name == NULL) {
        return k == q->index;
    }
    return memcmp(e + BUNDLE_ENT_NAME, q->name, q->len) == 0 && e[BUNDLE_ENT_NAME + q->len] == 0;
}

// Read sources: the directory is read again, hashed as a whole, and the
// match is only returned if the digest equals the one taken while the
// signature was checked.
static int find_rehash(struct fwl_ctx *c, const struct lookup *q, struct fwl_asset_info *out)
{
    struct fwl_stream s;
    struct fwl_asset_info found;
    int hit = 0;
    int err = FWL_OK;
    s.use_ed = 0;
    s.use_b2 = 1;
    bundle_blake2s_init(&s.b2, 32);
    c->win_off = 0;
    c->win_len = 0;
    c->hashed = 0;
    for (uint32_t k = 0; err == FWL_OK && k < c->asset_count; k++) {
        const uint8_t *e = fwl_stream_fetch(c, &s, c->hdr_size + k * c->entry_size,
                                            BUNDLE_ENTRY_SIZE, c->signed_len, &err);
        if (e != NULL && !hit && matches(e, k, q)) {
            decode_entry(e, &found);
            hit = 1;
        }
    }
    if (err == FWL_OK) {
        err = fwl_stream_drain(c, &s, c->signed_len);
    }
    uint8_t digest[32];
    bundle_blake2s_final(&s.b2, digest);
    if (err < 0) {
        return err;
    }
    if (memcmp(digest, c->dir_digest, sizeof digest) != 0) {
        return FWL_ERR_DIR_CHANGED;
    }
    if (!hit) {
        return FWL_ERR_NOT_FOUND;
    }
    *out = found;
    return FWL_OK;
}

static int is_loaded(const struct fwl_ctx *ctx)
{
    return ctx->loaded == 1 && ctx->result == FWL_OK && ctx->port != NULL;
}

static int find(struct fwl_ctx *ctx, const struct lookup *q, struct fwl_asset_info *info)
{
    const uint8_t *src = ctx->port->src;
    if (src == NULL) {
        return find_rehash(ctx, q, info);
    }
    for (uint32_t k = 0; k < ctx->asset_count; k++) {
        const uint8_t *e = src + ctx->hdr_size + k * ctx->entry_size;
        if (matches(e, k, q)) {
            decode_entry(e, info);
            return FWL_OK;
        }
    }
    return FWL_ERR_NOT_FOUND;
}

int fwl_asset_find(struct fwl_ctx *ctx, const char *name, struct fwl_asset_info *info)
{
    if (ctx == NULL || name == NULL || info == NULL) {
        return FWL_ERR_ARG;
    }
    if (!is_loaded(ctx)) {
        return FWL_ERR_NOT_LOADED;
    }
    struct lookup q = {name, 0, 0};
    while (q.len < BUNDLE_NAME_SIZE && name[q.len] != '\0') {
        q.len++;
    }
    if (q.len == 0 || q.len >= BUNDLE_NAME_SIZE) {
        return FWL_ERR_NOT_FOUND;
    }
    return find(ctx, &q, info);
}

int fwl_asset_at(struct fwl_ctx *ctx, uint32_t index, struct fwl_asset_info *info)
{
    if (ctx == NULL || info == NULL) {
        return FWL_ERR_ARG;
    }
    if (!is_loaded(ctx)) {
        return FWL_ERR_NOT_LOADED;
    }
    struct lookup q = {NULL, 0, index};
    return find(ctx, &q, info);
}
