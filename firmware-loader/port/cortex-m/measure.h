// Measuring helpers for the QEMU images (bench_crypto, demo_load): SysTick as
// an instruction counter under -icount shift=0 (1 tick = 40 instructions on
// mps2-an386), painted-stack high-water marks, and semihosted reports.
#ifndef FWL_MEASURE_H
#define FWL_MEASURE_H

#include <stdint.h>

// Starts SysTick free-running from 0xFFFFFF on the processor clock.
void measure_systick_start(void);
// The current SysTick value (it counts down).
uint32_t measure_ticks_now(void);
// Ticks elapsed since `start` (a measure_ticks_now value), modulo 2^24.
uint32_t measure_ticks_since(uint32_t start);
// The caller's stack pointer.
uint32_t measure_sp(void);
// Paints the free stack from the linker's __stack_limit up to 64 bytes below
// the caller's frame.
void measure_paint_stack(void);
// Bytes of stack used below `sp` since the last paint.
uint32_t measure_stack_used(uint32_t sp);
// Runs 2 * n loop instructions (subs + bne), for calibrating ticks.
void measure_spin(uint32_t n);
// Writes "name value\n" (decimal) to the semihosting console.
void measure_report(const char *name, uint32_t value);
// Writes "name hex\n" for n <= 64 bytes.
void measure_report_hex(const char *name, const uint8_t *p, int n);

#endif
