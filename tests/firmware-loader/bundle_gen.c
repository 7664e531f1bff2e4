// Bundle builder and simulated port for the loader tests (see bundle_gen.h).
// Written from docs/bundle-format.md; digests with the loader's BLAKE2s
// (tested against hashlib in test_blake2s), signatures with libsodium.
#include "bundle_gen.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "wire/blake2s.h"

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void gen_public_key(uint8_t pk[32], const uint8_t seed[32])
{
    uint8_t sk[64];
    crypto_sign_seed_keypair(pk, sk, seed);
    sodium_memzero(sk, sizeof sk);
}

static void payload_image(const struct gen_params *p, const struct gen_asset *a, size_t n,
                          uint32_t base, uint32_t len, uint8_t *out)
{
    memset(out, 0, len);
    for (size_t k = 0; k < n; k++) {
        for (uint32_t i = 0; i < a[k].size; i++) {
            uint32_t at = a[k].addr + i - base;
            if (a[k].addr + i >= base && at < len) {
                out[at] = (uint8_t)((i * 31u + k * 77u + 5u) ^ (i >> 8));
            }
        }
    }
    (void)p;
}

static void write_entries(uint8_t *dir, const struct gen_params *p, const struct gen_asset *a,
                          size_t n, uint32_t entry_size)
{
    for (size_t k = 0; k < n; k++) {
        uint8_t *e = dir + k * entry_size;
        memset(e, 0, entry_size);
        strncpy((char *)e, a[k].name, 23);
        if (k == 0 && p->bad_name) {
            memset(e, 'x', 24);
        }
        e[24] = a[k].kind;
        e[25] = a[k].format;
        put32(e + 28, a[k].addr);
        put32(e + 32, a[k].size);
        put32(e + 36, a[k].width);
        put32(e + 40, a[k].height);
        put32(e + 44, a[k].stride);
        put32(e + 48, a[k].aux0);
        put32(e + 52, a[k].aux1);
        put32(e + 56, a[k].aux2);
    }
}

// Chunk records from the last to the first, each followed by the digest of
// the next; returns the digest of record 0.
static size_t write_records(uint8_t *out, const uint8_t *payload, uint32_t len, uint32_t cs,
                            uint8_t first[32])
{
    uint32_t count = (len + cs - 1) / cs;
    size_t total = len + 32u * (count - 1u);
    uint8_t next[32];
    size_t end = total;
    for (uint32_t i = count; i-- > 0;) {
        uint32_t clen = i + 1 == count ? len - i * cs : cs;
        size_t rlen = clen + (i + 1 == count ? 0u : 32u);
        size_t at = end - rlen;
        memcpy(out + at, payload + (size_t)i * cs, clen);
        if (i + 1 < count) {
            memcpy(out + at + clen, next, 32);
        }
        bundle_blake2s(next, out + at, rlen);
        end = at;
    }
    memcpy(first, next, 32);
    return total;
}

