// firmware-loader: UTF-8 text for EVE legacy fonts whose characters rasterd
// placed in slots 1..127 (docs/eve-fonts.md, "Unicode on FT81x"). Header-only,
// freestanding C99 (<stddef.h>, <stdint.h>), -Wconversion clean, no state:
// include it wherever text is prepared for CMD_TEXT.
//
// A font's map is what assets.h generates for it: FWL_EVE_TEXTMAP_ENTRY
// bytes per character, sorted by code point, each the code point as a
// 24-bit little-endian number followed by its slot. The per-font wrappers
// in assets.h (PREFIX_<NAME>_text) call fwl_eve_text_encode with it.
#ifndef FWL_EVE_TEXT_H
#define FWL_EVE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Bytes per map entry: code point (u24, little-endian), then the slot (u8).
#define FWL_EVE_TEXTMAP_ENTRY 4u
// The code point fwl_eve_utf8_next reports for an ill-formed sequence.
#define FWL_EVE_TEXT_INVALID 0xFFFFFFFFu

// Decodes the UTF-8 sequence at s[0..len) (len >= 1): returns how many
// bytes it spans (1..4) and sets *cp. An ill-formed sequence (a stray
// continuation byte, an overlong form, a surrogate, a value above U+10FFFF,
// a sequence cut short) sets *cp to FWL_EVE_TEXT_INVALID and returns the
// length of its maximal subpart (at least 1): the Unicode Standard's "U+FFFD
// substitution of maximal subparts" (chapter 3.9), which is also how
// CPython's bytes.decode("utf-8", "replace") counts replacements.
static inline size_t fwl_eve_utf8_next(const uint8_t *s, size_t len, uint32_t *cp)
{
    uint8_t b = s[0];
    size_t need;
    uint8_t lo = 0x80u, hi = 0xBFu; // range of the second byte
    uint32_t v;
    *cp = FWL_EVE_TEXT_INVALID;
    if (b < 0x80u) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2u && b <= 0xDFu) {
        need = 1;
        v = b & 0x1Fu;
    } else if (b >= 0xE0u && b <= 0xEFu) {
        need = 2;
        v = b & 0x0Fu;
        lo = b == 0xE0u ? 0xA0u : 0x80u;
        hi = b == 0xEDu ? 0x9Fu : 0xBFu;
    } else if (b >= 0xF0u && b <= 0xF4u) {
        need = 3;
        v = b & 0x07u;
        lo = b == 0xF0u ? 0x90u : 0x80u;
        hi = b == 0xF4u ? 0x8Fu : 0xBFu;
    } else {
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            return i;
        }
        v = v << 6 | (uint32_t)(s[i] & 0x3Fu);
        lo = 0x80u;
        hi = 0xBFu;
    }
    *cp = v;
    return need + 1;
}

// The slot of `cp` in `map` (`count` entries), or -1 when it has none.
static inline int fwl_eve_textmap_find(const uint8_t *map, size_t count, uint32_t cp)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const uint8_t *e = map + mid * FWL_EVE_TEXTMAP_ENTRY;
        uint32_t v = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16;
        if (v == cp) {
            return e[3];
        }
        if (v < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

// Turns `len` bytes of UTF-8 `text` into the slot bytes CMD_TEXT draws with
// the font of `map` (`count` entries): one byte per character, the
// character's slot, or `fallback` (1..127) for a character the font lacks,
// for U+0000 and for each ill-formed sequence (see fwl_eve_utf8_next).
// Writes at most out_size - 1 slot bytes and a terminating NUL (nothing when
// out_size is 0), like snprintf. Returns the number of slot bytes the whole
// text needs (excluding the NUL): a return >= out_size means the text was cut
// short. *unmapped (if not NULL) is set to how many characters became
// `fallback`, so that nothing is replaced without the caller knowing.
static inline size_t fwl_eve_text_encode(uint8_t *out, size_t out_size, const char *text,
                                         size_t len, const uint8_t *map, size_t count,
                                         uint8_t fallback, size_t *unmapped)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t n = 0, missing = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        i += fwl_eve_utf8_next(s + i, len - i, &cp);
        int slot =
            cp == 0 || cp == FWL_EVE_TEXT_INVALID ? -1 : fwl_eve_textmap_find(map, count, cp);
        if (slot <= 0) {
            slot = fallback;
            missing++;
        }
        if (n + 1 < out_size) {
            out[n] = (uint8_t)slot;
        }
        n++;
    }
    if (out_size > 0) {
        out[n < out_size ? n : out_size - 1] = 0;
    }
    if (unmapped != NULL) {
        *unmapped = missing;
    }
    return n;
}

#ifdef __cplusplus
}
#endif

#endif
