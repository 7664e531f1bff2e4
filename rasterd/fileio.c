// The host layer's file reader; see fileio.h.
#define _POSIX_C_SOURCE 200809L
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"

static const char *not_regular(mode_t mode)
{
    return S_ISDIR(mode)                    ? "is a folder, not a regular file"
           : S_ISFIFO(mode)                 ? "is a FIFO, not a regular file"
           : S_ISSOCK(mode)                 ? "is a socket, not a regular file"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "is a device, not a regular file"
                                            : "is not a regular file";
}

int file_open(const char *path, int *fd, struct stat *st, char *why, size_t why_len)
{
    // O_NONBLOCK: opening a FIFO without a writer (or a tty, a device)
    // returns at once; O_NOCTTY: a terminal never becomes ours.
    *fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (*fd < 0) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        return EXIT_NOINPUT;
    }
    const char *bad = NULL;
    if (fstat(*fd, st) != 0) {
        bad = strerror(errno);
    } else if (!S_ISREG(st->st_mode)) {
        bad = not_regular(st->st_mode);
    } else {
        int fl = fcntl(*fd, F_GETFL);
        if (fl < 0 || fcntl(*fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
            bad = strerror(errno);
        }
    }
    if (bad != NULL) {
        snprintf(why, why_len, "%s: %s", path, bad);
        close(*fd);
        *fd = -1;
        return EXIT_NOINPUT;
    }
    return 0;
}

int file_read_exact(int fd, void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (n == 0) {
                errno = EIO;
            }
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int file_read(const char *path, size_t max, uint8_t **data, size_t *len, struct stat *st, char *why,
              size_t why_len)
{
    *data = NULL;
    *len = 0;
    struct stat own;
    st = st != NULL ? st : &own;
    max = max != 0 ? max : FILEIO_MAX;
    int fd;
    int rc = file_open(path, &fd, st, why, why_len);
    if (rc != 0) {
        return rc;
    }
    size_t n = (size_t)st->st_size;
    uint8_t *buf = NULL;
    if ((uint64_t)st->st_size > max) {
        snprintf(why, why_len, "%s: larger than %zu bytes", path, max);
        rc = EXIT_DATAERR;
    } else if ((buf = malloc(n + 1)) == NULL) {
        snprintf(why, why_len, "%s: out of memory", path);
        rc = EXIT_SOFTWARE;
    } else if (file_read_exact(fd, buf, n) != 0) {
        snprintf(why, why_len, "%s: read failed (%s)", path,
                 errno == EIO ? "file shrank" : strerror(errno));
        free(buf);
        rc = EXIT_NOINPUT;
    } else {
        buf[n] = 0;
        *data = buf;
        *len = n;
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
