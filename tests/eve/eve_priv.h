// Private to the EVE model: the chip's state and the calls between its parts.
#ifndef EVE_PRIV_H
#define EVE_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "eve_model.h"

// Coprocessor commands (FT81x programming guide, chapter 5; codes as in
// Bridgetek's EVE_GpuDefs and RudolphRiedel's EVE.h).
#define CMD_DLSTART  0xFFFFFF00u
#define CMD_SWAP     0xFFFFFF01u
#define CMD_TEXT     0xFFFFFF0Cu
#define CMD_MEMWRITE 0xFFFFFF1Au
#define CMD_INFLATE  0xFFFFFF22u
#define CMD_GETPTR   0xFFFFFF23u
#define CMD_SETFONT2 0xFFFFFF3Bu
#define CMD_SETFONT  0xFFFFFF2Bu // FT80x's; the FT81x keeps it

// Display-list opcodes, bits 31:24 (FT81x programming guide, chapter 4).
enum {
    DL_DISPLAY = 0x00,
    DL_BITMAP_SOURCE = 0x01,
    DL_CLEAR_COLOR_RGB = 0x02,
    DL_TAG = 0x03,
    DL_COLOR_RGB = 0x04,
    DL_BITMAP_HANDLE = 0x05,
    DL_CELL = 0x06,
    DL_BITMAP_LAYOUT = 0x07,
    DL_BITMAP_SIZE = 0x08,
    DL_ALPHA_FUNC = 0x09,
    DL_BLEND_FUNC = 0x0B,
    DL_CLEAR_COLOR_A = 0x0F,
    DL_COLOR_A = 0x10,
    DL_CLEAR_TAG = 0x12,
    DL_TAG_MASK = 0x14,
    DL_BITMAP_TRANSFORM_A = 0x15,
    DL_BITMAP_TRANSFORM_F = 0x1A,
    DL_SCISSOR_XY = 0x1B,
    DL_SCISSOR_SIZE = 0x1C,
    DL_BEGIN = 0x1F,
    DL_COLOR_MASK = 0x20,
    DL_END = 0x21,
    DL_SAVE_CONTEXT = 0x22,
    DL_RESTORE_CONTEXT = 0x23,
    DL_CLEAR = 0x26,
    DL_VERTEX_FORMAT = 0x27,
    DL_BITMAP_LAYOUT_H = 0x28,
    DL_BITMAP_SIZE_H = 0x29,
    DL_PALETTE_SOURCE = 0x2A,
    DL_VERTEX_TRANSLATE_X = 0x2B,
    DL_VERTEX_TRANSLATE_Y = 0x2C,
    DL_NOP = 0x2D,
    DL_BITMAP_EXT_FORMAT = 0x2E, // BT81x
    DL_BITMAP_SWIZZLE = 0x2F,    // BT81x
};
#define PRIM_BITMAPS 1u
#define PRIM_RECTS   9u

// One bitmap handle's parameters (BITMAP_SOURCE/LAYOUT/SIZE and their _H).
struct eve_handle {
    uint32_t source;        // byte address, BITMAP_SOURCE bits as given
    unsigned format;        // BITMAP_LAYOUT format code
    uint32_t stride;        // bytes per row (12 bits with LAYOUT_H)
    uint32_t layout_height; // rows per cell (11 bits with LAYOUT_H)
    unsigned filter, wrapx, wrapy;
    uint32_t width, height; // drawn size in pixels (11 bits with SIZE_H; 0 = 2048)
    uint32_t ext_format;    // BITMAP_EXT_FORMAT (BT81x), valid if ext_set
    int ext_set;
    uint32_t swizzle; // BITMAP_SWIZZLE (BT81x), valid if swizzle_set (GLFORMAT only)
    int swizzle_set;
    uint32_t palette; // PALETTE_SOURCE when drawn (graphics context, copied in by eve_dl.c)
};

// A texel: 8-bit straight colour and alpha.
struct eve_rgba {
    uint8_t r, g, b, a;
};

// Graphics context (the part SAVE_CONTEXT / RESTORE_CONTEXT keep).
struct eve_gc {
    struct eve_rgba color, clear;
    unsigned blend_src, blend_dst;
    unsigned handle, cell;
    unsigned vertex_frac;             // VERTEX_FORMAT: fraction bits of VERTEX2F
    int32_t translate_x, translate_y; // 1/16 px
    int32_t scissor_x, scissor_y, scissor_w, scissor_h;
    unsigned color_mask;     // bit 3 r, 2 g, 1 b, 0 a
    uint32_t palette_source; // PALETTE_SOURCE, 22 bits
};

// A font registered with CMD_SETFONT2: legacy, or extended format 1.
struct eve_font {
    int set;
    int xfont;          // 1: extended font format 1 (eve_xfont.c)
    uint32_t ptr;       // address of the 148-byte metric block / the font block
    uint32_t firstchar; // code of the first glyph at the block's pointer
};

enum copro_state { COPRO_IDLE, COPRO_MEMWRITE, COPRO_INFLATE };

struct eve_model {
    uint8_t ram_g[EVE_RAM_G_SIZE];
    uint8_t ram_dl[EVE_RAM_DL_SIZE];
    uint8_t reg[EVE_RAM_REG_SIZE];
    uint8_t ram_cmd[EVE_RAM_CMD_SIZE];

