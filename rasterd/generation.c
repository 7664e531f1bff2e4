// Output generations switched by one symlink rename; see generation.h.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "generation.h"
#include "outset.h"

#define LOCK_NAME "lock"
#define LINK_TMP  "link.tmp"

// "a/b/out/" -> norm "a/b/out", parent "a/b", base "out", store "a/b/.out.gen".
static int split_out(const char *out, char **norm, char **parent, char **base, char **store)
{
    *norm = *parent = *base = *store = NULL;
    char *o = strdup(out);
    if (o == NULL) {
        return -1;
    }
    size_t n = strlen(o);
    while (n > 1 && o[n - 1] == '/') {
        o[--n] = '\0';
    }
    char *slash = strrchr(o, '/');
    const char *b = slash != NULL ? slash + 1 : o;
    int bad = b[0] == '\0' || strcmp(b, ".") == 0 || strcmp(b, "..") == 0;
    *base = strdup(b);
    if (slash == NULL) {
        *parent = strdup(".");
    } else {
        *parent = slash == o ? strdup("/") : strndup(o, (size_t)(slash - o));
    }
    if (*parent != NULL && *base != NULL && asprintf(store, "%s/.%s.gen", *parent, *base) < 0) {
        *store = NULL;
    }
    if (*store == NULL || bad) {
        free(o);
        free(*parent);
        free(*base);
        free(*store);
        *parent = *base = *store = NULL;
        errno = bad ? EINVAL : ENOMEM;
        return -1;
    }
    *norm = o;
    return 0;
}

// A generation folder's name: decimal digits only, no leading zero.
static unsigned long gen_number(const char *name)
{
    if (name[0] < '1' || name[0] > '9' || strlen(name) > 15) {
        return 0;
    }
    for (const char *p = name; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return 0;
        }
    }
    return strtoul(name, NULL, 10);
}

static void remove_tree(int at, const char *name)
{
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        unlinkat(at, name, 0);
        return;
    }
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            unlinkat(dirfd(d), de->d_name, 0);
        }
    }
    closedir(d);
    unlinkat(at, name, AT_REMOVEDIR);
}

// A fresh stream of the store's entries (a dup would share, and exhaust, the
// read offset of store_fd).
static DIR *list_store(int store_fd)
{
    int fd = openat(store_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL && fd >= 0) {
        close(fd);
    }
    return d;
}

// Keeps the lock, generation `cur` and the newest one before it; removes
// the rest. Returns the highest generation number left, or 0.
static unsigned long clean_store(int store_fd, unsigned long cur)
{
    DIR *d = list_store(store_fd);
    if (d == NULL) {
        return cur;
    }
    unsigned long prev = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        unsigned long n = gen_number(de->d_name);
        if (n < cur && n > prev) {
            prev = n;
        }
    }
    rewinddir(d);
    while ((de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        unsigned long n = gen_number(name);
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, LOCK_NAME) == 0 ||
            (n != 0 && (n == cur || n == prev))) {
            continue;
        }
        remove_tree(dirfd(d), name);
    }
    closedir(d);
    return cur;
}

