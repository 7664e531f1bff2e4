// rasterd --watch: the daemon. The parent only watches, debounces and logs;
// every build (manifest, assets, signing, outputs, post-build command, DFU)
// runs in a forked child (loop.h), so a crash in a converter fails one build
// and the daemon keeps watching.
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "cache.h"
#include "exitcodes.h"
#include "fileio.h"
#include "generation.h"
#include "log.h"
#include "loop.h"
#include "manifest.h"
#include "notify.h"
#include "postbuild.h"
#include "watchlog.h"
#include "watchmain.h"

struct daemon {
    char *root;
    const char *key_path;
    struct cache cache;
    struct watchlog log;
    struct loop *loop;
    int verbosity;
    int ready;                   // READY=1 sent (after the first build, and again after a reload)
    struct generation_lock lock; // of output.dir, held while the daemon runs
    int lock_failed;             // another rasterd writes output.dir
};

// Lexically normalises "a/./b//c/../d" to "a/b/d" in place; returns 0, or -1
// if ".." climbs above the start.
static int normalise(char *p)
{
    int abs = p[0] == '/';
    char *out = p + abs, *in = p; // an absolute path keeps its leading '/'
    while (*in != '\0') {
        char *end = strchrnul(in, '/');
        size_t n = (size_t)(end - in);
        if (n == 0 || (n == 1 && in[0] == '.')) {
            // skip
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            if (out == p + abs) {
                return -1;
            }
            while (out > p + abs && *--out != '/') {
            }
        } else {
            if (out > p + abs) {
                *out++ = '/';
            }
            memmove(out, in, n);
            out += n;
        }
        in = *end ? end + 1 : end;
    }
    *out = '\0';
    return 0;
}

// `path` made absolute (against the working directory) and normalised
// lexically; NULL if out of memory.
static char *absolute(const char *path)
{
    char *abs = NULL;
    if (path[0] == '/') {
        abs = strdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        abs = cwd != NULL ? file_join(cwd, path) : NULL;
        free(cwd);
    }
    if (abs != NULL && normalise(abs) != 0) {
        free(abs);
        abs = NULL;
    }
    return abs;
}

// `path` relative to the watched root if it lies inside it ("" for the root
// itself); otherwise its absolute path, which the watcher watches through
// its directory. NULL if out of memory.
static char *relative_to_root(const char *root, const char *path)
{
    char *r = absolute(root), *p = absolute(path);
    char *rel = NULL;
    if (r != NULL && p != NULL) {
        size_t n = strlen(r);
        if (strcmp(p, r) == 0) {
            rel = strdup("");
        } else if (n == 1 || (strncmp(p, r, n) == 0 && p[n] == '/')) {
            rel = strdup(p + n + (n > 1));
        } else {
            rel = p;
            p = NULL;
        }
    }
    free(r);
    free(p);
    return rel;
}

// Output generations churn on every build: the watcher skips the store
// ".OUT.gen" beside output.dir and OUT itself (a symlink to a generation).
static void skip_outputs(struct daemon *d, struct loop *l, const char *out)
{
    char *o = relative_to_root(d->root, out);
    char *slash = o != NULL && o[0] != '/' && o[0] != '\0' ? strrchr(o, '/') : NULL;
    char *store = NULL;
    if (o != NULL && o[0] != '/' && o[0] != '\0' &&
        asprintf(&store, "%.*s%s.%s.gen", slash != NULL ? (int)(slash - o) : 0, o,
                 slash != NULL ? "/" : "", slash != NULL ? slash + 1 : o) < 0) {
        store = NULL;
    }
    const char *skip[2] = {o, store};
    if (loop_set_skip(l, skip, store != NULL ? 2 : 0) != 0) {
        log_warn("out of memory; watching the output folder too");
    }
    free(store);
    free(o);
}

static void add_path(char ***list, size_t *n, char *path)
{
    char **grown = path != NULL ? realloc(*list, (*n + 1) * sizeof(**list)) : NULL;
    if (grown == NULL) {
        free(path);
        return;
    }
    *list = grown;
    grown[(*n)++] = path;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i]);
    }
    free(list);
}

// One writer per output folder: the daemon holds its lock (builds in the
// child use the inherited descriptor); a manifest naming another folder
// moves the lock there.
static void hold_lock(struct daemon *d, const char *out)
{
    if (d->lock.out != NULL && strcmp(d->lock.out, out) == 0) {
        return;
    }
    generation_lock_release(&d->lock);
    char why[1024];
    d->lock_failed = generation_lock_take(&d->lock, out, why, sizeof(why)) != 0;
    if (d->lock_failed) {
        log_error("%s", why);
    }
}

