// The loader's EVE sink on the simulated EVE (see eve_sink.h).
#include "eve_sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bundle_wire.h"

void eve_sink_port(struct fwl_port *port, struct fwl_eve *eve, struct eve_model *m,
                   const uint8_t *bundle, size_t len, const uint8_t (*key)[32])
{
    fwl_eve_init(eve, eve_model_spi_transfer, m);
    eve->spi_receive = eve_model_spi_receive; // the zlib path reads REG_CMD_READ
    memset(port, 0, sizeof *port);
    port->ctx = eve;
    port->src = bundle;
    port->src_len = (uint32_t)len;
    port->xram_write = fwl_eve_xram_write;
    port->xram_inflate = fwl_eve_inflate;
    port->keys = key;
    port->key_count = 1;
    port->target_id = len >= BUNDLE_HDR_SIZE ? bundle_load_u32(bundle + BUNDLE_OFF_TARGET_ID) : 0;
    port->ram_base = FWL_EVE_RAM_G;
    port->ram_size = FWL_EVE_RAM_G_SIZE;
}

uint8_t *eve_sink_slurp(const char *path, size_t *len)
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
        *len = n > 0 ? (size_t)n : 0;
    }
    if (f != NULL) {
        fclose(f);
    }
    return b;
}
