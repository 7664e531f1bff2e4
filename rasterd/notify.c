// sd_notify wrappers; see notify.h. The one optional-feature #if.
#define _POSIX_C_SOURCE 200809L
#include "notify.h"

#if defined(HAVE_LIBSYSTEMD) && HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#include <time.h>

void notify_ready(const char *status)
{
    (void)sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void notify_status(const char *status)
{
    (void)sd_notifyf(0, "STATUS=%s", status);
}

void notify_reloading(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    unsigned long long usec =
        (unsigned long long)ts.tv_sec * 1000000ull + (unsigned long long)ts.tv_nsec / 1000ull;
    (void)sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu", usec);
}

void notify_stopping(void)
{
    (void)sd_notify(0, "STOPPING=1");
}
#else
void notify_ready(const char *status)
{
    (void)status;
}

void notify_status(const char *status)
{
    (void)status;
}

void notify_reloading(void)
{
}

void notify_stopping(void)
{
}
#endif
