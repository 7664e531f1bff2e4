// formats private: the two compressions LVGL's image decoder reads (LVGL's
// RLE and LZ4 blocks), for lvgl_image.c.
#ifndef FMT_LVGL_IMAGE_ZIP_H
#define FMT_LVGL_IMAGE_ZIP_H

#include <stddef.h>
#include <stdint.h>

// LVGL's image RLE over blocks of `blk` bytes (one pixel; 1..4): a control
// byte c with bit 7 set is followed by c & 0x7F literal blocks; with bit 7
// clear, by one block that repeats c times (1..127). A last partial block
// (len not a multiple of blk) is padded with zeros and always stored as a
// literal, because LVGL's decoder writes the bytes of an overflowing
// literal but drops an overflowing repeat. Writes into `*out` (malloc'd,
// the caller frees) and returns 0, or FMT_ERR_NOMEM / FMT_ERR_INVALID_ARG.
int lvgl_image_rle_encode(const uint8_t *in, size_t len, unsigned blk, uint8_t **out,
                          size_t *out_len);

// One LZ4 block (no frame), as LZ4_decompress_safe reads it. Same contract
// as lvgl_image_rle_encode; FMT_ERR_RANGE past LZ4's input limit.
int lvgl_image_lz4_encode(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len);

#endif
