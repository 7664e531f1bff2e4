// rasterd build: manifest -> assets -> link -> signed bundle + assets.h +
// assets.py, written together through an outset so that on any error the
// previous outputs stay exactly as they were.
#define _POSIX_C_SOURCE 200809L
#include "build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "assets.h"
#include "exitcodes.h"
#include "fileio.h"
#include "formats/assets_emit.h"
#include "formats/bundle.h"
#include "formats/error.h"
#include "keys.h"
#include "log.h"
#include "manifest.h"
#include "outset.h"
#include "rasterd_version.h"

struct build {
    struct manifest m;
    struct glyph_ctx *gctx;
    struct fmt_asset *assets;
    size_t nassets;
    struct fmt_link_result link;
    struct signing_key key;
    struct fmt_bundle_params params;
    struct fmt_membuf bin, h, py;
    char why[2048];
};

static void glyph_log(void *user, enum glyph_log_level level, const char *msg)
{
    (void)user;
    if (level <= GLYPH_LOG_ERROR) {
        log_error("%s", msg);
    } else {
        log_warn("%s", msg);
    }
}

static int load_key(struct build *b, const struct build_opts *opts)
{
    const char *path = opts->key_path;
    const char *env = getenv(KEYS_ENV);
    if (path == NULL && env != NULL && env[0] != '\0') {
        path = env;
    }
    if (path == NULL) {
        path = b->m.bundle.key;
    }
    if (path == NULL) {
        snprintf(b->why, sizeof(b->why),
                 "%s: no signing key: set bundle.key, %s or --key (create one with rasterd "
                 "keygen)",
                 b->m.path, KEYS_ENV);
        return EXIT_CONFIG;
    }
    return keys_load_secret(path, &b->key, b->why, sizeof(b->why));
}

static int load_assets(struct build *b)
{
    b->assets = calloc(b->m.nassets, sizeof(*b->assets));
    if (b->assets == NULL) {
        snprintf(b->why, sizeof(b->why), "out of memory");
        return EXIT_SOFTWARE;
    }
    for (size_t i = 0; i < b->m.nassets; i++) {
        int rc =
            assets_load(b->gctx, &b->m.assets[i], b->m.path, &b->assets[i], b->why, sizeof(b->why));
        b->nassets = i + 1;
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int link_assets(struct build *b)
{
    struct fmt_link_target t = {b->m.target.base, b->m.target.size, {0}};
    memcpy(t.kind_align, b->m.target.kind_align, sizeof(t.kind_align));
    char why[1536];
    int err = fmt_link(b->assets, b->nassets, &t, &b->link, why, sizeof(why));
    if (err == 0) {
        for (size_t i = 0; i < b->nassets; i++) {
            assets_relocate(&b->assets[i]);
        }
        uint64_t gaps = b->link.payload_len - b->link.used;
        if (gaps > 4096 && gaps * 4 > b->link.payload_len) {
            log_warn("%s: %llu of the %u payload bytes are zero-filled gaps between assets "
                     "(fixed addresses far apart?)",
                     b->m.path, (unsigned long long)gaps, (unsigned)b->link.payload_len);
        }
        return 0;
    }
    snprintf(b->why, sizeof(b->why), "%s: link: %s", b->m.path, why);
    if (err == FMT_ERR_NOMEM) {
        return EXIT_SOFTWARE;
    }
    return err == FMT_ERR_LINK_OVERFLOW ? EXIT_DATAERR : EXIT_CONFIG;
}

static int make_outputs(struct build *b)
{
    b->params = (struct fmt_bundle_params){
        .target_id = b->m.target.id,
        .space_base = b->m.target.base,
        .space_size = b->m.target.size,
        .security_version = b->m.bundle.security_version,
        .chunk_size = b->m.bundle.chunk_size,
        .sign = keys_sign,
        .sign_ctx = &b->key,
    };
    memcpy(b->params.key_id, b->key.key_id, sizeof(b->params.key_id));
    int err = fmt_bundle_write(&b->bin.sink, &b->params, b->assets, b->nassets, &b->link);
    keys_wipe(&b->key);
    if (err == 0) {
        struct fmt_assets_info info = {"rasterd " RASTERD_VERSION,
                                       MANIFEST_NAME,
                                       b->m.output.prefix,
                                       b->m.target.name,
                                       &b->params,
                                       &b->link,
                                       b->bin.len};
        err = fmt_emit_assets_h(&b->h.sink, &info, b->assets, b->nassets);
        if (err == 0) {
            err = fmt_emit_assets_py(&b->py.sink, &info, b->assets, b->nassets);
        }
    }
    if (err < 0) {
        snprintf(b->why, sizeof(b->why), "%s: writing the bundle: %s", b->m.path,
                 fmt_strerror(err));
        return EXIT_SOFTWARE;
    }
    return 0;
}

// outset renames file by file; a rename of a regular file over a regular file
// in the same folder does not fail in practice, but one over a directory
// does. Refuse such destinations before anything is renamed, so that the set
// is replaced whole or not at all.
static int check_destination(struct build *b, const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(b->why, sizeof(b->why), "%s: exists and is not a regular file", path);
        return EXIT_CANTCREAT;
    }
    return 0;
}

static int commit_outputs(struct build *b)
{
    const char *dir = b->m.output.dir;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(b->why, sizeof(b->why), "%s: cannot create output folder: %s", dir,
                 strerror(errno));
        return EXIT_CANTCREAT;
    }
    // The bundle is renamed last: whoever sees the new bundle also sees the
    // headers that describe it.
    const char *names[3] = {b->m.output.c_header, b->m.output.python, b->m.output.bundle};
    const struct fmt_membuf *bufs[3] = {&b->h, &b->py, &b->bin};
    char *paths[3] = {NULL, NULL, NULL};
    struct outset set;
    outset_init(&set);
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++) {
        paths[i] = file_join(dir, names[i]);
        if (paths[i] == NULL) {
            snprintf(b->why, sizeof(b->why), "out of memory");
            rc = EXIT_SOFTWARE;
        } else {
            rc = check_destination(b, paths[i]);
        }
    }
    for (int i = 0; i < 3 && rc == 0; i++) {
        if (outset_add(&set, paths[i], bufs[i]->data, bufs[i]->len) != 0) {
            snprintf(b->why, sizeof(b->why), "%s", set.why);
            rc = EXIT_CANTCREAT;
        }
    }
    if (rc == 0 && outset_commit(&set) != 0) {
        snprintf(b->why, sizeof(b->why), "%s", set.why);
        rc = EXIT_CANTCREAT;
    }
    outset_finish(&set);
    for (int i = 0; i < 3; i++) {
        free(paths[i]);
    }
    return rc;
}

