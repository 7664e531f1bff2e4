// Writes the bundles the Cortex-M demo image freezes into flash
// (firmware-loader/port/cortex-m/demo_load.c): demo_bundle.h with both as
// const arrays plus the trusted key, and demo_big.bin / demo_small.bin for
// the host-side digest check. Built with the test helper (spec-derived
// writer, libsodium signatures).
//
//   make_demo_bundle OUTDIR
//   make_demo_bundle OUTDIR corpus   (seeds for fuzz_header.c, committed
//                                     under tests/firmware-loader/corpus/header)
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bundle_wire.h"

#include "bundle_gen.h"
#include "stream_gen.h"

#define TARGET       0x0E7E0815u
#define CHUNK        4096u
#define PAYLOAD_ADDR 0x400u
#define XRAM_SIZE    0x10000u

static void emit_array(FILE *f, const char *name, const uint8_t *p, size_t n)
{
    fprintf(f, "static const uint8_t %s[%zu] = {", name, n);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s0x%02x,", i % 16 == 0 ? "\n    " : " ", p[i]);
    }
    fprintf(f, "\n};\n\n");
}

static int write_bin(const char *dir, const char *name, const uint8_t *p, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "make_demo_bundle: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

// Small bundles signed with the demo key: valid ones and signed ones that
// break one rule each, plus a few unsigned shapes.
static int write_corpus(const char *dir, const uint8_t seed[32])
{
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = TARGET;
    p.space_size = XRAM_SIZE;
    p.security_version = 1;
    p.chunk_size = 256;
    p.seed = seed;
    struct gen_asset a[3] = {
        {"font", BUNDLE_KIND_FONT, BUNDLE_FMT_L4, 0x100, 300, 8, 12, 4, 32, 95, 4},
        {"icon", BUNDLE_KIND_IMAGE, BUNDLE_FMT_RGB565, 0x300, 200, 10, 10, 20, 0, 0, 16},
        {"blob", BUNDLE_KIND_RAW, BUNDLE_FMT_NONE, 0x400, 90, 0, 0, 0, 0, 0, 0},
    };
    static uint8_t b[8192];
    size_t n = gen_bundle(b, sizeof b, &p, a, 3, NULL);
    int err = write_bin(dir, "valid.bin", b, n);
    err |= write_bin(dir, "header_only.bin", b, 96);
    b[0] = 'X';
    err |= write_bin(dir, "bad_magic.bin", b, n);
    struct gen_params q = p;
    q.hdr_size = 128;
    q.entry_size = 80;
    n = gen_bundle(b, sizeof b, &q, a, 3, NULL);
    err |= write_bin(dir, "extended_layout.bin", b, n);
    q = p;
    q.target_id = TARGET + 1;
    n = gen_bundle(b, sizeof b, &q, a, 1, NULL);
    err |= write_bin(dir, "wrong_target.bin", b, n);
    a[1].addr = 0x200;
    n = gen_bundle(b, sizeof b, &p, a, 3, NULL);
    err |= write_bin(dir, "overlap.bin", b, n);
    q = p;
    q.tamper_chunk_count = 1000;
    n = gen_bundle(b, sizeof b, &q, a, 1, NULL);
    err |= write_bin(dir, "bad_chunk_count.bin", b, n);
    b[56] = 0xFF; // asset_count, no longer signed
    b[57] = 0xFF;
    err |= write_bin(dir, "huge_asset_count.bin", b, n);
    // Format 2: a plain and a zlib segment.
    static struct stream_gen st;
    static uint8_t data[500];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i / 3);
    }
    st.len = 0;
    stream_plain(&st, 0x100, data, 300);
    stream_zlib(&st, 0x400, data, 90);
    q = p;
    q.stream = st.buf;
    q.stream_len = st.len;
    q.flags = BUNDLE_FLAG_ZLIB;
    a[1].addr = 0x300;
    n = gen_bundle(b, sizeof b, &q, a, 3, NULL);
    err |= write_bin(dir, "valid_v2.bin", b, n);
    return err;
}

