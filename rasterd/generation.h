// rasterd: output generations that switch in one step.
//
// The manifest's output folder OUT (output.dir, e.g. "proj/out") is a
// symlink to the current generation, a folder in the store ".OUT.gen" beside
// it ("proj/.out.gen/7"; the link text is relative, ".out.gen/7"). A build
// writes every output into a fresh folder in the store (each file and the
// folder fsynced), renames it to the next number, then renames a new symlink
// over OUT: rename(2) replaces the link atomically, so whoever resolves OUT
// sees one whole generation, old or new. The store keeps the current
// generation and the one before it (for readers still inside it); older ones
// and the debris of interrupted builds are removed while the lock is held.
//
// One writer per OUT: the store's "lock" file is flock()ed (non-blocking) by
// whoever writes generations; the holder's pid is written into it for the
// message a refused second rasterd prints (one fixed-size record, never
// truncated, so a reader never sees it empty).
//
// The project folder may be hostile: the store, its lock and the generation
// folders are opened relative to directory descriptors without following
// symlinks; a store, lock or generation folder that is a symlink or not the
// kind of file rasterd makes there is refused with an error naming it, and
// only what rasterd creates (generation folders, "new.XXXXXX" folders, the
// regular files in them, "link.tmp") is ever deleted.
//
// An OUT that is still a real folder (rasterd before generations) is moved
// into the store as its first generation if it holds nothing but rasterd's
// own outputs; the move and the new symlink are two renames, so readers may
// find OUT missing for that moment, once. Otherwise begin refuses.
#ifndef RASTERD_GENERATION_H
#define RASTERD_GENERATION_H

#include <stddef.h>

// A lock held across builds (watch mode); the build child inherits `fd`.
struct generation_lock {
    char *out; // OUT it locks (heap), NULL when none
    int fd;    // open, flock()ed store/lock; -1 when none
};

struct generation {
    char *out;          // OUT without trailing '/' (heap)
    char *parent;       // folder holding OUT (heap)
    char *store;        // "<dir of OUT>/.<name of OUT>.gen" (heap)
    char *base;         // name of OUT (heap)
    int parent_fd;      // the folder holding OUT
    int store_fd;       // the store folder
    int lock_fd;        // our own lock, -1 when the caller's lock is used
    int tmp_fd;         // the folder being filled, -1 when none
    char tmp[32];       // its name inside the store ("new.XXXXXX"), "" when none
    unsigned long cur;  // generation OUT points to, 0 when none
    unsigned long next; // number the new one gets at commit
    char why[1024];     // human-readable cause of the last failure
};

// Takes the lock of `out` (creating its store). Returns 0, or -1 with `why`
// ("OUT: another rasterd (pid N) is writing it ...").
int generation_lock_take(struct generation_lock *lk, const char *out, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// 1 when `lk` holds the lock file that is at .OUT.gen/lock now; 0 when that
// file was deleted or replaced (the project folder was removed and copied
// back): the holder should take the lock again.
int generation_lock_current(const struct generation_lock *lk);

// Releases the lock; safe on a zeroed lock with fd -1 and on a released one.
void generation_lock_release(struct generation_lock *lk);

// Removes interrupted builds' folders and generations older than the one
// before the current. The caller holds the lock of `out`; no build runs.
// Does nothing when the store holds something rasterd did not make (the
// next generation_begin refuses it with the reason).
void generation_clean(const char *out);

// Starts a new generation of `out`: locks (using `lk` if it is a held lock
// of the same OUT), refuses a store holding a symlink or file where a
// generation folder belongs, removes debris, migrates a real folder OUT (allowed only
// if it holds just the files in `names` and "*.tmp.*" debris), creates the
// empty folder to fill. Returns 0 or -1 with g->why. Call generation_finish
// in every case.
int generation_begin(struct generation *g, const char *out, const struct generation_lock *lk,
                     const char *const *names, size_t count) __attribute__((warn_unused_result));

// Writes the file `name` (a plain file name) into the new generation,
// replacing an earlier one of that name. Returns 0 or -1 with g->why.
int generation_add(struct generation *g, const char *name, const void *data, size_t len)
    __attribute__((warn_unused_result));

// Hard-links every file of the current generation into the new one (to
// replace a few of them with generation_add). Returns 0 or -1 with g->why
// (also when there is no current generation).
int generation_add_current(struct generation *g) __attribute__((warn_unused_result));

// Switches OUT to the new generation and removes older ones. Returns 0 or
// -1 with g->why; on failure OUT still shows the previous generation.
int generation_commit(struct generation *g) __attribute__((warn_unused_result));

// Removes the new folder unless committed, releases our lock, frees.
void generation_finish(struct generation *g);

#endif
