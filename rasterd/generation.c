// Output generations switched by one symlink rename; see generation.h.
//
// The project folder may be hostile (a cloned asset repository): the store,
// a generation folder or the lock may be symlinks planted to make rasterd
// write or delete elsewhere. So everything below the folder holding OUT is
// reached relative to directory descriptors opened with O_NOFOLLOW, anything
// that is not what rasterd would have made there is refused with an error
// naming it, and only entries rasterd creates are ever deleted: generation
// folders ("<n>") and unfinished ones ("new.XXXXXX") that are real folders,
// the regular files inside them, and the "link.tmp" symlink. Nothing is
// deleted through a symlink.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "generation.h"
#include "outset.h"

#define LOCK_NAME  "lock"
#define LINK_TMP   "link.tmp"
#define NEW_PREFIX "new."
#define NEW_LEN    10 // "new.XXXXXX"
#define PID_RECORD 24 // the lock file holds the pid padded to this many bytes

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

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

// The store's name inside the parent folder: ".out.gen".
static const char *store_name(const char *store)
{
    return strrchr(store, '/') + 1;
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

// An unfinished generation's name ("new.XXXXXX", see make_tmp).
static int is_new_name(const char *name)
{
    return strlen(name) == NEW_LEN && strncmp(name, NEW_PREFIX, strlen(NEW_PREFIX)) == 0;
}

// 1 when `name` in `dfd` is a real folder (not a symlink to one).
static int is_real_dir(int dfd, const char *name)
{
    struct stat st;
    return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

// "a symlink", "a regular file", ... for messages about what is in the way.
static const char *kind_of(int dfd, const char *name)
{
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return "missing";
    }
    return S_ISLNK(st.st_mode)   ? "a symlink"
           : S_ISDIR(st.st_mode) ? "a folder"
           : S_ISREG(st.st_mode) ? "a regular file"
                                 : "a special file";
}

// Removes a generation folder rasterd made: the regular files in it (rasterd
// writes nothing else there), then the folder. Anything else inside stays,
// and so does the folder then.
static void remove_generation(int store_fd, const char *name)
{
    int fd = openat(store_fd, name, DIR_FLAGS);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        if (fd >= 0) {
            close(fd);
        }
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
            unlinkat(dirfd(d), de->d_name, 0);
        }
    }
    closedir(d);
    unlinkat(store_fd, name, AT_REMOVEDIR);
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

// Checks that every generation-like entry of the store is a real folder and
// finds the newest generation before `cur` (*prev) and the highest (*max).
// Returns 0, or -1 with `why` naming the first entry in the way.
static int survey_store(int store_fd, const char *store, unsigned long cur, unsigned long *prev,
                        unsigned long *max, char *why, size_t why_len)
{
    DIR *d = list_store(store_fd);
    if (d == NULL) {
        snprintf(why, why_len, "%s: cannot list: %s", store, strerror(errno));
        return -1;
    }
    *prev = *max = 0;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        unsigned long n = gen_number(de->d_name);
        if (n == 0 && !is_new_name(de->d_name)) {
            continue; // not a name rasterd uses: left alone
        }
        if (!is_real_dir(dirfd(d), de->d_name)) {
            snprintf(why, why_len,
                     "%s/%s: is %s, not an output generation folder made by rasterd; rasterd "
                     "will not use or delete it: remove it",
                     store, de->d_name, kind_of(dirfd(d), de->d_name));
            rc = -1;
        }
        *prev = n < cur && n > *prev ? n : *prev;
        *max = n > *max ? n : *max;
    }
    closedir(d);
    return rc;
}

// Keeps the lock, generation `cur` and the newest one before it; removes
// other generations, unfinished ones and a stale link.tmp. Sets *max to the
// highest generation number seen. Returns 0, or -1 with `why` (something
// that is not rasterd's own is in the way; nothing was removed then).
static int clean_store(int store_fd, const char *store, unsigned long cur, unsigned long *max,
                       char *why, size_t why_len)
{
    unsigned long prev, highest;
    if (survey_store(store_fd, store, cur, &prev, &highest, why, why_len) != 0) {
        return -1;
    }
    *max = highest;
    DIR *d = list_store(store_fd);
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        unsigned long n = gen_number(name);
        struct stat st;
        if ((n != 0 && n != cur && n != prev) || is_new_name(name)) {
            remove_generation(dirfd(d), name);
        } else if (strcmp(name, LINK_TMP) == 0 &&
                   fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
            unlinkat(dirfd(d), name, 0);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return 0;
}

static int open_parent(const char *parent, char *why, size_t why_len)
{
    // The folder holding OUT is where output.dir says; a symlink on the way
    // there was named by the manifest's author and is followed.
    int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_len, "%s: %s", parent, strerror(errno));
    }
    return fd;
}

