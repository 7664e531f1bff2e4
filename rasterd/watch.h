// rasterd: recursive directory watcher on raw Linux inotify.
//
// Watches directories only (a file watch dies with the inode on a rename
// save), recursively, including directories created or moved in later: the
// watch is added first (IN_ONLYDIR), then the directory is scanned, so files
// that landed before the watch existed are not lost. A file "may have
// changed" on IN_CLOSE_WRITE or IN_MOVED_TO, which covers in-place writers
// (nano, VS Code, cp, git) and rename-over writers (vim, emacs, sed -i,
// JetBrains safe write). Only the paths the caller declares relevant (the
// manifest and the files it references) produce events, so editor debris
// (4913, *~, .#*, .*.swp, sedXXXXXX, *___jb_tmp___) never does.
//
// A relevant file that is deleted or moved away is reported MISSING only if
// it has not reappeared within WATCH_MISSING_GRACE_MS (git checkout and vim
// recreate files milliseconds later); meanwhile watch_pending_missing() is
// nonzero and the caller should hold builds back.
//
// IN_Q_OVERFLOW (events lost) re-walks the tree and reports RESCAN: the
// caller must assume every relevant file changed.
//
// If the root itself is deleted or renamed away, the watcher reports
// ROOT_GONE, drops every watch and polls the root path every
// WATCH_ROOT_POLL_MS; when a directory is there again it re-arms, and
// reports ROOT_BACK (the caller rebuilds). It never gives up on its own. A
// root deleted while a file in it is still open gets no IN_DELETE_SELF, so
// when files of the root go missing the watcher also checks that the root
// path still names the watched directory, and if not treats it the same.
//
// Relevant files outside the root (absolute paths) are watched through
// their directory, not recursively, with the same mask and the same
// filtering, so only the referenced names report. Such a directory that is
// missing or removed is looked for again every WATCH_OUTSIDE_POLL_MS (and on
// every watch_set_relevant and overflow rescan), with one WARNING per new
// relevant set; when it appears, its relevant files are reported CHANGED.
//
// Directories named by watch_set_skip (the output generation store) are not
// watched, so builds do not add and drop watches.
//
// Not thread-safe; one watcher per thread. Never prints: everything is
// reported through the callback.
#ifndef RASTERD_WATCH_H
#define RASTERD_WATCH_H

#include <stddef.h>
#include <stdint.h>

#define WATCH_MISSING_GRACE_MS 1000
#define WATCH_ROOT_POLL_MS     250
#define WATCH_OUTSIDE_POLL_MS  1000

enum watch_kind {
    WATCH_CHANGED,   // path: a relevant file may have new content
    WATCH_MISSING,   // path: a relevant file is gone (after the grace period)
    WATCH_RESCAN,    // no path: events were lost; assume everything changed
    WATCH_ROOT_GONE, // path: the root ("" relative); no events until ROOT_BACK
    WATCH_ROOT_BACK, // path: the root was recreated and is watched again
    WATCH_WARNING,   // path: a directory that could not be watched; detail says why
};

struct watch_event {
    enum watch_kind kind;
    const char *path;   // relative to the root, '/'-separated; "" = the root;
                        // absolute for a file or directory outside the root
    const char *detail; // human-readable extra, or NULL
};

typedef void (*watch_fn)(void *ctx, const struct watch_event *ev);

struct watch;

// Starts watching `root` (a directory) recursively. Returns NULL with a
// reason in `why` (root missing or not a directory, inotify limits).
struct watch *watch_create(const char *root, char *why, size_t why_len);
// Stops watching and frees; NULL is a no-op.
void watch_destroy(struct watch *w);

// The inotify descriptor (nonblocking, close-on-exec) to poll for input.
int watch_fd(const struct watch *w);

// Replaces the set of relevant paths (relative to the root, '/'-separated,
// without "./" or ".."; or absolute and normalised for files outside the
// root, whose directories are then watched). Copies them. Returns 0 or -1
// (out of memory).
int watch_set_relevant(struct watch *w, const char *const *paths, size_t count)
    __attribute__((warn_unused_result));

// Replaces the set of directories (relative to the root, normalised) that
// are not watched, nor anything below them; drops their watches now and
// watches again the ones no longer listed. Copies them. Returns 0 or -1.
int watch_set_skip(struct watch *w, const char *const *paths, size_t count)
    __attribute__((warn_unused_result));

// Reads all pending inotify events and reports relevant ones. `now_ms` is a
// monotonic clock. Returns 0, or -1 if reading the descriptor failed.
int watch_process(struct watch *w, uint64_t now_ms, watch_fn fn, void *ctx)
    __attribute__((warn_unused_result));

// Handles timeouts (missing-file grace, root polling); call when
// watch_next_deadline() has passed, or any time.
void watch_tick(struct watch *w, uint64_t now_ms, watch_fn fn, void *ctx);

// The earliest time watch_tick has work, or UINT64_MAX if none.
uint64_t watch_next_deadline(const struct watch *w);

// Number of relevant files currently inside their missing grace period.
size_t watch_pending_missing(const struct watch *w);

// Number of directories currently watched, inside and outside the root (for
// tests and status).
size_t watch_dir_count(const struct watch *w);

#endif