int generation_lock_take(struct generation_lock *lk, const char *out, char *why, size_t why_len)
{
    lk->out = NULL;
    lk->fd = -1;
    char *norm, *parent, *base, *store, *lock = NULL;
    if (split_out(out, &norm, &parent, &base, &store) != 0) {
        snprintf(why, why_len, "%s: output.dir must name a folder: %s", out, strerror(errno));
        return -1;
    }
    int fd = -1;
    if (mkdir(store, 0755) != 0 && errno != EEXIST) {
        snprintf(why, why_len, "%s: cannot create: %s", store, strerror(errno));
    } else if (asprintf(&lock, "%s/" LOCK_NAME, store) < 0 ||
               (fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        snprintf(why, why_len, "%s/%s: cannot open: %s", store, LOCK_NAME, strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[24] = "?";
        ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
        pid[n > 0 ? n : 1] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        snprintf(why, why_len,
                 "%s: another rasterd (pid %s) is writing this output folder (lock %s); "
                 "stop it or wait for it, one writer per output.dir",
                 out, pid, lock);
        close(fd);
        fd = -1;
    } else {
        char pid[24];
        int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
            // The pid is only for the message; the lock is what counts.
        }
        lk->out = strdup(out);
        lk->fd = fd;
    }
    free(lock);
    free(norm);
    free(parent);
    free(base);
    free(store);
    if (fd >= 0 && lk->out == NULL) {
        close(fd);
        lk->fd = -1;
        snprintf(why, why_len, "out of memory");
    }
    return lk->fd >= 0 ? 0 : -1;
}

void generation_lock_release(struct generation_lock *lk)
{
    if (lk->fd >= 0) {
        close(lk->fd);
    }
    lk->fd = -1;
    free(lk->out);
    lk->out = NULL;
}

// Reads where OUT points. Returns 0 (g->cur set, 0 if OUT is missing), 1 when
// OUT is a real folder, -1 with g->why.
static int read_current(struct generation *g)
{
    struct stat st;
    g->cur = 0;
    if (lstat(g->out, &st) != 0) {
        if (errno == ENOENT) {
            return 0;
        }
        snprintf(g->why, sizeof(g->why), "%s: %s", g->out, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        return 1;
    }
    char link[256], prefix[256];
    ssize_t n = S_ISLNK(st.st_mode) ? readlink(g->out, link, sizeof(link) - 1) : -1;
    snprintf(prefix, sizeof(prefix), ".%s.gen/", g->base);
    if (n > 0) {
        link[n] = '\0';
        size_t plen = strlen(prefix);
        if (strncmp(link, prefix, plen) == 0 && (g->cur = gen_number(link + plen)) != 0) {
            return 0;
        }
    }
    snprintf(g->why, sizeof(g->why),
             "%s: is not a symlink to %s<n> made by rasterd; remove it (rasterd keeps its "
             "outputs there and points output.dir at the latest)",
             g->out, prefix);
    return -1;
}

static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int rc = fsync(fd);
    close(fd);
    return rc;
}

// Points OUT at generation `n` with one rename of a new symlink over it.
static int switch_link(struct generation *g, unsigned long n)
{
    char target[300];
    snprintf(target, sizeof(target), ".%s.gen/%lu", g->base, n);
    unlinkat(g->store_fd, LINK_TMP, 0);
    if (symlinkat(target, g->store_fd, LINK_TMP) != 0 ||
        renameat(g->store_fd, LINK_TMP, AT_FDCWD, g->out) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: cannot switch to %s/%lu: %s", g->out, g->store, n,
                 strerror(errno));
        unlinkat(g->store_fd, LINK_TMP, 0);
        return -1;
    }
    if (sync_dir(g->parent) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: cannot sync folder: %s", g->parent, strerror(errno));
        return -1;
    }
    return 0;
}

