// The manifest's MicroPython deployment keys (issue 10, docs/manifest.md):
// the `romfs` group, and the checks of frozen.manifest and dfu.romfs that
// need more than one group. Names that end up inside the image or inside a
// generated manifest fragment are checked here, with the manifest line.
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcodes.h"
#include "fileio.h"
#include "formats/mpy_manifest.h"
#include "formats/romfs.h"
#include "manifest_parse.h"

static int add_output(struct mctx *c, const config_setting_t *s, const char *name)
{
    struct manifest *m = c->m;
    if (strchr(name, '/') != NULL || !fmt_romfs_path_valid(name)) {
        return manifest_fail(c, s, "'%s' is not an output file name that can be stored", name);
    }
    char **grown = realloc(m->romfs.outputs, (m->romfs.noutputs + 1) * sizeof(*grown));
    if (grown == NULL) {
        return manifest_fail(c, s, "out of memory");
    }
    m->romfs.outputs = grown;
    grown[m->romfs.noutputs] = strdup(name);
    if (grown[m->romfs.noutputs] == NULL) {
        return manifest_fail(c, s, "out of memory");
    }
    m->romfs.noutputs++;
    return 0;
}

// `outputs`: file names of this build's outputs, stored at the image root.
static int parse_outputs(struct mctx *c, const config_setting_t *g)
{
    const config_setting_t *a = config_setting_get_member(g, "outputs");
    if (a == NULL) {
        int rc = add_output(c, g, c->m->output.bundle);
        return rc ? rc : add_output(c, g, c->m->output.python);
    }
    if (config_setting_type(a) != CONFIG_TYPE_ARRAY) {
        return manifest_fail(c, a, "expected an array of output file names [\"assets.bin\"]");
    }
    for (int i = 0; i < config_setting_length(a); i++) {
        const config_setting_t *e = config_setting_get_elem(a, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            return manifest_fail(c, e, "expected a string, got %s",
                                 manifest_type_name(config_setting_type(e)));
        }
        int rc = add_output(c, e, config_setting_get_string(e));
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

// One element of `files`: "rel/path" (stored under that path) or
// { file = "..."; name = "path/in/image"; }.
static int parse_file(struct mctx *c, const config_setting_t *e, struct mf_romfs_file *f)
{
    static const char *const keys[] = {"file", "name", NULL};
    f->line = (int)config_setting_source_line(e);
    int rc;
    if (config_setting_type(e) == CONFIG_TYPE_STRING) {
        const char *rel = config_setting_get_string(e);
        if (!fmt_romfs_path_valid(rel)) {
            return manifest_fail(c, e,
                                 "'%s' cannot be a path inside the image (printable ASCII, "
                                 "relative, no '.' or '..'); write { file = \"%s\"; name = "
                                 "\"NAME\"; }",
                                 rel, rel);
        }
        f->path = file_join(c->m->dir, rel);
        f->name = strdup(rel);
        rc = f->path != NULL && f->name != NULL ? 0 : manifest_fail(c, e, "out of memory");
        return rc;
    }
    rc = manifest_check_keys(c, e, keys);
    rc = rc ? rc : manifest_get_path(c, e, "file", &f->path, 1);
    rc = rc ? rc : manifest_get_str(c, e, "name", &f->name, 1);
    if (rc == 0 && !fmt_romfs_path_valid(f->name)) {
        rc = manifest_fail(c, config_setting_get_member(e, "name"),
                           "'%s' cannot be a path inside the image (1..%u printable ASCII "
                           "characters, folders separated by single '/', no '.' or '..', "
                           "no '\\\\')",
                           f->name, FMT_ROMFS_PATH_MAX);
    }
    return rc;
}

static int parse_files(struct mctx *c, const config_setting_t *g)
{
    const config_setting_t *l = config_setting_get_member(g, "files");
    if (l == NULL) {
        return 0;
    }
    if (config_setting_type(l) != CONFIG_TYPE_LIST && config_setting_type(l) != CONFIG_TYPE_ARRAY) {
        return manifest_fail(c, l, "expected a list ( \"a.py\", { file = ...; name = ...; } )");
    }
    struct manifest *m = c->m;
    size_t n = (size_t)config_setting_length(l);
    m->romfs.files = calloc(n > 0 ? n : 1, sizeof(*m->romfs.files));
    if (m->romfs.files == NULL) {
        return manifest_fail(c, l, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        m->romfs.nfiles = i + 1;
        int rc = parse_file(c, config_setting_get_elem(l, (unsigned)i), &m->romfs.files[i]);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int parse_romfs(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"file",    "align", "address", "size",
                                       "outputs", "files", NULL};
    const config_setting_t *g = config_setting_get_member(root, "romfs");
    if (g == NULL) {
        return 0;
    }
    struct manifest *m = c->m;
    m->romfs.align = 4;
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : manifest_get_str(c, g, "file", &m->romfs.file, 0);
    if (rc == 0 && m->romfs.file == NULL) {
        m->romfs.file = strdup("assets.romfs");
        rc = m->romfs.file == NULL ? manifest_fail(c, g, "out of memory") : 0;
    }
    if (rc == 0 && strchr(m->romfs.file, '/') != NULL) {
        rc = manifest_fail(c, config_setting_get_member(g, "file"),
                           "must be a file name inside output.dir, without '/'");
    }
    rc = rc ? rc : manifest_get_pow2(c, g, "align", &m->romfs.align, 1, FMT_ROMFS_ALIGN_MAX);
    m->romfs.has_address = config_setting_get_member(g, "address") != NULL;
    rc = rc ? rc : manifest_get_u32(c, g, "address", &m->romfs.address, 0, UINT32_MAX, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "size", &m->romfs.size, 1, UINT32_MAX, 0);
    if (rc == 0 && m->romfs.has_address && m->romfs.address % m->romfs.align != 0) {
        rc = manifest_fail(c, config_setting_get_member(g, "address"),
                           "0x%08x is not a multiple of romfs.align (%u): file data would not be "
                           "aligned in memory",
                           (unsigned)m->romfs.address, (unsigned)m->romfs.align);
    }
    if (rc == 0 && (uint64_t)m->romfs.address + m->romfs.size > 0x100000000ull) {
        rc = manifest_fail(c, config_setting_get_member(g, "size"),
                           "address + size exceeds the 32-bit address space");
    }
    rc = rc ? rc : parse_outputs(c, g);
    rc = rc ? rc : parse_files(c, g);
    if (rc == 0 && m->romfs.noutputs == 0 && m->romfs.nfiles == 0) {
        rc = manifest_fail(c, g, "nothing to store: name some outputs or files");
    }
    return rc;
}

// frozen.manifest freezes frozen.python and output.python as modules.
static int check_frozen_manifest(struct mctx *c, const config_setting_t *root)
{
    const struct manifest *m = c->m;
    if (m->frozen.manifest == NULL) {
        return 0;
    }
    const config_setting_t *g = config_setting_get_member(root, "frozen");
    const config_setting_t *s = config_setting_get_member(g, "manifest");
    if (m->frozen.python == NULL) {
        return manifest_fail(c, s, "needs frozen.python (the bundle module it freezes)");
    }
    const char *names[] = {m->frozen.python, m->output.python};
    const char *keys[] = {"frozen.python", "output.python"};
    for (int i = 0; i < 2; i++) {
        if (!fmt_mpy_module_name_valid(names[i])) {
            return manifest_fail(c, s,
                                 "%s '%s' cannot be frozen as an importable module (NAME.py, "
                                 "NAME an identifier of at most 64 characters)",
                                 keys[i], names[i]);
        }
    }
    if (strcmp(m->frozen.python, m->output.python) == 0) {
        return manifest_fail(c, s, "frozen.python and output.python are the same file");
    }
    return 0;
}

// Same name as `name` with its extension replaced by ".h" (deploy_add's
// rule for the frozen C and .S headers)?
static int same_header(const char *source, const char *name)
{
    const char *dot = strrchr(source, '.');
    size_t base = dot != NULL ? (size_t)(dot - source) : strlen(source);
    return strncasecmp(source, name, base) == 0 && strcasecmp(name + base, ".h") == 0;
}

// The two outputs added here must not overwrite another output of the
// build. MERGE(h-sec): becomes two rows of manifest_outputs.h's table.
static int check_names(struct mctx *c, const config_setting_t *root)
{
    const struct manifest *m = c->m;
    const char *mine[] = {m->romfs.file, m->frozen.manifest};
    const char *my_keys[] = {"romfs.file", "frozen.manifest"};
    const char *other[] = {m->output.bundle,  m->output.c_header, m->output.python, m->frozen.c,
                           m->frozen.asm_src, m->frozen.python,   m->dfu.file,      m->romfs.file};
    for (int i = 0; i < 2; i++) {
        for (size_t k = 0; mine[i] != NULL && k < sizeof(other) / sizeof(other[0]); k++) {
            int clash = other[k] != NULL && other[k] != mine[i] &&
                        (strcasecmp(other[k], mine[i]) == 0 ||
                         ((k == 3 || k == 4) && same_header(other[k], mine[i])));
            if (clash) {
                return manifest_fail(c, root, "%s '%s' is also the name of another output",
                                     my_keys[i], mine[i]);
            }
        }
    }
    return 0;
}

int manifest_parse_mpy(struct mctx *c, const config_setting_t *root)
{
    int rc = parse_romfs(c, root);
    rc = rc ? rc : check_frozen_manifest(c, root);
    rc = rc ? rc : check_names(c, root);
    const struct manifest *m = c->m;
    if (rc == 0 && m->dfu.romfs && !m->romfs.has_address) {
        const config_setting_t *g = config_setting_get_member(root, "dfu");
        rc = manifest_fail(c, config_setting_get_member(g, "romfs"),
                           "needs a romfs group with the partition address (romfs.address)");
    }
    return rc;
}

void manifest_finish_mpy(struct manifest *m)
{
    free(m->romfs.file);
    for (size_t i = 0; i < m->romfs.noutputs; i++) {
        free(m->romfs.outputs[i]);
    }
    free(m->romfs.outputs);
    for (size_t i = 0; i < m->romfs.nfiles; i++) {
        free(m->romfs.files[i].path);
        free(m->romfs.files[i].name);
    }
    free(m->romfs.files);
}
