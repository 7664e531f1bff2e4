#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outset.h"

void outset_init(struct outset *set)
{
    memset(set, 0, sizeof(*set));
}

int outset_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

mode_t outset_file_mode(void)
{
    // umask(2) can only be read by setting it; put it back at once. The
    // programs are single-threaded when they write outputs.
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

// Writes everything and fsyncs.
static int fill(int fd, const void *data, size_t len)
{
    return outset_write_all(fd, data, len) != 0 || fsync(fd) != 0 ? -1 : 0;
}

int outset_write_at(int dirfd, const char *name, const void *data, size_t len)
{
    // O_EXCL: never through a symlink; 0666 less the umask, like any tool.
    int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        return -1;
    }
    int rc = fill(fd, data, len);
    int err = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0) {
        unlinkat(dirfd, name, 0);
        errno = err;
    }
    return rc;
}

static int fsync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL) {
        return -1;
    }
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0) {
        return -1;
    }
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int outset_add(struct outset *set, const char *path, const void *data, size_t len)
{
    if (set->count == OUTSET_MAX) {
        snprintf(set->why, sizeof(set->why), "%s: too many output files", path);
        return -1;
    }
    size_t n = strlen(path) + sizeof(".tmp.XXXXXX");
    char *tmp = malloc(n);
    char *final = strdup(path);
    if (tmp == NULL || final == NULL) {
        free(tmp);
        free(final);
        snprintf(set->why, sizeof(set->why), "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(set->why, sizeof(set->why), "%s: cannot create: %s", path, strerror(errno));
        free(tmp);
        free(final);
        return -1;
    }
    set->path[set->count] = final;
    set->tmp[set->count] = tmp;
    set->count++;
    // mkstemp makes 0600: outputs get the mode a plain create would.
    if (fchmod(fd, outset_file_mode()) != 0 || fill(fd, data, len) != 0) {
        snprintf(set->why, sizeof(set->why), "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (close(fd) != 0) {
        snprintf(set->why, sizeof(set->why), "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

// Fails when something that is not a file is where output `i` goes: rename
// would refuse it only after the earlier outputs were replaced.
static int check_target(struct outset *set, size_t i)
{
    struct stat st;
    if (lstat(set->path[i], &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(set->why, sizeof(set->why), "%s: cannot replace: is a folder", set->path[i]);
        return -1;
    }
    return 0;
}

// Keeps the file output `i` replaces as "<path>.tmp.XXXXXX" (a hard link,
// so the path is never missing). Without hard links (FAT), nothing is kept.
static void keep_old(struct outset *set, size_t i)
{
    struct stat st;
    if (lstat(set->path[i], &st) != 0) {
        return; // a new file: undoing it is removing it
    }
    size_t n = strlen(set->path[i]) + sizeof(".tmp.XXXXXX");
    char *old = malloc(n);
    for (int tries = 0; old != NULL && tries < 100; tries++) {
        snprintf(old, n, "%s.tmp.XXXXXX", set->path[i]);
        int fd = mkstemp(old); // a unique name, then the link takes it over
        if (fd < 0) {
            break;
        }
        close(fd);
        unlink(old);
        if (link(set->path[i], old) == 0) {
            set->old[i] = old;
            return;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    free(old);
}

// Puts back the outputs renamed before `n` failed.
static void undo(struct outset *set, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        if (set->old[j] != NULL) {
            if (rename(set->old[j], set->path[j]) == 0) {
                free(set->old[j]);
                set->old[j] = NULL;
            }
        } else {
            unlink(set->path[j]);
        }
    }
}

int outset_commit(struct outset *set)
{
    for (size_t i = 0; i < set->count; i++) {
        if (check_target(set, i) != 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        keep_old(set, i);
    }
    for (size_t i = 0; i < set->count; i++) {
        if (rename(set->tmp[i], set->path[i]) != 0) {
            snprintf(set->why, sizeof(set->why), "%s: cannot replace: %s", set->path[i],
                     strerror(errno));
            undo(set, i);
            return -1;
        }
        free(set->tmp[i]);
        set->tmp[i] = NULL;
    }
    for (size_t i = 0; i < set->count; i++) {
        if (fsync_dir_of(set->path[i]) != 0) {
            snprintf(set->why, sizeof(set->why), "%s: cannot sync directory: %s", set->path[i],
                     strerror(errno));
            return -1;
        }
    }
    return 0;
}

void outset_finish(struct outset *set)
{
    for (size_t i = 0; i < set->count; i++) {
        if (set->tmp[i] != NULL) {
            unlink(set->tmp[i]);
            free(set->tmp[i]);
        }
        if (set->old[i] != NULL) {
            unlink(set->old[i]);
            free(set->old[i]);
        }
        free(set->path[i]);
    }
    set->count = 0;
}