// Loads the manifest and points the watcher at it and every file it names
// (only those trigger builds). A broken manifest still watches itself.
static int reload(void *ctx, struct loop *l)
{
    struct daemon *d = ctx;
    char **rel = NULL;
    size_t nrel = 0;
    add_path(&rel, &nrel, strdup(MANIFEST_NAME));
    char *mpath = file_join(d->root, MANIFEST_NAME);
    struct manifest m;
    char why[2048];
    int rc = mpath != NULL ? manifest_load(mpath, &m, why, sizeof(why)) : EXIT_SOFTWARE;
    free(mpath);
    if (rc == 0) {
        for (size_t i = 0; i < m.nassets; i++) {
            for (size_t k = 0; k < m.assets[i].nfiles; k++) {
                add_path(&rel, &nrel, relative_to_root(d->root, m.assets[i].files[k]));
            }
        }
        for (size_t i = 0; i < m.romfs.nfiles; i++) {
            add_path(&rel, &nrel, relative_to_root(d->root, m.romfs.files[i].path));
        }
        for (size_t i = 0; i < m.lvgl.nfonts; i++) {
            for (size_t k = 0; k < m.lvgl.fonts[i].nfiles; k++) {
                add_path(&rel, &nrel, relative_to_root(d->root, m.lvgl.fonts[i].files[k]));
            }
        }
        for (size_t i = 0; i < m.lvgl.nimages; i++) {
            add_path(&rel, &nrel, relative_to_root(d->root, m.lvgl.images[i].file));
        }
        // The firmware image only inside the root: outside, it is typically
        // what watch.post_build rebuilds (postbuild.h checks it after each
        // build), and watching it would rebuild in a loop.
        char *fw = m.dfu.firmware != NULL ? relative_to_root(d->root, m.dfu.firmware) : NULL;
        if (fw != NULL && fw[0] == '/') {
            free(fw);
            fw = NULL;
        }
        add_path(&rel, &nrel, fw);
        hold_lock(d, m.output.dir);
        skip_outputs(d, l, m.output.dir);
    }
    manifest_finish(&m);
    int set = loop_set_relevant(l, (const char *const *)rel, nrel);
    free_list(rel, nrel);
    return rc == 0 && set == 0 ? 0 : -1;
}

// "FILE: reason" or "FILE:LINE: reason" -> file, reason.
static void split_why(const char *why, struct loop_result *res)
{
    const char *sep = strstr(why, ": ");
    if (sep != NULL && sep != why && memchr(why, ' ', (size_t)(sep - why)) == NULL) {
        int n = (int)(sep - why) < 500 ? (int)(sep - why) : 500;
        snprintf(res->file, sizeof(res->file), "%.*s", n, why);
        snprintf(res->reason, sizeof(res->reason), "%.1000s", sep + 2);
    } else {
        snprintf(res->reason, sizeof(res->reason), "%.1000s", why);
    }
}

static int build(void *ctx, const struct loop_changes *ch, struct loop_result *res)
{
    struct daemon *d = ctx;
    (void)ch; // unchanged assets come from the cache
    // In the child: its info lines only with -v; its errors reach the log
    // through the parent's one-line summary (or JSON event) instead.
    log_quiet = d->verbosity > 0 ? 0 : 2;
    struct build_report *rep = calloc(1, sizeof(*rep));
    if (rep == NULL) {
        return EXIT_SOFTWARE;
    }
    struct build_opts bo = {d->key_path, d->cache.dir != NULL ? &d->cache : NULL, rep, &d->lock};
    int rc = build_run(d->root, &bo);
    if (rc == 0) {
        snprintf(res->reason, sizeof(res->reason), "%.500s", rep->summary);
        snprintf(res->outputs, sizeof(res->outputs), "%.1000s", rep->outputs);
        rc = postbuild_run(d->root, &d->lock, res);
    } else {
        split_why(rep->why, res);
    }
    free(rep);
    return rc;
}

static int sighup(void *ctx, struct loop *l)
{
    struct daemon *d = ctx;
    notify_reloading();
    d->ready = 0; // READY=1 again once the rebuild is done
    return reload(ctx, l);
}

