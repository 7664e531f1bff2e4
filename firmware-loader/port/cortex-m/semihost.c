#include "semihost.h"

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihost_write(const char *s)
{
    (void)semihost_call(0x04, s); // SYS_WRITE0
}

void semihost_write_u32(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    semihost_write(buf + i);
}

void semihost_exit(int ok)
{
    // ADP_Stopped_ApplicationExit ends QEMU with status 0; any other
    // reason (here ADP_Stopped_InternalError) with status 1.
    (void)semihost_call(0x18, (const void *)(uintptr_t)(ok ? 0x20026u : 0x20024u));
    for (;;) {
    }
}
