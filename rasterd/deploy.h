// rasterd: deployment outputs made from a built bundle (issue 6): frozen
// copies for firmware builds (C array, .S with .incbin, MicroPython module)
// and a DfuSe file with the firmware image and the bundle, as the manifest's
// `frozen` and `dfu` groups ask. Produced in memory; the caller writes them
// into the same output generation as the bundle (generation.h), so the whole
// set switches together.
#ifndef RASTERD_DEPLOY_H
#define RASTERD_DEPLOY_H

#include <stddef.h>
#include <stdint.h>

#include "formats/sink.h"
#include "manifest.h"

#define DEPLOY_MAX 8

struct deploy_file {
    char *name; // file name inside output.dir
    struct fmt_membuf buf;
};

struct deploy {
    struct deploy_file file[DEPLOY_MAX];
    size_t count;
};

void deploy_init(struct deploy *d);
void deploy_finish(struct deploy *d);

// Makes every output the manifest asks for. Returns 0 or an exit code
// (exitcodes.h) with `why` naming the file and the reason.
int deploy_make(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                char *why, size_t why_len) __attribute__((warn_unused_result));

// Only the DFU (after a post-build step rebuilt the firmware). Returns 0
// (also when the manifest has no dfu group) or an exit code with `why`.
int deploy_make_dfu(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                    char *why, size_t why_len) __attribute__((warn_unused_result));

#endif
