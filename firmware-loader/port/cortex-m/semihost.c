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

int semihost_open_write(const char *path)
{
    uint32_t len = 0;
    while (path[len] != 0) {
        len++;
    }
    uint32_t args[3] = {(uint32_t)(uintptr_t)path, 5u /* "wb" */, len};
    return (int)semihost_call(0x01, args); // SYS_OPEN
}

int semihost_fwrite(int handle, const void *buf, uint32_t len)
{
    uint32_t args[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)buf, len};
    return semihost_call(0x05, args) == 0 ? 0 : -1; // SYS_WRITE: bytes not written
}

void semihost_close(int handle)
{
    uint32_t args[1] = {(uint32_t)handle};
    (void)semihost_call(0x02, args); // SYS_CLOSE
}

void semihost_exit(int ok)
{
    // ADP_Stopped_ApplicationExit ends QEMU with status 0; any other
    // reason (here ADP_Stopped_InternalError) with status 1.
    (void)semihost_call(0x18, (const void *)(uintptr_t)(ok ? 0x20026u : 0x20024u));
    for (;;) {
    }
}