size_t gen_bundle(uint8_t *buf, size_t cap, const struct gen_params *p, const struct gen_asset *a,
                  size_t n, uint8_t *payload_out)
{
    int v2 = p->stream != NULL;
    uint32_t hdr_size = p->hdr_size ? p->hdr_size : v2 ? 100u : 96u;
    uint32_t entry_size = p->entry_size ? p->entry_size : 64u;
    uint32_t base = p->payload_addr, len = p->payload_len;
    if (len == 0) {
        base = a[0].addr;
        for (size_t k = 0; k < n; k++) {
            if (a[k].addr + a[k].size - base > len) {
                len = a[k].addr + a[k].size - base;
            }
        }
    }
    uint32_t cs = p->chunk_size;
    uint32_t dlen = v2 ? p->stream_len : len; // bytes the chunks carry
    uint32_t count = (dlen + cs - 1) / cs;
    uint32_t signed_len = hdr_size + (uint32_t)n * entry_size;
    size_t total = signed_len + 64u + dlen + 32u * (count - 1u);
    if (total > cap) {
        return 0;
    }
    uint8_t *payload = malloc(len);
    payload_image(p, a, n, base, len, payload);
    memset(buf, 0, signed_len);
    memcpy(buf, "RBND", 4);
    put16(buf + 4, p->version ? p->version : v2 ? 2 : 1);
    put16(buf + 6, p->flags);
    put32(buf + 8, signed_len);
    put32(buf + 12, hdr_size);
    put32(buf + 16, p->target_id);
    put32(buf + 20, p->space_base);
    put32(buf + 24, p->space_size);
    put32(buf + 28, p->security_version);
    uint8_t sk[64], pk[32], id[32];
    crypto_sign_seed_keypair(pk, sk, p->seed);
    bundle_blake2s(id, p->key_id_pk ? p->key_id_pk : pk, 32);
    memcpy(buf + 32, id, 8);
    put32(buf + 40, cs);
    put32(buf + 44, (uint32_t)((int)count + p->tamper_chunk_count));
    put32(buf + 48, base);
    put32(buf + 52, len);
    put32(buf + 56, (uint32_t)n);
    put32(buf + 60, entry_size);
    if (v2 && hdr_size >= 100u) {
        put32(buf + 96, dlen);
    }
    write_entries(buf + hdr_size, p, a, n, entry_size);
    write_records(buf + signed_len + 64, v2 ? p->stream : payload, dlen, cs, buf + 64);
    crypto_sign_detached(buf + signed_len, NULL, buf, signed_len, sk);
    sodium_memzero(sk, sizeof sk);
    if (payload_out != NULL) {
        memcpy(payload_out, payload, len);
    }
    free(payload);
    return total;
}

void sim_reset(struct sim *s, const uint8_t *bundle, size_t len)
{
    memset(s, 0, sizeof *s);
    s->bundle = bundle;
    s->bundle_len = len;
    s->read_fail_at = UINT32_MAX;
    s->write_fail_at = UINT32_MAX;
    memset(s->ram, 0xEE, sizeof s->ram);
}

int sim_read(void *ctx, uint32_t off, uint8_t *buf, size_t len)
{
    struct sim *s = ctx;
    s->reads++;
    if (off > s->bundle_len || len > s->bundle_len - off) {
        return -99; // the loader must never ask past src_len
    }
    if (s->read_fail_at >= off && s->read_fail_at - off < len) {
        memset(buf, 0x55, len);
        return -5;
    }
    memcpy(buf, s->bundle + off, len);
    s->bytes_read += (uint32_t)len;
    return 0;
}

int sim_write(void *ctx, uint32_t addr, const uint8_t *buf, size_t len)
{
    struct sim *s = ctx;
    if (s->writes == s->write_fail_at) {
        s->writes++;
        return -7;
    }
    if (addr >= SIM_RAM_SIZE || len > SIM_RAM_SIZE - addr || s->writes >= SIM_LOG_MAX) {
        return -8;
    }
    s->log_addr[s->writes] = addr;
    s->log_len[s->writes] = (uint32_t)len;
    s->writes++;
    memcpy(s->ram + addr, buf, len);
    return 0;
}

int sim_get_version(void *ctx, uint32_t *v)
{
    struct sim *s = ctx;
    *v = s->stored_version;
    return s->storage_fail;
}

int sim_set_version(void *ctx, uint32_t v)
{
    struct sim *s = ctx;
    s->set_calls++;
    if (s->storage_fail) {
        return s->storage_fail;
    }
    s->stored_version = v;
    return 0;
}

void sim_progress(void *ctx, uint32_t done, uint32_t total)
{
    struct sim *s = ctx;
    s->progress_calls++;
    s->last_done = done;
    (void)total;
}

void sim_port(struct fwl_port *port, struct sim *s, uint8_t *buf, size_t buf_size,
              const uint8_t (*keys)[32], size_t key_count, uint32_t target_id)
{
    memset(port, 0, sizeof *port);
    port->ctx = s;
    port->src_len = (uint32_t)s->bundle_len;
    if (buf == NULL) {
        port->src = s->bundle;
    } else {
        port->read = sim_read;
        port->buf = buf;
        port->buf_size = buf_size;
    }
    port->xram_write = sim_write;
    port->progress = sim_progress;
    port->keys = keys;
    port->key_count = key_count;
    port->target_id = target_id;
    port->ram_base = 0;
    port->ram_size = SIM_RAM_SIZE;
    port->get_security_version = sim_get_version;
    port->set_security_version = sim_set_version;
}
