// The table of output files; see manifest_outputs.h.
#define _POSIX_C_SOURCE 200809L
#include "manifest_outputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/sink.h"
#include "manifest_parse.h"

// One line per file a build can write: the key naming it, where the manifest
// keeps that name, and the role ("header": the name with ".h" instead of its
// extension). New output groups add their lines here.
static const struct {
    const char *key;
    size_t field; // offsetof a `char *` of struct manifest
    const char *role;
} outputs[] = {
    {"output.bundle", offsetof(struct manifest, output.bundle), ""},
    {"output.c_header", offsetof(struct manifest, output.c_header), ""},
    {"output.python", offsetof(struct manifest, output.python), ""},
    {"frozen.c", offsetof(struct manifest, frozen.c), ""},
    {"frozen.c", offsetof(struct manifest, frozen.c), "header"},
    {"frozen.asm", offsetof(struct manifest, frozen.asm_src), ""},
    {"frozen.asm", offsetof(struct manifest, frozen.asm_src), "header"},
    {"frozen.python", offsetof(struct manifest, frozen.python), ""},
    {"frozen.manifest", offsetof(struct manifest, frozen.manifest), ""},
    {"dfu.file", offsetof(struct manifest, dfu.file), ""},
    {"romfs.file", offsetof(struct manifest, romfs.file), ""},
};

_Static_assert(sizeof(outputs) / sizeof(outputs[0]) <= MF_OUTPUTS_MAX, "raise MF_OUTPUTS_MAX");

char *manifest_output_header(const char *file)
{
    const char *dot = strrchr(file, '.');
    size_t base = dot != NULL && dot != file ? (size_t)(dot - file) : strlen(file);
    char *h = malloc(base + 3);
    if (h != NULL) {
        memcpy(h, file, base);
        memcpy(h + base, ".h", 3);
    }
    return h;
}

int manifest_outputs_list(const struct manifest *m, struct mf_outputs *o)
{
    memset(o, 0, sizeof(*o));
    for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
        const char *name = *(char *const *)(const void *)((const char *)m + outputs[i].field);
        if (name == NULL) {
            continue;
        }
        struct mf_output *f = &o->file[o->count];
        f->key = outputs[i].key;
        f->role = outputs[i].role;
        f->name = f->role[0] != '\0' ? manifest_output_header(name) : strdup(name);
        if (f->name == NULL) {
            manifest_outputs_finish(o);
            return -1;
        }
        o->count++;
    }
    return 0;
}

void manifest_outputs_finish(struct mf_outputs *o)
{
    for (size_t i = 0; i < o->count; i++) {
        free(o->file[i].name);
    }
    o->count = 0;
}

const char *manifest_output_problem(const struct mf_output *f)
{
    const char *n = f->name;
    if (n[0] == '\0' || strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || strchr(n, '/') != NULL) {
        return "must be a file name inside output.dir (not '.' or '..', without '/')";
    }
    for (const char *p = n; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            return "must not hold control characters";
        }
    }
    if (strcmp(f->key, "frozen.c") == 0 && strcmp(f->role, "header") == 0 &&
        !fmt_c_include_name_valid(n)) {
        return "cannot be written in #include \"...\" (a quote, a backslash or a non-ASCII "
               "character)";
    }
    return NULL;
}

// The setting that names output `key` ("frozen.c"), else its group, else
// the root: where a message about it points.
static const config_setting_t *output_setting(const config_setting_t *root, const char *key)
{
    const config_setting_t *s = config_setting_lookup((config_setting_t *)root, key);
    if (s == NULL) {
        char group[32];
        snprintf(group, sizeof(group), "%.*s", (int)strcspn(key, "."), key);
        s = config_setting_get_member(root, group);
    }
    return s != NULL ? s : root;
}

// "frozen.asm: its header 'x.h'", or "'x.h'" when the message already
// points at the key, or "output.c_header 'assets.h' (the default)".
static void output_what(const struct mf_output *f, const config_setting_t *at, char *buf,
                        size_t len)
{
    const char *name = config_setting_name(at);
    int named = name != NULL && strcmp(name, strchr(f->key, '.') + 1) == 0;
    snprintf(buf, len, "%s%s%s'%s'%s", named ? "" : f->key, named ? "" : " ",
             f->role[0] != '\0' ? "its header " : "", f->name, named ? "" : " (the default)");
}

// Every output name is a plain file name, and no two outputs share one
// (manifest_outputs.h): they would overwrite each other in output.dir.
int manifest_check_outputs(struct mctx *c, const config_setting_t *root)
{
    struct mf_outputs o;
    if (manifest_outputs_list(c->m, &o) != 0) {
        return manifest_fail(c, root, "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o.count; i++) {
        const struct mf_output *f = &o.file[i];
        const config_setting_t *at = output_setting(root, f->key);
        char what[600];
        output_what(f, at, what, sizeof(what));
        const char *problem = manifest_output_problem(f);
        if (problem != NULL) {
            rc = manifest_fail(c, at, "%s %s", what, problem);
        }
        for (size_t j = 0; rc == 0 && j < i; j++) {
            const struct mf_output *g = &o.file[j];
            if (strcasecmp(g->name, f->name) == 0) {
                rc = manifest_fail(
                    c, at, "%s is also written for %s%s (line %u); give each output its own name",
                    what, g->key, g->role[0] != '\0' ? " (its header)" : "",
                    config_setting_source_line(output_setting(root, g->key)));
            }
        }
    }
    manifest_outputs_finish(&o);
    return rc;
}
