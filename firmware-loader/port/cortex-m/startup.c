// Minimal Cortex-M startup for the QEMU images: vector table, .data copy,
// .bss clear, then main(); the result leaves QEMU through semihosting.
#include <stdint.h>
#include <string.h>

#include "semihost.h"

extern uint32_t __data_start__[], __data_end__[], __data_load__[];
extern uint32_t __bss_start__[], __bss_end__[], __stack_top[];

int main(void);
void reset_handler(void);
void fault_handler(void);

void reset_handler(void)
{
    memcpy(__data_start__, __data_load__,
           (size_t)((uintptr_t)__data_end__ - (uintptr_t)__data_start__));
    memset(__bss_start__, 0, (size_t)((uintptr_t)__bss_end__ - (uintptr_t)__bss_start__));
    semihost_exit(main() == 0);
}

void fault_handler(void)
{
    semihost_write("fault\n");
    semihost_exit(0);
}

// Initial SP, reset, then NMI .. SysTick all to the fault handler (the bench
// reads SysTick without interrupts).
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)__stack_top,
    reset_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    0,
    0,
    0,
    0,
    fault_handler,
    fault_handler,
    0,
    fault_handler,
    fault_handler,
};
