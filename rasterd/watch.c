// Recursive inotify watcher; see watch.h for the behaviour it promises.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "watch.h"

#define DIR_MASK                                                                                   \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF |       \
     IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

// The root may be a symlink to a directory (the user named it); below it,
// symlinks are not followed, so a link cycle cannot recurse forever.
#define ROOT_MASK (DIR_MASK & ~(uint32_t)IN_DONT_FOLLOW)

struct wdir {
    int wd;
    char *path;  // relative to the root ("" for the root), or absolute if outside
    int outside; // a directory outside the root holding relevant files (not recursive)
};

struct pending {
    char *path;
    uint64_t deadline;
};

struct watch {
    int fd;
    char *root;
    dev_t root_dev; // the directory the root watch is on (see root_replaced)
    ino_t root_ino;
    int root_gone;
    uint64_t root_poll_at;
    struct wdir *dirs;
    size_t ndirs, capdirs;
    char **relevant;
    size_t nrelevant;
    char **skip; // root-relative directories not watched (the generation store)
    size_t nskip;
    int outside_unwatched; // some outside directory could not be watched
    int outside_warn;      // ... and the next retry should say so (new relevant set)
    uint64_t outside_retry_at;
    struct pending *missing;
    size_t nmissing, capmissing;
};

static void emit(watch_fn fn, void *ctx, enum watch_kind kind, const char *path, const char *detail)
{
    struct watch_event ev = {kind, path, detail};
    fn(ctx, &ev);
}

// root + "/" + rel into a fresh string; NULL when out of memory.
static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (p == NULL) {
        return NULL;
    }
    memcpy(p, a, la);
    size_t n = la;
    if (la > 0 && lb > 0) {
        p[n++] = '/';
    }
    memcpy(p + n, b, lb + 1);
    return p;
}

static int is_relevant(const struct watch *w, const char *path)
{
    for (size_t i = 0; i < w->nrelevant; i++) {
        if (strcmp(w->relevant[i], path) == 0) {
            return 1;
        }
    }
    return 0;
}

// True if `path` is `dir` or lies below it.
static int is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 0) {
        return 1;
    }
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static struct wdir *find_wd(struct watch *w, int wd)
{
    for (size_t i = 0; i < w->ndirs; i++) {
        if (w->dirs[i].wd == wd) {
            return &w->dirs[i];
        }
    }
    return NULL;
}

static void drop_dir_at(struct watch *w, size_t i)
{
    free(w->dirs[i].path);
    w->dirs[i] = w->dirs[--w->ndirs];
}

// Records wd -> path; an existing wd (the same inode reached again, e.g.
// after a rescan or a rename) gets the new path.
static int upsert_dir(struct watch *w, int wd, const char *rel, int outside)
{
    struct wdir *d = find_wd(w, wd);
    if (d != NULL && d->outside != outside) {
        return 0; // one inode reached both ways: keep the first name
    }
    char *copy = strdup(rel);
    if (copy == NULL) {
        return -1;
    }
    if (d != NULL) {
        free(d->path);
        d->path = copy;
        return 0;
    }
    if (w->ndirs == w->capdirs) {
        size_t cap = w->capdirs ? w->capdirs * 2 : 16;
        struct wdir *p = realloc(w->dirs, cap * sizeof(*p));
        if (p == NULL) {
            free(copy);
            return -1;
        }
        w->dirs = p;
        w->capdirs = cap;
    }
    w->dirs[w->ndirs++] = (struct wdir){wd, copy, outside};
    return 0;
}

static void cancel_missing(struct watch *w, const char *rel)
{
    for (size_t i = 0; i < w->nmissing; i++) {
        if (strcmp(w->missing[i].path, rel) == 0) {
            free(w->missing[i].path);
            w->missing[i] = w->missing[--w->nmissing];
            return;
        }
    }
}

