// Manifest parsing with libconfig. libconfig has no schema: every group is
// walked and unknown keys are rejected, so a typo never silently falls back
// to a default. Errors carry file:line (config_setting_source_line) and the
// key path ("fonts[1].bpp").
//
// 32-bit unsigned values: libconfig 1.5 parses a hex literal without the L
// suffix as a 32-bit int, so 0x88020000 arrives as a negative int. For a
// CONFIG_TYPE_INT written in hex we take the 32 bits as unsigned; a decimal
// int must be >= 0; an int64 ("L" suffix) must be in 0..0xFFFFFFFF.
// libconfig 1.5 silently wraps a literal wider than 32 bits that has no L
// suffix, which we cannot detect: docs/manifest.md says to use L.
#define _POSIX_C_SOURCE 200809L
#include "manifest.h"

#include <errno.h>
#include <libconfig.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcodes.h"
#include "fileio.h"
#include "formats/bundle.h"
#include "formats/format_code.h"
#include "formats/link.h"
#include "glyph/pixfmt.h"
#include "manifest_include.h"
#include "manifest_outputs.h"
#include "manifest_parse.h"

static void setting_path(const config_setting_t *s, char *buf, size_t cap)
{
    const config_setting_t *chain[32];
    size_t n = 0;
    for (const config_setting_t *p = s; p != NULL && config_setting_parent(p) != NULL && n < 32;
         p = config_setting_parent(p)) {
        chain[n++] = p;
    }
    size_t used = 0;
    buf[0] = '\0';
    while (n-- > 0 && used < cap) {
        const config_setting_t *p = chain[n];
        const config_setting_t *parent = config_setting_parent(p);
        int w;
        if (config_setting_is_aggregate(parent) && !config_setting_is_group(parent)) {
            w = snprintf(buf + used, cap - used, "[%d]", config_setting_index(p));
        } else {
            w = snprintf(buf + used, cap - used, "%s%s", used > 0 ? "." : "",
                         config_setting_name(p));
        }
        if (w < 0) {
            break;
        }
        used += (size_t)w;
    }
    if (used == 0) {
        snprintf(buf, cap, "(top level)");
    }
}

__attribute__((format(printf, 3, 0))) static int vfail(struct mctx *c, const config_setting_t *s,
                                                       const char *fmt, va_list ap)
{
    char path[256], msg[512];
    setting_path(s, path, sizeof(path));
    vsnprintf(msg, sizeof(msg), fmt, ap);
    const char *file = config_setting_source_file(s);
    snprintf(c->why, c->why_len, "%s:%u: %s: %s", file != NULL ? file : c->file,
             config_setting_source_line(s), path, msg);
    return EXIT_CONFIG;
}

__attribute__((format(printf, 3, 4))) static int fail(struct mctx *c, const config_setting_t *s,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail(c, s, fmt, ap);
    va_end(ap);
    return rc;
}

int manifest_check_keys(struct mctx *c, const config_setting_t *g, const char *const *allowed)
{
    if (!config_setting_is_group(g)) {
        return fail(c, g, "expected a group { ... }");
    }
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *k = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(k);
        size_t j = 0;
        while (allowed[j] != NULL && strcmp(allowed[j], name) != 0) {
            j++;
        }
        if (allowed[j] == NULL) {
            char list[256] = "";
            for (j = 0; allowed[j] != NULL; j++) {
                size_t u = strlen(list);
                snprintf(list + u, sizeof(list) - u, "%s%s", j > 0 ? ", " : "", allowed[j]);
            }
            return fail(c, k, "unknown key (allowed here: %s)", list);
        }
    }
    return 0;
}

const char *manifest_type_name(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP:
        return "a group";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        return "an integer";
    case CONFIG_TYPE_FLOAT:
        return "a float";
    case CONFIG_TYPE_STRING:
        return "a string";
    case CONFIG_TYPE_BOOL:
        return "a boolean";
    case CONFIG_TYPE_ARRAY:
        return "an array";
    case CONFIG_TYPE_LIST:
        return "a list";
    default:
        return "something else";
    }
}

