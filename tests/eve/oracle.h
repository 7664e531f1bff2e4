// The independent side of the EVE tests: what a frame must show, computed
// from the sources (FreeType for text, libpng for images) and the rules
// rasterd documents (docs/image-formats.md: conversion, dithering and the
// displayed value of a reduced channel; docs/manifest.md and
// docs/bundle-format.md: how a legacy font's cells hold the glyphs), never
// from rasterd's code or output.
#ifndef EVE_ORACLE_H
#define EVE_ORACLE_H

#include <stddef.h>
#include <stdint.h>

// An RGBA canvas the size of the frame, blended as the EVE blends (see
// eve_dl.c's rule, restated in oracle_canvas_blend).
struct oracle_canvas {
    unsigned width, height;
    uint8_t *rgba;
};

int oracle_canvas_init(struct oracle_canvas *c, unsigned w, unsigned h, const uint8_t bg[3]);
void oracle_canvas_finish(struct oracle_canvas *c);
// Blends colour `rgb` at coverage/alpha `a` (texel alpha times COLOR_A 255)
// over the pixel, with SRC_ALPHA / ONE_MINUS_SRC_ALPHA.
void oracle_canvas_blend(struct oracle_canvas *c, int x, int y, const uint8_t rgb[3], unsigned a);
// Counts pixels whose R, G or B differ from the frame (RGB) by more than
// `tol`; prints the first few to stderr with `what`.
unsigned oracle_canvas_compare(const struct oracle_canvas *c, const uint8_t *frame, unsigned tol,
                               const char *what);
// Peak signal-to-noise ratio in dB of the frame's RGB against the canvas
// over the rectangle at (x, y), w x h; 99 when they are equal.
double oracle_canvas_psnr(const struct oracle_canvas *c, const uint8_t *frame, int x, int y,
                          unsigned w, unsigned h);

// ---- Text (oracle_text.c) ---------------------------------------------------

struct oracle_font;
// Opens `path` at em size `size_px`, or (size_px 0) at the largest em size
// whose line height (rounded ascender - rounded descender) is at most
// `line_height`, with glyphs rendered at `bpp` as docs/user-guide.md says
// (1 bpp: FreeType's monochrome renderer; 2/4/8: anti-aliased coverage
// quantized with (v * max + 127) / 255). Cells hold code points
// first..last. NULL on error (printed).
struct oracle_font *oracle_font_open(const char *path, unsigned size_px, unsigned line_height,
                                     unsigned bpp, unsigned first, unsigned last);
// The same for a font of the code points `set` (nset, sorted; kept, not
// copied): the cell is the widest advance among them.
struct oracle_font *oracle_font_open_set(const char *path, unsigned size_px, unsigned line_height,
                                         unsigned bpp, unsigned first, unsigned last,
                                         const uint32_t *set, size_t nset);
void oracle_font_close(struct oracle_font *f);
// Draws UTF-8 `s` as CMD_TEXT with the font does: cell after cell, top at
// y, pen advancing by each code point's rounded advance.
void oracle_text(struct oracle_canvas *c, const struct oracle_font *f, int x, int y,
                 const uint8_t rgb[3], const char *s);
unsigned oracle_font_em(const struct oracle_font *f);

// ---- Images (oracle_image.c) ------------------------------------------------

// Decodes a PNG to 8-bit RGBA with libpng (malloc'd, caller frees).
uint8_t *oracle_png_load(const char *path, unsigned *w, unsigned *h);
// The colour and alpha the display shows for every pixel of `rgba` stored
// in EVE format `format` (BITMAP_LAYOUT code) with or without
// Floyd-Steinberg dithering: converted, reduced and expanded back as
// docs/image-formats.md says; L formats give alpha with white colour.
// Returns a malloc'd RGBA image, NULL for an unknown format.
uint8_t *oracle_image_shown(const uint8_t *rgba, unsigned w, unsigned h, unsigned format,
                            int dither);
// PSNR in dB of two w x h RGBA images over what shows: colour weighted by
// alpha (c * a / 255) and alpha itself; 99 when equal.
double oracle_rgba_psnr(const uint8_t *a, const uint8_t *b, unsigned w, unsigned h);
// ASTC (oracle_astc.cpp): what a BT81x shows for `rgba` encoded as rasterd
// documents (docs/manifest.md: padded with transparent black to an even
// number of bw x bh blocks each way, astcenc LDR, medium preset, alpha
// weighting, one thread), encoded and decoded here with Arm's libastcenc in
// raster order, cropped to w x h. malloc'd RGBA, NULL on error (printed).
uint8_t *oracle_astc_shown(const uint8_t *rgba, unsigned w, unsigned h, unsigned bw, unsigned bh);
// Blends a shown image at (x, y).
void oracle_draw_image(struct oracle_canvas *c, const uint8_t *shown, unsigned w, unsigned h, int x,
                       int y);

#endif