static int is_listed(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (names[i] != NULL && strcmp(names[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

// OUT is a real folder (rasterd before generations): checks it holds only
// our outputs and temp debris, removes the debris, and moves it into the
// store as generation g->next.
static int migrate(struct generation *g, const char *const *names, size_t count)
{
    int fd = open(g->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        snprintf(g->why, sizeof(g->why), "%s: %s", g->out, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        struct stat st;
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            continue;
        }
        int reg = fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
        if (reg && strstr(name, ".tmp.") != NULL) {
            unlinkat(dirfd(d), name, 0);
        } else if (!reg || !is_listed(name, names, count)) {
            snprintf(g->why, sizeof(g->why),
                     "%s: is a folder holding '%s', which rasterd did not write; rasterd now "
                     "makes output.dir a symlink to its latest generation in %s: move your "
                     "files elsewhere and remove %s (or choose another output.dir)",
                     g->out, name, g->store, g->out);
            rc = -1;
        }
    }
    closedir(d);
    char num[24];
    snprintf(num, sizeof(num), "%lu", g->next);
    if (rc == 0 && renameat(AT_FDCWD, g->out, g->store_fd, num) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: cannot move it to %s/%s: %s", g->out, g->store, num,
                 strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        rc = switch_link(g, g->next);
        g->cur = g->next++;
    }
    return rc;
}

static unsigned long highest(int store_fd)
{
    DIR *d = list_store(store_fd);
    unsigned long max = 0;
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        unsigned long n = gen_number(de->d_name);
        max = n > max ? n : max;
    }
    if (d != NULL) {
        closedir(d);
    }
    return max;
}

static int open_store(struct generation *g, const char *out)
{
    if (split_out(out, &g->out, &g->parent, &g->base, &g->store) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: output.dir must name a folder: %s", out,
                 strerror(errno));
        return -1;
    }
    g->store_fd = open(g->store, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (g->store_fd < 0) {
        snprintf(g->why, sizeof(g->why), "%s: %s", g->store, strerror(errno));
        return -1;
    }
    return 0;
}

static void zero(struct generation *g)
{
    memset(g, 0, sizeof(*g));
    g->store_fd = g->tmp_fd = g->lock_fd = -1;
}

void generation_clean(const char *out)
{
    struct generation g;
    zero(&g);
    if (open_store(&g, out) == 0 && read_current(&g) == 0) {
        clean_store(g.store_fd, g.cur);
    }
    generation_finish(&g);
}

static int lock_for(struct generation *g, const char *out, const struct generation_lock *lk)
{
    if (lk != NULL && lk->fd >= 0 && lk->out != NULL && strcmp(lk->out, out) == 0) {
        return 0; // the caller's lock (watch mode: inherited from the daemon)
    }
    struct generation_lock own;
    if (generation_lock_take(&own, out, g->why, sizeof(g->why)) != 0) {
        return -1;
    }
    free(own.out);
    g->lock_fd = own.fd;
    return 0;
}

int generation_begin(struct generation *g, const char *out, const struct generation_lock *lk,
                     const char *const *names, size_t count)
{
    zero(g);
    // The lock creates the store; open it after.
    int rc = lock_for(g, out, lk);
    rc = rc ? rc : open_store(g, out);
    int kind = rc ? -1 : read_current(g);
    rc = kind < 0 ? -1 : 0;
    if (rc == 0) {
        clean_store(g->store_fd, g->cur);
        g->next = highest(g->store_fd) + 1;
    }
    if (rc == 0 && kind == 1) {
        rc = migrate(g, names, count);
    }
    char *tmp = NULL;
    if (rc == 0 && asprintf(&tmp, "%s/new.XXXXXX", g->store) < 0) {
        tmp = NULL;
        rc = -1;
    }
    if (rc == 0 && mkdtemp(tmp) == NULL) {
        snprintf(g->why, sizeof(g->why), "%s: cannot create: %s", tmp, strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        snprintf(g->tmp, sizeof(g->tmp), "%s", strrchr(tmp, '/') + 1);
        g->tmp_fd = openat(g->store_fd, g->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (g->tmp_fd < 0 || fchmod(g->tmp_fd, 0755) != 0) { // mkdtemp makes 0700
            snprintf(g->why, sizeof(g->why), "%s: %s", tmp, strerror(errno));
            rc = -1;
        }
    }
    free(tmp);
    return rc;
}

int generation_add(struct generation *g, const char *name, const void *data, size_t len)
{
    if (unlinkat(g->tmp_fd, name, 0) != 0 && errno != ENOENT) {
        snprintf(g->why, sizeof(g->why), "%s/%s/%s: %s", g->store, g->tmp, name, strerror(errno));
        return -1;
    }
    if (outset_write_at(g->tmp_fd, name, data, len) != 0) {
        snprintf(g->why, sizeof(g->why), "%s/%s: cannot write: %s", g->out, name, strerror(errno));
        return -1;
    }
    return 0;
}

int generation_add_current(struct generation *g)
{
    char num[24];
    snprintf(num, sizeof(num), "%lu", g->cur);
    int fd = g->cur != 0 ? openat(g->store_fd, num, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        snprintf(g->why, sizeof(g->why), "%s: no current generation to start from", g->out);
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
            continue;
        }
        if (linkat(dirfd(d), de->d_name, g->tmp_fd, de->d_name, 0) != 0) {
            snprintf(g->why, sizeof(g->why), "%s/%s/%s: cannot link: %s", g->store, num, de->d_name,
                     strerror(errno));
            rc = -1;
        }
    }
    closedir(d);
    return rc;
}

int generation_commit(struct generation *g)
{
    char num[24];
    snprintf(num, sizeof(num), "%lu", g->next);
    if (fsync(g->tmp_fd) != 0 || renameat(g->store_fd, g->tmp, g->store_fd, num) != 0) {
        snprintf(g->why, sizeof(g->why), "%s/%s: cannot complete: %s", g->store, g->tmp,
                 strerror(errno));
        return -1;
    }
    snprintf(g->tmp, sizeof(g->tmp), "%s", num); // finish removes it unless switched
    if (fsync(g->store_fd) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: cannot sync folder: %s", g->store, strerror(errno));
        return -1;
    }
    int rc = switch_link(g, g->next);
    if (rc == 0) {
        g->tmp[0] = '\0';
        g->cur = g->next++;
        clean_store(g->store_fd, g->cur);
    }
    return rc;
}

void generation_finish(struct generation *g)
{
    if (g->tmp_fd >= 0) {
        close(g->tmp_fd);
    }
    if (g->tmp[0] != '\0' && g->store_fd >= 0) {
        remove_tree(g->store_fd, g->tmp);
    }
    if (g->store_fd >= 0) {
        close(g->store_fd);
    }
    if (g->lock_fd >= 0) {
        close(g->lock_fd);
    }
    free(g->out);
    free(g->parent);
    free(g->store);
    free(g->base);
    zero(g);
}