// Reads an unsigned 32-bit value (see the file comment for hex handling).
static int setting_u32(struct mctx *c, const config_setting_t *s, uint32_t *out, uint32_t min,
                       uint32_t max)
{
    int64_t v;
    int type = config_setting_type(s);
    if (type == CONFIG_TYPE_INT) {
        int iv = config_setting_get_int(s);
        if (config_setting_get_format(s) == CONFIG_FORMAT_HEX) {
            v = (int64_t)(uint32_t)iv;
        } else {
            v = iv;
        }
    } else if (type == CONFIG_TYPE_INT64) {
        v = config_setting_get_int64(s);
    } else {
        return fail(c, s, "expected an integer, got %s", manifest_type_name(type));
    }
    if (v < (int64_t)min || v > (int64_t)max) {
        return fail(c, s, "value %lld out of range %lu..%lu", (long long)v, (unsigned long)min,
                    (unsigned long)max);
    }
    *out = (uint32_t)v;
    return 0;
}

int manifest_get_u32(struct mctx *c, const config_setting_t *g, const char *key, uint32_t *out,
                     uint32_t min, uint32_t max, int required)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        return required ? fail(c, g, "missing required key '%s'", key) : 0;
    }
    return setting_u32(c, s, out, min, max);
}

int manifest_get_str(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                     int required)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        return required ? fail(c, g, "missing required key '%s'", key) : 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        return fail(c, s, "expected a string, got %s", manifest_type_name(config_setting_type(s)));
    }
    const char *v = config_setting_get_string(s);
    if (v[0] == '\0') {
        return fail(c, s, "must not be empty");
    }
    char *copy = strdup(v);
    if (copy == NULL) {
        return fail(c, s, "out of memory");
    }
    free(*out);
    *out = copy;
    return 0;
}

int manifest_get_path(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                      int required)
{
    char *rel = NULL;
    int rc = manifest_get_str(c, g, key, &rel, required);
    if (rc != 0 || rel == NULL) {
        return rc;
    }
    free(*out);
    *out = file_join(c->m->dir, rel);
    free(rel);
    return *out == NULL ? fail(c, g, "out of memory") : 0;
}

int manifest_get_bool(struct mctx *c, const config_setting_t *g, const char *key, int *out)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        return 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        return fail(c, s, "expected true or false, got %s",
                    manifest_type_name(config_setting_type(s)));
    }
    *out = config_setting_get_bool(s);
    return 0;
}

int manifest_get_pow2(struct mctx *c, const config_setting_t *g, const char *key, uint32_t *out,
                      uint32_t min, uint32_t max)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        return 0;
    }
    int rc = setting_u32(c, s, out, min, max);
    if (rc == 0 && (*out & (*out - 1)) != 0) {
        return fail(c, s, "%lu is not a power of two", (unsigned long)*out);
    }
    return rc;
}

// "compress": how the bundle stores an asset (or, in `bundle`, the whole
// payload): "none" (default) or "zlib" (bundle format v2; the EVE sink sends
// it with CMD_INFLATE). Kept apart from the other keys on purpose.
static int parse_compress(struct mctx *c, const config_setting_t *g, unsigned *out)
{
    char *v = NULL;
    int rc = manifest_get_str(c, g, "compress", &v, 0);
    if (rc == 0 && v != NULL) {
        if (strcmp(v, "zlib") == 0) {
            *out = BUNDLE_ENC_ZLIB;
        } else if (strcmp(v, "none") == 0) {
            *out = BUNDLE_ENC_PLAIN;
        } else {
            rc = fail(c, config_setting_get_member(g, "compress"),
                      "unknown compression '%s' (\"none\" or \"zlib\")", v);
        }
    }
    free(v);
    return rc;
}

