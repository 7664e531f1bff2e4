// Watch-mode log lines (human or JSON Lines); see watchlog.h.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "formats/sink.h"
#include "watchlog.h"

void watchlog_init(struct watchlog *wl, FILE *out, int json, int verbosity)
{
    memset(wl, 0, sizeof(*wl));
    wl->out = out;
    wl->json = json;
    wl->verbosity = verbosity;
}

void watchlog_finish(struct watchlog *wl)
{
    free(wl->changed_json);
    wl->changed_json = NULL;
}

static void remember_changes(struct watchlog *wl, const struct loop_changes *ch)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    fmt_sink_puts(&mb.sink, "[");
    size_t n = 0;
    wl->changed[0] = '\0';
    for (size_t i = 0; i < ch->count; i++) {
        fmt_sink_puts(&mb.sink, i ? "," : "");
        fmt_sink_json_string(&mb.sink, ch->paths[i]);
        if (n < sizeof(wl->changed)) {
            n += (size_t)snprintf(wl->changed + n, sizeof(wl->changed) - n, "%s%s", i ? ", " : "",
                                  ch->paths[i]);
        }
    }
    if (ch->all) {
        snprintf(wl->changed, sizeof(wl->changed), "full build");
    } else if (ch->count == 0) {
        snprintf(wl->changed, sizeof(wl->changed), "no change");
    }
    fmt_sink_puts(&mb.sink, "]");
    fmt_sink_write(&mb.sink, "", 1);
    free(wl->changed_json);
    wl->changed_json = fmt_sink_status(&mb.sink) == 0 ? strdup((const char *)mb.data) : NULL;
    fmt_membuf_finish(&mb);
}

static void json_kv(struct fmt_sink *s, const char *key, const char *value)
{
    fmt_sink_printf(s, ",\"%s\":", key);
    fmt_sink_json_string(s, value != NULL ? value : "");
}

static void json_lines_array(struct fmt_sink *s, const char *key, const char *lines)
{
    fmt_sink_printf(s, ",\"%s\":[", key);
    const char *p = lines;
    for (int first = 1; *p != '\0'; first = 0) {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char *one = strndup(p, n);
        fmt_sink_puts(s, first ? "" : ",");
        fmt_sink_json_string(s, one != NULL ? one : "");
        free(one);
        p += n + (nl != NULL);
    }
    fmt_sink_puts(s, "]");
}

static void json_build_done(struct watchlog *wl, struct fmt_sink *s, const struct loop_report *r)
{
    const struct loop_result *res = r->result;
    fmt_sink_printf(s, "{\"event\":\"%s\",\"build\":%u,\"duration_ms\":%llu,\"changed\":%s",
                    r->ok ? "build_finished" : "build_failed", r->build_id,
                    (unsigned long long)r->duration_ms,
                    wl->changed_json != NULL ? wl->changed_json : "[]");
    if (r->ok) {
        json_kv(s, "summary", res != NULL ? res->reason : "");
        json_lines_array(s, "outputs", res != NULL ? res->outputs : "");
    } else {
        json_kv(s, "status", r->detail);
        json_kv(s, "file", res != NULL ? res->file : "");
        json_kv(s, "reason", res != NULL && res->reason[0] ? res->reason : r->detail);
    }
    fmt_sink_puts(s, "}");
}

static void json_watch(struct fmt_sink *s, const struct watch_event *ev)
{
    static const char *names[] = {"changed",   "missing",   "rescan",
                                  "root_gone", "root_back", "warning"};
    fmt_sink_printf(s, "{\"event\":\"%s\"", names[ev->kind]);
    if (ev->kind == WATCH_CHANGED || ev->kind == WATCH_MISSING || ev->kind == WATCH_WARNING) {
        json_kv(s, "path", ev->path);
    }
    if (ev->kind == WATCH_WARNING) {
        json_kv(s, "reason", ev->detail);
    }
    fmt_sink_puts(s, "}");
}

