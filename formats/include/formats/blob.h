// formats: frozen blob emitters. Each turns one byte buffer (the signed
// bundle, usually) into source that a firmware build links or freezes:
//   - fmt_blob_write_c / _c_header: a C array `const uint8_t SYM[]` and its
//     header (extern declaration, SYM_SIZE length macro);
//   - fmt_blob_write_asm / _asm_header: a GNU assembler `.S` that pulls the
//     file in with `.incbin` (fast to build for multi-MiB bundles) and
//     defines SYM, SYM_end and SYM_size (a uint32_t object);
//   - fmt_blob_write_py: a MicroPython module with the bytes in one `bytes`
//     constant, which stays in flash when the module is frozen.
// Output is deterministic (no dates, no paths beyond what the caller
// passes) and starts with a "generated, do not edit" banner.
#ifndef FMT_BLOB_H
#define FMT_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

// Version of the generated layout; written into every output as
// SYM_FORMAT (C, asm header) or FORMAT (Python) so consumers can check it.
#define FMT_BLOB_FORMAT 1

struct fmt_blob_options {
    // Symbol / constant name: a C identifier ([A-Za-z_][A-Za-z0-9_]*, at most
    // 64 characters). Required. The length macro is its upper-case form + "_SIZE".
    const char *symbol;
    // Shown in the banner ("from assets.bin"); printable ASCII without
    // newlines or comment terminators, at most 200 characters. NULL = omitted.
    const char *origin;
    // Alignment of the data in bytes: a power of two up to 65536. 0 means 1.
    uint32_t align;
    // Linker section for the data (e.g. ".rodata.assets" or ".ext_flash"):
    // characters [A-Za-z0-9_.$], at most 64. NULL = the default read-only
    // data section.
    const char *section;
};

// All writers return 0, FMT_ERR_INVALID_ARG (bad options, empty data, a
// path the assembler cannot quote), or the sink's error.

// C source defining the array. `header_name` is #included by it (NULL: no
// include). `len` must be at least 1.
FMT_EXPORT int fmt_blob_write_c(struct fmt_sink *out, const struct fmt_blob_options *opt,
                                const char *header_name, const uint8_t *data, size_t len)
    __attribute__((warn_unused_result));

// Header for the C array: SYM_SIZE, SYM_FORMAT and the extern declaration.
FMT_EXPORT int fmt_blob_write_c_header(struct fmt_sink *out, const struct fmt_blob_options *opt,
                                       size_t len) __attribute__((warn_unused_result));

// Assembler source (.S, run through the C preprocessor) including the file at
// `incbin_path` as the assembler will see it (absolute, or relative to the
// assembler's -I directories); no '"', '\\' or newline in it. `len` is the
// file's size, checked by the assembler with `.if`, so a stale file fails
// the build instead of shipping the wrong bytes.
FMT_EXPORT int fmt_blob_write_asm(struct fmt_sink *out, const struct fmt_blob_options *opt,
                                  const char *incbin_path, size_t len)
    __attribute__((warn_unused_result));

// Header for the assembler variant: the C header's declarations plus
// SYM_end (one past the last byte) and SYM_size (uint32_t holding the size).
FMT_EXPORT int fmt_blob_write_asm_header(struct fmt_sink *out, const struct fmt_blob_options *opt,
                                         size_t len) __attribute__((warn_unused_result));

// MicroPython (and CPython) module: SYM = b'...', SIZE and FORMAT integers.
// `align` and `section` are ignored (the freezer places the data).
FMT_EXPORT int fmt_blob_write_py(struct fmt_sink *out, const struct fmt_blob_options *opt,
                                 const uint8_t *data, size_t len)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
