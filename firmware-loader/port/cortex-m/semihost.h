// ARM semihosting (bkpt 0xAB) for the QEMU images: console output and exit.
#ifndef FWL_SEMIHOST_H
#define FWL_SEMIHOST_H

#include <stdint.h>

// Writes a NUL-terminated string to the host console (SYS_WRITE0).
void semihost_write(const char *s);
// Writes an unsigned decimal number.
void semihost_write_u32(uint32_t v);
// Opens a host file for writing (SYS_OPEN, mode "wb"); returns a handle,
// or -1.
int semihost_open_write(const char *path);
// Appends `len` bytes to an open host file (SYS_WRITE); 0 on success.
int semihost_fwrite(int handle, const void *buf, uint32_t len);
void semihost_close(int handle);
// Ends the emulation (SYS_EXIT): status 0 when ok is nonzero, 1 otherwise.
__attribute__((noreturn)) void semihost_exit(int ok);

#endif
