// Crypto bench image for QEMU mps2-an386 (run by bench/loader_crypto.sh).
//
// Counts instructions with SysTick under `-icount shift=0` (virtual time is
// one nanosecond per instruction; the count is calibrated below against a
// loop of known length rather than assumed) and measures peak stack by
// painting the free stack before each call. Prints "name value" lines.
#include <stdint.h>
#include <string.h>

#include "fwl/blake2s.h"
#include "fwl/ed25519.h"
#include "fwl/sha512.h"

#include "fe25519.h"
#include "semihost.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

#define PAINT 0xA5A5A5A5u

extern uint32_t __stack_limit[];

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

static uint32_t ticks_now(void)
{
    return SYST_CVR; // counts down
}

static uint32_t ticks_since(uint32_t start)
{
    return (start - SYST_CVR) & 0x00FFFFFFu;
}

static uint32_t current_sp(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

// Paints the free stack below this function's frame.
__attribute__((noinline)) static void paint_stack(void)
{
    uint32_t *p = __stack_limit;
    uint32_t *end = (uint32_t *)(current_sp() - 64);
    while (p < end) {
        *p++ = PAINT;
    }
}

// Bytes of stack used below `sp` since the last paint.
static uint32_t stack_used(uint32_t sp)
{
    const uint32_t *p = __stack_limit;
    while (*p == PAINT) {
        p++;
    }
    return sp - (uint32_t)(uintptr_t)p;
}

// 2 * n + a few instructions: subs + bne per iteration.
__attribute__((noinline)) static void spin(uint32_t n)
{
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

static void report(const char *name, uint32_t value)
{
    semihost_write(name);
    semihost_write(" ");
    semihost_write_u32(value);
    semihost_write("\n");
}

static void write_hex(const char *name, const uint8_t *p, int n)
{
    static const char digits[] = "0123456789abcdef";
    char buf[2 * 64 + 1];
    for (int i = 0; i < n; i++) {
        buf[2 * i] = digits[p[i] >> 4];
        buf[2 * i + 1] = digits[p[i] & 15];
    }
    buf[2 * n] = 0;
    semihost_write(name);
    semihost_write(" ");
    semihost_write(buf);
    semihost_write("\n");
}

int main(void)
{
    uint8_t digest[64];
    uint32_t t, sp, cal, ed_ok, ed_bad, b2, s512;
    int ok = 1;

    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5; // processor clock, enabled, no interrupt

    // Calibration: instructions per tick from 1,000,000 loop instructions.
    t = ticks_now();
    spin(500000);
    cal = ticks_since(t);
    report("calibration_ticks_per_1M_insns", cal);

    for (uint32_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i * 7 + (i >> 8));
    }

    sp = current_sp();
    paint_stack();
    t = ticks_now();
    int r = fwl_ed25519_verify(rfc_sig, rfc_msg, sizeof rfc_msg, rfc_pk);
    ed_ok = ticks_since(t);
    report("ed25519_verify_stack_bytes", stack_used(sp));
    report("ed25519_verify_result", (uint32_t)-r);
    ok &= r == 0;

    uint8_t bad[64];
    memcpy(bad, rfc_sig, 64);
    bad[5] ^= 1;
    t = ticks_now();
    r = fwl_ed25519_verify(bad, rfc_msg, sizeof rfc_msg, rfc_pk);
    ed_bad = ticks_since(t);
    ok &= r == FWL_ED25519_ERR_FORGED;

    paint_stack();
    t = ticks_now();
    fwl_blake2s(digest, data, sizeof data);
    b2 = ticks_since(t);
    report("blake2s_16k_stack_bytes", stack_used(sp));
    write_hex("blake2s_16k_digest", digest, 32);

    paint_stack();
    t = ticks_now();
    fwl_sha512(digest, data, sizeof data);
    s512 = ticks_since(t);
    report("sha512_16k_stack_bytes", stack_used(sp));
    write_hex("sha512_16k_digest", digest, 64);

    // Field primitives, 100 calls each (ticks per 100 calls = insns / 0.4).
    {
        fe f, g;
        fwl_fe_frombytes(f, rfc_sig);
        fwl_fe_frombytes(g, rfc_pk);
        t = ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_mul(f, f, g);
        }
        report("fe_mul_x100_ticks", ticks_since(t));
        t = ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_sq(f, f);
        }
        report("fe_sq_x100_ticks", ticks_since(t));
        t = ticks_now();
        fwl_fe_invert(g, f);
        report("fe_invert_ticks", ticks_since(t));
        t = ticks_now();
        for (int i = 0; i < 100; i++) {
            fwl_fe_tobytes(digest, g);
        }
        report("fe_tobytes_x100_ticks", ticks_since(t));
    }

    report("ed25519_verify_ticks", ed_ok);
    report("ed25519_verify_bad_sig_ticks", ed_bad);
    report("blake2s_16k_ticks", b2);
    report("sha512_16k_ticks", s512);
    semihost_write(ok ? "result ok\n" : "result FAIL\n");
    return ok ? 0 : 1;
}
