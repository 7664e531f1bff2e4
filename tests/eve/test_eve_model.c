// The model's coprocessor against zlib and the published FIFO rules:
// CMD_MEMWRITE and CMD_INFLATE streamed through more than one FIFO's worth
// of data (with wrap-around), CMD_GETPTR, a corrupt zlib stream faulting
// (REG_CMD_READ = 0xFFF) and the documented recovery, and host mistakes the
// model must report rather than absorb.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check.h"
#include <zlib.h>

#include "eve_host.h"
#include "eve_model.h"

#define CMD_MEMWRITE 0xFFFFFF1Au
#define CMD_INFLATE  0xFFFFFF22u
#define CMD_GETPTR   0xFFFFFF23u

static void pattern(uint8_t *p, size_t n, unsigned seed)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (uint8_t)((i % 97 < 60) ? i / 7 : x >> 24); // compressible, not trivial
    }
}

static struct eve_model *fresh(struct eve_host *h)
{
    struct eve_model *m = eve_model_create();
    eve_host_init(h, eve_model_spi_transfer, eve_model_spi_receive, m);
    return m;
}

static void test_memwrite_streams_past_fifo(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    static uint8_t data[10001];
    pattern(data, sizeof data, 1);
    eve_host_cmd(&h, CMD_MEMWRITE);
    eve_host_cmd(&h, 0x1234);
    eve_host_cmd(&h, sizeof data);
    eve_host_cmd_bytes(&h, data, sizeof data);
    eve_host_flush(&h);
    CHECK(!h.failed && eve_model_error(m) == NULL, "memwrite: %s", eve_model_error(m));
    CHECK(memcmp(eve_model_ram_g(m) + 0x1234, data, sizeof data) == 0, "RAM_G holds the data");
    CHECK(eve_host_rd32(&h, EVE_REG_CMD_READ) == h.cmd_write, "FIFO drained");
    eve_model_destroy(m);
}

static void test_inflate_matches_zlib(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    static uint8_t data[100000], z[120000];
    pattern(data, sizeof data, 2);
    uLongf zlen = sizeof z;
    CHECK(compress2(z, &zlen, data, sizeof data, 9) == Z_OK, "zlib compress");
    eve_host_cmd(&h, CMD_INFLATE);
    eve_host_cmd(&h, 0x20000);
    eve_host_cmd_bytes(&h, z, zlen); // padded to 4 bytes
    eve_host_cmd(&h, CMD_GETPTR);
    eve_host_cmd(&h, 0);
    uint32_t result_slot = (h.cmd_write + (uint32_t)h.npending - 4) & 4095u;
    eve_host_flush(&h);
    CHECK(!h.failed && eve_model_error(m) == NULL, "inflate: %s", eve_model_error(m));
    CHECK(memcmp(eve_model_ram_g(m) + 0x20000, data, sizeof data) == 0,
          "RAM_G holds what zlib compressed");
    CHECK(eve_host_rd32(&h, EVE_RAM_CMD + result_slot) == 0x20000 + sizeof data,
          "CMD_GETPTR: end of the inflated data");
    CHECK(eve_model_stats(m)->inflated == sizeof data, "inflated byte count");
    eve_model_destroy(m);
}

static void test_corrupt_zlib_faults_and_recovers(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    eve_model_expect_fault(m, 1);
    static uint8_t data[4000], z[5000];
    pattern(data, sizeof data, 3);
    uLongf zlen = sizeof z;
    compress2(z, &zlen, data, sizeof data, 6);
    z[zlen / 2] ^= 0x55;
    z[zlen - 1] ^= 0xFF; // the Adler-32 at the end as well
    eve_host_cmd(&h, CMD_INFLATE);
    eve_host_cmd(&h, 0);
    eve_host_cmd_bytes(&h, z, zlen);
    eve_host_flush(&h);
    CHECK(h.failed, "the host sees the fault");
    CHECK(eve_host_rd32(&h, EVE_REG_CMD_READ) == EVE_CMD_FAULT, "REG_CMD_READ = 0xFFF");
    CHECK(eve_model_stats(m)->faults == 1, "one fault");
    // Recovery: CPURESET 1, READ = WRITE = 0, CPURESET 0.
    eve_host_wr32(&h, EVE_REG_CPURESET, 1);
    eve_host_wr32(&h, EVE_REG_CMD_READ, 0);
    eve_host_wr32(&h, EVE_REG_CMD_WRITE, 0);
    eve_host_wr32(&h, EVE_REG_CPURESET, 0);
    CHECK(eve_host_rd32(&h, EVE_REG_CMD_READ) == 0, "REG_CMD_READ 0 after the reset");
    h.cmd_write = 0;
    h.failed = 0;
    CHECK(eve_host_memwrite_check(&h, eve_model_ram_g(m), 0x100, "abcd", 4),
          "commands run after the reset");
    CHECK(eve_model_error(m) == NULL, "no unexpected error: %s", eve_model_error(m));
    eve_model_destroy(m);
}

static void test_host_mistakes_are_reported(void)
{
    struct eve_host h;
    struct eve_model *m = fresh(&h);
    // A CMD_TEXT without a font set up: the model refuses to guess ROM fonts.
    eve_host_text(&h, 0, 0, 20, 0, "x");
    eve_host_flush(&h);
    CHECK(eve_model_error(m) != NULL, "ROM font use is reported");
    eve_model_destroy(m);

    m = fresh(&h);
    eve_host_wr32(&h, EVE_REG_CMD_WRITE, 6); // not a multiple of 4
    CHECK(eve_model_error(m) != NULL, "unaligned REG_CMD_WRITE is reported");
    eve_model_destroy(m);

    m = fresh(&h);
    uint8_t b[4] = {0};
    eve_host_write(&h, 0x200000, b, 4); // ROM / unmapped
    CHECK(eve_model_error(m) != NULL, "a write to unmapped space is reported");
    eve_model_destroy(m);
}

int main(void)
{
    test_memwrite_streams_past_fifo();
    test_inflate_matches_zlib();
    test_corrupt_zlib_faults_and_recovers();
    test_host_mistakes_are_reported();
    return check_status();
}