static void add_missing(struct watch *w, const char *rel, uint64_t deadline)
{
    cancel_missing(w, rel);
    char *copy = strdup(rel);
    if (copy == NULL) {
        return;
    }
    if (w->nmissing == w->capmissing) {
        size_t cap = w->capmissing ? w->capmissing * 2 : 8;
        struct pending *p = realloc(w->missing, cap * sizeof(*p));
        if (p == NULL) {
            free(copy);
            return;
        }
        w->missing = p;
        w->capmissing = cap;
    }
    w->missing[w->nmissing++] = (struct pending){copy, deadline};
}

static const char *add_error(int err)
{
    if (err == ENOSPC) {
        return "inotify watch limit reached; raise the sysctl fs.inotify.max_user_watches";
    }
    return strerror(err);
}

static int skip_dir_name(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, ".git") == 0 ||
           strcmp(name, ".hg") == 0 || strcmp(name, ".svn") == 0;
}

// True if `rel` is a skipped directory or lies below one.
static int is_skipped_below(const struct watch *w, const char *rel)
{
    for (size_t i = 0; i < w->nskip; i++) {
        if (w->skip[i][0] != '\0' && is_under(rel, w->skip[i])) {
            return 1;
        }
    }
    return 0;
}

static int entry_is_dir(int dfd, const struct dirent *de)
{
    if (de->d_type != DT_UNKNOWN) {
        return de->d_type == DT_DIR;
    }
    struct stat st;
    return fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

static void add_tree(struct watch *w, const char *rel, int report, watch_fn fn, void *ctx);

// Scans a directory that is already watched: subdirectories are added, and
// relevant files reported if `report` (they may predate the watch).
static void scan_dir(struct watch *w, const char *rel, int report, watch_fn fn, void *ctx)
{
    char *full = join(w->root, rel);
    DIR *dir = full != NULL ? opendir(full) : NULL;
    free(full);
    if (dir == NULL) {
        return; // gone again already; its parent's events say so
    }
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (skip_dir_name(de->d_name)) {
            continue;
        }
        char *child = join(rel, de->d_name);
        if (child == NULL) {
            break;
        }
        if (entry_is_dir(dirfd(dir), de)) {
            if (!is_skipped_below(w, child)) {
                add_tree(w, child, report, fn, ctx);
            }
        } else if (report && is_relevant(w, child)) {
            cancel_missing(w, child);
            emit(fn, ctx, WATCH_CHANGED, child, "found by scan");
        }
        free(child);
    }
    closedir(dir);
}

// Watch first, then scan (man 7 inotify), so nothing created in between is lost.
static void add_tree(struct watch *w, const char *rel, int report, watch_fn fn, void *ctx)
{
    char *full = join(w->root, rel);
    if (full == NULL) {
        return;
    }
    int wd = inotify_add_watch(w->fd, full, rel[0] != '\0' ? DIR_MASK : ROOT_MASK);
    free(full);
    if (wd < 0) {
        if (errno != ENOENT && errno != ENOTDIR && fn != NULL) {
            emit(fn, ctx, WATCH_WARNING, rel, add_error(errno));
        }
        return;
    }
    if (upsert_dir(w, wd, rel, 0) != 0) {
        inotify_rm_watch(w->fd, wd);
        return;
    }
    scan_dir(w, rel, report, fn, ctx);
}

// Forgets (and unwatches) `rel` and everything below it. Relevant files
// below it start their missing grace period.
static void drop_tree(struct watch *w, const char *rel, uint64_t now)
{
    for (size_t i = 0; i < w->ndirs;) {
        if (!w->dirs[i].outside && is_under(w->dirs[i].path, rel)) {
            inotify_rm_watch(w->fd, w->dirs[i].wd);
            drop_dir_at(w, i);
        } else {
            i++;
        }
    }
    for (size_t i = 0; i < w->nrelevant; i++) {
        if (w->relevant[i][0] != '/' && is_under(w->relevant[i], rel)) {
            add_missing(w, w->relevant[i], now + WATCH_MISSING_GRACE_MS);
        }
    }
}

