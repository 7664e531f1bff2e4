// Post-build command and DFU refresh; see postbuild.h.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cache.h"
#include "deploy.h"
#include "fileio.h"
#include "manifest.h"
#include "generation.h"
#include "postbuild.h"

static void digest_file(const char *path, uint8_t out[CACHE_KEY_SIZE])
{
    struct cache_hasher h;
    cache_hasher_init(&h, "firmware");
    if (path == NULL || cache_hasher_add_file(&h, path) != 0) {
        cache_hasher_add_str(&h, NULL);
    }
    cache_hasher_final(&h, out);
}

static int run_command(const struct manifest *m, struct loop_result *res)
{
    setenv("RASTERD_DIR", m->dir, 1);
    char *cmd = NULL;
    if (asprintf(&cmd, "cd \"$RASTERD_DIR\" && { %s\n} 2>&1", m->watch.post_build) < 0) {
        return 1;
    }
    FILE *p = popen(cmd, "r");
    free(cmd);
    if (p == NULL) {
        snprintf(res->file, sizeof(res->file), "%s", m->path);
        snprintf(res->reason, sizeof(res->reason), "post_build: cannot start /bin/sh");
        return 1;
    }
    char line[1024];
    while (fgets(line, sizeof(line), p) != NULL) {
        fprintf(stderr, "rasterd: post-build: %s%s", line, strchr(line, '\n') != NULL ? "" : "\n");
    }
    int st = pclose(p);
    if (st == 0) {
        return 0;
    }
    snprintf(res->file, sizeof(res->file), "%s", m->path);
    if (WIFEXITED(st)) {
        snprintf(res->reason, sizeof(res->reason),
                 "post_build `%s` exited with status %d (assets were written)", m->watch.post_build,
                 WEXITSTATUS(st));
    } else {
        snprintf(res->reason, sizeof(res->reason),
                 "post_build `%s` ended abnormally (assets were written)", m->watch.post_build);
    }
    return 1;
}

// A new generation: the files of the one just built (hard links) with the
// DFU replaced, switched like a build's.
static int refresh_dfu(const struct manifest *m, const struct generation_lock *lock,
                       struct loop_result *res)
{
    char why[1024];
    char *bundle_path = file_join(m->output.dir, m->output.bundle);
    uint8_t *bundle = NULL;
    size_t len = 0;
    struct deploy d;
    deploy_init(&d);
    int rc = bundle_path ? file_read(bundle_path, &bundle, &len, why, sizeof(why)) : 1;
    uint8_t *romfs = NULL;
    size_t romfs_len = 0;
    if (rc == 0 && m->dfu.romfs) {
        char *romfs_path = file_join(m->output.dir, m->romfs.file);
        rc = romfs_path ? file_read(romfs_path, &romfs, &romfs_len, why, sizeof(why)) : 1;
        free(romfs_path);
    }
    rc = rc ? rc : deploy_make_dfu(&d, m, bundle, len, romfs, romfs_len, why, sizeof(why));
    free(romfs);
    if (rc == 0) {
        struct generation g;
        const char *names[] = {m->dfu.file};
        if (generation_begin(&g, m->output.dir, lock, names, 1) != 0 ||
            generation_add_current(&g) != 0 ||
            generation_add(&g, m->dfu.file, d.file[0].buf.data, d.file[0].buf.len) != 0 ||
            generation_commit(&g) != 0) {
            snprintf(why, sizeof(why), "%s", g.why);
            rc = 1;
        }
        generation_finish(&g);
    }
    if (rc != 0) {
        snprintf(res->file, sizeof(res->file), "%s", m->dfu.firmware);
        snprintf(res->reason, sizeof(res->reason), "DFU after post_build: %.900s", why);
    } else {
        size_t n = strlen(res->reason);
        snprintf(res->reason + n, sizeof(res->reason) - n, "; firmware changed, DFU regenerated");
    }
    deploy_finish(&d);
    free(bundle);
    free(bundle_path);
    return rc ? 1 : 0;
}

int postbuild_run(const char *root, const struct generation_lock *lock, struct loop_result *res)
{
    char *mpath = file_join(root, MANIFEST_NAME);
    struct manifest m;
    char why[1024];
    if (mpath == NULL || manifest_load(mpath, &m, why, sizeof(why)) != 0) {
        free(mpath);
        return 0; // the build just loaded it; nothing to run if it vanished since
    }
    free(mpath);
    int rc = 0;
    if (m.watch.post_build != NULL) {
        uint8_t before[CACHE_KEY_SIZE], after[CACHE_KEY_SIZE];
        digest_file(m.dfu.firmware, before);
        rc = run_command(&m, res);
        digest_file(m.dfu.firmware, after);
        if (rc == 0 && m.dfu.file != NULL && memcmp(before, after, sizeof(before)) != 0) {
            rc = refresh_dfu(&m, lock, res);
        }
    }
    manifest_finish(&m);
    return rc;
}
