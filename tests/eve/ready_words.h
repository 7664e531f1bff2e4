// A ready word of assets.h by name (without the output prefix), as the C
// compiler read it: the table ready_project.py generates (CHIP_words.c).
#ifndef READY_WORDS_H
#define READY_WORDS_H

#include <stddef.h>
#include <stdint.h>

struct ready_word {
    const char *name;
    uint32_t value;
};

extern const struct ready_word ready_words[];
extern const size_t ready_nwords;

#endif
