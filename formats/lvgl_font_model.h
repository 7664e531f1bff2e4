// formats private: what the LVGL C and binary font emitters share: glyphs
// with LVGL's metrics and trimmed boxes, their bitmaps in the chosen
// encoding, the line metrics, and the cmap subtables.
#ifndef FMT_LVGL_FONT_MODEL_H
#define FMT_LVGL_FONT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "formats/lvgl_font.h"
#include "font_kern.h"
#include "glyph/glyphset.h"
#include "lvgl_rle.h"

// lv_font_fmt_txt_cmap_type_t values.
enum lvgl_cmap_type {
    LVGL_CMAP_FORMAT0_FULL = 0,
    LVGL_CMAP_SPARSE_FULL = 1,
    LVGL_CMAP_FORMAT0_TINY = 2,
    LVGL_CMAP_SPARSE_TINY = 3,
};

// Code points of glyphs first .. first + count - 1 (glyph ids first + 1 ..:
// id 0 is LVGL's "no glyph"), as one cmap subtable.
struct lvgl_cmap {
    enum lvgl_cmap_type type;
    size_t first;
    size_t count;
    uint32_t range_start;  // code point of glyph `first`
    uint32_t range_length; // last code point - range_start + 1
};

// Cmap subtables of at most LVGL_CMAP_MAX per font (lv_font_fmt_txt_dsc_t's
// 9-bit cmap_num), ranges of at most 65535 code points.
#define LVGL_CMAP_MAX 511u

// Splits the sorted code points cps[0..n) into subtables so that their
// binary size (16 bytes each plus 1 byte per code point of a format 0
// range or 2 per entry of a sparse list) is smallest. Returns the count
// written to *out (malloc'd; free()), or FMT_ERR_NOMEM.
int lvgl_cmap_split(const uint32_t *cps, size_t n, struct lvgl_cmap **out, size_t *nout);

struct lvgl_glyph {
    uint32_t cp;
    uint32_t adv;          // advance, whole pixels
    int32_t ofs_x;         // pen x to the box's left column
    int32_t ofs_y;         // baseline to the box's bottom row, up positive
    uint32_t box_w, box_h; // ink box; 0 x 0 for blank glyphs
    uint32_t ink_x, ink_y; // the ink box's corner in the glyph set's bitmap
    size_t offset;         // byte in lvgl_font_model.data where its encoding starts
    size_t nbits;          // bits of its bitmap; 0 when blank
};

enum lvgl_kern_kind { LVGL_KERN_NONE, LVGL_KERN_PAIRS, LVGL_KERN_CLASSES };

struct lvgl_font_model {
    struct glyph_set_metrics metrics; // the set's (strings owned by the set)
    unsigned bpp;
    enum fmt_lvgl_bitmaps bitmaps; // never SMALLEST
    size_t count;                  // glyphs; glyph i has LVGL glyph id i + 1
    struct lvgl_glyph *glyphs;
    // After lvgl_model_encode: the glyphs' encodings, each starting on a
    // byte, with what the prefix hook wrote before each.
    uint8_t *data;
    size_t data_len;
    struct lvgl_rle *rle; // the RLE tables for bpp 2 and 4, else NULL
    int32_t ascent;       // line top above the baseline (>= 0)
    int32_t descent;      // line bottom, below the baseline (<= 0)
    struct lvgl_cmap *cmaps;
    size_t ncmaps;
    int needs_large; // a glyph value exceeds LVGL's default (not LARGE) fields
    // Kerning (lvgl_kern.c): font_kern's pairs and classes (glyph index =
    // id - 1), the form LVGL gets, its values' step in pixels, its bytes.
    struct font_kern kern;
    enum lvgl_kern_kind kern_kind;
    uint32_t kern_unit; // 1 unless a value exceeds int8_t (then lossy)
    int kern_lossy;
    size_t kern_bytes;
};

// Cost of an encoding for the output the choice is made for.
enum lvgl_target { LVGL_TARGET_C, LVGL_TARGET_BIN };

// Pass 1 over `set` (glyphs sorted by code point, as glyph sets are): the
// glyph records, line metrics, range checks, cmaps, and the bitmap
// encoding (`target` decides what "smallest" measures). Returns 0 or an
// error with `why` set; on error `m` needs no finish.
int lvgl_model_measure(struct lvgl_font_model *m, const struct glyph_set *set,
                       const struct fmt_lvgl_font_opts *opts, enum lvgl_target target, char *why,
                       size_t why_len);

// Called in pass 2 on a byte boundary before glyph i's bitmap: may append
// bits (the binary glyph record's header); the bitmap follows them.
typedef void (*lvgl_prefix_fn)(void *ctx, struct lvgl_bits *out, size_t i);

// Pass 2: every glyph's bitmap into m->data, glyph offsets and bit counts
// set (`prefix` may be NULL). Compressed bitmaps get one spare zero byte at
// the end (LVGL's decompressor may read one byte past a glyph's last bit).
// Returns 0 or FMT_ERR_NOMEM (why set).
int lvgl_model_encode(struct lvgl_font_model *m, const struct glyph_set *set, lvgl_prefix_fn prefix,
                      void *ctx, char *why, size_t why_len);

void lvgl_model_finish(struct lvgl_font_model *m);

// Kerning of `set` into m->kern* (none when the set has no pairs).
// Returns 0, or an error with `why` set.
int lvgl_kern_build(struct lvgl_font_model *m, const struct glyph_set *set, char *why,
                    size_t why_len);
// Pair i's value (m->kern.left[i], right[i]), clamped so that the advance
// stays >= 0, in steps of kern_unit px.
int8_t lvgl_kern_pair_value(const struct lvgl_font_model *m, size_t i);
// The value of left class l and right class r (1-based, as LVGL's).
int8_t lvgl_kern_class_value(const struct lvgl_font_model *m, size_t l, size_t r);
// kern_scale (12.4) for lv_font_fmt_txt_dsc_t / the binary header.
uint32_t lvgl_kern_scale(const struct lvgl_font_model *m);

// Smallest n with -2^(n-1) <= v < 2^(n-1) (at least 1), and with 0 <= v <
// 2^n (0 for v == 0).
unsigned lvgl_signed_bits(int32_t v);
unsigned lvgl_unsigned_bits(uint32_t v);

#endif
