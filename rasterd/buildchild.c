// Build child: fork + setrlimit + signal reset; see buildchild.h.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buildchild.h"

void buildchild_default_limits(struct buildchild_limits *lim)
{
    lim->address_space = 2ull << 30;
    lim->cpu_seconds = 60;
    lim->file_size = 1ull << 30;
    lim->wall_seconds = 600;
}

// AddressSanitizer reserves terabytes of address space up front, so an
// address-space limit would make every sanitized build child fail to start.
#if defined(__SANITIZE_ADDRESS__)
#define ASAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN_BUILD 1
#endif
#endif
#ifndef ASAN_BUILD
#define ASAN_BUILD 0
#endif

static void set_limit(int resource, uint64_t value)
{
    if (value == 0) {
        return;
    }
    struct rlimit rl;
    if (getrlimit(resource, &rl) != 0) {
        return;
    }
    rlim_t v = (rlim_t)value;
    if (rl.rlim_max != RLIM_INFINITY && v > rl.rlim_max) {
        v = rl.rlim_max;
    }
    rl.rlim_cur = v;
    (void)setrlimit(resource, &rl);
}

static void child_setup(const struct buildchild_limits *lim)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE, SIGXCPU, SIGXFSZ};
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        signal(sigs[i], SIG_DFL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    (void)setpgid(0, 0);
    if (!ASAN_BUILD) {
        set_limit(RLIMIT_AS, lim->address_space);
    }
    set_limit(RLIMIT_CPU, lim->cpu_seconds);
    set_limit(RLIMIT_FSIZE, lim->file_size);
}

pid_t buildchild_start(const struct buildchild_limits *lim, int (*fn)(void *ctx), void *ctx,
                       char *why, size_t why_len)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, why_len, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        child_setup(lim);
        int rc = fn(ctx);
        fflush(NULL);
        _exit(rc < 0 || rc > 125 ? 1 : rc);
    }
    // Also from the parent, so a signal sent right after fork finds the group.
    (void)setpgid(pid, pid);
    return pid;
}

int buildchild_describe(int status, char *buf, size_t len)
{
    if (WIFEXITED(status)) {
        if (WEXITSTATUS(status) == 0) {
            snprintf(buf, len, "ok");
            return 1;
        }
        snprintf(buf, len, "failed with status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char *why = sig == SIGXCPU                     ? "CPU time limit reached"
                          : sig == SIGXFSZ                   ? "file size limit reached"
                          : sig == SIGTERM || sig == SIGKILL ? "stopped"
                                                             : "crashed";
        snprintf(buf, len, "%s: signal %d (%s)", why, sig, strsignal(sig));
    } else {
        snprintf(buf, len, "unknown wait status %d", status);
    }
    return 0;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

void buildchild_stop(pid_t pid, unsigned grace_ms, int *status)
{
    int st = 0;
    (void)kill(-pid, SIGTERM);
    for (unsigned waited = 0;; waited += 10) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) {
            break;
        }
        if (waited >= grace_ms) {
            (void)kill(-pid, SIGKILL);
            (void)waitpid(pid, &st, 0);
            break;
        }
        sleep_ms(10);
    }
    if (status != NULL) {
        *status = st;
    }
}

static void critical_mask(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(how, &set, NULL);
}

void buildchild_critical_begin(void)
{
    critical_mask(SIG_BLOCK);
}

void buildchild_critical_end(void)
{
    critical_mask(SIG_UNBLOCK);
}

static size_t remove_temps_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash != NULL ? strndup(path, (size_t)(slash - path) + (slash == path)) : NULL;
    const char *base = slash != NULL ? slash + 1 : path;
    DIR *d = opendir(dir != NULL ? dir : ".");
    size_t removed = 0, blen = strlen(base);
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, base, blen) == 0 && strncmp(de->d_name + blen, ".tmp.", 5) == 0 &&
            unlinkat(dirfd(d), de->d_name, 0) == 0) {
            removed++;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    free(dir);
    return removed;
}

size_t buildchild_remove_temps(const char *const *paths, size_t count)
{
    size_t removed = 0;
    for (size_t i = 0; i < count; i++) {
        removed += remove_temps_of(paths[i]);
    }
    return removed;
}
