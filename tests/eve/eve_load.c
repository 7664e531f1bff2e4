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

#include "eve_sink.h"
#include "wire/bundle_wire.h"

int main(int argc, char **argv)
{
    size_t len = 0, klen = 0;
    uint8_t *bundle = argc == 3 ? eve_sink_slurp(argv[1], &len) : NULL;
    uint8_t *key = argc == 3 ? eve_sink_slurp(argv[2], &klen) : NULL;
    struct eve_model *m = eve_model_create();
    if (bundle == NULL || key == NULL || klen != 32 || len < BUNDLE_HDR_SIZE || m == NULL) {
        fprintf(stderr, "usage: eve_load BUNDLE PUBKEY (32-byte key file)\n");
        return 2;
    }
    struct fwl_eve eve;
    struct fwl_port port;
    eve_sink_port(&port, &eve, m, bundle, len, (const uint8_t(*)[32])key);
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
