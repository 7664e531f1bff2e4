// rasterd: the log of watch mode. Human lines (stderr by default) or, with
// --json, one JSON object per line (JSON Lines, stdout by default):
//   {"event":"build_started","build":N,"all":BOOL,"changed":[PATH...]}
//   {"event":"build_finished","build":N,"duration_ms":MS,"changed":[...],
//    "summary":STR,"outputs":[PATH...]}
//   {"event":"build_failed","build":N,"duration_ms":MS,"changed":[...],
//    "status":STR,"file":STR,"reason":STR}
//   {"event":"changed"|"missing","path":PATH}, {"event":"rescan"},
//   {"event":"root_gone"}, {"event":"root_back"},
//   {"event":"warning","path":PATH,"reason":STR},
//   {"event":"reload","ok":BOOL}, {"event":"stopping"}, {"event":"error","reason":STR}
// Human mode prints one line per build (duration and what changed); -v adds
// watcher events and build starts, -q keeps only failures and errors.
#ifndef RASTERD_WATCHLOG_H
#define RASTERD_WATCHLOG_H

#include <stdio.h>

#include "loop.h"

struct watchlog {
    FILE *out;
    int json;
    int verbosity;      // -1 quiet, 0 normal, 1 verbose
    char changed[1024]; // what the running build was started for (human text)
    char *changed_json; // the same as a JSON array (malloc'ed)
};

void watchlog_init(struct watchlog *wl, FILE *out, int json, int verbosity);
void watchlog_finish(struct watchlog *wl);
void watchlog_report(struct watchlog *wl, const struct loop_report *r);

#endif
