// Crypto bench image for QEMU mps2-an386 (run by bench/loader_crypto.sh).
//
// Counts instructions with SysTick under `-icount shift=0` (virtual time is
// one nanosecond per instruction; the count is calibrated below against a
// loop of known length rather than assumed) and measures peak stack by
// painting the free stack before each call. Prints "name value" lines.
#include <stdint.h>
#include <string.h>

#include "wire/blake2s.h"
#include "fwl/ed25519.h"
#include "fwl/sha512.h"

#include "fe25519.h"
#include "measure.h"
#include "semihost.h"

static uint8_t data[16384];

// RFC 8032 section 7.1, TEST 3 (two-byte message).
static const uint8_t rfc_pk[32] = {
    0xfc, 0x51, 0xcd, 0x8e, 0x62, 0x18, 0xa1, 0xa3, 0x8d, 0xa4, 0x7e, 0xd0, 0x02, 0x30, 0xf0, 0x58,
    0x08, 0x16, 0xed, 0x13, 0xba, 0x33, 0x03, 0xac, 0x5d, 0xeb, 0x91, 0x15, 0x48, 0x90, 0x80, 0x25,
};
static const uint8_t rfc_msg[2] = {0xaf, 0x82};
static const uint8_t rfc_sig[64] = {
    0x62, 0x91, 0xd6, 0x57, 0xde, 0xec, 0x24, 0x02, 0x48, 0x27, 0xe6, 0x9c, 0x3a, 0xbe, 0x01, 0xa3,
    0x0c, 0xe5, 0x48, 0xa2, 0x84, 0x74, 0x3a, 0x44, 0x5e, 0x36, 0x80, 0xd7, 0xdb, 0x5a, 0xc3, 0xac,
    0x18, 0xff, 0x9b, 0x53, 0x8d, 0x16, 0xf2, 0x90, 0xae, 0x67, 0xf7, 0x60, 0x98, 0x4d, 0xc6, 0x59,
    0x4a, 0x7c, 0x15, 0xe9, 0x71, 0x6e, 0xd2, 0x8d, 0xc0, 0x27, 0xbe, 0xce, 0xea, 0x1e, 0xc4, 0x0a,
};

int main(void)
{
    uint8_t digest[64];
    uint32_t t, sp, cal, ed_ok, ed_bad, b2, s512;
    int ok = 1;

    measure_systick_start();

    // Calibration: instructions per tick from 1,000,000 loop instructions.
    t = measure_ticks_now();
    measure_spin(500000);
    cal = measure_ticks_since(t);
    measure_report("calibration_ticks_per_1M_insns", cal);

    for (uint32_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i * 7 + (i >> 8));
    }

    sp = measure_sp();
    measure_paint_stack();
    t = measure_ticks_now();
    int r = fwl_ed25519_verify(rfc_sig, rfc_msg, sizeof rfc_msg, rfc_pk);
    ed_ok = measure_ticks_since(t);
    measure_report("ed25519_verify_stack_bytes", measure_stack_used(sp));
    measure_report("ed25519_verify_result", (uint32_t)-r);
    ok &= r == 0;

    uint8_t bad[64];
    memcpy(bad, rfc_sig, 64);
    bad[5] ^= 1;
    t = measure_ticks_now();
    r = fwl_ed25519_verify(bad, rfc_msg, sizeof rfc_msg, rfc_pk);
    ed_bad = measure_ticks_since(t);
    ok &= r == FWL_ED25519_ERR_FORGED;

    measure_paint_stack();
    t = measure_ticks_now();
    bundle_blake2s(digest, data, sizeof data);
    b2 = measure_ticks_since(t);
    measure_report("blake2s_16k_stack_bytes", measure_stack_used(sp));
    measure_report_hex("blake2s_16k_digest", digest, 32);

    measure_paint_stack();
    t = measure_ticks_now();
    fwl_sha512(digest, data, sizeof data);
    s512 = measure_ticks_since(t);
    measure_report("sha512_16k_stack_bytes", measure_stack_used(sp));
    measure_report_hex("sha512_16k_digest", digest, 64);

    // Field primitives, 100 calls each (ticks per 100 calls = insns / 0.4).
    {
        fe f, g;
        fwl_fe_frombytes(f, rfc_sig);
        fwl_fe_frombytes(g, rfc_pk);
        t = measure_ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_mul(f, f, g);
        }
        measure_report("fe_mul_x100_ticks", measure_ticks_since(t));
        t = measure_ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_sq(f, f);
        }
        measure_report("fe_sq_x100_ticks", measure_ticks_since(t));
        t = measure_ticks_now();
        fwl_fe_invert(g, f);
        measure_report("fe_invert_ticks", measure_ticks_since(t));
        t = measure_ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_tobytes(digest, g);
        }
        measure_report("fe_tobytes_x100_ticks", measure_ticks_since(t));
    }

    measure_report("ed25519_verify_ticks", ed_ok);
    measure_report("ed25519_verify_bad_sig_ticks", ed_bad);
    measure_report("blake2s_16k_ticks", b2);
    measure_report("sha512_16k_ticks", s512);
    semihost_write(ok ? "result ok\n" : "result FAIL\n");
    return ok ? 0 : 1;
}
