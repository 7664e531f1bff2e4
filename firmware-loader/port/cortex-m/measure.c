#include "measure.h"

#include "semihost.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

#define PAINT 0xA5A5A5A5u

extern uint32_t __stack_limit[];

void measure_systick_start(void)
{
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5; // processor clock, enabled, no interrupt
}

uint32_t measure_ticks_now(void)
{
    return SYST_CVR;
}

uint32_t measure_ticks_since(uint32_t start)
{
    return (start - SYST_CVR) & 0x00FFFFFFu;
}

__attribute__((noinline)) uint32_t measure_sp(void)
{
    // A leaf without a frame: sp here is the caller's sp at the call.
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

__attribute__((noinline)) void measure_paint_stack(void)
{
    uint32_t *p = __stack_limit;
    uint32_t *end = (uint32_t *)(measure_sp() - 64);
    while (p < end) {
        *p++ = PAINT;
    }
}

uint32_t measure_stack_used(uint32_t sp)
{
    const uint32_t *p = __stack_limit;
    while (*p == PAINT) {
        p++;
    }
    return sp - (uint32_t)(uintptr_t)p;
}

__attribute__((noinline)) void measure_spin(uint32_t n)
{
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

void measure_report(const char *name, uint32_t value)
{
    semihost_write(name);
    semihost_write(" ");
    semihost_write_u32(value);
    semihost_write("\n");
}

void measure_report_hex(const char *name, const uint8_t *p, int n)
{
    static const char digits[] = "0123456789abcdef";
    char buf[2 * 64 + 1];
    if (n > 64) {
        n = 64;
    }
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
