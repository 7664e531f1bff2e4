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
#include "manifest_outputs.h"

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

// A new output file: `name`, or its header's name (manifest_outputs.h).
static struct fmt_sink *add(struct deploy *d, const char *name, int header)
{
    if (d->count == DEPLOY_MAX) {
        return NULL;
    }
    struct deploy_file *f = &d->file[d->count];
    f->name = header ? manifest_output_header(name) : strdup(name);
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
        s = add(d, m->frozen.c, 1);
        err = s ? fmt_blob_write_c_header(s, &o, len) : FMT_ERR_NOMEM;
        char *hname = err == 0 ? d->file[d->count - 1].name : NULL;
        s = err == 0 ? add(d, m->frozen.c, 0) : NULL;
        err = err ? err : s ? fmt_blob_write_c(s, &o, hname, bundle, len) : FMT_ERR_NOMEM;
    }
    if (err == 0 && m->frozen.asm_src != NULL) {
        s = add(d, m->frozen.asm_src, 1);
        err = s ? fmt_blob_write_asm_header(s, &o, len) : FMT_ERR_NOMEM;
        s = err == 0 ? add(d, m->frozen.asm_src, 0) : NULL;
        err = err ? err : s ? fmt_blob_write_asm(s, &o, m->output.bundle, len) : FMT_ERR_NOMEM;
    }
    if (err == 0 && m->frozen.python != NULL) {
        s = add(d, m->frozen.python, 0);
        err = s ? fmt_blob_write_py(s, &o, bundle, len) : FMT_ERR_NOMEM;
    }
    if (err < 0) {
        snprintf(why, why_len, "%s: frozen outputs: %s", m->path, fmt_strerror(err));
        return err == FMT_ERR_INVALID_ARG ? EXIT_CONFIG : EXIT_SOFTWARE;
    }
    return 0;
}

int deploy_make_dfu(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                    char *why, size_t why_len)
{
    if (m->dfu.file == NULL) {
        return 0;
    }
    uint8_t *fw = NULL;
    size_t fw_len = 0;
    if (m->dfu.firmware != NULL) {
        int rc = file_read(m->dfu.firmware, 0, &fw, &fw_len, NULL, why, why_len);
        if (rc != 0) {
            return rc;
        }
    }
    struct fmt_dfuse_element el[2];
    size_t n = 0;
    if (fw != NULL && fw_len > 0) {
        el[n++] = (struct fmt_dfuse_element){m->dfu.firmware_address, fw, fw_len};
    }
    el[n++] = (struct fmt_dfuse_element){m->dfu.bundle_address, bundle, len};
    struct fmt_dfuse_target t = {0, m->dfu.target_name ? m->dfu.target_name : "rasterd", el, n};
    struct fmt_dfuse_device dev = {(uint16_t)m->dfu.vendor_id, (uint16_t)m->dfu.product_id,
                                   (uint16_t)m->dfu.bcd_device};
    struct fmt_sink *s = add(d, m->dfu.file, 0);
    int err = s ? fmt_dfuse_write(s, &dev, &t, 1, NULL) : FMT_ERR_NOMEM;
    free(fw);
    if (err < 0) {
        snprintf(why, why_len, "%s: dfu: %s%s", m->path, fmt_strerror(err),
                 err == FMT_ERR_INVALID_ARG ? " (firmware and bundle overlap?)" : "");
        return err == FMT_ERR_NOMEM ? EXIT_SOFTWARE : EXIT_CONFIG;
    }
    return 0;
}

int deploy_make(struct deploy *d, const struct manifest *m, const uint8_t *bundle, size_t len,
                char *why, size_t why_len)
{
    int rc = emit_frozen(d, m, bundle, len, why, why_len);
    return rc ? rc : deploy_make_dfu(d, m, bundle, len, why, why_len);
}
