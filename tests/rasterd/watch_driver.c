// Test driver for the watcher + loop + debounce + build child, before the
// real build exists. Prints one line per event on stdout:
//   changed PATH | missing PATH | rescan | root-gone | root-back | warning PATH: WHY
//   build-start ID all|PATH[,PATH...]
//   build-done ID ok|failed DETAIL
//   reload | stopping
// Its "build" (in the child) concatenates the relevant files, in the order
// given, into OUT/a.out and OUT/b.out through an outset (so both switch
// together), after sleeping --build-ms between staging and committing.
// With --gen, OUT is a generation store instead (generation.h): OUT a
// symlink to ".OUT.gen/N" beside it. --skip REL (up to 4) names directories
// the watcher skips. build-done lines end with "dirs=N", the number of
// watched directories. A REL may be absolute (a file outside the root).
// A relevant file whose content starts with "CRASH" makes the build crash
// (SIGSEGV); one starting with "FAIL" or missing makes it fail.
//
// usage: watch_driver [--build-ms N] [--quiet-ms N] [--cap-ms N] [--out DIR]
//                     [--no-initial] [--gen] [--skip REL]... ROOT REL...
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "generation.h"
#include "loop.h"
#include "outset.h"

struct driver {
    const char *root;
    const char *out;
    char **rel;
    size_t nrel;
    unsigned build_ms;
    int gen;
    struct loop *loop;
};

static void print_changes(const struct loop_changes *ch)
{
    if (ch->all) {
        printf(" all");
        return;
    }
    for (size_t i = 0; i < ch->count; i++) {
        printf("%s%s", i ? "," : " ", ch->paths[i]);
    }
}

static void on_report(void *ctx, const struct loop_report *r)
{
    static const char *kinds[] = {"changed",   "missing",   "rescan",
                                  "root-gone", "root-back", "warning"};
    const struct driver *d = ctx;
    switch (r->kind) {
    case LOOP_WATCH:
        printf("%s", kinds[r->watch->kind]);
        if (r->watch->kind == WATCH_CHANGED || r->watch->kind == WATCH_MISSING) {
            printf(" %s", r->watch->path);
        } else if (r->watch->kind == WATCH_WARNING) {
            printf(" %s: %s", r->watch->path, r->watch->detail);
        }
        printf("\n");
        break;
    case LOOP_BUILD_START:
        printf("build-start %u", r->build_id);
        print_changes(r->changes);
        printf("\n");
        break;
    case LOOP_BUILD_DONE:
        printf("build-done %u %s %s %llu ms", r->build_id, r->ok ? "ok" : "failed", r->detail,
               (unsigned long long)r->duration_ms);
        if (r->result != NULL && r->result->file[0] != '\0') {
            printf(" file=%s reason=%s", r->result->file, r->result->reason);
        }
        printf(" dirs=%zu", loop_watch_dir_count(d->loop));
        printf("\n");
        break;
    case LOOP_RELOAD:
        printf("reload\n");
        break;
    case LOOP_STOPPING:
        printf("stopping\n");
        break;
    case LOOP_ERROR:
        printf("error %s\n", r->detail);
        break;
    }
    fflush(stdout);
}

static int append_file(char **buf, size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    char tmp[4096];
    size_t n;
    int rc = 0;
    while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
        char *p = realloc(*buf, *len + n);
        if (p == NULL) {
            rc = -1;
            break;
        }
        memcpy(p + *len, tmp, n);
        *buf = p;
        *len += n;
    }
    fclose(f);
    return rc;
}

