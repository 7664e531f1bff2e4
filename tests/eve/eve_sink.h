// The loader's EVE sink wired to the simulated EVE, as a firmware wires it
// to its SPI driver: shared by the tests and tools in tests/eve.
#ifndef EVE_SINK_H
#define EVE_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "eve_model.h"
#include "fwl/eve.h"
#include "fwl/loader.h"

// Fills `eve` (the model's SPI wires, receive path included) and `port`
// (memory-mapped `bundle`, fwl_eve_xram_write and fwl_eve_inflate, RAM_G,
// the target id the bundle's header names, one trusted key).
void eve_sink_port(struct fwl_port *port, struct fwl_eve *eve, struct eve_model *m,
                   const uint8_t *bundle, size_t len, const uint8_t (*key)[32]);

// Reads a whole file (malloc'd, caller frees); NULL if it cannot.
uint8_t *eve_sink_slurp(const char *path, size_t *len);

#endif