static void report(const struct build *b, double seconds)
{
    uint64_t overhead = b->bin.len - b->link.payload_len;
    log_info("linked %zu assets into [0x%08x, 0x%08x) of target '%s' (%llu bytes used, %u "
             "payload, %u-byte space)",
             b->nassets, (unsigned)b->link.payload_addr,
             (unsigned)(b->link.payload_addr + b->link.payload_len), b->m.target.name,
             (unsigned long long)b->link.used, (unsigned)b->link.payload_len,
             (unsigned)b->m.target.size);
    log_info("wrote %s/%s (%zu bytes: %u payload + %llu overhead, %u chunks of %u, key id "
             "%02x%02x%02x%02x%02x%02x%02x%02x, security version %u)",
             b->m.output.dir, b->m.output.bundle, b->bin.len, (unsigned)b->link.payload_len,
             (unsigned long long)overhead,
             (unsigned)((b->link.payload_len + b->params.chunk_size - 1) / b->params.chunk_size),
             (unsigned)b->params.chunk_size, b->params.key_id[0], b->params.key_id[1],
             b->params.key_id[2], b->params.key_id[3], b->params.key_id[4], b->params.key_id[5],
             b->params.key_id[6], b->params.key_id[7], (unsigned)b->params.security_version);
    log_info("wrote %s/%s and %s/%s in %.3f s", b->m.output.dir, b->m.output.c_header,
             b->m.output.dir, b->m.output.python, seconds);
}

static int run_steps(struct build *b, const char *dir, const struct build_opts *opts)
{
    char *path = file_join(dir, MANIFEST_NAME);
    if (path == NULL) {
        return EXIT_SOFTWARE;
    }
    int rc = manifest_load(path, &b->m, b->why, sizeof(b->why));
    free(path);
    rc = rc ? rc : load_key(b, opts);
    if (rc == 0) {
        b->gctx = glyph_ctx_create(NULL);
        if (b->gctx == NULL) {
            snprintf(b->why, sizeof(b->why), "out of memory");
            rc = EXIT_SOFTWARE;
        } else {
            glyph_ctx_set_log(b->gctx, glyph_log, NULL, GLYPH_LOG_WARN);
        }
    }
    rc = rc ? rc : load_assets(b);
    rc = rc ? rc : link_assets(b);
    rc = rc ? rc : make_outputs(b);
    rc = rc ? rc : commit_outputs(b);
    return rc;
}

int build_run(const char *dir, const struct build_opts *opts)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct build *b = calloc(1, sizeof(*b));
    if (b == NULL) {
        log_error("out of memory");
        return EXIT_SOFTWARE;
    }
    fmt_membuf_init(&b->bin);
    fmt_membuf_init(&b->h);
    fmt_membuf_init(&b->py);
    int rc = run_steps(b, dir, opts);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != 0) {
        log_error("%s", b->why);
        log_error("build failed; previous outputs left unchanged");
    } else {
        report(b, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    keys_wipe(&b->key);
    for (size_t i = 0; i < b->nassets; i++) {
        free((void *)b->assets[i].data);
    }
    free(b->assets);
    glyph_ctx_destroy(b->gctx);
    fmt_membuf_finish(&b->bin);
    fmt_membuf_finish(&b->h);
    fmt_membuf_finish(&b->py);
    manifest_finish(&b->m);
    free(b);
    return rc;
}
