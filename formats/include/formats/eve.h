// formats: what an EVE display controller (FT80x, FT81x, BT81x) can draw
// from a linked asset: the chip families and their bitmap limits, the
// formats each one has, the minimum alignment of each kind of asset, the
// ASTC block order the BT81x reads, and the ready display-list words
// (BITMAP_SOURCE, BITMAP_LAYOUT/_H, BITMAP_SIZE/_H, BITMAP_EXT_FORMAT,
// PALETTE_SOURCE) and CMD_SETFONT2 arguments that assets.h and assets.py
// carry, so that firmware composes no bit fields itself.
//
// Sources (docs/manifest.md, "Ready words", cites them in full): the word
// encodings are those of Bridgetek's EveApps (EVE_GpuDefs.h); the limits and
// formats per chip those of the FT800 and FT81x/BT81x programming guides;
// the ASTC block order that of Bridgetek's astc_tile2 (EveApps HAL) and the
// Gameduino asset tools (gd2-asset prep.py, tile2).
#ifndef FMT_EVE_H
#define FMT_EVE_H

#include <stddef.h>
#include <stdint.h>

#include "formats/export.h"
#include "formats/link.h"

#ifdef __cplusplus
extern "C" {
#endif

// Chip families. 0 is "unknown".
enum fmt_eve_chip {
    FMT_EVE_FT80X = 1, // FT800, FT801: 256 KiB RAM_G, 9-bit sizes, no _H words
    FMT_EVE_FT81X = 2, // FT810..FT813: 1 MiB RAM_G, _H words, PALETTED565/4444/8, L2
    FMT_EVE_BT81X = 3, // BT815..BT818: as FT81x, plus BITMAP_EXT_FORMAT and ASTC
};

// Parses a chip name, ignoring ASCII case: "FT80x", "FT800", "FT801";
// "FT81x", "FT810".."FT813"; "BT81x", "BT815".."BT818". 0 if unknown.
FMT_EXPORT unsigned fmt_eve_chip_parse(const char *name);
// "FT80x", "FT81x", "BT81x"; "?" for an unknown value.
FMT_EXPORT const char *fmt_eve_chip_name(unsigned chip);
// RAM_G size in bytes (FT80x 256 KiB, FT81x/BT81x 1 MiB); 0 if unknown.
FMT_EXPORT uint32_t fmt_eve_ram_g_size(unsigned chip);

// ASTC block formats (BITMAP_EXT_FORMAT values, the KHR GL enums
// COMPRESSED_RGBA_ASTC_4x4_KHR .. _12x12_KHR).
#define FMT_EVE_ASTC_FIRST 37808u
#define FMT_EVE_ASTC_LAST  37821u
#define FMT_EVE_ASTC_BLOCK 16u // bytes per block, any block size
// Block width and height of an ASTC code; 0 (and *bw = *bh = 0) if `ext` is
// not one.
FMT_EXPORT int fmt_eve_astc_block(uint32_t ext, unsigned *bw, unsigned *bh);
// The ASTC code of a block size, 0 if ASTC has no such block.
FMT_EXPORT uint32_t fmt_eve_astc_code(unsigned bw, unsigned bh);
// Reorders `cols` x `rows` ASTC blocks (16 bytes each) from raster order
// (`src`, row after row) into the order the BT81x reads them (`dst`, the
// same size): per pair of block rows, per pair of block columns, the four
// blocks (x, y), (x, y+1), (x+1, y+1), (x+1, y); a last odd column gives
// (x, y), (x, y+1); a last odd row follows in raster order. (rasterd pads
// images to even counts, as the Gameduino tools do.) Returns 0, or
// FMT_ERR_INVALID_ARG for a zero size.
FMT_EXPORT int fmt_eve_astc_tile(uint8_t *dst, const uint8_t *src, uint32_t cols, uint32_t rows)
    __attribute__((warn_unused_result));

// 1 if `chip` can draw images of `format` (BUNDLE_FMT_*): L1, L4, L8,
// RGB332, ARGB2, ARGB4, RGB565, ARGB1555 everywhere; L2 and PALETTED565/
// 4444/8 from FT81x on; GLFORMAT (ASTC) on BT81x only.
FMT_EXPORT int fmt_eve_format_supported(unsigned chip, unsigned format);

// The least alignment an asset's first byte needs on any EVE, whatever
// target.align says: font 4 (the metric block's u32 fields), 16-bit images
// and PALETTED565/4444 palettes 2, PALETTED8 palettes 4, ASTC data 64, else 1.
FMT_EXPORT uint32_t fmt_eve_min_align(unsigned kind, unsigned format);

// Ready words. `flags` says which are valid for the asset on the chip.
enum fmt_eve_word {
    FMT_EVE_W_SOURCE = 1u << 0,   // bitmap_source
    FMT_EVE_W_LAYOUT = 1u << 1,   // bitmap_layout, bitmap_size (all bitmaps)
    FMT_EVE_W_H = 1u << 2,        // bitmap_layout_h, bitmap_size_h (FT81x, BT81x)
    FMT_EVE_W_EXT = 1u << 3,      // bitmap_ext_format (BT81x)
    FMT_EVE_W_PALETTE = 1u << 4,  // palette_source (paletted images)
    FMT_EVE_W_PALETTE8 = 1u << 5, // palette_pass[4] (PALETTED8)
    FMT_EVE_W_SETFONT2 = 1u << 6, // setfont2_ptr, setfont2_first (FT81x, BT81x fonts)
    FMT_EVE_W_SETFONT = 1u << 7,  // setfont_ptr (FT80x fonts; with the bitmap words)
};

struct fmt_eve_words {
    unsigned flags; // enum fmt_eve_word
    uint32_t bitmap_source, bitmap_layout, bitmap_layout_h;
    uint32_t bitmap_size, bitmap_size_h; // NEAREST, BORDER, BORDER, width, height
    uint32_t bitmap_ext_format;
    uint32_t palette_source;
    // PALETTED8's four passes, in drawing order: alpha, red, green, blue
    // (PALETTE_SOURCE of the B,G,R,A table + 3, + 2, + 1, + 0).
    uint32_t palette_pass[4];
    uint32_t setfont2_ptr, setfont2_first; // CMD_SETFONT2(handle, ptr, first)
    uint32_t setfont_ptr;                  // CMD_SETFONT(handle, ptr)
};

// Checks linked asset `a` against `chip` and computes its words. Raw assets
// and palettes have none (flags 0). Errors, with `why` naming the asset,
// the chip and the limit: FMT_ERR_INVALID_ARG (unknown chip, a format the
// chip does not have), FMT_ERR_RANGE (a stride, layout height or drawn size
// over the chip's BITMAP_LAYOUT(_H)/BITMAP_SIZE(_H) fields, an address over
// BITMAP_SOURCE's, an FT80x font whose glyph 0 would lie below address 0).
// Limits: FT80x stride <= 1023 bytes, layout height and drawn width/height
// <= 511; FT81x/BT81x stride <= 4095, height and width <= 2047.
FMT_EXPORT int fmt_eve_words(const struct fmt_asset *a, unsigned chip, struct fmt_eve_words *w,
                             char *why, size_t why_len) __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif
