// Frozen blobs and the DfuSe file; see deploy.h.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deploy.h"
#include "exitcodes.h"
#include "fileio.h"
#include "formats/blob.h"
#include "formats/dfuse.h"
#include "formats/error.h"

void deploy_init(struct deploy *d)
{
    memset(d, 0, sizeof(*d));
}

void deploy_finish(struct deploy *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->file[i].name);
        fmt_membuf_finish(&d->file[i].buf);
    }
    d->count = 0;
}

struct fmt_sink *deploy_add(struct deploy *d, const char *name, const char *new_ext)
{
    if (d->count == DEPLOY_MAX) {
        return NULL;
    }
    struct deploy_file *f = &d->file[d->count];
    if (new_ext != NULL) {
        const char *dot = strrchr(name, '.');
        size_t base = dot != NULL ? (size_t)(dot - name) : strlen(name);
        if (asprintf(&f->name, "%.*s%s", (int)base, name, new_ext) < 0) {
            f->name = NULL;
        }
    } else {
        f->name = strdup(name);
    }
    if (f->name == NULL) {
        return NULL;
    }
    fmt_membuf_init(&f->buf);
    d->count++;
    return &f->buf.sink;
}

static int emit_frozen(struct deploy *d, const struct manifest *m, const uint8_t *bundle,
                       size_t len, char *why, size_t why_len)
{
    char symbol[BUNDLE_NAME_SIZE + 8];
    if (m->frozen.symbol != NULL) {
        snprintf(symbol, sizeof(symbol), "%s", m->frozen.symbol);
    } else {
        size_t i = 0;
        for (; m->output.prefix[i] != '\0' && i < BUNDLE_NAME_SIZE; i++) {
            char ch = m->output.prefix[i];
            symbol[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
        }
        snprintf(symbol + i, sizeof(symbol) - i, "_bundle");
    }
    struct fmt_blob_options o = {symbol, m->output.bundle, m->frozen.align, m->frozen.section};
    int err = 0;
    struct fmt_sink *s;
    if (m->frozen.c != NULL) {
        s = deploy_add(d, m->frozen.c, ".h");
        err = s ? fmt_blob_write_c_header(s, &o, len) : FMT_ERR_NOMEM;
        char *hname = err == 0 ? d->file[d->count - 1].name : NULL;
        s = err == 0 ? deploy_add(d, m->frozen.c, NULL) : NULL;
        err = err ? err : s ? fmt_blob_write_c(s, &o, hname, bundle, len) : FMT_ERR_NOMEM;
    }
    if (err == 0 && m->frozen.asm_src != NULL) {
        s = deploy_add(d, m->frozen.asm_src, ".h");
        err = s ? fmt_blob_write_asm_header(s, &o, len) : FMT_ERR_NOMEM;
        s = err == 0 ? deploy_add(d, m->frozen.asm_src, NULL) : NULL;
        err = err ? err : s ? fmt_blob_write_asm(s, &o, m->output.bundle, len) : FMT_ERR_NOMEM;
    }
    if (err == 0 && m->frozen.python != NULL) {
        s = deploy_add(d, m->frozen.python, NULL);
        err = s ? fmt_blob_write_py(s, &o, bundle, len) : FMT_ERR_NOMEM;
    }
    if (err < 0) {
        snprintf(why, why_len, "%s: frozen outputs: %s", m->path, fmt_strerror(err));
        return err == FMT_ERR_INVALID_ARG ? EXIT_CONFIG : EXIT_SOFTWARE;
    }
    return 0;
}

// An address range the DFU writes or the manifest reserves.
struct range {
    uint64_t start, end;
    const char *what;
};

// Firmware, bundle and ROMFS partition must not share flash, whether or
// not the DFU carries each of them.
static int check_overlaps(const struct manifest *m, const struct range *r, size_t n, char *why,
                          size_t why_len)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (r[i].start < r[j].end && r[j].start < r[i].end) {
                snprintf(why, why_len,
                         "%s: dfu: the %s [0x%08llx, 0x%08llx) overlaps the %s [0x%08llx, "
                         "0x%08llx)",
                         m->path, r[i].what, (unsigned long long)r[i].start,
                         (unsigned long long)r[i].end, r[j].what, (unsigned long long)r[j].start,
                         (unsigned long long)r[j].end);
                return EXIT_CONFIG;
            }
        }
    }
    return 0;
}

