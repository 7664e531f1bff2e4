// Bundle test vectors for loaders (tests/formats/vectors/, described in its
// README.md): a valid bundle signed with a fixed test key, the RAM image a
// loader must produce, and variants a loader must reject: some damaged,
// some correctly signed but semantically wrong (rollback, wrong target,
// payload outside the space). Deterministic: the test regenerates them and
// compares with the committed files byte for byte.
//
// Usage: make_vectors OUTDIR
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/bundle.h"
#include "keys.h"

#define TARGET_ID 0x0EE81500u // an arbitrary fixed id for the vectors

static struct signing_key key;
static uint8_t font_like[700], image_like[1234], lut[256];

static int write_file(const char *dir, const char *name, const uint8_t *d, size_t n)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot create\n", path);
        return 1;
    }
    int bad = fwrite(d, 1, n, f) != n;
    bad |= fclose(f) != 0;
    return bad;
}

// Builds the bundle with the given target id and security version.
static void make(struct fmt_membuf *mb, uint32_t target_id, uint32_t secver)
{
    for (size_t i = 0; i < sizeof(font_like); i++) {
        font_like[i] = (uint8_t)(i * 31 + 7);
    }
    for (size_t i = 0; i < sizeof(image_like); i++) {
        image_like[i] = (uint8_t)(i ^ (i >> 3));
    }
    for (size_t i = 0; i < sizeof(lut); i++) {
        lut[i] = (uint8_t)(255 - i);
    }
    struct fmt_asset a[3];
    memset(a, 0, sizeof(a));
    const char *names[3] = {"font_like", "image_like", "lut"};
    const uint8_t *data[3] = {font_like, image_like, lut};
    uint32_t sizes[3] = {sizeof(font_like), sizeof(image_like), sizeof(lut)};
    for (int i = 0; i < 3; i++) {
        snprintf(a[i].name, sizeof(a[i].name), "%s", names[i]);
        a[i].kind = BUNDLE_KIND_RAW;
        a[i].format = BUNDLE_FMT_NONE;
        a[i].data = data[i];
        a[i].size = sizes[i];
    }
    a[2].fixed = 1;
    a[2].fixed_addr = 0x1000; // leaves a zero-filled gap
    struct fmt_link_target t = {0x0, 0x100000, {0}};
    struct fmt_link_result r;
    char why[256];
    struct fmt_bundle_params p = {target_id, t.base, t.size, secver, 256, {0}, keys_sign, &key, 0};
    memcpy(p.key_id, key.key_id, sizeof(p.key_id));
    fmt_membuf_init(mb);
    if (fmt_link(a, 3, &t, &r, why, sizeof(why)) != 0 ||
        fmt_bundle_write(&mb->sink, &p, a, 3, &r) != 0) {
        fprintf(stderr, "cannot build the vector bundle: %s\n", why);
        exit(1);
    }
}

// Re-signs a bundle after its signed region was edited.
static void resign(uint8_t *b)
{
    uint32_t sl = bundle_load_u32(b + BUNDLE_OFF_SIGNED_LEN);
    crypto_sign_detached(b + sl, NULL, b, sl, key.secret);
}

static int payload_image(const char *dir, const struct fmt_membuf *mb)
{
    struct fmt_bundle_info in;
    if (fmt_bundle_parse(mb->data, mb->len, &in) != 0) {
        return 1;
    }
    uint8_t *img = malloc(in.payload_len);
    size_t off = in.records_off;
    for (uint32_t i = 0; i < in.chunk_count; i++) {
        uint32_t n = bundle_chunk_len(in.payload_len, in.chunk_size, i);
        memcpy(img + (size_t)i * in.chunk_size, mb->data + off, n);
        off += bundle_record_len(in.payload_len, in.chunk_size, i);
    }
    int rc = write_file(dir, "payload.bin", img, in.payload_len);
    free(img);
    return rc;
}

static int variants(const char *dir, const struct fmt_membuf *v)
{
    int rc = 0;
    uint32_t sl = bundle_load_u32(v->data + BUNDLE_OFF_SIGNED_LEN);
    size_t rec0 = sl + BUNDLE_SIG_SIZE, rec_len = 256 + BUNDLE_DIGEST_SIZE;
    uint8_t *b = malloc(v->len + 1);

    memcpy(b, v->data, v->len);
    b[rec0 + 2 * rec_len + 10] ^= 0x01; // chunk 2, payload byte 10
    rc |= write_file(dir, "bad_chunk2.bin", b, v->len);

    memcpy(b, v->data, v->len);
    b[sl + 5] ^= 0x80;
    rc |= write_file(dir, "bad_signature.bin", b, v->len);

    memcpy(b, v->data, v->len);
    b[BUNDLE_OFF_SECURITY_VER] ^= 0x01; // not re-signed
    rc |= write_file(dir, "bad_header_unsigned_edit.bin", b, v->len);

    rc |= write_file(dir, "truncated_in_chunk3.bin", v->data, rec0 + 3 * rec_len + 100);

    memcpy(b, v->data, v->len);
    b[v->len] = 0;
    rc |= write_file(dir, "trailing_byte.bin", b, v->len + 1);

    memcpy(b, v->data, v->len);
    memcpy(b + rec0 + 1 * rec_len, v->data + rec0 + 2 * rec_len, rec_len);
    memcpy(b + rec0 + 2 * rec_len, v->data + rec0 + 1 * rec_len, rec_len);
    rc |= write_file(dir, "reordered_chunks_1_2.bin", b, v->len);

    memcpy(b, v->data, v->len);
    fmt_put_u32le(b + BUNDLE_OFF_SPACE_SIZE, 0x1000); // payload now passes the space end
    resign(b);
    rc |= write_file(dir, "signed_payload_outside_space.bin", b, v->len);

    memcpy(b, v->data, v->len);
    fmt_put_u16le(b + BUNDLE_OFF_FLAGS, 0x0001);
    resign(b);
    rc |= write_file(dir, "signed_unknown_flag.bin", b, v->len);
    free(b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2 || sodium_init() < 0) {
        fprintf(stderr, "usage: make_vectors OUTDIR\n");
        return 64;
    }
    const char *dir = argv[1];
    uint8_t seed[32];
    for (int i = 0; i < 32; i++) {
        seed[i] = (uint8_t)(0xA0 + i); // test key only: never use for real bundles
    }
    crypto_sign_seed_keypair(key.public_key, key.secret, seed);
    fmt_bundle_key_id(key.key_id, key.public_key);
    int rc = write_file(dir, "pubkey.bin", key.public_key, 32);
    struct fmt_membuf v, m;
    make(&v, TARGET_ID, 5);
    rc |= write_file(dir, "valid.bin", v.data, v.len);
    rc |= payload_image(dir, &v);
    make(&m, TARGET_ID, 4);
    rc |= write_file(dir, "signed_security_version_4.bin", m.data, m.len);
    fmt_membuf_finish(&m);
    make(&m, TARGET_ID + 1, 5);
    rc |= write_file(dir, "signed_other_target.bin", m.data, m.len);
    fmt_membuf_finish(&m);
    rc |= variants(dir, &v);
    fmt_membuf_finish(&v);
    keys_wipe(&key);
    return rc;
}
