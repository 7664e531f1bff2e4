// The manifest's text and its @include files; see manifest_include.h.
#define _POSIX_C_SOURCE 200809L
#include "manifest_include.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitcodes.h"
#include "fileio.h"

#define INCLUDE_DEPTH 10 // libconfig's own limit
#define INCLUDE_MAX   (1u << 20)

static int scan(struct mf_includes *inc, const char *file, const char *text, const char *dir,
                int depth, char *why, size_t why_len);

// The quoted file name after `@include` (libconfig's escapes: \\ and \"),
// or NULL when `p` does not start an include line.
static char *include_name(const char *p)
{
    p += strspn(p, " \t");
    if (strncmp(p, "@include", 8) != 0 || (p[8] != ' ' && p[8] != '\t')) {
        return NULL;
    }
    p += 8 + strspn(p + 8, " \t");
    if (*p != '"') {
        return NULL;
    }
    char *name = malloc(strcspn(p, "\n") + 1);
    size_t n = 0;
    for (p++; name != NULL && *p != '"'; p++) {
        if (*p == '\0' || *p == '\n') {
            free(name);
            return NULL; // unterminated: libconfig reports it
        }
        if (*p == '\\' && (p[1] == '\\' || p[1] == '"')) {
            p++;
        }
        name[n++] = *p;
    }
    if (name != NULL) {
        name[n] = '\0';
    }
    return name;
}

static int add(struct mf_includes *inc, const char *file, int line, char *path, int missing)
{
    struct mf_include *grown = realloc(inc->list, (inc->count + 1) * sizeof(*grown));
    char *from = strdup(file);
    if (grown == NULL || from == NULL) {
        free(from);
        free(path);
        if (grown != NULL) {
            inc->list = grown;
        }
        return -1;
    }
    inc->list = grown;
    inc->list[inc->count++] = (struct mf_include){from, line, path, missing};
    return 0;
}

// Checks (and scans) the file included on `line` of `file`.
static int check_one(struct mf_includes *inc, const char *file, int line, char *path,
                     const char *dir, int depth, char *why, size_t why_len)
{
    struct stat st;
    int missing = stat(path, &st) != 0 ? errno : 0;
    if (add(inc, file, line, path, missing) != 0) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    if (missing != 0 || depth >= INCLUDE_DEPTH) {
        return 0; // libconfig reports these (and names the file, manifest_include_at)
    }
    uint8_t *text = NULL;
    size_t len = 0;
    char reason[1024];
    int rc = file_read(path, INCLUDE_MAX, &text, &len, NULL, reason, sizeof(reason));
    if (rc != 0) {
        snprintf(why, why_len, "%s:%d: @include: %s", file, line, reason);
        return rc == EXIT_DATAERR ? EXIT_CONFIG : rc; // too large for a manifest
    }
    rc = scan(inc, path, (const char *)text, dir, depth + 1, why, why_len);
    free(text);
    return rc;
}

static int scan(struct mf_includes *inc, const char *file, const char *text, const char *dir,
                int depth, char *why, size_t why_len)
{
    int line = 1;
    for (const char *p = text; *p != '\0'; line++) {
        char *name = include_name(p);
        if (name != NULL) {
            char *path = file_join(dir, name);
            free(name);
            if (path == NULL) {
                snprintf(why, why_len, "out of memory");
                return EXIT_SOFTWARE;
            }
            int rc = check_one(inc, file, line, path, dir, depth, why, why_len);
            if (rc != 0) {
                return rc;
            }
        }
        const char *nl = strchr(p, '\n');
        p = nl != NULL ? nl + 1 : p + strlen(p);
    }
    return 0;
}

int manifest_include_read(const char *path, const char *dir, char **text, struct mf_includes *inc,
                          char *why, size_t why_len)
{
    *text = NULL;
    inc->list = NULL;
    inc->count = 0;
    uint8_t *data = NULL;
    size_t len = 0;
    int rc = file_read(path, INCLUDE_MAX, &data, &len, NULL, why, why_len);
    if (rc != 0) {
        size_t n = strlen(why);
        snprintf(why + n, why_len - n, " (manifest)");
        return rc;
    }
    if (memchr(data, '\0', len) != NULL) {
        snprintf(why, why_len, "%s: holds a NUL byte; not a text file", path);
        free(data);
        return EXIT_CONFIG;
    }
    rc = scan(inc, path, (const char *)data, dir, 0, why, why_len);
    if (rc != 0) {
        manifest_include_finish(inc);
        free(data);
        return rc;
    }
    *text = (char *)data;
    return 0;
}

const struct mf_include *manifest_include_at(const struct mf_includes *inc, const char *file,
                                             int line)
{
    for (size_t i = 0; i < inc->count; i++) {
        const struct mf_include *x = &inc->list[i];
        if (x->line == line && strcmp(x->from, file) == 0) {
            return x;
        }
    }
    return NULL;
}

void manifest_include_finish(struct mf_includes *inc)
{
    for (size_t i = 0; i < inc->count; i++) {
        free(inc->list[i].from);
        free(inc->list[i].path);
    }
    free(inc->list);
    inc->list = NULL;
    inc->count = 0;
}
