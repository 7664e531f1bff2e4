#define _POSIX_C_SOURCE 200809L
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcodes.h"

static int read_fd(int fd, uint8_t *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}

int file_read(const char *path, uint8_t **data, size_t *len, char *why, size_t why_len)
{
    *data = NULL;
    *len = 0;
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        return EXIT_NOINPUT;
    }
    struct stat st;
    int rc = EXIT_DATAERR;
    if (fstat(fd, &st) != 0) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        rc = EXIT_NOINPUT;
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "%s: not a regular file", path);
    } else if ((uint64_t)st.st_size > FILEIO_MAX) {
        snprintf(why, why_len, "%s: larger than %u bytes", path, FILEIO_MAX);
    } else {
        size_t n = (size_t)st.st_size;
        uint8_t *buf = malloc(n + 1);
        if (buf == NULL) {
            snprintf(why, why_len, "%s: out of memory", path);
            rc = EXIT_SOFTWARE;
        } else if (read_fd(fd, buf, n) != 0) {
            snprintf(why, why_len, "%s: read failed (%s)", path,
                     errno != 0 ? strerror(errno) : "file shrank");
            free(buf);
            rc = EXIT_NOINPUT;
        } else {
            buf[n] = 0;
            *data = buf;
            *len = n;
            rc = 0;
        }
    }
    close(fd);
    return rc;
}

char *file_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || dir == NULL || dir[0] == '\0') {
        return strdup(rel);
    }
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s", dir, rel);
    }
    return p;
}
