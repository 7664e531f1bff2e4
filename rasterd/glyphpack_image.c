// glyphpack's image path. HOOK: glyphpack main() sends an input that starts
// with the PNG signature here instead of to the font path. The image
// conversion (glyphpack image.png -p FORMAT) replaces the body of
// glyphpack_image_run; its options go into struct glyphpack_args and the
// option table in glyphpack.c.
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glyphpack.h"

int glyphpack_is_png(const char *path)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char buf[8];
    // O_NONBLOCK and regular files only: a FIFO must not hang the probe.
    // Anything unreadable goes to the font path, which reports it by name.
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    struct stat st;
    ssize_t n = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        n = read(fd, buf, sizeof(buf));
    }
    close(fd);
    return n == (ssize_t)sizeof(buf) && memcmp(buf, sig, sizeof(sig)) == 0;
}

int glyphpack_image_run(const struct glyphpack_args *a)
{
    glyphpack_error("%s: PNG images are not supported yet (fonts only)", a->inputs[0]);
    return EXIT_USAGE;
}
