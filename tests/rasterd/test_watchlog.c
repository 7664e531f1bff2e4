// Watch-mode log lines: human and JSON, golden text.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"

#include "watchlog.h"

static void run(int json, int verbosity, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct watchlog wl;
    watchlog_init(&wl, f, json, verbosity);
    const char *paths[] = {"img/a\"b.png", "fonts/x.ttf"};
    struct loop_changes ch = {paths, 2, 0};
    struct watch_event ev = {WATCH_CHANGED, "img/a\"b.png", "written"};
    struct loop_result ok = {"", "2 assets rebuilt", "out/a.bin\nout/a.dfu"};
    struct loop_result bad = {"img/a\"b.png", "Read Error (truncated?)", ""};
    struct loop_report r[] = {
        {.kind = LOOP_WATCH, .watch = &ev},
        {.kind = LOOP_BUILD_START, .build_id = 2, .changes = &ch},
        {.kind = LOOP_BUILD_DONE,
         .build_id = 2,
         .ok = 1,
         .detail = "ok",
         .duration_ms = 42,
         .result = &ok},
        {.kind = LOOP_BUILD_START, .build_id = 3, .changes = &ch},
        {.kind = LOOP_BUILD_DONE,
         .build_id = 3,
         .detail = "failed with status 65",
         .duration_ms = 7,
         .result = &bad},
    };
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        watchlog_report(&wl, &r[i]);
    }
    watchlog_finish(&wl);
    fclose(f);
    if (strcmp(buf, want) != 0) {
        fprintf(stderr, "json=%d v=%d: got:\n%s\nwant:\n%s\n", json, verbosity, buf, want);
        check_failures++;
    }
    free(buf);
}

int main(void)
{
    run(0, 0,
        "rasterd: build 2 ok in 42 ms (img/a\"b.png, fonts/x.ttf): 2 assets rebuilt\n"
        "rasterd: build 3 failed after 7 ms (img/a\"b.png, fonts/x.ttf): img/a\"b.png: Read "
        "Error (truncated?) - failed with status 65; previous outputs kept\n");
    run(0, -1,
        "rasterd: build 3 failed after 7 ms (img/a\"b.png, fonts/x.ttf): img/a\"b.png: Read "
        "Error (truncated?) - failed with status 65; previous outputs kept\n");
    run(1, 0,
        "{\"event\":\"changed\",\"path\":\"img/a\\\"b.png\"}\n"
        "{\"event\":\"build_started\",\"build\":2,\"all\":false,\"changed\":[\"img/a\\\"b.png\","
        "\"fonts/x.ttf\"]}\n"
        "{\"event\":\"build_finished\",\"build\":2,\"duration_ms\":42,\"changed\":[\"img/"
        "a\\\"b.png\",\"fonts/x.ttf\"],\"summary\":\"2 assets rebuilt\",\"outputs\":[\"out/"
        "a.bin\",\"out/a.dfu\"]}\n"
        "{\"event\":\"build_started\",\"build\":3,\"all\":false,\"changed\":[\"img/a\\\"b.png\","
        "\"fonts/x.ttf\"]}\n"
        "{\"event\":\"build_failed\",\"build\":3,\"duration_ms\":7,\"changed\":[\"img/"
        "a\\\"b.png\",\"fonts/x.ttf\"],\"status\":\"failed with status 65\",\"file\":\"img/"
        "a\\\"b.png\",\"reason\":\"Read Error (truncated?)\"}\n");
    return check_status();
}
