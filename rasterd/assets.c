#include "assets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "fileio.h"

static int raw_load(const struct mf_asset *a, struct fmt_asset *out, char *why, size_t why_len)
{
    uint8_t *data;
    size_t len;
    int rc = file_read(a->files[0], 0, &data, &len, NULL, why, why_len);
    if (rc != 0) {
        return rc;
    }
    if (len == 0 || len > UINT32_MAX) {
        snprintf(why, why_len, "%s: raw asset '%s' is empty", a->files[0], a->name);
        free(data);
        return EXIT_DATAERR;
    }
    out->data = data;
    out->size = (uint32_t)len;
    return 0;
}

int assets_load(struct glyph_ctx *ctx, const struct mf_asset *a, const char *manifest,
                struct fmt_asset *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof(*out));
    snprintf(out->name, sizeof(out->name), "%s", a->name);
    out->kind = a->kind;
    out->format = a->format;
    out->align = a->align;
    out->fixed = a->fixed;
    out->fixed_addr = a->address;
    switch (a->kind) {
    case BUNDLE_KIND_RAW:
        return raw_load(a, out, why, why_len);
    case BUNDLE_KIND_FONT:
        return asset_font_load(ctx, a, manifest, out, why, why_len);
    case BUNDLE_KIND_IMAGE:
        return asset_image_load(ctx, a, out, why, why_len);
    default:
        snprintf(why, why_len, "asset '%s': unknown kind", a->name);
        return EXIT_SOFTWARE;
    }
}

void assets_relocate(struct fmt_asset *a)
{
    asset_font_relocate(a);
}
