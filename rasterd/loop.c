// The daemon's event loop; see loop.h.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "debounce.h"
#include "loop.h"

struct loop {
    struct loop_options opt;
    struct loop_hooks hooks;
    struct watch *watch;
    struct debounce deb;
    int epfd, sigfd, timerfd;
    sigset_t old_mask;
    int mask_set;
    // Changes not yet handed to a build.
    char **changed;
    size_t nchanged, capchanged;
    int all;
    // The running build.
    pid_t child;
    int result_fd; // read end of the running child's result pipe, or -1
    unsigned build_id;
    uint64_t build_started;
    int timed_out; // the running build was stopped at its wall-clock limit
    int stop;
    int status;
};

uint64_t loop_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void report(struct loop *l, struct loop_report r)
{
    l->hooks.report(l->hooks.ctx, &r);
}

static void note_change(struct loop *l, const char *path, uint64_t now)
{
    debounce_change(&l->deb, now);
    if (path == NULL) {
        l->all = 1;
        return;
    }
    for (size_t i = 0; i < l->nchanged; i++) {
        if (strcmp(l->changed[i], path) == 0) {
            return;
        }
    }
    if (l->nchanged == l->capchanged) {
        size_t cap = l->capchanged ? l->capchanged * 2 : 16;
        char **p = realloc(l->changed, cap * sizeof(*p));
        if (p == NULL) {
            l->all = 1; // cannot list it: rebuild everything instead
            return;
        }
        l->changed = p;
        l->capchanged = cap;
    }
    char *copy = strdup(path);
    if (copy == NULL) {
        l->all = 1;
        return;
    }
    l->changed[l->nchanged++] = copy;
}

static void clear_changes(struct loop *l)
{
    for (size_t i = 0; i < l->nchanged; i++) {
        free(l->changed[i]);
    }
    l->nchanged = 0;
    l->all = 0;
}

static void on_watch(void *ctx, const struct watch_event *ev)
{
    struct loop *l = ctx;
    report(l, (struct loop_report){.kind = LOOP_WATCH, .watch = ev});
    uint64_t now = loop_now_ms();
    switch (ev->kind) {
    case WATCH_CHANGED:
    case WATCH_MISSING:
        note_change(l, ev->path, now);
        break;
    case WATCH_RESCAN:
    case WATCH_ROOT_BACK:
        note_change(l, NULL, now);
        break;
    case WATCH_ROOT_GONE:
    case WATCH_WARNING:
        break;
    }
}

struct child_args {
    struct loop *l;
    struct loop_changes ch;
    int result_fd; // write end
};

static int run_build(void *ctx)
{
    struct child_args *a = ctx;
    struct loop_result *res = calloc(1, sizeof(*res));
    if (res == NULL) {
        return 1;
    }
    int rc = a->l->hooks.build(a->l->hooks.ctx, &a->ch, res);
    // Fits the pipe buffer, so this never blocks.
    (void)!write(a->result_fd, res, sizeof(*res));
    free(res);
    return rc;
}

static void read_result(struct loop *l, struct loop_result *res)
{
    memset(res, 0, sizeof(*res));
    if (l->result_fd < 0) {
        return;
    }
    ssize_t n = read(l->result_fd, res, sizeof(*res));
    if (n != (ssize_t)sizeof(*res)) {
        memset(res, 0, sizeof(*res)); // died before reporting
    }
    res->file[sizeof(res->file) - 1] = '\0';
    res->reason[sizeof(res->reason) - 1] = '\0';
    res->outputs[sizeof(res->outputs) - 1] = '\0';
    close(l->result_fd);
    l->result_fd = -1;
}

static void build_done(struct loop *l, int status)
{
    char detail[256];
    int ok = buildchild_describe(status, detail, sizeof(detail));
    if (l->timed_out) {
        ok = 0;
        snprintf(detail, sizeof(detail), "killed: wall-clock limit of %llu s reached",
                 (unsigned long long)l->opt.limits.wall_seconds);
        l->timed_out = 0;
    }
    if (!ok) {
        // A crashed or killed child may leave staged files behind.
        buildchild_remove_temps(l->opt.outputs, l->opt.output_count);
    }
    struct loop_result *res = calloc(1, sizeof(*res));
    if (res != NULL) {
        read_result(l, res);
    }
    debounce_done(&l->deb);
    report(l, (struct loop_report){.kind = LOOP_BUILD_DONE,
                                   .build_id = l->build_id,
                                   .ok = ok,
                                   .detail = detail,
                                   .duration_ms = loop_now_ms() - l->build_started,
                                   .result = res});
    free(res);
}

