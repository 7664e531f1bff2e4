// rasterd bundle formats v1 and v2: the one definition of the on-wire layout.
//
// Part of wire/, the one piece both the host writer (formats/) and the
// firmware loader (firmware-loader/) use: freestanding C99, -Wconversion
// clean, no other dependency (BLAKE2s is wire/blake2s.h). Only constants, byte
// offsets, sizes and little-endian load helpers live here: no structs that
// mirror the wire (decode with the helpers), no host-only includes.
// docs/bundle-format.md is the specification; change both together.
//
// File layout (all integers little-endian, offsets from byte 0 of the file):
//
//   [0, signed_len)                   signed region: fixed header
//                                     (BUNDLE_HDR_SIZE) + asset directory
//   [signed_len, signed_len + 64)     Ed25519 signature over the signed region
//   [signed_len + 64, end)            chunk records 0 .. chunk_count - 1
//
// Chunk record i = payload bytes of chunk i, then (except for the last
// record) the BLAKE2s-256 digest of record i + 1. The header holds the digest
// of record 0. v1: chunk i is written to target address
// payload_addr + i * chunk_size. v2: the chunks carry a stream of segments
// (a 16-byte segment header, then its data padded to 4 bytes), each plain or
// zlib-compressed, applied at the segment's own target address.
#ifndef WIRE_BUNDLE_WIRE_H
#define WIRE_BUNDLE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---- Framing (fixed across all format versions) ----------------------------

#define BUNDLE_MAGIC_0 0x52u // 'R'
#define BUNDLE_MAGIC_1 0x42u // 'B'
#define BUNDLE_MAGIC_2 0x4Eu // 'N'
#define BUNDLE_MAGIC_3 0x44u // 'D'
// The magic read as a little-endian u32 ("RBND").
#define BUNDLE_MAGIC_U32 0x444E4252u

#define BUNDLE_OFF_MAGIC      0u // u8[4] "RBND"
#define BUNDLE_OFF_VERSION    4u // u16 format version
#define BUNDLE_OFF_FLAGS      6u // u16 flags, see BUNDLE_FLAGS_KNOWN_V1/_V2
#define BUNDLE_OFF_SIGNED_LEN 8u // u32 length of the signed region from byte 0

#define BUNDLE_SIG_SIZE 64u // Ed25519 signature, right after the signed region

// ---- Versions ---------------------------------------------------------------

// v1: the payload is the linked image of [payload_addr, payload_addr +
// payload_len). Writers use it for bundles without compressed data, so
// loaders built before v2 keep loading them.
#define BUNDLE_VERSION_1 1u
// v2: v1's header plus stored_len at +96; the chunks carry a segment stream.
#define BUNDLE_VERSION_2 2u
// The newest version; readers accept BUNDLE_VERSION_1..BUNDLE_VERSION.
#define BUNDLE_VERSION BUNDLE_VERSION_2

// Flags. Readers reject any flag bit they do not know for the version.
// v2: at least one segment is zlib-compressed, so the sink must inflate.
#define BUNDLE_FLAG_ZLIB      0x0001u
#define BUNDLE_FLAGS_KNOWN_V1 0x0000u
#define BUNDLE_FLAGS_KNOWN_V2 BUNDLE_FLAG_ZLIB

// ---- Version 1 header (v2 appends one field) --------------------------------

#define BUNDLE_OFF_HDR_SIZE     12u // u32 fixed header size; >= BUNDLE_HDR_SIZE, multiple of 4
#define BUNDLE_OFF_TARGET_ID    16u // u32 target id (docs/bundle-format.md)
#define BUNDLE_OFF_SPACE_BASE   20u // u32 target address space: first address
#define BUNDLE_OFF_SPACE_SIZE   24u // u32 target address space: size in bytes (> 0)
#define BUNDLE_OFF_SECURITY_VER 28u // u32 security version (anti-rollback)
#define BUNDLE_OFF_KEY_ID       32u // u8[8] first 8 bytes of BLAKE2s-256(public key)
#define BUNDLE_OFF_CHUNK_SIZE   40u // u32 payload bytes per chunk: power of two, 256..65536
#define BUNDLE_OFF_CHUNK_COUNT  44u // u32 number of chunk records, ceil(stored_len / chunk_size)
#define BUNDLE_OFF_PAYLOAD_ADDR 48u // u32 target address of payload byte 0
#define BUNDLE_OFF_PAYLOAD_LEN  52u // u32 payload bytes (>= 1)
#define BUNDLE_OFF_ASSET_COUNT  56u // u32 directory entries (>= 1)
#define BUNDLE_OFF_ENTRY_SIZE                                                                      \
    60u // u32 bytes per directory entry; >= BUNDLE_ENTRY_SIZE, multiple of 4
