// rasterd build: one complete build of an asset folder.
#ifndef RASTERD_BUILD_H
#define RASTERD_BUILD_H

struct build_opts {
    const char *key_path; // --key; overrides RASTERD_SIGNING_KEY_FILE and bundle.key
};

// Builds DIR/rasterd.conf once. Prints what it wrote (log_info) or why it
// failed (log_error). Returns 0 or an exit code (exitcodes.h); on failure no
// output file has changed.
int build_run(const char *dir, const struct build_opts *opts);

#endif
