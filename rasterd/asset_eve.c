// The EVE steps of a build around linking (assets.h, issue 13): paletted
// images' palettes become pieces of their own, every asset gets at least
// the alignment an EVE needs, and after linking every asset is checked
// against the manifest's chip with the same code that writes its ready
// words (fmt_eve_words), so nothing is emitted that the chip cannot draw.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "exitcodes.h"
#include "formats/eve.h"

static int is_paletted(const struct fmt_asset *a)
{
    return a->kind == BUNDLE_KIND_IMAGE && a->format >= BUNDLE_FMT_PALETTED565 &&
           a->format <= BUNDLE_FMT_PALETTED8;
}

// Bytes per palette entry of a paletted format.
static uint32_t entry_size(unsigned format)
{
    return format == BUNDLE_FMT_PALETTED8 ? 4 : 2;
}

// Moves the palette at the start of image `img`'s bytes into `pal`.
static int split(const struct manifest *m, struct fmt_asset *img, struct fmt_asset *pal, char *why,
                 size_t why_len)
{
    uint32_t bytes = img->aux1 * entry_size(img->format);
    size_t len = strlen(img->name);
    if (len + 4 >= sizeof(pal->name)) { // the manifest refuses such names first
        snprintf(why, why_len, "%s: image '%s': name too long for its palette '<name>_lut'",
                 m->path, img->name);
        return EXIT_DATAERR;
    }
    uint8_t *indices = bytes < img->size ? malloc(img->size - bytes) : NULL;
    uint8_t *lut = bytes > 0 ? malloc(bytes) : NULL;
    if (indices == NULL || lut == NULL) {
        free(indices);
        free(lut);
        snprintf(why, why_len, "%s: image '%s': out of memory or no palette", m->path, img->name);
        return EXIT_SOFTWARE;
    }
    memcpy(lut, img->data, bytes);
    memcpy(indices, img->data + bytes, img->size - bytes);
    *pal = (struct fmt_asset){.kind = BUNDLE_KIND_PALETTE,
                              .format = img->format,
                              .width = img->aux1,
                              .height = 1,
                              .stride = entry_size(img->format),
                              .aux1 = img->aux1,
                              .aux2 = 8 * entry_size(img->format),
                              .encoding = img->encoding,
                              .data = lut,
                              .size = bytes};
    memcpy(pal->name, img->name, len);
    memcpy(pal->name + len, "_lut", 5);
    free((void *)img->data);
    img->data = indices;
    img->size -= bytes;
    return 0;
}

int asset_eve_prepare(const struct manifest *m, struct fmt_asset **assets, size_t *n, char *why,
                      size_t why_len)
{
    size_t count = *n, palettes = 0;
    for (size_t i = 0; i < count; i++) {
        palettes += is_paletted(&(*assets)[i]);
    }
    if (palettes > 0) {
        struct fmt_asset *grown = realloc(*assets, (count + palettes) * sizeof(*grown));
        if (grown == NULL) {
            snprintf(why, why_len, "%s: out of memory", m->path);
            return EXIT_SOFTWARE;
        }
        *assets = grown;
        for (size_t i = 0; i < count; i++) {
            if (is_paletted(&grown[i])) {
                int rc = split(m, &grown[i], &grown[*n], why, why_len);
                if (rc != 0) {
                    return rc;
                }
                *n += 1;
            }
        }
    }
    for (size_t i = 0; i < *n; i++) {
        struct fmt_asset *a = &(*assets)[i];
        uint32_t min = fmt_eve_min_align(a->kind, a->format);
        a->align = a->align > min ? a->align : min;
    }
    return 0;
}

static const struct fmt_asset *find(const struct fmt_asset *assets, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(assets[i].name, name) == 0) {
            return &assets[i];
        }
    }
    return NULL;
}

int asset_eve_linked(const struct manifest *m, struct fmt_asset *assets, size_t n, char *why,
                     size_t why_len)
{
    for (size_t i = 0; i < n; i++) {
        struct fmt_asset *a = &assets[i];
        if (is_paletted(a)) {
            char name[BUNDLE_NAME_SIZE + 4];
            snprintf(name, sizeof(name), "%s_lut", a->name);
            const struct fmt_asset *pal = find(assets, n, name);
            a->aux0 = pal != NULL ? pal->addr : 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        // Without a chip: the limits every FT81x/BT81x has, at any address.
        struct fmt_asset a = assets[i];
        unsigned chip = m->target.chip;
        if (chip == 0) {
            chip = FMT_EVE_FT81X;
            a.addr = 0;
        }
        struct fmt_eve_words w;
        char msg[512];
        if (fmt_eve_words(&a, chip, &w, msg, sizeof(msg)) != 0) {
            snprintf(why, why_len, "%s: %s", m->path, msg);
            return EXIT_DATAERR;
        }
    }
    return 0;
}
