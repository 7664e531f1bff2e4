// rasterd: the asset manifest (DIR/rasterd.conf, libconfig syntax), parsed
// and checked into plain structs. Reference: docs/manifest.md.
#ifndef RASTERD_MANIFEST_H
#define RASTERD_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "wire/bundle_wire.h"

struct fmt_lvgl_cf;

#define MANIFEST_NAME "rasterd.conf"

struct mf_asset {
    unsigned kind; // BUNDLE_KIND_*
    char name[BUNDLE_NAME_SIZE];
    int line;     // manifest line of the asset's group
    char **files; // resolved paths; raw and image: 1, font: fallback chain
    size_t nfiles;
    uint32_t align; // 0: the kind's rule
    int fixed;      // address given
    uint32_t address;
    // image
    unsigned format;     // BUNDLE_FMT_*
    uint32_t ext_format; // BUNDLE_FMT_GLFORMAT (ASTC images, extended fonts' ASTC glyphs):
                         // the BITMAP_EXT_FORMAT code 37808..37821; else 0
    int dither;
    // font
    uint32_t size_px;     // em size in pixels (0 if line_height is used)
    uint32_t line_height; // wanted line height in pixels (0 if size is used)
    char *chars;          // character selection, glyph_charset_parse syntax
    unsigned bpp;         // font: 1, 2, 4, 8; image: bits per pixel of the format
    unsigned face_index;
    unsigned compress; // BUNDLE_ENC_PLAIN or BUNDLE_ENC_ZLIB (key "compress")
    // font, EVE layout and Unicode keys (manifest_font.c)
    unsigned layout;   // MF_LAYOUT_EVE_LEGACY (default) or MF_LAYOUT_EVE_EXTENDED
    int has_fallback;  // fallback given
    uint32_t fallback; // eve-legacy: code point drawn for characters the font lacks
    char **samples;    // text the font must cover (UTF-8), checked at build time
    size_t nsamples;
};

#define MF_LAYOUT_EVE_LEGACY   0u // 148-byte metric block, up to 127 code points (FT81x+)
#define MF_LAYOUT_EVE_EXTENDED 1u // extended font format 1, any code points (BT81x+)

// How a font is rendered (the keys fonts and lvgl.fonts share).
struct mf_font_keys {
    uint32_t size_px;     // em size in pixels (0 if line_height is used)
    uint32_t line_height; // wanted line height in pixels (0 if size is used)
    unsigned face_index;
    char *chars; // character selection, glyph_charset_parse syntax
    unsigned bpp;
};

// An LVGL font (issue 12, parsed in manifest_lvgl.c; docs/manifest.md):
// <symbol>.c, and <symbol>.bin when `binary`, in output.dir.
struct mf_lvgl_font {
    char *symbol; // the lv_font_t's name: a C identifier
    int line;     // manifest line of its group
    char **files; // resolved paths: the fallback chain
    size_t nfiles;
    struct mf_font_keys keys;
    int kerning;
    int bitmaps;    // enum fmt_lvgl_bitmaps
    char *fallback; // NULL, or the lv_font_t LVGL falls back to
    int binary;     // also the binary font for lv_binfont_create
    int hinting;    // enum glyph_hinting; default GLYPH_HINT_AUTO (lv_font_conv's)
    int quantize;   // enum glyph_quantize; default GLYPH_QUANT_TRUNCATE
};

// An LVGL image (issue 12, parsed in manifest_lvgl.c; docs/manifest.md):
// <symbol>.c (an lv_image_dsc_t), and <symbol>.bin when `binary`.
struct mf_lvgl_image {
    char *symbol; // the lv_image_dsc_t's name: a C identifier
    int line;     // manifest line of its group
    char *file;   // resolved path of the PNG
    const struct fmt_lvgl_cf *cf;
    unsigned stride_align; // 1..256, a power of two
    int compress;          // enum fmt_lvgl_compress
    int dither;            // Floyd-Steinberg
    int premultiply;       // colour premultiplied by alpha (formats with alpha)
    int binary;            // also the .bin image for LVGL's file decoder
};

// A file the manifest adds to the ROMFS image.
struct mf_romfs_file {
    char *path; // resolved host path
    char *name; // path inside the image ("lib/driver.py")
    int line;   // manifest line naming it
};

struct manifest {
    char *path; // the manifest file
    char *dir;  // folder holding it; relative paths resolve against it
    struct {
        char *name;
        uint32_t id; // given or derived from the name
        uint32_t base, size;
        uint32_t kind_align[4]; // index BUNDLE_KIND_*, 0: default
        unsigned chip;          // FMT_EVE_* (target.chip, manifest_eve.c); default FT81x
    } target;
    struct {
        uint32_t chunk_size;
        uint32_t security_version;
        char *key;        // resolved path, or NULL when not given
        int compress_all; // compress = "zlib": the whole payload as one zlib segment
    } bundle;
    struct {
        char *dir;    // resolved output folder
        char *bundle; // file names inside dir
        char *c_header;
        char *python;
        char *prefix; // C macro prefix
    } output;
    // Deployment outputs of watch mode and build (issue 6); all optional.
    struct {
        char *symbol;  // C symbol / Python name; default "<prefix lowercased>_bundle"
        char *c;       // file names inside output.dir (NULL: not written); the
        char *asm_src; // C and .S variants get a header with the same base name + ".h"
        char *python;
        char *section; // linker section, NULL = default
        uint32_t align;
        char *manifest; // MicroPython manifest fragment freezing `python` and output.python
    } frozen;
    struct {
        char *file;     // inside output.dir; NULL: no DFU
        char *firmware; // resolved path of the firmware image, or NULL
        uint32_t firmware_address;
        uint32_t bundle_address;
        int has_bundle; // bundle_address given (optional when romfs is set)
        int romfs;      // the ROMFS image as an element at romfs.address
        uint32_t vendor_id, product_id, bcd_device;
        char *target_name; // DfuSe target name, default "rasterd"
    } dfu;
    // ROMFS image (issue 10; parsed in manifest_mpy.c). Optional.
    struct {
        char *file;                  // inside output.dir; NULL: no image
        uint32_t align;              // data alignment inside the image, default 4
        int has_address;             // address given
        uint32_t address;            // partition address (flash), aligned to `align`
        uint32_t size;               // partition bytes; 0: not given
        char **outputs;              // outputs stored at the image root, by file name;
        size_t noutputs;             // default: output.bundle and output.python
        struct mf_romfs_file *files; // other files, in manifest order
        size_t nfiles;
    } romfs;
    struct {
        char *post_build; // shell command run in the manifest's folder after a build
    } watch;
    // LVGL outputs (issue 12; manifest_lvgl.c). Optional.
    struct {
        char *header; // inside output.dir: declares every LVGL font and image; NULL: no group
        struct mf_lvgl_font *fonts;
        size_t nfonts;
        struct mf_lvgl_image *images;
        size_t nimages;
    } lvgl;
    struct mf_asset *assets; // fonts, then images, then raw, each in manifest order
    size_t nassets;
};

// Reads and checks `path`. Returns 0, or EXIT_NOINPUT (manifest missing) or
// EXIT_CONFIG with `why` as "FILE:LINE: KEY.PATH: reason".
int manifest_load(const char *path, struct manifest *m, char *why, size_t why_len)
    __attribute__((warn_unused_result));

// Frees everything manifest_load allocated; safe on a zeroed struct.
void manifest_finish(struct manifest *m);

#endif
