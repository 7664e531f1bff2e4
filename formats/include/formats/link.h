// formats: linking assets into a target address space (for example EVE
// RAM_G): per-kind alignment, optional fixed addresses, a deterministic
// first-fit placement, no overlaps, and an error that names the asset that
// does not fit.
#ifndef FMT_LINK_H
#define FMT_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/format_code.h"

#include "wire/bundle_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

// Longest asset name, without the NUL (BUNDLE_NAME_SIZE - 1).
#define FMT_NAME_MAX (BUNDLE_NAME_SIZE - 1u)
// Alignment used for a kind the target gives no rule for.
#define FMT_LINK_DEFAULT_ALIGN 4u

// One asset. The caller fills the input fields; fmt_link sets `addr`.
struct fmt_asset {
    char name[BUNDLE_NAME_SIZE]; // [A-Za-z_][A-Za-z0-9_]*, at most FMT_NAME_MAX chars
    unsigned kind;               // BUNDLE_KIND_*
    unsigned format;             // BUNDLE_FMT_* (BUNDLE_FMT_NONE for raw)
    // Directory metadata, see docs/bundle-format.md section 4 (0 if unused).
    uint32_t width, height, stride, aux0, aux1, aux2;
    unsigned flags;      // directory entry flags (BUNDLE_ENT_FLAG_*), 0 for none
    uint32_t ext_format; // format BUNDLE_FMT_GLFORMAT: the BITMAP_EXT_FORMAT code (ASTC), else 0
    // EVE legacy fonts whose characters sit in slots 1..127 (docs/eve-fonts.md):
    // `textmap_count` entries of FWL_EVE_TEXTMAP_ENTRY (4) bytes sorted by
    // code point, each the code point (u24, little-endian) and its slot;
    // owned by the caller. NULL / 0 for every other asset.
    const uint8_t *textmap;
    uint32_t textmap_count;
    uint32_t fallback_slot; // slot the text encoder uses for characters the font lacks
    unsigned encoding;      // BUNDLE_ENC_PLAIN (0) or BUNDLE_ENC_ZLIB: how the bundle stores it
    const uint8_t *data;    // `size` bytes, owned by the caller
    uint32_t size;          // >= 1
    uint32_t align;         // extra alignment for this asset (power of two), 0 for none
    int fixed;              // 1: place at fixed_addr exactly
    uint32_t fixed_addr;
    uint32_t addr; // output: target address
};

struct fmt_link_target {
    uint32_t base; // first address of the space
    uint32_t size; // bytes, > 0; base + size <= 2^32
    // Minimum alignment per kind (index BUNDLE_KIND_*; index 0 unused), a
    // power of two; 0 means FMT_LINK_DEFAULT_ALIGN.
    uint32_t kind_align[4];
};

struct fmt_link_result {
    uint32_t payload_addr; // lowest asset address
    uint32_t payload_len;  // highest asset end - payload_addr
    uint64_t used;         // sum of asset sizes (padding and gaps excluded)
};

// Places the `n` assets and then sorts the array by address. Fixed assets
// take their address; the others, in array order, each take the lowest
// address that is aligned (the larger of the kind's and the asset's own
// alignment) and overlaps nothing placed before. On error returns a negative
// fmt_error and writes a sentence naming the asset(s) into `why`:
// FMT_ERR_LINK_ASSET (bad name, duplicate name, size 0, bad alignment, bad
// target), FMT_ERR_LINK_ALIGN (misaligned fixed address),
// FMT_ERR_LINK_OVERLAP (two fixed assets overlap), FMT_ERR_LINK_OVERFLOW (an
// asset does not fit: the message names it, the bytes by which it overflows
// the space, and the largest assets), FMT_ERR_NOMEM.
FMT_EXPORT int fmt_link(struct fmt_asset *assets, size_t n, const struct fmt_link_target *target,
                        struct fmt_link_result *result, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// 1 if `name` is a valid asset name.
FMT_EXPORT int fmt_asset_name_valid(const char *name);

// Effective alignment of an asset under `target`, or 0 if not a power of two.
FMT_EXPORT uint32_t fmt_link_align(const struct fmt_asset *a, const struct fmt_link_target *target);

// Short names for kinds ("raw", "image", "font"); "?" when unknown. Format
// names: fmt_format_name (formats/format_code.h).
FMT_EXPORT const char *fmt_kind_name(unsigned kind);

#ifdef __cplusplus
}
#endif

#endif