static void start_build(struct loop *l, uint64_t now)
{
    struct loop_changes ch = {(const char *const *)l->changed, l->nchanged, l->all};
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        fds[0] = fds[1] = -1;
    }
    struct child_args args = {l, ch, fds[1]};
    l->build_id++;
    report(l,
           (struct loop_report){.kind = LOOP_BUILD_START, .build_id = l->build_id, .changes = &ch});
    char why[256];
    pid_t pid = buildchild_start(&l->opt.limits, run_build, &args, why, sizeof(why));
    clear_changes(l);
    if (fds[1] >= 0) {
        close(fds[1]);
    }
    l->result_fd = fds[0];
    if (pid < 0) {
        if (fds[0] >= 0) {
            close(fds[0]);
        }
        l->result_fd = -1;
        debounce_done(&l->deb);
        note_change(l, NULL, now); // try again after the quiet period
        report(l, (struct loop_report){
                      .kind = LOOP_BUILD_DONE, .build_id = l->build_id, .detail = why});
        return;
    }
    l->child = pid;
    l->build_started = now;
}

static void reap(struct loop *l)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        if (pid != l->child) {
            continue; // a grandchild reparented to us, or a stale pid
        }
        l->child = 0;
        build_done(l, st);
    }
}

static void on_signal(struct loop *l, int sig)
{
    if (sig == SIGCHLD) {
        reap(l);
    } else if (sig == SIGHUP) {
        int rc = l->hooks.reload != NULL ? l->hooks.reload(l->hooks.ctx, l) : 0;
        report(l, (struct loop_report){.kind = LOOP_RELOAD,
                                       .ok = rc == 0,
                                       .detail = rc == 0 ? "reloaded" : "reload failed"});
        note_change(l, NULL, loop_now_ms());
    } else if (sig == SIGTERM || sig == SIGINT) {
        l->stop = 1;
        l->status = 0;
    }
}

static int read_signals(struct loop *l)
{
    struct signalfd_siginfo si;
    for (;;) {
        ssize_t n = read(l->sigfd, &si, sizeof(si));
        if (n < 0) {
            return errno == EAGAIN ? 0 : (errno == EINTR ? read_signals(l) : -1);
        }
        if (n != (ssize_t)sizeof(si)) {
            return -1;
        }
        on_signal(l, (int)si.ssi_signo);
        if (l->stop) {
            return 0;
        }
    }
}

// When the running build reaches its wall-clock limit, UINT64_MAX if none.
static uint64_t build_deadline(const struct loop *l)
{
    uint64_t wall = l->opt.limits.wall_seconds;
    return l->child > 0 && wall != 0 ? l->build_started + wall * 1000u : UINT64_MAX;
}

