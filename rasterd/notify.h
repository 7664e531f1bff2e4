// rasterd: service manager notifications for watch mode (sd_notify(3)) when
// built with libsystemd (meson option -Dsystemd=enabled|auto); no-ops
// otherwise. Only the daemon's main process sends them (NotifyAccess=main).
#ifndef RASTERD_NOTIFY_H
#define RASTERD_NOTIFY_H

// READY=1 plus STATUS=<status>: after the first build.
void notify_ready(const char *status);
// STATUS=<status>: one line for `systemctl status`.
void notify_status(const char *status);
// RELOADING=1 (with MONOTONIC_USEC=, as systemd 253+ wants); READY=1 follows
// from the next notify_ready.
void notify_reloading(void);
// STOPPING=1.
void notify_stopping(void);

#endif
