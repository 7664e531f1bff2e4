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
// keeps that name, and the role (MF_OUTPUT_HEADER: the name with ".h" for
// its extension). New output groups add their lines here; outputs named
// after a list's entries (the LVGL fonts) are added by manifest_outputs_list.
static const struct {
    const char *key;
    size_t field; // offsetof a `char *` of struct manifest
    enum mf_output_role role;
} outputs[] = {
    {"output.bundle", offsetof(struct manifest, output.bundle), MF_OUTPUT_FILE},
    {"output.c_header", offsetof(struct manifest, output.c_header), MF_OUTPUT_FILE},
    {"output.python", offsetof(struct manifest, output.python), MF_OUTPUT_FILE},
    {"frozen.c", offsetof(struct manifest, frozen.c), MF_OUTPUT_FILE},
    {"frozen.c", offsetof(struct manifest, frozen.c), MF_OUTPUT_HEADER},
    {"frozen.asm", offsetof(struct manifest, frozen.asm_src), MF_OUTPUT_FILE},
    {"frozen.asm", offsetof(struct manifest, frozen.asm_src), MF_OUTPUT_HEADER},
    {"frozen.python", offsetof(struct manifest, frozen.python), MF_OUTPUT_FILE},
    {"frozen.manifest", offsetof(struct manifest, frozen.manifest), MF_OUTPUT_FILE},
    {"dfu.file", offsetof(struct manifest, dfu.file), MF_OUTPUT_FILE},
    {"romfs.file", offsetof(struct manifest, romfs.file), MF_OUTPUT_FILE},
    {"lvgl.header", offsetof(struct manifest, lvgl.header), MF_OUTPUT_FILE},
};

#define NFIXED (sizeof(outputs) / sizeof(outputs[0]))

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

// Appends one output; -1 when out of memory.
static int add(struct mf_outputs *o, const char *key, enum mf_output_role role, char *name)
{
    struct mf_output *f = &o->file[o->count];
    snprintf(f->key, sizeof(f->key), "%s", key);
    f->role = role;
    f->name = name;
    o->count += name != NULL;
    return name != NULL ? 0 : -1;
}

// Appends <symbol>.c, and <symbol>.bin with `binary`, for key `key`.
static int add_named(struct mf_outputs *o, const char *key, const char *symbol, int binary)
{
    int rc = 0;
    for (int bin = 0; bin <= (binary != 0) && rc == 0; bin++) {
        size_t len = strlen(symbol) + sizeof(".bin");
        char *name = malloc(len);
        if (name != NULL) {
            snprintf(name, len, "%s%s", symbol, bin ? ".bin" : ".c");
        }
        rc = add(o, key, MF_OUTPUT_NAMED, name);
    }
    return rc;
}

// Each LVGL font and image writes <name>.c, and <name>.bin with `binary`.
static int add_lvgl(const struct manifest *m, struct mf_outputs *o)
{
    int rc = 0;
    char key[40];
    for (size_t i = 0; i < m->lvgl.nfonts && rc == 0; i++) {
        snprintf(key, sizeof(key), "lvgl.fonts[%zu].name", i);
        rc = add_named(o, key, m->lvgl.fonts[i].symbol, m->lvgl.fonts[i].binary);
    }
    for (size_t i = 0; i < m->lvgl.nimages && rc == 0; i++) {
        snprintf(key, sizeof(key), "lvgl.images[%zu].name", i);
        rc = add_named(o, key, m->lvgl.images[i].symbol, m->lvgl.images[i].binary);
    }
    return rc;
}

int manifest_outputs_list(const struct manifest *m, struct mf_outputs *o)
{
    o->count = 0;
    o->file = calloc(NFIXED + 2 * (m->lvgl.nfonts + m->lvgl.nimages), sizeof(*o->file));
    int rc = o->file != NULL ? 0 : -1;
    for (size_t i = 0; i < NFIXED && rc == 0; i++) {
        const char *name = *(char *const *)(const void *)((const char *)m + outputs[i].field);
        if (name != NULL) {
            int header = outputs[i].role == MF_OUTPUT_HEADER;
            rc = add(o, outputs[i].key, outputs[i].role,
                     header ? manifest_output_header(name) : strdup(name));
        }
    }
    rc = rc ? rc : add_lvgl(m, o);
    if (rc != 0) {
        manifest_outputs_finish(o);
    }
    return rc;
}

void manifest_outputs_finish(struct mf_outputs *o)
{
    for (size_t i = 0; i < o->count; i++) {
        free(o->file[i].name);
    }
    free(o->file);
    o->file = NULL;
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
    // Headers that generated C names in #include "...".
    int included = (strcmp(f->key, "frozen.c") == 0 && f->role == MF_OUTPUT_HEADER) ||
                   strcmp(f->key, "lvgl.header") == 0;
    if (included && !fmt_c_include_name_valid(n)) {
        return "cannot be written in #include \"...\" (a quote, a backslash or a non-ASCII "
               "character)";
    }
    return NULL;
}

// The setting that names output `key` ("frozen.c", "lvgl.images[2].name"),
// else its group, else the root: where a message about it points.
static const config_setting_t *output_setting(const config_setting_t *root, const char *key)
{
    const config_setting_t *s = NULL;
    size_t i;
    char list[8];
    if (sscanf(key, "lvgl.%7[a-z][%zu]", list, &i) == 2) {
        const config_setting_t *g = config_setting_get_member(root, "lvgl");
        g = g != NULL ? config_setting_get_member(g, list) : NULL;
        g = g != NULL ? config_setting_get_elem(g, (unsigned)i) : NULL;
        s = g != NULL ? config_setting_get_member(g, "name") : NULL;
    } else {
        s = config_setting_lookup((config_setting_t *)root, key);
    }
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
    int named = name != NULL && strcmp(name, strrchr(f->key, '.') + 1) == 0;
    snprintf(buf, len, "%s%s%s'%s'%s", named ? "" : f->key, named ? "" : " ",
             f->role == MF_OUTPUT_HEADER  ? "its header "
             : f->role == MF_OUTPUT_NAMED ? "its file "
                                          : "",
             f->name, named ? "" : " (the default)");
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
                    what, g->key, g->role == MF_OUTPUT_HEADER ? " (its header)" : "",
                    config_setting_source_line(output_setting(root, g->key)));
            }
        }
    }
    manifest_outputs_finish(&o);
    return rc;
}
