// rasterd: the host layer's file reader. Every input file either program
// reads itself (manifest, @include, raw and image assets, keys, firmware,
// bundles, palettes, character files) is opened here: without blocking, so
// a FIFO, device or socket planted where an input belongs fails at once
// with an error naming it instead of hanging, and only as a regular file
// (a symlink to one is followed: the manifest's author named it).
#ifndef RASTERD_FILEIO_H
#define RASTERD_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

// Largest input file rasterd reads (bytes).
#define FILEIO_MAX (256u * 1024u * 1024u)

// Opens `path` read-only (close-on-exec, blocking again once open) and
// checks it is a regular file. Returns 0 with *fd and *st, or an exit code
// (exitcodes.h: EXIT_NOINPUT when missing, unreadable or not a regular file)
// with `why` naming the file and the reason.
int file_open(const char *path, int *fd, struct stat *st, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Reads exactly `len` bytes from `fd`, retrying short reads and EINTR.
// Returns 0, or -1 with errno set (EIO when the file ends first).
int file_read_exact(int fd, void *buf, size_t len) __attribute__((warn_unused_result));

// Reads the regular file `path` into a new heap buffer (*data, free() it; a
// NUL byte follows the *len bytes). `max` is the largest size accepted (0:
// FILEIO_MAX); `st` (may be NULL) receives the file's status. Returns 0, or
// an exit code (EXIT_NOINPUT when missing or unreadable or not a regular
// file, EXIT_DATAERR when larger than `max`, EXIT_SOFTWARE when out of
// memory) with `why` naming the file and the reason.
int file_read(const char *path, size_t max, uint8_t **data, size_t *len, struct stat *st, char *why,
              size_t why_len) __attribute__((warn_unused_result));

// Joins `dir` and `rel` ("dir/rel"), or copies `rel` when it is absolute.
// Returns a heap string or NULL when out of memory.
char *file_join(const char *dir, const char *rel);

#endif
