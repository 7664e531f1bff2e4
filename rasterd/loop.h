// rasterd: the daemon's one event loop. epoll over the inotify watcher, a
// signalfd (SIGINT, SIGTERM, SIGHUP, SIGCHLD; blocked for the whole
// process so they arrive only there) and a timerfd for the debounce and
// watcher deadlines. Builds run in a forked child (buildchild.h); the loop
// keeps watching while they run and queues one follow-up build.
//
// Signals: SIGHUP calls hooks.reload, then rebuilds everything. SIGTERM and
// SIGINT end the loop with status 0; a running build is stopped with
// SIGTERM (it finishes a commit in progress first, see buildchild.h). A
// build that writes its outputs with an outset (outset.h) may declare them
// (loop_options.outputs) so the "*.tmp.*" files a stopped build staged are
// removed. rasterd's own builds write generation folders (generation.h)
// and declare none: the daemon removes an interrupted generation with
// generation_clean() instead.
#ifndef RASTERD_LOOP_H
#define RASTERD_LOOP_H

#include <stddef.h>
#include <stdint.h>

#include "buildchild.h"
#include "watch.h"

struct loop;

// What a build is asked to rebuild.
struct loop_changes {
    const char *const *paths; // relevant paths that changed (relative to root)
    size_t count;
    int all; // everything (first build, SIGHUP, rescan, root back)
};

// What a build child tells the parent besides its exit status (sent over a
// pipe, so it survives the child). All strings NUL-terminated, may be "".
struct loop_result {
    char file[512];     // on failure: the input to blame (manifest, PNG, font)
    char reason[1024];  // on failure: why; on success: a one-line summary
    char outputs[1024]; // on success: the files written, '\n'-separated
};

enum loop_report_kind {
    LOOP_WATCH,       // watch: a watcher event (changed, missing, rescan, ...)
    LOOP_BUILD_START, // build_id, changes
    LOOP_BUILD_DONE,  // build_id, ok, detail ("ok", "crashed: signal 11 ..."), duration_ms,
                      // result (empty if the child died before reporting)
    LOOP_RELOAD,      // ok, detail: SIGHUP handled
    LOOP_STOPPING,    // detail: the signal; build_id set if a build was stopped
    LOOP_ERROR,       // detail: the loop itself failed (fork, epoll)
};

struct loop_report {
    enum loop_report_kind kind;
    const struct watch_event *watch;
    unsigned build_id;
    const struct loop_changes *changes;
    int ok;
    const char *detail;
    uint64_t duration_ms;
    const struct loop_result *result;
};

struct loop_hooks {
    void *ctx;
    // In the child: runs one build and fills `result` (zeroed beforehand).
    // Returns 0 on success, 1..125 on failure.
    int (*build)(void *ctx, const struct loop_changes *changes, struct loop_result *result);
    // In the parent on SIGHUP: reload the manifest and call
    // loop_set_relevant. Returns 0, or -1 to keep the old configuration.
    // May be NULL (then SIGHUP only rebuilds).
    int (*reload)(void *ctx, struct loop *l);
    // In the parent: one event, for the log. Required.
    void (*report)(void *ctx, const struct loop_report *r);
};

struct loop_options {
    const char *root;  // directory to watch
    uint64_t quiet_ms; // 0 = DEBOUNCE_QUIET_MS
    uint64_t cap_ms;   // 0 = DEBOUNCE_CAP_MS
    int initial_build; // build once at start
    struct buildchild_limits limits;
    const char *const *outputs; // outset output paths whose "*.tmp.*" debris to clean
                                // after a stopped build; none for generations
    size_t output_count;
    unsigned stop_grace_ms; // how long a stopped build may take; 0 = 5000
};

// Blocks the signals, sets up the watcher. NULL with `why` on failure.
struct loop *loop_create(const struct loop_options *opt, const struct loop_hooks *hooks, char *why,
                         size_t why_len);
// Restores the signal mask and frees; NULL is a no-op.
void loop_destroy(struct loop *l);

// Replaces the set of relevant paths (see watch_set_relevant).
int loop_set_relevant(struct loop *l, const char *const *paths, size_t count)
    __attribute__((warn_unused_result));

// Replaces the directories not watched (see watch_set_skip).
int loop_set_skip(struct loop *l, const char *const *paths, size_t count)
    __attribute__((warn_unused_result));

// Number of directories the watcher watches (see watch_dir_count).
size_t loop_watch_dir_count(const struct loop *l);

// Runs until SIGTERM/SIGINT (returns 0) or a fatal loop error (returns 1).
int loop_run(struct loop *l);

// CLOCK_MONOTONIC in milliseconds.
uint64_t loop_now_ms(void);

#endif