// The directory of an absolute relevant path ("/" for "/x"); NULL if out of memory.
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strndup(path, slash > path ? (size_t)(slash - path) : 1);
}

static struct wdir *find_outside(struct watch *w, const char *dir)
{
    for (size_t i = 0; i < w->ndirs; i++) {
        if (w->dirs[i].outside && strcmp(w->dirs[i].path, dir) == 0) {
            return &w->dirs[i];
        }
    }
    return NULL;
}

static int wants_outside(const struct watch *w, const char *dir)
{
    int found = 0;
    for (size_t i = 0; i < w->nrelevant && !found; i++) {
        char *d = w->relevant[i][0] == '/' ? dir_of(w->relevant[i]) : NULL;
        found = d != NULL && strcmp(d, dir) == 0;
        free(d);
    }
    return found;
}

// Relevant files in an outside directory that came back: they may be new.
static void report_outside(struct watch *w, const char *dir, watch_fn fn, void *ctx)
{
    for (size_t i = 0; i < w->nrelevant; i++) {
        char *d = w->relevant[i][0] == '/' ? dir_of(w->relevant[i]) : NULL;
        struct stat st;
        if (d != NULL && strcmp(d, dir) == 0 && stat(w->relevant[i], &st) == 0) {
            cancel_missing(w, w->relevant[i]);
            emit(fn, ctx, WATCH_CHANGED, w->relevant[i], "found by scan");
        }
        free(d);
    }
}

static void add_outside(struct watch *w, const char *dir, int warn, int report, watch_fn fn,
                        void *ctx)
{
    // Followed if it is a symlink: the user named it, as for the root.
    int wd = inotify_add_watch(w->fd, dir, ROOT_MASK);
    if (wd < 0) {
        w->outside_unwatched = 1;
        if (warn && fn != NULL) {
            emit(fn, ctx, WATCH_WARNING, dir,
                 errno == ENOENT ? "directory of a referenced file is missing; retrying"
                                 : add_error(errno));
        }
        return;
    }
    if (upsert_dir(w, wd, dir, 1) != 0) {
        inotify_rm_watch(w->fd, wd);
        w->outside_unwatched = 1;
        return;
    }
    if (report && fn != NULL) {
        report_outside(w, dir, fn, ctx);
    }
}

// Watches (not recursively) the directory of every relevant file outside
// the root and drops the ones no longer needed. `warn`: report directories
// that cannot be watched; `report`: report files in newly watched ones.
static void sync_outside(struct watch *w, int warn, int report, watch_fn fn, void *ctx)
{
    for (size_t i = 0; i < w->ndirs;) {
        if (w->dirs[i].outside && !wants_outside(w, w->dirs[i].path)) {
            inotify_rm_watch(w->fd, w->dirs[i].wd);
            drop_dir_at(w, i);
        } else {
            i++;
        }
    }
    w->outside_unwatched = 0;
    w->outside_warn = 0;
    for (size_t i = 0; i < w->nrelevant; i++) {
        char *d = w->relevant[i][0] == '/' ? dir_of(w->relevant[i]) : NULL;
        if (d != NULL && find_outside(w, d) == NULL) {
            add_outside(w, d, warn, report, fn, ctx);
        }
        free(d);
    }
}

// An outside directory was deleted or moved: its files start their grace
// period, and the directory is looked for again every WATCH_OUTSIDE_POLL_MS.
static void outside_gone(struct watch *w, struct wdir *d, uint64_t now)
{
    inotify_rm_watch(w->fd, d->wd); // a moved directory keeps its watch otherwise
    for (size_t i = 0; i < w->nrelevant; i++) {
        char *dir = w->relevant[i][0] == '/' ? dir_of(w->relevant[i]) : NULL;
        if (dir != NULL && strcmp(dir, d->path) == 0) {
            add_missing(w, w->relevant[i], now + WATCH_MISSING_GRACE_MS);
        }
        free(dir);
    }
    drop_dir_at(w, (size_t)(d - w->dirs));
    w->outside_unwatched = 1;
    w->outside_retry_at = now + WATCH_OUTSIDE_POLL_MS;
}

