// Ed25519 verification against Project Wycheproof's 151 vectors
// (data/wycheproof_ed25519_test.json, see data/README.md; turned into
// wycheproof_ed25519.h at build time) and, for every vector, libsodium.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../common/check.h"

#include "fwl/ed25519.h"

#include "wycheproof_ed25519.h"

static int decode(uint8_t *out, size_t cap, const char *hex, size_t *len)
{
    return sodium_hex2bin(out, cap, hex, strlen(hex), NULL, len, NULL);
}

int main(void)
{
    int valid = 0;
    size_t count = sizeof wycheproof_cases / sizeof wycheproof_cases[0];
    if (sodium_init() < 0) {
        return 1;
    }
    for (size_t i = 0; i < count; i++) {
        const struct wycheproof_case *c = &wycheproof_cases[i];
        static uint8_t msg[4096];
        uint8_t pk[32], sig[128];
        size_t pk_len, msg_len, sig_len;
        if (decode(pk, sizeof pk, c->pk, &pk_len) != 0 || pk_len != 32 ||
            decode(msg, sizeof msg, c->msg, &msg_len) != 0 ||
            decode(sig, sizeof sig, c->sig, &sig_len) != 0) {
            CHECK(0, "tcId %d: cannot decode", c->tc_id);
            continue;
        }
        int ours = -1, theirs = -1;
        // A signature that is not 64 bytes long never reaches the verifier:
        // the bundle format has a fixed 64-byte field.
        if (sig_len == 64) {
            ours = fwl_ed25519_verify(sig, msg, msg_len, pk);
            theirs = crypto_sign_verify_detached(sig, msg, msg_len, pk);
        }
        CHECK((ours == 0) == c->valid && (theirs == 0) == c->valid,
              "tcId %d (%s): expected %s, fwl %d (%s), libsodium %d", c->tc_id, c->flags,
              c->valid ? "valid" : "invalid", ours, fwl_ed25519_error_name(ours), theirs);
        valid += ours == 0;
    }
    if (check_failures != 0) {
        fprintf(stderr, "%d of %zu vectors failed\n", check_failures, count);
        return 1;
    }
    printf("ok: %zu vectors, %d valid\n", count, valid);
    return 0;
}
