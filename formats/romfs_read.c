// ROMFS image reader for `rasterd inspect` and the tests. The image is
// untrusted: every length is checked by subtraction against the end of the
// record holding it, varuints that would overflow 64 bits are corrupt, and
// folders are walked with an explicit stack bounded by FMT_ROMFS_DEPTH_MAX
// (no recursion). Each record is read once, so the walk is linear in size.
#include <string.h>

#include "formats/error.h"
#include "formats/romfs.h"

#define KIND_UNUSED     0u
#define KIND_DATA       2u
#define KIND_POINTER    3u
#define KIND_DIR        4u
#define KIND_FILE       5u
#define KIND_FILESYSTEM 0x14a6b1u

struct walk {
    const uint8_t *buf;
    size_t fs_start, fs_end; // the filesystem record's payload
    unsigned depth;
    size_t end[FMT_ROMFS_DEPTH_MAX + 1];      // end of each open folder's payload
    size_t path_len[FMT_ROMFS_DEPTH_MAX + 1]; // path length of each open folder
    char path[FMT_ROMFS_PATH_MAX + 1];
};

static int get_uint(const uint8_t *buf, size_t *pos, size_t end, uint64_t *out)
{
    uint64_t v = 0;
    size_t p = *pos;
    uint8_t b;
    do {
        if (p >= end || v > (UINT64_MAX >> 7)) {
            return FMT_ERR_ROMFS_CORRUPT;
        }
        b = buf[p++];
        v = (v << 7) | (b & 0x7fu);
    } while ((b & 0x80u) != 0);
    *pos = p;
    *out = v;
    return 0;
}

// A record header at *pos: its kind, and its payload [*pos, *next).
static int get_record(const uint8_t *buf, size_t *pos, size_t end, uint64_t *kind, size_t *next)
{
    uint64_t len;
    int err = get_uint(buf, pos, end, kind);
    err = err ? err : get_uint(buf, pos, end, &len);
    if (err == 0 && len > end - *pos) {
        err = FMT_ERR_ROMFS_CORRUPT;
    }
    if (err == 0) {
        *next = *pos + (size_t)len;
    }
    return err;
}

// The first data record among a file's records in [pos, end).
static int file_data(const struct walk *w, size_t pos, size_t end, struct fmt_romfs_entry *e)
{
    while (pos < end) {
        uint64_t kind, size, off;
        size_t next;
        int err = get_record(w->buf, &pos, end, &kind, &next);
        if (err < 0 || kind == KIND_UNUSED) {
            return FMT_ERR_ROMFS_CORRUPT;
        }
        if (kind == KIND_DATA) {
            e->offset = pos;
            e->size = next - pos;
            return 0;
        }
        if (kind == KIND_POINTER) {
            // Size, then offset into the filesystem payload.
            size_t fs_len = w->fs_end - w->fs_start;
            err = get_uint(w->buf, &pos, next, &size);
            err = err ? err : get_uint(w->buf, &pos, next, &off);
            if (err < 0 || off > fs_len || size > fs_len - off) {
                return FMT_ERR_ROMFS_CORRUPT;
            }
            e->offset = w->fs_start + (size_t)off;
            e->size = (size_t)size;
            return 0;
        }
        pos = next;
    }
    return FMT_ERR_ROMFS_CORRUPT;
}

// A folder or file record whose payload starts at *pos and ends at `next`:
// reads its name into the path and fills `e`; a folder becomes the open one.
static int entry(struct walk *w, uint64_t kind, size_t *pos, size_t next, struct fmt_romfs_entry *e)
{
    uint64_t name_len;
    int err = get_uint(w->buf, pos, next, &name_len);
    if (err < 0 || name_len > next - *pos) {
        return FMT_ERR_ROMFS_CORRUPT;
    }
    size_t base = w->path_len[w->depth];
    size_t sep = base > 0 ? 1 : 0;
    // base <= FMT_ROMFS_PATH_MAX, but base + sep may not be.
    if (sep > FMT_ROMFS_PATH_MAX - base || name_len > FMT_ROMFS_PATH_MAX - base - sep) {
        return FMT_ERR_ROMFS_LIMIT;
    }
    if (sep) {
        w->path[base] = '/';
    }
    memcpy(w->path + base + sep, w->buf + *pos, (size_t)name_len);
    size_t plen = base + sep + (size_t)name_len;
    w->path[plen] = '\0';
    *pos += (size_t)name_len;
    *e = (struct fmt_romfs_entry){w->path, plen, w->depth, kind == KIND_DIR, 0, 0};
    if (kind == KIND_FILE) {
        return file_data(w, *pos, next, e);
    }
    if (w->depth == FMT_ROMFS_DEPTH_MAX) {
        return FMT_ERR_ROMFS_LIMIT;
    }
    w->depth++;
    w->end[w->depth] = next;
    w->path_len[w->depth] = plen;
    return 0;
}

static int header(struct walk *w, size_t len)
{
    static const uint8_t magic[] = FMT_ROMFS_MAGIC;
    if (len < 4 || memcmp(w->buf, magic, 3) != 0) {
        return FMT_ERR_ROMFS_MAGIC;
    }
    size_t pos = 0;
    uint64_t kind;
    int err = get_record(w->buf, &pos, len, &kind, &w->fs_end);
    if (err == 0 && kind != KIND_FILESYSTEM) {
        err = FMT_ERR_ROMFS_MAGIC;
    }
    w->fs_start = pos;
    return err;
}

int fmt_romfs_walk(const uint8_t *buf, size_t len, fmt_romfs_visit_fn visit, void *ctx,
                   size_t *fs_len)
{
    struct walk w;
    w.buf = buf;
    w.depth = 0;
    w.path_len[0] = 0;
    w.path[0] = '\0';
    int err = buf != NULL ? header(&w, len) : FMT_ERR_INVALID_ARG;
    if (err < 0) {
        return err;
    }
    if (fs_len != NULL) {
        *fs_len = w.fs_end;
    }
    w.end[0] = w.fs_end;
    size_t pos = w.fs_start;
    for (;;) {
        if (pos == w.end[w.depth]) {
            if (w.depth == 0) {
                return 0;
            }
            w.depth--;
            continue;
        }
        uint64_t kind;
        size_t next;
        err = get_record(buf, &pos, w.end[w.depth], &kind, &next);
        if (err == 0 && kind == KIND_UNUSED) {
            err = FMT_ERR_ROMFS_CORRUPT;
        }
        if (err == 0 && (kind == KIND_DIR || kind == KIND_FILE)) {
            struct fmt_romfs_entry e;
            err = entry(&w, kind, &pos, next, &e);
            err = err ? err : visit != NULL ? visit(ctx, &e) : 0;
            if (kind == KIND_FILE) {
                pos = next;
            }
        } else {
            pos = next;
        }
        if (err != 0) {
            return err;
        }
    }
}
