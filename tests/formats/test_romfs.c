// ROMFS writer and reader. The expected bytes are worked out by hand from the
// format description (docs/romfs-format.md, from the comment at the top of
// MicroPython's extmod/vfs_rom.c); alignment is checked by finding each
// file's unique data in the image with memmem, not through our reader. The
// real consumer (vfs.VfsRom) and the independent writer (mpremote) are in
// check_romfs.py.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "formats/romfs.h"

static int failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, __func__, #cond); \
            failed = 1;                                                                            \
        }                                                                                          \
    } while (0)

static int write_image(struct fmt_membuf *mb, const struct fmt_romfs_file *f, size_t n,
                       uint32_t align, size_t *bad)
{
    struct fmt_romfs_options opt = {align};
    fmt_membuf_init(mb);
    return fmt_romfs_write(&mb->sink, f, n, &opt, bad);
}

static void test_romfs_one_file_matches_format_description(void)
{
    // Filesystem record "RM1" + length 8; file record kind 5, length 6, name
    // length 1, "a", verbatim data record kind 2, length 2, "xy".
    static const uint8_t want[] = {0xd2, 0xcd, 0x31, 0x08, 0x05, 0x06,
                                   0x01, 0x61, 0x02, 0x02, 0x78, 0x79};
    struct fmt_romfs_file f = {"a", (const uint8_t *)"xy", 2};
    struct fmt_membuf mb;
    CHECK(write_image(&mb, &f, 1, 1, NULL) == 0);
    CHECK(mb.len == sizeof(want) && memcmp(mb.data, want, sizeof(want)) == 0);
    fmt_membuf_finish(&mb);
}

static void test_romfs_folder_and_even_size(void)
{
    // Folder record kind 4 "d" holding file "f" = "z": 15 bytes, so a 3-byte
    // padding record (kind 1, length 1, one byte) makes the size even.
    static const uint8_t want[] = {0xd2, 0xcd, 0x31, 0x0e, 0x04, 0x09, 0x01, 0x64, 0x05,
                                   0x05, 0x01, 0x66, 0x02, 0x01, 0x7a, 0x01, 0x01, 0x00};
    struct fmt_romfs_file f = {"d/f", (const uint8_t *)"z", 1};
    struct fmt_membuf mb;
    CHECK(write_image(&mb, &f, 1, 1, NULL) == 0);
    CHECK(mb.len == sizeof(want) && memcmp(mb.data, want, sizeof(want)) == 0);
    fmt_membuf_finish(&mb);
}

static void test_romfs_lengths_padded_to_one_width(void)
{
    // 200 bytes: the data length is 0x81 0x48 (1 * 128 + 72); the file and
    // filesystem lengths take two bytes (the bound of the image needs two).
    uint8_t data[200];
    memset(data, 0x11, sizeof(data));
    static const uint8_t head[] = {0xd2, 0xcd, 0x31, 0x81, 0x53, 0x05, 0x81,
                                   0x4d, 0x01, 0x61, 0x02, 0x81, 0x48};
    struct fmt_romfs_file f = {"a", data, sizeof(data)};
    struct fmt_membuf mb;
    CHECK(write_image(&mb, &f, 1, 1, NULL) == 0);
    CHECK(mb.len == 216);
    CHECK(mb.len >= sizeof(head) && memcmp(mb.data, head, sizeof(head)) == 0);
    CHECK(mb.len == 216 && memcmp(mb.data + 213, "\x01\x01\x00", 3) == 0);
    fmt_membuf_finish(&mb);
}

// Files with unique contents, names of assorted lengths and nesting.
#define NFILES 9
static const char *const paths[NFILES] = {
    "assets.bin", "assets.py", "b", "lib/x.py", "lib/deeper/y.bin", "lib/z", "zz/top", "m n", "e",
};
static const size_t sizes[NFILES] = {1000, 37, 1, 130, 16385, 2, 77, 5, 3};

