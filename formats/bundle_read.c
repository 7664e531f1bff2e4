// Bundle reader for the host tools (inspect, verify, tests). Every length is
// checked by subtraction against what remains, never by an addition that
// could wrap.
#include <string.h>

#include "formats/bundle.h"
#include "formats/error.h"
#include "wire/blake2s.h"

int fmt_bundle_frame(const uint8_t *buf, size_t len, uint32_t *signed_len)
{
    *signed_len = 0;
    if (len < BUNDLE_OFF_SIGNED_LEN + 4) {
        return FMT_ERR_BUNDLE_TRUNCATED;
    }
    if (bundle_load_u32(buf) != BUNDLE_MAGIC_U32) {
        return FMT_ERR_BUNDLE_MAGIC;
    }
    uint16_t version = bundle_load_u16(buf + BUNDLE_OFF_VERSION);
    if (version < BUNDLE_VERSION_1 || version > BUNDLE_VERSION) {
        return FMT_ERR_BUNDLE_VERSION;
    }
    if ((bundle_load_u16(buf + BUNDLE_OFF_FLAGS) & ~bundle_flags_known(version)) != 0) {
        return FMT_ERR_BUNDLE_FLAGS;
    }
    uint32_t sl = bundle_load_u32(buf + BUNDLE_OFF_SIGNED_LEN);
    if (sl < BUNDLE_HDR_SIZE || sl > BUNDLE_SIGNED_MAX) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    if (sl > len || BUNDLE_SIG_SIZE > len - sl) {
        return FMT_ERR_BUNDLE_TRUNCATED;
    }
    *signed_len = sl;
    return 0;
}

static void decode_header(const uint8_t *b, struct fmt_bundle_info *in)
{
    in->version = bundle_load_u16(b + BUNDLE_OFF_VERSION);
    in->flags = bundle_load_u16(b + BUNDLE_OFF_FLAGS);
    in->signed_len = bundle_load_u32(b + BUNDLE_OFF_SIGNED_LEN);
    in->hdr_size = bundle_load_u32(b + BUNDLE_OFF_HDR_SIZE);
    in->target_id = bundle_load_u32(b + BUNDLE_OFF_TARGET_ID);
    in->space_base = bundle_load_u32(b + BUNDLE_OFF_SPACE_BASE);
    in->space_size = bundle_load_u32(b + BUNDLE_OFF_SPACE_SIZE);
    in->security_version = bundle_load_u32(b + BUNDLE_OFF_SECURITY_VER);
    memcpy(in->key_id, b + BUNDLE_OFF_KEY_ID, BUNDLE_KEY_ID_SIZE);
    in->chunk_size = bundle_load_u32(b + BUNDLE_OFF_CHUNK_SIZE);
    in->chunk_count = bundle_load_u32(b + BUNDLE_OFF_CHUNK_COUNT);
    in->payload_addr = bundle_load_u32(b + BUNDLE_OFF_PAYLOAD_ADDR);
    in->payload_len = bundle_load_u32(b + BUNDLE_OFF_PAYLOAD_LEN);
    in->asset_count = bundle_load_u32(b + BUNDLE_OFF_ASSET_COUNT);
    in->entry_size = bundle_load_u32(b + BUNDLE_OFF_ENTRY_SIZE);
    memcpy(in->first_digest, b + BUNDLE_OFF_FIRST_DIGEST, BUNDLE_DIGEST_SIZE);
    in->stored_len = in->payload_len;
    // v2's stored_len lies inside the signed region once hdr_size >= 100
    // (check_header); signed_len >= 96 + 64 here, so the bytes exist.
    if (in->version == BUNDLE_VERSION_2 && in->signed_len >= BUNDLE_HDR_SIZE_V2) {
        in->stored_len = bundle_load_u32(b + BUNDLE_OFF_STORED_LEN);
    }
}

static int check_header(const struct fmt_bundle_info *in)
{
    uint32_t min_hdr = in->version == BUNDLE_VERSION_2 ? BUNDLE_HDR_SIZE_V2 : BUNDLE_HDR_SIZE;
    if (in->hdr_size < min_hdr || in->hdr_size % 4 != 0 || in->entry_size < BUNDLE_ENTRY_SIZE ||
        in->entry_size % 4 != 0 || in->asset_count == 0 || in->asset_count > BUNDLE_ASSETS_MAX) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    // signed_len <= BUNDLE_SIGNED_MAX (frame), so these products cannot wrap.
    if (in->hdr_size > in->signed_len ||
        (uint64_t)in->asset_count * in->entry_size != in->signed_len - in->hdr_size) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    if (in->space_size == 0 || in->space_base > UINT32_MAX - (in->space_size - 1u)) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    if (!bundle_chunk_size_valid(in->chunk_size) || in->payload_len == 0) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    uint32_t nc = in->stored_len / in->chunk_size + (in->stored_len % in->chunk_size != 0);
    if (in->stored_len == 0 || in->chunk_count != nc) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    uint64_t space_end = (uint64_t)in->space_base + in->space_size;
    // payload_addr past space_end is checked first: the subtraction would wrap.
    if (in->payload_addr < in->space_base || in->payload_addr > space_end ||
        in->payload_len > space_end - in->payload_addr) {
        return FMT_ERR_BUNDLE_HEADER;
    }
    return 0;
}

