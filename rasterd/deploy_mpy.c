// MicroPython deployment outputs (issue 10): the manifest fragment that
// freezes the Python outputs, and the ROMFS image; see deploy.h.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy.h"
#include "exitcodes.h"
#include "fileio.h"
#include "formats/error.h"
#include "formats/mpy_manifest.h"
#include "formats/romfs.h"
#include "rasterd_version.h"

static int make_fragment(struct deploy *d, const struct manifest *m, char *why, size_t why_len)
{
    if (m->frozen.manifest == NULL) {
        return 0;
    }
    const char *modules[] = {m->frozen.python, m->output.python};
    struct fmt_sink *s = deploy_add(d, m->frozen.manifest, NULL);
    int err = s != NULL
                  ? fmt_mpy_manifest_write(s, "rasterd " RASTERD_VERSION, MANIFEST_NAME, modules, 2)
                  : FMT_ERR_NOMEM;
    if (err < 0) {
        snprintf(why, why_len, "%s: frozen.manifest: %s", m->path, fmt_strerror(err));
        return err == FMT_ERR_INVALID_ARG ? EXIT_CONFIG : EXIT_SOFTWARE;
    }
    return 0;
}

// Finds one of this build's outputs by file name (the bundle and directory,
// then the deployment outputs made so far); returns 0, or -1 if none.
static int find_output(const struct deploy *d, const struct deploy_output *built, size_t nbuilt,
                       const char *name, struct fmt_romfs_file *f)
{
    for (size_t i = 0; i < nbuilt; i++) {
        if (strcmp(built[i].name, name) == 0) {
            *f = (struct fmt_romfs_file){name, built[i].data, built[i].len};
            return 0;
        }
    }
    for (size_t i = 0; i < d->count; i++) {
        if (strcmp(d->file[i].name, name) == 0) {
            *f = (struct fmt_romfs_file){name, d->file[i].buf.data, d->file[i].buf.len};
            return 0;
        }
    }
    return -1;
}

// The files of the image: the named outputs, then the manifest's files
// (read into bufs[], which the caller frees).
static int gather(const struct deploy *d, const struct manifest *m,
                  const struct deploy_output *built, size_t nbuilt, struct fmt_romfs_file *f,
                  uint8_t **bufs, char *why, size_t why_len)
{
    for (size_t i = 0; i < m->romfs.noutputs; i++) {
        if (find_output(d, built, nbuilt, m->romfs.outputs[i], &f[i]) != 0) {
            snprintf(why, why_len,
                     "%s: romfs.outputs: '%s' is not an output written before the image (the "
                     "bundle, output.c_header, output.python, frozen and frozen.manifest files)",
                     m->path, m->romfs.outputs[i]);
            return EXIT_CONFIG;
        }
    }
    for (size_t i = 0; i < m->romfs.nfiles; i++) {
        const struct mf_romfs_file *rf = &m->romfs.files[i];
        size_t len = 0;
        int rc = file_read(rf->path, &bufs[i], &len, why, why_len);
        if (rc != 0) {
            return rc;
        }
        f[m->romfs.noutputs + i] = (struct fmt_romfs_file){rf->name, bufs[i], len};
    }
    return 0;
}

static int romfs_error(const struct manifest *m, int err, const struct fmt_romfs_file *f,
                       size_t bad, char *why, size_t why_len)
{
    if (err == FMT_ERR_ROMFS_NAME) {
        snprintf(why, why_len,
                 "%s: romfs: '%s' is stored twice, or is both a file and a folder of the image",
                 m->path, f[bad].path);
    } else if (err == FMT_ERR_ROMFS_LIMIT) {
        snprintf(why, why_len, "%s: romfs: '%s' is in more than %u folders", m->path, f[bad].path,
                 FMT_ROMFS_DEPTH_MAX);
    } else {
        snprintf(why, why_len, "%s: romfs: %s: %s", m->path, m->romfs.file, fmt_strerror(err));
    }
    return err == FMT_ERR_NOMEM ? EXIT_SOFTWARE : err == FMT_ERR_RANGE ? EXIT_DATAERR : EXIT_CONFIG;
}

static int make_romfs(struct deploy *d, const struct manifest *m, const struct deploy_output *built,
                      size_t nbuilt, char *why, size_t why_len)
{
    size_t n = m->romfs.noutputs + m->romfs.nfiles;
    struct fmt_romfs_file *f = calloc(n, sizeof(*f));
    uint8_t **bufs = calloc(m->romfs.nfiles + 1, sizeof(*bufs));
    int rc = f != NULL && bufs != NULL ? 0 : EXIT_SOFTWARE;
    if (rc != 0) {
        snprintf(why, why_len, "out of memory");
    }
    rc = rc ? rc : gather(d, m, built, nbuilt, f, bufs, why, why_len);
    struct fmt_sink *s = rc == 0 ? deploy_add(d, m->romfs.file, NULL) : NULL;
    if (rc == 0 && s == NULL) {
        snprintf(why, why_len, "out of memory");
        rc = EXIT_SOFTWARE;
    }
    if (rc == 0) {
        struct fmt_romfs_options opt = {m->romfs.align};
        size_t bad = 0;
        int err = fmt_romfs_write(s, f, n, &opt, &bad);
        rc = err < 0 ? romfs_error(m, err, f, bad, why, why_len) : 0;
    }
    size_t len = rc == 0 ? d->file[d->count - 1].buf.len : 0;
    if (rc == 0 && m->romfs.size != 0 && len > m->romfs.size) {
        snprintf(why, why_len,
                 "%s: romfs: %s is %zu bytes, more than its %u-byte partition (romfs.size)",
                 m->path, m->romfs.file, len, (unsigned)m->romfs.size);
        rc = EXIT_DATAERR;
    }
    for (size_t i = 0; bufs != NULL && i < m->romfs.nfiles; i++) {
        free(bufs[i]);
    }
    free(bufs);
    free(f);
    return rc;
}

int deploy_mpy_make(struct deploy *d, const struct manifest *m, const struct deploy_output *built,
                    size_t nbuilt, char *why, size_t why_len)
{
    int rc = make_fragment(d, m, why, why_len);
    return rc != 0 || m->romfs.file == NULL ? rc : make_romfs(d, m, built, nbuilt, why, why_len);
}
