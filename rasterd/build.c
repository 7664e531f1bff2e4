// rasterd build: manifest -> assets -> link -> signed bundle + assets.h +
// assets.py (+ frozen blobs and DFU), written together as one generation of
// output.dir so that on any error the previous outputs stay exactly as they
// were, and readers never see two builds mixed.
#define _POSIX_C_SOURCE 200809L
#include "build.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "asset_cache.h"
#include "assets.h"
#include "deploy.h"
#include "exitcodes.h"
#include "fileio.h"
#include "formats/assets_emit.h"
#include "formats/bundle.h"
#include "formats/error.h"
#include "keys.h"
#include "log.h"
#include "formats/lvgl_image.h"
#include "lvgl_assets.h"
#include "manifest.h"
#include "generation.h"
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
    struct deploy dep; // frozen blobs and DFU (issue 6)
    const struct build_opts *opts;
    size_t converted, cached;
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

// Checks one input copied into outputs others may read: the signing key
// never goes in, and a file others cannot read gets a warning.
static int check_input(struct build *b, const char *path, const char *what)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        return 0; // the reader reports it, naming it
    }
    if (st.st_dev == b->key.dev && st.st_ino == b->key.ino) {
        snprintf(b->why, sizeof(b->why),
                 "%s: is the signing key; refusing to copy it into the outputs (%s)", path, what);
        return EXIT_CONFIG;
    }
    if (S_ISREG(st.st_mode) && (st.st_mode & S_IROTH) == 0) {
        log_warn("%s: others may not read it (mode 0%03o), but %s copies it into outputs they "
                 "may read",
                 path, (unsigned)(st.st_mode & 0777), what);
    }
    return 0;
}

static int check_inputs(struct build *b)
{
    char what[64];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->m.nassets; i++) {
        const struct mf_asset *a = &b->m.assets[i];
        snprintf(what, sizeof(what), "asset '%s'", a->name);
        for (size_t k = 0; rc == 0 && k < a->nfiles; k++) {
            rc = check_input(b, a->files[k], what);
        }
    }
    if (rc == 0 && b->m.dfu.file != NULL && b->m.dfu.firmware != NULL) {
        rc = check_input(b, b->m.dfu.firmware, "dfu.firmware");
    }
    for (size_t i = 0; rc == 0 && b->m.romfs.file != NULL && i < b->m.romfs.nfiles; i++) {
        rc = check_input(b, b->m.romfs.files[i].path, "romfs.files");
    }
    return rc;
}

static int load_assets(struct build *b)
{
    b->assets = calloc(b->m.nassets, sizeof(*b->assets));
    if (b->assets == NULL) {
        snprintf(b->why, sizeof(b->why), "out of memory");
        return EXIT_SOFTWARE;
    }
    for (size_t i = 0; i < b->m.nassets; i++) {
        int hit = 0;
        int rc = asset_cache_load(b->opts->cache, b->gctx, &b->m.assets[i], b->m.path,
                                  &b->assets[i], &hit, b->why, sizeof(b->why));
        b->nassets = i + 1;
        b->assets[i].encoding = b->m.assets[i].compress; // how the bundle stores it
        *(hit ? &b->cached : &b->converted) += 1;
        if (rc != 0) {
            return rc;
        }
    }
    return asset_eve_prepare(&b->m, &b->assets, &b->nassets, b->why, sizeof(b->why));
}

// One limit: rasterd verify and inspect read at most FILEIO_MAX bytes, so
// build writes no bigger bundle.
static int check_bundle_size(struct build *b, uint64_t size)
{
    if (size <= FILEIO_MAX) {
        return 0;
    }
    snprintf(b->why, sizeof(b->why),
             "%s: the bundle would be %llu bytes, more than the %u that rasterd (verify, "
             "inspect) reads; split the assets over several bundles",
             b->m.path, (unsigned long long)size, FILEIO_MAX);
    return EXIT_DATAERR;
}

