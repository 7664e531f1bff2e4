// libglyph: error codes. 0 is success, errors are negative and stable.
#ifndef GLYPH_ERROR_H
#define GLYPH_ERROR_H

#include "glyph/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum glyph_error {
#define X(name, value, msg) name = value,
#include "glyph/errors.def"
#undef X
};

// Returns a static English message for an error code; never NULL. Unknown
// codes give "unknown error".
GLYPH_EXPORT const char *glyph_strerror(int err);

// Returns the symbolic name ("GLYPH_ERR_NOMEM") of an error code, or "?".
GLYPH_EXPORT const char *glyph_error_name(int err);

#ifdef __cplusplus
}
#endif

#endif
