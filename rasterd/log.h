// rasterd: messages to stderr, one line each, prefixed with the program name.
// Only the programs print; libraries pass causes back as strings.
#ifndef RASTERD_LOG_H
#define RASTERD_LOG_H

__attribute__((format(printf, 1, 2))) void log_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void log_warn(const char *fmt, ...);
// Suppressed by log_quiet.
__attribute__((format(printf, 1, 2))) void log_info(const char *fmt, ...);

extern int log_quiet;

#endif
