// Cached asset conversion; see asset_cache.h.
#include <stdlib.h>
#include <string.h>

#include "asset_cache.h"

#define META_FIELDS 16 // u32 fields before the data, see pack; the text map follows the data

static void asset_key(const struct mf_asset *a, uint8_t key[CACHE_KEY_SIZE], int *ok)
{
    struct cache_hasher h;
    cache_hasher_init(&h, "asset v3");
    const uint64_t fields[] = {a->kind,       a->align,
                               a->fixed,      a->address,
                               a->format,     (uint64_t)a->dither,
                               a->size_px,    a->line_height,
                               a->bpp,        a->face_index,
                               a->nfiles,     a->layout,
                               a->ext_format, (uint64_t)a->has_fallback,
                               a->fallback,   a->nsamples};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        cache_hasher_add_u64(&h, fields[i]);
    }
    cache_hasher_add_str(&h, a->name);
    cache_hasher_add_str(&h, a->chars);
    for (size_t i = 0; i < a->nsamples; i++) {
        cache_hasher_add_str(&h, a->samples[i]);
    }
    *ok = 1;
    for (size_t i = 0; i < a->nfiles; i++) {
        if (cache_hasher_add_file(&h, a->files[i]) != 0) {
            *ok = 0; // let the real load report the error
        }
    }
    cache_hasher_final(&h, key);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint8_t *pack(const struct fmt_asset *x, size_t *len)
{
    const uint32_t meta[META_FIELDS] = {x->kind,
                                        x->format,
                                        x->width,
                                        x->height,
                                        x->stride,
                                        x->aux0,
                                        x->aux1,
                                        x->aux2,
                                        x->size,
                                        x->align,
                                        (uint32_t)x->fixed,
                                        x->fixed_addr,
                                        x->flags,
                                        x->ext_format,
                                        x->textmap_count,
                                        x->fallback_slot};
    size_t map_len = (size_t)x->textmap_count * 4u;
    *len = sizeof(meta) + BUNDLE_NAME_SIZE + x->size + map_len;
    uint8_t *p = malloc(*len);
    if (p == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < META_FIELDS; i++) {
        put_u32(p + 4 * i, meta[i]);
    }
    memcpy(p + sizeof(meta), x->name, BUNDLE_NAME_SIZE);
    memcpy(p + sizeof(meta) + BUNDLE_NAME_SIZE, x->data, x->size);
    if (map_len > 0) {
        memcpy(p + sizeof(meta) + BUNDLE_NAME_SIZE + x->size, x->textmap, map_len);
    }
    return p;
}

static int unpack(const uint8_t *p, size_t len, struct fmt_asset *x)
{
    size_t head = 4 * META_FIELDS + BUNDLE_NAME_SIZE;
    if (len < head) {
        return -1;
    }
    uint32_t size = get_u32(p + 32), nmap = get_u32(p + 56);
    if (size == 0 || size > len - head || nmap > 128 || (len - head - size) != (size_t)nmap * 4u) {
        return -1;
    }
    memset(x, 0, sizeof(*x));
    uint32_t *dst[] = {&x->format, &x->width, &x->height, &x->stride, &x->aux0, &x->aux1, &x->aux2};
    x->kind = get_u32(p);
    for (size_t i = 0; i < 7; i++) {
        *dst[i] = get_u32(p + 4 * (i + 1));
    }
    x->size = get_u32(p + 32);
    x->align = get_u32(p + 36);
    x->fixed = (int)get_u32(p + 40);
    x->fixed_addr = get_u32(p + 44);
    x->flags = get_u32(p + 48);
    x->ext_format = get_u32(p + 52);
    x->fallback_slot = get_u32(p + 60);
    memcpy(x->name, p + 64, BUNDLE_NAME_SIZE);
    x->name[BUNDLE_NAME_SIZE - 1] = '\0';
    uint8_t *data = malloc(x->size);
    uint8_t *map = nmap > 0 ? malloc((size_t)nmap * 4u) : NULL;
    if (data == NULL || (nmap > 0 && map == NULL)) {
        free(data);
        free(map);
        return -1;
    }
    memcpy(data, p + head, x->size);
    if (nmap > 0) {
        memcpy(map, p + head + x->size, (size_t)nmap * 4u);
    }
    x->data = data;
    x->textmap = map;
    x->textmap_count = nmap;
    return 0;
}

int asset_cache_load(struct cache *c, struct glyph_ctx *ctx, const struct mf_asset *a,
                     const char *manifest, struct fmt_asset *out, int *hit, char *why,
                     size_t why_len)
{
    *hit = 0;
    uint8_t key[CACHE_KEY_SIZE];
    int key_ok = 0;
    if (c != NULL) {
        asset_key(a, key, &key_ok);
    }
    uint8_t *blob = NULL;
    size_t len = 0;
    if (key_ok && cache_get(c, key, &blob, &len) == 1) {
        int rc = unpack(blob, len, out);
        free(blob);
        if (rc == 0) {
            *hit = 1;
            return 0;
        }
    }
    int rc = assets_load(ctx, a, manifest, out, why, why_len);
    if (rc == 0 && key_ok) {
        blob = pack(out, &len);
        if (blob != NULL) {
            (void)cache_put(c, key, blob, len);
            free(blob);
        }
    }
    return rc;
}
