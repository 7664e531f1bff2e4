// rasterd: when to build, as a pure state machine over a caller-supplied
// millisecond clock (no I/O, no timers), so it is unit-testable with a fake
// clock.
//
// A build starts once changes have been quiet for `quiet_ms`, but no later
// than `cap_ms` after the first change of the batch, so a steady stream of
// saves still produces builds. While a build runs, further changes queue
// exactly one follow-up build (never a kill: a build is not interrupted
// half-way through signing). A caller may hold builds back (a deleted input
// in its grace period); holding only delays.
#ifndef RASTERD_DEBOUNCE_H
#define RASTERD_DEBOUNCE_H

#include <stdint.h>

#define DEBOUNCE_QUIET_MS 100
#define DEBOUNCE_CAP_MS   2000

struct debounce {
    uint64_t quiet_ms;
    uint64_t cap_ms;
    int dirty;         // changes not yet handed to a build
    int building;      // a build is running
    uint64_t first_ms; // first change of the pending batch
    uint64_t last_ms;  // latest change of the pending batch
};

void debounce_init(struct debounce *d, uint64_t quiet_ms, uint64_t cap_ms);

// A relevant change happened at `now`.
void debounce_change(struct debounce *d, uint64_t now);

// When debounce_poll should next be called, or UINT64_MAX (nothing pending,
// or a build is running: debounce_done re-arms).
uint64_t debounce_deadline(const struct debounce *d);

// Returns 1 if a build should start now (the state becomes "building" and the
// batch is consumed), else 0. `hold` nonzero defers the start.
int debounce_poll(struct debounce *d, uint64_t now, int hold);

// The running build finished (success or not).
void debounce_done(struct debounce *d);

#endif
