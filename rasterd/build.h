// rasterd build: one complete build of an asset folder.
#ifndef RASTERD_BUILD_H
#define RASTERD_BUILD_H

struct cache;
struct generation_lock;

// What a build did, for watch mode's log (all strings NUL-terminated).
struct build_report {
    char why[2048];     // on failure: "FILE: reason" (also logged)
    char summary[512];  // on success: one line ("5 assets (1 converted, 4 cached), 12345 bytes")
    char outputs[1024]; // on success: written paths, '\n'-separated
};

struct build_opts {
    const char *key_path;        // --key; overrides RASTERD_SIGNING_KEY_FILE and bundle.key
    struct cache *cache;         // asset cache (watch mode), NULL: convert everything
    struct build_report *report; // filled if not NULL
    // Watch mode: the daemon's lock of output.dir (inherited by the build
    // child); NULL or another folder: the build takes the lock itself and
    // fails if another rasterd holds it.
    const struct generation_lock *lock;
};

// Builds DIR/rasterd.conf once. Prints what it wrote (log_info) or why it
// failed (log_error). Returns 0 or an exit code (exitcodes.h); on failure no
// output file has changed. Outputs switch as one generation (generation.h).
int build_run(const char *dir, const struct build_opts *opts);

#endif
