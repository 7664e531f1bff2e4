// Fuzz target for the loader's header and directory parsing (and what
// follows it): arbitrary bytes as a bundle for fwl_load, twice.
//
// 1. Real verifier, memory-mapped source: if anything reached the sink, the
//    signature must be valid (checked with libsodium), and the writes must
//    be the first chunks_done chunks, in order, inside the RAM.
// 2. Signature check bypassed (an Ed25519 override that accepts everything),
//    read-callback source with a 4 KiB chunk buffer: this lets mutated headers
//    and directories reach every later rule and the chunk loop. Checked: no
//    read past src_len, writes only inside the RAM and the declared payload,
//    ascending and one per chunk; FWL_OK only with every chunk written; an
//    accepted directory answers fwl_asset_find for its entries.
//
// As a meson test it replays the committed corpus named on the command line
// (tests/firmware-loader/corpus/header). With libFuzzer, by hand:
//   FL=firmware-loader
//   SRC="$FL/loader.c $FL/directory.c $FL/errors.c wire/blake2s.c $FL/sha512.c"
//   SRC="$SRC $FL/fe25519.c $FL/sc25519.c $FL/ed25519.c $FL/ed25519_errors.c"
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DFWL_LIBFUZZER"
//   INC="-I$FL/include -I$FL -Iwire/include"
//   clang-14 $CF $INC tests/firmware-loader/fuzz_header.c $SRC -lsodium -o /tmp/fuzz_header
//   /tmp/fuzz_header -max_len=8192 tests/firmware-loader/corpus/header
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bundle_wire.h"
#include "fwl/loader.h"

#define RAM_SIZE 0x10000u
#define TARGET   0x0E7E0815u // what make_demo_bundle writes

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
    const uint8_t *data;
    size_t size;
    uint32_t writes, next_addr, total, inflates;
    int v2, open; // format 2 bundle; a zlib segment is between FIRST and LAST
    int bad;
};

static uint8_t keys[1][32];
static uint8_t ram[RAM_SIZE];

static int fz_read(void *ctx, uint32_t off, uint8_t *buf, size_t len)
{
    struct fz *f = ctx;
    if (off > f->size || len > f->size - off) {
        f->bad = 1;
        return -1;
    }
    memcpy(buf, f->data + off, len);
    return 0;
}

static int fz_write(void *ctx, uint32_t addr, const uint8_t *buf, size_t len)
{
    struct fz *f = ctx;
    // v1 writes whole chunks in order; v2 writes segment pieces anywhere
    // inside the payload.
    if (addr >= RAM_SIZE || len == 0 || len > RAM_SIZE - addr ||
        (!f->v2 && f->writes > 0 && addr != f->next_addr)) {
        f->bad = 1;
        return -1;
    }
    memcpy(ram + addr, buf, len);
    f->writes++;
    f->next_addr = addr + (uint32_t)len;
    f->total += (uint32_t)len;
    return 0;
}

// Format 2 zlib pieces: in order, multiples of 4, inside the RAM.
static int fz_inflate(void *ctx, uint32_t addr, uint32_t out_len, const uint8_t *buf, size_t len,
                      unsigned flags)
{
    struct fz *f = ctx;
    (void)buf;
    if (addr >= RAM_SIZE || out_len > RAM_SIZE - addr || len % 4 != 0 || len == 0 ||
        ((flags & FWL_INFLATE_FIRST) != 0) == f->open) {
        f->bad = 1;
        return -1;
    }
    f->open = (flags & FWL_INFLATE_LAST) == 0;
    f->inflates++;
    return 0;
}

static int accept_all(void *ctx, const uint8_t sig[64], const uint8_t *msg, size_t len,
                      const uint8_t pk[32])
{
    (void)ctx, (void)sig, (void)msg, (void)len, (void)pk;
    return 0;
}

static void setup(struct fwl_port *p, struct fz *f, const uint8_t *data, size_t size)
{
    memset(f, 0, sizeof *f);
    f->data = data;
    f->size = size;
    memset(p, 0, sizeof *p);
    p->ctx = f;
    p->src_len = (uint32_t)size;
    p->xram_write = fz_write;
    p->xram_inflate = fz_inflate;
    f->v2 = size > BUNDLE_OFF_VERSION && data[BUNDLE_OFF_VERSION] == BUNDLE_VERSION_2;
    p->keys = (const uint8_t(*)[32])keys;
    p->key_count = 1;
    p->target_id = TARGET;
    p->ram_size = RAM_SIZE;
}

static void check_accepted(struct fwl_ctx *c, struct fz *f, int err)
{
    if (err == FWL_OK && (c->chunks_done != c->chunk_count ||
                          (c->version == 1 ? f->total != c->payload_len : f->open))) {
        abort();
    }
    if (c->version != 2 && f->writes != c->chunks_done) {
        abort();
    }
    if (err != FWL_OK) {
        return;
    }
    // Every directory entry can be found again, inside the payload.
    for (uint32_t k = 0; k < c->asset_count && k < 4; k++) {
        char name[BUNDLE_NAME_SIZE];
        memcpy(name, f->data + c->hdr_size + k * c->entry_size, sizeof name);
        struct fwl_asset_info info;
        if (fwl_asset_find(c, name, &info) != FWL_OK || info.addr < c->payload_addr ||
            info.addr - c->payload_addr >= c->payload_len) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        uint8_t seed[32], sk[64];
        for (int i = 0; i < 32; i++) {
            seed[i] = (uint8_t)(0xA0 + i);
        }
        if (sodium_init() < 0) {
            abort();
        }
        crypto_sign_seed_keypair(keys[0], sk, seed);
        ready = 1;
    }
    if (size > UINT32_MAX) {
        return 0;
    }
    struct fwl_port port;
    struct fz f;
    struct fwl_ctx c;

    setup(&port, &f, data, size);
    port.src = data;
    int err = fwl_load(&c, &port);
    if (f.bad) {
        abort();
    }
    if (f.writes > 0) {
        uint32_t sl = bundle_load_u32(data + BUNDLE_OFF_SIGNED_LEN);
        if (crypto_sign_verify_detached(data + sl, data, sl, keys[0]) != 0) {
            abort(); // something was written without a valid signature
        }
    }
    check_accepted(&c, &f, err);

    static uint8_t buf[4096 + FWL_BUF_EXTRA];
    setup(&port, &f, data, size);
    port.read = fz_read;
    port.buf = buf;
    port.buf_size = sizeof buf;
    port.ed25519_verify = accept_all;
    err = fwl_load(&c, &port);
    if (f.bad) {
        abort();
    }
    check_accepted(&c, &f, err);
    return 0;
}

#ifndef FWL_LIBFUZZER
int main(int argc, char **argv)
{
    static uint8_t data[1 << 20];
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (fp == NULL) {
            fprintf(stderr, "cannot open %s\n", argv[i]);
            return 1;
        }
        size_t n = fread(data, 1, sizeof data, fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(data, n);
        // Every truncation of each corpus file as well.
        for (size_t len = 0; len < n && len < 4096; len++) {
            LLVMFuzzerTestOneInput(data, len);
        }
    }
    printf("replayed %d file(s)\n", argc - 1);
    return 0;
}
#endif