static int parse_target(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"name", "id", "base", "size", "align", "chip", NULL};
    static const char *const align_keys[] = {"raw", "image", "font", NULL};
    const config_setting_t *g = config_setting_get_member(root, "target");
    if (g == NULL) {
        return fail(c, root, "missing required group 'target'");
    }
    struct manifest *m = c->m;
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : manifest_get_str(c, g, "name", &m->target.name, 1);
    rc = rc ? rc : manifest_get_u32(c, g, "base", &m->target.base, 0, UINT32_MAX, 1);
    rc = rc ? rc : manifest_get_u32(c, g, "size", &m->target.size, 1, UINT32_MAX, 1);
    if (rc != 0) {
        return rc;
    }
    if ((uint64_t)m->target.base + m->target.size > 0x100000000ull) {
        return fail(c, config_setting_get_member(g, "size"),
                    "base + size exceeds the 32-bit address space");
    }
    m->target.id = fmt_bundle_target_id(m->target.name);
    rc = manifest_get_u32(c, g, "id", &m->target.id, 0, UINT32_MAX, 0);
    const config_setting_t *a = config_setting_get_member(g, "align");
    if (rc == 0 && a != NULL) {
        rc = manifest_check_keys(c, a, align_keys);
        rc = rc ? rc
                : manifest_get_pow2(c, a, "raw", &m->target.kind_align[BUNDLE_KIND_RAW], 1, 65536);
        rc = rc ? rc
                : manifest_get_pow2(c, a, "image", &m->target.kind_align[BUNDLE_KIND_IMAGE], 1,
                                    65536);
        rc =
            rc ? rc
               : manifest_get_pow2(c, a, "font", &m->target.kind_align[BUNDLE_KIND_FONT], 1, 65536);
    }
    return rc;
}

static int parse_bundle(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"chunk_size", "security_version", "key", "compress", NULL};
    struct manifest *m = c->m;
    m->bundle.chunk_size = 4096;
    const config_setting_t *g = config_setting_get_member(root, "bundle");
    if (g == NULL) {
        return 0;
    }
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc
            : manifest_get_pow2(c, g, "chunk_size", &m->bundle.chunk_size, BUNDLE_CHUNK_MIN,
                                BUNDLE_CHUNK_MAX);
    rc = rc ? rc
            : manifest_get_u32(c, g, "security_version", &m->bundle.security_version, 0, UINT32_MAX,
                               0);
    rc = rc ? rc : manifest_get_path(c, g, "key", &m->bundle.key, 0);
    unsigned all = BUNDLE_ENC_PLAIN;
    rc = rc ? rc : parse_compress(c, g, &all);
    m->bundle.compress_all = all == BUNDLE_ENC_ZLIB;
    return rc;
}

// An output file name (checked with the others by check_outputs).
static int plain_name(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                      const char *def)
{
    int rc = manifest_get_str(c, g, key, out, 0);
    if (rc == 0 && *out == NULL && (*out = strdup(def)) == NULL) {
        rc = fail(c, g, "out of memory");
    }
    return rc;
}

static int parse_output(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"dir", "bundle", "c_header", "python", "prefix", NULL};
    struct manifest *m = c->m;
    const config_setting_t *g = config_setting_get_member(root, "output");
    int rc = 0;
    if (g != NULL) {
        rc = manifest_check_keys(c, g, keys);
        rc = rc ? rc : manifest_get_path(c, g, "dir", &m->output.dir, 0);
        rc = rc ? rc : plain_name(c, g, "bundle", &m->output.bundle, "assets.bin");
        rc = rc ? rc : plain_name(c, g, "c_header", &m->output.c_header, "assets.h");
        rc = rc ? rc : plain_name(c, g, "python", &m->output.python, "assets.py");
        rc = rc ? rc : manifest_get_str(c, g, "prefix", &m->output.prefix, 0);
    }
    if (rc != 0) {
        return rc;
    }
    if (m->output.dir == NULL) {
        m->output.dir = file_join(m->dir, "out");
    }
    if (m->output.bundle == NULL) {
        m->output.bundle = strdup("assets.bin");
        m->output.c_header = strdup("assets.h");
        m->output.python = strdup("assets.py");
    }
    if (m->output.prefix == NULL) {
        m->output.prefix = strdup("ASSET");
    } else if (!fmt_asset_name_valid(m->output.prefix)) {
        return fail(c, config_setting_get_member(g, "prefix"), "must be a C identifier");
    }
    if (m->output.dir == NULL || m->output.bundle == NULL || m->output.c_header == NULL ||
        m->output.python == NULL || m->output.prefix == NULL) {
        return fail(c, root, "out of memory");
    }
    return 0;
}

