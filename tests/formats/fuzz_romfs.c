// Fuzz target: arbitrary bytes as a ROMFS image for the reader behind
// `rasterd inspect` (fmt_romfs_walk). Checks what the reader promises: no
// crash, hang or out-of-bounds read, and every entry it reports lies inside
// the image (a file's data inside the buffer, paths within the limits,
// folders no deeper than FMT_ROMFS_DEPTH_MAX).
//
// As a test: replays the files named on the command line (the committed
// corpus, tests/formats/corpus/romfs), then every truncation and 20000
// seeded mutations of an image made in-process. With libFuzzer, by hand:
//   CF="-g -O1 -fsanitize=fuzzer,address,undefined -DFMT_LIBFUZZER"
//   SRC="formats/romfs_read.c formats/romfs_write.c formats/sink.c formats/error.c"
//   clang-14 $CF -Iformats/include tests/formats/fuzz_romfs.c $SRC -o /tmp/fuzz_romfs
//   /tmp/fuzz_romfs tests/formats/corpus/romfs
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "formats/romfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bounds {
    size_t len;
    size_t fs_len;
};

static int check_entry(void *ctx, const struct fmt_romfs_entry *e)
{
    const struct bounds *b = ctx;
    if (e->path_len > FMT_ROMFS_PATH_MAX || e->path[e->path_len] != '\0' ||
        e->depth > FMT_ROMFS_DEPTH_MAX || e->offset > b->len || e->size > b->len - e->offset ||
        (e->is_dir && (e->offset != 0 || e->size != 0))) {
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bounds b = {size, 0};
    int err = fmt_romfs_walk(data, size, check_entry, &b, &b.fs_len);
    if (err == 0 && (b.fs_len > size || b.fs_len < 4)) {
        abort();
    }
    if (err != 0 && err != FMT_ERR_ROMFS_MAGIC && err != FMT_ERR_ROMFS_CORRUPT &&
        err != FMT_ERR_ROMFS_LIMIT) {
        abort();
    }
    return 0;
}

#ifndef FMT_LIBFUZZER
static void seed_image(struct fmt_membuf *mb)
{
    static const struct fmt_romfs_file files[] = {
        {"assets.bin", (const uint8_t *)"\x45\x56\x41\x42 bundle bytes", 17},
        {"assets.py", (const uint8_t *)"X = const(1)\n", 13},
        {"lib/a/b.py", (const uint8_t *)"pass\n", 5},
        {"lib/c", (const uint8_t *)"", 0},
    };
    struct fmt_romfs_options opt = {8};
    fmt_membuf_init(mb);
    if (fmt_romfs_write(&mb->sink, files, 4, &opt, NULL) != 0) {
        abort();
    }
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    uint8_t *copy = malloc(n > 0 ? n : 1); // exact size, so ASan sees overreads
    memcpy(copy, buf, n);
    LLVMFuzzerTestOneInput(copy, n);
    free(copy);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-seed") == 0) {
        struct fmt_membuf mb;
        seed_image(&mb);
        FILE *f = fopen(argv[2], "wb");
        int bad = f == NULL || fwrite(mb.data, 1, mb.len, f) != mb.len;
        bad |= f != NULL && fclose(f) != 0;
        fmt_membuf_finish(&mb);
        return bad;
    }
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rc |= replay_file(argv[i]);
    }
    struct fmt_membuf mb;
    seed_image(&mb);
    for (size_t len = 0; len <= mb.len; len++) {
        uint8_t *copy = malloc(len > 0 ? len : 1);
        memcpy(copy, mb.data, len);
        LLVMFuzzerTestOneInput(copy, len);
        free(copy);
    }
    uint32_t x = 0x9E3779B9u;
    uint8_t *m = malloc(mb.len);
    for (int iter = 0; iter < 20000; iter++) {
        memcpy(m, mb.data, mb.len);
        for (int k = 0; k < 1 + iter % 4; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            size_t off = (x >> 8) % mb.len;
            m[off] = (uint8_t)(iter % 2 ? m[off] ^ (1u << (x & 7)) : x >> 24);
        }
        LLVMFuzzerTestOneInput(m, mb.len);
    }
    free(m);
    printf("fuzz_romfs: replayed %d files, %zu truncations, 20000 mutations\n", argc - 1,
           mb.len + 1);
    fmt_membuf_finish(&mb);
    return rc;
}
#endif