#define BUNDLE_OFF_FIRST_DIGEST 64u // u8[32] BLAKE2s-256 of chunk record 0
#define BUNDLE_HDR_SIZE         96u // v1 header size; the directory starts at hdr_size
// v2 only: u32 bytes of the segment stream the chunks carry (>= 1). In v1
// the chunks carry payload_len bytes.
#define BUNDLE_OFF_STORED_LEN 96u
#define BUNDLE_HDR_SIZE_V2    100u // v2 header size (hdr_size >= 100)

// ---- v2 segments ---------------------------------------------------------------
// The stream is a sequence of segments; each starts on a 4-byte boundary of
// the stream with a 16-byte header, followed by stored_len data bytes and
// zero padding to the next multiple of 4. [dest, dest + out_len) lies inside
// [payload_addr, payload_addr + payload_len).
#define BUNDLE_SEG_DEST       0u  // u32 target address of the first byte produced
#define BUNDLE_SEG_OUT_LEN    4u  // u32 bytes produced at dest (>= 1)
#define BUNDLE_SEG_STORED_LEN 8u  // u32 data bytes in the stream (>= 1)
#define BUNDLE_SEG_ENCODING   12u // u32 BUNDLE_ENC_*
#define BUNDLE_SEG_HDR_SIZE   16u
#define BUNDLE_ENC_PLAIN      0u // data written verbatim; stored_len == out_len
#define BUNDLE_ENC_ZLIB       1u // an RFC 1950 zlib stream inflating to out_len bytes

#define BUNDLE_KEY_ID_SIZE 8u
#define BUNDLE_DIGEST_SIZE 32u // BLAKE2s-256

#define BUNDLE_CHUNK_MIN 256u
#define BUNDLE_CHUNK_MAX 65536u

// Upper bound a v1 writer respects for the signed region; a loader may use it
// (or less) as its limit.
#define BUNDLE_SIGNED_MAX 65536u
#define BUNDLE_ASSETS_MAX 1000u

// ---- Directory entry (v1: 64 bytes each, in ascending address order) -------

#define BUNDLE_ENT_NAME   0u  // u8[24] asset name, NUL-padded, at least one NUL
#define BUNDLE_ENT_KIND   24u // u8 BUNDLE_KIND_*
#define BUNDLE_ENT_FORMAT 25u // u8 kind-specific format code (see below)
#define BUNDLE_ENT_FLAGS  26u // u16 flags (BUNDLE_ENT_FLAG_*); readers ignore unknown bits
#define BUNDLE_ENT_ADDR   28u // u32 target address of the asset's first byte
#define BUNDLE_ENT_SIZE   32u // u32 asset size in bytes (>= 1)
#define BUNDLE_ENT_WIDTH  36u // u32 image: width px; font: cell width px (widest advance); raw: 0
#define BUNDLE_ENT_HEIGHT 40u // u32 image: height px; font: cell height px (line height); raw: 0
#define BUNDLE_ENT_STRIDE 44u // u32 image, font: bytes per bitmap row; raw: 0
// aux0: font: first code point; paletted image: palette address; GLFORMAT
// image: BITMAP_EXT_FORMAT code; other images, raw: 0.
#define BUNDLE_ENT_AUX0 48u // u32
// aux1: font: number of glyph cells; paletted image, palette: entry count;
// other images, raw: 0.
#define BUNDLE_ENT_AUX1 52u // u32
// aux2: image, font, palette: bits per pixel (palette: per entry); raw: 0.
#define BUNDLE_ENT_AUX2   56u // u32
#define BUNDLE_ENT_RSVD   60u // u32 reserved, 0 in v1
#define BUNDLE_ENTRY_SIZE 64u
#define BUNDLE_NAME_SIZE  24u // including the terminating NUL

