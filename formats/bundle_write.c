// Bundle writer: builds the linked payload image, hashes the chunk records
// from last to first (each record carries the digest of the next one), then
// writes header, directory, signature and records.
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "bundle_stream.h"
#include "formats/bundle.h"
#include "formats/error.h"
#include "wire/blake2s.h"

void fmt_bundle_key_id(uint8_t out[BUNDLE_KEY_ID_SIZE], const uint8_t public_key[32])
{
    uint8_t d[32];
    bundle_blake2s(d, public_key, 32);
    memcpy(out, d, BUNDLE_KEY_ID_SIZE);
}

uint32_t fmt_bundle_target_id(const char *name)
{
    uint8_t d[32];
    bundle_blake2s(d, (const uint8_t *)name, strlen(name));
    return bundle_load_u32(d);
}

static uint32_t chunk_count(uint32_t payload_len, uint32_t chunk_size)
{
    return payload_len / chunk_size + (payload_len % chunk_size != 0 ? 1u : 0u);
}

uint64_t fmt_bundle_size(size_t n_assets, uint32_t payload_len, uint32_t chunk_size)
{
    uint32_t nc = chunk_count(payload_len, chunk_size);
    return BUNDLE_HDR_SIZE + (uint64_t)n_assets * BUNDLE_ENTRY_SIZE + BUNDLE_SIG_SIZE +
           payload_len + (nc > 0 ? (uint64_t)(nc - 1) * BUNDLE_DIGEST_SIZE : 0);
}

static int check_args(const struct fmt_bundle_params *p, const struct fmt_asset *assets, size_t n,
                      const struct fmt_link_result *link)
{
    if (!bundle_chunk_size_valid(p->chunk_size) || p->sign == NULL || n == 0 ||
        n > BUNDLE_ASSETS_MAX || link->payload_len == 0) {
        return FMT_ERR_INVALID_ARG;
    }
    uint64_t space_end = (uint64_t)p->space_base + p->space_size;
    uint64_t pay_end = (uint64_t)link->payload_addr + link->payload_len;
    if (p->space_size == 0 || space_end > 0x100000000ull || link->payload_addr < p->space_base ||
        pay_end > space_end) {
        return FMT_ERR_INVALID_ARG;
    }
    uint64_t prev_end = link->payload_addr;
    for (size_t i = 0; i < n; i++) {
        const struct fmt_asset *a = &assets[i];
        uint64_t end = (uint64_t)a->addr + a->size;
        if (a->size == 0 || a->addr < prev_end || end > pay_end || a->kind > 255 ||
            a->encoding > BUNDLE_ENC_ZLIB || a->format > 255 || !fmt_asset_name_valid(a->name)) {
            return FMT_ERR_INVALID_ARG;
        }
        prev_end = end;
    }
    return 0;
}

static void put_entry(uint8_t *e, const struct fmt_asset *a)
{
    memset(e, 0, BUNDLE_ENTRY_SIZE);
    memcpy(e + BUNDLE_ENT_NAME, a->name, strnlen(a->name, FMT_NAME_MAX));
    e[BUNDLE_ENT_KIND] = (uint8_t)a->kind;
    e[BUNDLE_ENT_FORMAT] = (uint8_t)a->format;
    fmt_put_u16le(e + BUNDLE_ENT_FLAGS, (uint16_t)a->flags);
    fmt_put_u32le(e + BUNDLE_ENT_ADDR, a->addr);
    fmt_put_u32le(e + BUNDLE_ENT_SIZE, a->size);
    fmt_put_u32le(e + BUNDLE_ENT_WIDTH, a->width);
    fmt_put_u32le(e + BUNDLE_ENT_HEIGHT, a->height);
    fmt_put_u32le(e + BUNDLE_ENT_STRIDE, a->stride);
    fmt_put_u32le(e + BUNDLE_ENT_AUX0, a->aux0);
    fmt_put_u32le(e + BUNDLE_ENT_AUX1, a->aux1);
    fmt_put_u32le(e + BUNDLE_ENT_AUX2, a->aux2);
}

unsigned fmt_bundle_version(const struct fmt_bundle_params *params, const struct fmt_asset *assets,
                            size_t n)
{
    int zlib = params->compress_all;
    for (size_t i = 0; i < n; i++) {
        zlib |= assets[i].encoding == BUNDLE_ENC_ZLIB;
    }
    return zlib ? BUNDLE_VERSION_2 : BUNDLE_VERSION_1;
}

// What the header says about the stream beyond v1's fields.
struct stream_info {
    unsigned version, flags;
    uint32_t len, hdr_size;
};

static void put_header(uint8_t *h, const struct fmt_bundle_params *p, size_t n,
                       const struct fmt_link_result *link, uint32_t signed_len, uint32_t nc,
                       const struct stream_info *si)
{
    memset(h, 0, si->hdr_size);
    h[0] = BUNDLE_MAGIC_0;
    h[1] = BUNDLE_MAGIC_1;
    h[2] = BUNDLE_MAGIC_2;
    h[3] = BUNDLE_MAGIC_3;
    fmt_put_u16le(h + BUNDLE_OFF_VERSION, (uint16_t)si->version);
    fmt_put_u16le(h + BUNDLE_OFF_FLAGS, (uint16_t)si->flags);
    fmt_put_u32le(h + BUNDLE_OFF_SIGNED_LEN, signed_len);
    fmt_put_u32le(h + BUNDLE_OFF_HDR_SIZE, si->hdr_size);
    if (si->version == BUNDLE_VERSION_2) {
        fmt_put_u32le(h + BUNDLE_OFF_STORED_LEN, si->len);
    }
    fmt_put_u32le(h + BUNDLE_OFF_TARGET_ID, p->target_id);
    fmt_put_u32le(h + BUNDLE_OFF_SPACE_BASE, p->space_base);
    fmt_put_u32le(h + BUNDLE_OFF_SPACE_SIZE, p->space_size);
    fmt_put_u32le(h + BUNDLE_OFF_SECURITY_VER, p->security_version);
    memcpy(h + BUNDLE_OFF_KEY_ID, p->key_id, BUNDLE_KEY_ID_SIZE);
    fmt_put_u32le(h + BUNDLE_OFF_CHUNK_SIZE, p->chunk_size);
    fmt_put_u32le(h + BUNDLE_OFF_CHUNK_COUNT, nc);
    fmt_put_u32le(h + BUNDLE_OFF_PAYLOAD_ADDR, link->payload_addr);
    fmt_put_u32le(h + BUNDLE_OFF_PAYLOAD_LEN, link->payload_len);
    fmt_put_u32le(h + BUNDLE_OFF_ASSET_COUNT, (uint32_t)n);
    fmt_put_u32le(h + BUNDLE_OFF_ENTRY_SIZE, BUNDLE_ENTRY_SIZE);
}

