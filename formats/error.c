#include "formats/error.h"

const char *fmt_strerror(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return msg;
#include "formats/errors.def"
#undef X
    default:
        return "unknown error";
    }
}