// Notes which directory the root path names now (after watching it).
static void note_root(struct watch *w)
{
    struct stat st;
    if (stat(w->root, &st) == 0) {
        w->root_dev = st.st_dev;
        w->root_ino = st.st_ino;
    }
}

// True when the root path no longer names the watched directory. A root
// that is deleted while something still holds a file inside it open (the
// daemon's lock in the generation store) gets no IN_DELETE_SELF until that
// file is closed, so `rm -rf DIR; cp -r backup DIR` leaves the watch on the
// dead directory: only comparing the path's inode notices.
static int root_replaced(const struct watch *w)
{
    struct stat st;
    return stat(w->root, &st) != 0 || st.st_dev != w->root_dev || st.st_ino != w->root_ino;
}

static void root_gone(struct watch *w, uint64_t now, watch_fn fn, void *ctx)
{
    if (w->root_gone) {
        return;
    }
    drop_tree(w, "", now);
    w->root_gone = 1;
    w->root_poll_at = now + WATCH_ROOT_POLL_MS;
    emit(fn, ctx, WATCH_ROOT_GONE, "", "the watched directory was removed or renamed");
}

struct watch *watch_create(const char *root, char *why, size_t why_len)
{
    struct watch *w = calloc(1, sizeof(*w));
    if (w != NULL) {
        w->fd = -1;
    }
    if (w == NULL || (w->root = strdup(root)) == NULL) {
        snprintf(why, why_len, "out of memory");
        goto fail;
    }
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0) {
        snprintf(why, why_len, "inotify_init1: %s%s", strerror(errno),
                 errno == EMFILE ? " (sysctl fs.inotify.max_user_instances)" : "");
        goto fail;
    }
    int wd = inotify_add_watch(w->fd, root, ROOT_MASK);
    if (wd < 0) {
        snprintf(why, why_len, "%s: %s", root, add_error(errno));
        goto fail;
    }
    if (upsert_dir(w, wd, "", 0) != 0) {
        snprintf(why, why_len, "out of memory");
        goto fail;
    }
    note_root(w);
    scan_dir(w, "", 0, NULL, NULL);
    return w;
fail:
    watch_destroy(w);
    return NULL;
}

void watch_destroy(struct watch *w)
{
    if (w == NULL) {
        return;
    }
    if (w->fd >= 0) {
        close(w->fd);
    }
    for (size_t i = 0; i < w->ndirs; i++) {
        free(w->dirs[i].path);
    }
    for (size_t i = 0; i < w->nmissing; i++) {
        free(w->missing[i].path);
    }
    for (size_t i = 0; i < w->nrelevant; i++) {
        free(w->relevant[i]);
    }
    for (size_t i = 0; i < w->nskip; i++) {
        free(w->skip[i]);
    }
    free(w->skip);
    free(w->dirs);
    free(w->missing);
    free(w->relevant);
    free(w->root);
    free(w);
}

int watch_fd(const struct watch *w)
{
    return w->fd;
}

int watch_set_relevant(struct watch *w, const char *const *paths, size_t count)
{
    char **copy = calloc(count ? count : 1, sizeof(*copy));
    if (copy == NULL) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if ((copy[i] = strdup(paths[i])) == NULL) {
            for (size_t j = 0; j < i; j++) {
                free(copy[j]);
            }
            free(copy);
            return -1;
        }
    }
    for (size_t i = 0; i < w->nrelevant; i++) {
        free(w->relevant[i]);
    }
    free(w->relevant);
    w->relevant = copy;
    w->nrelevant = count;
    // Warnings need the callback: a directory that cannot be watched now is
    // retried, with a warning, by the next watch_tick.
    sync_outside(w, 0, 0, NULL, NULL);
    if (w->outside_unwatched) {
        w->outside_warn = 1;
        w->outside_retry_at = 0;
    }
    return 0;
}