void fmt_bundle_entry_get(const uint8_t *buf, const struct fmt_bundle_info *info, uint32_t k,
                          struct fmt_bundle_entry *e)
{
    const uint8_t *p = buf + info->hdr_size + (size_t)k * info->entry_size;
    memcpy(e->name, p + BUNDLE_ENT_NAME, BUNDLE_NAME_SIZE);
    e->name[BUNDLE_NAME_SIZE - 1] = '\0';
    e->kind = p[BUNDLE_ENT_KIND];
    e->format = p[BUNDLE_ENT_FORMAT];
    e->flags = bundle_load_u16(p + BUNDLE_ENT_FLAGS);
    e->addr = bundle_load_u32(p + BUNDLE_ENT_ADDR);
    e->size = bundle_load_u32(p + BUNDLE_ENT_SIZE);
    e->width = bundle_load_u32(p + BUNDLE_ENT_WIDTH);
    e->height = bundle_load_u32(p + BUNDLE_ENT_HEIGHT);
    e->stride = bundle_load_u32(p + BUNDLE_ENT_STRIDE);
    e->aux0 = bundle_load_u32(p + BUNDLE_ENT_AUX0);
    e->aux1 = bundle_load_u32(p + BUNDLE_ENT_AUX1);
    e->aux2 = bundle_load_u32(p + BUNDLE_ENT_AUX2);
}

static int check_entries(const uint8_t *buf, const struct fmt_bundle_info *in)
{
    uint64_t prev_end = in->payload_addr;
    uint64_t pay_end = (uint64_t)in->payload_addr + in->payload_len;
    for (uint32_t k = 0; k < in->asset_count; k++) {
        const uint8_t *p = buf + in->hdr_size + (size_t)k * in->entry_size;
        // A name is 1..23 characters and NUL padding, as the loader requires.
        const uint8_t *nul = memchr(p + BUNDLE_ENT_NAME, 0, BUNDLE_NAME_SIZE);
        if (nul == NULL || nul == p + BUNDLE_ENT_NAME) {
            return FMT_ERR_BUNDLE_DIRECTORY;
        }
        struct fmt_bundle_entry e;
        fmt_bundle_entry_get(buf, in, k, &e);
        if (e.size == 0 || e.addr < prev_end || e.addr > pay_end || e.size > pay_end - e.addr) {
            return FMT_ERR_BUNDLE_DIRECTORY;
        }
        prev_end = (uint64_t)e.addr + e.size;
    }
    return 0;
}

int fmt_bundle_parse(const uint8_t *buf, size_t len, struct fmt_bundle_info *info)
{
    memset(info, 0, sizeof(*info));
    uint32_t sl;
    int err = fmt_bundle_frame(buf, len, &sl);
    if (err < 0) {
        return err;
    }
    decode_header(buf, info);
    err = check_header(info);
    if (err < 0) {
        return err;
    }
    err = check_entries(buf, info);
    if (err < 0) {
        return err;
    }
    info->records_off = (size_t)sl + BUNDLE_SIG_SIZE;
    uint64_t total = (uint64_t)info->records_off + info->stored_len +
                     (uint64_t)(info->chunk_count - 1u) * BUNDLE_DIGEST_SIZE;
    if (total > SIZE_MAX) {
        return FMT_ERR_BUNDLE_LENGTH;
    }
    info->total_len = (size_t)total;
    if (len < info->total_len) {
        return FMT_ERR_BUNDLE_TRUNCATED;
    }
    if (len > info->total_len) {
        return FMT_ERR_BUNDLE_LENGTH;
    }
    return 0;
}

int fmt_bundle_check_chain(const uint8_t *buf, const struct fmt_bundle_info *info,
                           uint32_t *bad_chunk)
{
    uint8_t expected[BUNDLE_DIGEST_SIZE];
    memcpy(expected, info->first_digest, sizeof(expected));
    size_t off = info->records_off;
    *bad_chunk = 0;
    int result = FMT_ERR_BUNDLE_DIGEST;
    for (uint32_t i = 0; i < info->chunk_count; i++) {
        uint32_t rec = bundle_record_len(info->stored_len, info->chunk_size, i);
        uint8_t got[BUNDLE_DIGEST_SIZE];
        bundle_blake2s(got, buf + off, rec);
        if (memcmp(got, expected, sizeof(got)) != 0) {
            *bad_chunk = i;
            return result;
        }
        if (i + 1 < info->chunk_count) {
            memcpy(expected, buf + off + rec - BUNDLE_DIGEST_SIZE, sizeof(expected));
        }
        off += rec;
    }
    if (off == info->total_len) {
        result = 0;
    }
    return result;
}
