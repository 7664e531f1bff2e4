// Names and messages of the loader's results, from fwl/errors.def. In its own
// file so a firmware that never prints them does not link the strings.
#include "fwl/loader.h"

const char *fwl_error_name(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return #name;
#include "fwl/errors.def"
#undef X
    default:
        return "FWL_ERR_UNKNOWN";
    }
}

const char *fwl_strerror(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return msg;
#include "fwl/errors.def"
#undef X
    default:
        return "unknown error";
    }
}
