// Test helper: writes a ROMFS image with formats' writer.
//   romfs_pack OUT.romfs ALIGN [PATH FILE]...
// PATH is the file's path inside the image, FILE the host file holding its
// data (two arguments, so that either may hold any character). Exit 0, or 1 with the writer's error
// (and the offending PATH).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "formats/romfs.h"

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *grown = realloc(buf, cap *= 2);
            if (grown == NULL) {
                free(buf);
            }
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc % 2 == 0) {
        fprintf(stderr, "usage: romfs_pack OUT.romfs ALIGN [PATH FILE]...\n");
        return 2;
    }
    size_t n = (size_t)(argc - 3) / 2;
    struct fmt_romfs_file *files = calloc(n + 1, sizeof(*files));
    int rc = files == NULL;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *host = argv[4 + 2 * i];
        files[i].path = argv[3 + 2 * i];
        files[i].data = slurp(host, &files[i].size);
        if (files[i].data == NULL) {
            fprintf(stderr, "%s: cannot read\n", host);
            rc = 2;
        }
    }
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    struct fmt_romfs_options opt = {(uint32_t)strtoul(argv[2], NULL, 0)};
    size_t bad = 0;
    int err = rc == 0 ? fmt_romfs_write(&mb.sink, files, n, &opt, &bad) : 0;
    if (err < 0) {
        fprintf(stderr, "romfs_pack: %s%s%s\n", fmt_strerror(err),
                err == FMT_ERR_ROMFS_NAME || err == FMT_ERR_ROMFS_LIMIT ? ": " : "",
                err == FMT_ERR_ROMFS_NAME || err == FMT_ERR_ROMFS_LIMIT ? files[bad].path : "");
        rc = 1;
    }
    if (rc == 0) {
        FILE *f = fopen(argv[1], "wb");
        rc = f == NULL || fwrite(mb.data, 1, mb.len, f) != mb.len;
        rc |= f != NULL && fclose(f) != 0;
    }
    for (size_t i = 0; i < n; i++) {
        free((void *)files[i].data);
    }
    free(files);
    fmt_membuf_finish(&mb);
    return rc;
}