static void make_files(struct fmt_romfs_file *f, uint8_t **bufs)
{
    uint32_t x = 0x12345678u;
    for (size_t i = 0; i < NFILES; i++) {
        bufs[i] = malloc(sizes[i]);
        for (size_t k = 0; k < sizes[i]; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bufs[i][k] = (uint8_t)(x >> 24);
        }
        f[i] = (struct fmt_romfs_file){paths[i], bufs[i], sizes[i]};
    }
}

static void test_romfs_data_aligned_for_every_alignment(void)
{
    struct fmt_romfs_file f[NFILES];
    uint8_t *bufs[NFILES];
    make_files(f, bufs);
    for (uint32_t align = 1; align <= 4096; align *= 2) {
        struct fmt_membuf mb;
        CHECK(write_image(&mb, f, NFILES, align, NULL) == 0);
        CHECK(mb.len % 2 == 0);
        for (size_t i = 0; i < NFILES; i++) {
            if (sizes[i] < 3) {
                continue; // too short to be found unambiguously
            }
            const uint8_t *at = memmem(mb.data, mb.len, bufs[i], sizes[i]);
            CHECK(at != NULL && (size_t)(at - mb.data) % align == 0);
        }
        fmt_membuf_finish(&mb);
    }
    for (size_t i = 0; i < NFILES; i++) {
        free(bufs[i]);
    }
}

static void test_romfs_same_bytes_whatever_the_input_order(void)
{
    struct fmt_romfs_file f[NFILES], r[NFILES];
    uint8_t *bufs[NFILES];
    make_files(f, bufs);
    for (size_t i = 0; i < NFILES; i++) {
        r[i] = f[NFILES - 1 - i];
    }
    struct fmt_membuf a, b;
    CHECK(write_image(&a, f, NFILES, 8, NULL) == 0);
    CHECK(write_image(&b, r, NFILES, 8, NULL) == 0);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    fmt_membuf_finish(&a);
    fmt_membuf_finish(&b);
    for (size_t i = 0; i < NFILES; i++) {
        free(bufs[i]);
    }
}

