// Debounce state machine; see debounce.h.
#include "debounce.h"

void debounce_init(struct debounce *d, uint64_t quiet_ms, uint64_t cap_ms)
{
    *d = (struct debounce){quiet_ms, cap_ms, 0, 0, 0, 0};
}

void debounce_change(struct debounce *d, uint64_t now)
{
    if (!d->dirty) {
        d->dirty = 1;
        d->first_ms = now;
    }
    d->last_ms = now;
}

uint64_t debounce_deadline(const struct debounce *d)
{
    if (!d->dirty || d->building) {
        return UINT64_MAX;
    }
    uint64_t quiet = d->last_ms + d->quiet_ms;
    uint64_t cap = d->first_ms + d->cap_ms;
    return quiet < cap ? quiet : cap;
}

int debounce_poll(struct debounce *d, uint64_t now, int hold)
{
    if (hold || now < debounce_deadline(d)) {
        return 0; // UINT64_MAX when idle or building
    }
    d->dirty = 0;
    d->building = 1;
    return 1;
}

void debounce_done(struct debounce *d)
{
    d->building = 0;
}
