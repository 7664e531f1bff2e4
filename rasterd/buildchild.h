// rasterd: run one build in a forked child under resource limits, so a
// crash in FreeType/libpng or a runaway input fails that build instead of
// killing the daemon.
//
// The child gets an empty signal mask and default dispositions (the daemon
// blocks its signals for signalfd, and a blocked mask survives fork and
// exec), a new process group (so the daemon can signal it and whatever it
// spawns), and the limits below. Its exit status is the build's result.
//
// Stopping: the parent sends SIGTERM to the child's group; a child that is
// inside buildchild_critical_begin/_end (switching output.dir to a new
// generation, generation.h, or renaming an outset into place) finishes that
// first, because SIGTERM stays blocked there, so outputs are never a mix of
// two generations. What a killed child leaves behind: rasterd's builds
// leave a half-filled generation folder in the store, which the daemon
// removes with generation_clean(); a build writing through an outset
// (outset.h; the test driver, glyphpack) leaves "<output>.tmp.XXXXXX"
// files, which buildchild_remove_temps() removes.
#ifndef RASTERD_BUILDCHILD_H
#define RASTERD_BUILDCHILD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct buildchild_limits {
    uint64_t address_space; // RLIMIT_AS in bytes; 0 = unchanged (default 2 GiB);
                            // not applied in AddressSanitizer builds
    uint64_t cpu_seconds;   // RLIMIT_CPU; 0 = unchanged (default 60)
    uint64_t file_size;     // RLIMIT_FSIZE in bytes; 0 = unchanged (default 1 GiB)
    uint64_t wall_seconds;  // wall-clock time a build may take; 0 = no limit (default
                            // 600). The CPU limit never fires for a child blocked in
                            // open() or read(); the parent enforces this one (loop.h)
};

// The defaults named above.
void buildchild_default_limits(struct buildchild_limits *lim);

// Runs `fn(ctx)` in a child; its return value becomes the exit status
// (0 = success, 1..125 = failure). Returns the child's pid, or -1 with `why`.
// Flushes stdio first so buffered output is not written twice.
pid_t buildchild_start(const struct buildchild_limits *lim, int (*fn)(void *ctx), void *ctx,
                       char *why, size_t why_len);

// Describes a wait status: "ok", "failed with status 3", "crashed: signal
// 11 (Segmentation fault)", "killed: CPU time limit (SIGXCPU)". Returns 1
// for success, 0 otherwise.
int buildchild_describe(int status, char *buf, size_t len);

// Sends SIGTERM to the child's process group, waits up to `grace_ms` for it
// to exit, then SIGKILLs it. Stores the wait status in *status (if not NULL).
void buildchild_stop(pid_t pid, unsigned grace_ms, int *status);

// In the child: block SIGTERM/SIGINT/SIGHUP while a set of outputs is
// renamed into place; _end unblocks (a pending SIGTERM is delivered then).
void buildchild_critical_begin(void);
void buildchild_critical_end(void);

// Removes "<path>.tmp.*" beside each of `count` outset output paths (not
// needed for generation folders, see above). Returns the number of files
// removed.
size_t buildchild_remove_temps(const char *const *paths, size_t count);

#endif
