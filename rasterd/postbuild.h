// rasterd: the manifest's `watch.post_build` command (e.g. "make -C
// firmware"), run by watch mode after a successful build has written the
// assets. It runs through /bin/sh in the manifest's folder (also exported as
// $RASTERD_DIR); its output is logged line by line. If the DFU names a
// firmware image and the command changed it, the DFU is regenerated with
// the new image (and the bundle just written) as a new output generation
// (the other files hard-linked from the one just built).
#ifndef RASTERD_POSTBUILD_H
#define RASTERD_POSTBUILD_H

#include "generation.h"
#include "loop.h"

// Returns 0 (no command, or it succeeded) or 1 with res->file/reason set.
// Appends to res->reason and res->outputs on success.
int postbuild_run(const char *root, const struct generation_lock *lock, struct loop_result *res);

#endif