// digests[i] = BLAKE2s-256(chunk_i || digests[i+1]), computed back to front.
static void hash_chain(uint8_t *digests, const uint8_t *payload, uint32_t payload_len,
                       uint32_t chunk_size, uint32_t nc)
{
    for (uint32_t i = nc; i-- > 0;) {
        struct bundle_blake2s_ctx ctx;
        bundle_blake2s_init(&ctx, BUNDLE_DIGEST_SIZE);
        bundle_blake2s_update(&ctx, payload + (size_t)i * chunk_size,
                              bundle_chunk_len(payload_len, chunk_size, i));
        if (i + 1 < nc) {
            bundle_blake2s_update(&ctx, digests + (size_t)(i + 1) * BUNDLE_DIGEST_SIZE,
                                  BUNDLE_DIGEST_SIZE);
        }
        bundle_blake2s_final(&ctx, digests + (size_t)i * BUNDLE_DIGEST_SIZE);
    }
}

static void write_records(struct fmt_sink *out, const uint8_t *digests, const uint8_t *payload,
                          uint32_t payload_len, uint32_t chunk_size, uint32_t nc)
{
    for (uint32_t i = 0; i < nc; i++) {
        fmt_sink_write(out, payload + (size_t)i * chunk_size,
                       bundle_chunk_len(payload_len, chunk_size, i));
        if (i + 1 < nc) {
            fmt_sink_write(out, digests + (size_t)(i + 1) * BUNDLE_DIGEST_SIZE, BUNDLE_DIGEST_SIZE);
        }
    }
}

// The linked image of the payload range, gaps zero-filled.
static uint8_t *payload_image(const struct fmt_asset *assets, size_t n,
                              const struct fmt_link_result *link)
{
    uint8_t *payload = calloc(1, link->payload_len);
    for (size_t i = 0; payload != NULL && i < n; i++) {
        memcpy(payload + (assets[i].addr - link->payload_addr), assets[i].data, assets[i].size);
    }
    return payload;
}

static int sign_and_write(struct fmt_sink *out, const struct fmt_bundle_params *params,
                          const struct fmt_asset *assets, size_t n,
                          const struct fmt_link_result *link, const uint8_t *stream,
                          const struct stream_info *si)
{
    uint32_t nc = chunk_count(si->len, params->chunk_size);
    uint32_t signed_len = si->hdr_size + (uint32_t)n * BUNDLE_ENTRY_SIZE;
    uint8_t *digests = malloc((size_t)nc * BUNDLE_DIGEST_SIZE);
    uint8_t *region = malloc(signed_len);
    int err = 0;
    if (digests == NULL || region == NULL) {
        err = FMT_ERR_NOMEM;
        goto out_free;
    }
    hash_chain(digests, stream, si->len, params->chunk_size, nc);
    put_header(region, params, n, link, signed_len, nc, si);
    memcpy(region + BUNDLE_OFF_FIRST_DIGEST, digests, BUNDLE_DIGEST_SIZE);
    for (size_t i = 0; i < n; i++) {
        put_entry(region + si->hdr_size + i * BUNDLE_ENTRY_SIZE, &assets[i]);
    }
    uint8_t sig[BUNDLE_SIG_SIZE];
    if (params->sign(params->sign_ctx, sig, region, signed_len) < 0) {
        err = FMT_ERR_SIGN;
        goto out_free;
    }
    fmt_sink_write(out, region, signed_len);
    fmt_sink_write(out, sig, sizeof(sig));
    write_records(out, digests, stream, si->len, params->chunk_size, nc);
    err = fmt_sink_status(out);
out_free:
    free(region);
    free(digests);
    return err;
}

int fmt_bundle_write(struct fmt_sink *out, const struct fmt_bundle_params *params,
                     const struct fmt_asset *assets, size_t n, const struct fmt_link_result *link)
{
    int err = check_args(params, assets, n, link);
    if (err < 0) {
        return err;
    }
    struct stream_info si = {fmt_bundle_version(params, assets, n), 0, 0, BUNDLE_HDR_SIZE};
    if (si.version == BUNDLE_VERSION_2) {
        si.hdr_size = BUNDLE_HDR_SIZE_V2;
    }
    uint8_t *payload = payload_image(assets, n, link);
    uint8_t *stream = NULL;
    err = payload == NULL ? FMT_ERR_NOMEM
                          : fmt_bundle_stream(si.version, params, assets, n, link, payload, &stream,
                                              &si.len, &si.flags);
    free(payload);
    if (err == 0) {
        err = sign_and_write(out, params, assets, n, link, stream, &si);
    }
    free(stream);
    return err;
}
