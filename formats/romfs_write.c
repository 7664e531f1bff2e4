// ROMFS image writer; the format is in docs/romfs-format.md.
//
// Folder and file records hold their payload length before their contents,
// so the position of a file's data depends on how many bytes the lengths of
// the records around it take. To know every position while writing front to
// back, the lengths of the filesystem, folder and file records all take the
// same number of bytes W (the format allows a varuint to be padded with
// leading 0x80 bytes), W being enough for an upper bound of the image size.
// Those lengths are filled in when a record is closed. Data is aligned with
// a padding record (or, for one byte, by padding the data length).
#include <stdlib.h>
#include <string.h>

#include "formats/error.h"
#include "formats/romfs.h"

#define KIND_PADDING 1u
#define KIND_DATA    2u
#define KIND_DIR     4u
#define KIND_FILE    5u

struct sorted {
    const struct fmt_romfs_file *f;
    size_t index;
};

struct image {
    uint8_t *buf;
    size_t pos;
    size_t cap;
    unsigned w; // bytes of every container length
    uint32_t align;
    unsigned depth;                       // folders open
    const char *dir[FMT_ROMFS_DEPTH_MAX]; // their names (into a path)
    size_t dir_len[FMT_ROMFS_DEPTH_MAX];  // and name lengths
    size_t dir_at[FMT_ROMFS_DEPTH_MAX];   // where their length goes
};

int fmt_romfs_path_valid(const char *path)
{
    if (path == NULL) {
        return 0;
    }
    size_t n = strlen(path);
    if (n == 0 || n > FMT_ROMFS_PATH_MAX) {
        return 0;
    }
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c != '/' && c != '\0') {
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return 0;
            }
            continue;
        }
        size_t len = i - start;
        if (len == 0 || len > FMT_ROMFS_NAME_MAX ||
            (path[start] == '.' && (len == 1 || (len == 2 && path[start + 1] == '.')))) {
            return 0;
        }
        start = i + 1;
    }
    return 1;
}

// Byte order within a component, a component before anything longer that
// starts with it ('/' and the end sort lowest): so a folder's files are
// contiguous and come out as a listing of each folder, sorted by name.
static int path_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned ca = *a == '/' ? 1u : (unsigned char)*a;
        unsigned cb = *b == '/' ? 1u : (unsigned char)*b;
        if (ca != cb || ca == 0) {
            return (ca > cb) - (ca < cb);
        }
    }
}

