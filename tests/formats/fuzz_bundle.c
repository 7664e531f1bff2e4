// Fuzz target: arbitrary bytes as a bundle for the host reader
// (fmt_bundle_frame, fmt_bundle_parse, fmt_bundle_entry_get,
// fmt_bundle_check_chain). Checks what the reader promises: no crash or
// out-of-bounds read, and an accepted bundle really satisfies the spec's
// rules (exact length, entries sorted, inside the payload, NUL-terminated
// names).
//
// As a test: replays the files named on the command line (the committed
// corpus), then every truncation and 20000 seeded mutations of a bundle made
// in-process. With libFuzzer, by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DFMT_LIBFUZZER"
//   INC="-Iformats/include -Iwire/include"
//   SRC="formats/bundle_read.c formats/bundle_write.c formats/link.c formats/sink.c"
//   SRC="$SRC formats/error.c wire/blake2s.c"
//   clang-14 $CF $INC tests/formats/fuzz_bundle.c $SRC -o /tmp/fuzz_bundle
//   /tmp/fuzz_bundle tests/formats/corpus/bundle
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/bundle.h"
#include "formats/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_segment(void *ctx, const struct fmt_bundle_segment *g)
{
    const struct fmt_bundle_info *in = ctx;
    if (g->dest < in->payload_addr ||
        (uint64_t)g->dest + g->out_len > (uint64_t)in->payload_addr + in->payload_len) {
        abort();
    }
    if (g->encoding == BUNDLE_ENC_ZLIB && g->out_len <= (16u << 20)) {
        uint8_t *out = malloc(g->out_len);
        int err = out != NULL ? fmt_bundle_inflate(g, out) : FMT_ERR_NOMEM;
        free(out);
        return err;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t signed_len;
    if (fmt_bundle_frame(data, size, &signed_len) == 0 &&
        (signed_len > size || size - signed_len < BUNDLE_SIG_SIZE)) {
        abort();
    }
    struct fmt_bundle_info in;
    if (fmt_bundle_parse(data, size, &in) != 0) {
        return 0;
    }
    if (in.total_len != size || in.signed_len != signed_len || in.chunk_count == 0) {
        abort();
    }
    uint64_t prev = in.payload_addr;
    for (uint32_t k = 0; k < in.asset_count; k++) {
        struct fmt_bundle_entry e;
        fmt_bundle_entry_get(data, &in, k, &e);
        uint64_t end = (uint64_t)e.addr + e.size;
        if (e.addr < prev || end > (uint64_t)in.payload_addr + in.payload_len ||
            strlen(e.name) >= BUNDLE_NAME_SIZE) {
            abort();
        }
        prev = end;
    }
    uint32_t bad;
    int err = fmt_bundle_check_chain(data, &in, &bad);
    if (err != 0 && (err != FMT_ERR_BUNDLE_DIGEST || bad >= in.chunk_count)) {
        abort();
    }
    // Segments (what rasterd inspect lists, unverified): inside the payload,
    // zlib ones inflated into a buffer of their declared size.
    err = fmt_bundle_segments(data, &in, check_segment, &in);
    if (err != 0 && err != FMT_ERR_BUNDLE_SEGMENT && err != FMT_ERR_ZLIB && err != FMT_ERR_NOMEM) {
        abort();
    }
    return 0;
}

#ifndef FMT_LIBFUZZER
#include "../common/fuzz_replay.h"

static int sign(void *ctx, uint8_t sig[64], const uint8_t *msg, size_t len)
{
    (void)ctx;
    memset(sig, 0, 64);
    for (size_t i = 0; i < len; i++) {
        sig[i % 64] ^= msg[i];
    }
    return 0;
}

// zlib: the second asset stored compressed (format 2).
static void seed_bundle(struct fmt_membuf *mb, int zlib)
{
    static uint8_t a[300], b[90];
    memset(a, 0x11, sizeof(a));
    memset(b, 0x22, sizeof(b));
    struct fmt_asset as[2];
    memset(as, 0, sizeof(as));
    snprintf(as[0].name, sizeof(as[0].name), "a");
    snprintf(as[1].name, sizeof(as[1].name), "b");
    as[0].kind = as[1].kind = BUNDLE_KIND_RAW;
    as[0].data = a;
    as[0].size = sizeof(a);
    as[1].data = b;
    as[1].size = sizeof(b);
    as[1].encoding = zlib ? BUNDLE_ENC_ZLIB : BUNDLE_ENC_PLAIN;
    struct fmt_link_target t = {0x1000, 0x1000, {0}};
    struct fmt_link_result r;
    char why[128];
    struct fmt_bundle_params p = {1, 0x1000, 0x1000, 1, 256, {0}, sign, NULL, 0};
    fmt_membuf_init(mb);
    if (fmt_link(as, 2, &t, &r, why, sizeof(why)) != 0 ||
        fmt_bundle_write(&mb->sink, &p, as, 2, &r) != 0) {
        abort();
    }
}

int main(int argc, char **argv)
{
    // Format 1 (plain) is the seed written with --write-seed and replayed
    // with the corpus; format 2 (zlib segments) is mutated as well.
    // Mutations mostly in the signed region, where the structure lives.
    struct fmt_membuf mb;
    seed_bundle(&mb, 0);
    int rc = fuzz_replay_main(argc, argv, "fuzz_bundle", mb.data, mb.len, 100u + 2u * 64u, 20000);
    fmt_membuf_finish(&mb);
    if (argc == 3 && strcmp(argv[1], "--write-seed") == 0) {
        return rc;
    }
    seed_bundle(&mb, 1);
    fuzz_replay_truncations(mb.data, mb.len);
    fuzz_replay_mutations(mb.data, mb.len, 100u + 2u * 64u, 20000);
    printf("fuzz_bundle: format 2 seed, %zu truncations, 20000 mutations\n", mb.len + 1);
    fmt_membuf_finish(&mb);
    return rc;
}
#endif