static int commit_outputs(struct driver *d, const char *data, size_t len)
{
    char a[4096], b[4096];
    snprintf(a, sizeof(a), "%s/a.out", d->out);
    snprintf(b, sizeof(b), "%s/b.out", d->out);
    struct outset set;
    outset_init(&set);
    int rc = outset_add(&set, a, data, len) || outset_add(&set, b, data, len) ? 3 : 0;
    if (rc == 0) {
        struct timespec ts = {d->build_ms / 1000, (long)(d->build_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL); // a slow build, with its temp files staged
        buildchild_critical_begin();
        rc = outset_commit(&set) != 0 ? 3 : 0;
        buildchild_critical_end();
    }
    outset_finish(&set);
    return rc;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int commit_generation(struct driver *d, const char *data, size_t len)
{
    static const char *const names[] = {"a.out", "b.out"};
    struct generation g;
    int rc = generation_begin(&g, d->out, NULL, names, 2) != 0 ||
                     generation_add(&g, "a.out", data, len) != 0 ||
                     generation_add(&g, "b.out", data, len) != 0
                 ? 3
                 : 0;
    if (rc == 0) {
        sleep_ms(d->build_ms);
        buildchild_critical_begin();
        rc = generation_commit(&g) != 0 ? 3 : 0;
        buildchild_critical_end();
    }
    if (rc != 0) {
        fprintf(stderr, "watch_driver: %s\n", g.why);
    }
    generation_finish(&g);
    return rc;
}

static int build(void *ctx, const struct loop_changes *ch, struct loop_result *res)
{
    struct driver *d = ctx;
    char *data = NULL;
    size_t len = 0;
    (void)ch;
    for (size_t i = 0; i < d->nrel; i++) {
        char path[4096];
        if (d->rel[i][0] == '/') {
            snprintf(path, sizeof(path), "%s", d->rel[i]);
        } else {
            snprintf(path, sizeof(path), "%s/%s", d->root, d->rel[i]);
        }
        size_t start = len;
        if (append_file(&data, &len, path) != 0) {
            snprintf(res->file, sizeof(res->file), "%s", d->rel[i]);
            snprintf(res->reason, sizeof(res->reason), "cannot read");
            free(data);
            return 2;
        }
        if (len - start >= 5 && memcmp(data + start, "CRASH", 5) == 0) {
            signal(SIGSEGV, SIG_DFL); // sanitizers would turn it into exit(1)
            raise(SIGSEGV);
        }
        if (len - start >= 4 && memcmp(data + start, "FAIL", 4) == 0) {
            snprintf(res->file, sizeof(res->file), "%s", d->rel[i]);
            snprintf(res->reason, sizeof(res->reason), "bad content");
            free(data);
            return 2;
        }
    }
    int rc = d->out == NULL ? 0
             : d->gen       ? commit_generation(d, data, len)
                            : commit_outputs(d, data, len);
    free(data);
    return rc;
}

int main(int argc, char **argv)
{
    struct driver d = {0};
    struct loop_options opt = {.initial_build = 1};
    const char *skip[4];
    size_t nskip = 0;
    buildchild_default_limits(&opt.limits);
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--no-initial") == 0) {
            opt.initial_build = 0;
            i--;
        } else if (strcmp(argv[i], "--gen") == 0) {
            d.gen = 1;
            i--;
        } else if (i + 1 >= argc) {
            break;
        } else if (strcmp(argv[i], "--build-ms") == 0) {
            d.build_ms = (unsigned)atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--quiet-ms") == 0) {
            opt.quiet_ms = (uint64_t)atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--cap-ms") == 0) {
            opt.cap_ms = (uint64_t)atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--out") == 0) {
            d.out = argv[i + 1];
        } else if (strcmp(argv[i], "--skip") == 0 && nskip < 4) {
            skip[nskip++] = argv[i + 1];
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: watch_driver [options] ROOT REL...\n");
        return 64;
    }
    d.root = opt.root = argv[i];
    d.rel = argv + i + 1;
    d.nrel = (size_t)(argc - i - 1);
    char outs[2][4096];
    const char *outp[2] = {outs[0], outs[1]};
    if (d.out != NULL) {
        snprintf(outs[0], sizeof(outs[0]), "%s/a.out", d.out);
        snprintf(outs[1], sizeof(outs[1]), "%s/b.out", d.out);
        opt.outputs = outp;
        opt.output_count = 2;
    }
    struct loop_hooks hooks = {&d, build, NULL, on_report};
    char why[512];
    struct loop *l = loop_create(&opt, &hooks, why, sizeof(why));
    if (l == NULL) {
        fprintf(stderr, "watch_driver: %s\n", why);
        return 66;
    }
    d.loop = l;
    if (loop_set_relevant(l, (const char *const *)d.rel, d.nrel) != 0 ||
        loop_set_skip(l, skip, nskip) != 0) {
        loop_destroy(l);
        return 71;
    }
    printf("ready\n");
    fflush(stdout);
    int rc = loop_run(l);
    loop_destroy(l);
    return rc;
}
