// The table of output files; see manifest_outputs.h.
#define _POSIX_C_SOURCE 200809L
#include "manifest_outputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sink.h"

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
