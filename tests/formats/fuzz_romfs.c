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
#include "../common/fuzz_replay.h"

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

int main(int argc, char **argv)
{
    struct fmt_membuf mb;
    seed_image(&mb);
    int rc = fuzz_replay_main(argc, argv, "fuzz_romfs", mb.data, mb.len, 0, 20000);
    fmt_membuf_finish(&mb);
    return rc;
}
#endif