// One line for `systemctl status`.
static void notify_build(struct daemon *d, const struct loop_report *r)
{
    char status[600];
    const struct loop_result *res = r->result;
    if (r->ok) {
        snprintf(status, sizeof(status), "build %u ok in %llu ms", r->build_id,
                 (unsigned long long)r->duration_ms);
    } else {
        snprintf(status, sizeof(status), "build %u failed: %.200s%s%.300s", r->build_id,
                 res != NULL ? res->file : "", res != NULL && res->file[0] ? ": " : "",
                 res != NULL && res->reason[0] ? res->reason : r->detail);
    }
    if (!d->ready) {
        notify_ready(status);
        d->ready = 1;
    } else {
        notify_status(status);
    }
}

static void report(void *ctx, const struct loop_report *r)
{
    struct daemon *d = ctx;
    // A killed build may leave a half-written generation folder: remove it
    // before the log reports the failure.
    if (r->kind == LOOP_BUILD_DONE && !r->ok && d->lock.fd >= 0) {
        generation_clean(d->lock.out);
    }
    watchlog_report(&d->log, r);
    if (r->kind == LOOP_BUILD_DONE) {
        notify_build(d, r);
    } else if (r->kind == LOOP_STOPPING) {
        notify_stopping();
    }
    // A saved manifest may name other files: follow it before its build.
    // After a rescan or the root coming back it may have changed unseen.
    if (r->kind == LOOP_WATCH &&
        ((r->watch->kind == WATCH_CHANGED && strcmp(r->watch->path, MANIFEST_NAME) == 0) ||
         r->watch->kind == WATCH_RESCAN || r->watch->kind == WATCH_ROOT_BACK)) {
        (void)reload(d, d->loop);
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: rasterd --watch DIR [--key FILE] [--json] [-v|-q] [--cache-dir DIR | "
               "--no-cache]\n");
}

struct watch_args {
    int json, verbosity, no_cache;
    const char *cache_dir;
    uint64_t quiet_ms;
};

static int parse_args(int argc, char **argv, struct daemon *d, struct watch_args *a)
{
    static const struct option opts[] = {
        {"key", required_argument, NULL, 'k'},
        {"json", no_argument, NULL, 'j'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"cache-dir", required_argument, NULL, 'C'},
        {"no-cache", no_argument, NULL, 'N'},
        {"debounce-ms", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "k:vqh", opts, NULL)) != -1) {
        switch (c) {
        case 'k':
            d->key_path = optarg;
            break;
        case 'j':
            a->json = 1;
            break;
        case 'v':
            a->verbosity = 1;
            break;
        case 'q':
            a->verbosity = -1;
            break;
        case 'C':
            a->cache_dir = optarg;
            break;
        case 'N':
            a->no_cache = 1;
            break;
        case 'D':
            a->quiet_ms = strtoull(optarg, NULL, 10);
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    d->root = strdup(argv[optind]);
    size_t n = d->root != NULL ? strlen(d->root) : 0;
    while (n > 1 && d->root[n - 1] == '/') {
        d->root[--n] = '\0'; // "assets/" -> "assets"
    }
    return d->root != NULL ? -1 : EXIT_SOFTWARE;
}

static int run(struct daemon *d, const struct watch_args *a)
{
    char why[1024];
    if (!a->no_cache && cache_open(&d->cache, a->cache_dir, why, sizeof(why)) != 0) {
        log_warn("%s; building without a cache", why);
    }
    struct loop_options opt = {.root = d->root, .quiet_ms = a->quiet_ms, .initial_build = 1};
    buildchild_default_limits(&opt.limits);
    struct loop_hooks hooks = {d, build, sighup, report};
    d->loop = loop_create(&opt, &hooks, why, sizeof(why));
    if (d->loop == NULL) {
        log_error("%s", why);
        return EXIT_NOINPUT;
    }
    if (reload(d, d->loop) != 0 && a->verbosity >= 0) {
        log_warn("%s/%s: cannot load the manifest yet; watching it", d->root, MANIFEST_NAME);
    }
    if (d->lock_failed) {
        loop_destroy(d->loop);
        return EXIT_CANTCREAT;
    }
    int rc = loop_run(d->loop);
    loop_destroy(d->loop);
    return rc == 0 ? 0 : EXIT_SOFTWARE;
}

int watch_main(int argc, char **argv)
{
    struct daemon d = {0};
    d.lock.fd = -1;
    struct watch_args a = {0};
    int rc = parse_args(argc, argv, &d, &a);
    if (rc < 0) {
        log_quiet = a.verbosity < 0;
        d.verbosity = a.verbosity;
        watchlog_init(&d.log, a.json ? stdout : stderr, a.json, a.verbosity);
        rc = run(&d, &a);
        watchlog_finish(&d.log);
    }
    cache_close(&d.cache);
    generation_lock_release(&d.lock);
    free(d.root);
    return rc;
}
