// rasterd: reading whole input files with errors that name the file.
#ifndef RASTERD_FILEIO_H
#define RASTERD_FILEIO_H

#include <stddef.h>
#include <stdint.h>

// Largest input file rasterd reads (bytes).
#define FILEIO_MAX (256u * 1024u * 1024u)

// Reads `path` into a new heap buffer (*data, free() it; a NUL byte follows
// the *len bytes). Returns 0, or an exit code (EXIT_NOINPUT when missing or
// unreadable, EXIT_DATAERR when not a regular file or too large,
// EXIT_SOFTWARE when out of memory) with `why` naming the file and reason.
int file_read(const char *path, uint8_t **data, size_t *len, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Joins `dir` and `rel` ("dir/rel"), or copies `rel` when it is absolute.
// Returns a heap string or NULL when out of memory.
char *file_join(const char *dir, const char *rel);

#endif
