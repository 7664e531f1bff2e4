// Loads a bundle through the firmware loader's EVE sink (fwl_eve_xram_write
// and, for zlib segments, fwl_eve_inflate with CMD_INFLATE) into the
// simulated EVE and prints what crossed the SPI bus. Used by
// bench/eve_zlib.sh; exit status 0 only if the load succeeded and the model
// saw no error.
//
//   eve_load BUNDLE PUBKEY
// prints: "spi_bytes N transactions N stored N payload N inflated N"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eve_model.h"
#include "fwl/eve.h"
#include "fwl/loader.h"
#include "wire/bundle_wire.h"

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b = NULL;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        rewind(f);
        b = n > 0 ? malloc((size_t)n) : NULL;
        if (b != NULL && fread(b, 1, (size_t)n, f) != (size_t)n) {
            free(b);
            b = NULL;
        }
        *len = (size_t)n;
    }
    if (f != NULL) {
        fclose(f);
    }
    return b;
}

int main(int argc, char **argv)
{
    size_t len = 0, klen = 0;
    uint8_t *bundle = argc == 3 ? slurp(argv[1], &len) : NULL;
    uint8_t *key = argc == 3 ? slurp(argv[2], &klen) : NULL;
    struct eve_model *m = eve_model_create();
    if (bundle == NULL || key == NULL || klen != 32 || len < BUNDLE_HDR_SIZE || m == NULL) {
        fprintf(stderr, "usage: eve_load BUNDLE PUBKEY (32-byte key file)\n");
        return 2;
    }
    struct fwl_eve eve;
    fwl_eve_init(&eve, eve_model_spi_transfer, m);
    eve.spi_receive = eve_model_spi_receive;
    struct fwl_port port;
    memset(&port, 0, sizeof port);
    port.ctx = &eve;
    port.src = bundle;
    port.src_len = (uint32_t)len;
    port.xram_write = fwl_eve_xram_write;
    port.xram_inflate = fwl_eve_inflate;
    port.keys = (const uint8_t(*)[32])key;
    port.key_count = 1;
    port.target_id = bundle_load_u32(bundle + BUNDLE_OFF_TARGET_ID);
    port.ram_base = FWL_EVE_RAM_G;
    port.ram_size = FWL_EVE_RAM_G_SIZE;
    struct fwl_ctx c;
    int err = fwl_load(&c, &port);
    const struct eve_stats *st = eve_model_stats(m);
    printf("spi_bytes %llu transactions %llu stored %u payload %u inflated %llu\n",
           (unsigned long long)st->spi_bytes, (unsigned long long)st->transactions,
           (unsigned)c.stored_len, (unsigned)c.payload_len, (unsigned long long)st->inflated);
    int rc = err == FWL_OK && eve_model_error(m) == NULL ? 0 : 1;
    if (rc != 0) {
        fprintf(stderr, "eve_load: %s; model: %s\n", fwl_strerror(err),
                eve_model_error(m) ? eve_model_error(m) : "ok");
    }
    eve_model_destroy(m);
    free(bundle);
    free(key);
    return rc;
}
