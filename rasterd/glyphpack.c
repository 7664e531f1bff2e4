// glyphpack: convert one font or image to display-native data.
#include <stdio.h>
#include <string.h>

#include "glyphpack_image.h"
#include "rasterd_version.h"

int main(int argc, char **argv)
{
    if (glyphpack_image_wanted(argc, argv)) { // images (issue 3)
        return glyphpack_image_main(argc, argv);
    }
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("glyphpack %s\n", RASTERD_VERSION);
        return 0;
    }
    fprintf(stderr, "usage: glyphpack FONT... -s PX [options]\n");
    return 64;
}
