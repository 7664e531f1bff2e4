// rasterd: what manifest.c shares with the files that parse one optional
// part of the manifest each (manifest_mpy.c). Private to the manifest code.
// The helpers behave as documented in manifest.c: errors are EXIT_CONFIG
// with c->why set to "FILE:LINE: KEY.PATH: reason".
#ifndef RASTERD_MANIFEST_PARSE_H
#define RASTERD_MANIFEST_PARSE_H

#include <libconfig.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

struct mctx {
    struct manifest *m;
    const char *file;
    char *why;
    size_t why_len;
};

int manifest_fail(struct mctx *c, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
// Rejects keys of group `g` that are not in the NULL-terminated `allowed`.
int manifest_check_keys(struct mctx *c, const config_setting_t *g, const char *const *allowed);
// Optional (unless `required`) members of group `g`; unchanged when absent.
int manifest_get_u32(struct mctx *c, const config_setting_t *g, const char *key, uint32_t *out,
                     uint32_t min, uint32_t max, int required);
int manifest_get_str(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                     int required);
int manifest_get_path(struct mctx *c, const config_setting_t *g, const char *key, char **out,
                      int required);
int manifest_get_bool(struct mctx *c, const config_setting_t *g, const char *key, int *out);
int manifest_get_pow2(struct mctx *c, const config_setting_t *g, const char *key, uint32_t *out,
                      uint32_t min, uint32_t max);
const char *manifest_type_name(int type);
// "file" (one path), or with `chain` "files" (an array: a fallback chain),
// resolved against the manifest's folder and appended to *files.
int manifest_get_files(struct mctx *c, const config_setting_t *g, char ***files, size_t *nfiles,
                       int chain);
// size or line_height, chars (default "0x20-0x7E"), bpp (default 4), face.
int manifest_get_font_keys(struct mctx *c, const config_setting_t *g, struct mf_font_keys *f);

// MicroPython deployment (issue 10, manifest_mpy.c): the `romfs` group and
// the checks of frozen.manifest and dfu.romfs; runs after frozen and dfu.
int manifest_parse_mpy(struct mctx *c, const config_setting_t *root);
void manifest_finish_mpy(struct manifest *m);

// The EVE font keys of one `fonts` element (manifest_font.c): layout,
// format, fallback, samples. Runs after bpp; may change a->format and a->bpp.
int manifest_parse_font_eve(struct mctx *c, const config_setting_t *g, struct mf_asset *a);
void manifest_finish_font_eve(struct mf_asset *a);

// EVE (issue 13, manifest_eve.c): target.chip, and the image formats the
// chip can draw; runs after the asset lists.
int manifest_parse_eve(struct mctx *c, const config_setting_t *root);
// An image format name ("RGB565", "PALETTED8", "ASTC_6x6"; libglyph's
// names and aliases and EVE's, in any case) to its BUNDLE_FMT_* code, bits
// per pixel and BITMAP_EXT_FORMAT code (0 unless ASTC); 0, or -1 if
// unknown or not carried by a bundle (outputs unchanged).
int manifest_image_format(const char *name, unsigned *format, unsigned *bpp, uint32_t *ext);
// The accepted names (EVE's names of libglyph's formats a bundle carries,
// then the paletted and ASTC ones), comma-separated, into `buf`, for
// messages; cut at `len`.
void manifest_image_formats(char *buf, size_t len);

// LVGL outputs (issue 12, manifest_lvgl.c): the `lvgl` group. Its output
// names are checked with the others (manifest_check_outputs).
int manifest_parse_lvgl(struct mctx *c, const config_setting_t *root);
void manifest_finish_lvgl(struct manifest *m);

// manifest_outputs.c: at load, after every group is parsed, refuses
// (EXIT_CONFIG) an output name manifest_output_problem rejects, naming the
// key, and two outputs with one name, naming both keys and their lines.
int manifest_check_outputs(struct mctx *c, const config_setting_t *root)
    __attribute__((warn_unused_result));

#endif
