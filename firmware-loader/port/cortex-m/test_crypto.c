// On-target correctness test for QEMU mps2-an386 (meson test in the cross
// build): the cross-compiled verifier against the 151 Wycheproof Ed25519
// vectors, plus the RFC 7693 and FIPS 180-2 "abc" digests. Exit status 0 only
// when every check passes.
#include <stdint.h>
#include <string.h>

#include "wire/blake2s.h"
#include "fwl/ed25519.h"
#include "fwl/sha512.h"

#include "semihost.h"

#include "wycheproof_ed25519.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

// Decodes hex into out (at most cap bytes); returns the length or -1.
static int unhex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (int)(n / 2);
}

static int check_digests(void)
{
    static const char b2_abc[] = "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982";
    static const char s512_abc[] =
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
    uint8_t want[64], got[64];
    int ok = 1;
    unhex(want, sizeof want, b2_abc);
    bundle_blake2s(got, (const uint8_t *)"abc", 3);
    ok &= memcmp(got, want, 32) == 0;
    unhex(want, sizeof want, s512_abc);
    fwl_sha512(got, (const uint8_t *)"abc", 3);
    ok &= memcmp(got, want, 64) == 0;
    return ok;
}

int main(void)
{
    static uint8_t msg[1024];
    uint32_t failures = 0, valid = 0, run = 0;
    size_t count = sizeof wycheproof_cases / sizeof wycheproof_cases[0];
    for (size_t i = 0; i < count; i++) {
        const struct wycheproof_case *c = &wycheproof_cases[i];
        uint8_t pk[32], sig[64];
        int msg_len = unhex(msg, sizeof msg, c->msg);
        if (unhex(pk, sizeof pk, c->pk) != 32 || msg_len < 0) {
            failures++;
            continue;
        }
        // Signatures that are not 64 bytes are invalid by length.
        int ok = unhex(sig, sizeof sig, c->sig) == 64 &&
                 fwl_ed25519_verify(sig, msg, (size_t)msg_len, pk) == FWL_ED25519_OK;
        run++;
        valid += (uint32_t)ok;
        if (ok != c->valid) {
            failures++;
            semihost_write("FAIL tcId ");
            semihost_write_u32((uint32_t)c->tc_id);
            semihost_write("\n");
        }
    }
    if (!check_digests()) {
        failures++;
        semihost_write("FAIL digests\n");
    }
    semihost_write("wycheproof vectors ");
    semihost_write_u32(run);
    semihost_write(", valid ");
    semihost_write_u32(valid);
    semihost_write(", failures ");
    semihost_write_u32(failures);
    semihost_write("\n");
    return failures == 0 ? 0 : 1;
}
