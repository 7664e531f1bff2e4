// rasterd: the one logger of the host programs (rasterd and glyphpack).
// Messages go to stderr, one line each: "PROGRAM: error: ...", "PROGRAM:
// warning: ..." or "PROGRAM: ..."; result lines (glyphpack's "wrote ...",
// the image command's file list) go to stdout without a prefix. Messages
// quote file names, manifest strings and command-line text, which may hold
// anything: every byte that is not printable ASCII, a tab or part of a
// well-formed UTF-8 sequence of a printable character is written as \xNN, so
// nothing reaches the terminal as a control sequence. Only the programs
// print; libraries pass causes back as strings.
#ifndef RASTERD_LOG_H
#define RASTERD_LOG_H

// Names the program in every line ("rasterd" until called).
void log_init(const char *program);

__attribute__((format(printf, 1, 2))) void log_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void log_warn(const char *fmt, ...);
// Suppressed by log_quiet.
__attribute__((format(printf, 1, 2))) void log_info(const char *fmt, ...);
// A result line on stdout, no prefix; suppressed by log_quiet.
__attribute__((format(printf, 1, 2))) void log_out(const char *fmt, ...);

// 1: no info or result lines; 2: no errors either (watch mode's build
// child, whose parent reports the error in its own one-line summary).
extern int log_quiet;

#endif