int watch_set_skip(struct watch *w, const char *const *paths, size_t count)
{
    char **copy = calloc(count ? count : 1, sizeof(*copy));
    if (copy == NULL) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if ((copy[i] = strdup(paths[i])) == NULL) {
            for (size_t j = 0; j < i; j++) {
                free(copy[j]);
            }
            free(copy);
            return -1;
        }
    }
    char **old = w->skip;
    size_t nold = w->nskip;
    w->skip = copy;
    w->nskip = count;
    for (size_t i = 0; i < w->ndirs;) {
        if (!w->dirs[i].outside && is_skipped_below(w, w->dirs[i].path)) {
            inotify_rm_watch(w->fd, w->dirs[i].wd);
            drop_dir_at(w, i);
        } else {
            i++;
        }
    }
    for (size_t i = 0; i < nold; i++) {
        if (!w->root_gone && !is_skipped_below(w, old[i])) {
            add_tree(w, old[i], 0, NULL, NULL); // no longer skipped
        }
        free(old[i]);
    }
    free(old);
    return 0;
}

static void file_event(struct watch *w, const char *rel, uint32_t mask, uint64_t now, watch_fn fn,
                       void *ctx)
{
    if (!is_relevant(w, rel)) {
        return; // editor debris, outputs, unrelated files
    }
    if (mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        cancel_missing(w, rel);
        emit(fn, ctx, WATCH_CHANGED, rel, (mask & IN_MOVED_TO) ? "moved into place" : "written");
    } else if (mask & (IN_DELETE | IN_MOVED_FROM)) {
        // Possibly transient (vim backup rename, git checkout): wait.
        add_missing(w, rel, now + WATCH_MISSING_GRACE_MS);
    }
    // IN_CREATE alone: the data is not there yet; CLOSE_WRITE follows.
}

static void dir_event(struct watch *w, const char *rel, uint32_t mask, uint64_t now, watch_fn fn,
                      void *ctx)
{
    if (mask & (IN_CREATE | IN_MOVED_TO)) {
        // A rename inside the tree arrives as MOVED_FROM (dropped the old
        // subtree) then MOVED_TO (added fresh under the new name).
        add_tree(w, rel, 1, fn, ctx);
    } else if (mask & (IN_DELETE | IN_MOVED_FROM)) {
        drop_tree(w, rel, now);
    }
}

static void one_event(struct watch *w, const struct inotify_event *ev, uint64_t now, watch_fn fn,
                      void *ctx)
{
    if (ev->mask & IN_Q_OVERFLOW) {
        add_tree(w, "", 1, fn, ctx);
        sync_outside(w, 1, 0, fn, ctx);
        emit(fn, ctx, WATCH_RESCAN, NULL, "inotify queue overflowed; rescanned");
        return;
    }
    struct wdir *d = find_wd(w, ev->wd);
    if (d == NULL) {
        return; // a watch already dropped; its late events are stale
    }
    if (d->path[0] == '\0' && (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))) {
        root_gone(w, now, fn, ctx);
        return;
    }
    if (d->outside && (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))) {
        outside_gone(w, d, now);
        return;
    }
    if (ev->mask & IN_IGNORED) {
        drop_dir_at(w, (size_t)(d - w->dirs));
        return;
    }
    if (ev->len == 0 || ev->name[0] == '\0') {
        return; // *_SELF on a subdirectory: its parent reports the change
    }
    char *rel = join(d->path, ev->name);
    if (rel == NULL) {
        return;
    }
    if (ev->mask & IN_ISDIR) {
        // Outside directories are not recursive; skipped ones (the output
        // generation store) churn on every build.
        if (!d->outside && !skip_dir_name(ev->name) && !is_skipped_below(w, rel)) {
            dir_event(w, rel, ev->mask, now, fn, ctx);
        }
    } else {
        file_event(w, rel, ev->mask, now, fn, ctx);
    }
    free(rel);
}