// The elements in the order of the manifest (firmware, bundle, ROMFS
// image), and in `r` the ranges to check.
static size_t dfu_elements(const struct manifest *m, const uint8_t *fw, size_t fw_len,
                           const uint8_t *bundle, size_t len, const uint8_t *romfs,
                           size_t romfs_len, struct fmt_dfuse_element *el, struct range *r,
                           size_t *nr)
{
    size_t n = 0;
    *nr = 0;
    if (fw != NULL && fw_len > 0) {
        el[n++] = (struct fmt_dfuse_element){m->dfu.firmware_address, fw, fw_len};
        r[(*nr)++] =
            (struct range){m->dfu.firmware_address, (uint64_t)m->dfu.firmware_address + fw_len,
                           "firmware (dfu.firmware_address)"};
    }
    if (m->dfu.has_bundle) {
        el[n++] = (struct fmt_dfuse_element){m->dfu.bundle_address, bundle, len};
        r[(*nr)++] = (struct range){m->dfu.bundle_address, (uint64_t)m->dfu.bundle_address + len,
                                    "bundle (dfu.bundle_address)"};
    }
    if (m->romfs.has_address) {
        size_t part = m->romfs.size > romfs_len ? m->romfs.size : romfs_len;
        r[(*nr)++] = (struct range){m->romfs.address, (uint64_t)m->romfs.address + part,
                                    "ROMFS partition (romfs.address)"};
    }
    if (m->dfu.romfs) {
        el[n++] = (struct fmt_dfuse_element){m->romfs.address, romfs, romfs_len};
    }
    return n;
}

int deploy_make_dfu(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                    const uint8_t *romfs, size_t romfs_len, char *why, size_t why_len)
{
    if (m->dfu.file == NULL) {
        return 0;
    }
    uint8_t *fw = NULL;
    size_t fw_len = 0;
    if (m->dfu.firmware != NULL) {
        int rc = file_read(m->dfu.firmware, &fw, &fw_len, why, why_len);
        if (rc != 0) {
            return rc;
        }
    }
    struct fmt_dfuse_element el[3];
    struct range r[3];
    size_t nr;
    size_t n = dfu_elements(m, fw, fw_len, bundle, len, romfs, romfs_len, el, r, &nr);
    int rc = check_overlaps(m, r, nr, why, why_len);
    if (rc != 0) {
        free(fw);
        return rc;
    }
    struct fmt_dfuse_target t = {0, m->dfu.target_name ? m->dfu.target_name : "rasterd", el, n};
    struct fmt_dfuse_device dev = {(uint16_t)m->dfu.vendor_id, (uint16_t)m->dfu.product_id,
                                   (uint16_t)m->dfu.bcd_device};
    struct fmt_sink *s = deploy_add(d, m->dfu.file, NULL);
    int err = s ? fmt_dfuse_write(s, &dev, &t, 1, NULL) : FMT_ERR_NOMEM;
    free(fw);
    if (err < 0) {
        snprintf(why, why_len, "%s: dfu: %s%s", m->path, fmt_strerror(err),
                 err == FMT_ERR_RANGE ? " (an element passes the 32-bit address space)" : "");
        return err == FMT_ERR_NOMEM ? EXIT_SOFTWARE : EXIT_CONFIG;
    }
    return 0;
}

int deploy_make(struct deploy *d, const struct manifest *m, const struct deploy_output *built,
                size_t nbuilt, char *why, size_t why_len)
{
    const uint8_t *bundle = built[0].data;
    size_t len = built[0].len;
    int rc = emit_frozen(d, m, bundle, len, why, why_len);
    rc = rc ? rc : deploy_mpy_make(d, m, built, nbuilt, why, why_len);
    const struct fmt_membuf *romfs = NULL;
    for (size_t i = 0; rc == 0 && m->romfs.file != NULL && i < d->count; i++) {
        if (strcmp(d->file[i].name, m->romfs.file) == 0) {
            romfs = &d->file[i].buf;
        }
    }
    return rc ? rc
              : deploy_make_dfu(d, m, bundle, len, romfs ? romfs->data : NULL,
                                romfs ? romfs->len : 0, why, why_len);
}
