// DfuSe writer tests. Without arguments: unit checks of layout, CRC and the
// range checks. With arguments, writes a file for check_dfuse.py:
//   test_dfuse OUT VID PID BCD ADDR:FILE [ADDR:FILE...]   (numbers in C syntax)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../common/check.h"

#include "formats/dfuse.h"
#include "formats/error.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const struct fmt_dfuse_device dev = {0x0483, 0xdf11, 0x0200};

static void test_dfuse_layout_and_crc(void)
{
    uint8_t a[1024], b[1000];
    memset(a, 0xa5, sizeof(a));
    memset(b, 0x5a, sizeof(b));
    struct fmt_dfuse_element el[] = {{0x08000000, a, sizeof(a)}, {0x90000000, b, sizeof(b)}};
    struct fmt_dfuse_target t = {0, "rasterd", el, 2};
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    CHECK(fmt_dfuse_write(&mb.sink, &dev, &t, 1, NULL) == 0);
    CHECK(mb.len == 2341); // 11 + 274 + (8 + 1024) + (8 + 1000) + 16
    CHECK(fmt_dfuse_size(&t, 1, NULL) == mb.len);
    CHECK(memcmp(mb.data, "DfuSe\x01", 6) == 0);
    CHECK(le32(mb.data + 6) == mb.len);
    CHECK(mb.data[10] == 1);
    CHECK(memcmp(mb.data + 11, "Target", 6) == 0);
    CHECK(strcmp((const char *)mb.data + 11 + 11, "rasterd") == 0);
    CHECK(le32(mb.data + 11 + 266) == 2 * 8 + 1024 + 1000);
    CHECK(le32(mb.data + 11 + 270) == 2);
    CHECK(le32(mb.data + 285) == 0x08000000 && le32(mb.data + 289) == 1024);
    const uint8_t *suf = mb.data + mb.len - 16;
    CHECK(memcmp(suf, "\x00\x02\x11\xdf\x83\x04\x1a\x01UFD\x10", 12) == 0);
    // A correct DFU CRC makes zlib's CRC of the whole file 0xFFFFFFFF.
    CHECK(crc32(crc32(0, Z_NULL, 0), mb.data, (uInt)mb.len) == 0xffffffffu);
    fmt_membuf_finish(&mb);
}

static void test_dfuse_pads_with_erased_bytes(void)
{
    uint8_t a[5] = {1, 2, 3, 4, 5};
    struct fmt_dfuse_element el = {0x1000, a, sizeof(a)};
    struct fmt_dfuse_target t = {0, NULL, &el, 1};
    struct fmt_dfuse_options opt = {8};
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    CHECK(fmt_dfuse_write(&mb.sink, &dev, &t, 1, &opt) == 0);
    CHECK(mb.len == 11 + 274 + 8 + 8 + 16);
    CHECK(le32(mb.data + 289) == 8);
    CHECK(memcmp(mb.data + 293, "\x01\x02\x03\x04\x05\xff\xff\xff", 8) == 0);
    CHECK(strcmp((const char *)mb.data + 22, "ST...") == 0);
    fmt_membuf_finish(&mb);
}

static int write_one(const struct fmt_dfuse_target *t, size_t n, const struct fmt_dfuse_options *o)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    int err = fmt_dfuse_write(&mb.sink, &dev, t, n, o);
    fmt_membuf_finish(&mb);
    return err;
}

static void test_dfuse_rejects_bad_input(void)
{
    uint8_t a[16] = {0};
    struct fmt_dfuse_element end = {0xfffffff8u, a, 16}; // crosses 4 GiB
    struct fmt_dfuse_element top = {0xfffffff0u, a, 16}; // ends exactly at 4 GiB
    struct fmt_dfuse_element ov[] = {{0x100, a, 16}, {0x108, a, 16}};
    struct fmt_dfuse_element nul = {0, NULL, 4};
    char longname[300];
    memset(longname, 'n', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    struct fmt_dfuse_target t = {0, NULL, &end, 1};
    CHECK(write_one(&t, 1, NULL) == FMT_ERR_RANGE);
    t.elements = &top;
    CHECK(write_one(&t, 1, NULL) == 0);
    struct fmt_dfuse_options pad = {64};
    t.elements = &top; // padding pushes it past the end
    CHECK(write_one(&t, 1, &pad) == FMT_ERR_RANGE);
    struct fmt_dfuse_options odd = {6};
    CHECK(write_one(&t, 1, &odd) == FMT_ERR_INVALID_ARG);
    struct fmt_dfuse_target o = {0, NULL, ov, 2};
    CHECK(write_one(&o, 1, NULL) == FMT_ERR_INVALID_ARG);
    t.elements = &nul;
    CHECK(write_one(&t, 1, NULL) == FMT_ERR_INVALID_ARG);
    t.elements = &top;
    t.name = longname;
    CHECK(write_one(&t, 1, NULL) == FMT_ERR_INVALID_ARG);
    t.name = NULL;
    t.element_count = 0;
    CHECK(write_one(&t, 1, NULL) == FMT_ERR_INVALID_ARG);
    CHECK(write_one(&t, 0, NULL) == FMT_ERR_INVALID_ARG);
    static struct fmt_dfuse_target many[256];
    for (size_t i = 0; i < 256; i++) {
        many[i] = (struct fmt_dfuse_target){(uint8_t)i, NULL, &top, 1};
    }
    CHECK(write_one(many, 256, NULL) == FMT_ERR_RANGE);
    CHECK(write_one(many, 255, NULL) == 0);
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *p = realloc(buf, cap);
            if (p == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static int write_file(int argc, char **argv)
{
    size_t n = (size_t)argc - 5;
    struct fmt_dfuse_element *el = calloc(n, sizeof(*el));
    uint8_t **bufs = calloc(n, sizeof(*bufs));
    struct fmt_dfuse_device d = {(uint16_t)strtoul(argv[2], NULL, 0),
                                 (uint16_t)strtoul(argv[3], NULL, 0),
                                 (uint16_t)strtoul(argv[4], NULL, 0)};
    int rc = 1;
    for (size_t i = 0; el != NULL && bufs != NULL && i < n; i++) {
        char *colon = NULL;
        el[i].address = (uint32_t)strtoul(argv[5 + i], &colon, 0);
        if (colon == NULL || *colon != ':' || (bufs[i] = slurp(colon + 1, &el[i].size)) == NULL) {
            fprintf(stderr, "test_dfuse: bad element %s\n", argv[5 + i]);
            goto out;
        }
        el[i].data = bufs[i];
    }
    struct fmt_dfuse_target t = {0, "ST...", el, n};
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    int err = fmt_dfuse_write(&mb.sink, &d, &t, 1, NULL);
    FILE *f = err == 0 ? fopen(argv[1], "wb") : NULL;
    if (f != NULL) {
        size_t w = fwrite(mb.data, 1, mb.len, f);
        if (fclose(f) == 0 && w == mb.len) {
            rc = 0;
        }
    }
    if (rc != 0) {
        fprintf(stderr, "test_dfuse: %s: %s\n", argv[1], err ? fmt_strerror(err) : "write failed");
    }
    fmt_membuf_finish(&mb);
out:
    for (size_t i = 0; bufs != NULL && i < n; i++) {
        free(bufs[i]);
    }
    free(bufs);
    free(el);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 6) {
        return write_file(argc, argv);
    }
    test_dfuse_layout_and_crc();
    test_dfuse_pads_with_erased_bytes();
    test_dfuse_rejects_bad_input();
    return check_status();
}