// Frozen copies of the bundle (issue 6). Optional group.
static int parse_frozen(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"symbol",  "c",     "asm",      "python",
                                       "section", "align", "manifest", NULL};
    struct manifest *m = c->m;
    const config_setting_t *g = config_setting_get_member(root, "frozen");
    if (g == NULL) {
        return 0;
    }
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : manifest_get_str(c, g, "symbol", &m->frozen.symbol, 0);
    rc = rc ? rc : manifest_get_str(c, g, "c", &m->frozen.c, 0);
    rc = rc ? rc : manifest_get_str(c, g, "asm", &m->frozen.asm_src, 0);
    rc = rc ? rc : manifest_get_str(c, g, "python", &m->frozen.python, 0);
    rc = rc ? rc : manifest_get_str(c, g, "section", &m->frozen.section, 0);
    rc = rc ? rc : manifest_get_pow2(c, g, "align", &m->frozen.align, 1, 65536);
    rc = rc ? rc : manifest_get_str(c, g, "manifest", &m->frozen.manifest, 0);
    if (rc == 0 && m->frozen.symbol != NULL && !fmt_asset_name_valid(m->frozen.symbol)) {
        rc = fail(c, config_setting_get_member(g, "symbol"), "must be a C identifier");
    }
    return rc;
}

// DfuSe file holding the firmware image and the bundle (issue 6). Optional.
static int parse_dfu(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {
        "file",       "firmware",   "firmware_address", "bundle_address", "vendor_id",
        "product_id", "bcd_device", "target_name",      "romfs",          NULL};
    struct manifest *m = c->m;
    const config_setting_t *g = config_setting_get_member(root, "dfu");
    if (g == NULL) {
        return 0;
    }
    m->dfu.vendor_id = 0x0483;  // ST
    m->dfu.product_id = 0xdf11; // ST DFU bootloader
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : plain_name(c, g, "file", &m->dfu.file, "assets.dfu");
    rc = rc ? rc : manifest_get_path(c, g, "firmware", &m->dfu.firmware, 0);
    rc = rc ? rc
            : manifest_get_u32(c, g, "firmware_address", &m->dfu.firmware_address, 0, UINT32_MAX,
                               m->dfu.firmware != NULL);
    rc = rc ? rc : manifest_get_bool(c, g, "romfs", &m->dfu.romfs);
    m->dfu.has_bundle = config_setting_get_member(g, "bundle_address") != NULL;
    rc = rc ? rc
            : manifest_get_u32(c, g, "bundle_address", &m->dfu.bundle_address, 0, UINT32_MAX,
                               !m->dfu.romfs);
    rc = rc ? rc : manifest_get_u32(c, g, "vendor_id", &m->dfu.vendor_id, 0, 0xffff, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "product_id", &m->dfu.product_id, 0, 0xffff, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "bcd_device", &m->dfu.bcd_device, 0, 0xffff, 0);
    rc = rc ? rc : manifest_get_str(c, g, "target_name", &m->dfu.target_name, 0);
    if (rc == 0 && m->dfu.target_name != NULL && strlen(m->dfu.target_name) > 254) {
        rc = fail(c, config_setting_get_member(g, "target_name"), "longer than 254 characters");
    }
    // DFU tools print the name as it is: no bytes that drive a terminal.
    for (const char *p = m->dfu.target_name; rc == 0 && p != NULL && *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            rc = fail(c, config_setting_get_member(g, "target_name"),
                      "must not hold control characters");
        }
    }
    return rc;
}

static int parse_watch(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"post_build", NULL};
    const config_setting_t *g = config_setting_get_member(root, "watch");
    if (g == NULL) {
        return 0;
    }
    int rc = manifest_check_keys(c, g, keys);
    return rc ? rc : manifest_get_str(c, g, "post_build", &c->m->watch.post_build, 0);
}

static int asset_name(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    char *name = NULL;
    int rc = manifest_get_str(c, g, "name", &name, 1);
    if (rc != 0) {
        return rc;
    }
    const config_setting_t *s = config_setting_get_member(g, "name");
    if (strlen(name) > FMT_NAME_MAX || !fmt_asset_name_valid(name)) {
        rc = fail(c, s,
                  "'%s' is not a valid asset name (an identifier of 1 to %u characters, not "
                  "'bundle' or 'bundle_*')",
                  name, (unsigned)FMT_NAME_MAX);
    }
    for (size_t i = 0; rc == 0 && i < c->m->nassets; i++) {
        if (strcasecmp(c->m->assets[i].name, name) == 0) {
            rc = fail(c, s,
                      "asset name '%s' already used on line %d (names are "
                      "case-insensitive)",
                      name, c->m->assets[i].line);
        }
    }
    if (rc == 0) {
        snprintf(a->name, sizeof(a->name), "%s", name);
    }
    free(name);
    return rc;
}

