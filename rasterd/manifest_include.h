// rasterd private: reading the manifest's text and the files it pulls in
// with libconfig's `@include "FILE"`. libconfig 1.5 opens included files
// itself (blocking, any file type), so before it runs every include line of
// the manifest and, recursively, of the files it includes is resolved as
// libconfig will resolve it (relative to the manifest's folder) and checked
// with the host file reader: a FIFO or anything but a regular file is
// refused, naming it, instead of hanging the parse. Lines are matched
// wherever they are (also inside comments): checking a file libconfig will
// not open costs nothing, missing one would hang.
#ifndef RASTERD_MANIFEST_INCLUDE_H
#define RASTERD_MANIFEST_INCLUDE_H

#include <stddef.h>

struct mf_include {
    char *from;  // the file holding the line (the manifest's own path for it)
    int line;    // 1-based
    char *path;  // as libconfig opens it
    int missing; // errno of the failed lookup, 0 when it exists
};

struct mf_includes {
    struct mf_include *list;
    size_t count;
};

// Reads the manifest at `path` (its text in *text, NUL-terminated, free()
// it) and checks its includes resolved against `dir`. Returns 0, or an exit
// code (exitcodes.h) with `why` as "FILE[:LINE]: reason" (and `inc`
// empty, nothing to finish).
int manifest_include_read(const char *path, const char *dir, char **text, struct mf_includes *inc,
                          char *why, size_t why_len) __attribute__((warn_unused_result));

// The include on `line` of `file` (the manifest's path for the manifest
// itself), or NULL: for naming the file when libconfig reports "cannot open
// include file".
const struct mf_include *manifest_include_at(const struct mf_includes *inc, const char *file,
                                             int line);

void manifest_include_finish(struct mf_includes *inc);

#endif
