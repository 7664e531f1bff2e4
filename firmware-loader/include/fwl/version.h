// firmware-loader version, littlefs style: one number for `#if`
// comparisons, (major << 16) | (minor << 8) | patch, and the same as a
// string. It follows the rasterd release the loader ships with (the project
// version in meson.build; the fwl_version test checks they agree). The bundle
// format version the loader reads is BUNDLE_VERSION (wire/bundle_wire.h).
#ifndef FWL_VERSION_H
#define FWL_VERSION_H

#define FWL_VERSION        0x000100u
#define FWL_VERSION_MAJOR  (0xFFu & (FWL_VERSION >> 16))
#define FWL_VERSION_MINOR  (0xFFu & (FWL_VERSION >> 8))
#define FWL_VERSION_PATCH  (0xFFu & FWL_VERSION)
#define FWL_VERSION_STRING "0.1.0"

#endif
