// formats: a MicroPython manifest fragment ("assets_manifest.py") that
// freezes rasterd's Python outputs (the frozen bundle module and assets.py)
// into a firmware build: a board manifest pulls it in with
//   include("/path/to/out/assets_manifest.py")
// Each file is frozen with module(), which looks for it beside the fragment
// and freezes it under its own name (assets.py -> `import assets`).
// Deterministic output with a "generated, do not edit" banner.
#ifndef FMT_MPY_MANIFEST_H
#define FMT_MPY_MANIFEST_H

#include <stddef.h>

#include "formats/export.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

// Returns 1 if `name` can be frozen as an importable module: "NAME.py" with
// NAME a Python identifier of ASCII letters, digits and '_' (not starting
// with a digit), at most 64 characters. Otherwise 0.
FMT_EXPORT int fmt_mpy_module_name_valid(const char *name);

// Writes the fragment freezing `count` modules, each a file name accepted by
// fmt_mpy_module_name_valid. `generator` and `source` are named in the
// banner (printable ASCII, at most 200 characters each). Returns 0,
// FMT_ERR_INVALID_ARG (no modules, a bad name or banner string), or the
// sink's error.
FMT_EXPORT int fmt_mpy_manifest_write(struct fmt_sink *out, const char *generator,
                                      const char *source, const char *const *modules, size_t count)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