static void test_romfs_path_rules(void)
{
    static const char *const good[] = {"a", "a b", "lib/x.py", "a/b/c", "...", ".hidden", "~!@"};
    static const char *const bad[] = {"",     "/a",  "a/",   "a//b",      ".",    "..",
                                      "a/..", "./a", "a\\b", "tab\there", "\x7f", "caf\xc3\xa9"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        CHECK(fmt_romfs_path_valid(good[i]) == 1);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(fmt_romfs_path_valid(bad[i]) == 0);
    }
    char name[FMT_ROMFS_NAME_MAX + 2];
    memset(name, 'n', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    CHECK(fmt_romfs_path_valid(name) == 0);
    name[FMT_ROMFS_NAME_MAX] = '\0';
    CHECK(fmt_romfs_path_valid(name) == 1);
    CHECK(fmt_romfs_path_valid(NULL) == 0);
}

static void expect_name_error(const char *a, const char *b, size_t want_bad)
{
    struct fmt_romfs_file f[2] = {{a, (const uint8_t *)"1", 1}, {b, (const uint8_t *)"2", 1}};
    struct fmt_membuf mb;
    size_t bad = 99;
    CHECK(write_image(&mb, f, 2, 4, &bad) == FMT_ERR_ROMFS_NAME);
    CHECK(bad == want_bad);
    CHECK(mb.len == 0);
    fmt_membuf_finish(&mb);
}

static void test_romfs_refuses_duplicates_and_file_folder_clashes(void)
{
    expect_name_error("a", "a", 1);
    expect_name_error("lib", "lib/x", 1);
    expect_name_error("lib/x/y", "lib/x", 1);
    expect_name_error("ok", "a//b", 1);
    // Not clashes: a name that only starts like another.
    struct fmt_romfs_file f[3] = {{"lib", (const uint8_t *)"1", 1},
                                  {"lib.py", (const uint8_t *)"2", 1},
                                  {"libx/a", (const uint8_t *)"3", 1}};
    struct fmt_membuf mb;
    CHECK(write_image(&mb, f, 3, 4, NULL) == 0);
    fmt_membuf_finish(&mb);
}

static void test_romfs_depth_limit(void)
{
    char path[2 * FMT_ROMFS_DEPTH_MAX + 2] = "";
    for (unsigned i = 0; i < FMT_ROMFS_DEPTH_MAX; i++) {
        strcat(path, "d/");
    }
    strcat(path, "f");
    struct fmt_romfs_file f = {path, (const uint8_t *)"x", 1};
    struct fmt_membuf mb;
    size_t bad = 99;
    CHECK(write_image(&mb, &f, 1, 4, &bad) == 0);
    fmt_membuf_finish(&mb);
    char deeper[sizeof(path) + 2] = "d/";
    strcat(deeper, path);
    f.path = deeper;
    CHECK(write_image(&mb, &f, 1, 4, &bad) == FMT_ERR_ROMFS_LIMIT && bad == 0);
    fmt_membuf_finish(&mb);
}

static void test_romfs_rejects_bad_options(void)
{
    struct fmt_romfs_file f = {"a", NULL, 1};
    struct fmt_membuf mb;
    CHECK(write_image(&mb, &f, 1, 4, NULL) == FMT_ERR_INVALID_ARG);
    fmt_membuf_finish(&mb);
    f.data = (const uint8_t *)"x";
    CHECK(write_image(&mb, &f, 1, 3, NULL) == FMT_ERR_INVALID_ARG);
    fmt_membuf_finish(&mb);
    CHECK(write_image(&mb, &f, 1, FMT_ROMFS_ALIGN_MAX * 2, NULL) == FMT_ERR_INVALID_ARG);
    fmt_membuf_finish(&mb);
    // No files: an empty filesystem, which is still an image.
    CHECK(write_image(&mb, NULL, 0, 4, NULL) == 0);
    CHECK(mb.len == 4 && memcmp(mb.data, "\xd2\xcd\x31\x00", 4) == 0);
    fmt_membuf_finish(&mb);
}

// ---- Reader --------------------------------------------------------------

struct listing {
    char text[2048];
    size_t n;
};

static int collect(void *ctx, const struct fmt_romfs_entry *e)
{
    struct listing *l = ctx;
    size_t used = strlen(l->text);
    snprintf(l->text + used, sizeof(l->text) - used, "%s%.*s%s@%zu+%zu", l->n ? " " : "",
             (int)e->path_len, e->path, e->is_dir ? "/" : "", e->offset, e->size);
    l->n++;
    return 0;
}

static int list(const uint8_t *img, size_t len, struct listing *l)
{
    memset(l, 0, sizeof(*l));
    return fmt_romfs_walk(img, len, collect, l, NULL);
}

static void test_romfs_reader_follows_the_format(void)
{
    // By hand: a padding record, an unknown kind 9 (skipped), a file "p"
    // whose data is an indirect record (size 2, offset 2 into the payload:
    // the bytes "hi" of the padding record), a folder "d" with file "v"
    // holding a padding record before its verbatim data "ok", and trailing
    // partition bytes after the image.
    static const uint8_t img[] = {
        0xd2, 0xcd, 0x31, 0x80, 0x1d,                   // filesystem, padded length 29
        0x01, 0x02, 'h',  'i',                          // padding
        0x09, 0x01, 0x00,                               // unknown kind
        0x05, 0x06, 0x01, 'p',  0x03, 0x02, 0x02, 0x02, // file p -> (2, 2)
        0x04, 0x0c, 0x01, 'd',                          // folder d
        0x05, 0x08, 0x01, 'v',  0x01, 0x00,             // file v, padding,
        0x02, 0x02, 'o',  'k',                          // data
        0xff, 0xff,                                     // partition slack
    };
    struct listing l;
    size_t fs_len = 0;
    memset(&l, 0, sizeof(l));
    CHECK(fmt_romfs_walk(img, sizeof(img), collect, &l, &fs_len) == 0);
    CHECK(fs_len == 34);
    CHECK(strcmp(l.text, "p@7+2 d/@0+0 d/v@32+2") == 0);
    if (strcmp(l.text, "p@7+2 d/@0+0 d/v@32+2") != 0) {
        fprintf(stderr, "  got: %s\n", l.text);
    }
}

static void test_romfs_reader_reads_what_the_writer_wrote(void)
{
    struct fmt_romfs_file f[NFILES];
    uint8_t *bufs[NFILES];
    make_files(f, bufs);
    struct fmt_membuf mb;
    CHECK(write_image(&mb, f, NFILES, 16, NULL) == 0);
    struct listing l;
    CHECK(list(mb.data, mb.len, &l) == 0);
    CHECK(l.n == NFILES + 3); // lib/, lib/deeper/, zz/
    for (size_t i = 0; i < NFILES; i++) {
        const uint8_t *at = memmem(mb.data, mb.len, bufs[i], sizes[i]);
        char want[64];
        snprintf(want, sizeof(want), "%s@%zu+%zu", paths[i], (size_t)(at - mb.data), sizes[i]);
        CHECK(sizes[i] < 3 || strstr(l.text, want) != NULL);
        free(bufs[i]);
    }
    CHECK(strstr(l.text, "assets.bin@") < strstr(l.text, "lib/@")); // sorted by name
    // Every truncation fails cleanly (or, cut after the record, still reads).
    for (size_t n = 0; n < mb.len; n++) {
        uint8_t *cut = malloc(n > 0 ? n : 1);
        memcpy(cut, mb.data, n);
        int err = fmt_romfs_walk(cut, n, NULL, NULL, NULL);
        CHECK(err == FMT_ERR_ROMFS_MAGIC || err == FMT_ERR_ROMFS_CORRUPT);
        free(cut);
    }
    fmt_membuf_finish(&mb);
}

static void expect_walk(const uint8_t *img, size_t len, int want)
{
    uint8_t *copy = malloc(len); // exact size, so ASan sees overreads
    memcpy(copy, img, len);
    int got = fmt_romfs_walk(copy, len, NULL, NULL, NULL);
    if (got != want) {
        fprintf(stderr, "  walk: got %d, want %d\n", got, want);
    }
    CHECK(got == want);
    free(copy);
}

static void test_romfs_reader_rejects_hostile_images(void)
{
    static const uint8_t not_romfs[] = {'R', 'M', '1', 0};
    expect_walk(not_romfs, 4, FMT_ERR_ROMFS_MAGIC);
    static const uint8_t too_long[] = {0xd2, 0xcd, 0x31, 0x10, 0x01, 0x00};
    expect_walk(too_long, sizeof(too_long), FMT_ERR_ROMFS_CORRUPT);
    static const uint8_t kind0[] = {0xd2, 0xcd, 0x31, 0x02, 0x00, 0x00};
    expect_walk(kind0, sizeof(kind0), FMT_ERR_ROMFS_CORRUPT);
    static const uint8_t name_past[] = {0xd2, 0xcd, 0x31, 0x04, 0x05, 0x02, 0x05, 'a'};
    expect_walk(name_past, sizeof(name_past), FMT_ERR_ROMFS_CORRUPT);
    static const uint8_t child_past[] = {0xd2, 0xcd, 0x31, 0x06, 0x04, 0x04, 0x01, 'd', 0x05, 0x09};
    expect_walk(child_past, sizeof(child_past), FMT_ERR_ROMFS_CORRUPT);
    static const uint8_t no_data[] = {0xd2, 0xcd, 0x31, 0x04, 0x05, 0x02, 0x01, 'a'};
    expect_walk(no_data, sizeof(no_data), FMT_ERR_ROMFS_CORRUPT);
    static const uint8_t ptr_out[] = {0xd2, 0xcd, 0x31, 0x08, 0x05, 0x06,
                                      0x01, 'a',  0x03, 0x02, 0x04, 0x05};
    expect_walk(ptr_out, sizeof(ptr_out), FMT_ERR_ROMFS_CORRUPT);
    uint8_t huge[24] = {0xd2, 0xcd, 0x31};
    memset(huge + 3, 0xff, sizeof(huge) - 4);
    huge[sizeof(huge) - 1] = 0x01;
    expect_walk(huge, sizeof(huge), FMT_ERR_ROMFS_CORRUPT);
    // Folders nested one deeper than the limit; each holds the next.
    enum { D = FMT_ROMFS_DEPTH_MAX + 1 };
    uint8_t deep[5 + 4 * D] = {0xd2, 0xcd, 0x31, 0x80, (uint8_t)(4 * D)};
    for (unsigned i = 0; i < D; i++) {
        uint8_t *r = deep + 5 + 4 * i;
        r[0] = 0x04;
        r[1] = (uint8_t)(4 * (D - 1 - i) + 2);
        r[2] = 0x01;
        r[3] = 'd';
    }
    expect_walk(deep, sizeof(deep), FMT_ERR_ROMFS_LIMIT);
    expect_walk(deep, sizeof(deep) - 4, FMT_ERR_ROMFS_CORRUPT); // lengths now past the end
}

static void test_romfs_reader_path_limit(void)
{
    // Eight folders with 200-byte names: the path passes 1023 bytes.
    enum { N = 8, REC = 1 + 2 + 2 + 200 };
    static uint8_t img[6 + N * REC];
    memcpy(img, "\xd2\xcd\x31", 3);
    size_t total = N * REC;
    img[3] = (uint8_t)(0x80 | (total >> 14));
    img[4] = (uint8_t)(0x80 | ((total >> 7) & 0x7f));
    img[5] = (uint8_t)(total & 0x7f);
    for (unsigned i = 0; i < N; i++) {
        uint8_t *r = img + 6 + i * REC;
        size_t payload = (N - 1 - i) * REC + 2 + 200;
        r[0] = 0x04;
        r[1] = (uint8_t)(0x80 | (payload >> 7));
        r[2] = (uint8_t)(payload & 0x7f);
        r[3] = 0x81; // 200 = 0x81 0x48
        r[4] = 0x48;
        memset(r + 5, 'n', 200);
    }
    expect_walk(img, sizeof(img), FMT_ERR_ROMFS_LIMIT);
}

static void test_romfs_reader_path_limit_exactly(void)
{
    // A folder whose name is exactly the longest path holds a file: the
    // folder is listed, the file's path would pass the limit.
    enum { NAME = FMT_ROMFS_PATH_MAX, FILE_REC = 2 + 2 + 2 + 1, DIR_PAYLOAD = 2 + NAME + FILE_REC };
    static uint8_t img[3 + 2 + 1 + 2 + DIR_PAYLOAD];
    uint8_t *p = img;
    memcpy(p, "\xd2\xcd\x31", 3);
    p += 3;
    size_t fs = 1 + 2 + DIR_PAYLOAD;
    *p++ = (uint8_t)(0x80 | (fs >> 7));
    *p++ = (uint8_t)(fs & 0x7f);
    *p++ = 0x04;
    *p++ = (uint8_t)(0x80 | (DIR_PAYLOAD >> 7));
    *p++ = (uint8_t)(DIR_PAYLOAD & 0x7f);
    *p++ = (uint8_t)(0x80 | (NAME >> 7));
    *p++ = (uint8_t)(NAME & 0x7f);
    memset(p, 'n', NAME);
    p += NAME;
    memcpy(p, "\x05\x05\x01\x66\x02\x01\x7a", FILE_REC);
    p += FILE_REC;
    CHECK((size_t)(p - img) == sizeof(img));
    struct listing l;
    memset(&l, 0, sizeof(l));
    CHECK(fmt_romfs_walk(img, sizeof(img), collect, &l, NULL) == FMT_ERR_ROMFS_LIMIT);
    CHECK(l.n == 1);
}

int main(void)
{
    test_romfs_one_file_matches_format_description();
    test_romfs_folder_and_even_size();
    test_romfs_lengths_padded_to_one_width();
    test_romfs_data_aligned_for_every_alignment();
    test_romfs_same_bytes_whatever_the_input_order();
    test_romfs_path_rules();
    test_romfs_refuses_duplicates_and_file_folder_clashes();
    test_romfs_depth_limit();
    test_romfs_rejects_bad_options();
    test_romfs_reader_follows_the_format();
    test_romfs_reader_reads_what_the_writer_wrote();
    test_romfs_reader_rejects_hostile_images();
    test_romfs_reader_path_limit();
    test_romfs_reader_path_limit_exactly();
    return failed;
}
