// The replay half of the fuzz targets (tests/<component>/fuzz_*.c) when they
// run as ordinary meson tests: every input goes to the target's
// LLVMFuzzerTestOneInput in a heap copy of exactly its size, so ASan sees a
// read one byte past the end. From a test folder:
// #include "../common/fuzz_replay.h" (after declaring LLVMFuzzerTestOneInput).
//
//   return fuzz_replay_main(argc, argv, "fuzz_x", seed, len, hot, count);
//       // the whole main: `--write-seed FILE` writes the seed (a corpus
//       // file); otherwise the files named, then the two below
//   rc |= fuzz_replay_file(path);            // a committed corpus file
//   fuzz_replay_truncations(seed, len);      // seed[0, n) for n = 0..len
//   fuzz_replay_mutations(seed, len, hot, count);
//       // count copies with 1..4 bytes changed (a random byte or one bit
//       // flipped), deterministic; two in three inside seed[0, hot)
#ifndef TESTS_COMMON_FUZZ_REPLAY_H
#define TESTS_COMMON_FUZZ_REPLAY_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_replay_copy(const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL) {
        abort();
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
}

// Returns 0, or 1 when the file cannot be read (files past 1 MiB are cut).
static inline int fuzz_replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    fuzz_replay_copy(buf, n);
    return 0;
}

// Returns 0, or 1 when the file cannot be written.
static inline int fuzz_write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int bad = f == NULL || fwrite(data, 1, len, f) != len;
    bad |= f != NULL && fclose(f) != 0;
    return bad;
}

static inline void fuzz_replay_truncations(const uint8_t *seed, size_t len)
{
    for (size_t n = 0; n <= len; n++) {
        fuzz_replay_copy(seed, n);
    }
}

static inline void fuzz_replay_mutations(const uint8_t *seed, size_t len, size_t hot, int count)
{
    if (len == 0) {
        return;
    }
    hot = hot == 0 || hot > len ? len : hot;
    uint8_t *m = malloc(len);
    if (m == NULL) {
        abort();
    }
    uint32_t x = 0x9E3779B9u;
    for (int iter = 0; iter < count; iter++) {
        memcpy(m, seed, len);
        for (int k = 0; k < 1 + iter % 4; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            size_t off = (x >> 8) % (iter % 3 == 0 ? len : hot);
            m[off] = (uint8_t)(iter % 2 ? m[off] ^ (1u << (x & 7)) : x >> 24);
        }
        LLVMFuzzerTestOneInput(m, len);
    }
    free(m);
}

static inline int fuzz_replay_main(int argc, char **argv, const char *name, const uint8_t *seed,
                                   size_t len, size_t hot, int count)
{
    if (argc == 3 && strcmp(argv[1], "--write-seed") == 0) {
        return fuzz_write_file(argv[2], seed, len);
    }
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rc |= fuzz_replay_file(argv[i]);
    }
    fuzz_replay_truncations(seed, len);
    fuzz_replay_mutations(seed, len, hot, count);
    printf("%s: replayed %d files, %zu truncations, %d mutations\n", name, argc - 1, len + 1,
           count);
    return rc;
}

#endif
