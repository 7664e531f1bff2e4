// formats: DfuSe (ST UM0391) file writer.
//
// Layout written, all little-endian:
//   prefix (11 bytes)   "DfuSe", bVersion 0x01, DFUImageSize (u32), bTargets (u8)
//   per target (274 + elements): "Target", bAlternateSetting (u8),
//                       bTargetNamed (u32, 1), szTargetName (255 bytes, NUL padded),
//                       dwTargetSize (u32, bytes of all elements incl. their 8-byte
//                       headers), dwNbElements (u32)
//   per element:        dwElementAddress (u32), dwElementSize (u32), data
//   suffix (16 bytes)   bcdDevice, idProduct, idVendor, bcdDFU 0x011A (u16 each),
//                       "UFD", bLength 16, dwCRC (u32)
// dwCRC is the CRC-32 (reflected 0xEDB88320, init 0xFFFFFFFF) of every byte
// before it, without the final XOR: what dfu-util's `dfu-suffix --check`
// verifies. DFUImageSize is the whole file length including the suffix, as
// Debian's dfuse-pack writes it (dfu-util ignores the field).
#ifndef FMT_DFUSE_H
#define FMT_DFUSE_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FMT_DFUSE_PREFIX_SIZE        11u
#define FMT_DFUSE_TARGET_PREFIX_SIZE 274u
#define FMT_DFUSE_ELEMENT_HEADER     8u
#define FMT_DFUSE_SUFFIX_SIZE        16u
#define FMT_DFUSE_NAME_MAX           254u // characters; byte 255 is always NUL
#define FMT_DFUSE_TARGETS_MAX        255u // bTargets is one byte

// One image element: `size` bytes of `data` to be written at `address`.
// The range [address, address + size) must lie inside the 32-bit address
// space. `data` is borrowed; it may be NULL only when size is 0.
struct fmt_dfuse_element {
    uint32_t address;
    const uint8_t *data;
    size_t size;
};

// One target (a DFU alternate setting of the device).
struct fmt_dfuse_target {
    uint8_t alt_setting; // bAlternateSetting, usually 0
    const char *name;    // szTargetName, at most 254 characters; NULL = "ST..."
    const struct fmt_dfuse_element *elements;
    size_t element_count; // at least 1
};

// USB identity written into the suffix. dfu-util matches the file's VID/PID
// against the device unless they are 0xFFFF (wildcard).
struct fmt_dfuse_device {
    uint16_t vendor_id;  // idVendor, e.g. 0x0483 (ST)
    uint16_t product_id; // idProduct, e.g. 0xDF11 (ST DFU bootloader)
    uint16_t bcd_device; // bcdDevice, firmware release number; 0xFFFF = any
};

// Options. Zero-initialised means: no padding.
struct fmt_dfuse_options {
    // If nonzero (a power of two, at most 4096), every element's data is
    // padded with 0xFF (erased flash) up to a multiple of this many bytes and
    // dwElementSize counts the padding. MicroPython's STM32 tools use 8.
    uint32_t pad_to;
};

// Number of bytes fmt_dfuse_write will emit for these targets, or 0 if they
// fail the checks fmt_dfuse_write makes (then it returns the error).
FMT_EXPORT size_t fmt_dfuse_size(const struct fmt_dfuse_target *targets, size_t target_count,
                                 const struct fmt_dfuse_options *opt);

// Writes a complete DfuSe file to `out`. `opt` may be NULL.
// Returns 0, FMT_ERR_INVALID_ARG (no targets, a target without elements,
// NULL data with a nonzero size, a name too long, pad_to not a power of two,
// elements of one target overlapping), FMT_ERR_RANGE (more than 255 targets,
// an element past the 32-bit address space, a size or count that does not fit
// its u32 field), or the sink's error. On error, whatever was written to the
// sink so far is not a valid file.
FMT_EXPORT int fmt_dfuse_write(struct fmt_sink *out, const struct fmt_dfuse_device *dev,
                               const struct fmt_dfuse_target *targets, size_t target_count,
                               const struct fmt_dfuse_options *opt)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
