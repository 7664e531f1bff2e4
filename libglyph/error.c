#include "glyph/error.h"

const char *glyph_strerror(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return msg;
#include "glyph/errors.def"
#undef X
    default:
        return "unknown error";
    }
}

const char *glyph_error_name(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return #name;
#include "glyph/errors.def"
#undef X
    default:
        return "?";
    }
}
