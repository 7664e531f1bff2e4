// rasterd: deployment outputs made from a built bundle (issue 6): frozen
// copies for firmware builds (C array, .S with .incbin, MicroPython module)
// and a DfuSe file with the firmware image and the bundle, as the manifest's
// `frozen` and `dfu` groups ask; for MicroPython (issue 10) a manifest
// fragment freezing the Python outputs and a ROMFS image (`romfs`), which
// the DFU can carry as another element. Produced in memory; the caller writes them
// into the same output generation as the bundle (generation.h), so the whole
// set switches together.
#ifndef RASTERD_DEPLOY_H
#define RASTERD_DEPLOY_H

#include <stddef.h>
#include <stdint.h>

#include "formats/sink.h"
#include "manifest.h"

// Frozen blobs, DFU, MicroPython (10), and LVGL outputs (64 fonts, each
// .c and .bin, and a header).
#define DEPLOY_MAX (10 + 2 * 64 + 1)

// An output the build made before the deployment outputs.
struct deploy_output {
    const char *name; // file name inside output.dir
    const uint8_t *data;
    size_t len;
};

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

// Makes every output the manifest asks for from the outputs `built` so far
// (built[0] is the bundle; the ROMFS image may store any of them). Returns 0
// or an exit code (exitcodes.h) with `why` naming the file and the reason.
int deploy_make(struct deploy *d, const struct manifest *m, const struct deploy_output *built,
                size_t nbuilt, char *why, size_t why_len) __attribute__((warn_unused_result));

// Only the DFU (after a post-build step rebuilt the firmware), from the
// bundle and, if dfu.romfs, the ROMFS image. Returns 0 (also when the
// manifest has no dfu group) or an exit code with `why`.
int deploy_make_dfu(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                    const uint8_t *romfs, size_t romfs_len, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Adds an output named `name` (with its extension replaced by `new_ext`
// unless NULL) and returns the sink to write it through, or NULL when out
// of memory or slots.
struct fmt_sink *deploy_add(struct deploy *d, const char *name, const char *new_ext);

// deploy_mpy.c: the manifest fragment (frozen.manifest) and the ROMFS image
// (romfs), as deploy_make does them. Returns 0 or an exit code with `why`.
int deploy_mpy_make(struct deploy *d, const struct manifest *m, const struct deploy_output *built,
                    size_t nbuilt, char *why, size_t why_len) __attribute__((warn_unused_result));

#endif