static int link_assets(struct build *b)
{
    struct fmt_link_target t = {b->m.target.base, b->m.target.size, {0}};
    memcpy(t.kind_align, b->m.target.kind_align, sizeof(t.kind_align));
    char why[1536];
    int err = fmt_link(b->assets, b->nassets, &t, &b->link, why, sizeof(why));
    // A plain (v1) bundle's size is known now, before it is written; a
    // compressed one is checked once written (make_outputs).
    struct fmt_bundle_params plain = {.compress_all = b->m.bundle.compress_all};
    if (err == 0 && fmt_bundle_version(&plain, b->assets, b->nassets) == BUNDLE_VERSION_1 &&
        check_bundle_size(
            b, fmt_bundle_size(b->nassets, b->link.payload_len, b->m.bundle.chunk_size)) != 0) {
        return EXIT_DATAERR;
    }
    if (err == 0) {
        for (size_t i = 0; i < b->nassets; i++) {
            assets_relocate(&b->assets[i]);
        }
        int rc = asset_eve_linked(&b->m, b->assets, b->nassets, b->why, sizeof(b->why));
        if (rc != 0) {
            return rc;
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
        .compress_all = b->m.bundle.compress_all,
    };
    memcpy(b->params.key_id, b->key.key_id, sizeof(b->params.key_id));
    int err = fmt_bundle_write(&b->bin.sink, &b->params, b->assets, b->nassets, &b->link);
    keys_wipe(&b->key);
    if (err == 0 && check_bundle_size(b, b->bin.len) != 0) {
        return EXIT_DATAERR;
    }
    if (err == 0) {
        struct fmt_assets_info info = {"rasterd " RASTERD_VERSION,
                                       MANIFEST_NAME,
                                       b->m.output.prefix,
                                       b->m.target.name,
                                       &b->params,
                                       &b->link,
                                       b->bin.len,
                                       b->m.target.chip};
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

// The bundle is listed last (the order no longer matters for readers: the
// whole set switches at once through the generation symlink).
static size_t output_list(struct build *b, const char **names, const struct fmt_membuf **bufs)
{
    size_t n = 0;
    for (size_t i = 0; i < b->dep.count; i++, n++) {
        names[n] = b->dep.file[i].name;
        bufs[n] = &b->dep.file[i].buf;
    }
    names[n] = b->m.output.c_header;
    bufs[n++] = &b->h;
    names[n] = b->m.output.python;
    bufs[n++] = &b->py;
    names[n] = b->m.output.bundle;
    bufs[n++] = &b->bin;
    return n;
}

// Every output goes into a new generation folder that replaces the previous
// one with a single symlink rename (generation.h). SIGTERM/SIGINT/SIGHUP
// wait from the first file to the switch, so a stopped build leaves either
// the old generation and no debris, or the new one; only SIGKILL can leave a
// half-written folder, which the next build (or the daemon) removes.
static int write_generation(struct build *b, const char **names, const struct fmt_membuf **bufs,
                            size_t n)
{
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGINT);
    sigaddset(&term, SIGHUP);
    sigprocmask(SIG_BLOCK, &term, &old);
    struct generation g;
    int rc = generation_begin(&g, b->m.output.dir, b->opts->lock, names, n);
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = generation_add(&g, names[i], bufs[i]->data, bufs[i]->len);
    }
    rc = rc ? rc : generation_commit(&g);
    if (rc != 0) {
        snprintf(b->why, sizeof(b->why), "%s", g.why);
    }
    generation_finish(&g);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc ? EXIT_CANTCREAT : 0;
}

static int commit_outputs(struct build *b)
{
    enum { N = 3 + DEPLOY_MAX };
    const char *names[N];
    const struct fmt_membuf *bufs[N];
    size_t n = output_list(b, names, bufs);
    int rc = write_generation(b, names, bufs, n);
    struct build_report *r = b->opts->report;
    for (size_t i = 0; i < n && rc == 0 && r != NULL; i++) {
        size_t used = strlen(r->outputs);
        snprintf(r->outputs + used, sizeof(r->outputs) - used, "%s%s/%s", used ? "\n" : "",
                 b->m.output.dir, names[i]);
    }
    return rc;
}

static void report_mpy(const struct build *b)
{
    if (b->m.frozen.manifest != NULL) {
        log_info("wrote %s/%s (MicroPython manifest fragment freezing %s and %s)", b->m.output.dir,
                 b->m.frozen.manifest, b->m.frozen.python, b->m.output.python);
    }
    for (size_t i = 0; b->m.romfs.file != NULL && i < b->dep.count; i++) {
        if (strcmp(b->dep.file[i].name, b->m.romfs.file) == 0) {
            log_info("wrote %s/%s (ROMFS image, %zu bytes, %zu files, data aligned to %u)",
                     b->m.output.dir, b->m.romfs.file, b->dep.file[i].buf.len,
                     b->m.romfs.noutputs + b->m.romfs.nfiles, (unsigned)b->m.romfs.align);
        }
    }
}

static void report(const struct build *b, double seconds)
{
    struct fmt_bundle_info info;
    uint32_t stored = b->link.payload_len;
    if (fmt_bundle_parse(b->bin.data, b->bin.len, &info) == 0) {
        stored = info.stored_len;
    }
    uint64_t overhead = b->bin.len - stored;
    // The end is exclusive and may be 2^32: printed from 64 bits.
    log_info("linked %zu assets into [0x%08x, 0x%08llx) of target '%s' (%llu bytes used, %u "
             "payload, %u-byte space)",
             b->nassets, (unsigned)b->link.payload_addr,
             (unsigned long long)b->link.payload_addr + b->link.payload_len, b->m.target.name,
             (unsigned long long)b->link.used, (unsigned)b->link.payload_len,
             (unsigned)b->m.target.size);
    if (stored != b->link.payload_len) {
        log_info("zlib: %u payload bytes stored in %u (%.1f%%; the EVE inflates them with "
                 "CMD_INFLATE)",
                 (unsigned)b->link.payload_len, (unsigned)stored,
                 100.0 * stored / b->link.payload_len);
    }
    log_info("wrote %s/%s (%zu bytes: %u stored payload + %llu overhead, %u chunks of %u, key id "
             "%02x%02x%02x%02x%02x%02x%02x%02x, security version %u)",
             b->m.output.dir, b->m.output.bundle, b->bin.len, (unsigned)stored,
             (unsigned long long)overhead,
             (unsigned)((stored + b->params.chunk_size - 1) / b->params.chunk_size),
             (unsigned)b->params.chunk_size, b->params.key_id[0], b->params.key_id[1],
             b->params.key_id[2], b->params.key_id[3], b->params.key_id[4], b->params.key_id[5],
             b->params.key_id[6], b->params.key_id[7], (unsigned)b->params.security_version);
    log_info("wrote %s/%s and %s/%s in %.3f s", b->m.output.dir, b->m.output.c_header,
             b->m.output.dir, b->m.output.python, seconds);
    const char *frozen[] = {b->m.frozen.c, b->m.frozen.asm_src, b->m.frozen.python};
    for (size_t i = 0; i < sizeof(frozen) / sizeof(frozen[0]); i++) {
        if (frozen[i] != NULL) {
            log_info("wrote %s/%s (frozen copy of the bundle)", b->m.output.dir, frozen[i]);
        }
    }
    report_mpy(b);
    for (size_t i = 0; i < b->m.lvgl.nfonts; i++) {
        const struct mf_lvgl_font *f = &b->m.lvgl.fonts[i];
        log_info("wrote %s/%s.c%s%s%s (LVGL font)", b->m.output.dir, f->symbol,
                 f->binary ? " and " : "", f->binary ? f->symbol : "", f->binary ? ".bin" : "");
    }
    for (size_t i = 0; i < b->m.lvgl.nimages; i++) {
        const struct mf_lvgl_image *im = &b->m.lvgl.images[i];
        log_info("wrote %s/%s.c%s%s%s (LVGL image, %s)", b->m.output.dir, im->symbol,
                 im->binary ? " and " : "", im->binary ? im->symbol : "", im->binary ? ".bin" : "",
                 im->cf->name);
    }
    if (b->m.lvgl.header != NULL) {
        log_info("wrote %s/%s (declares the LVGL fonts and images)", b->m.output.dir,
                 b->m.lvgl.header);
    }
    if (b->m.dfu.file != NULL) {
        log_info("wrote %s/%s (DfuSe: %s at 0x%08x, %s at 0x%08x%s)", b->m.output.dir,
                 b->m.dfu.file, b->m.dfu.firmware != NULL ? "firmware" : "no firmware",
                 (unsigned)b->m.dfu.firmware_address, b->m.dfu.has_bundle ? "bundle" : "no bundle",
                 (unsigned)b->m.dfu.bundle_address, b->m.dfu.romfs ? ", ROMFS image" : "");
    }
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
    rc = rc ? rc : check_inputs(b);
    rc = rc ? rc : load_assets(b);
    rc = rc ? rc : link_assets(b);
    rc = rc ? rc : make_outputs(b);
    struct deploy_output built[] = {{b->m.output.bundle, b->bin.data, b->bin.len},
                                    {b->m.output.c_header, b->h.data, b->h.len},
                                    {b->m.output.python, b->py.data, b->py.len}};
    rc = rc ? rc : deploy_make(&b->dep, &b->m, built, 3, b->why, sizeof(b->why));
    rc = rc ? rc : lvgl_assets_make(&b->dep, b->gctx, &b->m, b->why, sizeof(b->why));
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
    deploy_init(&b->dep);
    b->opts = opts;
    int rc = run_steps(b, dir, opts);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != 0) {
        log_error("%s", b->why);
        log_error("build failed; previous outputs left unchanged");
        if (opts->report != NULL) {
            snprintf(opts->report->why, sizeof(opts->report->why), "%s", b->why);
        }
    } else {
        report(b, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        if (opts->report != NULL) {
            snprintf(opts->report->summary, sizeof(opts->report->summary),
                     "%zu assets (%zu converted, %zu cached), bundle %zu bytes", b->nassets,
                     b->converted, b->cached, b->bin.len);
        }
    }
    deploy_finish(&b->dep);
    keys_wipe(&b->key);
    for (size_t i = 0; i < b->nassets; i++) {
        free((void *)b->assets[i].data);
        free((void *)b->assets[i].textmap);
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