static void arm_timer(struct loop *l)
{
    uint64_t a = watch_next_deadline(l->watch);
    uint64_t b = debounce_deadline(&l->deb);
    uint64_t t = a < b ? a : b;
    t = build_deadline(l) < t ? build_deadline(l) : t;
    struct itimerspec its = {{0, 0}, {0, 0}};
    if (t != UINT64_MAX) {
        if (t == 0) {
            t = 1; // an all-zero it_value would disarm
        }
        its.it_value.tv_sec = (time_t)(t / 1000);
        its.it_value.tv_nsec = (long)(t % 1000) * 1000000L;
    }
    (void)timerfd_settime(l->timerfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static int add_fd(int epfd, int fd)
{
    struct epoll_event ev = {.events = EPOLLIN, .data = {.fd = fd}};
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

static int setup_fds(struct loop *l, char *why, size_t why_len)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGCHLD);
    if (sigprocmask(SIG_BLOCK, &set, &l->old_mask) != 0) {
        snprintf(why, why_len, "sigprocmask: %s", strerror(errno));
        return -1;
    }
    l->mask_set = 1;
    l->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    l->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    l->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (l->sigfd < 0 || l->timerfd < 0 || l->epfd < 0 || add_fd(l->epfd, l->sigfd) != 0 ||
        add_fd(l->epfd, l->timerfd) != 0 || add_fd(l->epfd, watch_fd(l->watch)) != 0) {
        snprintf(why, why_len, "event loop setup: %s", strerror(errno));
        return -1;
    }
    return 0;
}

struct loop *loop_create(const struct loop_options *opt, const struct loop_hooks *hooks, char *why,
                         size_t why_len)
{
    struct loop *l = calloc(1, sizeof(*l));
    if (l == NULL) {
        snprintf(why, why_len, "out of memory");
        return NULL;
    }
    l->opt = *opt;
    l->hooks = *hooks;
    l->epfd = l->sigfd = l->timerfd = l->result_fd = -1;
    debounce_init(&l->deb, opt->quiet_ms ? opt->quiet_ms : DEBOUNCE_QUIET_MS,
                  opt->cap_ms ? opt->cap_ms : DEBOUNCE_CAP_MS);
    if (l->opt.stop_grace_ms == 0) {
        l->opt.stop_grace_ms = 5000;
    }
    // SIGPIPE: a closed log pipe must not kill the daemon (the child resets it).
    signal(SIGPIPE, SIG_IGN);
    l->watch = watch_create(opt->root, why, why_len);
    if (l->watch == NULL || setup_fds(l, why, why_len) != 0) {
        loop_destroy(l);
        return NULL;
    }
    return l;
}

void loop_destroy(struct loop *l)
{
    if (l == NULL) {
        return;
    }
    watch_destroy(l->watch);
    int fds[] = {l->epfd, l->sigfd, l->timerfd, l->result_fd};
    for (size_t i = 0; i < 4; i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    if (l->mask_set) {
        sigprocmask(SIG_SETMASK, &l->old_mask, NULL);
    }
    clear_changes(l);
    free(l->changed);
    free(l);
}

int loop_set_relevant(struct loop *l, const char *const *paths, size_t count)
{
    return watch_set_relevant(l->watch, paths, count);
}

int loop_set_skip(struct loop *l, const char *const *paths, size_t count)
{
    return watch_set_skip(l->watch, paths, count);
}

size_t loop_watch_dir_count(const struct loop *l)
{
    return watch_dir_count(l->watch);
}

// A build past its wall-clock limit (blocked on a FIFO, a hung post-build
// command) is stopped like one the daemon abandons, and reported failed.
static void check_build_deadline(struct loop *l, uint64_t now)
{
    if (now < build_deadline(l)) {
        return;
    }
    int st = 0;
    buildchild_stop(l->child, l->opt.stop_grace_ms, &st);
    l->child = 0;
    l->timed_out = 1;
    build_done(l, st);
    buildchild_remove_temps(l->opt.outputs, l->opt.output_count);
}

static void stop_build(struct loop *l)
{
    if (l->child <= 0) {
        return;
    }
    int st = 0;
    buildchild_stop(l->child, l->opt.stop_grace_ms, &st);
    l->child = 0;
    build_done(l, st);
    // A build stopped mid-way may have staged files; one that finished its
    // commit has none left. Clean up in every case.
    buildchild_remove_temps(l->opt.outputs, l->opt.output_count);
}

static int dispatch(struct loop *l, int fd)
{
    if (fd == l->sigfd) {
        return read_signals(l);
    }
    if (fd == l->timerfd) {
        uint64_t expirations;
        (void)!read(l->timerfd, &expirations, sizeof(expirations));
        return 0;
    }
    return watch_process(l->watch, loop_now_ms(), on_watch, l);
}

int loop_run(struct loop *l)
{
    if (l->opt.initial_build) {
        note_change(l, NULL, 0); // time 0: long ago, so it starts at once
    }
    l->status = 1;
    while (!l->stop) {
        uint64_t now = loop_now_ms();
        check_build_deadline(l, now);
        watch_tick(l->watch, now, on_watch, l);
        if (debounce_poll(&l->deb, now, watch_pending_missing(l->watch) > 0)) {
            start_build(l, now);
        }
        arm_timer(l);
        struct epoll_event evs[4];
        int n = epoll_wait(l->epfd, evs, 4, -1);
        if (n < 0 && errno != EINTR) {
            report(l, (struct loop_report){.kind = LOOP_ERROR, .detail = strerror(errno)});
            break;
        }
        for (int i = 0; i < n && !l->stop; i++) {
            if (dispatch(l, evs[i].data.fd) != 0) {
                report(l, (struct loop_report){.kind = LOOP_ERROR, .detail = strerror(errno)});
                l->stop = 1;
            }
        }
    }
    report(l, (struct loop_report){.kind = LOOP_STOPPING,
                                   .build_id = l->child > 0 ? l->build_id : 0,
                                   .detail = l->status == 0 ? "signal" : "error"});
    stop_build(l);
    return l->status;
}
