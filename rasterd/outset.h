// rasterd: a set of output files that replace their previous versions
// together or not at all. Each file is written to a temporary file beside its
// target and fsynced; outset_commit renames them all into place and fsyncs
// their directories. Until commit, the previous outputs stay untouched; on
// abort (or any error) every temporary file is removed. Commit checks every
// target before the first rename (a folder in the way fails it), keeps a
// hard link to each file it replaces, and if a rename still fails puts the
// earlier ones back, so a failed commit leaves every target as it was.
#ifndef RASTERD_OUTSET_H
#define RASTERD_OUTSET_H

#include <stddef.h>
#include <sys/types.h>

#define OUTSET_MAX 16

struct outset {
    size_t count;
    char *path[OUTSET_MAX]; // final paths
    char *tmp[OUTSET_MAX];  // temporary paths, NULL once renamed
    char *old[OUTSET_MAX];  // link to the file path[i] replaces, during commit
    char why[512];          // human-readable cause of the last failure
};

void outset_init(struct outset *set);

// Stages `len` bytes for `path`. Returns 0, or -1 with set->why naming the
// file and the reason (the staged files so far are kept until abort).
int outset_add(struct outset *set, const char *path, const void *data, size_t len)
    __attribute__((warn_unused_result));

// Renames every staged file into place. Returns 0 or -1 with set->why.
int outset_commit(struct outset *set) __attribute__((warn_unused_result));

// Removes every staged temporary file and frees the set; safe after commit.
void outset_finish(struct outset *set);

// Writes all `len` bytes to `fd`, retrying short writes and EINTR. Returns 0,
// or -1 with errno set.
int outset_write_all(int fd, const void *data, size_t len) __attribute__((warn_unused_result));

// The mode a new output file gets: 0666 less the process's umask (as for
// any file a tool creates; 0644 under the usual umask 022).
mode_t outset_file_mode(void);

// Creates `name` (must not exist) in the folder `dirfd` with mode
// outset_file_mode(), writes `len` bytes and fsyncs it: the per-file step that outset_add and a
// generation folder (generation.h) share. Returns 0, or -1 with errno set
// (a partly written file is removed).
int outset_write_at(int dirfd, const char *name, const void *data, size_t len)
    __attribute__((warn_unused_result));

#endif