static void json_report(struct watchlog *wl, const struct loop_report *r)
{
    struct fmt_membuf mb;
    fmt_membuf_init(&mb);
    struct fmt_sink *s = &mb.sink;
    switch (r->kind) {
    case LOOP_WATCH:
        json_watch(s, r->watch);
        break;
    case LOOP_BUILD_START:
        fmt_sink_printf(s, "{\"event\":\"build_started\",\"build\":%u,\"all\":%s,\"changed\":%s}",
                        r->build_id, r->changes->all ? "true" : "false",
                        wl->changed_json != NULL ? wl->changed_json : "[]");
        break;
    case LOOP_BUILD_DONE:
        json_build_done(wl, s, r);
        break;
    case LOOP_RELOAD:
        fmt_sink_printf(s, "{\"event\":\"reload\",\"ok\":%s}", r->ok ? "true" : "false");
        break;
    case LOOP_STOPPING:
        fmt_sink_puts(s, "{\"event\":\"stopping\"}");
        break;
    case LOOP_ERROR:
        fmt_sink_puts(s, "{\"event\":\"error\"");
        json_kv(s, "reason", r->detail);
        fmt_sink_puts(s, "}");
        break;
    }
    if (fmt_sink_status(s) == 0) {
        fprintf(wl->out, "%.*s\n", (int)mb.len, (const char *)mb.data);
    }
    fmt_membuf_finish(&mb);
}

static void human_watch(struct watchlog *wl, const struct watch_event *ev)
{
    switch (ev->kind) {
    case WATCH_CHANGED:
    case WATCH_MISSING:
        if (wl->verbosity > 0) {
            fprintf(wl->out, "rasterd: %s: %s\n", ev->path,
                    ev->kind == WATCH_CHANGED ? "changed" : "missing");
        }
        break;
    case WATCH_WARNING:
        fprintf(wl->out, "rasterd: warning: %s: %s\n", ev->path[0] ? ev->path : ".", ev->detail);
        break;
    default:
        if (wl->verbosity >= 0) {
            fprintf(wl->out, "rasterd: %s\n", ev->detail);
        }
        break;
    }
}

static void human_build_done(struct watchlog *wl, const struct loop_report *r)
{
    const struct loop_result *res = r->result;
    if (r->ok) {
        if (wl->verbosity >= 0) {
            fprintf(wl->out, "rasterd: build %u ok in %llu ms (%s)%s%s\n", r->build_id,
                    (unsigned long long)r->duration_ms, wl->changed,
                    res != NULL && res->reason[0] ? ": " : "", res != NULL ? res->reason : "");
        }
        return;
    }
    const char *file = res != NULL && res->file[0] ? res->file : NULL;
    const char *why = res != NULL && res->reason[0] ? res->reason : r->detail;
    fprintf(wl->out,
            "rasterd: build %u failed after %llu ms (%s): %s%s%s%s%s; previous outputs kept\n",
            r->build_id, (unsigned long long)r->duration_ms, wl->changed, file ? file : "",
            file ? ": " : "", why, strcmp(why, r->detail) != 0 ? " - " : "",
            strcmp(why, r->detail) != 0 ? r->detail : "");
}

static void human_report(struct watchlog *wl, const struct loop_report *r)
{
    switch (r->kind) {
    case LOOP_WATCH:
        human_watch(wl, r->watch);
        break;
    case LOOP_BUILD_START:
        if (wl->verbosity > 0) {
            fprintf(wl->out, "rasterd: build %u started (%s)\n", r->build_id, wl->changed);
        }
        break;
    case LOOP_BUILD_DONE:
        human_build_done(wl, r);
        break;
    case LOOP_RELOAD:
        fprintf(wl->out, "rasterd: SIGHUP: %s\n", r->detail);
        break;
    case LOOP_STOPPING:
        if (wl->verbosity >= 0) {
            fprintf(wl->out, "rasterd: stopping%s\n",
                    r->build_id ? " (abandoning the running build)" : "");
        }
        break;
    case LOOP_ERROR:
        fprintf(wl->out, "rasterd: error: %s\n", r->detail);
        break;
    }
}

void watchlog_report(struct watchlog *wl, const struct loop_report *r)
{
    if (r->kind == LOOP_BUILD_START) {
        remember_changes(wl, r->changes);
    }
    if (wl->json) {
        json_report(wl, r);
    } else {
        human_report(wl, r);
    }
    fflush(wl->out);
}