// The same assets stored zlib-compressed (format v2): one zlib segment per
// asset, from the v1 bundle's payload image.
static size_t zlib_bundle(uint8_t *out, size_t cap, const struct gen_params *p,
                          const struct gen_asset *a, size_t n)
{
    static uint8_t scratch[65536], image[65536];
    static struct stream_gen st;
    if (gen_bundle(scratch, sizeof scratch, p, a, n, image) == 0) {
        return 0;
    }
    st.len = 0;
    for (size_t k = 0; k < n; k++) {
        if (stream_zlib(&st, a[k].addr, image + (a[k].addr - a[0].addr), a[k].size) == 0) {
            return 0;
        }
    }
    struct gen_params q = *p;
    q.stream = st.buf;
    q.stream_len = st.len;
    q.flags = BUNDLE_FLAG_ZLIB;
    return gen_bundle(out, cap, &q, a, n, NULL);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[2], "corpus") == 0 && sodium_init() >= 0) {
        uint8_t seed[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (uint8_t)(0xA0 + i);
        }
        return write_corpus(argv[1], seed) == 0 ? 0 : 1;
    }
    if (argc != 2 || sodium_init() < 0) {
        fprintf(stderr, "usage: make_demo_bundle OUTDIR\n");
        return 2;
    }
    uint8_t seed[32], pk[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(0xA0 + i);
    }
    gen_public_key(pk, seed);
    struct gen_params p;
    memset(&p, 0, sizeof p);
    p.target_id = TARGET;
    p.space_size = XRAM_SIZE;
    p.security_version = 2;
    p.chunk_size = CHUNK;
    p.seed = seed;
    struct gen_asset big[2] = {
        {"atlas", BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8, PAYLOAD_ADDR, 40000, 200, 200, 200, 0, 0, 8},
        {"glyphs", BUNDLE_KIND_FONT, BUNDLE_FMT_L4, 0xA400, 8000, 12, 20, 6, 32, 64, 4},
    };
    struct gen_asset small[2] = {
        {"atlas", BUNDLE_KIND_IMAGE, BUNDLE_FMT_L8, PAYLOAD_ADDR, 200, 20, 10, 20, 0, 0, 8},
        {"glyphs", BUNDLE_KIND_FONT, BUNDLE_FMT_L4, 0x4D0, 50, 12, 20, 6, 32, 1, 4},
    };
    static uint8_t b_big[65536], b_small[8192], z_big[65536], z_small[8192];
    size_t n_big = gen_bundle(b_big, sizeof b_big, &p, big, 2, NULL);
    size_t n_small = gen_bundle(b_small, sizeof b_small, &p, small, 2, NULL);
    size_t nz_big = zlib_bundle(z_big, sizeof z_big, &p, big, 2);
    size_t nz_small = zlib_bundle(z_small, sizeof z_small, &p, small, 2);
    if (n_big == 0 || n_small == 0 || nz_big == 0 || nz_small == 0) {
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/demo_bundle.h", argv[1]);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return 1;
    }
    fprintf(f, "// Generated by tests/firmware-loader/make_demo_bundle.c, do not edit.\n");
    fprintf(f, "#include <stdint.h>\n\n");
    fprintf(f, "#define DEMO_TARGET_ID 0x%08xu\n#define DEMO_CHUNK_SIZE %uu\n", TARGET, CHUNK);
    fprintf(f, "#define DEMO_XRAM_SIZE 0x%xu\n#define DEMO_PAYLOAD_ADDR 0x%xu\n", XRAM_SIZE,
            PAYLOAD_ADDR);
    fprintf(f, "#define DEMO_BIG_PAYLOAD %uu\n#define DEMO_SMALL_PAYLOAD %uu\n\n",
            0xA400u + 8000u - PAYLOAD_ADDR, 0x4D0u + 50u - PAYLOAD_ADDR);
    fprintf(f, "static const uint8_t demo_keys[1][32] = {{");
    for (int i = 0; i < 32; i++) {
        fprintf(f, "0x%02x%s", pk[i], i == 31 ? "}};\n\n" : ", ");
    }
    emit_array(f, "demo_small", b_small, n_small);
    emit_array(f, "demo_big", b_big, n_big);
    emit_array(f, "demo_small_z", z_small, nz_small);
    emit_array(f, "demo_big_z", z_big, nz_big);
    if (fclose(f) != 0) {
        return 1;
    }
    if (write_bin(argv[1], "demo_big.bin", b_big, n_big) < 0 ||
        write_bin(argv[1], "demo_small.bin", b_small, n_small) < 0 ||
        write_bin(argv[1], "demo_big_z.bin", z_big, nz_big) < 0) {
        return 1;
    }
    return 0;
}
