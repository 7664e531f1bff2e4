// formats: error codes. 0 is success, errors are negative and stable.
#ifndef FMT_ERROR_H
#define FMT_ERROR_H

#include "formats/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum fmt_error {
#define X(name, value, msg) name = value,
#include "formats/errors.def"
#undef X
};

// Static English message for an error code; never NULL.
FMT_EXPORT const char *fmt_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
