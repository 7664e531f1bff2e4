// Build child: exit statuses, crash and limit reporting, temp cleanup.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/check.h"

#include "buildchild.h"

static int run(const struct buildchild_limits *lim, int (*fn)(void *), char *detail, size_t len)
{
    char why[256];
    pid_t pid = buildchild_start(lim, fn, NULL, why, sizeof(why));
    if (pid < 0) {
        snprintf(detail, len, "%s", why);
        return -1;
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    return buildchild_describe(st, detail, len);
}

static int ok_fn(void *ctx)
{
    (void)ctx;
    return 0;
}

static int fail_fn(void *ctx)
{
    (void)ctx;
    return 3;
}

static int crash_fn(void *ctx)
{
    (void)ctx;
    signal(SIGSEGV, SIG_DFL);
    raise(SIGSEGV);
    return 0;
}

static int spin_fn(void *ctx)
{
    (void)ctx;
    for (volatile unsigned long i = 0;; i++) {
    }
    return 0;
}

static int mask_fn(void *ctx)
{
    (void)ctx;
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    return sigismember(&cur, SIGTERM) || sigismember(&cur, SIGCHLD) ? 4 : 0;
}

static void test_buildchild_reports_status_and_signals(void)
{
    struct buildchild_limits lim;
    buildchild_default_limits(&lim);
    char d[256];
    CHECK(run(&lim, ok_fn, d, sizeof(d)) == 1 && strcmp(d, "ok") == 0);
    CHECK(run(&lim, fail_fn, d, sizeof(d)) == 0 && strcmp(d, "failed with status 3") == 0);
    CHECK(run(&lim, crash_fn, d, sizeof(d)) == 0 && strstr(d, "crashed: signal 11") != NULL);
}

static void test_buildchild_unblocks_signals(void)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, &old);
    struct buildchild_limits lim;
    buildchild_default_limits(&lim);
    char d[256];
    CHECK(run(&lim, mask_fn, d, sizeof(d)) == 1);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_buildchild_cpu_limit(void)
{
    struct buildchild_limits lim = {0, 1, 0};
    char d[256];
    CHECK(run(&lim, spin_fn, d, sizeof(d)) == 0 && strstr(d, "CPU time limit") != NULL);
}

static void test_buildchild_stop_and_temps(void)
{
    char dir[] = "buildchild-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char out[64], tmp1[80], tmp2[80], other[80];
    snprintf(out, sizeof(out), "%s/a.bin", dir);
    snprintf(tmp1, sizeof(tmp1), "%s.tmp.abc123", out);
    snprintf(tmp2, sizeof(tmp2), "%s.tmp.zzz", out);
    snprintf(other, sizeof(other), "%s/a.binx.tmp.1", dir);
    const char *files[] = {out, tmp1, tmp2, other};
    for (size_t i = 0; i < 4; i++) {
        FILE *f = fopen(files[i], "w");
        CHECK(f != NULL);
        if (f != NULL) {
            fclose(f);
        }
    }
    const char *outs[] = {out};
    CHECK(buildchild_remove_temps(outs, 1) == 2);
    CHECK(access(out, F_OK) == 0 && access(other, F_OK) == 0 && access(tmp1, F_OK) != 0);
    unlink(out);
    unlink(other);
    rmdir(dir);

    struct buildchild_limits lim;
    buildchild_default_limits(&lim);
    char why[256], d[256];
    pid_t pid = buildchild_start(&lim, spin_fn, NULL, why, sizeof(why));
    CHECK(pid > 0);
    int st = 0;
    buildchild_stop(pid, 2000, &st);
    CHECK(buildchild_describe(st, d, sizeof(d)) == 0 && strstr(d, "stopped: signal 15") != NULL);
}

int main(void)
{
    test_buildchild_reports_status_and_signals();
    test_buildchild_unblocks_signals();
    test_buildchild_cpu_limit();
    test_buildchild_stop_and_temps();
    return check_status();
}
