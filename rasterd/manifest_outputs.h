// rasterd: the files a build writes into output.dir, each with the manifest
// key that names it, from one table (manifest_outputs.c). The manifest
// checks every name and refuses two outputs with one name (ignoring case, as
// a case-insensitive file system would) at load, naming both keys. A new
// output group joins by adding its line(s) to that table: it is then checked
// like the others, and deploy code finds derived names (headers) here.
#ifndef RASTERD_MANIFEST_OUTPUTS_H
#define RASTERD_MANIFEST_OUTPUTS_H

#include <stddef.h>

#include "manifest.h"

enum mf_output_role {
    MF_OUTPUT_FILE,   // the file the key names
    MF_OUTPUT_HEADER, // its header: the name with ".h" for its extension
    MF_OUTPUT_NAMED,  // a file named after the key's value (an LVGL font's or image's .c, .bin)
};

struct mf_output {
    char key[40]; // "frozen.c", "lvgl.fonts[2].name": the setting naming it
    enum mf_output_role role;
    char *name; // file name inside output.dir (heap)
};

struct mf_outputs {
    struct mf_output *file; // heap
    size_t count;
};

// Lists every output `m` asks for (outputs not configured are skipped): the
// table's fixed outputs, then each LVGL font's and image's <name>.c (and
// <name>.bin).
// Returns 0, or -1 when out of memory.
int manifest_outputs_list(const struct manifest *m, struct mf_outputs *o)
    __attribute__((warn_unused_result));
void manifest_outputs_finish(struct mf_outputs *o);

// "base.h" for "base.c" / "base.S" (the last extension replaced; appended
// when there is none). Returns a heap string, or NULL when out of memory.
char *manifest_output_header(const char *file);

// Why `f` cannot be an output file name, or NULL when it can: a plain name
// (no '/', not "." or "..", no control characters); a header that generated
// C #includes must also be fmt_c_include_name_valid.
const char *manifest_output_problem(const struct mf_output *f);

// manifest_check_outputs (manifest_parse.h) applies these at load.

#endif