static int add_file(struct mctx *c, const config_setting_t *s, char ***list, size_t *n,
                    const char *rel)
{
    char **files = realloc(*list, (*n + 1) * sizeof(*files));
    if (files == NULL) {
        return fail(c, s, "out of memory");
    }
    *list = files;
    files[*n] = file_join(c->m->dir, rel);
    if (files[*n] == NULL) {
        return fail(c, s, "out of memory");
    }
    (*n)++;
    return 0;
}

static int asset_files(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    return manifest_get_files(c, g, &a->files, &a->nfiles, a->kind == BUNDLE_KIND_FONT);
}

int manifest_get_files(struct mctx *c, const config_setting_t *g, char ***files, size_t *nfiles,
                       int chain)
{
    const config_setting_t *one = config_setting_get_member(g, "file");
    const config_setting_t *many = chain ? config_setting_get_member(g, "files") : NULL;
    if ((one == NULL) == (many == NULL)) {
        return fail(
            c, g, chain ? "give exactly one of 'file' or 'files'" : "missing required key 'file'");
    }
    if (one != NULL) {
        if (config_setting_type(one) != CONFIG_TYPE_STRING) {
            return fail(c, one, "expected a string, got %s",
                        manifest_type_name(config_setting_type(one)));
        }
        return add_file(c, one, files, nfiles, config_setting_get_string(one));
    }
    if (config_setting_type(many) != CONFIG_TYPE_ARRAY || config_setting_length(many) == 0) {
        return fail(c, many, "expected a non-empty array of strings [\"a.ttf\", \"b.ttf\"]");
    }
    for (int i = 0; i < config_setting_length(many); i++) {
        const config_setting_t *e = config_setting_get_elem(many, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            return fail(c, e, "expected a string, got %s",
                        manifest_type_name(config_setting_type(e)));
        }
        int rc = add_file(c, e, files, nfiles, config_setting_get_string(e));
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int asset_placement(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    int rc = manifest_get_pow2(c, g, "align", &a->align, 1, 65536);
    if (rc == 0 && config_setting_get_member(g, "address") != NULL) {
        a->fixed = 1;
        rc = manifest_get_u32(c, g, "address", &a->address, 0, UINT32_MAX, 1);
    }
    return rc;
}

static int parse_image(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    static const char *const keys[] = {"name",  "file",    "format",   "dither",
                                       "align", "address", "compress", NULL};
    char *fmt = NULL;
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : asset_name(c, g, a);
    rc = rc ? rc : asset_files(c, g, a);
    rc = rc ? rc : asset_placement(c, g, a);
    rc = rc ? rc : manifest_get_bool(c, g, "dither", &a->dither);
    rc = rc ? rc : manifest_get_str(c, g, "format", &fmt, 0);
    rc = rc ? rc : parse_compress(c, g, &a->compress);
    if (rc != 0) {
        free(fmt);
        return rc;
    }
    a->format = BUNDLE_FMT_RGB565;
    a->bpp = 16;
    if (fmt != NULL && manifest_image_format(fmt, &a->format, &a->bpp, &a->ext_format) < 0) {
        char list[512];
        manifest_image_formats(list, sizeof(list));
        rc = fail(c, config_setting_get_member(g, "format"),
                  "%s pixel format '%s' (a bundle carries %s)",
                  glyph_pixfmt_find(fmt) != NULL ? "unsupported" : "unknown", fmt, list);
    }
    free(fmt);
    return rc;
}

static int parse_font(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    static const char *const keys[] = {
        "name",   "file",  "files",   "size",     "line_height", "chars",    "bpp",     "face",
        "layout", "align", "address", "compress", "format",      "fallback", "samples", NULL};
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : asset_name(c, g, a);
    rc = rc ? rc : asset_files(c, g, a);
    rc = rc ? rc : asset_placement(c, g, a);
    struct mf_font_keys f = {0};
    rc = rc ? rc : manifest_get_font_keys(c, g, &f);
    a->size_px = f.size_px;
    a->line_height = f.line_height;
    a->face_index = f.face_index;
    a->chars = f.chars;
    a->bpp = f.bpp;
    rc = rc ? rc : parse_compress(c, g, &a->compress);
    // Fonts are grey cells: the L format of that depth.
    char grey[8];
    snprintf(grey, sizeof(grey), "L%u", a->bpp);
    a->format = fmt_format_code(glyph_pixfmt_find(grey));
    return rc ? rc : manifest_parse_font_eve(c, g, a);
}

int manifest_get_font_keys(struct mctx *c, const config_setting_t *g, struct mf_font_keys *f)
{
    uint32_t bpp = 4;
    int rc = manifest_get_u32(c, g, "size", &f->size_px, 1, 2048, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "line_height", &f->line_height, 1, 2048, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "face", &f->face_index, 0, 65535, 0);
    rc = rc ? rc : manifest_get_str(c, g, "chars", &f->chars, 0);
    rc = rc ? rc : manifest_get_u32(c, g, "bpp", &bpp, 1, 8, 0);
    if (rc == 0 && bpp != 1 && bpp != 2 && bpp != 4 && bpp != 8) {
        rc = fail(c, config_setting_get_member(g, "bpp"), "bpp must be 1, 2, 4 or 8");
    }
    if (rc == 0 && (f->size_px == 0) == (f->line_height == 0)) {
        rc = fail(c, g, "give exactly one of 'size' or 'line_height'");
    }
    if (rc == 0 && f->chars == NULL) {
        f->chars = strdup("0x20-0x7E");
        rc = f->chars == NULL ? fail(c, g, "out of memory") : 0;
    }
    f->bpp = (unsigned)bpp;
    return rc;
}

static int parse_raw(struct mctx *c, const config_setting_t *g, struct mf_asset *a)
{
    static const char *const keys[] = {"name", "file", "align", "address", "compress", NULL};
    a->format = BUNDLE_FMT_NONE;
    int rc = manifest_check_keys(c, g, keys);
    rc = rc ? rc : asset_name(c, g, a);
    rc = rc ? rc : asset_files(c, g, a);
    rc = rc ? rc : asset_placement(c, g, a);
    rc = rc ? rc : parse_compress(c, g, &a->compress);
    return rc;
}

static int parse_asset_list(struct mctx *c, const config_setting_t *root, const char *key,
                            unsigned kind)
{
    const config_setting_t *list = config_setting_get_member(root, key);
    if (list == NULL) {
        return 0;
    }
    if (config_setting_type(list) != CONFIG_TYPE_LIST) {
        return fail(c, list, "expected a list ( { ... }, { ... } ), got %s",
                    manifest_type_name(config_setting_type(list)));
    }
    struct manifest *m = c->m;
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (m->nassets >= BUNDLE_ASSETS_MAX) {
            return fail(c, g, "more than %u assets", BUNDLE_ASSETS_MAX);
        }
        struct mf_asset *grown = realloc(m->assets, (m->nassets + 1) * sizeof(*grown));
        if (grown == NULL) {
            return fail(c, g, "out of memory");
        }
        m->assets = grown;
        struct mf_asset *a = &m->assets[m->nassets++];
        memset(a, 0, sizeof(*a));
        a->kind = kind;
        a->line = (int)config_setting_source_line(g);
        int rc = kind == BUNDLE_KIND_FONT    ? parse_font(c, g, a)
                 : kind == BUNDLE_KIND_IMAGE ? parse_image(c, g, a)
                                             : parse_raw(c, g, a);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int parse_root(struct mctx *c, const config_setting_t *root)
{
    static const char *const keys[] = {"target", "bundle", "output", "fonts", "images", "raw",
                                       "frozen", "dfu",    "watch",  "romfs", "lvgl",   NULL};
    int rc = manifest_check_keys(c, root, keys);
    rc = rc ? rc : parse_target(c, root);
    rc = rc ? rc : parse_bundle(c, root);
    rc = rc ? rc : parse_output(c, root);
    rc = rc ? rc : parse_frozen(c, root);
    rc = rc ? rc : parse_dfu(c, root);
    rc = rc ? rc : parse_watch(c, root);
    rc = rc ? rc : manifest_parse_mpy(c, root);
    rc = rc ? rc : manifest_parse_lvgl(c, root);
    rc = rc ? rc : parse_asset_list(c, root, "fonts", BUNDLE_KIND_FONT);
    rc = rc ? rc : parse_asset_list(c, root, "images", BUNDLE_KIND_IMAGE);
    rc = rc ? rc : parse_asset_list(c, root, "raw", BUNDLE_KIND_RAW);
    rc = rc ? rc : manifest_parse_eve(c, root);
    rc = rc ? rc : manifest_check_outputs(c, root);
    if (rc == 0 && c->m->nassets == 0) {
        rc = fail(c, root, "no assets: add at least one of fonts, images, raw");
    }
    return rc;
}

// libconfig's message, naming the included file it could not open.
static void config_error(const config_t *cfg, const char *path, const struct mf_includes *inc,
                         char *why, size_t why_len)
{
    const char *file = config_error_file(cfg);
    file = file != NULL ? file : path;
    int line = config_error_line(cfg);
    const struct mf_include *x = manifest_include_at(inc, file, line);
    if (x != NULL && strstr(config_error_text(cfg), "include") != NULL) {
        snprintf(why, why_len, "%s:%d: cannot open include file %s: %s", file, line, x->path,
                 strerror(x->missing != 0 ? x->missing : EACCES));
    } else {
        snprintf(why, why_len, "%s:%d: %s", file, line, config_error_text(cfg));
    }
}

// The helpers for manifest_parse.h.
int manifest_fail(struct mctx *c, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail(c, s, fmt, ap);
    va_end(ap);
    return rc;
}

int manifest_load(const char *path, struct manifest *m, char *why, size_t why_len)
{
    memset(m, 0, sizeof(*m));
    char *copy = strdup(path);
    m->path = strdup(path);
    m->dir = copy != NULL ? strdup(dirname(copy)) : NULL;
    free(copy);
    if (m->path == NULL || m->dir == NULL) {
        snprintf(why, why_len, "out of memory");
        return EXIT_SOFTWARE;
    }
    // The text and every included file go through the host file reader
    // first (libconfig would block on a FIFO); see manifest_include.h.
    char *text = NULL;
    struct mf_includes inc;
    int rc = manifest_include_read(path, m->dir, &text, &inc, why, why_len);
    if (rc != 0) {
        return rc;
    }
    config_t cfg;
    config_init(&cfg);
    config_set_include_dir(&cfg, m->dir);
    if (config_read_string(&cfg, text) != CONFIG_TRUE) {
        config_error(&cfg, path, &inc, why, why_len);
        rc = EXIT_CONFIG;
    } else {
        struct mctx c = {m, path, why, why_len};
        rc = parse_root(&c, config_root_setting(&cfg));
    }
    config_destroy(&cfg);
    manifest_include_finish(&inc);
    free(text);
    return rc;
}

void manifest_finish(struct manifest *m)
{
    for (size_t i = 0; i < m->nassets; i++) {
        for (size_t k = 0; k < m->assets[i].nfiles; k++) {
            free(m->assets[i].files[k]);
        }
        free(m->assets[i].files);
        free(m->assets[i].chars);
        manifest_finish_font_eve(&m->assets[i]);
    }
    free(m->assets);
    free(m->target.name);
    free(m->bundle.key);
    free(m->output.dir);
    free(m->output.bundle);
    free(m->output.c_header);
    free(m->output.python);
    free(m->output.prefix);
    free(m->frozen.symbol);
    free(m->frozen.c);
    free(m->frozen.asm_src);
    free(m->frozen.python);
    free(m->frozen.section);
    free(m->frozen.manifest);
    manifest_finish_mpy(m);
    manifest_finish_lvgl(m);
    free(m->dfu.file);
    free(m->dfu.firmware);
    free(m->dfu.target_name);
    free(m->watch.post_build);
    free(m->path);
    free(m->dir);
    memset(m, 0, sizeof(*m));
}
