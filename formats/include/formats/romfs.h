// formats: ROMFS images, the read-only filesystem MicroPython (1.25 and
// later) mounts from memory with vfs.VfsRom, so that files are used in place
// (a memoryview of a file is a view of flash). The format and the rules this
// writer follows are in docs/romfs-format.md.
//
// The writer lays out a list of files (paths with '/'-separated folders) in
// a deterministic order with every file's data aligned as asked, relative to
// the first byte of the image. The reader walks an untrusted image and
// reports its folders and files, bounded in depth and path length, checking
// every length against what remains before using it.
#ifndef FMT_ROMFS_H
#define FMT_ROMFS_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FMT_ROMFS_NAME_MAX  255u   // bytes in one path component
#define FMT_ROMFS_PATH_MAX  1023u  // bytes in a whole path
#define FMT_ROMFS_DEPTH_MAX 16u    // folders a file may sit in
#define FMT_ROMFS_ALIGN_MAX 65536u // largest data alignment
#define FMT_ROMFS_SIZE_MAX  0xffffffffu

// The first three bytes of every image: the filesystem record's kind.
#define FMT_ROMFS_MAGIC "\xd2\xcd\x31"

// One file to store. `path` is relative to the image root ("assets.bin",
// "lib/fonts.py"); see fmt_romfs_path_valid. `data` is borrowed and may be
// NULL only when `size` is 0.
struct fmt_romfs_file {
    const char *path;
    const uint8_t *data;
    size_t size;
};

struct fmt_romfs_options {
    // Every file's data starts at an offset from the image start that is a
    // multiple of this (a power of two, 1..FMT_ROMFS_ALIGN_MAX; 0 means 4).
    // Place the image at an address aligned the same way and a memoryview
    // of the file is aligned in memory.
    uint32_t align;
};

// Returns 1 if `path` can name a file in an image: 1..FMT_ROMFS_PATH_MAX
// bytes, components of 1..FMT_ROMFS_NAME_MAX printable ASCII characters
// (0x20..0x7e) other than '/' and '\\', separated by single '/', no leading
// or trailing '/', no "." or ".." component. Otherwise 0.
FMT_EXPORT int fmt_romfs_path_valid(const char *path);

// Writes an image holding `count` files to `out`. Files are stored sorted by
// path (component by component, byte order), folders created as the paths
// need them; the same files and options always give the same bytes. On
// FMT_ERR_ROMFS_NAME *bad (if not NULL) is the index of the offending file:
// an invalid path, one given twice, or a file that is also a folder of
// another path. Other errors: FMT_ERR_INVALID_ARG (alignment, NULL data with
// a size), FMT_ERR_ROMFS_LIMIT (a file in more than FMT_ROMFS_DEPTH_MAX
// folders), FMT_ERR_RANGE (the image would pass FMT_ROMFS_SIZE_MAX bytes),
// FMT_ERR_NOMEM, or the sink's error. Nothing is written to `out` unless the
// whole image could be made.
FMT_EXPORT int fmt_romfs_write(struct fmt_sink *out, const struct fmt_romfs_file *files,
                               size_t count, const struct fmt_romfs_options *opt, size_t *bad)
    __attribute__((warn_unused_result));

// ---- Reading -----------------------------------------------------------

// A folder or file found in an image.
struct fmt_romfs_entry {
    // Full path from the root, components joined with '/'; the bytes are as
    // stored (an untrusted image may hold any byte, NUL included): use
    // path_len, and escape before printing. NUL-terminated after path_len.
    const char *path;
    size_t path_len;
    unsigned depth; // 0 for entries of the root folder
    int is_dir;
    size_t offset; // file: offset of its data from the image start; folder: 0
    size_t size;   // file: bytes of data; folder: 0
};

// Called for each entry in image order (a folder before its contents).
// Return 0 to go on; a nonzero value stops the walk and is returned.
typedef int (*fmt_romfs_visit_fn)(void *ctx, const struct fmt_romfs_entry *e);

// Walks the image in `buf` (`len` bytes; bytes after the filesystem record,
// such as the rest of a flash partition, are ignored). *fs_len (if not NULL)
// gets the size of the filesystem record. Returns 0, the visitor's nonzero
// value, FMT_ERR_ROMFS_MAGIC (not an image), FMT_ERR_ROMFS_CORRUPT (a record
// or length running past its folder or the image, a record of kind 0, a
// file without data, indirect data outside the image), or
// FMT_ERR_ROMFS_LIMIT (deeper than FMT_ROMFS_DEPTH_MAX folders or a path
// longer than FMT_ROMFS_PATH_MAX). Reads only inside buf[0, len); runs in
// time linear in `len`, without allocating.
FMT_EXPORT int fmt_romfs_walk(const uint8_t *buf, size_t len, fmt_romfs_visit_fn visit, void *ctx,
                              size_t *fs_len) __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