    // SPI transaction in progress.
    enum { SPI_IDLE, SPI_HEADER, SPI_WRITE, SPI_DUMMY, SPI_READ, SPI_COMMAND } spi;
    uint8_t hdr[3];
    unsigned hdr_len;
    uint32_t addr;
    unsigned touched; // registers written in this transaction (bits below)

    // Coprocessor.
    uint32_t cmd_read, cmd_write; // FIFO offsets
    uint32_t cmd_dl;              // REG_CMD_DL
    int fault, in_reset, expect_fault;
    enum copro_state copro;
    uint32_t dest, remaining, pad; // MEMWRITE / INFLATE destination and bytes left
    uint32_t consumed;             // INFLATE: stream bytes consumed so far
    int z_ready;
    z_stream z;
    uint32_t last_ptr; // end address of the last CMD_INFLATE (CMD_GETPTR)
    struct eve_font fonts[32];

    // Rendering.
    struct eve_handle handles[32];
    unsigned width, height;
    uint8_t *rgba;  // working frame buffer, 4 bytes per pixel
    uint8_t *frame; // last finished frame, RGB

    struct eve_stats stats;
    char error[256];

    // ASTC (eve_astc.c): libastcenc decoders per block size, and decoded
    // blocks by address.
    void *astc_ctx[14];
    struct eve_astc_cached {
        uint32_t addr, ext; // ext 0: empty
        uint8_t block[16];
        struct eve_rgba texel[144];
    } astc_cache[64];
};

#define TOUCH_CMD_WRITE 1u
#define TOUCH_DLSWAP    2u
#define TOUCH_CPURESET  4u
#define TOUCH_CMD_READ  8u

// Records the first error (printf-style); later ones are dropped.
void eve_fail(struct eve_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

uint32_t eve_load32(const uint8_t *p);
void eve_store32(uint8_t *p, uint32_t v);
// A byte of RAM_G at a 22-bit address (0 past the end of RAM_G, as unmapped).
uint8_t eve_ram_g_byte(const struct eve_model *m, uint32_t addr);

// eve_copro.c: run the FIFO until it is empty, stalls on missing data or
// faults; reset after REG_CPURESET.
void eve_copro_run(struct eve_model *m);
void eve_copro_reset(struct eve_model *m);
// Appends a display-list word at REG_CMD_DL, as the coprocessor does.
void eve_copro_dl(struct eve_model *m, uint32_t word);

// eve_text.c: CMD_SETFONT2 and CMD_TEXT. `s` is the NUL-terminated string.
void eve_text_setfont2(struct eve_model *m, uint32_t font, uint32_t ptr, uint32_t firstchar);
// CMD_SETFONT(font, ptr): the metric block only; the bitmap handle is the
// application's (FT800 programming guide, CMD_SETFONT).
void eve_text_setfont(struct eve_model *m, uint32_t font, uint32_t ptr);
void eve_text_draw(struct eve_model *m, int32_t x, int32_t y, uint32_t font, uint32_t options,
                   const uint8_t *s);

// eve_xfont.c: extended fonts (format 1, BT81x): CMD_SETFONT2 when the
// block at `ptr` has the signature 0x0100AAFF (returns 1; 0: not one), and
// CMD_TEXT with its UTF-8.
#define EVE_XFONT_SIGNATURE 0x0100AAFFu
int eve_xfont_setfont2(struct eve_model *m, uint32_t font, uint32_t ptr, uint32_t firstchar);
void eve_xfont_draw(struct eve_model *m, int32_t x, int32_t y, uint32_t font, uint32_t options,
                    const uint8_t *s);
uint32_t eve_ram_g_u32(const struct eve_model *m, uint32_t addr);

// eve_dl.c: renders RAM_DL into the frame (on DLSWAP).
void eve_dl_render(struct eve_model *m);

// eve_bitmap.c: the texel at (u, v) of `cell` of handle `h` (transparent
// black outside the layout under BORDER). Returns 0, or -1 for a format the
// model does not know (an error was recorded).
int eve_bitmap_texel(struct eve_model *m, const struct eve_handle *h, uint32_t cell, int32_t u,
                     int32_t v, struct eve_rgba *out);
// Bits per pixel of a format, 0 if unknown.
unsigned eve_bitmap_bpp(unsigned format);

// eve_astc.c: the texel at (u, v) of an ASTC bitmap (format ext), blocks in
// the order the BT81x reads them; 0, or -1 with an error recorded.
int eve_astc_texel(struct eve_model *m, const struct eve_handle *h, uint32_t cell, int32_t u,
                   int32_t v, struct eve_rgba *out);
// Frees the decoders.
void eve_astc_finish(struct eve_model *m);
// eve_astc_codec.cpp: libastcenc decodes one 16-byte block of bw x bh
// texels into `rgba` (4 bytes each), creating the decoder for that block
// size in *ctx on first use. 0, or -1 (with a reason in `why`).
int eve_astc_decode(void **ctx, unsigned bw, unsigned bh, const uint8_t block[16], uint8_t *rgba,
                    char *why, size_t why_len);
void eve_astc_free(void *ctx);

#endif
