// A program outside the tree, built by check_install.py against the headers
// and libraries a DESTDIR install put down, found only through the installed
// libglyph.pc and libfwl.pc. Prints what check_install.py compares with its
// own oracles (Python's hashlib for BLAKE2s, the project version).
#include <stdio.h>

#include <fwl/loader.h>
#include <glyph/context.h>
#include <glyph/error.h>
#include <glyph/pixfmt.h>
#include <wire/blake2s.h>
#include <wire/bundle_wire.h>

int main(void)
{
    struct glyph_ctx *ctx = glyph_ctx_create(NULL);
    const struct glyph_pixfmt *f = glyph_pixfmt_find("RGB565");
    if (ctx == NULL || f == NULL) {
        fprintf(stderr, "consumer: libglyph did not answer\n");
        return 1;
    }
    uint8_t d[32];
    bundle_blake2s(d, (const uint8_t *)"abc", 3);
    printf("blake2s_abc ");
    for (int i = 0; i < 32; i++) {
        printf("%02x", d[i]);
    }
    printf("\nrgb565_bpp %u\n", (unsigned)f->bpp);
    printf("fwl_version %s\n", FWL_VERSION_STRING);
    printf("bundle_version %u\n", (unsigned)BUNDLE_VERSION);
    printf("fwl_bad_signature %s\n", fwl_error_name(FWL_ERR_BAD_SIGNATURE));
    printf("glyph_nomem %s\n", glyph_error_name(GLYPH_ERR_NOMEM));
    glyph_ctx_destroy(ctx);
    return 0;
}