// Opens the store in `parent_fd` (creating it first if `create`), refusing a
// symlink or anything but a folder.
static int open_store_at(int parent_fd, const char *store, int create, char *why, size_t why_len)
{
    const char *name = store_name(store);
    if (create && mkdirat(parent_fd, name, 0777) != 0 && errno != EEXIST) {
        snprintf(why, why_len, "%s: cannot create: %s", store, strerror(errno));
        return -1;
    }
    int fd = openat(parent_fd, name, DIR_FLAGS);
    if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
        snprintf(why, why_len,
                 "%s: is %s, not the folder where rasterd keeps output generations; rasterd "
                 "will not write or delete through it: remove it",
                 store, kind_of(parent_fd, name));
    } else if (fd < 0) {
        snprintf(why, why_len, "%s: %s", store, strerror(errno));
    }
    return fd;
}

// Opens the store's lock file: a regular file, never through a symlink, and
// without blocking on a FIFO.
static int open_lock(int store_fd, const char *store, char *why, size_t why_len)
{
    int fd =
        openat(store_fd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
    struct stat st;
    if (fd < 0 && errno == ELOOP) {
        snprintf(why, why_len, "%s/%s: is a symlink; rasterd will not write through it: remove it",
                 store, LOCK_NAME);
    } else if (fd < 0) {
        snprintf(why, why_len, "%s/%s: cannot open: %s", store, LOCK_NAME, strerror(errno));
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "%s/%s: is not a regular file: remove it", store, LOCK_NAME);
        close(fd);
        fd = -1;
    }
    return fd;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

// The pid the lock holder wrote: waits up to a second for a complete record
// of a live process (the holder writes it right after taking the lock).
static long lock_holder(int fd)
{
    long pid = 0;
    for (int tries = 0; tries < 200; tries++) {
        char rec[PID_RECORD + 1] = {0};
        ssize_t n = pread(fd, rec, PID_RECORD, 0);
        char *end = rec;
        pid = n > 0 ? strtol(rec, &end, 10) : 0;
        if (pid > 0 && (*end == ' ' || *end == '\n') &&
            (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
            return pid;
        }
        sleep_ms(5);
    }
    return pid > 0 ? pid : 0;
}

// Writes our pid into the lock as one fixed-size record, never truncating,
// so a reader sees the previous record or ours, not an empty file.
static void write_pid(int fd)
{
    char rec[PID_RECORD + 1];
    snprintf(rec, sizeof(rec), "%-*ld\n", PID_RECORD - 1, (long)getpid());
    // The pid is only for a refused second rasterd's message; the lock is
    // what counts, so a failed write changes nothing else.
    (void)!pwrite(fd, rec, PID_RECORD, 0);
}

// Opens the store (creating it) and flocks its lock. Returns the lock's fd,
// or -1 with `why`.
static int lock_store(const char *out, const char *parent, const char *store, char *why,
                      size_t why_len)
{
    int parent_fd = open_parent(parent, why, why_len);
    int store_fd = parent_fd < 0 ? -1 : open_store_at(parent_fd, store, 1, why, why_len);
    int fd = store_fd < 0 ? -1 : open_lock(store_fd, store, why, why_len);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        long pid = lock_holder(fd);
        char holder[32] = "?";
        if (pid > 0) {
            snprintf(holder, sizeof(holder), "%ld", pid);
        }
        snprintf(why, why_len,
                 "%s: another rasterd (pid %s) is writing this output folder (lock %s/%s); "
                 "stop it or wait for it, one writer per output.dir",
                 out, holder, store, LOCK_NAME);
        close(fd);
        fd = -1;
    } else if (fd >= 0) {
        write_pid(fd);
    }
    if (store_fd >= 0) {
        close(store_fd);
    }
    if (parent_fd >= 0) {
        close(parent_fd);
    }
    return fd;
}

int generation_lock_take(struct generation_lock *lk, const char *out, char *why, size_t why_len)
{
    lk->out = NULL;
    lk->fd = -1;
    char *norm, *parent, *base, *store;
    if (split_out(out, &norm, &parent, &base, &store) != 0) {
        snprintf(why, why_len, "%s: output.dir must name a folder: %s", out, strerror(errno));
        return -1;
    }
    int fd = lock_store(out, parent, store, why, why_len);
    if (fd >= 0 && (lk->out = strdup(out)) == NULL) {
        close(fd);
        fd = -1;
        snprintf(why, why_len, "out of memory");
    }
    lk->fd = fd;
    free(norm);
    free(parent);
    free(base);
    free(store);
    return lk->fd >= 0 ? 0 : -1;
}

int generation_lock_current(const struct generation_lock *lk)
{
    char *norm, *parent, *base, *store, *lock = NULL;
    if (lk->fd < 0 || lk->out == NULL || split_out(lk->out, &norm, &parent, &base, &store) != 0) {
        return 0;
    }
    struct stat held, now;
    int same = asprintf(&lock, "%s/" LOCK_NAME, store) >= 0 && fstat(lk->fd, &held) == 0 &&
               lstat(lock, &now) == 0 && held.st_dev == now.st_dev && held.st_ino == now.st_ino;
    free(lock);
    free(norm);
    free(parent);
    free(base);
    free(store);
    return same;
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
    if (fstatat(g->parent_fd, g->base, &st, AT_SYMLINK_NOFOLLOW) != 0) {
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
    ssize_t n =
        S_ISLNK(st.st_mode) ? readlinkat(g->parent_fd, g->base, link, sizeof(link) - 1) : -1;
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

// Points OUT at generation `n` with one rename of a new symlink over it.
static int switch_link(struct generation *g, unsigned long n)
{
    char target[300];
    snprintf(target, sizeof(target), ".%s.gen/%lu", g->base, n);
    if (symlinkat(target, g->store_fd, LINK_TMP) != 0 ||
        renameat(g->store_fd, LINK_TMP, g->parent_fd, g->base) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: cannot switch to %s/%lu: %s", g->out, g->store, n,
                 strerror(errno));
        unlinkat(g->store_fd, LINK_TMP, 0);
        return -1;
    }
    if (fsync(g->parent_fd) != 0) {
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
// our outputs and "*.tmp.*" debris, which is removed if `remove_debris`.
// Returns 0 or -1 with g->why naming the first foreign entry.
static int check_real_out(struct generation *g, const char *const *names, size_t count,
                          int remove_debris)
{
    int fd = openat(g->parent_fd, g->base, DIR_FLAGS);
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
            if (remove_debris) {
                unlinkat(dirfd(d), name, 0);
            }
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
    return rc;
}

// Moves the real folder OUT (checked) into the store as generation g->next.
static int migrate(struct generation *g, const char *const *names, size_t count)
{
    int rc = check_real_out(g, names, count, 1);
    char num[24];
    snprintf(num, sizeof(num), "%lu", g->next);
    if (rc == 0 && renameat(g->parent_fd, g->base, g->store_fd, num) != 0) {
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

static void zero(struct generation *g)
{
    memset(g, 0, sizeof(*g));
    g->parent_fd = g->store_fd = g->tmp_fd = g->lock_fd = -1;
}

// Opens the folder holding OUT.
static int open_out(struct generation *g, const char *out)
{
    if (split_out(out, &g->out, &g->parent, &g->base, &g->store) != 0) {
        snprintf(g->why, sizeof(g->why), "%s: output.dir must name a folder: %s", out,
                 strerror(errno));
        return -1;
    }
    g->parent_fd = open_parent(g->parent, g->why, sizeof(g->why));
    return g->parent_fd >= 0 ? 0 : -1;
}

// Opens the store (which must exist) in the folder open_out opened.
static int open_store(struct generation *g)
{
    g->store_fd = open_store_at(g->parent_fd, g->store, 0, g->why, sizeof(g->why));
    return g->store_fd >= 0 ? 0 : -1;
}

// The generation OUT points to must be a real folder in the store (or gone).
static int check_current(struct generation *g)
{
    char num[24];
    snprintf(num, sizeof(num), "%lu", g->cur);
    struct stat st;
    if (g->cur == 0 ||
        (fstatat(g->store_fd, num, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) ||
        is_real_dir(g->store_fd, num)) {
        return 0;
    }
    snprintf(g->why, sizeof(g->why),
             "%s/%s: is %s, not an output generation folder made by rasterd; rasterd will not "
             "use or delete it: remove it",
             g->store, num, kind_of(g->store_fd, num));
    return -1;
}

void generation_clean(const char *out)
{
    struct generation g;
    unsigned long max;
    zero(&g);
    if (open_out(&g, out) == 0 && open_store(&g) == 0 && read_current(&g) == 0 &&
        check_current(&g) == 0) {
        // A store holding something else is refused by the next build.
        (void)clean_store(g.store_fd, g.store, g.cur, &max, g.why, sizeof(g.why));
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

// Creates the folder a new generation is written into: "new.XXXXXX" with a
// random suffix, in the store.
static int make_tmp(struct generation *g)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char name[NEW_LEN + 1] = NEW_PREFIX;
    int made = 0, tries = 0;
    for (; !made && tries < 100; tries++) {
        unsigned char r[NEW_LEN];
        if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
            break;
        }
        for (size_t i = strlen(NEW_PREFIX); i < NEW_LEN; i++) {
            name[i] = chars[r[i] % (sizeof(chars) - 1)];
        }
        name[NEW_LEN] = '\0';
        made = mkdirat(g->store_fd, name, 0777) == 0; // less the umask
        if (!made && errno != EEXIST) {
            break;
        }
    }
    if (made) {
        snprintf(g->tmp, sizeof(g->tmp), "%s", name); // generation_finish removes it
        g->tmp_fd = openat(g->store_fd, name, DIR_FLAGS);
        if (g->tmp_fd >= 0) {
            return 0;
        }
    }
    snprintf(g->why, sizeof(g->why), "%s/%s: cannot create: %s", g->store, name, strerror(errno));
    return -1;
}

int generation_begin(struct generation *g, const char *out, const struct generation_lock *lk,
                     const char *const *names, size_t count)
{
    zero(g);
    // An OUT that will be refused is refused before the lock creates the
    // store, so a failed build leaves nothing behind.
    int rc = open_out(g, out);
    int kind = rc ? -1 : read_current(g);
    rc = kind < 0 ? -1 : kind == 1 ? check_real_out(g, names, count, 0) : 0;
    rc = rc ? rc : lock_for(g, out, lk);
    rc = rc ? rc : open_store(g);
    rc = rc ? rc : check_current(g);
    unsigned long max = 0;
    rc = rc ? rc : clean_store(g->store_fd, g->store, g->cur, &max, g->why, sizeof(g->why));
    if (rc == 0) {
        g->next = max + 1;
    }
    if (rc == 0 && kind == 1) {
        rc = migrate(g, names, count);
    }
    return rc ? rc : make_tmp(g);
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
    int fd = g->cur != 0 ? openat(g->store_fd, num, DIR_FLAGS) : -1;
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
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
            continue; // rasterd writes regular files only
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
        unsigned long max;
        g->tmp[0] = '\0';
        g->cur = g->next++;
        // The new generation is in place; what is left to remove is only
        // older ones, and the survey already passed in begin.
        (void)clean_store(g->store_fd, g->store, g->cur, &max, g->why, sizeof(g->why));
    }
    return rc;
}

void generation_finish(struct generation *g)
{
    if (g->tmp_fd >= 0) {
        close(g->tmp_fd);
    }
    if (g->tmp[0] != '\0' && g->store_fd >= 0) {
        remove_generation(g->store_fd, g->tmp);
    }
    int fds[] = {g->store_fd, g->parent_fd, g->lock_fd};
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    free(g->out);
    free(g->parent);
    free(g->store);
    free(g->base);
    zero(g);
}