// Asset kinds (BUNDLE_ENT_KIND).
#define BUNDLE_KIND_RAW   1u // verbatim bytes
#define BUNDLE_KIND_IMAGE 2u // bitmap; format = EVE BITMAP_LAYOUT format code
#define BUNDLE_KIND_FONT  3u // rasterd font blob; format = EVE L1/L2/L4/L8 code
// The palette of a PALETTED565/4444/8 image, linked as its own piece;
// format = the image's format code, width = entries, stride = bytes per entry.
#define BUNDLE_KIND_PALETTE 4u

// Format codes used in BUNDLE_ENT_FORMAT (EVE BITMAP_LAYOUT values). Raw
// assets use BUNDLE_FMT_NONE.
#define BUNDLE_FMT_NONE     0xFFu
#define BUNDLE_FMT_ARGB1555 0u
#define BUNDLE_FMT_L1       1u
#define BUNDLE_FMT_L4       2u
#define BUNDLE_FMT_L8       3u
#define BUNDLE_FMT_RGB332   4u
#define BUNDLE_FMT_ARGB2    5u
#define BUNDLE_FMT_ARGB4    6u
#define BUNDLE_FMT_RGB565   7u
#define BUNDLE_FMT_L2       17u
// FT81x/BT81x: 8-bit indices into a palette of RGB565 / ARGB4 / ARGB8 entries
// (a BUNDLE_KIND_PALETTE piece at the address in the image's aux0).
#define BUNDLE_FMT_PALETTED565  14u
#define BUNDLE_FMT_PALETTED4444 15u
#define BUNDLE_FMT_PALETTED8    16u
// BT81x: the pixels are in the format BITMAP_EXT_FORMAT names (ASTC 4x4..12x12
// = 37808..37821): an image holds the code in aux0; an extended font's block
// says which (format 1, +8).
#define BUNDLE_FMT_GLFORMAT 31u

// Entry flags (BUNDLE_ENT_FLAGS). A reader that only copies payload may
// ignore them.
// Font: an EVE extended font, format 1 (signature 0x0100AAFF, BT81x and
// later), instead of a legacy font.
#define BUNDLE_ENT_FLAG_XFONT 0x0001u

// ---- Helpers ----------------------------------------------------------------

static inline uint16_t bundle_load_u16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] | ((unsigned)p[1] << 8));
}

static inline uint32_t bundle_load_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void bundle_store_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

// Flag bits a reader of format `version` understands (0 for unknown versions).
static inline uint16_t bundle_flags_known(uint16_t version)
{
    return version == BUNDLE_VERSION_2 ? (uint16_t)BUNDLE_FLAGS_KNOWN_V2
                                       : (uint16_t)BUNDLE_FLAGS_KNOWN_V1;
}

// `n` rounded up to a multiple of 4 (n < 2^32 - 3).
static inline uint32_t bundle_pad4(uint32_t n)
{
    return (n + 3u) & ~3u;
}

// 1 if `v` is a valid chunk size (power of two in [BUNDLE_CHUNK_MIN,
// BUNDLE_CHUNK_MAX]), else 0.
static inline int bundle_chunk_size_valid(uint32_t v)
{
    return v >= BUNDLE_CHUNK_MIN && v <= BUNDLE_CHUNK_MAX && (v & (v - 1u)) == 0u;
}

// Payload bytes in chunk `i` of a payload of `payload_len` bytes, or 0 if
// `i` is past the end. `chunk_size` must be valid.
static inline uint32_t bundle_chunk_len(uint32_t payload_len, uint32_t chunk_size, uint32_t i)
{
    uint32_t count = payload_len / chunk_size + (payload_len % chunk_size != 0u ? 1u : 0u);
    if (i >= count) {
        return 0u;
    }
    if (i + 1u < count) {
        return chunk_size;
    }
    return payload_len - (count - 1u) * chunk_size;
}

// Bytes of chunk record `i`: chunk payload plus, unless it is the last
// record, the digest of the next record.
static inline uint32_t bundle_record_len(uint32_t payload_len, uint32_t chunk_size, uint32_t i)
{
    uint32_t count = payload_len / chunk_size + (payload_len % chunk_size != 0u ? 1u : 0u);
    uint32_t n = bundle_chunk_len(payload_len, chunk_size, i);
    if (n != 0u && i + 1u < count) {
        n += BUNDLE_DIGEST_SIZE;
    }
    return n;
}

#ifdef __cplusplus
}
#endif

#endif
