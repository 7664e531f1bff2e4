// Names and messages of the Ed25519 results (fwl/ed25519_errors.def).
#include "fwl/ed25519.h"

const char *fwl_ed25519_strerror(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return msg;
#include "fwl/ed25519_errors.def"
#undef X
    default:
        return "unknown error";
    }
}

const char *fwl_ed25519_error_name(int err)
{
    switch (err) {
#define X(name, value, msg)                                                                        \
    case value:                                                                                    \
        return #name;
#include "fwl/ed25519_errors.def"
#undef X
    default:
        return "?";
    }
}