static int sorted_cmp(const void *pa, const void *pb)
{
    const struct sorted *a = pa, *b = pb;
    int c = path_cmp(a->f->path, b->f->path);
    return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

static unsigned uint_width(uint64_t v)
{
    unsigned w = 1;
    while (v >= 0x80) {
        v >>= 7;
        w++;
    }
    return w;
}

// `v` as a varuint of exactly `w` bytes (w >= uint_width(v)).
static void put_uint_at(uint8_t *p, uint64_t v, unsigned w)
{
    for (unsigned i = w; i-- > 0;) {
        p[i] = (uint8_t)((v & 0x7fu) | (i + 1 < w ? 0x80u : 0u));
        v >>= 7;
    }
}

static void put_uint(struct image *im, uint64_t v, unsigned w)
{
    put_uint_at(im->buf + im->pos, v, w);
    im->pos += w;
}

static void put_bytes(struct image *im, const void *data, size_t len)
{
    if (len > 0) {
        memcpy(im->buf + im->pos, data, len);
        im->pos += len;
    }
}

// A padding record of exactly `p` (>= 2) bytes.
static void put_padding(struct image *im, size_t p)
{
    unsigned w = uint_width(p);
    size_t body = p - 1 - w;
    put_uint(im, KIND_PADDING, 1);
    put_uint(im, body, w);
    memset(im->buf + im->pos, 0, body);
    im->pos += body;
}

// Starts a folder or file record; returns where its length goes.
static size_t open_record(struct image *im, unsigned kind, const char *name, size_t len)
{
    put_uint(im, kind, 1);
    size_t at = im->pos;
    im->pos += im->w;
    put_uint(im, len, uint_width(len));
    put_bytes(im, name, len);
    return at;
}

static void close_record(struct image *im, size_t at)
{
    put_uint_at(im->buf + at, im->pos - at - im->w, im->w);
}

static void put_file(struct image *im, const char *name, size_t name_len,
                     const struct fmt_romfs_file *f)
{
    size_t at = open_record(im, KIND_FILE, name, name_len);
    unsigned wl = uint_width(f->size);
    size_t pad = (im->align - (im->pos + 1 + wl) % im->align) % im->align;
    if (pad == 1) {
        wl++; // one byte: a leading 0x80 on the data length
    } else if (pad > 1) {
        put_padding(im, pad);
    }
    put_uint(im, KIND_DATA, 1);
    put_uint(im, f->size, wl);
    put_bytes(im, f->data, f->size);
    close_record(im, at);
}

// Closes the open folders that are not the leading components of `path`,
// opens the missing ones, and returns the file's own name. prepare()
// checked the depth.
static const char *enter_folders(struct image *im, const char *path)
{
    unsigned keep = 0;
    const char *p = path;
    const char *slash;
    while (keep < im->depth && (slash = strchr(p, '/')) != NULL &&
           (size_t)(slash - p) == im->dir_len[keep] &&
           memcmp(p, im->dir[keep], im->dir_len[keep]) == 0) {
        p = slash + 1;
        keep++;
    }
    while (im->depth > keep) {
        close_record(im, im->dir_at[--im->depth]);
    }
    while ((slash = strchr(p, '/')) != NULL) {
        size_t len = (size_t)(slash - p);
        im->dir[im->depth] = p;
        im->dir_len[im->depth] = len;
        im->dir_at[im->depth++] = open_record(im, KIND_DIR, p, len);
        p = slash + 1;
    }
    return p;
}

// Checks every file and sorts them; on a name error *bad is its index.
static int prepare(const struct fmt_romfs_file *files, size_t count, uint32_t align,
                   struct sorted *s, uint64_t *bound, size_t *bad)
{
    // Per file: its data, alignment padding, record headers of at most 16
    // bytes, and up to one folder record (8 bytes + name) per component.
    uint64_t total = 16;
    for (size_t i = 0; i < count; i++) {
        const struct fmt_romfs_file *f = &files[i];
        if (!fmt_romfs_path_valid(f->path)) {
            *bad = i;
            return FMT_ERR_ROMFS_NAME;
        }
        if (f->data == NULL && f->size != 0) {
            return FMT_ERR_INVALID_ARG;
        }
        size_t folders = 0;
        for (const char *p = f->path; *p != '\0'; p++) {
            folders += *p == '/';
        }
        if (folders > FMT_ROMFS_DEPTH_MAX) {
            *bad = i;
            return FMT_ERR_ROMFS_LIMIT;
        }
        if (f->size > FMT_ROMFS_SIZE_MAX) {
            return FMT_ERR_RANGE;
        }
        total += (uint64_t)f->size + align + 10u * strlen(f->path) + 24u;
        if (total > FMT_ROMFS_SIZE_MAX || total > SIZE_MAX) {
            return FMT_ERR_RANGE;
        }
        s[i] = (struct sorted){f, i};
    }
    if (count > 1) {
        qsort(s, count, sizeof(*s), sorted_cmp);
    }
    for (size_t i = 1; i < count; i++) {
        const char *prev = s[i - 1].f->path, *cur = s[i].f->path;
        size_t n = strlen(prev);
        if (strcmp(prev, cur) == 0 || (strncmp(prev, cur, n) == 0 && cur[n] == '/')) {
            *bad = s[i].index > s[i - 1].index ? s[i].index : s[i - 1].index;
            return FMT_ERR_ROMFS_NAME;
        }
    }
    *bound = total;
    return 0;
}

static void lay_out(struct image *im, const struct sorted *s, size_t count)
{
    static const uint8_t magic[] = FMT_ROMFS_MAGIC;
    put_bytes(im, magic, 3);
    size_t fs_at = im->pos;
    im->pos += im->w;
    for (size_t i = 0; i < count; i++) {
        const char *name = enter_folders(im, s[i].f->path);
        put_file(im, name, strlen(name), s[i].f);
    }
    while (im->depth > 0) {
        close_record(im, im->dir_at[--im->depth]);
    }
    // The whole filesystem record must have an even size; a padding record
    // needs two bytes or more, so three bytes make an odd size even.
    if (im->pos % 2 != 0) {
        put_padding(im, 3);
    }
    put_uint_at(im->buf + fs_at, im->pos - fs_at - im->w, im->w);
}

int fmt_romfs_write(struct fmt_sink *out, const struct fmt_romfs_file *files, size_t count,
                    const struct fmt_romfs_options *opt, size_t *bad)
{
    uint32_t align = opt != NULL && opt->align != 0 ? opt->align : 4;
    size_t bad_index = 0;
    if (out == NULL || (files == NULL && count > 0) || align > FMT_ROMFS_ALIGN_MAX ||
        (align & (align - 1)) != 0 || count > SIZE_MAX / sizeof(struct sorted)) {
        return FMT_ERR_INVALID_ARG;
    }
    struct sorted *s = malloc(count > 0 ? count * sizeof(*s) : 1);
    if (s == NULL) {
        return FMT_ERR_NOMEM;
    }
    uint64_t bound = 0;
    int err = prepare(files, count, align, s, &bound, &bad_index);
    struct image im = {NULL, 0, (size_t)bound, uint_width(bound), align, 0, {0}, {0}, {0}};
    if (err == 0) {
        im.buf = malloc(im.cap);
        err = im.buf == NULL ? FMT_ERR_NOMEM : 0;
    }
    if (err == 0) {
        lay_out(&im, s, count);
        fmt_sink_write(out, im.buf, im.pos);
        err = fmt_sink_status(out);
    }
    if (bad != NULL) {
        *bad = bad_index;
    }
    free(im.buf);
    free(s);
    return err;
}