int watch_process(struct watch *w, uint64_t now_ms, watch_fn fn, void *ctx)
{
    _Alignas(struct inotify_event) char buf[16384];
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof(buf));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
        }
        if (n == 0) {
            return 0;
        }
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            one_event(w, ev, now_ms, fn, ctx);
            p += sizeof(*ev) + ev->len;
        }
    }
}

static void poll_root(struct watch *w, uint64_t now, watch_fn fn, void *ctx)
{
    w->root_poll_at = now + WATCH_ROOT_POLL_MS;
    int wd = inotify_add_watch(w->fd, w->root, ROOT_MASK);
    if (wd < 0) {
        return;
    }
    if (upsert_dir(w, wd, "", 0) != 0) {
        inotify_rm_watch(w->fd, wd);
        return;
    }
    w->root_gone = 0;
    note_root(w);
    // Files in the new root are reported as CHANGED by the scan; the
    // caller rebuilds on ROOT_BACK anyway.
    scan_dir(w, "", 1, fn, ctx);
    emit(fn, ctx, WATCH_ROOT_BACK, "", "the watched directory is back; watching again");
}

static int exists(const struct watch *w, const char *rel)
{
    char *full = rel[0] == '/' ? strdup(rel) : join(w->root, rel);
    struct stat st;
    int ok = full != NULL && stat(full, &st) == 0 && S_ISREG(st.st_mode);
    free(full);
    return ok;
}

// True when some file inside the root is past its missing grace period.
static int root_file_due(const struct watch *w, uint64_t now_ms)
{
    for (size_t i = 0; i < w->nmissing; i++) {
        if (w->missing[i].path[0] != '/' && now_ms >= w->missing[i].deadline) {
            return 1;
        }
    }
    return 0;
}

void watch_tick(struct watch *w, uint64_t now_ms, watch_fn fn, void *ctx)
{
    // Files of the root went missing: before calling them missing, make
    // sure the root itself was not replaced (see root_replaced).
    if (!w->root_gone && root_file_due(w, now_ms) && root_replaced(w)) {
        root_gone(w, now_ms, fn, ctx);
        w->root_poll_at = now_ms; // a directory may be there already
    }
    if (w->root_gone && now_ms >= w->root_poll_at) {
        poll_root(w, now_ms, fn, ctx);
    }
    if (w->outside_unwatched && now_ms >= w->outside_retry_at) {
        int warn = w->outside_warn;
        sync_outside(w, warn, !warn, fn, ctx);
        w->outside_retry_at = now_ms + WATCH_OUTSIDE_POLL_MS;
    }
    for (size_t i = 0; i < w->nmissing;) {
        if ((w->root_gone && w->missing[i].path[0] != '/') || now_ms < w->missing[i].deadline) {
            i++;
            continue;
        }
        struct pending p = w->missing[i];
        w->missing[i] = w->missing[--w->nmissing];
        // Back without a close_write we saw (e.g. a hard link): a change.
        int back = exists(w, p.path);
        emit(fn, ctx, back ? WATCH_CHANGED : WATCH_MISSING, p.path,
             back ? "reappeared" : "deleted and not recreated within 1 s");
        free(p.path);
    }
}

uint64_t watch_next_deadline(const struct watch *w)
{
    uint64_t t = w->root_gone ? w->root_poll_at : UINT64_MAX;
    if (w->outside_unwatched && w->outside_retry_at < t) {
        t = w->outside_retry_at;
    }
    for (size_t i = 0; i < w->nmissing; i++) {
        if ((!w->root_gone || w->missing[i].path[0] == '/') && w->missing[i].deadline < t) {
            t = w->missing[i].deadline;
        }
    }
    return t;
}

size_t watch_pending_missing(const struct watch *w)
{
    return w->nmissing;
}

size_t watch_dir_count(const struct watch *w)
{
    return w->ndirs;
}
