// glyphpack's image path. HOOK: glyphpack main() sends an input that starts
// with the PNG signature here instead of to the font path. The image
// conversion (glyphpack image.png -p FORMAT) replaces the body of
// glyphpack_image_run; its options go into struct glyphpack_args and the
// option table in glyphpack.c.
#include <stdio.h>
#include <string.h>

#include "glyphpack.h"

int glyphpack_is_png(const char *path)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char buf[8];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return 0; // the font path reports the error, naming the file
    }
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return n == sizeof(buf) && memcmp(buf, sig, sizeof(sig)) == 0;
}

int glyphpack_image_run(const struct glyphpack_args *a)
{
    glyphpack_error("%s: PNG images are not supported yet (fonts only)", a->inputs[0]);
    return EXIT_USAGE;
}
