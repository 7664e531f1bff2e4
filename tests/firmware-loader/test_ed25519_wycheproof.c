// Ed25519 verification against Project Wycheproof's 151 vectors (committed
// as data/wycheproof_ed25519.h) and, for every vector, libsodium.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "fwl/ed25519.h"

#include "data/wycheproof_ed25519.h"

static int decode(uint8_t *out, size_t cap, const char *hex, size_t *len)
{
    return sodium_hex2bin(out, cap, hex, strlen(hex), NULL, len, NULL);
}

int main(void)
{
    int failures = 0, valid = 0;
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
            fprintf(stderr, "FAIL tcId %d: cannot decode\n", c->tc_id);
            failures++;
            continue;
        }
        int ours = -1, theirs = -1;
        // A signature that is not 64 bytes long never reaches the verifier:
        // the bundle format has a fixed 64-byte field.
        if (sig_len == 64) {
            ours = fwl_ed25519_verify(sig, msg, msg_len, pk);
            theirs = crypto_sign_verify_detached(sig, msg, msg_len, pk);
        }
        if ((ours == 0) != c->valid || (theirs == 0) != c->valid) {
            fprintf(stderr, "FAIL tcId %d (%s): expected %s, fwl %d (%s), libsodium %d\n", c->tc_id,
                    c->flags, c->valid ? "valid" : "invalid", ours, fwl_ed25519_error_name(ours),
                    theirs);
            failures++;
        }
        valid += ours == 0;
    }
    if (failures) {
        fprintf(stderr, "%d of %zu vectors failed\n", failures, count);
        return 1;
    }
    printf("ok: %zu vectors, %d valid\n", count, valid);
    return 0;
}
