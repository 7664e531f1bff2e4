// The wire header compiles as freestanding C99 with -Wconversion (as the
// firmware loader builds it), and its offsets are consistent.
#include "wire/bundle_wire.h"

#include <stdint.h>

#define WIRE_ASSERT(name, cond) typedef char name[(cond) ? 1 : -1]

WIRE_ASSERT(digest_ends_header, BUNDLE_OFF_FIRST_DIGEST + BUNDLE_DIGEST_SIZE == BUNDLE_HDR_SIZE);
WIRE_ASSERT(key_id_fits, BUNDLE_OFF_KEY_ID + BUNDLE_KEY_ID_SIZE == BUNDLE_OFF_CHUNK_SIZE);
WIRE_ASSERT(entry_ends, BUNDLE_ENT_RSVD + 4u == BUNDLE_ENTRY_SIZE);
WIRE_ASSERT(name_ends, BUNDLE_ENT_NAME + BUNDLE_NAME_SIZE == BUNDLE_ENT_KIND);
WIRE_ASSERT(signed_max,
            BUNDLE_HDR_SIZE + BUNDLE_ASSETS_MAX * BUNDLE_ENTRY_SIZE <= BUNDLE_SIGNED_MAX);

int main(void)
{
    static const uint8_t magic[4] = {'R', 'B', 'N', 'D'};
    int bad = 0;
    bad |= bundle_load_u32(magic) != BUNDLE_MAGIC_U32;
    uint8_t le[4];
    bundle_store_u32(le, 0x04030201u);
    bad |= le[0] != 1u || le[1] != 2u || le[2] != 3u || le[3] != 4u;
    bad |= !bundle_chunk_size_valid(256u) || !bundle_chunk_size_valid(65536u);
    bad |= bundle_chunk_size_valid(128u) || bundle_chunk_size_valid(131072u) ||
           bundle_chunk_size_valid(768u);
    // 1000 bytes in 256-byte chunks: 256, 256, 256, 232; records carry a digest except the last.
    bad |= bundle_chunk_len(1000u, 256u, 3u) != 232u || bundle_chunk_len(1000u, 256u, 4u) != 0u;
    bad |= bundle_record_len(1000u, 256u, 0u) != 288u || bundle_record_len(1000u, 256u, 3u) != 232u;
    bad |= bundle_record_len(512u, 256u, 1u) != 256u;
    return bad;
}
