// Replays SPI traffic captured on a target (the Cortex-M demo on QEMU,
// firmware-loader/port/cortex-m/demo_load.c) into the simulated EVE:
// every sent byte goes to the model, and every byte the target received
// must be what the model answers. Then writes RAM_G and the last frame for
// the caller to compare (tests/firmware-loader/cortex_m_demo.sh).
//
//   eve_replay LOG RAM_OUT RAM_LEN FRAME_OUT
// LOG records: 'T' (sent) or 'R' (received), an end-of-transaction byte,
// u32 length (little-endian), the bytes. FRAME_OUT: "W H\n" then W*H*3 RGB.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eve_model.h"

static int replay(struct eve_model *m, FILE *f)
{
    static uint8_t data[1 << 20], got[1 << 20];
    uint8_t rec[6];
    unsigned long n = 0, mismatches = 0;
    while (fread(rec, 1, sizeof rec, f) == sizeof rec) {
        size_t len =
            (size_t)rec[2] | (size_t)rec[3] << 8 | (size_t)rec[4] << 16 | (size_t)rec[5] << 24;
        if (len > sizeof data || fread(data, 1, len, f) != len ||
            (rec[0] != 'T' && rec[0] != 'R')) {
            fprintf(stderr, "eve_replay: malformed record %lu\n", n);
            return -1;
        }
        if (rec[0] == 'T') {
            eve_model_spi_transfer(m, data, len, rec[1]);
        } else {
            eve_model_spi_receive(m, got, len, rec[1]);
            if (memcmp(got, data, len) != 0 && mismatches++ == 0) {
                fprintf(
                    stderr,
                    "eve_replay: record %lu: the target read %02x.., the model answers %02x..\n", n,
                    data[0], got[0]);
            }
        }
        n++;
    }
    printf("replayed %lu SPI records, %llu bytes, %llu inflated by the model\n", n,
           (unsigned long long)eve_model_stats(m)->spi_bytes,
           (unsigned long long)eve_model_stats(m)->inflated);
    return mismatches == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: eve_replay LOG RAM_OUT RAM_LEN FRAME_OUT\n");
        return 2;
    }
    struct eve_model *m = eve_model_create();
    FILE *f = fopen(argv[1], "rb");
    if (m == NULL || f == NULL) {
        fprintf(stderr, "eve_replay: cannot open %s\n", argv[1]);
        return 1;
    }
    int rc = replay(m, f) == 0 ? 0 : 1;
    fclose(f);
    if (eve_model_error(m) != NULL) {
        fprintf(stderr, "eve_replay: model: %s\n", eve_model_error(m));
        rc = 1;
    }
    size_t ram_len = strtoul(argv[3], NULL, 0);
    unsigned w, h;
    const uint8_t *frame = eve_model_frame(m, &w, &h);
    FILE *r = fopen(argv[2], "wb");
    FILE *fr = fopen(argv[4], "wb");
    if (r == NULL || fr == NULL || ram_len > EVE_RAM_G_SIZE ||
        fwrite(eve_model_ram_g(m), 1, ram_len, r) != ram_len || frame == NULL ||
        fprintf(fr, "%u %u\n", w, h) < 0 || fwrite(frame, 3, (size_t)w * h, fr) != (size_t)w * h) {
        fprintf(stderr, "eve_replay: cannot write the outputs (or no frame was drawn)\n");
        rc = 1;
    }
    if (r != NULL) {
        fclose(r);
    }
    if (fr != NULL) {
        fclose(fr);
    }
    eve_model_destroy(m);
    return rc;
}
