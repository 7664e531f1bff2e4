// Debounce state machine against a fake clock.
#include <stdio.h>

#include "../common/check.h"

#include "debounce.h"

static void test_debounce_idle_never_builds(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    CHECK(debounce_deadline(&d) == UINT64_MAX);
    CHECK(debounce_poll(&d, 1000000, 0) == 0);
}

static void test_debounce_builds_after_quiet_period(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    debounce_change(&d, 1000);
    debounce_change(&d, 1050);
    CHECK(debounce_deadline(&d) == 1150);
    CHECK(debounce_poll(&d, 1149, 0) == 0);
    CHECK(debounce_poll(&d, 1150, 0) == 1);
    CHECK(debounce_poll(&d, 1300, 0) == 0); // consumed
}

static void test_debounce_cap_bounds_a_stream(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    int builds = 0;
    // A save every 50 ms for 5 s: never quiet, so only the cap fires.
    for (uint64_t t = 0; t <= 5000; t += 10) {
        if (t % 50 == 0) {
            debounce_change(&d, t);
        }
        if (debounce_poll(&d, t, 0)) {
            builds++;
            CHECK(t == 2000 || t == 4050);
            debounce_done(&d);
        }
    }
    CHECK(builds == 2);
    CHECK(debounce_deadline(&d) == 5000 + 100);
}

static void test_debounce_queues_one_follow_up(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    debounce_change(&d, 0);
    CHECK(debounce_poll(&d, 100, 0) == 1);
    for (uint64_t t = 110; t < 500; t += 7) {
        debounce_change(&d, t); // while building
        CHECK(debounce_poll(&d, t, 0) == 0);
    }
    CHECK(debounce_deadline(&d) == UINT64_MAX);
    debounce_done(&d);
    CHECK(debounce_poll(&d, 800, 0) == 1); // exactly one follow-up
    debounce_done(&d);
    CHECK(debounce_poll(&d, 5000, 0) == 0);
}

static void test_debounce_no_follow_up_without_changes(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    debounce_change(&d, 0);
    CHECK(debounce_poll(&d, 100, 0) == 1);
    debounce_done(&d);
    CHECK(debounce_poll(&d, 10000, 0) == 0);
}

static void test_debounce_hold_delays(void)
{
    struct debounce d;
    debounce_init(&d, 100, 2000);
    debounce_change(&d, 0);
    CHECK(debounce_poll(&d, 500, 1) == 0);
    CHECK(debounce_poll(&d, 3000, 1) == 0);
    CHECK(debounce_poll(&d, 3001, 0) == 1);
}

int main(void)
{
    test_debounce_idle_never_builds();
    test_debounce_builds_after_quiet_period();
    test_debounce_cap_bounds_a_stream();
    test_debounce_queues_one_follow_up();
    test_debounce_no_follow_up_without_changes();
    test_debounce_hold_delays();
    return check_status();
}
