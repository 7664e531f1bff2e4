// The C++ side of the install test: every installed public header (the
// generated all_public_headers.h includes each of them) must compile as C++
// (-Wall -Wextra -pedantic -Werror) and link, i.e. carry extern "C" guards.
#include <cstdio>

#include "all_public_headers.h"

int main()
{
    glyph_ctx *ctx = glyph_ctx_create(nullptr);
    int failed = ctx == nullptr;
    uint8_t d[32];
    bundle_blake2s(d, reinterpret_cast<const uint8_t *>("abc"), 3);
    std::printf("cxx %s %s %02x\n", glyph_error_name(GLYPH_ERR_NOMEM),
                fwl_error_name(FWL_ERR_BAD_SIGNATURE), d[0]);
    glyph_ctx_destroy(ctx);
    return failed;
}
